package org.dicomseg.samples;

/**
 * How HU values are stored as 16-bit pixels: unsigned with Rescale Intercept -1024 (stored =
 * HU + 1024, the common scanner convention) or signed with Rescale Intercept 0 (stored = HU).
 * Rescale Slope is always 1.
 */
public enum HuEncoding {
    /** Pixel Representation 0, Rescale Intercept -1024. */
    UNSIGNED(0, -1024),
    /** Pixel Representation 1, Rescale Intercept 0. */
    SIGNED(1, 0);

    private final int pixelRepresentation;
    private final int intercept;

    HuEncoding(int pixelRepresentation, int intercept) {
        this.pixelRepresentation = pixelRepresentation;
        this.intercept = intercept;
    }

    /** Pixel Representation (0028,0103). */
    public int pixelRepresentation() { return pixelRepresentation; }

    /** Rescale Intercept (0028,1052). */
    public int intercept() { return intercept; }

    /** Rescale Slope (0028,1053). */
    public int slope() { return 1; }

    /** Stored values for HU values, clamped to the representable range. */
    public short[] encode(int[] hu) {
        short[] out = new short[hu.length];
        int lo = pixelRepresentation == 0 ? 0 : Short.MIN_VALUE;
        int hi = pixelRepresentation == 0 ? 0xFFFF : Short.MAX_VALUE;
        for (int i = 0; i < hu.length; i++) {
            int s = Math.max(lo, Math.min(hi, hu[i] - intercept));
            out[i] = (short) s;
        }
        return out;
    }

    /** HU of a stored 16-bit value. */
    public int decode(short stored) {
        int s = pixelRepresentation == 0 ? (stored & 0xFFFF) : stored;
        return s + intercept;
    }
}
