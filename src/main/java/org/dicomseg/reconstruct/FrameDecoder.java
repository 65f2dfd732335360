package org.dicomseg.reconstruct;

import java.util.Arrays;

import org.dicomseg.model.SegmentationType;
import org.dicomseg.pixels.BitPacking;
import org.dicomseg.pixels.RleCodec;
import org.dicomseg.read.FrameCursor;
import org.dicomseg.read.SegReadException;

/**
 * One thread's frame decoder: reads a frame through its own {@link FrameCursor} and hands the
 * stored form straight to the kernel for it, so frames go into the output arrays without a
 * decoded copy where possible: packed bits to {@link PackedBitsWriter} (whole frames on a byte
 * boundary, or tiles at any alignment), LABELMAP runs or bytes to the {@link RunSinks} (through a
 * {@link RunSinks.Window} for tiles), everything else (unaligned whole packed frames, FRACTIONAL
 * bytes or runs) through its scratch frame to {@link UnpackedFrameWriter}.
 */
final class FrameDecoder implements FrameBatches.Decoder {
    private final FrameCursor cursor;
    private final PackedBitsWriter packed;
    private final UnpackedFrameWriter unpacked;
    private final RunSinks.LabelRuns labelRuns;
    private final RunSinks.SplitRuns splitRuns;
    private final RunSinks.Window window;
    private final SegmentationType type;
    private final boolean labelOut;
    private final int frameRows;
    private final int frameColumns;
    private final int width;
    private final int height;
    private final int channels;
    private final int[] channelOfSegment;  // BINARY/FRACTIONAL: segment -> channel (or -1)
    private byte[] tmp;

    FrameDecoder(FrameCursor cursor, OutputLayout layout, OutputPlanes planes, PackedBitsWriter packed,
            UnpackedFrameWriter unpacked) {
        this.cursor = cursor;
        this.packed = packed;
        this.unpacked = unpacked;
        this.labelRuns = new RunSinks.LabelRuns(layout, planes);
        this.splitRuns = new RunSinks.SplitRuns(layout, planes);
        this.window = new RunSinks.Window(layout);
        this.type = layout.type;
        this.labelOut = layout.labelOut;
        this.frameRows = layout.frameRows;
        this.frameColumns = layout.frameColumns;
        this.width = layout.width;
        this.height = layout.height;
        this.channels = layout.channels;
        this.channelOfSegment = layout.channelOfSegment;
    }

    @Override public void decode(int frame, int plane, int seg, int dx, int dy) throws SegReadException {
        FrameCursor.Layout layout = cursor.read(frame);
        byte[] d = cursor.data();
        int n = frameRows * frameColumns;
        boolean whole = dx == 0 && dy == 0 && frameColumns == width && frameRows == height;
        if (type == SegmentationType.LABELMAP) {
            RleCodec.RunSink sink = labelOut ? labelRuns.start(plane) : splitRuns.start(plane);
            if (!whole) sink = window.start(sink, dx, dy);
            if (layout == FrameCursor.Layout.RLE8) cursor.decodeRuns(sink);
            else sink.literal(0, d, 0, n); // BYTES (8-bit native, JPEG 2000, deflated); RLE8 is RLE or JPEG-LS
            return;
        }
        int index = plane * channels + channelOfSegment[seg];
        byte[] src = d;
        if (layout == FrameCursor.Layout.PACKED_BITS) {
            long bit = cursor.bitOffset();
            if (!whole) {
                packed.packedTile(d, bit, seg, plane, index, dx, dy);
                return;
            }
            if ((bit & 7) == 0) {
                if (labelOut) {
                    packed.packedToLabels(d, (int) (bit >>> 3), seg, plane, index);
                } else {
                    packed.packedToChannel(d, (int) (bit >>> 3), index);
                }
                return;
            }
            if (tmp == null) tmp = new byte[n];
            BitPacking.unpack(d, bit, tmp, 0, n);
            src = tmp;
        } else if (layout == FrameCursor.Layout.RLE8) { // 8-bit FRACTIONAL, RLE Lossless
            if (tmp == null) tmp = new byte[n];
            byte[] t = tmp;
            cursor.decodeRuns(new RleCodec.RunSink() {
                @Override public void fill(int offset, int length, byte value) { Arrays.fill(t, offset, offset + length, value); }

                @Override public void literal(int offset, byte[] from, int fromOffset, int length) {
                    System.arraycopy(from, fromOffset, t, offset, length);
                }
            });
            src = tmp;
        }
        if (labelOut) {
            unpacked.combine(src, seg, plane, index, dx, dy);
        } else {
            unpacked.copySegment(src, index, dx, dy);
        }
    }
}
