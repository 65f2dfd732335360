package org.dicomseg.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Positional reads from a file with a small window buffer, for walking element headers (PS3.5
 * 7.1) and fragment item headers (PS3.5 A.4), and for the few short values a reader of the
 * Per-frame Functional Groups Sequence (5200,9230) needs. Every read is checked against
 * the file size first, so a lying length gives an {@link EOFException}, never a large allocation.
 * Not thread-safe; the reader serialises access.
 */
public final class ChannelReader implements ElementBytes {
    private static final int WINDOW = 64 * 1024;

    private final FileChannel channel;
    private final long size;
    private final byte[] window = new byte[WINDOW];
    private long windowStart = -1;
    private int windowLength;

    public ChannelReader(FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    @Override
    public long size() { return size; }

    @Override
    public byte[] bytes() { return window; }

    @Override
    public int at(long pos, int n) throws IOException {
        ensure(pos, n);
        return (int) (pos - windowStart);
    }

    private void ensure(long pos, int n) throws IOException {
        if (pos < 0 || pos + n > size) {
            throw new EOFException("read of " + n + " bytes at offset " + pos + " is past the end of the file (" + size + " bytes)");
        }
        if (windowStart >= 0 && pos >= windowStart && pos + n <= windowStart + windowLength) return;
        windowStart = pos;
        windowLength = (int) Math.min(WINDOW, size - pos);
        readFully(pos, window, 0, windowLength);
    }

    int u8(long pos) throws IOException {
        ensure(pos, 1);
        return window[(int) (pos - windowStart)] & 0xFF;
    }

    int u16(long pos, boolean bigEndian) throws IOException {
        ensure(pos, 2);
        int i = (int) (pos - windowStart);
        int a = window[i] & 0xFF, b = window[i + 1] & 0xFF;
        return bigEndian ? (a << 8) | b : a | (b << 8);
    }

    public long u32(long pos, boolean bigEndian) throws IOException {
        ensure(pos, 4);
        int i = (int) (pos - windowStart);
        long a = window[i] & 0xFF, b = window[i + 1] & 0xFF, c = window[i + 2] & 0xFF, d = window[i + 3] & 0xFF;
        return bigEndian ? (a << 24) | (b << 16) | (c << 8) | d : a | (b << 8) | (c << 16) | (d << 24);
    }

    /**
     * Copies {@code len} bytes at {@code pos} into {@code dst} through the window (for the short
     * values of element headers' neighbours: no system call per value); long reads go straight
     * to the file.
     */
    public void copy(long pos, byte[] dst, int off, int len) throws IOException {
        if (len > WINDOW) {
            readFully(pos, dst, off, len);
            return;
        }
        ensure(pos, len);
        System.arraycopy(window, (int) (pos - windowStart), dst, off, len);
    }

    /** Reads exactly {@code len} bytes at {@code pos}, bypassing the window. */
    public void readFully(long pos, byte[] dst, int off, int len) throws IOException {
        if (pos < 0 || pos + len > size) {
            throw new EOFException("read of " + len + " bytes at offset " + pos + " is past the end of the file (" + size + " bytes)");
        }
        ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
        long p = pos;
        while (bb.hasRemaining()) {
            int n = channel.read(bb, p);
            if (n < 0) throw new EOFException("unexpected end of file at offset " + p);
            p += n;
        }
    }
}
