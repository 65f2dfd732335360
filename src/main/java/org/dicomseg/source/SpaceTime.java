package org.dicomseg.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.dicomseg.model.PlanePosition;
import org.dicomseg.task.InputException;

/**
 * The space-time grid of source frames that share positions: a cine or dynamic series (frames at
 * the same Image Position (Patient), acquired at different times) as Z slices × T time points.
 *
 * <p>Slices: the distinct positions (all three coordinates within 1e-3 mm), sorted along the slice
 * normal. Time: the first of these that every frame has and that differs between the frames of
 * every position ({@link Kind}, in this order): Temporal Position Index (0020,9128), Temporal
 * Position Identifier (0020,0100), the cardiac trigger delay (Nominal Cardiac Trigger Delay Time
 * (0020,9153) or Trigger Time (0018,1060)), Temporal Position Time Offset (0020,930D), the
 * acquisition date-time. An index gives time point = its rank among the index values of all frames
 * (so index 3 is the same time point at every slice); a time gives time point = its rank among the
 * frames of the same position (trigger times and acquisition times differ slightly from slice to
 * slice: the k-th phase of every slice is time point k).</p>
 *
 * <p>{@link #of} returns null when no two frames share a position (a plain volume, or frames
 * without geometry), and fails with an {@link InputException} naming two frames when frames share
 * a position and no time attribute tells them apart: that source is ambiguous (PS3.3 C.7.6.17:
 * a SEG's frames must be told apart by their dimension index values).</p>
 */
public final class SpaceTime {
    private static final double SAME_POSITION_MM = 1e-3;

    /** The attribute the time points were taken from. */
    public enum Kind {
        TEMPORAL_POSITION_INDEX("Temporal Position Index", true),
        TEMPORAL_POSITION_IDENTIFIER("Temporal Position Identifier", true),
        TRIGGER_DELAY("Trigger Time", false),
        TIME_OFFSET("Temporal Position Time Offset", false),
        ACQUISITION_TIME("Acquisition DateTime", false);

        private final String label;
        private final boolean index;

        Kind(String label, boolean index) {
            this.label = label;
            this.index = index;
        }

        /** The attribute's name, for messages and the Dimension Description Label. */
        public String label() { return label; }

        /** True for an ordinal index (the same value is the same time point at every position). */
        public boolean isIndex() { return index; }

        Double value(FrameTime t) {
            switch (this) {
                case TEMPORAL_POSITION_INDEX: return t.temporalPositionIndex() == null ? null : (double) t.temporalPositionIndex();
                case TEMPORAL_POSITION_IDENTIFIER:
                    return t.temporalPositionIdentifier() == null ? null : (double) t.temporalPositionIdentifier();
                case TRIGGER_DELAY: return t.triggerDelayMs();
                case TIME_OFFSET: return t.timeOffsetSeconds();
                default: return t.acquisitionSeconds();
            }
        }
    }

    private final Kind kind;
    private final int[] slice;
    private final int[] time;
    private final int slices;
    private final int timePoints;
    private final int[][] frameAt;

    private SpaceTime(Kind kind, int[] slice, int[] time, int slices, int timePoints) {
        this.kind = kind;
        this.slice = slice;
        this.time = time;
        this.slices = slices;
        this.timePoints = timePoints;
        this.frameAt = new int[timePoints][slices];
        for (int[] row : frameAt) Arrays.fill(row, -1);
        for (int f = 0; f < slice.length; f++) frameAt[time[f]][slice[f]] = f;
    }

    /**
     * The grid of {@code frames}, or null when no two of them share a position (or some have no
     * position or orientation).
     *
     * @throws InputException when frames share a position and no time attribute tells them apart
     */
    public static SpaceTime of(List<SourceFrame> frames) throws InputException {
        int n = frames.size();
        if (n < 2) return null;
        for (SourceFrame f : frames) if (f.position() == null || f.orientation() == null) return null;
        double[] normal = frames.get(0).orientation().normal();
        // distinct positions, sorted along the normal
        List<PlanePosition> distinct = new ArrayList<>();
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            PlanePosition p = frames.get(i).position();
            int g = -1;
            for (int k = distinct.size() - 1; k >= 0 && g < 0; k--) if (close(distinct.get(k), p)) g = k;
            if (g < 0) {
                g = distinct.size();
                distinct.add(p);
            }
            group[i] = g;
        }
        if (distinct.size() == n) return null;
        Integer[] byDepth = new Integer[distinct.size()];
        for (int k = 0; k < byDepth.length; k++) byDepth[k] = k;
        Arrays.sort(byDepth, (a, b) -> Double.compare(distinct.get(a).along(normal), distinct.get(b).along(normal)));
        int[] rank = new int[distinct.size()];
        for (int r = 0; r < byDepth.length; r++) rank[byDepth[r]] = r;
        int[] slice = new int[n];
        for (int i = 0; i < n; i++) slice[i] = rank[group[i]];

        for (Kind kind : Kind.values()) {
            Double[] v = new Double[n];
            boolean all = true;
            for (int i = 0; i < n && all; i++) {
                v[i] = kind.value(frames.get(i).time());
                all = v[i] != null;
            }
            if (!all || !distinctWithinSlices(v, slice, distinct.size())) continue;
            int[] time = new int[n];
            if (kind.isIndex()) {
                TreeSet<Double> values = new TreeSet<>(Arrays.asList(v));
                List<Double> sorted = new ArrayList<>(values);
                for (int i = 0; i < n; i++) time[i] = java.util.Collections.binarySearch(sorted, v[i]);
            } else {
                for (int z = 0; z < distinct.size(); z++) {
                    List<Integer> members = new ArrayList<>();
                    for (int i = 0; i < n; i++) if (slice[i] == z) members.add(i);
                    members.sort((a, b) -> Double.compare(v[a], v[b]));
                    for (int k = 0; k < members.size(); k++) time[members.get(k)] = k;
                }
            }
            int t = 0;
            for (int x : time) t = Math.max(t, x + 1);
            return new SpaceTime(kind, slice, time, distinct.size(), t);
        }
        // Ambiguous: name two frames at one position.
        int a = -1, b = -1;
        for (int i = 0; i < n && b < 0; i++) {
            for (int j = i + 1; j < n; j++) {
                if (slice[i] == slice[j]) {
                    a = i;
                    b = j;
                    break;
                }
            }
        }
        throw new InputException("Source images " + frames.get(a) + " and " + frames.get(b) + " lie at the same position "
                + frames.get(a).position() + " and no time attribute tells them apart (" + labels()
                + "): the source holds more than one stack (pick one series)");
    }

    private static String labels() {
        StringBuilder s = new StringBuilder();
        for (Kind k : Kind.values()) s.append(s.length() == 0 ? "" : ", ").append(k == Kind.TRIGGER_DELAY
                ? "Trigger Time / Nominal Cardiac Trigger Delay Time" : k.label());
        return s.toString();
    }

    private static boolean distinctWithinSlices(Double[] v, int[] slice, int slices) {
        List<java.util.Set<Double>> seen = new ArrayList<>();
        for (int z = 0; z < slices; z++) seen.add(new java.util.HashSet<>());
        for (int i = 0; i < v.length; i++) if (!seen.get(slice[i]).add(v[i])) return false;
        return true;
    }

    private static boolean close(PlanePosition a, PlanePosition b) {
        return Math.abs(a.x() - b.x()) <= SAME_POSITION_MM && Math.abs(a.y() - b.y()) <= SAME_POSITION_MM
                && Math.abs(a.z() - b.z()) <= SAME_POSITION_MM;
    }

    /** The attribute the time points come from. */
    public Kind kind() { return kind; }
    /** Number of distinct positions (Z). */
    public int slices() { return slices; }
    /** Number of time points (T). */
    public int timePoints() { return timePoints; }
    /** The 0-based slice (position along the normal) of frame {@code f}. */
    public int slice(int f) { return slice[f]; }
    /** The 0-based time point of frame {@code f}. */
    public int time(int f) { return time[f]; }
    /** The frame at slice {@code z}, time point {@code t}, or -1 when there is none. */
    public int frameAt(int z, int t) { return frameAt[t][z]; }

    /** True when every slice has a frame at every time point (Z × T frames). */
    public boolean complete() { return slices * timePoints == slice.length; }

    /**
     * The frames in hyperstack order: time point by time point, slices along the normal within a
     * time point (ImageJ's planes of one channel: z fastest, then t).
     *
     * @throws IllegalStateException when the grid is not {@link #complete()}
     */
    public int[] hyperstackOrder() {
        if (!complete()) throw new IllegalStateException("not every slice has every time point");
        int[] order = new int[slice.length];
        int k = 0;
        for (int t = 0; t < timePoints; t++) for (int z = 0; z < slices; z++) order[k++] = frameAt[t][z];
        return order;
    }

    @Override public String toString() {
        return slices + " slices x " + timePoints + " time points by " + kind.label();
    }
}
