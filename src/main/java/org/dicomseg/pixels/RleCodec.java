package org.dicomseg.pixels;

/**
 * RLE Lossless (transfer syntax 1.2.840.10008.1.2.5), PS3.5 Annex G: a 64-byte header of up to
 * 15 segment offsets followed by PackBits-compressed segments, one per byte plane, most
 * significant byte first. This is the project's only RLE implementation, for both directions, and
 * it handles 1-bit frames (one segment holding the frame's bits packed LSB-first, byte aligned),
 * which PixelMed cannot.
 */
public final class RleCodec {
    private RleCodec() { }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    /** 0x01 in every byte. */
    private static final long ONES = 0x0101010101010101L;
    /** 0x80 in every byte. */
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Encodes one frame.
     *
     * @param frame     the frame's bytes in native little-endian order: packed bits for 1-bit,
     *                  one byte per pixel for 8-bit, two bytes per pixel (LE) for 16-bit
     * @param bytesPerSample 1 for 1- and 8-bit data, 2 for 16-bit data
     * @param length    number of bytes of {@code frame} to encode
     */
    public static byte[] encode(byte[] frame, int length, int bytesPerSample) {
        byte[] out = new byte[maxEncodedLength(length, bytesPerSample)];
        return java.util.Arrays.copyOf(out, encode(frame, length, bytesPerSample, out, null));
    }

    /**
     * Bytes {@link #encode(byte[], int, int, byte[], byte[])} may need for a frame of
     * {@code length} bytes: the header and per segment at most 4/3 of its bytes, plus the padding.
     * (A literal run of L &lt; 128 bytes, L + 1 encoded, ends where a replicate run of at least 2
     * bytes, 2 encoded, starts: L + 3 for L + 2 or more; a literal of 128 takes 129; a last literal
     * one byte more; a replicate run alone at most its length.)
     */
    public static int maxEncodedLength(int length, int bytesPerSample) {
        int samples = length / bytesPerSample;
        return 64 + bytesPerSample * (samples + samples / 3 + 3);
    }

    /**
     * {@link #encode(byte[], int, int)} into a caller's buffer, so an encoder can reuse it from
     * frame to frame: the same bytes, in {@code out[0 .. returned length)}.
     *
     * @param out   at least {@link #maxEncodedLength} bytes
     * @param plane scratch of at least {@code length / bytesPerSample} bytes for 16-bit data, or null
     *              (then allocated when needed)
     * @return the encoded length
     */
    public static int encode(byte[] frame, int length, int bytesPerSample, byte[] out, byte[] plane) {
        if (bytesPerSample < 1 || bytesPerSample > 4) {
            throw new IllegalArgumentException("RLE: unsupported bytes per sample " + bytesPerSample);
        }
        int samples = length / bytesPerSample;
        java.util.Arrays.fill(out, 0, 64, (byte) 0);
        writeIntLe(out, 0, bytesPerSample);
        int pos = 64;
        if (bytesPerSample == 1) {
            writeIntLe(out, 4, pos);
            pos = packBits(frame, length, out, pos);
            if ((pos & 1) != 0) out[pos++] = 0; // segments are even length
            return pos;
        }
        if (plane == null || plane.length < samples) plane = new byte[samples];
        for (int seg = 0; seg < bytesPerSample; seg++) {
            writeIntLe(out, 4 + 4 * seg, pos);
            int byteIndex = bytesPerSample - 1 - seg; // most significant byte first
            for (int i = 0; i < samples; i++) plane[i] = frame[i * bytesPerSample + byteIndex];
            pos = packBits(plane, samples, out, pos);
            if ((pos & 1) != 0) out[pos++] = 0;
        }
        return pos;
    }

    /**
     * PackBits (PS3.5 G.3.1) of {@code src[0 .. n)} into {@code dst} from {@code pos}; returns the
     * new position. A run of at least 2 equal bytes becomes a replicate run (up to 128); other bytes
     * form literal runs that end where two equal bytes start or at 128 bytes. Runs and their ends are
     * found eight bytes at a time (SWAR on little-endian words).
     */
    static int packBits(byte[] src, int n, byte[] dst, int pos) {
        int i = 0;
        while (i < n) {
            int run = runLength(src, i, n - i);
            if (run >= 2) {
                // A run longer than 128 bytes is 128-byte replicate runs and what is left over, which
                // is a shorter replicate run or (one byte) the start of a literal, as if encoded 128 at a time.
                byte v = src[i];
                for (; run >= 128; run -= 128, i += 128) {
                    dst[pos++] = (byte) -127;
                    dst[pos++] = v;
                }
                if (run >= 2) {
                    dst[pos++] = (byte) (1 - run);
                    dst[pos++] = v;
                    i += run;
                }
                continue;
            }
            int len = literalLength(src, i, n, Math.min(i + 128, n));
            dst[pos++] = (byte) (len - 1);
            System.arraycopy(src, i, dst, pos, len);
            pos += len;
            i += len;
        }
        return pos;
    }

    /** Number of bytes from {@code i} equal to {@code src[i]}, at most {@code limit} (bytes i .. i+limit-1 exist). */
    private static int runLength(byte[] src, int i, int limit) {
        if (limit > 64) {
            // Where the array first differs from itself shifted by one (a vectorised intrinsic): the run's end.
            int k = java.util.Arrays.mismatch(src, i + 1, i + limit, src, i, i + limit - 1);
            return k < 0 ? limit : k + 1;
        }
        long v = (src[i] & 0xFFL) * ONES;
        int r = 1;
        while (r + 8 <= limit) {
            long x = (long) LONGS.get(src, i + r) ^ v;
            if (x != 0) return r + (Long.numberOfTrailingZeros(x) >>> 3);
            r += 8;
        }
        byte b = src[i];
        while (r < limit && src[i + r] == b) r++;
        return r;
    }

    /**
     * Length of the literal run starting at {@code start}: up to the first {@code j} with
     * {@code src[j] == src[j + 1]} ({@code j + 1 < n}), at most {@code end - start}.
     */
    private static int literalLength(byte[] src, int start, int n, int end) {
        int j = start;
        while (j < end && j + 9 <= n) {
            long d = (long) LONGS.get(src, j) ^ (long) LONGS.get(src, j + 1);
            long zero = (d - ONES) & ~d & HIGHS; // lowest set flag = first zero byte (exact)
            if (zero != 0) return Math.min(j + (Long.numberOfTrailingZeros(zero) >>> 3), end) - start;
            j += 8;
        }
        while (j < end) {
            if (j + 1 < n && src[j] == src[j + 1]) break;
            j++;
        }
        return j - start;
    }

    /**
     * Decodes one frame into {@code out} (native little-endian order: packed bits for 1-bit, one
     * byte per pixel for 8-bit, LE pairs for 16-bit).
     *
     * @param expectedBytes bytes the decoded frame must have (rows*cols*bytesPerSample, or the
     *                      packed length for 1-bit)
     * @throws CorruptPixelDataException when the header or a segment is inconsistent
     */
    public static byte[] decode(byte[] data, int bytesPerSample, int expectedBytes) {
        return decode(data, data.length, bytesPerSample, new byte[expectedBytes], expectedBytes);
    }

    /**
     * Like {@link #decode(byte[], int, int)} but reads only the first {@code dataLength} bytes of
     * {@code data} and decodes into {@code out} (at least {@code expectedBytes} long), so readers can
     * reuse both buffers from frame to frame.
     *
     * @return {@code out}
     */
    public static byte[] decode(byte[] data, int dataLength, int bytesPerSample, byte[] out, int expectedBytes) {
        if (dataLength < 64) throw new CorruptPixelDataException("RLE frame shorter than its 64-byte header");
        int segments = readIntLe(data, 0);
        if (segments != bytesPerSample) {
            throw new CorruptPixelDataException("RLE header has " + segments + " segments, expected " + bytesPerSample);
        }
        int samples = expectedBytes / bytesPerSample;
        byte[] plane = bytesPerSample == 1 ? out : new byte[samples];
        for (int seg = 0; seg < segments; seg++) {
            int start = readIntLe(data, 4 + 4 * seg);
            int end = seg + 1 < segments ? readIntLe(data, 8 + 4 * seg) : dataLength;
            if (start < 64 || start > dataLength || end < start || end > dataLength) {
                throw new CorruptPixelDataException("RLE segment " + (seg + 1) + " offset " + start + " is out of range");
            }
            unpackBits(data, start, end, plane, samples, seg + 1);
            if (bytesPerSample > 1) {
                int byteIndex = bytesPerSample - 1 - seg;
                for (int i = 0; i < samples; i++) out[i * bytesPerSample + byteIndex] = plane[i];
            }
        }
        return out;
    }

    /**
     * Receives the decoded bytes of a one-segment RLE frame run by run, in order, without the frame
     * ever being materialised: {@link #decodeRuns}.
     */
    public interface RunSink {
        /** Bytes {@code offset .. offset+length-1} of the frame all have the value {@code value}. */
        void fill(int offset, int length, byte value);

        /** Bytes {@code offset .. offset+length-1} of the frame are {@code src[srcOffset ..]}. */
        void literal(int offset, byte[] src, int srcOffset, int length);
    }

    /**
     * Decodes a frame of one RLE segment (1- or 8-bit data, PS3.5 G.3.1) run by run into
     * {@code sink}: replicate runs arrive as one {@link RunSink#fill}, literal runs as one
     * {@link RunSink#literal}, together covering bytes 0 .. expectedBytes-1 exactly once, in
     * order. Same checks and errors as {@link #decode(byte[], int, int)}, which yields the same
     * bytes; a corrupt frame may have sent some runs before the exception.
     *
     * @param dataLength bytes of {@code data} that belong to the frame
     * @throws CorruptPixelDataException when the header or the segment is inconsistent
     */
    public static void decodeRuns(byte[] data, int dataLength, int expectedBytes, RunSink sink) {
        if (dataLength < 64) throw new CorruptPixelDataException("RLE frame shorter than its 64-byte header");
        int segments = readIntLe(data, 0);
        if (segments != 1) {
            throw new CorruptPixelDataException("RLE header has " + segments + " segments, expected 1");
        }
        int pos = readIntLe(data, 4);
        int end = dataLength;
        if (pos < 64 || pos > dataLength) {
            throw new CorruptPixelDataException("RLE segment 1 offset " + pos + " is out of range");
        }
        int n = expectedBytes;
        int o = 0;
        while (o < n && pos < end) {
            int h = data[pos++];
            if (h >= 0) {
                int len = h + 1;
                if (pos + len > end) throw new CorruptPixelDataException("RLE literal run past the end of its segment");
                if (len > n - o) throw overrun(1, o + len, n);
                sink.literal(o, data, pos, len);
                o += len;
                pos += len;
            } else if (h != -128) {
                int len = 1 - h;
                if (pos >= end) throw new CorruptPixelDataException("RLE replicate run past the end of its segment");
                if (len > n - o) throw overrun(1, o + len, n);
                byte v = data[pos++];
                sink.fill(o, len, v);
                o += len;
            }
        }
        if (o < n) {
            throw new CorruptPixelDataException("RLE segment decodes to " + o + " bytes, expected " + n);
        }
        checkNoMoreRuns(data, pos, end, 1, n);
    }

    /**
     * PackBits decoding of one segment (PS3.5 G.3.1) into exactly {@code n} bytes. A run that would
     * cross the end of the frame, or a whole run after it, is refused: cutting it to size would read
     * a frame the encoder did not write (a segment that decodes to more bytes than the frame holds is
     * as corrupt as one that decodes to fewer). Only a padding byte (G.3.1: segments are padded to an
     * even length) or no-op headers (-128) may follow the last run.
     */
    private static void unpackBits(byte[] src, int pos, int end, byte[] dst, int n, int segment) {
        int o = 0;
        while (o < n && pos < end) {
            int h = src[pos++];
            if (h >= 0) {
                int len = h + 1;
                if (pos + len > end) throw new CorruptPixelDataException("RLE literal run past the end of its segment");
                if (len > n - o) throw overrun(segment, o + len, n);
                System.arraycopy(src, pos, dst, o, len);
                o += len;
                pos += len;
            } else if (h != -128) {
                int len = 1 - h;
                if (pos >= end) throw new CorruptPixelDataException("RLE replicate run past the end of its segment");
                if (len > n - o) throw overrun(segment, o + len, n);
                byte v = src[pos++];
                java.util.Arrays.fill(dst, o, o + len, v);
                o += len;
            }
        }
        if (o < n) {
            throw new CorruptPixelDataException("RLE segment decodes to " + o + " bytes, expected " + n);
        }
        checkNoMoreRuns(src, pos, end, segment, n);
    }

    private static CorruptPixelDataException overrun(int segment, long atLeast, int n) {
        return new CorruptPixelDataException("RLE segment " + segment + " decodes to more bytes (at least " + atLeast
                + ") than the frame holds (" + n + ")");
    }

    /** After the frame's last byte: padding (one byte that forms no run) and no-op headers only. */
    private static void checkNoMoreRuns(byte[] src, int pos, int end, int segment, int n) {
        while (pos < end) {
            int h = src[pos++];
            if (h == -128) continue;
            int len = h >= 0 ? h + 1 : 1;
            if (pos + len > end) return; // an incomplete run: the padding byte(s) of an even-length segment
            throw overrun(segment, (long) n + (h >= 0 ? h + 1 : 1 - h), n);
        }
    }

    private static void writeIntLe(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    private static int readIntLe(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }
}
