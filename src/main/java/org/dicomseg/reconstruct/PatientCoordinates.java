package org.dicomseg.reconstruct;

/**
 * Vector arithmetic in the Patient-Based Coordinate System (PS3.3 C.7.6.2.1.1): the slice normal
 * is the cross product of the row and column direction cosines of Image Orientation (Patient);
 * a plane's place in a stack is the projection of its Image Position (Patient) on the normal.
 * The one implementation used by the reconstruction and by the ImageJ calibration.
 */
public final class PatientCoordinates {
    /** Positions closer than this along the normal (mm) are the same plane. */
    public static final double SAME_PLANE_MM = 0.01;
    /** Frames of one plane whose first pixels are further apart than this (mm) are not one grid. */
    public static final double SAME_GRID_MM = 0.1;

    private PatientCoordinates() { }

    /**
     * The unit slice normal (row x column) of the six direction cosines of Image Orientation (Patient).
     *
     * @throws IllegalArgumentException when the row and column directions are parallel
     */
    public static double[] normal(double[] iop) {
        double[] n = cross(new double[] {iop[0], iop[1], iop[2]}, new double[] {iop[3], iop[4], iop[5]});
        double len = Math.sqrt(dot(n, n));
        if (len < 1e-6) throw new IllegalArgumentException("Image Orientation (Patient) has parallel row and column directions");
        n[0] /= len;
        n[1] /= len;
        n[2] /= len;
        return n;
    }

    /** The cross product {@code a x b} of two 3-vectors. */
    public static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    /** The dot product of two 3-vectors: with a unit vector, the projection of {@code p} on it. */
    public static double dot(double[] p, double[] n) {
        return p[0] * n[0] + p[1] * n[1] + p[2] * n[2];
    }

    /** Euclidean distance between two positions (mm). */
    public static double distance(double[] a, double[] b) {
        double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** True when two Image Orientation (Patient) values agree within 1e-4 per cosine. */
    public static boolean sameOrientation(double[] a, double[] b) {
        for (int i = 0; i < 6; i++) if (Math.abs(a[i] - b[i]) > 1e-4) return false;
        return true;
    }

    /** Distance between two positions measured in the plane (perpendicular to the unit normal {@code n}). */
    public static double inPlaneDistance(double[] a, double[] b, double[] n) {
        double[] d = {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
        double along = dot(d, n);
        double x = d[0] - along * n[0], y = d[1] - along * n[1], z = d[2] - along * n[2];
        return Math.sqrt(x * x + y * y + z * z);
    }
}
