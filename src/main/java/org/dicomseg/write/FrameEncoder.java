package org.dicomseg.write;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.dicom.FragmentPipeline;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.dicom.PixelDataStream;
import org.dicomseg.pixels.BitPacking;
import org.dicomseg.pixels.DeflateCodec;
import org.dicomseg.pixels.Jpeg2000Codec;
import org.dicomseg.pixels.JpegLsCodec;
import org.dicomseg.pixels.RleCodec;
import org.dicomseg.task.Progress;

/**
 * The writer's second pass: produces the frames of a {@link FramePlan} from the mask, one plane
 * at a time, encodes each (native, RLE Lossless via {@link RleCodec}, JPEG 2000 Lossless via
 * {@link Jpeg2000Codec}: BINARY frames as 1-bit code streams, PS3.5 A.4.4; Deflated Image Frame
 * Compression via {@link DeflateCodec}) and hands it to the {@link PixelDataStream} at once. Buffers are reused:
 * memory is a few frames, whatever the number of frames.
 *
 * <p>Work runs on several threads through a {@link FragmentPipeline} (bounded window, file order
 * kept): compression of encapsulated frames (copied out of the reused buffers first), and packing
 * of BINARY planes when the mask says it can be read concurrently
 * ({@link SegmentationMask#supportsConcurrentReads()}: in-memory planes). Otherwise the mask is
 * only read on the caller's thread.</p>
 *
 * <p>BINARY frames of one plane are packed together ({@link SegmentationMask#packSegments}, a
 * single pass over a label map); RLE gives each 1-bit frame its own byte-aligned bit stream (PS3.5
 * Annex G with 1-bit data), native frames continue the bit stream of the previous frame (PS3.5
 * 8.1.1). A plane the first pass found to hold one segment everywhere, or none
 * ({@link SegmentationMask#uniformSegment}: an empty or full tile of a slide), gives constant
 * frames (made once) without reading or packing.</p>
 *
 * <p>For in-memory label maps the frames can be made during the first pass already
 * ({@link #firstPassListener}: BINARY native/RLE, 8-bit LABELMAP RLE), on the scanning threads, up
 * to {@link #earlyBudget} bytes; 8-bit planes are then read once (encoded and their values found in
 * the same pass) and the second pass only writes the frames.</p>
 */
final class FrameEncoder {
    private final SegmentationMask mask;
    private final SegmentationType type;
    private final OutputTransferSyntax syntax;
    private final int bitsAllocated;
    private final int maxValue;
    private final int rows;
    private final int columns;
    private final int n;
    private final int threads;
    private final Progress progress;
    private FragmentPipeline pipeline;

    FrameEncoder(SegmentationMask mask, SegmentationType type, OutputTransferSyntax syntax, int bitsAllocated, int maxValue,
                 int threads, Progress progress) {
        this.mask = mask;
        this.type = type;
        this.syntax = syntax;
        this.bitsAllocated = bitsAllocated;
        this.maxValue = maxValue;
        this.rows = mask.rows();
        this.columns = mask.columns();
        this.n = rows * columns;
        this.threads = threads;
        this.progress = progress;
    }

    void encode(FramePlan plan, PixelDataStream px, int segmentCount) throws IOException {
        // Parallel work: compressing encapsulated frames (frames are copied first), and packing BINARY
        // planes when the mask can be read from several threads (in-memory label maps). Automatic
        // (threads 0) uses it for JPEG 2000 only: packing and RLE are memory-bound and measured no
        // faster on two cores, while a 512x512 JPEG 2000 frame costs ~9 ms of CPU.
        boolean parallelPacking = type == SegmentationType.BINARY && (syntax.encapsulated() || (n & 7) == 0)
                && mask.supportsConcurrentReads();
        boolean worthIt = plan.frameCount() > 1 && (syntax.encapsulated() || parallelPacking);
        int workers = !worthIt ? 1 : threads > 0 ? threads
                : syntax == OutputTransferSyntax.JPEG_2000_LOSSLESS || syntax == OutputTransferSyntax.JPEG_LS_LOSSLESS
                ? FragmentPipeline.defaultThreads() : 1;
        try (FragmentPipeline p = new FragmentPipeline(px, syntax.encapsulated(), workers)) {
            pipeline = p;
            report(0, plan.frameCount());
            switch (type) {
                case BINARY: binary(plan, px, segmentCount); break;
                case FRACTIONAL: fractional(plan, px); break;
                default: labelMap(plan, px); break;
            }
            p.finish();
        } finally {
            pipeline = null;
        }
    }

    /**
     * Frames encoded during the first pass ({@link #firstPassListener}), by plane (BINARY: indexed by
     * segment, null = not in the plane; LABELMAP: one frame), as stored; taken and released by the
     * second pass. Null entries: planes the second pass encodes itself.
     */
    private byte[][][] early;
    private final AtomicLong earlyBytes = new AtomicLong();
    /** Most bytes of frames kept from the first pass: 64 MiB, at most 1/16 of the heap. */
    static long earlyBudget() {
        long forTests = earlyBudgetForTests;
        return forTests >= 0 ? forTests : Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16);
    }
    /** Tests only: replaces {@link #earlyBudget} when not negative (0 = no frames from the first pass). */
    static volatile long earlyBudgetForTests = -1;
    private static final ThreadLocal<byte[]> RLE_SCRATCH = new ThreadLocal<>();

    /**
     * A listener for the first pass ({@link SegmentationMask#scan(int, int, SegmentationMask.PlaneListener)})
     * that encodes the frames of each plane while its pixels are in the cache, so that the second
     * pass only writes them: for in-memory label maps, BINARY frames (native with whole bytes per
     * frame, or RLE) and 8-bit LABELMAP frames in RLE. Planes of 8-bit labels are handed to it
     * instead of being scanned ({@link SegmentationMask.PlaneEncoder}): BINARY frames are packed
     * and the plane's values found in one pass, a LABELMAP frame's values are read off its RLE
     * runs (a few KB instead of the plane), so each plane is read once; other planes (16-bit) are
     * scanned first and then encoded. The frames are the same bytes the second pass would make
     * (the same packing and encoding calls). Kept up to {@link #earlyBudget} bytes in all (whole
     * planes only); planes beyond it are encoded by the second pass. Null when there is nothing
     * to gain.
     */
    SegmentationMask.PlaneListener firstPassListener(int segmentCount) {
        if (!(mask instanceof LabelMapMask) || !((LabelMapMask) mask).inMemory() || mask.planes() < 2) return null;
        LabelMapMask labels = (LabelMapMask) mask;
        boolean rle = syntax == OutputTransferSyntax.RLE_LOSSLESS;
        boolean binary = type == SegmentationType.BINARY && (rle || (syntax == OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN && (n & 7) == 0));
        boolean labelMap = type == SegmentationType.LABELMAP && rle && bitsAllocated == 8;
        if (!binary && !labelMap) return null;
        early = new byte[mask.planes()][][];
        long budget = earlyBudget();
        int packed = (int) BitPacking.packedLength(n);
        return new SegmentationMask.PlaneEncoder() {
            @Override public boolean encodePlane(int plane, byte[] pixels, boolean[] seen) {
                if (binary) {
                    byte[][] frames = new byte[segmentCount + 1][];
                    labels.packAndFind(pixels, frames, seen);
                    keep(plane, frames);
                    return true;
                }
                if (!labels.holdsSegmentNumbers(false)) return false;
                byte[] frame = rleCopy(pixels, n, 1);
                RleCodec.decodeRuns(frame, frame.length, n, new RleCodec.RunSink() {
                    @Override public void fill(int offset, int length, byte value) { seen[value & 0xFF] = true; }

                    @Override public void literal(int offset, byte[] src, int srcOffset, int length) {
                        for (int i = 0; i < length; i++) seen[src[srcOffset + i] & 0xFF] = true;
                    }
                });
                keep(plane, new byte[][] {frame});
                return true;
            }

            /**
             * A plane that was scanned, not handed over (16-bit labels): BINARY frames packed now,
             * while it is in the cache. A LABELMAP plane only comes here when it is not the frame
             * itself (16-bit, or labels mapped to segments): the second pass makes that frame.
             */
            @Override public void scanned(int plane, boolean[] segments) {
                if (!binary) return;
                byte[][] frames = new byte[segments.length][];
                for (int s = 1; s < segments.length; s++) if (segments[s]) frames[s] = new byte[packed];
                mask.packSegments(plane, segments, frames);
                keep(plane, frames);
            }

            /** Keeps a plane's frames for the second pass (BINARY RLE-encoded first) if the budget allows. */
            private void keep(int plane, byte[][] frames) {
                long cost = 0;
                for (int s = 0; s < frames.length; s++) {
                    if (frames[s] == null) continue;
                    if (binary && rle) frames[s] = rleCopy(frames[s], packed, 1);
                    cost += frames[s].length;
                }
                if (earlyBytes.addAndGet(cost) > budget) {
                    earlyBytes.addAndGet(-cost);
                    return;
                }
                early[plane] = frames;
            }
        };
    }

    /** RLE-encodes through this thread's scratch buffer into an array of the exact length. */
    private static byte[] rleCopy(byte[] frame, int length, int bytesPerSample) {
        int max = RleCodec.maxEncodedLength(length, bytesPerSample);
        byte[] scratch = RLE_SCRATCH.get();
        if (scratch == null || scratch.length < max) RLE_SCRATCH.set(scratch = new byte[max]);
        return java.util.Arrays.copyOf(scratch, RleCodec.encode(frame, length, bytesPerSample, scratch, null));
    }

    /** The frames of {@code plane} the first pass encoded, or null; released here. */
    private byte[][] takeEarly(int plane) {
        if (early == null) return null;
        byte[][] f = early[plane];
        early[plane] = null;
        return f;
    }

    private void binary(FramePlan plan, PixelDataStream px, int segmentCount) throws IOException {
        int packed = (int) BitPacking.packedLength(n);
        // JPEG 2000 codes 1-bit frames unpacked (a byte of 0 or 1 per pixel), as highdicom does.
        boolean j2k = syntax == OutputTransferSyntax.JPEG_2000_LOSSLESS;
        boolean aligned = !j2k && (syntax.encapsulated() || (n & 7) == 0);
        byte[][] bits = new byte[segmentCount + 1][];
        boolean[] wanted = new boolean[segmentCount + 1];
        byte[] pixels = aligned ? null : new byte[n];
        int f = 0;
        int frames = plan.frameCount();
        while (f < frames) {
            int plane = plan.plane[f];
            int end = f;
            while (end < frames && plan.plane[end] == plane) end++;
            int uniform = aligned ? mask.uniformSegment(plane) : -1;
            byte[][] pre = takeEarly(plane);
            if (pre != null) {
                // Encoded by the first pass; segments not in the plane (empty frames kept) are zeros.
                byte[][] stored = new byte[end - f][];
                for (int i = f; i < end; i++) {
                    byte[] e = pre[plan.segment[i]];
                    stored[i - f] = e != null ? e : constantFrame(false, packed);
                }
                pipeline.submitFrames(() -> stored);
            } else if (uniform >= 0) {
                // One segment everywhere (or none): constant frames, nothing read or packed.
                byte[][] constant = new byte[end - f][];
                for (int i = f; i < end; i++) constant[i - f] = constantFrame(plan.segment[i] == uniform, packed);
                pipeline.submitFrames(() -> constant);
            } else if (aligned && pipeline.parallel() && mask.supportsConcurrentReads()) {
                int from = f, to = end, pl = plane;
                pipeline.submitFrames(() -> packPlane(plan, from, to, pl, segmentCount, packed));
            } else if (aligned) {
                java.util.Arrays.fill(wanted, false);
                for (int i = f; i < end; i++) {
                    int s = plan.segment[i];
                    wanted[s] = true;
                    if (bits[s] == null) bits[s] = new byte[packed];
                }
                mask.packSegments(plane, wanted, bits);
                for (int i = f; i < end; i++) {
                    byte[] frame = bits[plan.segment[i]];
                    if (syntax.encapsulated()) encapsulate(px, frame, packed, 1, false);
                    else px.nativeFrame(frame, packed);
                }
            } else {
                for (int i = f; i < end; i++) {
                    mask.segmentFrame(plane, plan.segment[i], 1, pixels);
                    if (j2k) {
                        byte[] copy = pixels.clone();
                        pipeline.submit(() -> Jpeg2000Codec.encode(copy, rows, columns, 1));
                    } else {
                        px.nativeBinaryFrame(pixels);
                    }
                }
            }
            f = end;
            report(f, frames);
        }
    }

    /** Packed all-zero and all-one frames, as stored (RLE-encoded when encapsulated); made once, only read. */
    private byte[] zeros;
    private byte[] ones;

    private byte[] constantFrame(boolean on, int packed) {
        if (on && ones == null) {
            byte[] b = new byte[packed];
            BitPacking.fillOnes(b, n);
            ones = syntax.encapsulated() ? compress(b, packed, 1) : b;
        }
        if (!on && zeros == null) {
            byte[] b = new byte[packed];
            zeros = syntax.encapsulated() ? compress(b, packed, 1) : b;
        }
        return on ? ones : zeros;
    }

    /** All BINARY frames of one plane, packed (and RLE-encoded when encapsulated), in fresh arrays. */
    private byte[][] packPlane(FramePlan plan, int from, int to, int plane, int segmentCount, int packed) {
        byte[][] bits = new byte[segmentCount + 1][];
        boolean[] wanted = new boolean[segmentCount + 1];
        for (int i = from; i < to; i++) {
            wanted[plan.segment[i]] = true;
            bits[plan.segment[i]] = new byte[packed];
        }
        mask.packSegments(plane, wanted, bits);
        byte[][] out = new byte[to - from][];
        for (int i = from; i < to; i++) {
            byte[] frame = bits[plan.segment[i]];
            out[i - from] = syntax.encapsulated() ? compress(frame, packed, 1) : frame;
        }
        return out;
    }

    /** Between two planes: reports, then stops here when the write was canceled. */
    private void report(int done, int total) {
        progress.progress(done, total);
        progress.checkCanceled();
    }

    private void fractional(FramePlan plan, PixelDataStream px) throws IOException {
        byte[] frame = new byte[n];
        for (int f = 0; f < plan.frameCount(); f++) {
            mask.segmentFrame(plan.plane[f], plan.segment[f], maxValue, frame);
            emit(px, frame, 1);
            if (f + 1 == plan.frameCount() || plan.plane[f + 1] != plan.plane[f]) report(f + 1, plan.frameCount());
        }
    }

    private void labelMap(FramePlan plan, PixelDataStream px) throws IOException {
        boolean sixteen = bitsAllocated == 16;
        byte[] bytes = new byte[sixteen ? 2 * n : n];
        short[] shorts = sixteen ? new short[n] : null;
        LabelMapMask direct = mask instanceof LabelMapMask ? (LabelMapMask) mask : null;
        for (int f = 0; f < plan.frameCount(); f++) {
            int plane = plan.plane[f];
            byte[][] pre = takeEarly(plane);
            if (pre != null) { // encoded by the first pass
                pipeline.submitFrames(() -> pre);
                report(f + 1, plan.frameCount());
                continue;
            }
            Object view = direct != null ? direct.labelFrameView(plane, sixteen) : null;
            if (!sixteen) {
                byte[] frame;
                if (view != null) {
                    frame = (byte[]) view;
                } else {
                    mask.labelFrame(plane, bytes);
                    frame = bytes;
                }
                emit(px, frame, 1);
            } else {
                short[] s;
                if (view != null) {
                    s = (short[]) view;
                } else {
                    mask.labelFrame(plane, shorts);
                    s = shorts;
                }
                for (int i = 0; i < n; i++) {
                    bytes[2 * i] = (byte) s[i];
                    bytes[2 * i + 1] = (byte) (s[i] >>> 8);
                }
                emit(px, bytes, 2);
            }
            report(f + 1, plan.frameCount());
        }
    }

    /** Reused RLE output and 16-bit plane buffers of the calling thread. */
    private byte[] rleOut;
    private byte[] rlePlane;

    /**
     * One RLE fragment: encoded on this thread into a reused buffer when nothing runs in parallel;
     * else handed to the pipeline (copied first unless {@code stable}: the caller never changes it).
     */
    private void rle(PixelDataStream px, byte[] frame, int length, int bytesPerSample, boolean stable) throws IOException {
        if (!pipeline.parallel()) {
            int max = RleCodec.maxEncodedLength(length, bytesPerSample);
            if (rleOut == null || rleOut.length < max) rleOut = new byte[max];
            if (bytesPerSample > 1 && (rlePlane == null || rlePlane.length < length / bytesPerSample)) {
                rlePlane = new byte[length / bytesPerSample];
            }
            int len = RleCodec.encode(frame, length, bytesPerSample, rleOut, rlePlane);
            pipeline.fragment(rleOut, len);
            return;
        }
        byte[] data = stable ? frame : java.util.Arrays.copyOf(frame, length); // the caller reuses its buffer
        pipeline.submit(() -> RleCodec.encode(data, length, bytesPerSample));
    }

    /** One packed BINARY frame of an RLE or deflated output as its fragment, in a fresh array (1-bit JPEG 2000 frames are coded unpacked, elsewhere). */
    private byte[] compress(byte[] frame, int length, int bytesPerSample) {
        return syntax == OutputTransferSyntax.DEFLATED_IMAGE_FRAME ? DeflateCodec.encode(frame, length)
                : RleCodec.encode(frame, length, bytesPerSample);
    }

    /** One RLE or deflated fragment (see {@link #rle}: on this thread, or handed to the pipeline). */
    private void encapsulate(PixelDataStream px, byte[] frame, int length, int bytesPerSample, boolean stable) throws IOException {
        if (syntax != OutputTransferSyntax.DEFLATED_IMAGE_FRAME) {
            rle(px, frame, length, bytesPerSample, stable);
        } else if (!pipeline.parallel()) {
            byte[] d = DeflateCodec.encode(frame, length);
            pipeline.fragment(d, d.length);
        } else {
            byte[] data = stable ? frame : java.util.Arrays.copyOf(frame, length); // the caller reuses its buffer
            pipeline.submit(() -> DeflateCodec.encode(data, length));
        }
    }

    /** Writes one 8- or 16-bit frame in the output syntax. */
    private void emit(PixelDataStream px, byte[] frame, int bytesPerSample) throws IOException {
        int length = n * bytesPerSample;
        switch (syntax) {
            case RLE_LOSSLESS:
            case DEFLATED_IMAGE_FRAME:
                encapsulate(px, frame, length, bytesPerSample, false);
                break;
            case JPEG_2000_LOSSLESS: {
                byte[] copy = java.util.Arrays.copyOf(frame, length);
                int bits = bytesPerSample * 8;
                pipeline.submit(() -> Jpeg2000Codec.encode(copy, rows, columns, bits));
                break;
            }
            case JPEG_LS_LOSSLESS: {
                byte[] copy = java.util.Arrays.copyOf(frame, length);
                int bits = bytesPerSample * 8;
                pipeline.submit(() -> JpegLsCodec.encode(copy, rows, columns, bytesPerSample, bits, 0));
                break;
            }
            default:
                px.nativeFrame(frame, length);
        }
    }
}
