package org.dicomseg.pixels;

/**
 * The one bit packer of the project: 1-bit pixel data as PS3.5 8.1.1 and 8.2 lay it out. Pixels
 * are packed least significant bit first; in native (unencapsulated) Pixel Data the bit stream is
 * continuous across frames, so a frame whose pixel count is not a multiple of 8 starts in the
 * middle of a byte. Encapsulated (RLE) frames each start on a byte boundary, bit offset 0.
 *
 * <p>Both directions work on a bit offset into a byte array, so one frame can be written into or
 * read out of a stream window without copying other frames.</p>
 */
public final class BitPacking {
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** UNPACKED[v]: the eight bits of v, LSB first, as eight 0/1 bytes of a little-endian long. */
    private static final long[] UNPACKED = new long[256];
    static {
        for (int v = 0; v < 256; v++) {
            long x = 0;
            for (int k = 0; k < 8; k++) if (((v >> k) & 1) != 0) x |= 1L << (8 * k);
            UNPACKED[v] = x;
        }
    }

    private BitPacking() { }

    /** 0x01 in every byte. */
    private static final long ONES = 0x0101010101010101L;
    /** 0x7F in every byte. */
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    /** Moves bit 8k (k = 0..7) of a word to bit 56 + k: gathers eight byte flags into one byte. */
    private static final long GATHER = 0x0102040810204080L;

    /**
     * 0x80 in each byte of {@code x} that is nonzero, 0 elsewhere (SWAR, exact: the low seven bits
     * are added without carrying into the next byte).
     */
    private static long nonZeroBytes(long x) {
        return (((x & LOW7) + LOW7) | x) & ~LOW7;
    }

    /**
     * The eight byte flags of {@code flags} (0x80 or 0 per byte, byte k = pixel k of a little-endian
     * word) as one packed byte, pixel k in bit k (LSB first, PS3.5 8.1.1).
     */
    private static int gather(long flags) {
        return (int) (((flags >>> 7) * GATHER) >>> 56);
    }

    /**
     * Splits one label plane into the packed 1-bit frames of several segments in a single pass:
     * for pixel {@code i} with label {@code v != 0} and {@code s = segmentOfLabel[v] > 0}, sets bit
     * {@code i} (LSB first, from bit 0) of {@code dst[s]} when {@code dst[s]} is non-null. The
     * {@code dst} arrays must be zero beforehand.
     *
     * <p>Eight pixels at a time (SWAR on a little-endian word): background words are skipped,
     * words of one label become one whole byte, and a mixed word costs one compare-and-gather per
     * distinct label in it (the bytes equal to the label are flagged, the flags gathered into a byte
     * with one multiply).</p>
     */
    public static void packLabels(byte[] labels, int count, int[] segmentOfLabel, byte[][] dst) {
        packLabels(labels, count, segmentOfLabel, dst, null, 0);
    }

    /**
     * {@link #packLabels(byte[], int, int[], byte[][])} that also finds which values the plane
     * holds, so the writer's first pass reads a label plane once instead of scanning it and then
     * packing it: {@code seen[v]} becomes true for every value {@code v} among the pixels, 0
     * included ({@code seen} must have 256 entries and be false beforehand), and a null
     * {@code dst[s]} of a segment that occurs is allocated ({@code packedLength} bytes) when its first
     * pixel is met, so segments absent from the plane cost nothing.
     */
    public static void packLabels(byte[] labels, int count, int[] segmentOfLabel, byte[][] dst, boolean[] seen,
                                  int packedLength) {
        boolean find = seen != null;
        boolean zeros = false;
        int whole = count & ~7;
        for (int i = 0; i < whole; i += 8) {
            long x = (long) LONGS.get(labels, i);
            if (x == 0L) {
                zeros = true;
                continue;
            }
            int b = i >>> 3;
            int v0 = (int) x & 0xFF;
            if (x == v0 * ONES) { // eight pixels of one label: one whole byte
                int s = segmentOfLabel[v0];
                if (find) {
                    seen[v0] = true;
                    if (s > 0 && dst[s] == null) dst[s] = new byte[packedLength];
                }
                if (s > 0 && dst[s] != null) dst[s][b] = (byte) 0xFF;
                continue;
            }
            if (find && nonZeroBytes(x) != ~LOW7) zeros = true;
            do { // one round per distinct nonzero label of the word
                int v = (int) (x >>> (Long.numberOfTrailingZeros(x) & ~7)) & 0xFF;
                long equal = ~nonZeroBytes(x ^ (v * ONES)) & ~LOW7; // 0x80 where the byte is v
                x &= ~((equal >>> 7) * 0xFF);
                int s = segmentOfLabel[v];
                if (find) {
                    seen[v] = true;
                    if (s > 0 && dst[s] == null) dst[s] = new byte[packedLength];
                }
                if (s > 0 && dst[s] != null) dst[s][b] |= (byte) gather(equal);
            } while (x != 0L);
        }
        for (int i = whole; i < count; i++) {
            int v = labels[i] & 0xFF;
            if (find) seen[v] = true;
            if (v != 0) {
                int s = segmentOfLabel[v];
                if (find && s > 0 && dst[s] == null) dst[s] = new byte[packedLength];
                if (s > 0 && dst[s] != null) dst[s][i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
        if (find && zeros) seen[0] = true;
    }

    /**
     * {@link #packLabels(byte[], int, int[], byte[][])} for unsigned 16-bit labels: eight
     * background pixels are skipped at once, eight pixels of one label become one whole byte.
     */
    public static void packLabels(short[] labels, int count, int[] segmentOfLabel, byte[][] dst) {
        int whole = count & ~7;
        for (int i = 0; i < whole; i += 8) {
            short v0 = labels[i];
            int or = 0, diff = 0;
            for (int k = 1; k < 8; k++) {
                short v = labels[i + k];
                or |= v;
                diff |= v ^ v0;
            }
            if ((or | v0) == 0) continue;
            int b = i >>> 3;
            if (diff == 0) {
                int s = segmentOfLabel[v0 & 0xFFFF];
                if (s > 0 && dst[s] != null) dst[s][b] = (byte) 0xFF;
                continue;
            }
            for (int k = 0; k < 8; k++) {
                int v = labels[i + k] & 0xFFFF;
                if (v != 0) {
                    int s = segmentOfLabel[v];
                    if (s > 0 && dst[s] != null) dst[s][b] |= (byte) (1 << k);
                }
            }
        }
        for (int i = whole; i < count; i++) {
            int v = labels[i] & 0xFFFF;
            if (v != 0) {
                int s = segmentOfLabel[v];
                if (s > 0 && dst[s] != null) dst[s][i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
    }

    /**
     * Sets the bits of a frame of {@code count} pixels that are all 1, from bit 0: whole bytes
     * 0xFF, the last partial byte's low {@code count % 8} bits; the rest of {@code dst} untouched.
     * (A uniform tile or plane: its packed frame without reading or packing pixels.)
     */
    public static void fillOnes(byte[] dst, int count) {
        int whole = count >>> 3;
        java.util.Arrays.fill(dst, 0, whole, (byte) 0xFF);
        if ((count & 7) != 0) dst[whole] |= (byte) ((1 << (count & 7)) - 1);
    }

    /**
     * The eight bits of {@code packedByte} (0..255), least significant first, as eight 0/1 bytes
     * of a little-endian long: one table load unpacks eight pixels, and {@code spread(b) * v}
     * (v &lt; 256) puts label v on exactly the pixels whose bit is set.
     */
    public static long spread(int packedByte) {
        return UNPACKED[packedByte];
    }

    /** Bytes needed for {@code pixels} bits starting at bit 0: ceil(pixels / 8). */
    public static long packedLength(long pixels) {
        return (pixels + 7) >>> 3;
    }

    /**
     * ORs {@code count} pixels of {@code src} (nonzero = 1) into {@code dst}, starting at bit
     * {@code dstBitOffset}. The bits being written must be 0 in {@code dst} beforehand.
     */
    public static void pack(byte[] src, int srcOffset, int count, byte[] dst, long dstBitOffset) {
        int i = 0;
        long bit = dstBitOffset;
        // Leading partial byte.
        while (i < count && (bit & 7) != 0) {
            if (src[srcOffset + i] != 0) dst[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            i++;
            bit++;
        }
        // Whole bytes: eight pixels at a time.
        int d = (int) (bit >>> 3);
        int s = srcOffset + i;
        int whole = (count - i) >>> 3;
        for (int k = 0; k < whole; k++, s += 8) {
            long x = (long) LONGS.get(src, s);
            dst[d++] = x == 0L ? 0 : (byte) gather(nonZeroBytes(x)); // eight pixels: flag, gather
        }
        i += whole << 3;
        bit = (long) d << 3;
        // Trailing partial byte.
        while (i < count) {
            if (src[srcOffset + i] != 0) dst[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
            i++;
            bit++;
        }
    }

    /** Packs a whole frame starting at bit 0 into a new array of {@link #packedLength} bytes. */
    public static byte[] pack(byte[] src) {
        byte[] out = new byte[(int) packedLength(src.length)];
        pack(src, 0, src.length, out, 0);
        return out;
    }

    /**
     * Writes {@code count} pixels (0 or 1) to {@code dst} starting at {@code dstOffset}, reading
     * bits from {@code src} starting at bit {@code srcBitOffset}.
     */
    public static void unpack(byte[] src, long srcBitOffset, byte[] dst, int dstOffset, int count) {
        int i = 0;
        long bit = srcBitOffset;
        while (i < count && (bit & 7) != 0) {
            dst[dstOffset + i++] = (byte) ((src[(int) (bit >>> 3)] >> (bit & 7)) & 1);
            bit++;
        }
        int s = (int) (bit >>> 3);
        int d = dstOffset + i;
        int whole = (count - i) >>> 3;
        for (int k = 0; k < whole; k++) {
            LONGS.set(dst, d, UNPACKED[src[s++] & 0xFF]); // eight 0/1 bytes in one store
            d += 8;
        }
        i += whole << 3;
        bit = (long) s << 3;
        while (i < count) {
            dst[dstOffset + i++] = (byte) ((src[(int) (bit >>> 3)] >> (bit & 7)) & 1);
            bit++;
        }
    }

    /**
     * Counts the set bits among {@code count} bits starting at {@code bitOffset}: eight bytes at a time
     * ({@link Long#bitCount}, one instruction) once the start is byte aligned.
     */
    public static long countOnes(byte[] src, long bitOffset, long count) {
        long n = 0;
        long bit = bitOffset;
        long end = bitOffset + count;
        while (bit < end && (bit & 7) != 0) {
            n += (src[(int) (bit >>> 3)] >> (bit & 7)) & 1;
            bit++;
        }
        while (bit + 64 <= end) {
            n += Long.bitCount((long) LONGS.get(src, (int) (bit >>> 3)));
            bit += 64;
        }
        while (bit + 8 <= end) {
            n += Integer.bitCount(src[(int) (bit >>> 3)] & 0xFF);
            bit += 8;
        }
        while (bit < end) {
            n += (src[(int) (bit >>> 3)] >> (bit & 7)) & 1;
            bit++;
        }
        return n;
    }
}
