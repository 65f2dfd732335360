package org.dicomseg.reconstruct;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.dicomseg.pixels.BitPacking;

/**
 * How the band path of tiled reads writes one output row of a band, left to right across the band's tiles:
 * runs of zero and of the value are held back and written at once ({@link Arrays#fill}; runs of the value
 * by {@link RunSinks#fillBytes}, as the RLE label runs are; runs of zero not at all in fresh arrays), so empty and full tiles (and the inside of a tissue region)
 * coalesce over tile borders; other groups of eight pixels are spread
 * ({@link BitPacking#spread}) and stored at once. One per worker thread, restarted per row.
 */
final class BandRowWriter {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int NONE = 0, ZERO = 1, ONE = 2;
    private byte[] dst;
    private byte value;
    private boolean writeZeros;
    private int kind = NONE;
    private int start;
    private int end;

    void start(byte[] dst, boolean writeZeros) {
        this.dst = dst;
        this.writeZeros = writeZeros;
        this.kind = NONE;
    }

    /** The value of set bits from here on (label maps: per tile). */
    void value(byte v) {
        if (v == value) return;
        if (kind == ONE) flush();
        value = v;
    }

    void zeros(int d, int n) {
        if (kind != ZERO) {
            flush();
            kind = ZERO;
            start = d;
        }
        end = d + n;
    }

    void ones(int d, int n) {
        if (kind != ONE) {
            flush();
            kind = ONE;
            start = d;
        }
        end = d + n;
    }

    void mixed(int d, int x) {
        flush();
        LONGS.set(dst, d, BitPacking.spread(x) * (value & 0xFF));
    }

    /** The last {@code n} (< 8) pixels of a run: bit j of {@code bits} is pixel d + j. */
    void tail(int d, int bits, int n) {
        flush();
        for (int j = 0; j < n; j++) {
            if ((bits >> j & 1) != 0) dst[d + j] = value;
            else if (writeZeros) dst[d + j] = 0;
        }
    }

    void flush() {
        if (kind == ONE) {
            RunSinks.fillBytes(dst, start, end - start, value);
        } else if (kind == ZERO && writeZeros) {
            Arrays.fill(dst, start, end, (byte) 0);
        }
        kind = NONE;
    }
}
