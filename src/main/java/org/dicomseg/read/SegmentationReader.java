package org.dicomseg.read;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.dicom.SegTransferSyntax;
import org.dicomseg.pixels.BitPacking;
import org.dicomseg.pixels.CorruptPixelDataException;

/**
 * Reads a DICOM Segmentation (PS3.3 A.51 Segmentation IOD, C.8.20 Segmentation modules; Label Map
 * Segmentation Storage 1.2.840.10008.5.1.4.1.1.66.7) lazily: {@link #open} parses the header only,
 * builds the frame index and locates each frame's bytes on disk ({@link SegmentationFile}); pixel
 * data is then read frame by frame, so a 2 GB file does not need 2 GB of heap.
 *
 * <p>Supported: BINARY, FRACTIONAL and LABELMAP segmentations; per-frame functional groups or
 * TILED_FULL with the implicit frame order; transfer syntaxes listed in {@link SegTransferSyntax}
 * (Implicit/Explicit VR Little Endian, Explicit VR Big Endian, Deflated Explicit VR Little Endian,
 * RLE Lossless including 1-bit frames, JPEG 2000, Deflated Image Frame Compression). Everything
 * that makes a file unreadable is reported as one {@link SegReadException} whose message names the
 * file, the attribute or frame and the problem; tolerated deviations are listed in
 * {@link SegmentationMetadata#warnings()}.</p>
 *
 * <p>Frame values: 0/1 for BINARY, stored values 0..Maximum Fractional Value for FRACTIONAL,
 * segment numbers for LABELMAP. Frame numbers are 1-based as in DICOM.</p>
 *
 * <p>Instances are safe for use from several threads (frame reads are serialised). Close the
 * reader to release the file (and the temporary file of a deflated data set).</p>
 *
 * <pre>{@code
 * try (SegmentationReader seg = SegmentationReader.open(path)) {
 *     for (SegmentDescription s : seg.segments()) System.out.println(s.label());
 *     byte[] frame1 = seg.readFrame(1);
 * }
 * }</pre>
 */
public final class SegmentationReader implements Closeable {
    private final SegmentationFile seg;
    private final Path file;
    private final SegmentationMetadata metadata;
    private final LinkedHashMap<Integer, SegmentDescription> segments;
    private final List<FrameInfo> frames;
    private final FrameStore store;
    private final int pixels;
    private Map<Integer, Long> pixelCounts;
    private long framesRead;
    private boolean closed;

    private SegmentationReader(SegmentationFile seg) {
        this.seg = seg;
        this.file = seg.file();
        this.metadata = seg.metadata();
        this.segments = seg.segments();
        this.frames = seg.frames();
        this.store = seg.store();
        this.pixels = metadata.rows * metadata.columns;
    }

    /**
     * Opens a Segmentation: reads and checks the header, indexes the frames; reads no pixel data.
     *
     * @throws SegReadException when the file is not a Segmentation this reader can read (the message
     *                          says why); also for a missing or unreadable file
     */
    public static SegmentationReader open(Path file) throws SegReadException {
        return open(file, true);
    }

    /**
     * {@link #open(Path)}; {@code directPerFrame} false makes PixelMed parse the Per-frame
     * Functional Groups as well (the reference for the fast path's tests).
     */
    static SegmentationReader open(Path file, boolean directPerFrame) throws SegReadException {
        return new SegmentationReader(SegmentationFile.open(file, directPerFrame));
    }

    /** True when {@link #open} read the Per-frame Functional Groups itself, not through PixelMed (for tests). */
    boolean perFrameParsedDirectly() { return seg.perFrameParsedDirectly(); }

    /** True when the header was read without PixelMed ({@link org.dicomseg.dicom.LeanDataSet}; for tests). */
    boolean headerLean() { return seg.headerLean(); }

    /**
     * Opens a Segmentation held by a server: {@code header} is its data set without Pixel Data
     * (e.g. its WADO-RS metadata, PS3.18 10.4.1.1.2), checked and indexed as a file's header;
     * its frames, stored in {@code transferSyntaxUid}, are fetched by {@code frames} only when
     * read, in batches of the frames planned to be read ({@link #willRead}), so importing a few
     * segments or a region of a large tiled SEG fetches those frames, not the SEG. {@code name}
     * names it in messages (one path element, e.g. "SEG 1.2.3"; no file is behind it).
     *
     * @throws SegReadException when the header is not that of a Segmentation this reader can read
     */
    public static SegmentationReader openRemote(String name, com.pixelmed.dicom.AttributeList header, String transferSyntaxUid,
            org.dicomseg.dicom.FrameFetcher frames) throws SegReadException {
        return new SegmentationReader(SegmentationFile.remote(java.nio.file.Paths.get(name.replace('/', '_')), org.dicomseg.dicom.AttributeListView.of(header),
                transferSyntaxUid, frames));
    }

    /** True for a Segmentation opened with {@link #openRemote}: its frames are fetched when read. */
    public boolean isRemote() { return seg.remoteFrames() != null; }

    /**
     * Says which frames (1-based) will be read next, in order: a remote Segmentation fetches them
     * in batches in that order, and no others; a file ignores it. Reading other frames still works
     * (they are fetched with the frames that follow them in the file).
     */
    public void willRead(int[] frameNumbers) {
        if (seg.remoteFrames() != null) seg.remoteFrames().plan(frameNumbers);
    }

    /** Frames fetched from the server so far (0 for a file): what crossed the network. */
    public long framesFetched() { return seg.remoteFrames() == null ? 0 : seg.remoteFrames().fetched(); }

    // ------------------------------------------------------------------ metadata

    /** The file this reader reads. */
    public Path file() { return file; }

    /** Everything the header says besides segments and frames. */
    public SegmentationMetadata metadata() { return metadata; }

    /** Segmentation Type (0062,0001). */
    public SegmentationType segmentationType() { return metadata.segmentationType; }

    /** Rows (0028,0010) of a frame. */
    public int rows() { return metadata.rows; }

    /** Columns (0028,0011) of a frame. */
    public int columns() { return metadata.columns; }

    /** Number of Frames (0028,0008). */
    public int numberOfFrames() { return metadata.numberOfFrames; }

    /** The Segment Sequence (0062,0002) in file order. */
    public List<SegmentDescription> segments() {
        return Collections.unmodifiableList(new ArrayList<>(segments.values()));
    }

    /** True when the Segment Sequence has a segment with this number. */
    public boolean hasSegment(int number) { return segments.containsKey(number); }

    /**
     * The description of segment {@code number}.
     *
     * @throws IllegalArgumentException when there is no such segment (the message lists the numbers)
     */
    public SegmentDescription getSegmentDescription(int number) {
        SegmentDescription s = segments.get(number);
        if (s == null) throw new IllegalArgumentException("No segment " + number + "; segments are " + segments.keySet());
        return s;
    }

    /** All Segment Numbers in file order. */
    public List<Integer> segmentNumbers() {
        return Collections.unmodifiableList(new ArrayList<>(segments.keySet()));
    }

    /** Segment Numbers of the segments matching {@code filter}, in file order. */
    public List<Integer> segmentNumbers(SegmentFilter filter) {
        List<Integer> out = new ArrayList<>();
        for (SegmentDescription s : segments.values()) {
            if (filter.test(s)) out.add(s.segmentNumber());
        }
        return out;
    }

    /** The frame index, one entry per frame in file order (entry i is frame i+1). */
    public List<FrameInfo> frames() { return frames; }

    /** The index entry of 1-based frame {@code frameNumber}. */
    public FrameInfo frame(int frameNumber) {
        checkFrame(frameNumber);
        return frames.get(frameNumber - 1);
    }

    /** Numbers of the frames of segment {@code segmentNumber} (BINARY/FRACTIONAL), in file order. */
    public int[] framesOfSegment(int segmentNumber) {
        return frames.stream().filter(f -> f.referencedSegmentNumber() == segmentNumber)
                .mapToInt(FrameInfo::frameNumber).toArray();
    }

    // ------------------------------------------------------------------ pixels

    /**
     * Reads frame {@code frameNumber} (1-based) as one byte per pixel, row by row: 0/1 for BINARY,
     * 0..Maximum Fractional Value for FRACTIONAL (unsigned), segment numbers for 8-bit LABELMAP.
     *
     * @throws IllegalStateException for 16-bit label maps (use {@link #readFrameShorts})
     */
    public byte[] readFrame(int frameNumber) throws SegReadException {
        byte[] out = new byte[pixels];
        readFrame(frameNumber, out, 0);
        return out;
    }

    /** Like {@link #readFrame(int)} into {@code dst} from {@code offset} (rows*columns bytes). */
    public void readFrame(int frameNumber, byte[] dst, int offset) throws SegReadException {
        readInto(frameNumber, dst, offset, false);
    }

    /**
     * Reads a frame into a region of {@code dst} that is already all zeros, writing nothing when
     * the frame is empty: the fast path for building volumes of mostly empty planes.
     *
     * @return true when the frame had a nonzero pixel
     */
    public boolean readFrameIntoZeroed(int frameNumber, byte[] dst, int offset) throws SegReadException {
        return readInto(frameNumber, dst, offset, true);
    }

    /**
     * Reads a frame like {@link #readFrame(int)} into a new array, or returns null when every pixel
     * is 0, without allocating: SEGs are mostly empty, and a volume of planes need not hold arrays
     * for empty ones.
     */
    public synchronized byte[] readFrameUnlessEmpty(int frameNumber) throws SegReadException {
        if (metadata.bitsAllocated == 16) {
            throw new IllegalStateException("16-bit label map: use readFrameShorts");
        }
        return unpackUnlessEmpty(raw(frameNumber));
    }

    /**
     * {@link #readFrameUnlessEmpty} for many frames, decoded on up to {@code threads} threads
     * (each with its own buffers; reads are positional, so they do not contend). Entry i of the
     * result is frame {@code frameNumbers[i]}, or null when that frame is empty.
     *
     * @param threads 1 for the calling thread only; values above the processor count are capped
     */
    public byte[][] readFramesUnlessEmpty(int[] frameNumbers, int threads) throws SegReadException {
        if (metadata.bitsAllocated == 16) {
            throw new IllegalStateException("16-bit label map: use readFrameShorts");
        }
        for (int f : frameNumbers) checkFrame(f);
        byte[][] out = new byte[frameNumbers.length][];
        int t = Math.max(1, Math.min(Math.min(threads, Runtime.getRuntime().availableProcessors()), frameNumbers.length / 8));
        if (t == 1) {
            for (int i = 0; i < frameNumbers.length; i++) out[i] = readFrameUnlessEmpty(frameNumbers[i]);
            return out;
        }
        if (closed) throw new IllegalStateException("reader is closed");
        java.util.concurrent.atomic.AtomicReference<SegReadException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong decoded = new java.util.concurrent.atomic.AtomicLong();
        Thread[] workers = new Thread[t];
        for (int w = 0; w < t; w++) {
            int from = (int) ((long) frameNumbers.length * w / t), to = (int) ((long) frameNumbers.length * (w + 1) / t);
            FrameStore own = store.copy();
            workers[w] = new Thread(() -> {
                for (int i = from; i < to && failure.get() == null; i++) {
                    try {
                        out[i] = unpackUnlessEmpty(decode(own, frameNumbers[i]));
                        decoded.incrementAndGet();
                    } catch (SegReadException e) {
                        failure.compareAndSet(null, e);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, new SegReadException(file, frameNumbers[i], "cannot decode: " + e, e));
                    }
                }
            }, "dicomseg-frame-decoder-" + w);
            workers[w].start();
        }
        try {
            for (Thread w : workers) w.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SegReadException(file, "interrupted while reading frames", e);
        }
        synchronized (this) {
            framesRead += decoded.get();
        }
        if (failure.get() != null) throw failure.get();
        return out;
    }

    private byte[] unpackUnlessEmpty(FrameStore.Raw raw) {
        byte[] d = raw.data;
        if (raw.kind == FrameStore.Kind.PACKED_BITS) {
            if (!anyBitSet(d, raw.bitOffset, pixels)) return null;
            byte[] out = new byte[pixels];
            BitPacking.unpack(d, raw.bitOffset, out, 0, pixels);
            return out;
        }
        int i = 0;
        while (i < pixels && d[i] == 0) i++;
        if (i == pixels) return null;
        return Arrays.copyOf(d, pixels);
    }

    /** True when one of {@code count} bits from {@code bitOffset} is set (stops at the first). */
    private static boolean anyBitSet(byte[] d, long bitOffset, int count) {
        long end = bitOffset + count;
        long firstWhole = (bitOffset + 7) & ~7L;
        long lastWhole = end & ~7L;
        if (firstWhole >= lastWhole) return BitPacking.countOnes(d, bitOffset, count) > 0;
        if (BitPacking.countOnes(d, bitOffset, firstWhole - bitOffset) > 0) return true;
        for (int b = (int) (firstWhole >>> 3), e = (int) (lastWhole >>> 3); b < e; b++) {
            if (d[b] != 0) return true;
        }
        return BitPacking.countOnes(d, lastWhole, end - lastWhole) > 0;
    }

    /** Reads frame {@code frameNumber} as unsigned 16-bit values (any bit depth). */
    public short[] readFrameShorts(int frameNumber) throws SegReadException {
        short[] out = new short[pixels];
        readFrame(frameNumber, out, 0);
        return out;
    }

    /** Like {@link #readFrameShorts(int)} into {@code dst} from {@code offset}. */
    public synchronized void readFrame(int frameNumber, short[] dst, int offset) throws SegReadException {
        FrameStore.Raw raw = raw(frameNumber);
        byte[] d = raw.data;
        switch (raw.kind) {
            case PACKED_BITS: {
                byte[] tmp = new byte[pixels];
                BitPacking.unpack(d, raw.bitOffset, tmp, 0, pixels);
                for (int i = 0; i < pixels; i++) dst[offset + i] = tmp[i];
                break;
            }
            case BYTES:
                for (int i = 0; i < pixels; i++) dst[offset + i] = (short) (d[i] & 0xFF);
                break;
            default:
                for (int i = 0, j = 0; i < pixels; i++, j += 2) dst[offset + i] = (short) ((d[j] & 0xFF) | (d[j + 1] & 0xFF) << 8);
        }
    }

    private synchronized boolean readInto(int frameNumber, byte[] dst, int offset, boolean zeroed) throws SegReadException {
        if (metadata.bitsAllocated == 16) {
            throw new IllegalStateException("16-bit label map: use readFrameShorts");
        }
        FrameStore.Raw raw = raw(frameNumber);
        byte[] d = raw.data;
        if (raw.kind == FrameStore.Kind.PACKED_BITS) {
            if (zeroed && !anyBitSet(d, raw.bitOffset, pixels)) return false;
            BitPacking.unpack(d, raw.bitOffset, dst, offset, pixels);
            return true;
        }
        if (zeroed) {
            int i = 0;
            while (i < pixels && d[i] == 0) i++;
            if (i == pixels) return false;
        }
        System.arraycopy(d, 0, dst, offset, pixels);
        return true;
    }

    private FrameStore.Raw raw(int frameNumber) throws SegReadException {
        checkFrame(frameNumber);
        if (closed) throw new IllegalStateException("reader is closed");
        FrameStore.Raw r = decode(store, frameNumber);
        framesRead++;
        return r;
    }

    private FrameStore.Raw decode(FrameStore s, int frameNumber) throws SegReadException {
        try {
            return s.raw(frameNumber - 1);
        } catch (CorruptPixelDataException e) {
            throw new SegReadException(file, frameNumber, "corrupt pixel data: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new SegReadException(file, frameNumber, "the file is truncated: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SegReadException(file, frameNumber, "cannot read pixel data: " + e.getMessage(), e);
        }
    }

    /**
     * A cursor over the frames with buffers of its own, for decoding on another thread or straight
     * into the caller's arrays ({@link FrameCursor}); its reads count in {@link #framesRead()}.
     */
    public FrameCursor cursor() {
        if (closed) throw new IllegalStateException("reader is closed");
        return new FrameCursor(this, store.copy());
    }

    /** {@link FrameCursor#read}: like {@link #raw} on the cursor's store, 8-bit RLE and JPEG-LS frames left encoded. */
    FrameStore.Raw readForCursor(FrameStore s, int frameNumber) throws SegReadException {
        checkFrame(frameNumber);
        if (closed) throw new IllegalStateException("reader is closed");
        FrameStore.Raw r;
        try {
            r = s.rawOrRle8(frameNumber - 1);
        } catch (CorruptPixelDataException e) {
            throw new SegReadException(file, frameNumber, "corrupt pixel data: " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new SegReadException(file, frameNumber, "the file is truncated: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SegReadException(file, frameNumber, "cannot read pixel data: " + e.getMessage(), e);
        }
        synchronized (this) {
            framesRead++;
        }
        return r;
    }

    private void checkFrame(int frameNumber) {
        if (frameNumber < 1 || frameNumber > metadata.numberOfFrames) {
            throw new IllegalArgumentException("Frame number " + frameNumber + " is outside 1.." + metadata.numberOfFrames);
        }
    }

    /** Frames decoded since the reader was opened (or since {@link #resetFramesRead()}). */
    public synchronized long framesRead() { return framesRead; }

    /** Resets {@link #framesRead()} to 0. */
    public synchronized void resetFramesRead() { framesRead = 0; }

    /**
     * Number of pixels of each segment, in Segment Sequence order: for BINARY and FRACTIONAL the
     * nonzero stored pixels over the frames of the segment; for LABELMAP the pixels whose value is
     * the segment number. Reads every frame once (then cached), on all processors when there are
     * many frames (each thread with its own buffers; W3's 7,854 BINARY frames, 262 MB).
     */
    public synchronized Map<Integer, Long> segmentPixelCounts() throws SegReadException {
        if (pixelCounts != null) return pixelCounts;
        if (closed) throw new IllegalStateException("reader is closed");
        boolean labelMap = metadata.segmentationType == SegmentationType.LABELMAP;
        int t = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), frames.size() / COUNT_FRAMES_PER_THREAD));
        long[][] parts = new long[t][];
        if (t == 1) {
            parts[0] = countFrames(store, 0, frames.size(), labelMap);
        } else {
            java.util.concurrent.atomic.AtomicReference<SegReadException> failure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread[] workers = new Thread[t - 1];
            for (int w = 1; w < t; w++) {
                int k = w, from = (int) ((long) frames.size() * w / t), to = (int) ((long) frames.size() * (w + 1) / t);
                FrameStore own = store.copy();
                workers[w - 1] = new Thread(() -> {
                    try {
                        parts[k] = countFrames(own, from, to, labelMap);
                    } catch (SegReadException e) {
                        failure.compareAndSet(null, e);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, new SegReadException(file, "cannot count the segments' pixels: " + e, e));
                    }
                }, "dicomseg-pixel-count-" + w);
                workers[w - 1].start();
            }
            try {
                parts[0] = countFrames(store, 0, (int) ((long) frames.size() / t), labelMap);
            } finally {
                boolean interrupted = false;
                for (Thread w : workers) {
                    while (true) {
                        try {
                            w.join();
                            break;
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                }
                if (interrupted) Thread.currentThread().interrupt();
            }
            if (failure.get() != null) throw failure.get();
        }
        framesRead += frames.size();
        long[] sum = new long[parts[0].length];
        for (long[] p : parts) for (int i = 0; i < sum.length; i++) sum[i] += p[i];
        LinkedHashMap<Integer, Long> counts = new LinkedHashMap<>();
        for (Integer n : segments.keySet()) counts.put(n, n >= 0 && n < sum.length ? sum[n] : 0L);
        pixelCounts = Collections.unmodifiableMap(counts);
        return pixelCounts;
    }

    /** Below this many frames per thread, {@link #segmentPixelCounts} counts on the calling thread only. */
    private static final int COUNT_FRAMES_PER_THREAD = 64;

    /**
     * The counts of frames {@code [from, to)} of {@link #frames} read through {@code s}, indexed by
     * segment number (BINARY, FRACTIONAL: by the frame's Referenced Segment Number) or by stored
     * value (LABELMAP: a histogram).
     */
    private long[] countFrames(FrameStore s, int from, int to, boolean labelMap) throws SegReadException {
        int maxSegment = 0;
        for (Integer n : segments.keySet()) maxSegment = Math.max(maxSegment, n);
        long[] counts = new long[labelMap ? (metadata.bitsAllocated == 16 ? 65536 : 256) : maxSegment + 1];
        for (int k = from; k < to; k++) {
            FrameInfo f = frames.get(k);
            FrameStore.Raw raw = decode(s, f.frameNumber());
            byte[] d = raw.data;
            if (labelMap) {
                if (raw.kind == FrameStore.Kind.LE16) {
                    for (int i = 0, j = 0; i < pixels; i++, j += 2) counts[(d[j] & 0xFF) | (d[j + 1] & 0xFF) << 8]++;
                } else {
                    for (int i = 0; i < pixels; i++) counts[d[i] & 0xFF]++;
                }
                continue;
            }
            long n;
            if (raw.kind == FrameStore.Kind.PACKED_BITS) {
                n = BitPacking.countOnes(d, raw.bitOffset, pixels);
            } else {
                n = 0;
                for (int i = 0; i < pixels; i++) if (d[i] != 0) n++;
            }
            int seg = f.referencedSegmentNumber();
            if (seg >= 0 && seg < counts.length) counts[seg] += n;
        }
        return counts; // framesRead: added by the caller, which holds this reader's lock
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) return;
        closed = true;
        seg.close();
    }

    @Override public String toString() {
        return "SegmentationReader[" + file.getFileName() + ", " + metadata.segmentationType + ", "
                + segments.size() + " segments, " + metadata.numberOfFrames + " frames " + metadata.rows + "x"
                + metadata.columns + ", " + metadata.transferSyntax.displayName() + "]";
    }

}
