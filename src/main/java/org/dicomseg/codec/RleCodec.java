package org.dicomseg.codec;

import java.io.ByteArrayOutputStream;

/**
 * RLE Lossless (transfer syntax 1.2.840.10008.1.2.5), PS3.5 Annex G: a 64-byte header of up to
 * 15 segment offsets followed by PackBits-compressed segments, one per byte plane, most
 * significant byte first. This is the project's only RLE implementation, for both directions, and
 * it handles 1-bit frames (one segment holding the frame's bits packed LSB-first, byte aligned),
 * which PixelMed cannot.
 */
public final class RleCodec {
    private RleCodec() { }

    /**
     * Encodes one frame.
     *
     * @param frame     the frame's bytes in native little-endian order: packed bits for 1-bit,
     *                  one byte per pixel for 8-bit, two bytes per pixel (LE) for 16-bit
     * @param bytesPerSample 1 for 1- and 8-bit data, 2 for 16-bit data
     * @param length    number of bytes of {@code frame} to encode
     */
    public static byte[] encode(byte[] frame, int length, int bytesPerSample) {
        if (bytesPerSample < 1 || bytesPerSample > 4) {
            throw new IllegalArgumentException("RLE: unsupported bytes per sample " + bytesPerSample);
        }
        int samples = length / bytesPerSample;
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + length / 4);
        out.write(new byte[64], 0, 64);
        int[] offsets = new int[bytesPerSample];
        byte[] plane = bytesPerSample == 1 ? frame : new byte[samples];
        for (int seg = 0; seg < bytesPerSample; seg++) {
            offsets[seg] = out.size();
            int byteIndex = bytesPerSample - 1 - seg; // most significant byte first
            if (bytesPerSample > 1) {
                for (int i = 0; i < samples; i++) plane[i] = frame[i * bytesPerSample + byteIndex];
            }
            packBits(plane, bytesPerSample == 1 ? length : samples, out);
            if ((out.size() & 1) != 0) out.write(0); // segments are even length
        }
        byte[] result = out.toByteArray();
        writeIntLe(result, 0, bytesPerSample);
        for (int seg = 0; seg < bytesPerSample; seg++) writeIntLe(result, 4 + 4 * seg, offsets[seg]);
        return result;
    }

    private static void packBits(byte[] src, int n, ByteArrayOutputStream out) {
        int i = 0;
        while (i < n) {
            // A run of at least 2 identical bytes becomes a replicate run (up to 128).
            int run = 1;
            while (i + run < n && run < 128 && src[i + run] == src[i]) run++;
            if (run >= 2) {
                out.write(1 - run);
                out.write(src[i]);
                i += run;
                continue;
            }
            // Literal run: until two identical bytes start or 128 bytes are collected.
            int start = i;
            int len = 0;
            while (i < n && len < 128) {
                if (i + 1 < n && src[i] == src[i + 1]) break;
                i++;
                len++;
            }
            out.write(len - 1);
            out.write(src, start, len);
        }
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
            unpackBits(data, start, end, plane, samples);
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
                int copy = Math.min(len, n - o);
                sink.literal(o, data, pos, copy);
                o += copy;
                pos += len;
            } else if (h != -128) {
                int len = 1 - h;
                if (pos >= end) throw new CorruptPixelDataException("RLE replicate run past the end of its segment");
                byte v = data[pos++];
                int fill = Math.min(len, n - o);
                sink.fill(o, fill, v);
                o += fill;
            }
        }
        if (o < n) {
            throw new CorruptPixelDataException("RLE segment decodes to " + o + " bytes, expected " + n);
        }
    }

    private static void unpackBits(byte[] src, int pos, int end, byte[] dst, int n) {
        int o = 0;
        while (o < n && pos < end) {
            int h = src[pos++];
            if (h >= 0) {
                int len = h + 1;
                if (pos + len > end) throw new CorruptPixelDataException("RLE literal run past the end of its segment");
                int copy = Math.min(len, n - o);
                System.arraycopy(src, pos, dst, o, copy);
                o += copy;
                pos += len;
            } else if (h != -128) {
                int len = 1 - h;
                if (pos >= end) throw new CorruptPixelDataException("RLE replicate run past the end of its segment");
                byte v = src[pos++];
                int fill = Math.min(len, n - o);
                java.util.Arrays.fill(dst, o, o + fill, v);
                o += fill;
            }
        }
        if (o < n) {
            throw new CorruptPixelDataException("RLE segment decodes to " + o + " bytes, expected " + n);
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
