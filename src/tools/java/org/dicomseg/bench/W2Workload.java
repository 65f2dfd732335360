package org.dicomseg.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.PixelKind;

/**
 * Benchmark workload W2 (issue 7): a {@code size × size} binary tissue mask (default 30,000²), a
 * union of irregular (rotated) ellipses covering about 45 % of the area, with elliptical holes, so
 * that many tiles are empty, many full and many partial. Deterministic (fixed seed). The mask is
 * never held whole: each row is kept as its tissue intervals (a few ints per row), and
 * {@link #planes()} fills any region on demand from them ({@link MaskPlanes#readRegion}), which is
 * how a slide-sized mask streams into a tiled SEG.
 */
public final class W2Workload {
    /** Ellipses: cx, cy, semi-axis a, semi-axis b, angle (all in pixels / radians). */
    private final double[][] blobs;
    private final double[][] holes;
    private final int size;
    /** Per row: tissue as sorted, disjoint [start, end] column intervals (inclusive), flattened. */
    private final int[][] rowSpans;

    public W2Workload(int size) {
        this.size = size;
        Random r = new Random(20260525L);
        blobs = new double[9][];
        for (int i = 0; i < blobs.length; i++) {
            blobs[i] = new double[] {size * (0.18 + 0.64 * r.nextDouble()), size * (0.18 + 0.64 * r.nextDouble()),
                size * (0.11 + 0.13 * r.nextDouble()), size * (0.085 + 0.105 * r.nextDouble()), Math.PI * r.nextDouble()};
        }
        holes = new double[14][];
        for (int i = 0; i < holes.length; i++) {
            double[] b = blobs[i % blobs.length];
            holes[i] = new double[] {b[0] + (r.nextDouble() - 0.5) * b[2], b[1] + (r.nextDouble() - 0.5) * b[3],
                size * (0.005 + 0.02 * r.nextDouble()), size * (0.005 + 0.015 * r.nextDouble()), Math.PI * r.nextDouble()};
        }
        rowSpans = new int[size][];
        for (int y = 0; y < size; y++) rowSpans[y] = spans(y);
    }

    public int size() { return size; }

    /** Tissue pixels in the region (x, y, width, height), counted from the row intervals: the benchmark's check of a read. */
    public long tissuePixels(int x, int y, int width, int height) {
        long n = 0;
        for (int r = y; r < y + height; r++) {
            int[] sp = rowSpans[r];
            for (int i = 0; i < sp.length; i += 2) {
                int a0 = Math.max(sp[i], x), a1 = Math.min(sp[i + 1], x + width - 1);
                if (a0 <= a1) n += a1 - a0 + 1;
            }
        }
        return n;
    }

    /** True when pixel (x, y) is tissue. */
    public boolean isTissue(int x, int y) {
        byte[] row = new byte[1];
        fillRow(row, 0, x, 1, y);
        return row[0] != 0;
    }

    /** The mask as one lazily computed 8-bit plane (1 = tissue). */
    public MaskPlanes planes() {
        return new MaskPlanes() {
            @Override public int rows() { return size; }
            @Override public int columns() { return size; }
            @Override public int planes() { return 1; }
            @Override public PixelKind kind() { return PixelKind.UINT8; }
            @Override public boolean supportsConcurrentReads() { return true; } // rows are read-only intervals

            @Override public Object readPlane(int plane, Object dst) {
                if ((long) size * size > Integer.MAX_VALUE) throw new UnsupportedOperationException("read W2 by regions");
                byte[] b = dst instanceof byte[] && ((byte[]) dst).length >= size * size ? (byte[]) dst : new byte[size * size];
                readRegion(plane, 0, 0, size, size, b);
                return b;
            }

            @Override public void readRegion(int plane, int x, int y, int width, int height, Object dst) {
                byte[] b = (byte[]) dst;
                for (int r = 0; r < height; r++) fillRow(b, r * width, x, width, y + r);
            }

            /** From the row intervals, without filling: 1 when one interval covers every row's part, 0 when none touches it. */
            @Override public int uniformValue(int plane, int x, int y, int width, int height) {
                if (plane != 0 || x < 0 || y < 0 || width < 1 || height < 1 || x + width > size || y + height > size) return -1;
                int v = rowValue(x, x + width - 1, y);
                for (int r = 1; r < height && v >= 0; r++) if (rowValue(x, x + width - 1, y + r) != v) return -1;
                return v;
            }
        };
    }

    /** Columns [x0, x1] of row y: 1 = all tissue, 0 = none, -1 = mixed. */
    private int rowValue(int x0, int x1, int y) {
        int[] sp = rowSpans[y];
        for (int i = 0; i < sp.length; i += 2) {
            if (sp[i + 1] < x0) continue;        // interval left of the range
            if (sp[i] > x1) return 0;            // this and all later intervals right of it
            return sp[i] <= x0 && sp[i + 1] >= x1 ? 1 : -1;
        }
        return 0;
    }

    private void fillRow(byte[] b, int off, int x, int w, int y) {
        Arrays.fill(b, off, off + w, (byte) 0);
        int[] sp = rowSpans[y];
        for (int i = 0; i < sp.length; i += 2) {
            int a0 = Math.max(sp[i], x), a1 = Math.min(sp[i + 1], x + w - 1);
            if (a0 <= a1) Arrays.fill(b, off + a0 - x, off + a1 - x + 1, (byte) 1);
        }
    }

    /** Row y's tissue intervals: the blobs' intervals merged, the holes' cut out. */
    private int[] spans(int y) {
        List<int[]> in = new ArrayList<>();
        for (double[] e : blobs) {
            int[] iv = interval(y, e);
            if (iv != null) in.add(iv);
        }
        in.sort((p, q) -> Integer.compare(p[0], q[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] iv : in) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && iv[0] <= last[1] + 1) last[1] = Math.max(last[1], iv[1]);
            else merged.add(iv.clone());
        }
        for (double[] e : holes) {
            int[] h = interval(y, e);
            if (h == null) continue;
            List<int[]> cut = new ArrayList<>();
            for (int[] iv : merged) {
                if (h[1] < iv[0] || h[0] > iv[1]) {
                    cut.add(iv);
                    continue;
                }
                if (iv[0] < h[0]) cut.add(new int[] {iv[0], h[0] - 1});
                if (h[1] < iv[1]) cut.add(new int[] {h[1] + 1, iv[1]});
            }
            merged = cut;
        }
        int[] out = new int[2 * merged.size()];
        for (int i = 0; i < merged.size(); i++) {
            out[2 * i] = merged.get(i)[0];
            out[2 * i + 1] = merged.get(i)[1];
        }
        return out;
    }

    /** Columns [x0, x1] of row y inside rotated ellipse e, clipped to the matrix, or null. */
    private int[] interval(int y, double[] e) {
        double c = Math.cos(e[4]), s = Math.sin(e[4]);
        double dy = y - e[1];
        // points (dx, dy) with ((dx c + dy s)/a)^2 + ((-dx s + dy c)/b)^2 <= 1: quadratic in dx
        double ia = 1 / (e[2] * e[2]), ib = 1 / (e[3] * e[3]);
        double qa = c * c * ia + s * s * ib;
        double qb = 2 * dy * (c * s * ia - s * c * ib);
        double qc = dy * dy * (s * s * ia + c * c * ib) - 1;
        double disc = qb * qb - 4 * qa * qc;
        if (disc < 0) return null;
        double sq = Math.sqrt(disc);
        int x0 = Math.max(0, (int) Math.ceil(e[0] + (-qb - sq) / (2 * qa)));
        int x1 = Math.min(size - 1, (int) Math.floor(e[0] + (-qb + sq) / (2 * qa)));
        return x0 <= x1 ? new int[] {x0, x1} : null;
    }
}
