package org.dicomseg.pixels;

import java.util.Arrays;

/**
 * Lossless JPEG-LS encoding of one grey frame (ITU-T T.87 | ISO/IEC 14495-1, Annex A encoding
 * procedures, NEAR = 0, one component, one scan, default preset parameters of C.2.4.1.1, so no LSE
 * segment is written): regular mode (A.3–A.6, limited-length Golomb codes of A.5.3), run mode
 * (A.7.1, code segments A.14–A.16) with run interruption samples (A.7.2), bit stuffing after each
 * 0xFF byte (A.1), and optionally a restart interval (DRI, RSTm markers, the coder reset after each).
 * The inverse of {@link JpegLsScanDecoder}; the tests check its output with dcmtk's dcmdjpls.
 */
final class JpegLsScanEncoder {
    private byte[] out;
    private int size;
    private long acc;
    private int accBits;
    private boolean lastFF;
    private final JpegLsContext ctx;
    private int runIndex;

    private JpegLsScanEncoder(JpegLsContext ctx, int capacity) {
        this.ctx = ctx;
        this.out = new byte[Math.max(64, capacity)];
    }

    static byte[] encode(byte[] frame, int rows, int columns, int bytesPerSample, int bitsStored, int restartInterval) {
        if (bytesPerSample != 1 && bytesPerSample != 2) throw new IllegalArgumentException("JPEG-LS: 8- or 16-bit samples only");
        if (bitsStored < 2 || bitsStored > 8 * bytesPerSample) throw new IllegalArgumentException("JPEG-LS: precision " + bitsStored);
        if (rows < 1 || rows > 65535 || columns < 1 || columns > 65535) {
            throw new IllegalArgumentException("JPEG-LS: frame size " + columns + " x " + rows);
        }
        int maxVal = (1 << bitsStored) - 1;
        JpegLsContext ctx = new JpegLsContext(maxVal, 0, null);
        JpegLsScanEncoder e = new JpegLsScanEncoder(ctx, rows * columns * bytesPerSample / 2 + 64);
        e.raw(0xFF, JpegLsCodec.SOI);
        e.raw(0xFF, JpegLsCodec.SOF55, 0, 11, bitsStored, rows >> 8, rows, columns >> 8, columns, 1, 1, 0x11, 0);
        if (restartInterval > 0) e.raw(0xFF, JpegLsCodec.DRI, 0, 4, restartInterval >> 8, restartInterval);
        e.raw(0xFF, JpegLsCodec.SOS, 0, 8, 1, 1, 0, 0, 0, 0);
        int[] prev = new int[columns + 2];
        int[] cur = new int[columns + 2];
        int[] ix = new int[columns + 2];
        int interval = 0;
        for (int y = 0; y < rows; y++) {
            if (restartInterval > 0 && y > 0 && y % restartInterval == 0) {
                e.flush();
                e.raw(0xFF, 0xD0 + (interval++ & 7));
                ctx.resetState();
                e.runIndex = 0;
                Arrays.fill(prev, 0);
                Arrays.fill(cur, 0);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
            int base = y * columns;
            for (int x = 0; x < columns; x++) {
                int i = base + x;
                int v = bytesPerSample == 1 ? frame[i] & 0xFF : (frame[2 * i] & 0xFF) | (frame[2 * i + 1] & 0xFF) << 8;
                ix[x + 1] = v & maxVal;
            }
            e.line(prev, cur, ix, columns);
        }
        e.flush();
        e.raw(0xFF, JpegLsCodec.EOI);
        return Arrays.copyOf(e.out, e.size);
    }

    private void line(int[] p, int[] c, int[] ix, int w) {
        p[w + 1] = p[w];
        c[0] = p[1];
        int x = 1;
        while (x <= w) {
            int ra = c[x - 1];
            int rb = p[x];
            int rc = p[x - 1];
            int rd = p[x + 1];
            int q = 81 * ctx.quantize(rd - rb) + 9 * ctx.quantize(rb - rc) + ctx.quantize(rc - ra);
            if (q != 0) {
                regular(q, JpegLsContext.predict(ra, rb, rc), ix[x]);
                c[x] = ix[x];
                x++;
                continue;
            }
            int n = 0;
            while (x + n <= w && ix[x + n] == ra) {
                c[x + n] = ra;
                n++;
            }
            int next = x + n;
            while (n >= 1 << JpegLsContext.J[runIndex]) { // code segment A.15
                put(1, 1);
                n -= 1 << JpegLsContext.J[runIndex];
                if (runIndex < 31) runIndex++;
            }
            x = next;
            if (x > w) {
                if (n > 0) put(1, 1);
                continue;
            }
            put(0, 1);
            if (JpegLsContext.J[runIndex] > 0) put(n, JpegLsContext.J[runIndex]);
            rb = p[x];
            interruption(ra, rb, ix[x]);
            c[x] = ix[x];
            if (runIndex > 0) runIndex--;
            x++;
        }
    }

    private int reduce(int err) {
        if (err < 0) err += ctx.range;
        if (err >= (ctx.range + 1) / 2) err -= ctx.range;
        return err;
    }

    private void regular(int q, int px, int value) {
        int sign = 1;
        if (q < 0) {
            sign = -1;
            q = -q;
        }
        int corrected = ctx.correct(px, q, sign);
        int err = reduce(sign * (value - corrected));
        int k = ctx.k(q);
        int m;
        if (ctx.invertedMapping(q, k)) {
            m = err >= 0 ? 2 * err + 1 : -2 * (err + 1);
        } else {
            m = err >= 0 ? 2 * err : -2 * err - 1;
        }
        golomb(m, k, ctx.limit);
        ctx.update(q, err);
    }

    /** A run interruption sample, T.87 A.7.2 (code segments A.17–A.23). */
    private void interruption(int ra, int rb, int value) {
        int riType = ra == rb ? 1 : 0;
        int err = value - (riType == 1 ? ra : rb);
        if (riType == 0 && ra > rb) err = -err;
        err = reduce(err);
        int k = ctx.kRun(riType);
        int map;
        if (k == 0 && err > 0 && 2 * ctx.nn[riType] < ctx.n[365 + riType]) {
            map = 1;
        } else if (err < 0 && 2 * ctx.nn[riType] >= ctx.n[365 + riType]) {
            map = 1;
        } else if (err < 0 && k != 0) {
            map = 1;
        } else {
            map = 0;
        }
        int em = 2 * Math.abs(err) - riType - map;
        golomb(em, k, ctx.limit - JpegLsContext.J[runIndex] - 1);
        ctx.updateRun(riType, err, em);
    }

    /** The limited-length Golomb code of T.87 A.5.3. */
    private void golomb(int m, int k, int limit) {
        int escape = limit - ctx.qbpp - 1;
        int high = m >>> k;
        if (high < escape) {
            zeros(high);
            put(1, 1);
            if (k > 0) put(m & ((1 << k) - 1), k);
        } else {
            zeros(escape);
            put(1, 1);
            put(m - 1, ctx.qbpp);
        }
    }

    private void zeros(int n) {
        while (n > 24) {
            put(0, 24);
            n -= 24;
        }
        if (n > 0) put(0, n);
    }

    /** Appends the low {@code n} (≤ 24) bits of {@code v}, stuffing a 0 bit after each 0xFF byte. */
    private void put(int v, int n) {
        acc = (acc << n) | (v & ((1L << n) - 1));
        accBits += n;
        while (true) {
            int cap = lastFF ? 7 : 8;
            if (accBits < cap) return;
            int b = (int) (acc >>> (accBits - cap)) & ((1 << cap) - 1);
            accBits -= cap;
            acc &= (1L << accBits) - 1;
            emit(b);
            lastFF = b == 0xFF;
        }
    }

    /** Pads the last byte with 0 bits; a final 0xFF gets its stuffed byte, so a marker can follow. */
    private void flush() {
        int cap = lastFF ? 7 : 8;
        if (accBits > 0) put(0, cap - accBits);
        if (lastFF) put(0, 7);
        lastFF = false;
        acc = 0;
        accBits = 0;
    }

    private void raw(int... bytes) {
        for (int b : bytes) emit(b & 0xFF);
    }

    private void emit(int b) {
        if (size == out.length) out = Arrays.copyOf(out, out.length * 2);
        out[size++] = (byte) b;
    }
}
