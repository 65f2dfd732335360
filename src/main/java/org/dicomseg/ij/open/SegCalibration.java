package org.dicomseg.ij.open;

import ij.measure.Calibration;

import org.dicomseg.reconstruct.PatientCoordinates;

/**
 * Turns {@link PlaneGeometry} into an ImageJ {@link Calibration} the way ImageJ's own DICOM opener
 * ({@code ij.plugin.DICOM}, File &gt; Import &gt; Image Sequence) calibrates the source images, so that
 * a pixel of an import and the same pixel of its source measure alike: pixel width/height from
 * Pixel Spacing (column, row spacing), unit "mm", no origin, and voxel depth as ImageJ's
 * {@code DicomTools.getVoxelDepth} has it for a stack, |z(last) - z(first)| / (planes - 1) of Image
 * Position (Patient), else Spacing Between Slices, else the distance between consecutive plane
 * positions along the slice normal, else Slice Thickness. Without geometry the calibration stays
 * in pixels. Where the planes lie in the patient is kept in the image properties instead
 * ({@link org.dicomseg.ij.source.PlaneSources}), as ImageJ's calibration cannot rotate.
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
        double dz = imageJVoxelDepth(g);
        if (Double.isNaN(dz)) dz = sliceSpacing(g);
        cal.pixelDepth = Double.isNaN(dz) ? 1 : dz;
        return cal;
    }

    /**
     * ImageJ's voxel depth of a DICOM stack: the z of the last plane's Image Position (Patient)
     * minus that of the first, over the planes between; NaN when not known or zero.
     */
    static double imageJVoxelDepth(PlaneGeometry g) {
        int n = g.planeCount();
        if (n < 2) return Double.NaN;
        double[] a = g.position(0), b = g.position(n - 1);
        if (a == null || b == null) return Double.NaN;
        double d = Math.abs(b[2] - a[2]) / (n - 1);
        return d > 1e-9 ? d : Double.NaN;
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
