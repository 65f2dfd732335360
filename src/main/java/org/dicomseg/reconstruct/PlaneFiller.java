package org.dicomseg.reconstruct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dicomseg.codec.FrameInfo;
import org.dicomseg.codec.SegReadException;
import org.dicomseg.codec.SegmentationReader;
import org.dicomseg.codec.SourceImageReference;
import org.dicomseg.model.SegmentationType;

/**
 * Puts decoded frames into output planes: one job, shared by every reconstruction. Decides the
 * output channels and pixel type from the segmentation type and the options, allocates the
 * planes, and copies each frame (or the part of a tile inside the output) with the per-case
 * transformation: 0/1 and stored values per segment channel, float rescaling, label map
 * combination with the overlap check, label map splitting and relabelling. Inner loops are plain
 * array loops per case; the all-zero frame is skipped without unpacking.
 */
final class PlaneFiller {
    private final SegmentationReader reader;
    private final ReconstructionOptions options;
    private final SegmentationType type;
    private final int frameRows;
    private final int frameColumns;
    private final int width;
    private final int height;
    private final int planes;
    private final int channels;
    private final int[] segments;
    private final int[] values;
    private final SegmentationVolume.PixelType pixelType;
    private final Object[] data;
    private final boolean[] written;
    private final int[] channelOfSegment;  // BINARY/FRACTIONAL: segment -> channel (or -1)
    private final int[] valueOfSegment;    // label map output: segment -> value
    private final int[] segmentOfValue;    // label map output: value -> first segment with it
    private final int[] labelLut;          // LABELMAP input: stored label -> output value / channel+1
    private final float scale;
    private final long framesAtStart;
    private final ReconstructionProgress progress;
    private final String[] sourceUids;   // per plane: source SOP Instance UID of the first frame placed there
    private final int[] sourceFrames;    // per plane: its 1-based source frame number, 0 when not stated
    private int total;
    private int placed;
    private byte[] tmpBytes;
    private short[] tmpShorts;
    final List<String> notes = new ArrayList<>();

    PlaneFiller(SegmentationReader reader, ReconstructionOptions options, int[] segments, int width, int height, int planes) {
        this.reader = reader;
        this.options = options;
        this.type = reader.segmentationType();
        this.frameRows = reader.rows();
        this.frameColumns = reader.columns();
        this.width = width;
        this.height = height;
        this.planes = planes;
        this.segments = segments;
        this.framesAtStart = reader.framesRead();
        if ((long) width * height > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("A plane of " + width + " x " + height + " pixels does not fit one Java array");
        }
        boolean labelOut = options.output() == ReconstructionOptions.Output.LABEL_MAP;
        channels = labelOut ? 1 : segments.length;
        int maxSegment = 0;
        for (int s : segments) maxSegment = Math.max(maxSegment, s);
        values = new int[segments.length];
        int maxValue = 0;
        for (int i = 0; i < segments.length; i++) {
            values[i] = labelOut ? options.labelValue(segments[i]) : segments[i];
            maxValue = Math.max(maxValue, values[i]);
        }
        channelOfSegment = new int[maxSegment + 1];
        Arrays.fill(channelOfSegment, -1);
        valueOfSegment = new int[maxSegment + 1];
        segmentOfValue = new int[labelOut ? maxValue + 1 : 0];
        Arrays.fill(segmentOfValue, -1);
        for (int i = 0; i < segments.length; i++) {
            channelOfSegment[segments[i]] = labelOut ? 0 : i;
            valueOfSegment[segments[i]] = values[i];
            if (labelOut && segmentOfValue[values[i]] < 0) segmentOfValue[values[i]] = segments[i];
        }
        if (type == SegmentationType.LABELMAP) {
            labelLut = new int[reader.metadata().bitsAllocated() == 16 ? 65536 : 256];
            for (int i = 0; i < segments.length; i++) {
                if (segments[i] < labelLut.length) labelLut[segments[i]] = labelOut ? values[i] : i + 1;
            }
        } else {
            labelLut = null;
        }
        if (labelOut) {
            pixelType = maxValue > 255 ? SegmentationVolume.PixelType.UINT16 : SegmentationVolume.PixelType.UINT8;
        } else if (type == SegmentationType.FRACTIONAL && options.rescaleFractional()) {
            pixelType = SegmentationVolume.PixelType.FLOAT32;
        } else {
            pixelType = SegmentationVolume.PixelType.UINT8;
        }
        scale = type == SegmentationType.FRACTIONAL ? 1f / reader.metadata().maximumFractionalValue() : 1f;
        long arrays = (long) channels * planes;
        if (arrays > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("too many planes: " + arrays);
        data = new Object[(int) arrays]; // null = still all zero; allocated when a frame lands there
        written = new boolean[data.length];
        progress = options.progress();
        sourceUids = new String[planes];
        sourceFrames = new int[planes];
        for (FrameInfo f : reader.frames()) if (includes(f)) total++;
    }

    /** The number of frames that will be placed, for progress (default: all frames of the chosen segments). */
    void expect(int frames) { this.total = frames; }

    int channels() { return channels; }

    /** True when frames of this segment go into the output. */
    boolean includes(FrameInfo f) {
        if (type == SegmentationType.LABELMAP) return true;
        int s = f.referencedSegmentNumber();
        return s >= 0 && s < channelOfSegment.length && channelOfSegment[s] >= 0;
    }

    /**
     * Places frame {@code f} into plane {@code plane} with its first pixel at ({@code dx}, {@code dy})
     * of the plane (tiles; 0, 0 otherwise).
     */
    void place(FrameInfo f, int plane, int dx, int dy) throws SegReadException {
        if (!includes(f)) return;
        progress.checkCanceled();
        progress.update(placed++, Math.max(total, placed));
        if (sourceUids[plane] == null && !f.sources().isEmpty()) {
            SourceImageReference s = f.sources().get(0);
            sourceUids[plane] = s.sopInstanceUid();
            sourceFrames[plane] = s.frameNumbers().length == 0 ? 0 : s.frameNumbers()[0];
        }
        int frame = f.frameNumber();
        if (type != SegmentationType.LABELMAP) {
            int seg = f.referencedSegmentNumber();
            int index = plane * channels + channelOfSegment[seg];
            boolean whole = dx == 0 && dy == 0 && frameColumns == width && frameRows == height;
            if (whole && pixelType == SegmentationVolume.PixelType.UINT8
                    && options.output() == ReconstructionOptions.Output.SEGMENT_CHANNELS) {
                if (data[index] == null && !written[index]) {
                    // Deferred: decoded in parallel batches, stays null when the frame is empty.
                    queue(frame, index);
                    written[index] = true;
                    if (queued >= BATCH) flush();
                    return;
                }
                if (queuedIndex.contains(index)) flush();
            }
            byte[] src = bytes(frame);
            written[index] = true;
            if (options.output() == ReconstructionOptions.Output.LABEL_MAP) {
                combine(src, seg, plane, index, dx, dy);
            } else {
                copySegment(src, index, dx, dy);
            }
            return;
        }
        // LABELMAP input
        if (reader.metadata().bitsAllocated() == 16) {
            if (tmpShorts == null) tmpShorts = new short[frameRows * frameColumns];
            reader.readFrame(frame, tmpShorts, 0);
            labels16(tmpShorts, plane, dx, dy);
        } else {
            labels8(bytes(frame), plane, dx, dy);
        }
    }

    /** Deferred whole frames decoded together: large enough for parallel decoding, small enough for prompt progress. */
    private static final int BATCH = 256;
    private int[] queuedFrames = new int[64];
    private int[] queuedTargets = new int[64];
    private int queued;
    private final java.util.Set<Integer> queuedIndex = new java.util.HashSet<>();

    private void queue(int frame, int index) throws SegReadException {
        if (queued == queuedFrames.length) {
            queuedFrames = Arrays.copyOf(queuedFrames, queued * 2);
            queuedTargets = Arrays.copyOf(queuedTargets, queued * 2);
        }
        queuedFrames[queued] = frame;
        queuedTargets[queued] = index;
        queued++;
        queuedIndex.add(index);
    }

    /** Decodes the deferred whole-frame placements, several frames at a time. */
    void flush() throws SegReadException {
        if (queued == 0) return;
        progress.checkCanceled();
        byte[][] planes = reader.readFramesUnlessEmpty(Arrays.copyOf(queuedFrames, queued), options.threads());
        for (int i = 0; i < queued; i++) data[queuedTargets[i]] = planes[i];
        queued = 0;
        queuedIndex.clear();
    }

    /** The array at {@code index}, allocated (zero) on first use. */
    private Object array(int index) {
        Object a = data[index];
        if (a == null) {
            a = SegmentationVolume.newPlane(pixelType, width * height);
            data[index] = a;
        }
        return a;
    }

    private byte[] bytes(int frame) throws SegReadException {
        if (tmpBytes == null) tmpBytes = new byte[frameRows * frameColumns];
        reader.readFrame(frame, tmpBytes, 0);
        return tmpBytes;
    }

    /** Visits the rows of a frame placed at (dx, dy), clipped to the plane. */
    private interface RowSpan {
        void apply(int srcOff, int dstOff, int len, int y, int x0);
    }

    private void rows(int dx, int dy, RowSpan span) {
        int x0 = Math.max(0, dx);
        int x1 = Math.min(width, dx + frameColumns);
        if (x0 >= x1) return;
        for (int r = 0; r < frameRows; r++) {
            int y = dy + r;
            if (y < 0 || y >= height) continue;
            span.apply(r * frameColumns + (x0 - dx), y * width + x0, x1 - x0, y, x0);
        }
    }

    private void copySegment(byte[] src, int index, int dx, int dy) {
        if (isZero(src)) return;
        Object out = array(index);
        if (out instanceof float[]) {
            float[] dst = (float[]) out;
            float k = scale;
            rows(dx, dy, (s, d, len, y, x0) -> {
                for (int i = 0; i < len; i++) {
                    int v = src[s + i] & 0xFF;
                    if (v != 0) dst[d + i] = v * k;
                }
            });
        } else {
            byte[] dst = (byte[]) out;
            rows(dx, dy, (s, d, len, y, x0) -> {
                for (int i = 0; i < len; i++) {
                    byte v = src[s + i];
                    if (v != 0) dst[d + i] = v;
                }
            });
        }
    }

    private void combine(byte[] src, int segment, int plane, int index, int dx, int dy) {
        int value = valueOfSegment[segment];
        if (value == 0) return;
        if (isZero(src)) return;
        boolean fail = options.overlapPolicy() == ReconstructionOptions.OverlapPolicy.FAIL;
        Object out = array(index);
        if (out instanceof byte[]) {
            byte[] dst = (byte[]) out;
            byte bv = (byte) value;
            rows(dx, dy, (s, d, len, y, x0) -> {
                for (int i = 0; i < len; i++) {
                    if (src[s + i] == 0) continue;
                    int old = dst[d + i] & 0xFF;
                    if (old != 0 && old != value && fail) {
                        throw new SegmentOverlapException(segmentOfValue[old], segment, plane, x0 + i, y);
                    }
                    dst[d + i] = bv;
                }
            });
        } else {
            short[] dst = (short[]) out;
            short sv = (short) value;
            rows(dx, dy, (s, d, len, y, x0) -> {
                for (int i = 0; i < len; i++) {
                    if (src[s + i] == 0) continue;
                    int old = dst[d + i] & 0xFFFF;
                    if (old != 0 && old != value && fail) {
                        throw new SegmentOverlapException(segmentOfValue[old], segment, plane, x0 + i, y);
                    }
                    dst[d + i] = sv;
                }
            });
        }
    }

    private void labels8(byte[] src, int plane, int dx, int dy) {
        int[] lut = labelLut;
        if (channels == 1 && options.output() == ReconstructionOptions.Output.LABEL_MAP) {
            Object out = array(plane);
            if (out instanceof byte[]) {
                byte[] dst = (byte[]) out;
                rows(dx, dy, (s, d, len, y, x0) -> {
                    for (int i = 0; i < len; i++) {
                        int v = lut[src[s + i] & 0xFF];
                        if (v != 0) dst[d + i] = (byte) v;
                    }
                });
            } else {
                short[] dst = (short[]) out;
                rows(dx, dy, (s, d, len, y, x0) -> {
                    for (int i = 0; i < len; i++) {
                        int v = lut[src[s + i] & 0xFF];
                        if (v != 0) dst[d + i] = (short) v;
                    }
                });
            }
            return;
        }
        int base = plane * channels;
        rows(dx, dy, (s, d, len, y, x0) -> {
            for (int i = 0; i < len; i++) {
                int c = lut[src[s + i] & 0xFF];
                if (c != 0) ((byte[]) array(base + c - 1))[d + i] = 1;
            }
        });
    }

    private void labels16(short[] src, int plane, int dx, int dy) {
        int[] lut = labelLut;
        if (channels == 1 && options.output() == ReconstructionOptions.Output.LABEL_MAP) {
            Object out = array(plane);
            rows(dx, dy, (s, d, len, y, x0) -> {
                for (int i = 0; i < len; i++) {
                    int v = lut[src[s + i] & 0xFFFF];
                    if (v == 0) continue;
                    if (out instanceof byte[]) ((byte[]) out)[d + i] = (byte) v;
                    else ((short[]) out)[d + i] = (short) v;
                }
            });
            return;
        }
        int base = plane * channels;
        rows(dx, dy, (s, d, len, y, x0) -> {
            for (int i = 0; i < len; i++) {
                int c = lut[src[s + i] & 0xFFFF];
                if (c != 0) ((byte[]) array(base + c - 1))[d + i] = 1;
            }
        });
    }

    private static boolean isZero(byte[] a) {
        for (byte b : a) if (b != 0) return false;
        return true;
    }

    /** Per plane the source SOP Instance UID of the first frame placed there (Derivation Image Sequence), or null. */
    String[] placedSources() { return sourceUids.clone(); }

    /** Per plane the 1-based source frame number of the first frame placed there, 0 when not stated. */
    int[] placedSourceFrames() { return sourceFrames.clone(); }

    /**
     * The result, after decoding the deferred frames.
     *
     * @param sources      per plane source SOP Instance UID (null entries allowed), or null for none
     * @param sourceFrames per plane 1-based source frame number (0 = not stated), or null for none
     */
    SegmentationVolume build(double[][] positions, double[] orientation, double[] pixelSpacing, double sliceSpacing,
            String[] sources, int[] sourceFrames, int originX, int originY) throws SegReadException {
        flush();
        progress.update(Math.max(total, placed), Math.max(total, placed));
        boolean labelOut = options.output() == ReconstructionOptions.Output.LABEL_MAP;
        return new SegmentationVolume(width, height, planes, channels, pixelType, data, segments.clone(), values.clone(),
                labelOut, positions, orientation, pixelSpacing, sliceSpacing,
                sources == null ? new String[planes] : sources, sourceFrames == null ? new int[planes] : sourceFrames,
                originX, originY, reader.framesRead() - framesAtStart, notes);
    }
}
