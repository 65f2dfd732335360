package org.dicomseg.reconstruct;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dicomseg.pixels.BitPacking;
import org.dicomseg.read.FrameCursor;
import org.dicomseg.read.FrameInfo;
import org.dicomseg.pixels.RleCodec;
import org.dicomseg.read.SegReadException;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.read.SourceImageReference;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.task.Progress;

/**
 * Puts decoded frames into output planes: one job, shared by every reconstruction. Decides the
 * output channels and pixel type from the segmentation type and the options, allocates the
 * planes, and copies each frame (or the part of a tile inside the output) with the per-case
 * transformation: 0/1 and stored values per segment channel, float rescaling, label map
 * combination with the overlap check, label map splitting and relabelling. Inner loops are plain
 * array loops per case; the all-zero frame is skipped without unpacking.
 *
 * <p>Whole frames (the frame is the plane, no offset: volumes and by-source planes) are decoded
 * in batches on up to {@link ReconstructionOptions#threads()} threads, each with its own
 * {@link FrameCursor}; a plane is always handled by one thread, its frames in placement order, so
 * the result (and the first error, see {@link #flush()}) is the sequential one. Volumes place
 * their frames plane by plane ({@link #placeByPlane}; a batch ends at a plane boundary), so a
 * label map combined from BINARY segments is filled while its plane is in the cache rather than
 * once per segment, with errors still those of the first failing frame in placement order. They
 * go straight from the stored form into the output arrays: packed bits are spread eight pixels at
 * a time into a segment channel or a label map (runs of 64 and more set pixels as one fill), RLE
 * label maps are decoded run by run into the label map or split into the segment channels, and zero bytes and runs are skipped, so the output arrays the
 * caller keeps are the only large allocation and only nonzero pixels are written into them.
 * Frames placed at an offset (tiles) take the same paths with a destination offset and stride:
 * packed bits are spread row by row (any bit alignment, clipped to the plane), RLE runs are cut
 * at the frame's rows and clipped; tiles are decoded in batches too, grouped by plane and by band
 * of tile rows (tiles of one band never share an output pixel with another band's), so the
 * tiles of one plane are shared out among the threads. Only 16-bit label maps take the general
 * per-row path. BINARY tiles on the tile grid of a region (no two on one output pixel) skip the
 * batches: {@link TileMosaic} writes them band by band into the arrays of this filler
 * ({@link #allocate}, {@link #preset}).</p>
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
    private final int[] channelOfSegment;  // BINARY/FRACTIONAL: segment -> channel (or -1)
    /** Planes allocated by all fillers (tests: a plane wanted by several threads is allocated once). */
    static final java.util.concurrent.atomic.AtomicLong PLANES_ALLOCATED = new java.util.concurrent.atomic.AtomicLong();
    /** Locks of {@link #array}: plane {@code i} is allocated under lock {@code i % 64}. */
    private final Object[] allocationLocks = new Object[64];
    {
        for (int i = 0; i < allocationLocks.length; i++) allocationLocks[i] = new Object();
    }
    private final int[] valueOfSegment;    // label map output: segment -> value
    private final int[] segmentOfValue;    // label map output: value -> first segment with it
    private final int[] labelLut;          // LABELMAP input: stored label -> output value / channel+1
    private final float scale;
    private final long framesAtStart;
    private final Progress progress;
    private final String[] sourceUids;   // per plane: source SOP Instance UID of the first frame placed there
    private final int[] sourceFrames;    // per plane: its 1-based source frame number, 0 when not stated
    private final boolean failOnOverlap;
    private final boolean sixteenBitLabels;
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
        failOnOverlap = options.overlapPolicy() == ReconstructionOptions.OverlapPolicy.FAIL;
        sixteenBitLabels = type == SegmentationType.LABELMAP && reader.metadata().bitsAllocated() == 16;
        progress = options.progress();
        sourceUids = new String[planes];
        sourceFrames = new int[planes];
        for (FrameInfo f : reader.frames()) if (includes(f)) total++;
    }

    /** The number of frames that will be placed, for progress (default: all frames of the chosen segments). */
    void expect(int frames) { this.total = frames; }

    int channels() { return channels; }

    SegmentationVolume.PixelType pixelType() { return pixelType; }

    /** BINARY/FRACTIONAL: the array of plane 0 that frames of {@code segment} go to, or -1 when not chosen. */
    int arrayOfSegment(int segment) {
        return segment >= 0 && segment < channelOfSegment.length ? channelOfSegment[segment] : -1;
    }

    /** BINARY: the value a set pixel of {@code segment} becomes (1 in segment channels). */
    int valueOfSegment(int segment) {
        return options.output() == ReconstructionOptions.Output.LABEL_MAP ? valueOfSegment[segment] : 1;
    }

    /** The array at {@code index}, allocated (zero) on first use; safe from several threads. */
    Object allocate(int index) { return array(index); }

    /** The array at {@code index} as it is (null when not allocated). */
    Object presetArray(int index) { return data[index]; }

    /**
     * Makes the caller's arrays the output (one plane: index = channel), e.g. a reused buffer;
     * whatever they hold is kept where no frame writes, so they must be cleared first unless
     * every pixel is going to be written.
     */
    void preset(Object[] arrays) {
        if (planes != 1 || arrays.length != channels) throw new IllegalStateException("preset needs one plane of " + channels + " arrays");
        System.arraycopy(arrays, 0, data, 0, channels);
    }

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
        place(f, plane, dx, dy, placed);
    }

    /**
     * {@link #place(FrameInfo, int, int, int)} for frames placed out of their placement order
     * (see {@link #placeByPlane}): {@code seq} is the frame's index in the placement order, which
     * decides whose error is thrown when several frames fail.
     */
    void place(FrameInfo f, int plane, int dx, int dy, int seq) throws SegReadException {
        if (!includes(f)) return;
        progress.checkCanceled();
        progress.progress(placed++, Math.max(total, placed));
        if (sourceUids[plane] == null && !f.sources().isEmpty()) {
            SourceImageReference s = f.sources().get(0);
            sourceUids[plane] = s.sopInstanceUid();
            sourceFrames[plane] = s.frameNumbers().length == 0 ? 0 : s.frameNumbers()[0];
        }
        int frame = f.frameNumber();
        int seg = type == SegmentationType.LABELMAP ? 0 : f.referencedSegmentNumber();
        if (!sixteenBitLabels) {
            // a batch ends at a plane boundary (whole frames), so a plane's frames are decoded together
            if (queued >= BATCH && (!whole(dx, dy) || plane != queuedPlanes[queued - 1] || queued >= 4 * BATCH)) flush();
            queue(frame, plane, seg, dx, dy, seq);
            return;
        }
        flush(); // keeps the placement order on planes that queued frames share with this one
        if (type != SegmentationType.LABELMAP) {
            int index = plane * channels + channelOfSegment[seg];
            byte[] src = bytes(frame);
            if (options.output() == ReconstructionOptions.Output.LABEL_MAP) {
                combine(src, seg, plane, index, dx, dy);
            } else {
                copySegment(src, index, dx, dy);
            }
            return;
        }
        // LABELMAP input
        if (sixteenBitLabels) {
            if (tmpShorts == null) tmpShorts = new short[frameRows * frameColumns];
            reader.readFrame(frame, tmpShorts, 0);
            labels16(tmpShorts, plane, dx, dy);
        } else {
            labels8(bytes(frame), plane, dx, dy);
        }
    }

    // ------------------------------------------------------------------ whole frames, in batches

    /** Whole frames decoded together: enough for parallel decoding, few enough for prompt progress and cancel. */
    private static final int BATCH = 256;
    private int[] queuedFrames = new int[64];
    private int[] queuedPlanes = new int[64];
    private int[] queuedSegments = new int[64];
    private int[] queuedDx = new int[64];
    private int[] queuedDy = new int[64];
    private int[] queuedSeq = new int[64]; // index in placement order
    private int queued;
    private boolean deferErrors;
    private Worker[] workers = new Worker[0];
    private final Object failureLock = new Object();
    private volatile int failedAt = Integer.MAX_VALUE; // placement index of the first failed frame
    private Throwable failure;

    private boolean whole(int dx, int dy) {
        return dx == 0 && dy == 0 && frameColumns == width && frameRows == height;
    }

    /**
     * True when whole frames placed in any order give the result of their placement order as long
     * as each plane's frames keep their order: the caller may then place them plane by plane
     * (so a plane is filled while it is in the cache, not once per segment of a label map) with
     * {@link #place(FrameInfo, int, int, int, int)}, and errors are thrown at {@link #build} as the
     * one of the frame first in placement order.
     */
    boolean placeByPlane() {
        if (sixteenBitLabels) return false; // decoded one by one as placed: errors in placement order
        deferErrors = true;
        return true;
    }

    private void queue(int frame, int plane, int segment, int dx, int dy, int seq) {
        if (queued == queuedFrames.length) {
            queuedFrames = Arrays.copyOf(queuedFrames, queued * 2);
            queuedPlanes = Arrays.copyOf(queuedPlanes, queued * 2);
            queuedSegments = Arrays.copyOf(queuedSegments, queued * 2);
            queuedDx = Arrays.copyOf(queuedDx, queued * 2);
            queuedDy = Arrays.copyOf(queuedDy, queued * 2);
            queuedSeq = Arrays.copyOf(queuedSeq, queued * 2);
        }
        queuedSeq[queued] = seq;
        queuedFrames[queued] = frame;
        queuedPlanes[queued] = plane;
        queuedSegments[queued] = segment;
        queuedDx[queued] = dx;
        queuedDy[queued] = dy;
        queued++;
    }

    /**
     * Decodes the queued frames into their planes: grouped by plane and, when every queued frame's
     * row offset has the same phase modulo the frame height, by band of frame rows (so two groups
     * never write the same output pixel), placement order kept within a group, the groups shared
     * out among the threads. When frames fail (corrupt data,
     * an overlap with {@link ReconstructionOptions.OverlapPolicy#FAIL}) the error of the frame
     * placed first is thrown, as a sequential pass would: a failure at one frame stops work only on
     * frames placed after it.
     */
    void flush() throws SegReadException {
        if (queued == 0) return;
        progress.checkCanceled();
        int n = queued;
        queued = 0;
        boolean banded = true;
        int phase = Math.floorMod(queuedDy[0], frameRows);
        for (int i = 1; i < n && banded; i++) banded = Math.floorMod(queuedDy[i], frameRows) == phase;
        long[] band = new long[n];
        for (int i = 0; i < n; i++) {
            band[i] = (long) queuedPlanes[i] << 32 | (banded ? (Math.floorDiv(queuedDy[i], frameRows) + 1) & 0xFFFFFFFFL : 0L);
        }
        Integer[] sorted = new Integer[n];
        for (int i = 0; i < n; i++) sorted[i] = i;
        Arrays.sort(sorted, (a, b) -> {
            int c = Long.compare(band[a], band[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] order = new int[n];
        int[] groupStart = new int[n + 1];
        int g = 0;
        for (int i = 0; i < n; i++) {
            order[i] = sorted[i];
            if (i == 0 || band[order[i]] != band[order[i - 1]]) groupStart[g++] = i;
        }
        groupStart[g] = n;
        int groups = g;
        int t = Math.max(1, Math.min(Math.min(options.threads(), Runtime.getRuntime().availableProcessors()),
                Math.min(groups, n / 8)));
        if (workers.length < t) {
            Worker[] w = Arrays.copyOf(workers, t);
            for (int i = workers.length; i < t; i++) w[i] = new Worker(reader.cursor());
            workers = w;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[t - 1];
        for (int i = 0; i < t - 1; i++) {
            Worker w = workers[i + 1];
            threads[i] = new Thread(() -> w.work(next, groups, groupStart, order), "dicomseg-plane-filler-" + (i + 1));
            threads[i].start();
        }
        workers[0].work(next, groups, groupStart, order);
        joinAll(threads);
        if (!deferErrors) throwFailure();
    }

    /**
     * Waits for every worker: the workers finish their frames (or bands) even when this thread is
     * interrupted, and the interrupt is kept for the caller. Shared by the fillers of this package.
     */
    static void joinAll(Thread[] threads) {
        boolean interrupted = false;
        for (Thread th : threads) {
            while (true) {
                try {
                    th.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void throwFailure() throws SegReadException {
        Throwable e = failure;
        if (e == null) return;
        if (e instanceof SegReadException) throw (SegReadException) e;
        if (e instanceof RuntimeException) throw (RuntimeException) e;
        if (e instanceof Error) throw (Error) e;
        throw new IllegalStateException(e);
    }

    private void fail(int queueIndex, Throwable e) {
        synchronized (failureLock) {
            if (queueIndex < failedAt) {
                failedAt = queueIndex;
                failure = e;
            }
        }
    }

    /** One thread's share of a batch: its cursor, scratch space and run sinks. */
    private final class Worker {
        final FrameCursor cursor;
        final LabelRuns labelRuns = new LabelRuns();
        final SplitRuns splitRuns = new SplitRuns();
        final Window window = new Window();
        byte[] tmp;

        Worker(FrameCursor cursor) { this.cursor = cursor; }

        void work(java.util.concurrent.atomic.AtomicInteger next, int groups, int[] groupStart, int[] order) {
            for (int g = next.getAndIncrement(); g < groups; g = next.getAndIncrement()) {
                for (int k = groupStart[g]; k < groupStart[g + 1]; k++) {
                    int q = order[k];
                    if (queuedSeq[q] > failedAt) break; // an earlier frame failed: the rest of this plane does not matter
                    try {
                        decode(queuedFrames[q], queuedPlanes[q], queuedSegments[q], queuedDx[q], queuedDy[q]);
                    } catch (Throwable e) {
                        fail(queuedSeq[q], e);
                        break;
                    }
                }
            }
        }

        private void decode(int frame, int plane, int seg, int dx, int dy) throws SegReadException {
            FrameCursor.Layout layout = cursor.read(frame);
            byte[] d = cursor.data();
            int n = frameRows * frameColumns;
            boolean whole = dx == 0 && dy == 0 && frameColumns == width && frameRows == height;
            if (type == SegmentationType.LABELMAP) {
                RleCodec.RunSink sink = options.output() == ReconstructionOptions.Output.LABEL_MAP
                        ? labelRuns.start(plane) : splitRuns.start(plane);
                if (!whole) sink = window.start(sink, dx, dy);
                if (layout == FrameCursor.Layout.RLE8) cursor.decodeRuns(sink);
                else sink.literal(0, d, 0, n); // BYTES (8-bit native, JPEG 2000, deflated)
                return;
            }
            int index = plane * channels + channelOfSegment[seg];
            byte[] src = d;
            if (layout == FrameCursor.Layout.PACKED_BITS) {
                long bit = cursor.bitOffset();
                if (!whole) {
                    packedTile(d, bit, seg, plane, index, dx, dy);
                    return;
                }
                if ((bit & 7) == 0) {
                    if (options.output() == ReconstructionOptions.Output.LABEL_MAP) {
                        packedToLabels(d, (int) (bit >>> 3), seg, plane, index);
                    } else {
                        packedToChannel(d, (int) (bit >>> 3), index);
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
            if (options.output() == ReconstructionOptions.Output.LABEL_MAP) {
                combine(src, seg, plane, index, dx, dy);
            } else {
                copySegment(src, index, dx, dy);
            }
        }
    }

    /**
     * The runs of a frame placed at (dx, dy) of a plane: each run is cut at the frame's rows,
     * clipped to the plane and passed on with plane offsets.
     */
    private final class Window implements RleCodec.RunSink {
        private RleCodec.RunSink inner;
        private int dx;
        private int dy;
        private int c0; // first frame column inside the plane
        private int c1; // one past the last

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

    /**
     * A BINARY frame of packed bits (from bit {@code bitBase} of {@code bits}, any alignment)
     * placed at (dx, dy) of the plane, clipped to it, into the segment channel or the label map at
     * {@code index}: row by row, eight pixels at a time (eight bytes of zero bits skipped at once
     * when aligned), merged under the spread mask, so pixels whose bit is clear keep their value;
     * with {@link ReconstructionOptions.OverlapPolicy#FAIL} a label map byte group that already
     * holds labels is checked pixel by pixel in order, like {@link #combine}.
     */
    private void packedTile(byte[] bits, long bitBase, int segment, int plane, int index, int dx, int dy) {
        boolean labelOut = options.output() == ReconstructionOptions.Output.LABEL_MAP;
        int value = labelOut ? valueOfSegment[segment] : 1;
        if (value == 0) return;
        int x0 = Math.max(0, dx);
        int x1 = Math.min(width, dx + frameColumns);
        if (x0 >= x1) return;
        int len = x1 - x0;
        boolean bytesOut = pixelType == SegmentationVolume.PixelType.UINT8;
        boolean check = labelOut && failOnOverlap;
        byte[] dst = null;
        for (int r = 0; r < frameRows; r++) {
            int y = dy + r;
            if (y < 0 || y >= height) continue;
            long pos = bitBase + (long) r * frameColumns + (x0 - dx);
            int d = y * width + x0;
            for (int k = 0; k < len; k += 8) {
                int rem = len - k;
                long p = pos + k;
                int bi = (int) (p >>> 3);
                int sh = (int) (p & 7);
                if (sh == 0 && rem >= 64 && (long) LONGS.get(bits, bi) == 0L) {
                    k += 56;
                    continue;
                }
                int x = (bits[bi] & 0xFF) >>> sh;
                if (sh != 0 && 8 - sh < rem) x |= (bits[bi + 1] & 0xFF) << (8 - sh);
                x &= rem < 8 ? (1 << rem) - 1 : 0xFF;
                if (x == 0) continue;
                if (rem >= 8 && bytesOut) {
                    if (dst == null) dst = (byte[]) array(index);
                    long u = BitPacking.spread(x);
                    long mask = u * 0xFF;
                    int q = d + k;
                    long old = (long) LONGS.get(dst, q);
                    if (check && (old & mask) != 0) {
                        for (int j = 0; j < 8; j++) {
                            if ((x >> j & 1) != 0) checkOverlap(dst[q + j] & 0xFF, value, segment, plane, q + j);
                        }
                    }
                    LONGS.set(dst, q, (old & ~mask) | u * value);
                } else {
                    for (int j = 0; j < Math.min(8, rem); j++) {
                        if ((x >> j & 1) != 0) setLabel(index, d + k + j, segment, plane, value);
                    }
                }
            }
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * A BINARY frame of packed bits from byte {@code off} of {@code bits} into the segment channel
     * at {@code index}: pixels whose bit is set become 1, the others keep their value. Zero bytes
     * (eight background pixels) are skipped, eight zero bytes at a time; the channel is allocated
     * when the first set bit is met, so an empty frame allocates nothing.
     */
    private void packedToChannel(byte[] bits, int off, int index) {
        int n = width * height;
        int whole = n >>> 3;
        byte[] dst = (byte[]) data[index];
        boolean fresh = dst == null; // then every pixel not written here stays 0: plain stores
        int b = 0;
        while (b < whole) {
            if (b + 8 <= whole) {
                long w = (long) LONGS.get(bits, off + b);
                if (w == 0L) {
                    b += 8;
                    continue;
                }
                if (w == -1L) { // 64 or more set pixels in a row (the inside of a shape): one fill
                    int e = fullRun(bits, off, b, whole);
                    if (dst == null) dst = (byte[]) array(index);
                    Arrays.fill(dst, b << 3, e << 3, (byte) 1);
                    b = e;
                    continue;
                }
            }
            int end = Math.min(b + 8, whole);
            for (; b < end; b++) {
                int x = bits[off + b] & 0xFF;
                if (x == 0) continue;
                if (dst == null) dst = (byte[]) array(index);
                long u = BitPacking.spread(x);
                int p = b << 3;
                if (fresh) {
                    LONGS.set(dst, p, u);
                } else {
                    long old = (long) LONGS.get(dst, p);
                    LONGS.set(dst, p, (old & ~(u * 0xFF)) | u);
                }
            }
        }
        for (int i = whole << 3; i < n; i++) {
            if (((bits[off + (i >>> 3)] >> (i & 7)) & 1) == 0) continue;
            if (dst == null) dst = (byte[]) array(index);
            dst[i] = 1;
        }
    }

    /**
     * A BINARY frame of packed bits into the label map at {@code index}: pixels whose bit is set
     * get the segment's value, eight at a time (the spread bits times the value, merged under the
     * spread mask); with {@link ReconstructionOptions.OverlapPolicy#FAIL} a byte whose pixels
     * already hold a label is checked pixel by pixel in order, like {@link #combine}.
     */
    private void packedToLabels(byte[] bits, int off, int segment, int plane, int index) {
        int value = valueOfSegment[segment];
        if (value == 0) return;
        int n = width * height;
        int whole = n >>> 3;
        if (pixelType != SegmentationVolume.PixelType.UINT8) {
            for (int i = 0; i < n; i++) {
                if (((bits[off + (i >>> 3)] >> (i & 7)) & 1) != 0) setLabel(index, i, segment, plane, value);
            }
            return;
        }
        byte[] dst = (byte[]) data[index];
        int b = 0;
        while (b < whole) {
            if (b + 8 <= whole) {
                long w = (long) LONGS.get(bits, off + b);
                if (w == 0L) {
                    b += 8;
                    continue;
                }
                if (w == -1L) { // 64 or more set pixels in a row: checked (FAIL) then one fill
                    int e = fullRun(bits, off, b, whole);
                    if (dst == null) dst = (byte[]) array(index);
                    if (failOnOverlap) checkRun(dst, b << 3, e << 3, value, segment, plane);
                    Arrays.fill(dst, b << 3, e << 3, (byte) value);
                    b = e;
                    continue;
                }
            }
            int end = Math.min(b + 8, whole);
            for (; b < end; b++) {
                int x = bits[off + b] & 0xFF;
                if (x == 0) continue;
                if (dst == null) dst = (byte[]) array(index);
                long u = BitPacking.spread(x);
                long mask = u * 0xFF;
                int p = b << 3;
                long old = (long) LONGS.get(dst, p);
                if ((old & mask) != 0 && failOnOverlap) {
                    for (int k = 0; k < 8; k++) {
                        if ((x >> k & 1) != 0) checkOverlap(dst[p + k] & 0xFF, value, segment, plane, p + k);
                    }
                }
                LONGS.set(dst, p, (old & ~mask) | u * value);
            }
        }
        for (int i = whole << 3; i < n; i++) {
            if (((bits[off + (i >>> 3)] >> (i & 7)) & 1) != 0) setLabel(index, i, segment, plane, value);
        }
    }

    /** Where the run of all-ones bytes starting with the eight at {@code b} ends (in whole longs; bytes from {@code off}). */
    private static int fullRun(byte[] bits, int off, int b, int whole) {
        int e = b + 8;
        while (e + 8 <= whole && (long) LONGS.get(bits, off + e) == -1L) e += 8;
        return e;
    }

    /** The overlap check of pixels {@code from .. to-1} of a label map plane, in pixel order. */
    private void checkRun(byte[] dst, int from, int to, int value, int segment, int plane) {
        for (int p = from; p < to; p += 8) {
            if ((long) LONGS.get(dst, p) == 0L) continue;
            for (int k = p; k < p + 8; k++) checkOverlap(dst[k] & 0xFF, value, segment, plane, k);
        }
    }

    /** One pixel of {@link #packedToLabels}. */
    private void setLabel(int index, int i, int segment, int plane, int value) {
        Object out = array(index);
        if (out instanceof byte[]) {
            byte[] dst = (byte[]) out;
            if (failOnOverlap) checkOverlap(dst[i] & 0xFF, value, segment, plane, i);
            dst[i] = (byte) value;
        } else {
            short[] dst = (short[]) out;
            if (failOnOverlap) checkOverlap(dst[i] & 0xFFFF, value, segment, plane, i);
            dst[i] = (short) value;
        }
    }

    private void checkOverlap(int old, int value, int segment, int plane, int i) {
        if (old != 0 && old != value) throw new SegmentOverlapException(segmentOfValue[old], segment, plane, i % width, i / width);
    }

    /**
     * An 8-bit LABELMAP frame into the (relabelled) label map of one plane, run by run: a run of
     * a label maps to one fill, background runs and labels not chosen are skipped; the plane is
     * allocated at the first label written.
     */
    private final class LabelRuns implements RleCodec.RunSink {
        private final int[] lut = labelLut;
        private final boolean zeroIsBackground = labelLut == null || labelLut[0] == 0;
        private int index;
        private Object dst;

        LabelRuns start(int plane) {
            index = plane; // one channel
            dst = data[index];
            return this;
        }

        private Object dst() {
            if (dst == null) dst = array(index);
            return dst;
        }

        @Override public void fill(int offset, int length, byte value) {
            int v = lut[value & 0xFF];
            if (v == 0) return;
            Object out = dst();
            if (out instanceof byte[]) Arrays.fill((byte[]) out, offset, offset + length, (byte) v);
            else Arrays.fill((short[]) out, offset, offset + length, (short) v);
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
                    Object out = dst();
                    if (out instanceof byte[]) ((byte[]) out)[offset + i] = (byte) v;
                    else ((short[]) out)[offset + i] = (short) v;
                }
                i++;
            }
        }
    }

    /**
     * An 8-bit LABELMAP frame split into the segment channels of one plane in one pass, run by
     * run: a run of a chosen label fills its channel with 1; a channel is allocated at its first
     * pixel, so segments absent from the frame allocate nothing.
     */
    private final class SplitRuns implements RleCodec.RunSink {
        private final int[] lut = labelLut;
        private final boolean zeroIsBackground = labelLut == null || labelLut[0] == 0;
        private final byte[][] channel = new byte[channels][];
        private int base;

        SplitRuns start(int plane) {
            base = plane * channels;
            for (int c = 0; c < channels; c++) channel[c] = (byte[]) data[base + c];
            return this;
        }

        private byte[] channel(int c) {
            byte[] a = channel[c];
            if (a == null) {
                a = (byte[]) array(base + c);
                channel[c] = a;
            }
            return a;
        }

        @Override public void fill(int offset, int length, byte value) {
            int c = lut[value & 0xFF];
            if (c != 0) Arrays.fill(channel(c - 1), offset, offset + length, (byte) 1);
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
                if (c != 0) channel(c - 1)[offset + i] = 1;
                i++;
            }
        }
    }

    // ------------------------------------------------------------------ frames at an offset (tiles), 16-bit label maps

    /** The array at {@code index}, allocated (zero) on first use. */
    private Object array(int index) {
        Object a = data[index];
        if (a != null) return a;
        // One lock per group of planes, not one for all: the workers zero the planes they allocate at
        // the same time, while tiles of one plane decoded on several threads still get one array
        // (a Total Pixel Matrix plane can be 900 MB: allocating it twice would cost its zeroing twice).
        synchronized (allocationLocks[index % allocationLocks.length]) {
            a = data[index];
            if (a == null) {
                a = SegmentationVolume.newPlane(pixelType, width * height);
                PLANES_ALLOCATED.incrementAndGet();
                data[index] = a;
            }
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
        if (isZero(src, frameRows * frameColumns)) return;
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
        if (isZero(src, frameRows * frameColumns)) return;
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

    private static boolean isZero(byte[] a, int n) {
        for (int i = 0; i < n; i++) if (a[i] != 0) return false;
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
        throwFailure();
        progress.progress(Math.max(total, placed), Math.max(total, placed));
        boolean labelOut = options.output() == ReconstructionOptions.Output.LABEL_MAP;
        return new SegmentationVolume(width, height, planes, channels, pixelType, data, segments.clone(), values.clone(),
                labelOut, positions, orientation, pixelSpacing, sliceSpacing,
                sources == null ? new String[planes] : sources, sourceFrames == null ? new int[planes] : sourceFrames,
                originX, originY, reader.framesRead() - framesAtStart, notes);
    }
}
