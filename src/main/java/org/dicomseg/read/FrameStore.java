package org.dicomseg.read;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.dicomseg.dicom.ChannelReader;
import org.dicomseg.dicom.FragmentTable;
import org.dicomseg.dicom.SegTransferSyntax;
import org.dicomseg.pixels.CorruptPixelDataException;
import org.dicomseg.pixels.Jpeg2000Codec;
import org.dicomseg.pixels.JpegLsCodec;
import org.dicomseg.pixels.RleCodec;

/**
 * Reads the stored bytes of one frame from disk and decodes them, frame by frame, so that no more
 * than one frame's data is in memory at a time.
 *
 * <p>Native Pixel Data (PS3.5 8.2): frame k occupies bits [k*F, (k+1)*F) of the value, F = rows *
 * columns * Bits Allocated; 1-bit frames need not start on a byte boundary (PS3.5 8.1.1). In
 * Explicit VR Big Endian an OW value has its 16-bit words byte-swapped, so such data is swapped back
 * on reading. Encapsulated Pixel Data (PS3.5 A.4): the frames' fragments were located once by
 * {@link FragmentTable}; RLE (Annex G) goes through {@link RleCodec}, JPEG 2000 through
 * {@link Jpeg2000Codec}, JPEG-LS (A.4.3) through {@link JpegLsCodec}, Deflated Image Frame Compression (A.4.11) through a raw {@link Inflater}.</p>
 *
 * <p>Not thread-safe: the buffers are reused between frames; {@link #copy()} gives another thread
 * its own store (positional channel reads are safe to share).</p>
 */
class FrameStore {
    /** Layout of a decoded frame as returned by {@link #raw(int)}. */
    enum Kind {
        /** 1 bit per pixel, LSB first, starting at {@link Raw#bitOffset}. */
        PACKED_BITS,
        /** One byte per pixel. */
        BYTES,
        /** Two bytes per pixel, little endian. */
        LE16,
        /**
         * Not decoded: an RLE Lossless frame of 8-bit values (one RLE segment), its encoded bytes in
         * {@code data[0 .. length)}; only from {@link #rawOrRle8(int)}, for decoding run by run
         * ({@link RleCodec#decodeRuns}).
         */
        RLE8,
        /**
         * Not decoded: a JPEG-LS frame of 8-bit values, its code stream in {@code data[0 .. length)};
         * only from {@link #rawOrRle8(int)}, for decoding run by run ({@link JpegLsCodec#decodeRuns}).
         */
        JPEGLS8
    }

    /** A decoded frame; {@code data} may be a reused buffer, valid until the next call. */
    static final class Raw {
        byte[] data;
        long bitOffset;
        Kind kind;
        /** {@link Kind#RLE8}, {@link Kind#JPEGLS8}: the encoded length; else unused. */
        int length;
    }

    private final ChannelReader in;
    final SegTransferSyntax syntax;
    final int rows;
    final int columns;
    final int bitsAllocated;
    private final long pixels;
    private final long pixelDataOffset;
    private final boolean swapWords;
    private final FragmentTable fragments;
    final Raw raw = new Raw();
    private byte[] buffer = new byte[0];
    private byte[] encoded;  // reused fragment buffer (encapsulated)
    private byte[] decoded;  // reused RLE output buffer
    private final Inflater inflater;

    /** A store for native Pixel Data. */
    FrameStore(ChannelReader in, SegTransferSyntax syntax, int rows, int columns, int bitsAllocated,
            long pixelDataOffset, boolean swapWords) {
        this(in, syntax, rows, columns, bitsAllocated, pixelDataOffset, swapWords, null);
    }

    /** A store for encapsulated Pixel Data. */
    FrameStore(ChannelReader in, SegTransferSyntax syntax, int rows, int columns, int bitsAllocated,
            FragmentTable fragments) {
        this(in, syntax, rows, columns, bitsAllocated, -1, false, fragments);
    }

    /**
     * A store whose frames come from elsewhere, each as its stored bytes ({@link RemoteFrameStore}):
     * no channel, no offsets; {@link #decodeStored} decodes them.
     */
    FrameStore(SegTransferSyntax syntax, int rows, int columns, int bitsAllocated) {
        this(null, syntax, rows, columns, bitsAllocated, -1, false, null);
    }

    private FrameStore(ChannelReader in, SegTransferSyntax syntax, int rows, int columns, int bitsAllocated,
            long pixelDataOffset, boolean swapWords, FragmentTable fragments) {
        this.in = in;
        this.syntax = syntax;
        this.rows = rows;
        this.columns = columns;
        this.bitsAllocated = bitsAllocated;
        this.pixels = (long) rows * columns;
        this.pixelDataOffset = pixelDataOffset;
        this.swapWords = swapWords;
        this.fragments = fragments;
        this.inflater = syntax.encoding() == SegTransferSyntax.Encoding.DEFLATED_FRAME ? new Inflater(true) : null;
    }

    /**
     * Decodes one frame given as its own stored bytes {@code data[0 .. length)}: a native frame
     * starting at bit 0 (as WADO-RS frame retrieval sends it, PS3.18 8.7.3.3.2), or the frame's
     * encapsulated bytes (RLE, JPEG 2000, Deflated Image Frame Compression).
     *
     * @throws CorruptPixelDataException when the bytes cannot be decoded or a native frame is short
     */
    final Raw decodeStored(byte[] data, int length) throws IOException {
        switch (syntax.encoding()) {
            case RLE: {
                int bps = bitsAllocated == 16 ? 2 : 1;
                int expected = (int) nativeFrameBytes();
                if (decoded == null || decoded.length < expected) decoded = new byte[expected];
                raw.data = RleCodec.decode(data, length, bps, decoded, expected);
                raw.bitOffset = 0;
                raw.kind = nativeKind();
                return raw;
            }
            case JPEG_2000:
                raw.data = Jpeg2000Codec.decode(length == data.length ? data : java.util.Arrays.copyOf(data, length),
                        rows, columns, bitsAllocated);
                raw.bitOffset = 0;
                raw.kind = bitsAllocated == 16 ? Kind.LE16 : Kind.BYTES;
                return raw;
            case DEFLATED_FRAME:
                raw.data = inflate(length == data.length ? data : java.util.Arrays.copyOf(data, length), (int) nativeFrameBytes());
                raw.bitOffset = 0;
                raw.kind = nativeKind();
                return raw;
            default:
                if (length < nativeFrameBytes()) {
                    throw new CorruptPixelDataException("the frame has " + length + " bytes, a frame of " + rows + " x " + columns
                            + " x " + bitsAllocated + " bits needs " + nativeFrameBytes());
                }
                raw.data = data;
                raw.bitOffset = 0;
                raw.kind = nativeKind();
                return raw;
        }
    }

    /** A store over the same data with its own buffers, for decoding frames on another thread. */
    FrameStore copy() {
        return fragments == null
                ? new FrameStore(in, syntax, rows, columns, bitsAllocated, pixelDataOffset, swapWords)
                : new FrameStore(in, syntax, rows, columns, bitsAllocated, fragments);
    }

    /** Bytes one native frame takes when it starts at bit 0 (RLE and deflate output size). */
    final long nativeFrameBytes() {
        return bitsAllocated == 1 ? (pixels + 7) >>> 3 : pixels * (bitsAllocated / 8);
    }

    final Kind nativeKind() {
        return bitsAllocated == 1 ? Kind.PACKED_BITS : bitsAllocated == 8 ? Kind.BYTES : Kind.LE16;
    }

    /**
     * Reads and decodes frame {@code index} (0-based).
     *
     * @throws CorruptPixelDataException when the frame's data cannot be decoded
     */
    Raw raw(int index) throws IOException {
        if (fragments == null) return readNative(index);
        if (syntax.encoding() == SegTransferSyntax.Encoding.RLE) {
            encoded = fragments.read(in, index, encoded);
            int bps = bitsAllocated == 16 ? 2 : 1;
            int expected = (int) nativeFrameBytes();
            if (decoded == null || decoded.length < expected) decoded = new byte[expected];
            raw.data = RleCodec.decode(encoded, (int) fragments.storedLength(index), bps, decoded, expected);
            raw.bitOffset = 0;
            raw.kind = nativeKind();
            return raw;
        }
        byte[] data = fragments.read(in, index);
        switch (syntax.encoding()) {
            case JPEG_2000: {
                raw.data = Jpeg2000Codec.decode(data, rows, columns, bitsAllocated);
                raw.bitOffset = 0;
                raw.kind = bitsAllocated == 16 ? Kind.LE16 : Kind.BYTES;
                return raw;
            }
            case JPEG_LS: { // 1-bit frames (a foreign SEG's) come as one byte per pixel, as from JPEG 2000
                raw.data = JpegLsCodec.decode(data, data.length, rows, columns, 1, bitsAllocated == 16 ? 16 : 8);
                raw.bitOffset = 0;
                raw.kind = bitsAllocated == 16 ? Kind.LE16 : Kind.BYTES;
                return raw;
            }
            case DEFLATED_FRAME: {
                raw.data = inflate(data, (int) nativeFrameBytes());
                raw.bitOffset = 0;
                raw.kind = nativeKind();
                return raw;
            }
            default:
                throw new IllegalStateException("not encapsulated: " + syntax);
        }
    }

    /**
     * Like {@link #raw(int)}, except that an RLE or JPEG-LS frame of 8-bit values is only read, not
     * decoded ({@link Kind#RLE8}, {@link Kind#JPEGLS8}), so the caller can decode it run by run
     * straight into its own arrays ({@link #decodeRuns}).
     */
    Raw rawOrRle8(int index) throws IOException {
        if (fragments != null && syntax.encoding() == SegTransferSyntax.Encoding.JPEG_LS && bitsAllocated == 8) {
            byte[] data = fragments.read(in, index);
            raw.data = data;
            raw.length = data.length;
            raw.bitOffset = 0;
            raw.kind = Kind.JPEGLS8;
            return raw;
        }
        if (fragments == null || syntax.encoding() != SegTransferSyntax.Encoding.RLE || bitsAllocated != 8) return raw(index);
        encoded = fragments.read(in, index, encoded);
        raw.data = encoded;
        raw.length = (int) fragments.storedLength(index);
        raw.bitOffset = 0;
        raw.kind = Kind.RLE8;
        return raw;
    }

    /**
     * Decodes a frame of {@link Kind#RLE8} or {@link Kind#JPEGLS8} run by run into {@code sink}: together
     * the runs cover the frame's {@link #pixels()} bytes once, in order.
     *
     * @throws CorruptPixelDataException when the data is corrupt (some runs may have been delivered)
     */
    void decodeRuns(Raw r, RleCodec.RunSink sink) {
        if (r.kind == Kind.JPEGLS8) JpegLsCodec.decodeRuns(r.data, r.length, rows, columns, sink);
        else RleCodec.decodeRuns(r.data, r.length, pixels(), sink);
    }

    /** Pixels per frame. */
    int pixels() { return (int) pixels; }

    private Raw readNative(int index) throws IOException {
        long frameBits = pixels * bitsAllocated;
        long startBit = index * frameBits;
        long first = startBit >>> 3;
        long end = (startBit + frameBits + 7) >>> 3;
        if (swapWords) {
            first &= ~1L;
            end = (end + 1) & ~1L;
        }
        int n = (int) (end - first);
        if (buffer.length < n) buffer = new byte[n];
        in.readFully(pixelDataOffset + first, buffer, 0, n);
        if (swapWords) {
            for (int i = 0; i + 1 < n; i += 2) {
                byte t = buffer[i];
                buffer[i] = buffer[i + 1];
                buffer[i + 1] = t;
            }
        }
        raw.data = buffer;
        raw.bitOffset = startBit - (first << 3);
        raw.kind = nativeKind();
        return raw;
    }

    /**
     * Inflates one Deflated Image Frame Compression frame (PS3.5 A.4.11) into exactly
     * {@code expected} bytes: never more is produced (the output array is the bound, so a deflate
     * bomb costs one frame's bytes), and a stream that would give more, or fewer, is refused rather
     * than cut to size or read short.
     */
    private byte[] inflate(byte[] data, int expected) {
        inflater.reset();
        inflater.setInput(data);
        byte[] out = new byte[expected];
        try {
            int n = 0;
            while (n < expected) {
                int k = inflater.inflate(out, n, expected - n);
                if (k == 0) {
                    if (inflater.finished() || inflater.needsInput() || inflater.needsDictionary()) break;
                }
                n += k;
            }
            if (n < expected) {
                throw new CorruptPixelDataException("deflated frame inflates to " + n + " bytes, expected " + expected
                        + (inflater.finished() ? "" : ": the deflate stream is truncated"));
            }
            if (!inflater.finished() && !inflater.needsInput() && inflater.inflate(new byte[1]) > 0) {
                throw new CorruptPixelDataException("deflated frame inflates to more bytes than the frame holds ("
                        + expected + ")");
            }
            return out;
        } catch (DataFormatException e) {
            throw new CorruptPixelDataException("deflated frame is not a valid deflate stream: " + e.getMessage(), e);
        }
    }
}
