package org.dicomseg.samples;

/**
 * An axial image volume in the patient coordinate system (LPS, millimetres): rows × columns ×
 * slices, pixel spacing, slice spacing and thickness, and the position of the first transmitted
 * pixel of the first slice. Orientation is always axial (1\0\0\0\1\0); slice {@code k} lies at
 * {@code origin + k × sliceSpacing} along the normal (0,0,1).
 */
public final class VolumeGeometry {
    private final int rows;
    private final int columns;
    private final int slices;
    private final double rowSpacing;
    private final double columnSpacing;
    private final double sliceSpacing;
    private final double sliceThickness;
    private final double[] origin;

    /**
     * @param rows           image rows (y)
     * @param columns        image columns (x)
     * @param slices         number of slices (z)
     * @param rowSpacing     distance between adjacent rows, mm (first value of Pixel Spacing)
     * @param columnSpacing  distance between adjacent columns, mm (second value of Pixel Spacing)
     * @param sliceSpacing   distance between slice centres along the normal, mm (&gt; 0)
     * @param sliceThickness nominal slice thickness, mm
     * @param origin         patient position (x,y,z) of the centre of pixel (0,0) of slice 0
     */
    public VolumeGeometry(int rows, int columns, int slices, double rowSpacing, double columnSpacing,
            double sliceSpacing, double sliceThickness, double[] origin) {
        if (rows < 1 || columns < 1 || slices < 1) throw new IllegalArgumentException("empty volume");
        if (rowSpacing <= 0 || columnSpacing <= 0 || sliceSpacing <= 0 || sliceThickness <= 0) {
            throw new IllegalArgumentException("spacings must be positive");
        }
        if (origin == null || origin.length != 3) throw new IllegalArgumentException("origin must have 3 values");
        this.rows = rows;
        this.columns = columns;
        this.slices = slices;
        this.rowSpacing = rowSpacing;
        this.columnSpacing = columnSpacing;
        this.sliceSpacing = sliceSpacing;
        this.sliceThickness = sliceThickness;
        this.origin = origin.clone();
    }

    /**
     * A volume of square pixels centred on the patient origin (0,0,0), contiguous slices
     * (thickness = spacing).
     */
    public static VolumeGeometry centred(int rows, int columns, int slices, double pixelSpacing, double sliceSpacing) {
        double[] o = {
            -(columns - 1) * pixelSpacing / 2.0,
            -(rows - 1) * pixelSpacing / 2.0,
            -(slices - 1) * sliceSpacing / 2.0
        };
        return new VolumeGeometry(rows, columns, slices, pixelSpacing, pixelSpacing, sliceSpacing, sliceSpacing, o);
    }

    /** Image rows. */
    public int rows() { return rows; }

    /** Image columns. */
    public int columns() { return columns; }

    /** Number of slices. */
    public int slices() { return slices; }

    /** Distance between adjacent rows (mm). */
    public double rowSpacing() { return rowSpacing; }

    /** Distance between adjacent columns (mm). */
    public double columnSpacing() { return columnSpacing; }

    /** Distance between slices along the normal (mm). */
    public double sliceSpacing() { return sliceSpacing; }

    /** Nominal slice thickness (mm). */
    public double sliceThickness() { return sliceThickness; }

    /** Image Orientation (Patient): always axial. */
    public double[] orientation() { return new double[] {1, 0, 0, 0, 1, 0}; }

    /** Slice normal (row direction × column direction). */
    public double[] normal() { return new double[] {0, 0, 1}; }

    /** Image Position (Patient) of slice {@code k} (0-based). */
    public double[] position(int k) {
        return new double[] {origin[0], origin[1], origin[2] + k * sliceSpacing};
    }

    /** Patient x of the centre of column {@code c}. */
    public double x(int c) { return origin[0] + c * columnSpacing; }

    /** Patient y of the centre of row {@code r}. */
    public double y(int r) { return origin[1] + r * rowSpacing; }

    /** Patient z of slice {@code k}. */
    public double z(int k) { return origin[2] + k * sliceSpacing; }

    /** Pixels per slice. */
    public int pixelsPerSlice() { return rows * columns; }
}
