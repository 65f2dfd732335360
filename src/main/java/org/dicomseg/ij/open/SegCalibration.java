package org.dicomseg.ij.open;

import ij.measure.Calibration;

import org.dicomseg.reconstruct.PatientCoordinates;

/**
 * Turns {@link PlaneGeometry} into an ImageJ {@link Calibration}: pixel width/height from Pixel
 * Spacing, voxel depth from Spacing Between Slices (else the distance between consecutive plane
 * positions along the slice normal, else Slice Thickness), unit "mm", and the origin from the first
 * plane's Image Position (Patient).
 *
 * <p>ImageJ's calibration has no rotation, so the origin is expressed in the image's own axes: the
 * position is projected on the row direction, the column direction and the slice normal, and
 * {@code xOrigin = -(position . row) / pixelWidth} (likewise y and z), in pixels. For the common
 * axial orientation {@code [1,0,0,0,1,0]} the calibrated coordinates of a pixel are then exactly
 * its patient x, y and z in mm. Without geometry the calibration stays in pixels.</p>
 */
public final class SegCalibration {
    private SegCalibration() { }

    /** The calibration of a stack with these planes. */
    public static Calibration of(PlaneGeometry g) {
        Calibration cal = new Calibration();
        double[] ps = g.pixelSpacing();
        if (ps == null) {
            return cal;
        }
        cal.setUnit("mm");
        cal.pixelHeight = ps[0];
        cal.pixelWidth = ps[1];
        double dz = sliceSpacing(g);
        cal.pixelDepth = Double.isNaN(dz) ? 1 : dz;
        double[] p0 = g.position(0);
        if (p0 != null) {
            double[][] axes = g.axes();
            cal.xOrigin = -PatientCoordinates.dot(p0, axes[0]) / cal.pixelWidth;
            cal.yOrigin = -PatientCoordinates.dot(p0, axes[1]) / cal.pixelHeight;
            cal.zOrigin = -PatientCoordinates.dot(p0, axes[2]) / cal.pixelDepth;
        }
        return cal;
    }

    /**
     * The calibration of a view of a tiled (slide) SEG, like an image opened with Open DICOM
     * Slide...: µm per pixel = Pixel Spacing × the view's downsampling factor, and the origin at the
     * region offset, so calibrated x, y are the position in the Total Pixel Matrix in µm (pixel
     * size of the SEG's level). Without Pixel Spacing: pixels, origin at the offset / factor.
     */
    public static Calibration ofTiled(PlaneGeometry g, TiledImportPlan plan) {
        Calibration cal = new Calibration();
        double[] ps = g.pixelSpacing(); // already × factor
        if (ps != null) {
            cal.setUnit("micron");
            cal.pixelHeight = ps[0] * 1000;
            cal.pixelWidth = ps[1] * 1000;
        }
        cal.xOrigin = -(double) plan.x() / plan.factor();
        cal.yOrigin = -(double) plan.y() / plan.factor();
        return cal;
    }

    /**
     * Distance between planes in mm: Spacing Between Slices when given; else the smallest positive
     * distance between consecutive plane positions along the normal; else Slice Thickness; else NaN.
     */
    public static double sliceSpacing(PlaneGeometry g) {
        if (g.spacingBetweenSlices() > 0) {
            return g.spacingBetweenSlices();
        }
        double[] n = g.axes()[2];
        double best = Double.NaN;
        for (int z = 1; z < g.planeCount(); z++) {
            double[] a = g.position(z - 1), b = g.position(z);
            if (a == null || b == null) continue;
            double d = Math.abs(PatientCoordinates.dot(b, n) - PatientCoordinates.dot(a, n));
            if (d > 1e-6 && (Double.isNaN(best) || d < best)) best = d;
        }
        if (!Double.isNaN(best)) return best;
        return g.sliceThickness() > 0 ? g.sliceThickness() : Double.NaN;
    }
}
