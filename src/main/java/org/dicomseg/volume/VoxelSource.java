package org.dicomseg.volume;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The voxel bytes of a volume, one chunk at a time: a chunk is one i×j plane of one component (or,
 * when the components are the fastest axis, one i×j plane of all of them), the unit in which the
 * formats store voxels contiguously. Raw data are read where they lie (positional reads, any
 * order, several threads). Gzip data are inflated once, as a stream, forward, each chunk also
 * copied to a temporary file; the first time a chunk behind the stream is asked for (a second pass
 * of the writer, or a volume stored in the opposite slice order to the sources'), the rest is
 * inflated into that file, which is read like raw data afterwards and deleted on {@link #close()}.
 * Memory: one chunk, never the volume; disk: the inflated data, at most once.
 */
final class VoxelSource implements Closeable {
    private static final int BUFFER = 1 << 16;

    private final VolumeHeader header;
    private final int chunkBytes;
    private final int chunks;
    private final long rawOffset;
    private FileChannel channel;   // raw data, or the spooled inflated data
    private InputStream stream;    // gzip, forward
    private OutputStream spoolOut; // the inflated chunks so far, in order (gzip)
    private long nextChunk;
    private Path spool;

    VoxelSource(VolumeHeader header) throws VolumeFormatException {
        this.header = header;
        boolean fastest = header.componentsFastest() && header.components() > 1;
        this.chunkBytes = (int) (header.planeBytes() * (fastest ? header.components() : 1));
        this.chunks = fastest ? header.size(2) : header.size(2) * header.components();
        try {
            if (header.gzip()) {
                rawOffset = 0;
                openStream();
            } else {
                long size = Files.size(header.dataFile());
                rawOffset = header.dataOffset() >= 0 ? header.streamOffset() + header.dataOffset() : size - header.dataBytes();
                channel = FileChannel.open(header.dataFile(), StandardOpenOption.READ);
            }
        } catch (IOException e) {
            throw new VolumeFormatException(header.name() + ": cannot read its voxels (" + why(e) + ")", e);
        }
    }

    /** Bytes of one chunk. */
    int chunkBytes() { return chunkBytes; }

    /** Number of chunks. */
    int chunks() { return chunks; }

    /**
     * Reads chunk {@code index} into {@code dst} (at least {@link #chunkBytes()} long). Failures
     * (truncated or corrupt data) are {@link UncheckedIOException}s whose message names the file.
     */
    void read(int index, byte[] dst) {
        if (index < 0 || index >= chunks) throw new IndexOutOfBoundsException("chunk " + index + " of " + chunks);
        try {
            FileChannel ch;
            synchronized (this) {
                if (channel == null && index < nextChunk) spoolRest();
                ch = channel;
                if (ch == null) {
                    while (nextChunk < index) {
                        fill(stream, dst, (int) nextChunk);
                        tee(dst);
                        nextChunk++;
                    }
                    fill(stream, dst, index);
                    tee(dst);
                    nextChunk = index + 1L;
                    return;
                }
            }
            ByteBuffer bb = ByteBuffer.wrap(dst, 0, chunkBytes);
            long at = rawOffset + (long) index * chunkBytes;
            while (bb.hasRemaining()) {
                int n = ch.read(bb, at + bb.position());
                if (n < 0) throw new EOFException();
            }
        } catch (EOFException e) {
            throw new UncheckedIOException(header.name() + ": the voxel data end early, in plane " + index + " of " + chunks
                    + " (truncated file, or a header that lies about sizes)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(header.name() + ": cannot read plane " + index + " (" + why(e) + ")", e);
        }
    }

    private void fill(InputStream in, byte[] dst, int index) throws IOException {
        int n = in.readNBytes(dst, 0, chunkBytes);
        if (n < chunkBytes) throw new EOFException("plane " + index);
    }

    private void openStream() throws IOException {
        if (stream != null) stream.close();
        stream = open(header.dataFile(), header.streamOffset(), true);
        stream.skipNBytes(header.dataOffset());
        nextChunk = 0;
    }

    /**
     * Copies a chunk just inflated (in stream order) to the temporary file, so that a second pass
     * (the writer reads a label map more than once) reads it without inflating the data again.
     */
    private void tee(byte[] chunk) throws IOException {
        if (spoolOut == null) {
            spool = Files.createTempFile("dicomseg-volume-", ".raw");
            spoolOut = new BufferedOutputStream(Files.newOutputStream(spool), BUFFER);
        }
        spoolOut.write(chunk, 0, chunkBytes);
    }

    /** Inflates the rest into the temporary file and reads from it from now on. */
    private void spoolRest() throws IOException {
        byte[] buf = new byte[chunkBytes];
        while (nextChunk < chunks) {
            fill(stream, buf, (int) nextChunk);
            tee(buf);
            nextChunk++;
        }
        spoolOut.close();
        spoolOut = null;
        stream.close();
        stream = null;
        channel = FileChannel.open(spool, StandardOpenOption.READ);
    }

    @Override public synchronized void close() throws IOException {
        try {
            if (stream != null) stream.close();
            if (spoolOut != null) spoolOut.close();
            if (channel != null) channel.close();
        } finally {
            stream = null;
            spoolOut = null;
            channel = null;
            if (spool != null) Files.deleteIfExists(spool);
            spool = null;
        }
    }

    /** The bytes of {@code file}, inflated when {@code gzip}. */
    static InputStream open(Path file, boolean gzip) throws IOException {
        return open(file, 0, gzip);
    }

    /** The bytes of {@code file} from {@code offset} on, inflated when {@code gzip}. */
    static InputStream open(Path file, long offset, boolean gzip) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(offset);
            return gzip ? new GZIPInputStream(in, BUFFER) : new BufferedInputStream(in, BUFFER);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /** A short reason for an I/O failure, for one-line messages. */
    static String why(IOException e) {
        if (e instanceof EOFException) return "the data end early: truncated file";
        if (e instanceof ZipException) return "corrupt gzip data: " + e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file " + e.getMessage();
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /**
     * Refuses, before anything is allocated, a header whose sizes cannot be true: planes too large
     * for one array, or (raw data) more voxel bytes than the file holds after the offset.
     */
    static void checkSizes(VolumeHeader h, long fileSize) throws VolumeFormatException {
        long plane = h.planeBytes() * (h.componentsFastest() ? h.components() : 1);
        if (plane > Integer.MAX_VALUE - 64) {
            throw new VolumeFormatException(h.name() + ": one plane of " + h.size(0) + " x " + h.size(1) + " voxels ("
                    + plane + " bytes) is larger than this reader's limit of 2 GiB");
        }
        long total = h.dataBytes();
        if (total / Math.max(1, plane) > Integer.MAX_VALUE) {
            throw new VolumeFormatException(h.name() + ": " + h.size(2) + " planes x " + h.components() + " components is too many");
        }
        if (h.gzip()) return;
        long available;
        try {
            available = h.dataFile().equals(h.file()) ? fileSize : Files.size(h.dataFile());
        } catch (IOException e) {
            throw new VolumeFormatException(h.name() + ": cannot read its data file " + h.dataFile().getFileName() + " (" + why(e) + ")", e);
        }
        long offset = h.dataOffset() >= 0 ? h.streamOffset() + h.dataOffset() : 0;
        if (offset + total > available) {
            throw new VolumeFormatException(h.name() + ": the header says " + h.size(0) + " x " + h.size(1) + " x " + h.size(2)
                    + (h.components() > 1 ? " x " + h.components() : "") + " voxels of " + h.type() + " (" + total
                    + " bytes from offset " + offset + ") but " + (h.dataFile().equals(h.file()) ? "the file" : h.dataFile().getFileName())
                    + " has " + available + " bytes");
        }
    }
}
