package org.dicomseg.mask;

import java.util.Objects;

/**
 * {@link MaskPlanes} over arrays in memory (one array per plane, not copied): the zero-copy
 * implementation behind {@link MaskPlanes#ofBytes}, {@link MaskPlanes#ofShorts} and
 * {@link MaskPlanes#ofFloats}, and the natural target for an ImageJ {@code ImageStack} adapter.
 */
public final class ArrayMaskPlanes implements MaskPlanes {
    private final Object[] planes;
    private final PixelKind kind;
    private final int rows;
    private final int columns;

    /**
     * @param planes one {@code byte[]}, {@code short[]} or {@code float[]} per plane (all the same
     *               kind), each of {@code rows*columns} elements
     */
    public ArrayMaskPlanes(Object[] planes, PixelKind kind, int rows, int columns) {
        Objects.requireNonNull(planes, "planes");
        this.kind = Objects.requireNonNull(kind, "kind");
        if (rows <= 0 || columns <= 0) {
            throw new IllegalArgumentException("Mask size must be positive, got " + rows + " rows x " + columns + " columns");
        }
        if (planes.length == 0) throw new IllegalArgumentException("A mask needs at least one plane");
        long n = (long) rows * columns;
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("Plane of " + rows + "x" + columns + " is too large for one array");
        for (int p = 0; p < planes.length; p++) {
            if (planes[p] == null) throw new IllegalArgumentException("Mask plane " + (p + 1) + " is null");
            if (PixelKind.of(planes[p]) != kind) {
                throw new IllegalArgumentException("Mask plane " + (p + 1) + " is " + PixelKind.of(planes[p]) + ", expected " + kind);
            }
            int len = java.lang.reflect.Array.getLength(planes[p]);
            if (len != n) {
                throw new IllegalArgumentException("Mask plane " + (p + 1) + " has " + len + " pixels, expected "
                        + rows + " rows x " + columns + " columns = " + n);
            }
        }
        this.planes = planes.clone();
        this.rows = rows;
        this.columns = columns;
    }

    @Override public int rows() { return rows; }
    @Override public int columns() { return columns; }
    @Override public int planes() { return planes.length; }
    @Override public PixelKind kind() { return kind; }

    /** Returns the plane's own array (zero copy); {@code dst} is ignored. */
    @Override public Object readPlane(int plane, Object dst) {
        if (plane < 0 || plane >= planes.length) {
            throw new IndexOutOfBoundsException("Plane " + plane + " of " + planes.length);
        }
        return planes[plane];
    }
}
