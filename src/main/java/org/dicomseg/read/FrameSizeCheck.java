package org.dicomseg.read;

import java.io.IOException;
import java.nio.file.Path;
import org.dicomseg.dicom.ChannelReader;
import org.dicomseg.dicom.FragmentTable;
import org.dicomseg.dicom.SegTransferSyntax;
import org.dicomseg.pixels.ImageIoCodecs;
import org.dicomseg.pixels.CorruptPixelDataException;
import org.dicomseg.pixels.Jpeg2000Check;
import org.dicomseg.pixels.JpegLsCodec;

/**
 * Refuses, when the file is opened, encapsulated Pixel Data whose frames cannot hold what Rows,
 * Columns and Bits Allocated claim, before anyone allocates a frame by those numbers: an RLE frame
 * decodes to at most 64 times its PackBits data (a 2-byte replicate run gives 128 bytes, PS3.5
 * G.3.1), a deflated frame to at most 1032 times its size (the deflate format's limit), and a JPEG
 * 2000 code stream states its own size in its SIZ marker (checked on the first frame here, on every
 * frame before it is decoded by {@link Jpeg2000Check}), and so does a JPEG-LS frame in its SOF55 segment
 * (ITU-T T.87 C.2.2; checked on frame 1 here, on every frame by {@link JpegLsCodec} before it allocates).
 */
final class FrameSizeCheck {
    private FrameSizeCheck() { }

    static void check(Path file, ChannelReader in, FragmentTable table, SegTransferSyntax syntax, SegmentationMetadata m)
            throws SegReadException {
        long pixels = (long) m.rows * m.columns;
        long frameBytes = m.bitsAllocated == 1 ? (pixels + 7) >>> 3 : pixels * (m.bitsAllocated / 8);
        String claim = "Rows (0028,0010) " + m.rows + " x Columns (0028,0011) " + m.columns + " x Bits Allocated (0028,0100) "
                + m.bitsAllocated + " need " + frameBytes + " bytes per frame";
        switch (syntax.encoding()) {
            case RLE:
            case DEFLATED_FRAME: {
                boolean rle = syntax.encoding() == SegTransferSyntax.Encoding.RLE;
                for (int i = 0; i < table.frames(); i++) {
                    long stored = table.storedLength(i);
                    long most = rle ? 64L * Math.max(0, stored - 64) + 256 : 1032L * stored + 1024;
                    if (frameBytes > most) {
                        throw new SegReadException(file, claim + ", but frame " + (i + 1) + " holds " + stored + " bytes of "
                                + (rle ? "RLE" : "deflated") + " data, which decode to at most " + most
                                + " bytes: the header does not describe this Pixel Data");
                    }
                }
                break;
            }
            case JPEG_2000: {
                if (!ImageIoCodecs.jpeg2000Available()) {
                    throw new SegReadException(file, "its frames are JPEG 2000 compressed (" + syntax.uid() + "); "
                            + ImageIoCodecs.JPEG_2000_MISSING);
                }
                if (table.frames() == 0 || table.storedLength(0) > 1 << 26) break;
                int[] size;
                try {
                    size = Jpeg2000Check.size(table.read(in, 0));
                } catch (IOException e) {
                    break; // reading frame 1 reports it
                }
                if (size != null && (size[0] != m.columns || size[1] != m.rows)) {
                    throw new SegReadException(file, "Rows (0028,0010) x Columns (0028,0011) are " + m.rows + " x " + m.columns
                            + ", but the JPEG 2000 code stream of frame 1 is " + size[1] + " x " + size[0]
                            + ": the header does not describe this Pixel Data");
                }
                break;
            }
            case JPEG_LS: {
                // a run-mode bit can stand for 2^15 samples (T.87 A.7.1), so the stored size bounds nothing
                // useful: the frame header (SOF55) states the size, checked here on frame 1 and by
                // JpegLsCodec on every frame before it allocates the frame
                if (table.frames() == 0 || table.storedLength(0) > 1 << 26) break;
                JpegLsCodec.FrameHeader h;
                try {
                    byte[] first = table.read(in, 0);
                    h = JpegLsCodec.header(first, first.length);
                } catch (IOException | CorruptPixelDataException e) {
                    break; // reading frame 1 reports it
                }
                if (h.columns != m.columns || h.rows != m.rows || h.components != 1) {
                    throw new SegReadException(file, "Rows (0028,0010) x Columns (0028,0011) are " + m.rows + " x " + m.columns
                            + ", but the JPEG-LS frame header of frame 1 is " + h.rows + " x " + h.columns + " with "
                            + h.components + " component(s): the header does not describe this Pixel Data");
                }
                break;
            }
            default:
                break;
        }
    }
}
