package org.dicomseg.reconstruct;

/**
 * Patient-coordinate geometry of planes (PS3.3 C.7.6.2.1.1): the slice normal is the cross
 * product of the row and column direction cosines of Image Orientation (Patient); a plane's
 * place in the stack is the projection of its Image Position (Patient) on the normal.
 */
final class PlaneGeometry {
    /** Positions closer than this along the normal (mm) are the same plane. */
    static final double SAME_PLANE_MM = 0.01;
    /** Frames of one plane whose first pixels are further apart than this (mm) are not one grid. */
    static final double SAME_GRID_MM = 0.1;

    private PlaneGeometry() { }

    static double[] normal(double[] iop) {
        double[] n = {
            iop[1] * iop[5] - iop[2] * iop[4],
            iop[2] * iop[3] - iop[0] * iop[5],
            iop[0] * iop[4] - iop[1] * iop[3]};
        double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        if (len < 1e-6) throw new IllegalArgumentException("Image Orientation (Patient) has parallel row and column directions");
        n[0] /= len;
        n[1] /= len;
        n[2] /= len;
        return n;
    }

    static double project(double[] p, double[] n) {
        return p[0] * n[0] + p[1] * n[1] + p[2] * n[2];
    }

    static boolean sameOrientation(double[] a, double[] b) {
        for (int i = 0; i < 6; i++) if (Math.abs(a[i] - b[i]) > 1e-4) return false;
        return true;
    }

    /** Distance between two positions measured in the plane (perpendicular to the normal). */
    static double inPlaneDistance(double[] a, double[] b, double[] n) {
        double[] d = {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
        double along = project(d, n);
        double x = d[0] - along * n[0], y = d[1] - along * n[1], z = d[2] - along * n[2];
        return Math.sqrt(x * x + y * y + z * z);
    }
}
