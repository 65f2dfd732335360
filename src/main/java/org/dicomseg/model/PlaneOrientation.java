package org.dicomseg.model;

import java.util.Arrays;

/**
 * Image Orientation (Patient) (0020,0037): direction cosines of the first row and the first
 * column with respect to the patient (PS3.3 C.7.6.2.1.1). In a SEG it sits in the Plane
 * Orientation Sequence (0020,9116), normally in the Shared Functional Groups (PS3.3 C.7.6.16.2.4).
 */
public final class PlaneOrientation {
    /** Tolerance for unit length and orthogonality of the direction cosines. */
    private static final double TOLERANCE = 1e-3;

    private final double[] cosines;

    /** Row cosines then column cosines, six values, each pair of three unit length and orthogonal. */
    public PlaneOrientation(double... cosines) {
        if (cosines == null || cosines.length != 6) {
            throw new IllegalArgumentException("Image Orientation (Patient) needs 6 values, got "
                    + (cosines == null ? "none" : cosines.length));
        }
        for (double c : cosines) {
            if (!Double.isFinite(c)) throw new IllegalArgumentException("Image Orientation (Patient) must be finite");
        }
        double rn = Math.sqrt(cosines[0] * cosines[0] + cosines[1] * cosines[1] + cosines[2] * cosines[2]);
        double cn = Math.sqrt(cosines[3] * cosines[3] + cosines[4] * cosines[4] + cosines[5] * cosines[5]);
        double dot = cosines[0] * cosines[3] + cosines[1] * cosines[4] + cosines[2] * cosines[5];
        if (Math.abs(rn - 1) > TOLERANCE || Math.abs(cn - 1) > TOLERANCE || Math.abs(dot) > TOLERANCE) {
            throw new IllegalArgumentException("Image Orientation (Patient) " + Arrays.toString(cosines)
                    + " is not two orthogonal unit vectors");
        }
        this.cosines = cosines.clone();
    }

    /** The usual axial orientation 1\0\0\0\1\0. */
    public static PlaneOrientation axial() { return new PlaneOrientation(1, 0, 0, 0, 1, 0); }

    public double[] toArray() { return cosines.clone(); }
    public double[] row() { return new double[] {cosines[0], cosines[1], cosines[2]}; }
    public double[] column() { return new double[] {cosines[3], cosines[4], cosines[5]}; }

    /** The unit normal, row × column: the direction in which a stack of these planes advances. */
    public double[] normal() {
        double[] r = row(), c = column();
        double[] n = {r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
        double len = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
        return new double[] {n[0] / len, n[1] / len, n[2] / len};
    }

    /** True when both orientations agree within {@code tolerance} per cosine. */
    public boolean approximatelyEquals(PlaneOrientation o, double tolerance) {
        for (int i = 0; i < 6; i++) {
            if (Math.abs(cosines[i] - o.cosines[i]) > tolerance) return false;
        }
        return true;
    }

    @Override public boolean equals(Object o) {
        return o instanceof PlaneOrientation && Arrays.equals(cosines, ((PlaneOrientation) o).cosines);
    }

    @Override public int hashCode() { return Arrays.hashCode(cosines); }

    @Override public String toString() { return Arrays.toString(cosines); }
}
