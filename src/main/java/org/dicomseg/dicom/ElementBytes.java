package org.dicomseg.dicom;

import java.io.EOFException;
import java.io.IOException;

/**
 * Bytes that data element headers are read from (PS3.5 7.1): a file through {@link ChannelReader}'s
 * window, or a file's first bytes already in memory ({@link #of(byte[])}). {@link #at} makes a few bytes
 * at a file position readable in {@link #bytes()}, so a header is decoded from an array with no call per
 * byte (the source headers are walked before the JIT compiler has compiled anything: issue 19). A read
 * past the end throws {@link EOFException}, so a walker over a file's first bytes can tell "more bytes
 * are needed" from a malformed structure (any other {@link IOException}).
 */
public interface ElementBytes {
    /** How many bytes there are. */
    long size();

    /** The array {@link #at} indexes into (the same array for every call). */
    byte[] bytes();

    /**
     * Makes the {@code n} bytes (at most 64 KiB) at {@code pos} readable in {@link #bytes()}.
     *
     * @return the index of {@code pos} in {@link #bytes()}
     * @throws EOFException when they run past the end
     */
    int at(long pos, int n) throws IOException;

    /** The bytes of {@code b} (not copied). */
    static ElementBytes of(byte[] b) {
        return new ElementBytes() {
            @Override public long size() { return b.length; }

            @Override public byte[] bytes() { return b; }

            @Override public int at(long pos, int n) throws IOException {
                if (pos < 0 || pos + n > b.length) {
                    throw new EOFException("read of " + n + " bytes at offset " + pos + " is past the end of the " + b.length + " bytes");
                }
                return (int) pos;
            }
        };
    }

    /** The unsigned 16-bit value at index {@code i} of {@code b}. */
    static int u16(byte[] b, int i, boolean bigEndian) {
        int x = b[i] & 0xFF, y = b[i + 1] & 0xFF;
        return bigEndian ? (x << 8) | y : x | (y << 8);
    }

    /** The unsigned 32-bit value at index {@code i} of {@code b}. */
    static long u32(byte[] b, int i, boolean bigEndian) {
        long w = b[i] & 0xFF, x = b[i + 1] & 0xFF, y = b[i + 2] & 0xFF, z = b[i + 3] & 0xFF;
        return bigEndian ? (w << 24) | (x << 16) | (y << 8) | z : w | (x << 8) | (y << 16) | (z << 24);
    }
}
