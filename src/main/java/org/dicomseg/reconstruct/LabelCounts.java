package org.dicomseg.reconstruct;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The pixels of each value of a combined label map (PS3.3 C.8.20.2: BINARY or FRACTIONAL segments
 * combined, or an 8-bit LABELMAP relabelled), or of each segment channel (BINARY segments, or an
 * 8-bit LABELMAP split), per plane, counted by the kernels while they write the frames, so that
 * nobody passes over the finished planes again to count them (an imported label image's or
 * hyperstack's Info text lists each segment's pixels: for W1 that second pass read 79 MB, or 600 MB
 * of channels).
 *
 * <p>Segment channels have one slot per channel: the cell of a channel's plane is its array's
 * index ({@code plane * channels + channel}), and the kernels add what they write there
 * ({@link #addChannel}). FRACTIONAL channels are not counted.</p>
 *
 * <p>The kernels add what each frame writes. That is each value's pixel count in the finished map
 * exactly when no pixel is written twice, which {@link PlaneFiller} checks as frames are placed:
 * whole frames only; at most one frame per plane and segment (BINARY, FRACTIONAL) or per plane
 * (LABELMAP: a frame is the whole plane); for segments combined into a label map, overlaps fail
 * ({@link ReconstructionOptions.OverlapPolicy#FAIL}: an overlap aborts the reconstruction) and the
 * values are distinct (segment channels do not share pixels: overlapping segments are counted each). When a frame breaks a condition the counts are dropped ({@link #drop}) and
 * the result has none ({@link SegmentationVolume#labelPixels} gives null): the caller counts.</p>
 *
 * <p>Threads: the batches give each plane to one thread at a time and join their threads before
 * the next batch ({@link FrameBatches}), so the per-plane cells are never written concurrently and
 * the result's reader sees every count.</p>
 */
final class LabelCounts {
    /** Most cells (planes x values) counted: above this the counts are not kept (8 bytes each). */
    static final long MAX_CELLS = 1L << 22;

    private final int slots;
    private final int[] slotOfValue;   // output value -> index in the layout's values, -1 for none
    private final long[] counts;       // plane * slots + slot
    private final BitSet placed;       // plane * slots + slot (LABELMAP: plane * slots) that got a frame
    private final boolean perPlane;    // LABELMAP input: one frame per plane
    private boolean dropped;

    private LabelCounts(int[] values, int planes, boolean perPlane) {
        this.slots = values.length;
        int max = 0;
        for (int v : values) max = Math.max(max, v);
        this.slotOfValue = new int[max + 1];
        Arrays.fill(slotOfValue, -1);
        for (int i = 0; i < values.length; i++) slotOfValue[values[i]] = i;
        this.counts = new long[planes * slots];
        this.placed = new BitSet(planes * slots);
        this.perPlane = perPlane;
    }

    /**
     * Counts for {@code layout}'s label map or segment channels, or null when its kernels cannot
     * count exactly (see the class comment).
     */
    static LabelCounts forLayout(OutputLayout layout, int planes) {
        if (layout.sixteenBitLabels || layout.values.length == 0) return null;
        if ((long) planes * layout.values.length > MAX_CELLS) return null;
        boolean labelMapInput = layout.type == org.dicomseg.model.SegmentationType.LABELMAP;
        if (!layout.labelOut) {
            // one slot per channel (values are the segment numbers, distinct); FRACTIONAL not counted
            return layout.type == org.dicomseg.model.SegmentationType.FRACTIONAL ? null
                    : new LabelCounts(layout.values, planes, labelMapInput);
        }
        if (!labelMapInput && !layout.failOnOverlap) return null; // last wins: a pixel may be written twice
        java.util.Set<Integer> distinct = new java.util.HashSet<>();
        for (int v : layout.values) if (v <= 0 || !distinct.add(v)) return null;
        return new LabelCounts(layout.values, planes, labelMapInput);
    }

    /**
     * A frame of {@code segment}'s slot {@code slot} (ignored for LABELMAP input) is about to be
     * placed on {@code plane}: the counts are dropped when it is not a whole frame or the plane (and
     * segment) already has one. Called on the placing thread, before the frame is queued.
     */
    void placing(int plane, int slot, boolean whole) {
        if (dropped) return;
        int cell = plane * slots + (perPlane ? 0 : slot);
        if (!whole || slot < 0 || placed.get(cell)) {
            dropped = true;
            return;
        }
        placed.set(cell);
    }

    /** The slot of a label value (its index in the layout's values), or -1. */
    int slotOf(int value) {
        return value >= 0 && value < slotOfValue.length ? slotOfValue[value] : -1;
    }

    /** {@code n} pixels of {@code value} written on {@code plane}. */
    void add(int plane, int value, long n) {
        int s = slotOf(value);
        if (s >= 0) counts[plane * slots + s] += n;
    }

    /** {@code n} pixels set in the segment channel array {@code index} ({@code plane * channels + channel}). */
    void addChannel(int index, long n) {
        counts[index] += n;
    }

    /** Forgets the counts: some frame was not counted exactly. */
    void drop() { dropped = true; }

    /** The counts, {@code plane * values + value index} (channels: the array index), or null when dropped. */
    long[] result() { return dropped ? null : counts; }
}
