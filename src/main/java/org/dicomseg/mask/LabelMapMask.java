package org.dicomseg.mask;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.dicomseg.pixels.BitPacking;

/**
 * A label map as mask input: one unsigned 8- or 16-bit plane per position, pixel value = label,
 * 0 = background. Each label is one segment, either the segment with the same number (the default)
 * or the one given by an explicit label → segment map, for gapped numbering such as dcmqi's
 * {@code labelID}s 1, 5, 7 becoming segments 1, 2, 3 (PS3.3 C.8.20.2 wants segments numbered
 * 1..N without gaps). A label that occurs in the image but has no segment is an error naming the
 * label value. Segments of a label map never overlap (Segments Overlap = NO).
 *
 * <p>The first pass ({@link #scan}) remembers which planes hold a single label: asked of the source
 * ({@link MaskPlanes#uniformValue}, e.g. the empty and full tiles of a slide-sized lazy mask, never
 * filled) or seen while scanning. The frames of those planes are then made without reading them
 * again; only mixed planes are read and packed twice.</p>
 */
public final class LabelMapMask extends SegmentationMask {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MaskPlanes labels;
    private final Map<Integer, Integer> labelToSegment; // null = identity
    private int[] segmentOfLabel;                        // resolved by scan()
    private int resolvedFor = -1;

    private LabelMapMask(MaskPlanes labels, Map<Integer, Integer> labelToSegment) {
        this.labels = Objects.requireNonNull(labels, "label planes");
        if (labels.kind() == PixelKind.FLOAT32) {
            throw new IllegalArgumentException("A label map needs 8- or 16-bit integer planes, not 32-bit float"
                    + " (use StackedMasks for probability maps)");
        }
        this.labelToSegment = labelToSegment;
    }

    /** Label value = segment number. */
    public static LabelMapMask of(MaskPlanes labels) {
        return new LabelMapMask(labels, null);
    }

    /**
     * Labels mapped explicitly to segment numbers; labels not in the map must not occur in the
     * image (label 0 is always background and must not be mapped).
     */
    public static LabelMapMask of(MaskPlanes labels, Map<Integer, Integer> labelToSegment) {
        Objects.requireNonNull(labelToSegment, "label to segment map");
        int maxLabel = labels.kind() == PixelKind.UINT8 ? 255 : 65535;
        TreeMap<Integer, Integer> copy = new TreeMap<>();
        for (Map.Entry<Integer, Integer> e : labelToSegment.entrySet()) {
            int label = Objects.requireNonNull(e.getKey(), "label");
            int seg = Objects.requireNonNull(e.getValue(), "segment number");
            if (label < 1 || label > maxLabel) {
                throw new IllegalArgumentException("Label value " + label + " cannot be mapped: labels are 1.." + maxLabel
                        + " (0 is background)");
            }
            if (seg < 1 || seg > 65535) {
                throw new IllegalArgumentException("Label value " + label + " is mapped to segment " + seg
                        + ", outside 1..65535");
            }
            copy.put(label, seg);
        }
        return new LabelMapMask(labels, copy);
    }

    /** In-memory 8-bit label planes ({@code planes[p]} row-major, not copied); label = segment. */
    public static LabelMapMask ofBytes(byte[][] planes, int rows, int columns) {
        return of(MaskPlanes.ofBytes(planes, rows, columns));
    }

    /** In-memory 16-bit label planes (not copied); label = segment. */
    public static LabelMapMask ofShorts(short[][] planes, int rows, int columns) {
        return of(MaskPlanes.ofShorts(planes, rows, columns));
    }

    @Override public LabelMapMask downsampled(int factor, int shiftX, int shiftY, int maxRows, int maxColumns) {
        return new LabelMapMask(new DownsampledMaskPlanes(labels, factor, shiftX, shiftY, DownsampledMaskPlanes.Rule.MODE,
                maxRows, maxColumns), labelToSegment);
    }

    @Override public LabelMapMask tiled(TileGrid grid) {
        return new LabelMapMask(new TiledMaskPlanes(labels, grid), labelToSegment);
    }

    /** The label planes. */
    public MaskPlanes labels() { return labels; }

    @Override public int rows() { return labels.rows(); }
    @Override public int columns() { return labels.columns(); }
    @Override public int planes() { return labels.planes(); }
    @Override public boolean isLabelMap() { return true; }

    /**
     * True for in-memory planes ({@link ArrayMaskPlanes}): reading them allocates nothing shared;
     * and for planes that say they can be read concurrently (each thread then reads into its own buffer).
     */
    @Override public boolean supportsConcurrentReads() {
        return labels instanceof ArrayMaskPlanes || labels.supportsConcurrentReads();
    }

    private void resolve(int segmentCount) {
        if (resolvedFor == segmentCount) return;
        int size = labels.kind() == PixelKind.UINT8 ? 256 : 65536;
        int[] lut = new int[size];
        if (labelToSegment == null) {
            for (int v = 1; v < size; v++) lut[v] = v <= segmentCount ? v : -1;
        } else {
            Arrays.fill(lut, -1);
            lut[0] = 0;
            for (Map.Entry<Integer, Integer> e : labelToSegment.entrySet()) {
                if (e.getValue() > segmentCount) {
                    throw new IllegalArgumentException("Label value " + e.getKey() + " is mapped to segment " + e.getValue()
                            + ", but there are only " + segmentCount + " segment descriptions");
                }
                lut[e.getKey()] = e.getValue();
            }
        }
        segmentOfLabel = lut;
        resolvedFor = segmentCount;
    }

    @Override public MaskInventory scan(int segmentCount, int maxValue) {
        return scan(segmentCount, maxValue, null);
    }

    /**
     * The first pass; {@code listener} hears of every mixed plane right after it was scanned
     * ({@link SegmentationMask.PlaneListener}).
     */
    @Override public MaskInventory scan(int segmentCount, int maxValue, PlaneListener listener) {
        resolve(segmentCount);
        int planes = planes();
        int[][] labelsPerPlane = new int[planes][];
        int[] uniform = new int[planes];
        uniformLabel = null; // not known while scanning: a listener reading a plane reads its pixels
        if (supportsConcurrentReads() && planes > 1) {
            // Planes that can be read concurrently (in memory, or tiles of a thread-safe source):
            // split the pass over the cores.
            java.util.stream.IntStream.range(0, planes).parallel().forEach(p -> {
                boolean[] seen = new boolean[segmentOfLabel.length];
                labelsPerPlane[p] = scanPlane(p, seen, uniform, listener, segmentCount);
            });
        } else {
            boolean[] seen = new boolean[segmentOfLabel.length];
            for (int p = 0; p < planes; p++) labelsPerPlane[p] = scanPlane(p, seen, uniform, listener, segmentCount);
        }
        uniformLabel = uniform;
        boolean[][] present = new boolean[planes][segmentCount + 1];
        for (int p = 0; p < planes; p++) {
            for (int v : labelsPerPlane[p]) {
                int seg = segmentOfLabel[v];
                if (seg < 0) {
                    throw new IllegalArgumentException("Label value " + v + " (first found in plane " + (p + 1)
                            + ") has no segment description"
                            + (labelToSegment == null ? " (there are " + segmentCount + " segments, numbered 1.." + segmentCount + ")"
                                    : " in the label to segment map " + labelToSegment));
                }
                present[p][seg] = true;
            }
        }
        return new MaskInventory(present, segmentCount, false);
    }

    private static final int[] NO_LABELS = new int[0];

    /** Tells the listener about a mixed plane whose labels all have segments. */
    private void tell(PlaneListener listener, int plane, int[] labels, int uniform, int segmentCount) {
        if (listener == null || uniform >= 0) return;
        boolean[] segments = new boolean[segmentCount + 1];
        for (int v : labels) {
            int s = segmentOfLabel[v];
            if (s < 0) return; // an error once the scan is over
            segments[s] = true;
        }
        listener.scanned(plane, segments);
    }

    /** True when the label planes are in memory ({@link MaskPlanes#ofBytes} / {@code ofShorts}): reading a plane copies nothing. */
    public boolean inMemory() {
        return labels instanceof ArrayMaskPlanes;
    }

    /**
     * The distinct nonzero labels of plane {@code p}, ascending, and in {@code uniform[p]} the one
     * label the whole plane holds (0 = empty) or -1 when it is mixed: asked of the source first
     * ({@link MaskPlanes#uniformValue}, no pixels read), else found while reading the plane.
     * {@code seen} is scratch space.
     */
    private int[] scanPlane(int p, boolean[] seen, int[] uniform, PlaneListener listener, int segmentCount) {
        // Whole in-memory planes are scanned in place below, which finds uniformity at no extra cost.
        int v = labels instanceof ArrayMaskPlanes ? -1 : labels.uniformValue(p, 0, 0, columns(), rows());
        if (v >= 0 && v < seen.length) {
            uniform[p] = v;
            return v == 0 ? NO_LABELS : new int[] {v};
        }
        Object px = read(p);
        int n = rows() * columns();
        if (listener instanceof PlaneEncoder && px instanceof byte[] && labels instanceof ArrayMaskPlanes) {
            Arrays.fill(seen, false);
            if (((PlaneEncoder) listener).encodePlane(p, (byte[]) px, seen)) { // seen is exact here, 0 included
                int[] found = nonZero(seen);
                uniform[p] = found.length == 0 ? 0 : found.length == 1 && !seen[0] ? found[0] : -1;
                return found;
            }
        }
        int[] found = labelsIn(px, n, seen);
        uniform[p] = found.length == 0 ? 0 : found.length == 1 && !seen[0] && holdsOnly(px, n, found[0]) ? found[0] : -1;
        tell(listener, p, found, uniform[p], segmentCount);
        return found;
    }

    /** The values {@code v > 0} with {@code seen[v]}, ascending. */
    private static int[] nonZero(boolean[] seen) {
        int count = 0;
        for (int v = 1; v < seen.length; v++) if (seen[v]) count++;
        int[] out = new int[count];
        count = 0;
        for (int v = 1; v < seen.length; v++) if (seen[v]) out[count++] = v;
        return out;
    }

    /**
     * For a {@link PlaneEncoder} during the scan: packs the BINARY frames of a plane of 8-bit labels
     * ({@code pixels}, as handed to the encoder) and finds its values in one pass
     * ({@link BitPacking#packLabels(byte[], int, int[], byte[][], boolean[], int)}): {@code frames[s]}
     * is allocated for each segment {@code s} present, {@code seen} as the encoder must set it.
     */
    public void packAndFind(byte[] pixels, byte[][] frames, boolean[] seen) {
        if (segmentOfLabel == null) throw new IllegalStateException("only during or after scan()");
        int n = rows() * columns();
        BitPacking.packLabels(pixels, n, segmentOfLabel, frames, seen, (int) BitPacking.packedLength(n));
    }

    /**
     * True when the label values are the segment numbers themselves (no label to segment map) in
     * the requested element type, so a label-map frame is the plane as it is.
     */
    public boolean holdsSegmentNumbers(boolean sixteenBit) {
        return labelToSegment == null && sixteenBit == (labels.kind() == PixelKind.UINT16);
    }

    /**
     * The sorted distinct nonzero values of an 8- or 16-bit label image, over all its planes: what
     * the segments of a label-map export will be before any description is attached. Planes that
     * can be read concurrently ({@link MaskPlanes#supportsConcurrentReads}, in memory) are scanned on all processors.
     */
    public static int[] distinctLabels(MaskPlanes planes) {
        return distinctLabels(planes, planes instanceof ArrayMaskPlanes || planes.supportsConcurrentReads());
    }

    /**
     * {@link #distinctLabels(MaskPlanes)}, on all processors when {@code concurrentReads}: the caller
     * knows that {@code planes.readPlane} may be called from several threads at once (the planes of an
     * ImageJ stack in memory, which the writer itself reads on one thread).
     */
    public static int[] distinctLabels(MaskPlanes planes, boolean concurrentReads) {
        if (planes.kind() == PixelKind.FLOAT32) throw new IllegalArgumentException("Label values need an 8- or 16-bit image");
        int n = planes.rows() * planes.columns();
        int values = planes.kind() == PixelKind.UINT8 ? 256 : 65536;

        int t = concurrentReads ? Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), planes.planes() / 16)) : 1;
        boolean[][] found = new boolean[t][values];
        java.util.stream.IntStream.range(0, t).parallel().forEach(k -> {
            boolean[] all = found[k], seen = new boolean[values];
            Object buf = null;
            for (int p = (int) ((long) planes.planes() * k / t), end = (int) ((long) planes.planes() * (k + 1) / t); p < end; p++) {
                Object px = planes.readPlane(p, buf);
                if (!(planes instanceof ArrayMaskPlanes)) buf = px; // a buffer of this thread
                for (int v : labelsIn(px, n, seen)) all[v] = true;
            }
        });
        for (int k = 1; k < t; k++) for (int v = 0; v < values; v++) found[0][v] |= found[k][v];
        return nonZero(found[0]);
    }

    /**
     * The distinct nonzero values of the first {@code n} pixels, ascending; afterwards
     * {@code seen[v]} is true for each of them (8-bit: {@code seen[0]} only for zeros found among
     * other values, whole words of zeros are skipped unmarked).
     */
    private static int[] labelsIn(Object px, int n, boolean[] seen) {
        Arrays.fill(seen, false);
        if (px instanceof byte[]) {
            byte[] b = (byte[]) px;
            int whole = n & ~7;
            for (int i = 0; i < whole; i += 8) {
                long x = (long) LONGS.get(b, i);
                if (x == 0L) continue;
                int v0 = (int) x & 0xFF;
                if (x == v0 * 0x0101010101010101L) {
                    seen[v0] = true;
                    continue;
                }
                for (int k = 0; k < 8; k++) seen[b[i + k] & 0xFF] = true;
            }
            for (int i = whole; i < n; i++) seen[b[i] & 0xFF] = true;
        } else {
            short[] s = (short[]) px;
            for (int i = 0; i < n; i++) seen[s[i] & 0xFFFF] = true;
        }
        return nonZero(seen);
    }

    /** True when all {@code n} pixels are {@code v} (stops at the first that is not). */
    private static boolean holdsOnly(Object px, int n, int v) {
        if (px instanceof byte[]) {
            byte[] b = (byte[]) px;
            long word = v * 0x0101010101010101L;
            int whole = n & ~7;
            for (int i = 0; i < whole; i += 8) if ((long) LONGS.get(b, i) != word) return false;
            for (int i = whole; i < n; i++) if ((b[i] & 0xFF) != v) return false;
            return true;
        }
        short[] s = (short[]) px;
        for (int i = 0; i < n; i++) if ((s[i] & 0xFFFF) != v) return false;
        return true;
    }

    private Object buffer;
    private ThreadLocal<Object> buffers; // planes read concurrently: one buffer per thread
    /**
     * Per plane, from the last {@link #scan}: the one label the whole plane holds (0 = empty), or -1
     * (mixed). Frames of uniform planes are produced without reading or packing pixels.
     */
    private int[] uniformLabel;

    @Override public int uniformSegment(int plane) {
        int u = uniform(plane);
        return u < 0 ? -1 : u == 0 ? 0 : segmentOfLabel[u];
    }

    /** The label that all of plane {@code plane} holds per the last scan, or -1. */
    private int uniform(int plane) {
        int[] u = uniformLabel;
        return u != null && plane < u.length ? u[plane] : -1;
    }

    private Object read(int plane) {
        if (labels instanceof ArrayMaskPlanes) return labels.readPlane(plane, null);
        if (labels.supportsConcurrentReads()) {
            synchronized (this) {
                if (buffers == null) buffers = ThreadLocal.withInitial(() -> labels.kind().newArray(rows() * columns()));
            }
            return labels.readPlane(plane, buffers.get());
        }
        if (buffer == null) buffer = labels.kind().newArray(rows() * columns());
        return labels.readPlane(plane, buffer);
    }

    private void requireScanned() {
        if (segmentOfLabel == null) throw new IllegalStateException("scan() must be called before reading frames");
    }

    @Override public void segmentFrame(int plane, int segment, int maxValue, byte[] dst) {
        requireScanned();
        checkPlane(plane, planes());
        int n = rows() * columns();
        byte on = (byte) maxValue;
        int[] lut = segmentOfLabel;
        int u = uniform(plane);
        if (u >= 0) {
            Arrays.fill(dst, 0, n, u != 0 && lut[u] == segment ? on : 0);
            return;
        }
        Object px = read(plane);
        if (px instanceof byte[]) {
            byte[] b = (byte[]) px;
            for (int i = 0; i < n; i++) dst[i] = lut[b[i] & 0xFF] == segment ? on : 0;
        } else {
            short[] s = (short[]) px;
            for (int i = 0; i < n; i++) dst[i] = lut[s[i] & 0xFFFF] == segment ? on : 0;
        }
    }

    @Override public void packSegments(int plane, boolean[] wanted, byte[][] dst) {
        requireScanned();
        checkPlane(plane, planes());
        int n = rows() * columns();
        byte[][] targets = new byte[dst.length][];
        for (int s = 1; s < dst.length; s++) {
            if (s < wanted.length && wanted[s]) {
                Arrays.fill(dst[s], 0, (int) BitPacking.packedLength(n), (byte) 0);
                targets[s] = dst[s];
            }
        }
        int u = uniform(plane);
        if (u >= 0) { // one label everywhere: its frame is all ones, the others all zeros
            int s = u == 0 ? 0 : segmentOfLabel[u];
            if (s > 0 && targets[s] != null) BitPacking.fillOnes(targets[s], n);
            return;
        }
        Object px = read(plane);
        if (px instanceof byte[]) BitPacking.packLabels((byte[]) px, n, segmentOfLabel, targets);
        else BitPacking.packLabels((short[]) px, n, segmentOfLabel, targets);
    }

    @Override public void labelFrame(int plane, Object dst) {
        requireScanned();
        checkPlane(plane, planes());
        int n = rows() * columns();
        int[] lut = segmentOfLabel;
        int u = uniform(plane);
        if (u >= 0) {
            if (dst instanceof byte[]) Arrays.fill((byte[]) dst, 0, n, (byte) lut[u]);
            else Arrays.fill((short[]) dst, 0, n, (short) lut[u]);
            return;
        }
        Object px = read(plane);
        if (dst instanceof byte[]) {
            byte[] d = (byte[]) dst;
            if (px instanceof byte[]) {
                byte[] b = (byte[]) px;
                if (labelToSegment == null) System.arraycopy(b, 0, d, 0, n);
                else for (int i = 0; i < n; i++) d[i] = (byte) lut[b[i] & 0xFF];
            } else {
                short[] s = (short[]) px;
                for (int i = 0; i < n; i++) d[i] = (byte) lut[s[i] & 0xFFFF];
            }
        } else {
            short[] d = (short[]) dst;
            if (px instanceof byte[]) {
                byte[] b = (byte[]) px;
                for (int i = 0; i < n; i++) d[i] = (short) lut[b[i] & 0xFF];
            } else {
                short[] s = (short[]) px;
                if (labelToSegment == null) System.arraycopy(s, 0, d, 0, n);
                else for (int i = 0; i < n; i++) d[i] = (short) lut[s[i] & 0xFFFF];
            }
        }
    }

    /**
     * The label-map plane itself when it already holds segment numbers in the requested element
     * type (identity mapping), so the writer can encode it without a copy; else null.
     */
    public Object labelFrameView(int plane, boolean sixteenBit) {
        requireScanned();
        if (!holdsSegmentNumbers(sixteenBit)) return null;
        if (!(labels instanceof ArrayMaskPlanes) && uniform(plane) >= 0) return null; // labelFrame fills it, nothing read
        return read(plane);
    }
}
