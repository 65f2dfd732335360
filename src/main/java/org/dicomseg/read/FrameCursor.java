package org.dicomseg.read;

import org.dicomseg.pixels.CorruptPixelDataException;
import org.dicomseg.pixels.RleCodec;

/**
 * Frame-by-frame access to the stored pixel data of a {@link SegmentationReader} with buffers of
 * its own, for decoding frames on several threads at once (one cursor per thread; positional file
 * reads do not contend) and for decoding straight into the caller's arrays instead of a frame
 * copy: {@link #read} leaves the frame in {@link #data()} in one of the {@link Layout layouts},
 * and an 8-bit RLE or JPEG-LS frame is not decoded at all but handed over run by run
 * ({@link #decodeRuns}), so a label map plane can be filled or split without ever being
 * materialised.
 *
 * <p>Obtain one with {@link SegmentationReader#cursor()}. Not thread-safe itself; frames read
 * through it count in {@link SegmentationReader#framesRead()}. The data of a frame is valid until
 * the next {@link #read}.</p>
 */
public final class FrameCursor {
    /** How {@link #data()} holds the frame after {@link #read}. */
    public enum Layout {
        /** One bit per pixel, least significant bit first, from bit {@link #bitOffset()} (PS3.5 8.1.1). */
        PACKED_BITS,
        /** One unsigned byte per pixel. */
        BYTES,
        /** Two bytes per pixel, little endian. */
        LE16,
        /** An RLE Lossless or JPEG-LS frame of 8-bit values, still encoded: use {@link #decodeRuns}. */
        RLE8
    }

    private final SegmentationReader reader;
    private final FrameStore store;
    private FrameStore.Raw raw;
    private int frameNumber;

    FrameCursor(SegmentationReader reader, FrameStore store) {
        this.reader = reader;
        this.store = store;
    }

    /** Pixels per frame (Rows x Columns). */
    public int pixels() { return store.pixels(); }

    /**
     * Reads frame {@code frameNumber} (1-based); its data is then in {@link #data()} in the
     * returned layout.
     *
     * @throws SegReadException when the frame cannot be read or decoded (names file and frame)
     */
    public Layout read(int frameNumber) throws SegReadException {
        raw = reader.readForCursor(store, frameNumber);
        this.frameNumber = frameNumber;
        switch (raw.kind) {
            case PACKED_BITS: return Layout.PACKED_BITS;
            case BYTES: return Layout.BYTES;
            case LE16: return Layout.LE16;
            default: return Layout.RLE8;
        }
    }

    /** The frame last read (a reused buffer; for {@link Layout#RLE8} the encoded bytes, RLE or JPEG-LS). */
    public byte[] data() { return raw.data; }

    /** {@link Layout#PACKED_BITS}: the bit of {@link #data()} where the frame's first pixel is. */
    public long bitOffset() { return raw.bitOffset; }

    /**
     * {@link Layout#RLE8}: decodes the frame last read run by run into {@code sink}
     * ({@link RleCodec#decodeRuns}, {@link org.dicomseg.pixels.JpegLsCodec#decodeRuns}): together the runs
     * cover the {@link #pixels()} bytes once, in order.
     *
     * @throws SegReadException when the RLE or JPEG-LS data is corrupt (some runs may have been delivered)
     */
    public void decodeRuns(RleCodec.RunSink sink) throws SegReadException {
        if (raw == null || raw.kind != FrameStore.Kind.RLE8 && raw.kind != FrameStore.Kind.JPEGLS8) {
            throw new IllegalStateException("the last frame read is not RLE8");
        }
        try {
            store.decodeRuns(raw, sink);
        } catch (CorruptPixelDataException e) {
            throw new SegReadException(reader.file(), frameNumber, "corrupt pixel data: " + e.getMessage(), e);
        }
    }
}
