package org.dicomseg.volume;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a volume's voxels lie in DICOM patient coordinates (LPS, PS3.3 C.7.6.2.1.1): voxel
 * {@code (i, j, k)} (i fastest in the file) is centred at {@code origin + i·axis(0) + j·axis(1) +
 * k·axis(2)}, each axis vector being the direction times the spacing in mm. NIfTI's RAS affines
 * and NRRD's spaces are converted to LPS when the header is read. Immutable.
 */
public final class VolumeGrid {
    private final int[] sizes;
    private final double[] origin;
    private final double[][] axes;

    /**
     * @param sizes  voxels along i, j, k
     * @param origin LPS position of voxel (0, 0, 0)
     * @param axes   LPS step of one voxel along i, j and k (3 vectors of 3)
     */
    public VolumeGrid(int[] sizes, double[] origin, double[][] axes) {
        if (sizes.length != 3 || origin.length != 3 || axes.length != 3) throw new IllegalArgumentException("a 3-D grid needs 3 sizes, axes and an origin");
        this.sizes = sizes.clone();
        this.origin = origin.clone();
        this.axes = new double[3][];
        for (int a = 0; a < 3; a++) {
            if (axes[a].length != 3) throw new IllegalArgumentException("axis " + a + " is not a 3-vector");
            this.axes[a] = axes[a].clone();
        }
    }

    /** Voxels along axis {@code a} (0 = i, 1 = j, 2 = k). */
    public int size(int a) { return sizes[a]; }
    public int[] sizes() { return sizes.clone(); }
    /** LPS position of voxel (0, 0, 0), mm. */
    public double[] origin() { return origin.clone(); }
    /** LPS step of one voxel along axis {@code a}, mm. */
    public double[] axis(int a) { return axes[a].clone(); }

    /** Voxel size along axis {@code a}, mm. */
    public double spacing(int a) {
        return Math.sqrt(axes[a][0] * axes[a][0] + axes[a][1] * axes[a][1] + axes[a][2] * axes[a][2]);
    }

    /** Unit direction of axis {@code a} in LPS. */
    public double[] direction(int a) {
        double s = spacing(a);
        return new double[] {axes[a][0] / s, axes[a][1] / s, axes[a][2] / s};
    }

    /** LPS position of the centre of voxel (i, j, k). */
    public double[] position(double i, double j, double k) {
        double[] p = new double[3];
        for (int d = 0; d < 3; d++) p[d] = origin[d] + i * axes[0][d] + j * axes[1][d] + k * axes[2][d];
        return p;
    }

    /** The continuous voxel index (i, j, k) of an LPS point (the inverse of {@link #position}). */
    public double[] index(double[] lps) {
        double[][] m = {axes[0], axes[1], axes[2]}; // columns
        double det = det(m);
        if (Math.abs(det) < 1e-12) throw new IllegalStateException("the grid's axes are degenerate");
        double[] r = {lps[0] - origin[0], lps[1] - origin[1], lps[2] - origin[2]};
        double[] out = new double[3];
        for (int a = 0; a < 3; a++) {
            double[][] c = {m[0].clone(), m[1].clone(), m[2].clone()};
            c[a] = r;
            out[a] = det(c) / det;
        }
        return out;
    }

    /** True when no axis has zero length and the axes span 3-D space. */
    public boolean isRegular() {
        return spacing(0) > 0 && spacing(1) > 0 && spacing(2) > 0 && Math.abs(det(axes)) > 1e-9;
    }

    private static double det(double[][] c) { // columns c[0], c[1], c[2]
        return c[0][0] * (c[1][1] * c[2][2] - c[2][1] * c[1][2])
                - c[1][0] * (c[0][1] * c[2][2] - c[2][1] * c[0][2])
                + c[2][0] * (c[0][1] * c[1][2] - c[1][1] * c[0][2]);
    }

    @Override public String toString() {
        return String.format(Locale.ROOT, "%s voxels, spacing %.4g x %.4g x %.4g mm, origin (%.3f, %.3f, %.3f) LPS, axes %s %s %s",
                Arrays.toString(sizes), spacing(0), spacing(1), spacing(2), origin[0], origin[1], origin[2],
                vec(direction(0)), vec(direction(1)), vec(direction(2)));
    }

    static String vec(double[] v) {
        return String.format(Locale.ROOT, "(%.4f, %.4f, %.4f)", v[0], v[1], v[2]);
    }
}
