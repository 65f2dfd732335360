package org.dicomseg.model;

import java.util.Objects;

/**
 * Pixel Measures Sequence (0028,9110) content, PS3.3 C.7.6.16.2.1: Pixel Spacing (0028,0030) as
 * row spacing then column spacing in mm, Slice Thickness (0018,0050) and, when known, Spacing
 * Between Slices (0018,0088). Thickness and spacing between slices are optional (null).
 */
public final class PixelMeasures {
    private final double rowSpacing;
    private final double columnSpacing;
    private final Double sliceThickness;
    private final Double spacingBetweenSlices;

    /**
     * @param rowSpacing    distance between the centres of adjacent rows (first value of Pixel Spacing)
     * @param columnSpacing distance between the centres of adjacent columns (second value)
     * @param sliceThickness mm, or null when unknown
     * @param spacingBetweenSlices mm, or null when unknown
     */
    public PixelMeasures(double rowSpacing, double columnSpacing, Double sliceThickness, Double spacingBetweenSlices) {
        if (!(rowSpacing > 0) || !(columnSpacing > 0) || Double.isInfinite(rowSpacing) || Double.isInfinite(columnSpacing)) {
            throw new IllegalArgumentException("Pixel Spacing must be positive: " + rowSpacing + "\\" + columnSpacing);
        }
        if (sliceThickness != null && !(sliceThickness > 0 && Double.isFinite(sliceThickness))) {
            throw new IllegalArgumentException("Slice Thickness must be positive: " + sliceThickness);
        }
        if (spacingBetweenSlices != null && !Double.isFinite(spacingBetweenSlices)) {
            throw new IllegalArgumentException("Spacing Between Slices must be finite: " + spacingBetweenSlices);
        }
        this.rowSpacing = rowSpacing;
        this.columnSpacing = columnSpacing;
        this.sliceThickness = sliceThickness;
        this.spacingBetweenSlices = spacingBetweenSlices;
    }

    public PixelMeasures(double rowSpacing, double columnSpacing, Double sliceThickness) {
        this(rowSpacing, columnSpacing, sliceThickness, null);
    }

    public double rowSpacing() { return rowSpacing; }
    public double columnSpacing() { return columnSpacing; }
    /** Slice Thickness in mm, or null. */
    public Double sliceThickness() { return sliceThickness; }
    /** Spacing Between Slices in mm, or null. */
    public Double spacingBetweenSlices() { return spacingBetweenSlices; }

    /** A copy with Spacing Between Slices set (null removes it). */
    public PixelMeasures withSpacingBetweenSlices(Double spacing) {
        return new PixelMeasures(rowSpacing, columnSpacing, sliceThickness, spacing);
    }

    /** True when spacing and thickness agree within {@code tolerance} mm. */
    public boolean approximatelyEquals(PixelMeasures o, double tolerance) {
        return Math.abs(rowSpacing - o.rowSpacing) <= tolerance && Math.abs(columnSpacing - o.columnSpacing) <= tolerance
                && close(sliceThickness, o.sliceThickness, tolerance);
    }

    private static boolean close(Double a, Double b, double tol) {
        if (a == null || b == null) return a == b;
        return Math.abs(a - b) <= tol;
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof PixelMeasures)) return false;
        PixelMeasures p = (PixelMeasures) o;
        return rowSpacing == p.rowSpacing && columnSpacing == p.columnSpacing
                && Objects.equals(sliceThickness, p.sliceThickness) && Objects.equals(spacingBetweenSlices, p.spacingBetweenSlices);
    }

    @Override public int hashCode() { return Objects.hash(rowSpacing, columnSpacing, sliceThickness, spacingBetweenSlices); }

    @Override public String toString() {
        return "spacing " + rowSpacing + "\\" + columnSpacing + " thickness " + sliceThickness
                + (spacingBetweenSlices != null ? " between " + spacingBetweenSlices : "");
    }
}
