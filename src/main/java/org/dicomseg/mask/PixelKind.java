package org.dicomseg.mask;

/**
 * The element type of a mask plane, matching the pixel arrays ImageJ uses
 * ({@code ByteProcessor}, {@code ShortProcessor}, {@code FloatProcessor}), so adapters can hand
 * their arrays over without copying.
 */
public enum PixelKind {
    /** {@code byte[]}, values 0..255 (unsigned). */
    UINT8,
    /** {@code short[]}, values 0..65535 (unsigned). */
    UINT16,
    /** {@code float[]}, fractions in [0, 1] for fractional masks. */
    FLOAT32;

    /** A new array of this kind with {@code n} elements. */
    public Object newArray(int n) {
        switch (this) {
            case UINT8: return new byte[n];
            case UINT16: return new short[n];
            default: return new float[n];
        }
    }

    /** True when {@code array} is an array of this kind with at least {@code n} elements. */
    public boolean fits(Object array, int n) {
        switch (this) {
            case UINT8: return array instanceof byte[] && ((byte[]) array).length >= n;
            case UINT16: return array instanceof short[] && ((short[]) array).length >= n;
            default: return array instanceof float[] && ((float[]) array).length >= n;
        }
    }

    /** The kind of a {@code byte[]}, {@code short[]} or {@code float[]}. */
    public static PixelKind of(Object array) {
        if (array instanceof byte[]) return UINT8;
        if (array instanceof short[]) return UINT16;
        if (array instanceof float[]) return FLOAT32;
        throw new IllegalArgumentException("Mask planes must be byte[], short[] or float[], not "
                + (array == null ? "null" : array.getClass().getSimpleName()));
    }
}
