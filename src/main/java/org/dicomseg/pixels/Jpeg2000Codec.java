package org.dicomseg.pixels;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.io.EOFException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * JPEG 2000 Lossless (transfer syntax 1.2.840.10008.1.2.4.90) for one grey frame, through
 * jai-imageio-jpeg2000. DICOM encapsulates the bare code stream (PS3.5 A.4.4), not a JP2 file,
 * so the writer is asked for the code stream only; the reader accepts both. The coder is chosen by
 * class ({@link ImageIoCodecs}), not looked up in ImageIO's registry.
 *
 * <p>1-bit frames (BINARY segmentations, Bits Allocated = Bits Stored = 1) are coded as highdicom
 * codes them: one unsigned component of precision 1 (SIZ Ssiz = 0, ITU-T T.800 A.5.1), which
 * PS3.5 8.2.4 asks to match Bits Stored. jai-imageio's coder omits the DC level shift for 1-bit
 * samples (it shifts only when the nominal range exceeds one bit) and so cannot code them
 * directly; {@link #encode} therefore gives it the level-shifted samples (v − 1 ∈ {−1, 0},
 * T.800 G.1.2) through its 8-bit path (samples v + 127, from which it subtracts 128) and writes
 * precision 1 in SIZ. The wavelet coefficients are exactly those of a 1-bit coder; the
 * quantization marker merely allows more magnitude bit planes than are used. OpenJPEG (what
 * pydicom/highdicom decode with) and jai-imageio decode it to the original 0/1 values.</p>
 */
public final class Jpeg2000Codec {
    /**
     * Largest 16-bit value that jai-imageio's JPEG 2000 coder keeps exactly (measured: values of
     * 32768 and above come back altered), so 16-bit frames above it are refused, not corrupted.
     */
    public static final int MAX_16_BIT_VALUE = 32767;
    private Jpeg2000Codec() { }

    /** Offset of Ssiz (component 0's sign and precision) in a code stream: SOC, SIZ marker, Lsiz..Csiz. */
    private static final int SSIZ_OFFSET = 2 + 2 + 2 + 2 + 8 * 4 + 2;

    /**
     * Encodes a 1-bit (one byte per pixel, 0 or 1), 8-bit (byte per pixel) or 16-bit (little-endian
     * byte pairs) grey frame losslessly; 1-bit frames get a code stream of precision 1 (see the
     * class comment).
     *
     * @param frame native frame bytes (1-bit: unpacked, one byte per pixel)
     * @param rows frame rows
     * @param columns frame columns
     * @param bitsAllocated 1, 8 or 16
     */
    public static byte[] encode(byte[] frame, int rows, int columns, int bitsAllocated) {
        BufferedImage img;
        if (bitsAllocated == 1) {
            img = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
            byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < rows * columns; i++) {
                int v = frame[i];
                if (v != 0 && v != 1) throw new IllegalArgumentException("A 1-bit frame holds 0 and 1 only; found " + (v & 0xFF));
                dst[i] = (byte) (v + 127); // the coder subtracts 128: the 1-bit level-shifted sample v - 1
            }
            return oneBitPrecision(encode(img));
        } else if (bitsAllocated == 8) {
            img = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
            byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            System.arraycopy(frame, 0, dst, 0, rows * columns);
        } else if (bitsAllocated == 16) {
            img = new BufferedImage(columns, rows, BufferedImage.TYPE_USHORT_GRAY);
            short[] dst = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < rows * columns; i++) {
                int v = (frame[2 * i] & 0xFF) | (frame[2 * i + 1] & 0xFF) << 8;
                if (v > MAX_16_BIT_VALUE) {
                    throw new IllegalArgumentException("JPEG 2000 Lossless here keeps values up to " + MAX_16_BIT_VALUE
                            + " only (jai-imageio's coder loses bits above 15); found " + v
                            + ": use RLE or no compression");
                }
                dst[i] = (short) v;
            }
        } else {
            throw new IllegalArgumentException("JPEG 2000 encoding supports 1-, 8- and 16-bit frames, not " + bitsAllocated);
        }
        return encode(img);
    }

    /** Declares precision 1 (unsigned) in the SIZ marker of a single-component 8-bit code stream. */
    private static byte[] oneBitPrecision(byte[] cs) {
        if (cs.length <= SSIZ_OFFSET || (cs[0] & 0xFF) != 0xFF || (cs[1] & 0xFF) != 0x4F || (cs[2] & 0xFF) != 0xFF
                || (cs[3] & 0xFF) != 0x51 || cs[SSIZ_OFFSET - 1] != 1 || cs[SSIZ_OFFSET] != 7) {
            throw new IllegalStateException("JPEG 2000 coder wrote an unexpected SIZ marker for a 1-bit frame");
        }
        cs[SSIZ_OFFSET] = 0;
        return cs;
    }

    /** The lossless (5/3 reversible) code stream of {@code img}. */
    private static byte[] encode(BufferedImage img) {
        ImageWriter writer = ImageIoCodecs.jpeg2000Writer();
        try (ByteArrayOutputStream bos = new ByteArrayOutputStream();
             ImageOutputStream ios = new MemoryCacheImageOutputStream(bos)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), LosslessParam.of(writer));
            ios.flush();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("JPEG 2000 encoding failed: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
    }

    /**
     * Decodes a code stream (or JP2 file) into native frame bytes: one byte per pixel when
     * {@code bitsAllocated} is 1 or 8 (a 1-bit frame comes back as 0/1 bytes), little-endian
     * pairs when 16.
     *
     * @throws CorruptPixelDataException when the stream cannot be decoded or has the wrong size
     */
    public static byte[] decode(byte[] data, int rows, int columns, int bitsAllocated) {
        Jpeg2000Check.check(data, rows, columns);
        ImageReader reader = ImageIoCodecs.jpeg2000Reader();
        try (ImageInputStream iis = new EndCheckedInputStream(data)) {
            reader.setInput(iis);
            Raster r = reader.read(0).getRaster();
            if (r.getWidth() != columns || r.getHeight() != rows) {
                throw new CorruptPixelDataException("JPEG 2000 frame is " + r.getWidth() + "x" + r.getHeight()
                        + ", the header says " + columns + "x" + rows);
            }
            int n = rows * columns;
            int[] px = r.getSamples(0, 0, columns, rows, 0, (int[]) null);
            if (bitsAllocated == 16) {
                byte[] out = new byte[2 * n];
                for (int i = 0; i < n; i++) {
                    out[2 * i] = (byte) px[i];
                    out[2 * i + 1] = (byte) (px[i] >> 8);
                }
                return out;
            }
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) out[i] = (byte) px[i];
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof CorruptPixelDataException) throw (CorruptPixelDataException) e;
            throw new CorruptPixelDataException("JPEG 2000 frame cannot be decoded: " + e, e);
        } catch (Error e) {
            if (e instanceof VirtualMachineError) throw e;
            // jj2000 reports a damaged code stream as java.lang.Error ("IO Error when reading tile 0 x 0")
            throw new CorruptPixelDataException("JPEG 2000 frame cannot be decoded: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * Lossless 5/3 code stream parameters. A class of its own so that only it links jai-imageio's
     * parameter class: without the jar, {@link ImageIoCodecs} reports what is missing first.
     */
    static final class LosslessParam {
        private LosslessParam() { }

        static ImageWriteParam of(ImageWriter writer) {
            J2KImageWriteParam param = (J2KImageWriteParam) writer.getDefaultWriteParam();
            param.setLossless(true);
            param.setWriteCodeStreamOnly(true);
            param.setFilter(J2KImageWriteParam.FILTER_53);
            param.setEncodingRate(Double.MAX_VALUE);
            return param;
        }
    }

    /**
     * The code stream as an ImageInputStream whose single-byte {@code read()} throws at the end of
     * the data instead of returning -1: jj2000's packet header reader takes -1 for a byte of 1-bits
     * and loops for ever on a code stream that ends inside a packet header (found by fuzzing).
     */
    static final class EndCheckedInputStream extends ImageInputStreamImpl {
        private final byte[] data;

        EndCheckedInputStream(byte[] data) {
            this.data = data;
        }

        @Override public int read() throws IOException {
            checkClosed();
            bitOffset = 0;
            if (streamPos >= data.length) {
                throw new EOFException("JPEG 2000 code stream ends at byte " + data.length + " where more data is needed");
            }
            return data[(int) streamPos++] & 0xFF;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            checkClosed();
            bitOffset = 0;
            if (len == 0) return 0;
            if (streamPos >= data.length) return -1;
            int n = (int) Math.min(len, data.length - streamPos);
            System.arraycopy(data, (int) streamPos, b, off, n);
            streamPos += n;
            return n;
        }

        @Override public long length() { return data.length; }
    }

}
