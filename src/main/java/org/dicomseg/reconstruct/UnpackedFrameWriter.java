package org.dicomseg.reconstruct;

/**
 * The general path for frames of one value per pixel: 8-bit BINARY frames after unpacking
 * (packed bits not on a byte boundary), 8-bit FRACTIONAL frames (stored or rescaled to [0, 1]),
 * 16-bit LABELMAP frames; each placed at (dx, dy) of its plane (0, 0 for whole frames), row by
 * row, clipped to the plane. Zero pixels are skipped, an all-zero frame is skipped without
 * allocating its plane, and combining segments into a label map checks overlaps as it goes
 * ({@link ReconstructionOptions.OverlapPolicy#FAIL}: {@link SegmentOverlapException} names the
 * pixel). One instance serves every worker thread.
 */
final class UnpackedFrameWriter {
    private final OutputPlanes planes;
    private final int frameRows;
    private final int frameColumns;
    private final int width;
    private final int height;
    private final int channels;
    private final boolean labelOut;
    private final float scale;
    private final boolean failOnOverlap;
    private final int[] labelLut;          // LABELMAP input: stored label -> output value / channel+1
    private final int[] valueOfSegment;    // label map output: segment -> value
    private final int[] segmentOfValue;    // label map output: value -> first segment with it
    private final boolean binary;          // BINARY frames (not FRACTIONAL): set pixels become the foreground
    private final int foreground;          // segment channels: the value of a set BINARY / split LABELMAP pixel

    UnpackedFrameWriter(OutputLayout layout, OutputPlanes planes) {
        this.planes = planes;
        this.frameRows = layout.frameRows;
        this.frameColumns = layout.frameColumns;
        this.width = layout.width;
        this.height = layout.height;
        this.channels = layout.channels;
        this.labelOut = layout.labelOut;
        this.scale = layout.scale;
        this.failOnOverlap = layout.failOnOverlap;
        this.labelLut = layout.labelLut;
        this.valueOfSegment = layout.valueOfSegment;
        this.segmentOfValue = layout.segmentOfValue;
        this.binary = layout.type != org.dicomseg.model.SegmentationType.FRACTIONAL;
        this.foreground = layout.foreground;
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

    /**
     * An 8-bit BINARY or FRACTIONAL frame into the segment channel at {@code index}: FRACTIONAL as
     * stored (rescaled in float planes), BINARY pixels set to the channel's foreground (1, or
     * {@link ReconstructionOptions#channelForeground}) and added to its {@link LabelCounts}.
     */
    void copySegment(byte[] src, int index, int dx, int dy) {
        if (isZero(src, frameRows * frameColumns)) return;
        Object out = planes.array(index);
        if (out instanceof float[]) {
            float[] dst = (float[]) out;
            float k = scale;
            rows(dx, dy, (s, d, len, y, x0) -> {
                for (int i = 0; i < len; i++) {
                    int v = src[s + i] & 0xFF;
                    if (v != 0) dst[d + i] = v * k;
                }
            });
        } else if (!binary) {
            byte[] dst = (byte[]) out;
            rows(dx, dy, (s, d, len, y, x0) -> {
                for (int i = 0; i < len; i++) {
                    byte v = src[s + i];
                    if (v != 0) dst[d + i] = v;
                }
            });
        } else {
            byte[] dst = (byte[]) out;
            byte fg = (byte) foreground;
            long[] set = new long[1]; // pixels written (for the counts)
            rows(dx, dy, (s, d, len, y, x0) -> {
                long k = 0;
                for (int i = 0; i < len; i++) {
                    if (src[s + i] != 0) {
                        dst[d + i] = fg;
                        k++;
                    }
                }
                set[0] += k;
            });
            LabelCounts counts = planes.labelCounts();
            if (counts != null) counts.addChannel(index, set[0]);
        }
    }

    /**
     * An 8-bit BINARY frame into the label map at {@code index}: its set pixels get the segment's
     * value, after the overlap check when overlaps fail.
     */
    void combine(byte[] src, int segment, int plane, int index, int dx, int dy) {
        int value = valueOfSegment[segment];
        if (value == 0) return;
        if (isZero(src, frameRows * frameColumns)) return;
        LabelCounts counts = planes.labelCounts();
        if (counts != null) counts.add(plane, value, nonZero(src, frameRows * frameColumns)); // a whole frame when counted
        boolean fail = failOnOverlap;
        Object out = planes.array(index);
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

    /**
     * A 16-bit LABELMAP frame into the (relabelled) label map of its plane, or split into the
     * segment channels (a channel allocated at its first pixel; its pixels the channel's foreground;
     * not counted, see {@link LabelCounts#forLayout}).
     */
    void labels16(short[] src, int plane, int dx, int dy) {
        int[] lut = labelLut;
        if (channels == 1 && labelOut) {
            Object out = planes.array(plane);
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
        byte fg = (byte) foreground;
        rows(dx, dy, (s, d, len, y, x0) -> {
            for (int i = 0; i < len; i++) {
                int c = lut[src[s + i] & 0xFFFF];
                if (c != 0) ((byte[]) planes.array(base + c - 1))[d + i] = fg;
            }
        });
    }

    private static long nonZero(byte[] a, int n) {
        long k = 0;
        for (int i = 0; i < n; i++) if (a[i] != 0) k++;
        return k;
    }

    private static boolean isZero(byte[] a, int n) {
        for (int i = 0; i < n; i++) if (a[i] != 0) return false;
        return true;
    }
}
