package org.dicomseg.pixels;

/**
 * Decodes the entropy-coded data of one JPEG-LS scan (ITU-T T.87 | ISO/IEC 14495-1, Annex A and
 * Annex F) into a frame's samples: regular mode (A.3–A.6) and run mode (A.7), interleave modes none,
 * line and sample (B.2, B.3: one context set per scan, a run index per component in line-interleaved
 * scans), NEAR ≥ 0, restart intervals (the coder reset at each RSTm, C.2.5 and D.2) and the bit
 * stuffing of A.1 (a 0 bit after each 0xFF byte).
 *
 * <p>Hostile data: every read is bounded by the scan's bytes (a read past them is "truncated"),
 * the Golomb prefix by LIMIT (A.5.3), a run by the line; the only allocations are the line buffers
 * of the frame's width.</p>
 *
 * <p>Speed (label maps are mostly runs of one value, mostly 0): a run is one {@code Arrays.fill}
 * of the line, and a line is stored from its first to its last non-zero sample only, since the
 * frame buffer starts zeroed ({@code JpegLsCodec} allocates it and each sample position belongs to
 * one scan only); or, with a run sink (one 8-bit component), the line goes out as its runs of equal
 * samples, joined as they are decoded (a run-mode run, then the samples that continue it), never
 * stored.</p>
 */
final class JpegLsScanDecoder {
    private final byte[] d;
    private final int length;
    private int pos;
    private int end;
    private long cache;
    private int bits;
    private boolean lastFF;

    private final JpegLsContext ctx;
    private final int width;
    private final int height;
    private final int ilv;
    private final int restartInterval;
    /** Components of this scan, as indices into the frame's components. */
    private final int[] components;
    private final int frameComponents;
    private final int bytesPerSample;
    private final byte[] out;
    /** Instead of {@link #out} (one component, 8 bits): each line as runs. */
    private final RleCodec.RunSink sink;
    /** With {@link #sink}: the frame offset of column 0 of the current line (column x, 1-based, is at lineBase + x). */
    private int lineBase;
    private final int[] runIndex;
    private final int[][] prev;
    private final int[][] cur;
    /** Per component: the first and last column (1-based) of the current line holding a non-zero sample. */
    private final int[] firstNonZero;
    private final int[] lastNonZero;

    JpegLsScanDecoder(byte[] d, int start, int length, JpegLsContext ctx, int width, int height, int ilv,
            int restartInterval, int[] components, int frameComponents, int bytesPerSample, byte[] out, RleCodec.RunSink sink) {
        this.d = d;
        this.length = length;
        this.ctx = ctx;
        this.width = width;
        this.height = height;
        this.ilv = ilv;
        this.restartInterval = restartInterval;
        this.components = components;
        this.frameComponents = frameComponents;
        this.bytesPerSample = bytesPerSample;
        this.out = out;
        this.sink = sink;
        if (sink != null && (components.length != 1 || frameComponents != 1 || bytesPerSample != 1)) {
            throw new IllegalArgumentException("runs only from 8-bit frames of one component");
        }
        int nc = components.length;
        this.runIndex = new int[nc];
        this.prev = new int[nc][width + 2];
        this.cur = new int[nc][width + 2];
        this.firstNonZero = new int[nc];
        this.lastNonZero = new int[nc];
        startSegment(start);
    }

    /** Decodes all lines; returns the offset of the marker that ends the scan (or the data's end). */
    int decode() {
        int nc = components.length;
        for (int y = 0; y < height; y++) {
            if (restartInterval > 0 && y > 0 && y % restartInterval == 0) restart(y / restartInterval - 1);
            for (int i = 0; i < nc; i++) {
                int[] t = prev[i];
                prev[i] = cur[i];
                cur[i] = t;
            }
            lineBase = y * width - 1;
            if (ilv == 2) {
                sampleInterleavedLine();
            } else {
                for (int i = 0; i < nc; i++) line(i);
            }
            store(y);
        }
        return end;
    }

    /** Line {@code y} into the (zeroed) frame: columns firstNonZero .. lastNonZero of each component. */
    private void store(int y) {
        if (sink != null) return; // line() gave its runs
        for (int i = 0; i < components.length; i++) {
            int[] line = cur[i];
            int from = firstNonZero[i];
            int to = lastNonZero[i];
            if (from > to) continue; // all 0: the frame buffer already is
            int step = frameComponents * bytesPerSample;
            int at = (y * width * frameComponents + components[i]) * bytesPerSample + (from - 1) * step;
            if (bytesPerSample == 1) {
                for (int x = from; x <= to; x++, at += step) out[at] = (byte) line[x];
            } else {
                for (int x = from; x <= to; x++, at += step) {
                    out[at] = (byte) line[x];
                    out[at + 1] = (byte) (line[x] >> 8);
                }
            }
        }
    }

    /** One line of one component (interleave modes none and line), T.87 A.2–A.7. */
    private void line(int i) {
        int[] p = prev[i];
        int[] c = cur[i];
        p[width + 1] = p[width];
        c[0] = p[1];
        int first = width + 1;
        int last = 0;
        RleCodec.RunSink runs = sink;
        int runStart = 1;  // with a sink: the run of equal samples not yet given, columns runStart .. x - 1,
        int runValue = -1; // of this value
        int x = 1;
        while (x <= width) {
            int ra = c[x - 1];
            int rb = p[x];
            int rc = p[x - 1];
            int rd = p[x + 1];
            int q = 81 * ctx.quantize(rd - rb) + 9 * ctx.quantize(rb - rc) + ctx.quantize(rc - ra);
            if (q != 0) {
                int v = regular(q, JpegLsContext.predict(ra, rb, rc));
                c[x] = v;
                if (v != 0) {
                    if (x < first) first = x;
                    last = x;
                }
                if (runs != null && v != runValue) {
                    if (x > runStart) runs.fill(lineBase + runStart, x - runStart, (byte) runValue);
                    runStart = x;
                    runValue = v;
                }
                x++;
                continue;
            }
            int n = runLength(i, width - x + 1);
            if (n > 0) {
                java.util.Arrays.fill(c, x, x + n, ra);
                if (ra != 0) {
                    if (x < first) first = x;
                    last = x + n - 1;
                }
                if (runs != null && ra != runValue) {
                    if (x > runStart) runs.fill(lineBase + runStart, x - runStart, (byte) runValue);
                    runStart = x;
                    runValue = ra;
                }
            }
            x += n;
            if (x <= width) {
                rb = p[x];
                int v;
                if (Math.abs(ra - rb) <= ctx.near) {
                    v = ctx.reconstruct(ra, runInterruption(1, runIndex[i]));
                } else {
                    v = ctx.reconstruct(rb, runInterruption(0, runIndex[i]) * (rb < ra ? -1 : 1));
                }
                c[x] = v;
                if (v != 0) {
                    if (x < first) first = x;
                    last = x;
                }
                if (runs != null && v != runValue) {
                    if (x > runStart) runs.fill(lineBase + runStart, x - runStart, (byte) runValue);
                    runStart = x;
                    runValue = v;
                }
                if (runIndex[i] > 0) runIndex[i]--;
                x++;
            }
        }
        if (runs != null) runs.fill(lineBase + runStart, width + 1 - runStart, (byte) runValue);
        firstNonZero[i] = first;
        lastNonZero[i] = last;
    }

    /** One line of all components, sample-interleaved (ILV 2, T.87 B.3). */
    private void sampleInterleavedLine() {
        int nc = components.length;
        for (int i = 0; i < nc; i++) {
            prev[i][width + 1] = prev[i][width];
            cur[i][0] = prev[i][1];
            firstNonZero[i] = 1; // stored whole
            lastNonZero[i] = width;
        }
        int[] q = new int[nc];
        int x = 1;
        while (x <= width) {
            boolean run = true;
            for (int i = 0; i < nc; i++) {
                int[] p = prev[i];
                int ra = cur[i][x - 1];
                q[i] = 81 * ctx.quantize(p[x + 1] - p[x]) + 9 * ctx.quantize(p[x] - p[x - 1]) + ctx.quantize(p[x - 1] - ra);
                if (q[i] != 0) run = false;
            }
            if (!run) {
                for (int i = 0; i < nc; i++) {
                    cur[i][x] = regular(q[i], JpegLsContext.predict(cur[i][x - 1], prev[i][x], prev[i][x - 1]));
                }
                x++;
                continue;
            }
            int n = runLength(0, width - x + 1);
            for (int i = 0; i < nc; i++) {
                int ra = cur[i][x - 1];
                for (int k = 0; k < n; k++) cur[i][x + k] = ra;
            }
            x += n;
            if (x <= width) {
                for (int i = 0; i < nc; i++) {
                    int ra = cur[i][x - 1];
                    int rb = prev[i][x];
                    cur[i][x] = ctx.reconstruct(rb, runInterruption(0, runIndex[0]) * (rb < ra ? -1 : 1));
                }
                if (runIndex[0] > 0) runIndex[0]--;
                x++;
            }
        }
    }

    /** A regular-mode sample of context Q (signed), T.87 A.3–A.6 and F.1 step 9. */
    private int regular(int q, int px) {
        int sign = 1;
        if (q < 0) {
            sign = -1;
            q = -q;
        }
        int corrected = ctx.correct(px, q, sign);
        int k = ctx.k(q);
        int m = mapped(k, ctx.limit);
        int err;
        if (ctx.invertedMapping(q, k)) {
            err = (m & 1) != 0 ? (m - 1) >> 1 : -(m >> 1) - 1;
        } else {
            err = (m & 1) == 0 ? m >> 1 : -((m + 1) >> 1);
        }
        ctx.update(q, err);
        return ctx.reconstruct(corrected, sign * err);
    }

    /** The error of a run-interruption sample, T.87 A.7.2 (code segments A.19–A.23, decoding). */
    private int runInterruption(int riType, int ri) {
        int k = ctx.kRun(riType);
        int em = mapped(k, ctx.limit - JpegLsContext.J[ri] - 1);
        int temp = em + riType;
        int map = temp & 1;
        int abs = (temp + map) >> 1;
        int err = ctx.negativeFirst(riType, k) == (map == 1) ? -abs : abs;
        ctx.updateRun(riType, err, em);
        return err;
    }

    /** The length of a run (A.7.1, decoding), at most {@code remaining}; updates RUNindex. */
    private int runLength(int i, int remaining) {
        int n = 0;
        while (readBit() == 1) {
            int rg = 1 << JpegLsContext.J[runIndex[i]];
            int count = Math.min(rg, remaining - n);
            n += count;
            if (count == rg && runIndex[i] < 31) runIndex[i]++;
            if (n == remaining) return n;
        }
        int j = JpegLsContext.J[runIndex[i]];
        if (j > 0) n += readBits(j);
        if (n > remaining) {
            throw new CorruptPixelDataException("JPEG-LS run of " + n + " samples overruns the line (" + remaining + " left)");
        }
        return n;
    }

    /** A mapped error value coded with the limited-length Golomb code of T.87 A.5.3. */
    private int mapped(int k, int limit) {
        int escape = limit - ctx.qbpp - 1;
        if (escape < 1) throw new CorruptPixelDataException("JPEG-LS code length limit " + limit + " is too small");
        int zeros = unary(escape);
        if (zeros < escape) return k == 0 ? zeros : (zeros << k) | readBits(k);
        return readBits(ctx.qbpp) + 1;
    }

    // ------------------------------------------------------------------ bits (T.87 A.1)

    private void startSegment(int start) {
        pos = start;
        end = findMarker(start);
        cache = 0;
        bits = 0;
        lastFF = false;
    }

    /** The first 0xFF followed by a byte with its high bit set (a marker) from {@code from}, or the data's end. */
    private int findMarker(int from) {
        for (int i = from; i + 1 < length; i++) {
            if (d[i] == (byte) 0xFF && (d[i + 1] & 0x80) != 0) return i;
        }
        return length;
    }

    private void fill() {
        while (bits <= 56 && pos < end) {
            int v = d[pos++] & 0xFF;
            if (lastFF) {
                cache |= (long) (v & 0x7F) << (57 - bits);
                bits += 7;
            } else {
                cache |= (long) v << (56 - bits);
                bits += 8;
            }
            lastFF = v == 0xFF;
        }
    }

    private CorruptPixelDataException truncated() {
        return new CorruptPixelDataException("JPEG-LS scan data ends before the frame's " + width + " x " + height
                + " samples are decoded (truncated or corrupt at byte " + pos + ")");
    }

    private void skip(int n) {
        cache = n >= 64 ? 0 : cache << n;
        bits -= n;
    }

    private int readBit() {
        if (bits == 0) {
            fill();
            if (bits == 0) throw truncated();
        }
        int bit = (int) (cache >>> 63);
        skip(1);
        return bit;
    }

    private int readBits(int n) {
        if (n == 0) return 0;
        if (bits < n) {
            fill();
            if (bits < n) throw truncated();
        }
        int v = (int) (cache >>> (64 - n));
        skip(n);
        return v;
    }

    /** Counts 0 bits up to the next 1 bit (consumed); more than {@code max} zeros is corrupt. */
    private int unary(int max) {
        int count = 0;
        while (true) {
            if (bits == 0) {
                fill();
                if (bits == 0) throw truncated();
            }
            int lz = Long.numberOfLeadingZeros(cache);
            if (lz < bits) {
                count += lz;
                skip(lz + 1);
                break;
            }
            count += bits;
            skip(bits);
            if (count > max) break;
        }
        if (count > max) {
            throw new CorruptPixelDataException("JPEG-LS Golomb code longer than LIMIT allows (" + count
                    + " leading zeros, at most " + max + "): the scan data is corrupt");
        }
        return count;
    }

    /** At the end of restart interval {@code m} (0-based): the RSTm marker, then a fresh coder (T.87 D.2, C.2.5). */
    private void restart(int m) {
        int at = end;
        if (at + 1 >= length) throw new CorruptPixelDataException("JPEG-LS restart marker RST" + (m & 7) + " missing: data ends");
        int i = at;
        while (i + 1 < length && d[i + 1] == (byte) 0xFF) i++; // fill bytes
        int marker = d[i + 1] & 0xFF;
        if (marker != 0xD0 + (m & 7)) {
            throw new CorruptPixelDataException(String.format("JPEG-LS restart marker RST%d expected, found marker 0x%02X",
                    m & 7, marker));
        }
        startSegment(i + 2);
        ctx.resetState();
        java.util.Arrays.fill(runIndex, 0);
        for (int k = 0; k < components.length; k++) {
            java.util.Arrays.fill(prev[k], 0);
            java.util.Arrays.fill(cur[k], 0);
        }
    }
}
