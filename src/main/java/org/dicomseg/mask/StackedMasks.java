package org.dicomseg.mask;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.dicomseg.pixels.BitPacking;

/**
 * Mask input as one mask per segment (the i-th mask is segment i+1), each a stack of planes of
 * the same size. Integer planes ({@code byte[]}/{@code short[]}) are binary: nonzero = in the
 * segment. Float planes hold fractions in [0, 1] (probability or occupancy, PS3.3 C.8.20.2
 * Segmentation Fractional Type): a FRACTIONAL SEG stores {@code f × Maximum Fractional Value}
 * computed in double precision and rounded half to even ({@link #quantise}); a BINARY or LABELMAP SEG counts a pixel as in the segment when {@code round(f) = 1},
 * i.e. {@code f >= 0.5}. Masks may overlap; the writer then writes Segments Overlap (0062,0013) YES.
 */
public final class StackedMasks extends SegmentationMask {
    private final List<MaskPlanes> masks;
    private final int rows;
    private final int columns;
    private final int planes;
    private final Object[] buffers;
    private byte[] scratch;
    private boolean scanned;
    /**
     * {@code empty[plane][segment]}: the source said (through {@link MaskPlanes#uniformValue}) that
     * the segment's mask is all 0 in that plane; its frames are then made without reading it.
     */
    private boolean[][] empty;

    private StackedMasks(List<MaskPlanes> masks) {
        if (masks == null || masks.isEmpty()) throw new IllegalArgumentException("Stacked masks need at least one segment mask");
        MaskPlanes first = Objects.requireNonNull(masks.get(0), "mask of segment 1");
        rows = first.rows();
        columns = first.columns();
        planes = first.planes();
        for (int i = 0; i < masks.size(); i++) {
            MaskPlanes m = Objects.requireNonNull(masks.get(i), "mask of segment " + (i + 1));
            if (m.rows() != rows || m.columns() != columns || m.planes() != planes) {
                throw new IllegalArgumentException("Mask of segment " + (i + 1) + " is " + m.columns() + "x" + m.rows()
                        + "x" + m.planes() + " (columns x rows x planes), segment 1's is " + columns + "x" + rows + "x" + planes);
            }
        }
        this.masks = List.copyOf(masks);
        this.buffers = new Object[masks.size()];
    }

    /** One mask per segment, segment numbers 1..N in list order. */
    public static StackedMasks of(List<MaskPlanes> masks) { return new StackedMasks(masks); }

    /** One mask per segment, segment numbers 1..N in argument order. */
    public static StackedMasks of(MaskPlanes... masks) { return new StackedMasks(Arrays.asList(masks)); }

    /** In-memory binary masks, {@code masks[segment][plane][pixel]} (nonzero = in), not copied. */
    public static StackedMasks ofBytes(byte[][][] masks, int rows, int columns) {
        List<MaskPlanes> l = new ArrayList<>();
        for (byte[][] m : masks) l.add(MaskPlanes.ofBytes(m, rows, columns));
        return new StackedMasks(l);
    }

    /** In-memory 16-bit binary masks, {@code masks[segment][plane][pixel]} (nonzero = in), not copied. */
    public static StackedMasks ofShorts(short[][][] masks, int rows, int columns) {
        List<MaskPlanes> l = new ArrayList<>();
        for (short[][] m : masks) l.add(MaskPlanes.ofShorts(m, rows, columns));
        return new StackedMasks(l);
    }

    /** In-memory fractional masks, {@code masks[segment][plane][pixel]} in [0, 1], not copied. */
    public static StackedMasks ofFloats(float[][][] masks, int rows, int columns) {
        List<MaskPlanes> l = new ArrayList<>();
        for (float[][] m : masks) l.add(MaskPlanes.ofFloats(m, rows, columns));
        return new StackedMasks(l);
    }

    /** Number of segment masks. */
    public int segmentCount() { return masks.size(); }

    /** The mask of segment {@code segment} (1-based). */
    public MaskPlanes mask(int segment) { return masks.get(segment - 1); }

    @Override public StackedMasks downsampled(int factor, int shiftX, int shiftY, int maxRows, int maxColumns) {
        java.util.List<MaskPlanes> t = new java.util.ArrayList<>(masks.size());
        for (MaskPlanes m : masks) {
            DownsampledMaskPlanes.Rule rule = m.kind() == PixelKind.FLOAT32 ? DownsampledMaskPlanes.Rule.MEAN : DownsampledMaskPlanes.Rule.ANY;
            t.add(new DownsampledMaskPlanes(m, factor, shiftX, shiftY, rule, maxRows, maxColumns));
        }
        return new StackedMasks(t);
    }

    @Override public StackedMasks tiled(TileGrid grid) {
        java.util.List<MaskPlanes> t = new java.util.ArrayList<>(masks.size());
        for (MaskPlanes m : masks) t.add(new TiledMaskPlanes(m, grid));
        return new StackedMasks(t);
    }

    @Override public int rows() { return rows; }
    @Override public int columns() { return columns; }
    @Override public int planes() { return planes; }
    @Override public boolean isLabelMap() { return false; }

    /** True when every mask is an in-memory 8-bit {@link ArrayMaskPlanes}: packing then uses no shared buffer. */
    @Override public boolean supportsConcurrentReads() {
        for (MaskPlanes m : masks) {
            if (!(m instanceof ArrayMaskPlanes) || m.kind() != PixelKind.UINT8) return false;
        }
        return true;
    }

    private Object read(int segment, int plane) {
        MaskPlanes m = masks.get(segment - 1);
        if (buffers[segment - 1] == null && !(m instanceof ArrayMaskPlanes)) {
            buffers[segment - 1] = m.kind().newArray(rows * columns);
        }
        return m.readPlane(plane, buffers[segment - 1]);
    }

    private void checkCount(int segmentCount) {
        if (segmentCount != masks.size()) {
            throw new IllegalArgumentException("There are " + masks.size() + " segment masks but " + segmentCount
                    + " segment descriptions: give one description per mask");
        }
    }

    @Override public MaskInventory scan(int segmentCount, int maxValue) {
        checkCount(segmentCount);
        int n = rows * columns;
        boolean[][] present = new boolean[planes][segmentCount + 1];
        boolean[][] knownEmpty = new boolean[planes][segmentCount + 1];
        boolean overlaps = false;
        byte[] occupied = segmentCount > 1 ? new byte[n] : null;
        for (int p = 0; p < planes; p++) {
            if (occupied != null && !overlaps) Arrays.fill(occupied, (byte) 0);
            for (int s = 1; s <= segmentCount; s++) {
                MaskPlanes m = masks.get(s - 1);
                // nothing there: not read (whole in-memory planes are cheaper to scan below, in place)
                if (!(m instanceof ArrayMaskPlanes) && m.uniformValue(p, 0, 0, columns, rows) == 0) {
                    knownEmpty[p][s] = true;
                    continue;
                }
                Object px = read(s, p);
                boolean any = false;
                boolean track = occupied != null && !overlaps;
                if (px instanceof byte[]) {
                    byte[] b = (byte[]) px;
                    for (int i = 0; i < n; i++) {
                        if (b[i] != 0) {
                            any = true;
                            if (!track) break;
                            if (occupied[i] != 0) { overlaps = true; break; }
                            occupied[i] = 1;
                        }
                    }
                } else if (px instanceof short[]) {
                    short[] b = (short[]) px;
                    for (int i = 0; i < n; i++) {
                        if (b[i] != 0) {
                            any = true;
                            if (!track) break;
                            if (occupied[i] != 0) { overlaps = true; break; }
                            occupied[i] = 1;
                        }
                    }
                } else {
                    float[] f = (float[]) px;
                    for (int i = 0; i < n; i++) {
                        float v = f[i];
                        if (!(v >= 0f && v <= 1f)) {
                            throw new IllegalArgumentException("Fractional value " + v + " of segment " + s + " at plane "
                                    + (p + 1) + ", row " + (i / columns + 1) + ", column " + (i % columns + 1)
                                    + " is outside [0, 1]");
                        }
                        if (quantise(v, maxValue) > 0) {
                            any = true;
                            if (track) { if (occupied[i] != 0) { overlaps = true; track = false; } else occupied[i] = 1; }
                        }
                    }
                }
                present[p][s] = any;
            }
        }
        scanned = true;
        empty = knownEmpty;
        return new MaskInventory(present, segmentCount, overlaps);
    }

    private void requireScanned() {
        if (!scanned) throw new IllegalStateException("scan() must be called before reading frames");
    }

    /** 0 when every segment's mask is known to be empty in the plane, else -1. */
    @Override public int uniformSegment(int plane) {
        boolean[][] e = empty;
        if (e == null || plane < 0 || plane >= e.length) return -1;
        for (int s = 1; s < e[plane].length; s++) if (!e[plane][s]) return -1;
        return 0;
    }

    private boolean knownEmpty(int plane, int segment) {
        boolean[][] e = empty;
        return e != null && plane < e.length && segment < e[plane].length && e[plane][segment];
    }

    /**
     * The stored FRACTIONAL value of fraction {@code v} (PS3.3 C.8.20.2.3: 0..Maximum Fractional
     * Value): {@code v × maxValue} in double precision (exact for a float times an integer up to
     * 255), rounded to the nearest integer, ties to even — numpy's {@code around}, what highdicom
     * 0.28.1 does with float64 fractions ({@code np.around(array * float(max_fractional_value))}).
     * Float32 arithmetic would round products that lie just below x.5 up. With {@code maxValue} 1
     * (BINARY and LABELMAP from fractions) a pixel is in the segment when {@code v >= 0.5}, ties up.
     */
    public static int quantise(float v, int maxValue) {
        if (maxValue == 1) return v >= 0.5f ? 1 : 0;
        return (int) Math.rint((double) v * maxValue);
    }

    @Override public void segmentFrame(int plane, int segment, int maxValue, byte[] dst) {
        requireScanned();
        checkPlane(plane, planes);
        int n = rows * columns;
        byte on = (byte) maxValue;
        if (knownEmpty(plane, segment)) {
            Arrays.fill(dst, 0, n, (byte) 0);
            return;
        }
        Object px = read(segment, plane);
        if (px instanceof byte[]) {
            byte[] b = (byte[]) px;
            for (int i = 0; i < n; i++) dst[i] = b[i] != 0 ? on : 0;
        } else if (px instanceof short[]) {
            short[] b = (short[]) px;
            for (int i = 0; i < n; i++) dst[i] = b[i] != 0 ? on : 0;
        } else {
            float[] f = (float[]) px;
            for (int i = 0; i < n; i++) dst[i] = (byte) quantise(f[i], maxValue);
        }
    }

    @Override public void packSegments(int plane, boolean[] wanted, byte[][] dst) {
        requireScanned();
        checkPlane(plane, planes);
        int n = rows * columns;
        int packed = (int) BitPacking.packedLength(n);
        for (int s = 1; s < dst.length && s <= masks.size(); s++) {
            if (s >= wanted.length || !wanted[s]) continue;
            Arrays.fill(dst[s], 0, packed, (byte) 0);
            if (knownEmpty(plane, s)) continue;
            Object px = read(s, plane);
            byte[] bits;
            if (px instanceof byte[]) {
                bits = (byte[]) px;
            } else {
                if (scratch == null) scratch = new byte[n];
                segmentFrame(plane, s, 1, scratch);
                bits = scratch;
            }
            BitPacking.pack(bits, 0, n, dst[s], 0);
        }
    }

    @Override public void labelFrame(int plane, Object dst) {
        requireScanned();
        checkPlane(plane, planes);
        int n = rows * columns;
        if (scratch == null) scratch = new byte[n];
        boolean bytes = dst instanceof byte[];
        if (bytes) Arrays.fill((byte[]) dst, 0, n, (byte) 0);
        else Arrays.fill((short[]) dst, 0, n, (short) 0);
        for (int s = 1; s <= masks.size(); s++) {
            if (knownEmpty(plane, s)) continue;
            segmentFrame(plane, s, 1, scratch);
            for (int i = 0; i < n; i++) {
                if (scratch[i] == 0) continue;
                int old = bytes ? ((byte[]) dst)[i] & 0xFF : ((short[]) dst)[i] & 0xFFFF;
                if (old != 0) {
                    throw new IllegalArgumentException("Segments " + old + " and " + s + " overlap at plane " + (plane + 1)
                            + ", row " + (i / columns + 1) + ", column " + (i % columns + 1)
                            + ": a LABELMAP segmentation cannot represent overlapping segments (use BINARY or FRACTIONAL)");
                }
                if (bytes) ((byte[]) dst)[i] = (byte) s;
                else ((short[]) dst)[i] = (short) s;
            }
        }
    }
}
