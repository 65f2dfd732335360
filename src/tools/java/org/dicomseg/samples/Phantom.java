package org.dicomseg.samples;

import java.util.Random;

/**
 * A simple abdominal CT phantom defined in patient coordinates (LPS, mm): air outside an
 * elliptic-cylinder body of soft tissue (0 HU), a liver-like ellipsoid (60 HU) on the patient's
 * right, a hyperdense lesion sphere inside the liver (120 HU) and a bone-like vertebral cylinder
 * (700 HU) at the back. Thresholds of 30..90 HU, 90..300 HU and &gt; 300 HU therefore separate
 * the structures cleanly even with the default ±5 HU noise.
 *
 * <p>Labels: {@link #BACKGROUND} 0, {@link #LIVER} 1, {@link #BONE} 2, {@link #LESION} 3. A pixel
 * belongs to a structure when its centre lies inside the shape (boundary included).
 */
public final class Phantom {
    /** Label of everything that is not one of the structures (air and body). */
    public static final int BACKGROUND = 0;
    /** Label of the liver-like ellipsoid (without the lesion). */
    public static final int LIVER = 1;
    /** Label of the bone-like cylinder. */
    public static final int BONE = 2;
    /** Label of the lesion sphere inside the liver. */
    public static final int LESION = 3;

    /** HU of air outside the body. */
    public static final int AIR_HU = -1000;
    /** HU of body soft tissue. */
    public static final int BODY_HU = 0;
    /** HU of the liver-like structure. */
    public static final int LIVER_HU = 60;
    /** HU of the bone-like structure. */
    public static final int BONE_HU = 700;
    /** HU of the lesion. */
    public static final int LESION_HU = 120;

    /** Body: elliptic cylinder, centre (0,0), semi-axes x 110 mm, y 80 mm. */
    static final double BODY_CX = 0, BODY_CY = 0, BODY_AX = 110, BODY_AY = 80;
    /** Liver: ellipsoid, centre (-50,-10,0), semi-axes x 40 mm, y 30 mm, z = halfLength. */
    static final double LIVER_CX = -50, LIVER_CY = -10, LIVER_AX = 40, LIVER_AY = 30;
    /** Lesion: sphere-like ellipsoid, centre (-55,-10,0), radius 12 mm in-plane, z = 0.6 × halfLength. */
    static final double LESION_CX = -55, LESION_CY = -10, LESION_R = 12;
    /** Bone: circular cylinder, centre (0,55), radius 15 mm, along the whole z range. */
    static final double BONE_CX = 0, BONE_CY = 55, BONE_R = 15;

    private final double halfLength;

    /**
     * @param organHalfLengthMm z semi-axis of the liver ellipsoid in mm (centred at z = 0); the
     *                          lesion uses 0.6 of it. The body and bone extend along all z.
     */
    public Phantom(double organHalfLengthMm) {
        if (organHalfLengthMm <= 0) throw new IllegalArgumentException("half length must be positive");
        this.halfLength = organHalfLengthMm;
    }

    /** The phantom of the committed samples: liver z semi-axis 15 mm. */
    public static Phantom standard() {
        return new Phantom(15);
    }

    /** The liver z semi-axis in mm. */
    public double organHalfLength() {
        return halfLength;
    }

    private static boolean inEllipse(double x, double y, double cx, double cy, double ax, double ay) {
        double dx = (x - cx) / ax, dy = (y - cy) / ay;
        return dx * dx + dy * dy <= 1.0;
    }

    private static boolean inEllipsoid(double x, double y, double z, double cx, double cy, double ax, double ay, double az) {
        double dx = (x - cx) / ax, dy = (y - cy) / ay, dz = z / az;
        return dx * dx + dy * dy + dz * dz <= 1.0;
    }

    /** True when (x,y) is inside the body outline (any z). */
    public boolean inBody(double x, double y) {
        return inEllipse(x, y, BODY_CX, BODY_CY, BODY_AX, BODY_AY);
    }

    /** The label at patient point (x,y,z). */
    public int labelAt(double x, double y, double z) {
        if (!inBody(x, y)) return BACKGROUND;
        if (inEllipse(x, y, BONE_CX, BONE_CY, BONE_R, BONE_R)) return BONE;
        if (inEllipsoid(x, y, z, LESION_CX, LESION_CY, LESION_R, LESION_R, 0.6 * halfLength)) return LESION;
        if (inEllipsoid(x, y, z, LIVER_CX, LIVER_CY, LIVER_AX, LIVER_AY, halfLength)) return LIVER;
        return BACKGROUND;
    }

    /** The noise-free HU at patient point (x,y,z). */
    public int huAt(double x, double y, double z) {
        switch (labelAt(x, y, z)) {
            case BONE: return BONE_HU;
            case LESION: return LESION_HU;
            case LIVER: return LIVER_HU;
            default: return inBody(x, y) ? BODY_HU : AIR_HU;
        }
    }

    /** The label image of slice {@code k} of {@code g}, row by row. */
    public byte[] labels(VolumeGeometry g, int k) {
        byte[] out = new byte[g.pixelsPerSlice()];
        double z = g.z(k);
        for (int r = 0, i = 0; r < g.rows(); r++) {
            double y = g.y(r);
            for (int c = 0; c < g.columns(); c++, i++) {
                out[i] = (byte) labelAt(g.x(c), y, z);
            }
        }
        return out;
    }

    /**
     * The HU image of slice {@code k} of {@code g}, row by row, with uniform integer noise in
     * [-noise, +noise] added. The noise depends only on {@code seed} and {@code k}, so a slice
     * renders identically whichever object (series or multiframe) it is written into.
     */
    public int[] hu(VolumeGeometry g, int k, int noise, long seed) {
        int[] out = new int[g.pixelsPerSlice()];
        double z = g.z(k);
        Random rnd = noise > 0 ? new Random(seed * 1_000_003L + k) : null;
        for (int r = 0, i = 0; r < g.rows(); r++) {
            double y = g.y(r);
            for (int c = 0; c < g.columns(); c++, i++) {
                int v = huAt(g.x(c), y, z);
                if (rnd != null) v += rnd.nextInt(2 * noise + 1) - noise;
                out[i] = v;
            }
        }
        return out;
    }
}
