package org.dicomseg.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

import org.dicomseg.dicom.DataSetWalker;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.task.SessionLru;

/**
 * The parsed headers of the Segmentation files opened in this session (a running ImageJ importing
 * the same SEG again), so that a repeat {@link SegmentationFile#open} does not parse the header and
 * the Per-frame Functional Groups again (W1: a tenth of a warm label image import).
 *
 * <p>What is parsed depends only on the bytes before Pixel Data (PS3.10 File Meta and the data set
 * up to the (7FE0,0010) element header); so an entry is used only when those bytes are, byte for
 * byte, the ones it was parsed from, and the file has the same size — checked on every open by
 * reading them again (a few hundred KB, from the page cache), never by modification time alone: a
 * SEG rewritten in place with the same size in the same clock tick is still noticed. Where the
 * frames lie is found again on every open (Pixel Data's offset table and fragments for
 * encapsulated syntaxes), and frames are always read from the file. Only files of a native or
 * encapsulated little-endian syntax whose per-frame groups the fast parser read are kept (not
 * deflated data sets, which are inflated to a temporary copy).</p>
 *
 * <p>Thread-safe; at most {@value #CAPACITY} files, {@value #MAX_HEADER_BYTES} header bytes each and
 * {@value #MAX_TOTAL_BYTES} in all.</p>
 */
final class SegHeaderCache {
    static final int CAPACITY = 8;
    /** Headers larger than this (a slide SEG of hundreds of thousands of tiles) are not kept. */
    static final int MAX_HEADER_BYTES = 32 << 20;
    /** Header bytes kept in all (the parsed frame index grows with them): least recently used files dropped beyond this. */
    static final long MAX_TOTAL_BYTES = 64L << 20;
    private static final SegHeaderCache SHARED = new SegHeaderCache();

    /** Weighed by header bytes ({@link #MAX_HEADER_BYTES} &lt; {@link #MAX_TOTAL_BYTES}: every file kept fits on its own). */
    private final SessionLru<Path, Parsed> entries = SessionLru.of(CAPACITY, MAX_TOTAL_BYTES, p -> p.header.length);

    static SegHeaderCache shared() { return SHARED; }

    /** What {@link SegmentationFile#open} parsed from one version of a file. */
    static final class Parsed {
        final byte[] header;               // bytes 0 .. Pixel Data's value offset
        final long size;
        final SegmentationMetadata metadata;
        final LinkedHashMap<Integer, SegmentDescription> segments;
        final List<FrameInfo> frames;
        final DataSetWalker.Location location;
        final boolean direct;

        Parsed(byte[] header, long size, SegmentationMetadata metadata, LinkedHashMap<Integer, SegmentDescription> segments,
                List<FrameInfo> frames, DataSetWalker.Location location, boolean direct) {
            this.header = header;
            this.size = size;
            this.metadata = metadata;
            this.segments = segments;
            this.frames = frames;
            this.location = location;
            this.direct = direct;
        }
    }

    /** Files answered from the cache (for tests). */
    long hits() { return entries.hits(); }

    /** Opens that parsed the header. */
    long misses() { return entries.misses(); }

    /** Forgets everything (for tests). */
    void clear() { entries.clear(); }

    /** What was parsed from {@code file} when its bytes before Pixel Data are still those, read now through {@code channel}; else null. */
    Parsed find(Path file, FileChannel channel) {
        Path key = file.toAbsolutePath().normalize();
        Parsed p = entries.get(key);
        boolean same = false;
        if (p != null) {
            try {
                same = channel.size() == p.size && Arrays.equals(p.header, headerBytes(channel, p.header.length));
            } catch (IOException e) {
                same = false;
            }
        }
        synchronized (this) {
            if (same) {
                entries.hit();
                return p;
            }
            entries.miss();
            if (p != null) entries.remove(key, p);
            return null;
        }
    }

    /** Keeps what was parsed from {@code header} (the bytes before Pixel Data, read before parsing) when they are still the file's. */
    void remember(Path file, FileChannel channel, byte[] header, Parsed parsed) {
        try {
            if (channel.size() != parsed.size || !Arrays.equals(header, headerBytes(channel, header.length))) return;
        } catch (IOException e) {
            return;
        }
        entries.put(file.toAbsolutePath().normalize(), parsed);
    }

    /** The first {@code n} bytes of the file. */
    static byte[] headerBytes(FileChannel channel, int n) throws IOException {
        byte[] b = new byte[n];
        ByteBuffer buf = ByteBuffer.wrap(b);
        long pos = 0;
        while (buf.hasRemaining()) {
            int k = channel.read(buf, pos);
            if (k < 0) throw new IOException("the file ends after " + pos + " bytes");
            pos += k;
        }
        return b;
    }
}
