package org.dicomseg.reconstruct;

import java.util.List;
import java.util.TreeSet;

import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegmentationMetadata;

/**
 * The time points of a SEG's frames: the values of its temporal dimension (PS3.3 C.7.6.17: the
 * Dimension Index Sequence item whose Dimension Index Pointer is Temporal Position Index, a trigger
 * delay, a time offset or an acquisition date-time, {@link SegmentationMetadata#temporalDimension})
 * in each frame's Dimension Index Values (C.7.6.16.2.2), ranked: the smallest value is time
 * point 0. Dimension index values are ordinal, so the rank is the order in time whatever attribute
 * the dimension points at.
 */
final class TimePoints {
    private final int[] time;
    private final int count;
    final String note;

    private TimePoints(int[] time, int count, String note) {
        this.time = time;
        this.count = count;
        this.note = note;
    }

    /**
     * The time points of {@code frames}, or null when the SEG has no temporal dimension or all its
     * frames share one time point.
     *
     * @throws IllegalArgumentException when a frame has no value for the temporal dimension
     */
    static TimePoints of(SegmentationMetadata m, List<FrameInfo> frames) {
        int d = m.temporalDimension();
        if (d < 0 || frames.isEmpty()) return null;
        int[] value = new int[frames.size()];
        TreeSet<Integer> distinct = new TreeSet<>();
        for (int i = 0; i < value.length; i++) {
            int[] div = frames.get(i).dimensionIndexValues();
            if (div.length <= d) {
                throw new IllegalArgumentException("frame " + frames.get(i).frameNumber() + " has " + div.length
                        + " Dimension Index Values; its time (dimension " + (d + 1) + ") is missing");
            }
            value[i] = div[d];
            distinct.add(value[i]);
        }
        if (distinct.size() < 2) return null;
        java.util.List<Integer> sorted = new java.util.ArrayList<>(distinct);
        int[] time = new int[value.length];
        for (int i = 0; i < value.length; i++) time[i] = java.util.Collections.binarySearch(sorted, value[i]);
        int pointer = m.dimensionIndexPointers()[d];
        String note = distinct.size() + " time points (dimension " + (d + 1) + ", " + String.format("(%04X,%04X)", pointer >>> 16,
                pointer & 0xFFFF) + "); planes time point by time point";
        return new TimePoints(time, distinct.size(), note);
    }

    /** Number of time points. */
    int count() { return count; }

    /** The 0-based time point of the i-th frame given to {@link #of}. */
    int of(int frame) { return time[frame]; }
}
