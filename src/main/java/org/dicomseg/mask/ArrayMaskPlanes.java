package org.dicomseg.mask;

import java.util.Objects;

/**
 * {@link MaskPlanes} over arrays in memory (one array per plane, not copied): the zero-copy
 * implementation behind {@link MaskPlanes#ofBytes}, {@link MaskPlanes#ofShorts} and
 * {@link MaskPlanes#ofFloats}, and the natural target for an ImageJ {@code ImageStack} adapter.
 */
public final class ArrayMaskPlanes implements MaskPlanes {
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
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

    /** True: the arrays are only read, and {@link #readRegion} copies into the caller's buffer. */
    @Override public boolean supportsConcurrentReads() { return true; }

    /**
     * Looks at the region in place (no copy), eight 8-bit pixels at a time, stopping at the first
     * pixel that differs from the first one. For tiles of a large in-memory plane: a uniform tile
     * costs one read instead of a copy and a scan, and its frames are then made without reading it
     * again. Float planes: -1.
     */
    @Override public int uniformValue(int plane, int x, int y, int width, int height) {
        if (plane < 0 || plane >= planes.length || x < 0 || y < 0 || width < 1 || height < 1
                || x > columns - width || y > rows - height) {
            return -1;
        }
        Object a = planes[plane];
        int start = y * columns + x;
        if (a instanceof byte[]) {
            byte[] b = (byte[]) a;
            int v = b[start] & 0xFF;
            long word = v * 0x0101010101010101L;
            int whole = width & ~7;
            int r = 0, row = start;
            // Four rows at a time (more loads in flight: the rows of a tile are far apart in a large
            // plane), one test per four rows: the differences of their words ORed together.
            for (; r + 4 <= height; r += 4, row += 4 * columns) {
                long diff = 0;
                int r1 = row + columns, r2 = r1 + columns, r3 = r2 + columns;
                for (int i = 0; i < whole; i += 8) {
                    diff |= ((long) LONGS.get(b, row + i) ^ word) | ((long) LONGS.get(b, r1 + i) ^ word)
                            | ((long) LONGS.get(b, r2 + i) ^ word) | ((long) LONGS.get(b, r3 + i) ^ word);
                }
                for (int i = whole; i < width; i++) {
                    diff |= ((b[row + i] & 0xFF) ^ v) | ((b[r1 + i] & 0xFF) ^ v) | ((b[r2 + i] & 0xFF) ^ v) | ((b[r3 + i] & 0xFF) ^ v);
                }
                if (diff != 0) return -1;
            }
            for (; r < height; r++, row += columns) {
                long diff = 0;
                for (int i = 0; i < whole; i += 8) diff |= (long) LONGS.get(b, row + i) ^ word;
                for (int i = whole; i < width; i++) diff |= (b[row + i] & 0xFF) ^ v;
                if (diff != 0) return -1;
            }
            return v;
        }
        if (a instanceof short[]) {
            short[] s = (short[]) a;
            short v = s[start];
            for (int r = 0, row = start; r < height; r++, row += columns) {
                for (int i = 0; i < width; i++) if (s[row + i] != v) return -1;
            }
            return v & 0xFFFF;
        }
        return -1;
    }

    /** Returns the plane's own array (zero copy); {@code dst} is ignored. */
    @Override public Object readPlane(int plane, Object dst) {
        if (plane < 0 || plane >= planes.length) {
            throw new IndexOutOfBoundsException("Plane " + plane + " of " + planes.length);
        }
        return planes[plane];
    }
}
