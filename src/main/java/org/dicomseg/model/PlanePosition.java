package org.dicomseg.model;

import java.util.Arrays;

/**
 * Image Position (Patient) (0020,0032) of a frame: the x, y, z coordinates in millimetres of the
 * centre of the first transmitted pixel, in the patient-based coordinate system (PS3.3 C.7.6.2.1.1).
 * In a SEG it sits in the Plane Position Sequence (0020,9113) of each frame's functional groups
 * (PS3.3 C.7.6.16.2.3).
 */
public final class PlanePosition {
    private final double x;
    private final double y;
    private final double z;

    public PlanePosition(double x, double y, double z) {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("Image Position (Patient) must be finite: " + x + ", " + y + ", " + z);
        }
        this.x = x;
        this.y = y;
        this.z = z;
    }

    /** From the three values of Image Position (Patient). */
    public static PlanePosition of(double[] xyz) {
        if (xyz == null || xyz.length != 3) {
            throw new IllegalArgumentException("Image Position (Patient) needs 3 values, got "
                    + (xyz == null ? "none" : xyz.length));
        }
        return new PlanePosition(xyz[0], xyz[1], xyz[2]);
    }

    public double x() { return x; }
    public double y() { return y; }
    public double z() { return z; }

    public double[] toArray() { return new double[] {x, y, z}; }

    /** Distance along a unit vector {@code n}: the position of this plane along the stack normal. */
    public double along(double[] n) { return x * n[0] + y * n[1] + z * n[2]; }

    @Override public boolean equals(Object o) {
        return o instanceof PlanePosition && Arrays.equals(toArray(), ((PlanePosition) o).toArray());
    }

    @Override public int hashCode() { return Arrays.hashCode(toArray()); }

    @Override public String toString() { return "(" + x + ", " + y + ", " + z + ")"; }
}
