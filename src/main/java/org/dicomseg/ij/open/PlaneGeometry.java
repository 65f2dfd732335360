package org.dicomseg.ij.open;

import java.util.Arrays;

import org.dicomseg.reconstruct.PatientCoordinates;

/**
 * Where the planes of a {@link ImportedSegmentation} are in the patient: Pixel Spacing, Spacing Between
 * Slices, Image Orientation (Patient), one Image Position (Patient) and one referenced source SOP
 * Instance UID per plane (either may be null). Everything is optional, because slide and projection
 * SEGs have no 3D geometry; {@link SegCalibration} turns what is there into an ImageJ calibration.
 *
 * <p>Pixel Spacing follows DICOM order: {@code [row spacing, column spacing]} in mm, i.e. the
 * vertical then the horizontal pixel size.</p>
 */
public final class PlaneGeometry {
    private final double[] pixelSpacing;
    private final double spacingBetweenSlices;
    private final double sliceThickness;
    private final double[] orientation;
    private final double[][] positions;
    private final String[] referencedInstances;
    private final String frameOfReferenceUid;

    /**
     * @param pixelSpacing         {row, column} spacing in mm, or null
     * @param spacingBetweenSlices (0018,0088) in mm, or NaN
     * @param sliceThickness       (0018,0050) in mm, or NaN
     * @param orientation          the six direction cosines of (0020,0037), or null
     * @param positions            one {x, y, z} per plane (entries may be null), or null
     * @param referencedInstances  one referenced source SOP Instance UID per plane (entries may be null), or null
     * @param frameOfReferenceUid  (0020,0052), or null
     * @param planeCount           number of planes; the per-plane arrays must have this length
     */
    public PlaneGeometry(double[] pixelSpacing, double spacingBetweenSlices, double sliceThickness,
            double[] orientation, double[][] positions, String[] referencedInstances, String frameOfReferenceUid,
            int planeCount) {
        if (pixelSpacing != null && (pixelSpacing.length != 2 || !(pixelSpacing[0] > 0) || !(pixelSpacing[1] > 0))) {
            throw new IllegalArgumentException("Pixel Spacing needs two positive values, got " + Arrays.toString(pixelSpacing));
        }
        if (orientation != null && orientation.length != 6) {
            throw new IllegalArgumentException("Image Orientation (Patient) needs six values, got " + orientation.length);
        }
        if (positions != null && positions.length != planeCount) {
            throw new IllegalArgumentException(positions.length + " plane positions for " + planeCount + " planes");
        }
        if (referencedInstances != null && referencedInstances.length != planeCount) {
            throw new IllegalArgumentException(referencedInstances.length + " referenced instances for " + planeCount + " planes");
        }
        this.pixelSpacing = pixelSpacing == null ? null : pixelSpacing.clone();
        this.spacingBetweenSlices = spacingBetweenSlices;
        this.sliceThickness = sliceThickness;
        this.orientation = orientation == null ? null : orientation.clone();
        this.positions = positions == null ? new double[planeCount][] : deepCopy(positions);
        this.referencedInstances = referencedInstances == null ? new String[planeCount] : referencedInstances.clone();
        this.frameOfReferenceUid = frameOfReferenceUid;
    }

    /** No geometry at all for {@code planeCount} planes (pixel units, no references). */
    public static PlaneGeometry unknown(int planeCount) {
        return new PlaneGeometry(null, Double.NaN, Double.NaN, null, null, null, null, planeCount);
    }

    private static double[][] deepCopy(double[][] p) {
        double[][] c = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            if (p[i] != null) {
                if (p[i].length != 3) throw new IllegalArgumentException("Plane position " + (i + 1) + " needs three values");
                c[i] = p[i].clone();
            }
        }
        return c;
    }

    public int planeCount() { return positions.length; }
    /** {row, column} spacing in mm, or null. */
    public double[] pixelSpacing() { return pixelSpacing == null ? null : pixelSpacing.clone(); }
    /** Spacing Between Slices in mm, or NaN. */
    public double spacingBetweenSlices() { return spacingBetweenSlices; }
    /** Slice Thickness in mm, or NaN. */
    public double sliceThickness() { return sliceThickness; }
    /** Direction cosines (row direction, then column direction), or null. */
    public double[] orientation() { return orientation == null ? null : orientation.clone(); }
    /** Image Position (Patient) of plane {@code z} (0-based), or null. */
    public double[] position(int z) { return positions[z] == null ? null : positions[z].clone(); }
    /** Referenced source SOP Instance UID of plane {@code z}, or null. */
    public String referencedInstance(int z) { return referencedInstances[z]; }
    /** Frame of Reference UID, or null. */
    public String frameOfReferenceUid() { return frameOfReferenceUid; }

    /** Row direction, column direction and slice normal (their cross product); the identity when no orientation is known. */
    public double[][] axes() {
        double[] r = orientation == null ? new double[] {1, 0, 0} : new double[] {orientation[0], orientation[1], orientation[2]};
        double[] c = orientation == null ? new double[] {0, 1, 0} : new double[] {orientation[3], orientation[4], orientation[5]};
        return new double[][] {r, c, PatientCoordinates.cross(r, c)};
    }
}
