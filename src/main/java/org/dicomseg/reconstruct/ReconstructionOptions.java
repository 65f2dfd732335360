package org.dicomseg.reconstruct;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dicomseg.task.Progress;

/**
 * How {@link Reconstructor} turns frames into planes, after highdicom's
 * {@code get_pixels_by_source_instance} / {@code get_volume} / {@code get_total_pixel_matrix}
 * options: which segments, one channel per segment or one combined label map, what to do when
 * segments overlap, fractional values as stored or rescaled to [0, 1], and relabelling.
 *
 * <p>Defaults: all segments (for LABELMAP files all segments except 0, the background), one
 * channel per segment, overlaps are an error when combining, stored values, identity labels, gaps
 * in a regular slice spacing filled with empty planes. Mutable; setters return {@code this}.</p>
 */
public final class ReconstructionOptions {
    /** Output layout. */
    public enum Output {
        /**
         * One channel per segment, plane values 0/1 (BINARY, LABELMAP split; or 0 and
         * {@link #channelForeground}), stored or rescaled (FRACTIONAL).
         */
        SEGMENT_CHANNELS,
        /** One channel whose pixel values are (relabelled) segment numbers, 0 for background. */
        LABEL_MAP
    }

    /** What combining into a label map does when two segments claim the same pixel. */
    public enum OverlapPolicy {
        /** Throw {@link SegmentOverlapException} naming both segments and the plane. */
        FAIL,
        /** The segment later in the segment order overwrites the earlier one. */
        LAST_WINS
    }

    private ReconstructionStatistics statistics = new ReconstructionStatistics();
    private int[] segments;
    private Output output = Output.SEGMENT_CHANNELS;
    private OverlapPolicy overlapPolicy = OverlapPolicy.FAIL;
    private boolean rescaleFractional;
    private Map<Integer, Integer> relabel = Collections.emptyMap();
    private boolean fillGaps = true;
    private int channelForeground = 1;
    private int threads = Runtime.getRuntime().availableProcessors();
    private Progress progress = Progress.NONE;

    /** Options with the defaults. */
    public static ReconstructionOptions defaults() { return new ReconstructionOptions(); }

    /** Only these segments, in this order (channel order, and "later" for {@link OverlapPolicy#LAST_WINS}). */
    public ReconstructionOptions segments(int... segmentNumbers) {
        this.segments = segmentNumbers == null ? null : segmentNumbers.clone();
        return this;
    }

    public ReconstructionOptions output(Output o) { this.output = o; return this; }

    /** Shorthand for {@code output(LABEL_MAP)}. */
    public ReconstructionOptions combineToLabelMap() { this.output = Output.LABEL_MAP; return this; }

    public ReconstructionOptions overlapPolicy(OverlapPolicy p) { this.overlapPolicy = p; return this; }

    /** FRACTIONAL: float planes of stored value / Maximum Fractional Value (0062,000E) instead of stored bytes. */
    public ReconstructionOptions rescaleFractional(boolean r) { this.rescaleFractional = r; return this; }

    /**
     * Label values for {@link Output#LABEL_MAP}: segment number to output value (1..65535, or 0 to
     * drop the segment). Segments not in the map keep their number.
     */
    public ReconstructionOptions relabel(Map<Integer, Integer> segmentToValue) {
        for (Map.Entry<Integer, Integer> e : segmentToValue.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 65535) {
                throw new IllegalArgumentException("Label value for segment " + e.getKey() + " must be 0..65535, not " + e.getValue());
            }
        }
        this.relabel = Collections.unmodifiableMap(new LinkedHashMap<>(segmentToValue));
        return this;
    }

    /**
     * The value a pixel inside a BINARY segment (or a LABELMAP segment split into channels) gets in
     * its {@link Output#SEGMENT_CHANNELS} channel: 1, the stored value (PS3.3 C.8.20.2), by default;
     * a viewer's mask value (ImageJ's binary masks are 0/255) when the channels are going to be shown
     * as they are, so the kernels write it while unpacking and no pass over the planes maps 1 to it
     * afterwards. FRACTIONAL channels and label maps ignore it.
     */
    public ReconstructionOptions channelForeground(int value) {
        if (value < 1 || value > 255) throw new IllegalArgumentException("channel foreground must be 1..255, not " + value);
        this.channelForeground = value;
        return this;
    }

    /** Whether missing planes of a regularly spaced volume are inserted as empty planes (default true). */
    public ReconstructionOptions fillGaps(boolean f) { this.fillGaps = f; return this; }

    /** Threads for decoding whole frames (default: the processor count; 1 = the calling thread only). */
    public ReconstructionOptions threads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be at least 1");
        this.threads = n;
        return this;
    }

    public int threads() { return threads; }

    /** Called once per placed frame, and may cancel the reconstruction (default: {@link Progress#NONE}). */
    public ReconstructionOptions progress(Progress p) {
        this.progress = p == null ? Progress.NONE : p;
        return this;
    }

    public Progress progress() { return progress; }

    /** The chosen segments, or null for "all". */
    public int[] segments() { return segments == null ? null : segments.clone(); }
    public Output output() { return output; }
    public OverlapPolicy overlapPolicy() { return overlapPolicy; }
    public boolean rescaleFractional() { return rescaleFractional; }
    public Map<Integer, Integer> relabel() { return relabel; }
    public boolean fillGaps() { return fillGaps; }
    /** The value of a set pixel in a BINARY or split LABELMAP segment channel (default 1). */
    public int channelForeground() { return channelForeground; }

    /** The output value of {@code segment} in a label map. */
    public int labelValue(int segment) {
        Integer v = relabel.get(segment);
        return v == null ? segment : v;
    }

    /** Counts what the reconstruction did (tests pass their own to check the path taken); never null. */
    ReconstructionOptions statistics(ReconstructionStatistics s) {
        if (s == null) throw new IllegalArgumentException("no statistics");
        this.statistics = s;
        return this;
    }

    ReconstructionStatistics statistics() { return statistics; }

    @Override public String toString() {
        return "ReconstructionOptions[segments=" + (segments == null ? "all" : Arrays.toString(segments)) + ", " + output
                + ", " + overlapPolicy + (rescaleFractional ? ", rescaled" : "") + (relabel.isEmpty() ? "" : ", relabel " + relabel)
                + (channelForeground == 1 ? "" : ", foreground " + channelForeground) + "]";
    }
}
