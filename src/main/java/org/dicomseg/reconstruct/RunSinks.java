package org.dicomseg.reconstruct;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.dicomseg.pixels.RleCodec;

/**
 * The RLE run sinks: an 8-bit LABELMAP frame (PS3.3 C.8.20.2; RLE Lossless, PS3.5 G, or stored
 * bytes passed as one literal) goes run by run into the output arrays without being expanded
 * first: into the relabelled label map ({@link LabelRuns}, each run added to the plane's {@link LabelCounts}) or split into the segment channels
 * ({@link SplitRuns}, each run added to its channel's), background runs and labels not chosen skipped, a run of one label written
 * as one fill; {@link Window} cuts the runs of a tile at its rows and clips them to the plane.
 * Each worker thread has its own sinks, restarted per frame ({@code start}); no allocation per
 * run.
 */
final class RunSinks {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private RunSinks() { }

    /**
     * An 8-bit LABELMAP frame into the (relabelled) label map of one plane, run by run: a run of
     * a label maps to one fill, background runs and labels not chosen are skipped; the plane is
     * allocated at the first label written.
     */
    static final class LabelRuns implements RleCodec.RunSink {
        private final OutputPlanes planes;
        private final int[] lut;
        private final boolean zeroIsBackground;
        private final boolean bytesOut;
        private int index;
        private byte[] bytes; // the plane, UINT8 output (null until the first label)
        private short[] shorts; // the plane, UINT16 output
        private LabelCounts counts;

        LabelRuns(OutputLayout layout, OutputPlanes planes) {
            this.planes = planes;
            this.lut = layout.labelLut;
            this.zeroIsBackground = layout.labelLut == null || layout.labelLut[0] == 0;
            this.bytesOut = layout.pixelType == SegmentationVolume.PixelType.UINT8;
        }

        LabelRuns start(int plane) {
            index = plane; // one channel
            Object a = planes.get(index);
            bytes = bytesOut ? (byte[]) a : null;
            shorts = bytesOut ? null : (short[]) a;
            counts = planes.labelCounts();
            return this;
        }

        private byte[] bytes() {
            if (bytes == null) bytes = (byte[]) planes.array(index);
            return bytes;
        }

        private short[] shorts() {
            if (shorts == null) shorts = (short[]) planes.array(index);
            return shorts;
        }

        @Override public void fill(int offset, int length, byte value) {
            int v = lut[value & 0xFF];
            if (v == 0) return;
            if (bytesOut) fillBytes(bytes(), offset, length, (byte) v);
            else Arrays.fill(shorts(), offset, offset + length, (short) v);
            if (counts != null) counts.add(index, v, length);
        }

        @Override public void literal(int offset, byte[] src, int srcOffset, int length) {
            int[] lut = this.lut;
            int i = 0;
            while (i < length) {
                if (zeroIsBackground && i + 8 <= length && (long) LONGS.get(src, srcOffset + i) == 0L) {
                    i += 8;
                    continue;
                }
                int v = lut[src[srcOffset + i] & 0xFF];
                if (v != 0) {
                    if (bytesOut) bytes()[offset + i] = (byte) v;
                    else shorts()[offset + i] = (short) v;
                    if (counts != null) counts.add(index, v, 1);
                }
                i++;
            }
        }
    }

    /**
     * Sets bytes {@code from .. from+length-1} of {@code dst} to {@code value}: eight at a time
     * (the last eight stored at the run's end, overlapping the one before), so a short run of a
     * label (tens of bytes: a shape's row) costs a few stores, not a loop with a head and a tail;
     * long runs go to {@link Arrays#fill}, whose loop the JIT vectorises. The one fill of a label's run
     * (also {@link BandRowWriter}'s runs of a tile row).
     */
    static void fillBytes(byte[] dst, int from, int length, byte value) {
        if (length >= 256) {
            Arrays.fill(dst, from, from + length, value);
            return;
        }
        if (length < 8) {
            for (int i = from; i < from + length; i++) dst[i] = value;
            return;
        }
        long pattern = (value & 0xFFL) * 0x0101010101010101L;
        int last = from + length - 8;
        for (int p = from; p < last; p += 8) LONGS.set(dst, p, pattern);
        LONGS.set(dst, last, pattern);
    }

    /**
     * An 8-bit LABELMAP frame split into the segment channels of one plane in one pass, run by
     * run: a run of a chosen label fills its channel with the channel's foreground (1, or
     * {@link ReconstructionOptions#channelForeground}) and is added to the channel's
     * {@link LabelCounts}; a channel is allocated at its first pixel, so segments absent from the
     * frame allocate nothing.
     */
    static final class SplitRuns implements RleCodec.RunSink {
        private final OutputPlanes planes;
        private final int channels;
        private final int[] lut;
        private final boolean zeroIsBackground;
        private final byte foreground;
        private final byte[][] channel;
        private int base;
        private LabelCounts counts;

        SplitRuns(OutputLayout layout, OutputPlanes planes) {
            this.planes = planes;
            this.channels = layout.channels;
            this.lut = layout.labelLut;
            this.zeroIsBackground = layout.labelLut == null || layout.labelLut[0] == 0;
            this.foreground = (byte) layout.foreground;
            this.channel = new byte[channels][];
        }

        SplitRuns start(int plane) {
            base = plane * channels;
            for (int c = 0; c < channels; c++) channel[c] = (byte[]) planes.get(base + c);
            counts = planes.labelCounts();
            return this;
        }

        private byte[] channel(int c) {
            byte[] a = channel[c];
            if (a == null) {
                a = (byte[]) planes.array(base + c);
                channel[c] = a;
            }
            return a;
        }

        @Override public void fill(int offset, int length, byte value) {
            int c = lut[value & 0xFF];
            if (c == 0) return;
            Arrays.fill(channel(c - 1), offset, offset + length, foreground);
            if (counts != null) counts.addChannel(base + c - 1, length);
        }

        @Override public void literal(int offset, byte[] src, int srcOffset, int length) {
            int[] lut = this.lut;
            int i = 0;
            while (i < length) {
                if (zeroIsBackground && i + 8 <= length && (long) LONGS.get(src, srcOffset + i) == 0L) {
                    i += 8;
                    continue;
                }
                int c = lut[src[srcOffset + i] & 0xFF];
                if (c != 0) {
                    channel(c - 1)[offset + i] = foreground;
                    if (counts != null) counts.addChannel(base + c - 1, 1);
                }
                i++;
            }
        }
    }

    /**
     * The runs of a frame placed at (dx, dy) of a plane: each run is cut at the frame's rows,
     * clipped to the plane and passed on with plane offsets.
     */
    static final class Window implements RleCodec.RunSink {
        private final int frameColumns;
        private final int width;
        private final int height;
        private RleCodec.RunSink inner;
        private int dx;
        private int dy;
        private int c0; // first frame column inside the plane
        private int c1; // one past the last

        Window(OutputLayout layout) {
            this.frameColumns = layout.frameColumns;
            this.width = layout.width;
            this.height = layout.height;
        }

        Window start(RleCodec.RunSink inner, int dx, int dy) {
            this.inner = inner;
            this.dx = dx;
            this.dy = dy;
            c0 = Math.max(0, -dx);
            c1 = Math.min(frameColumns, width - dx);
            return this;
        }

        @Override public void fill(int offset, int length, byte value) {
            while (length > 0) {
                int r = offset / frameColumns;
                int c = offset - r * frameColumns;
                int k = Math.min(length, frameColumns - c);
                int y = dy + r;
                int cs = Math.max(c, c0);
                int ce = Math.min(c + k, c1);
                if (y >= 0 && y < height && cs < ce) inner.fill(y * width + dx + cs, ce - cs, value);
                offset += k;
                length -= k;
            }
        }

        @Override public void literal(int offset, byte[] src, int srcOffset, int length) {
            while (length > 0) {
                int r = offset / frameColumns;
                int c = offset - r * frameColumns;
                int k = Math.min(length, frameColumns - c);
                int y = dy + r;
                int cs = Math.max(c, c0);
                int ce = Math.min(c + k, c1);
                if (y >= 0 && y < height && cs < ce) inner.literal(y * width + dx + cs, src, srcOffset + cs - c, ce - cs);
                offset += k;
                srcOffset += k;
                length -= k;
            }
        }
    }
}
