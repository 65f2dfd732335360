package org.dicomseg.source.slide;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.dicomseg.pixels.CorruptPixelDataException;
import org.dicomseg.pixels.ImageIoCodecs;
import org.dicomseg.pixels.JpegLsCodec;

import org.dicomseg.task.InputException;

/**
 * Decodes one stored tile of a slide level into 8-bit samples, interleaved (R, G, B per pixel) for
 * colour: native Pixel Data (PS3.5 8.2; colour by pixel or by plane, Planar Configuration C.7.6.3.1.3),
 * JPEG Baseline (PS3.5 A.4.1, 1.2.840.10008.1.2.4.50) through the JDK's ImageIO reader, and JPEG 2000
 * (A.4.4, .90/.91) through jai-imageio, both chosen by class ({@link ImageIoCodecs}), and JPEG-LS lossless and
 * near-lossless (A.4.3, .80/.81) through the project's own {@link JpegLsCodec}. Other syntaxes are refused with a
 * message saying so.
 */
public final class TileDecoder {
    static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
    static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
    static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
    static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
    static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";

    private final SlideLevel level;
    private final String transferSyntaxUid;
    private final int samples;
    private final int rows;
    private final int columns;

    /** @throws IOException when the level's encoding cannot be decoded, with the reason */
    public TileDecoder(SlideLevel level) throws IOException {
        this(level, level.transferSyntaxUid());
    }

    /** A decoder of tiles stored in {@code transferSyntaxUid} (a remote level's, as its tiles arrive). */
    public TileDecoder(SlideLevel level, String transferSyntaxUid) throws IOException {
        this.level = level;
        this.transferSyntaxUid = transferSyntaxUid;
        this.samples = level.samplesPerPixel();
        this.rows = level.matrix().tileRows();
        this.columns = level.matrix().tileColumns();
        check(level, transferSyntaxUid);
    }

    /** Throws when tiles of {@code level} cannot be decoded here, naming the reason. */
    public static void check(SlideLevel level) throws IOException {
        check(level, level.transferSyntaxUid());
    }

    private static void check(SlideLevel level, String ts) throws IOException {
        if ((JPEG_2000.equals(ts) || JPEG_2000_LOSSLESS.equals(ts)) && !ImageIoCodecs.jpeg2000Available()) {
            throw new InputException("The tiles of " + level.name() + " are JPEG 2000 compressed; " + ImageIoCodecs.JPEG_2000_MISSING);
        }
        if (level.bitsAllocated() != 8 && !(level.bitsAllocated() == 16 && level.samplesPerPixel() == 1)) {
            throw new InputException("Only 8-bit slides and 16-bit grey slides can be opened; " + level.name() + " has "
                    + level.samplesPerPixel() + " x " + level.bitsAllocated() + " bits");
        }
        if (level.bitsAllocated() == 16 && (JPEG_BASELINE.equals(ts) || JPEG_EXTENDED.equals(ts))) {
            throw new InputException("16-bit JPEG tiles are not supported");
        }
        if (level.samplesPerPixel() != 1 && level.samplesPerPixel() != 3) {
            throw new InputException("Samples per Pixel " + level.samplesPerPixel() + " is not supported (1 or 3)");
        }
        if (!isNative(ts) && !JPEG_BASELINE.equals(ts) && !JPEG_EXTENDED.equals(ts) && !JPEG_2000.equals(ts)
                && !JPEG_2000_LOSSLESS.equals(ts) && !isJpegLs(ts)) {
            throw new InputException("Transfer syntax " + ts + " of " + level.name() + " cannot be decoded"
                    + " (supported: native, JPEG baseline, JPEG 2000, JPEG-LS)");
        }
    }

    static boolean isJpegLs(String ts) {
        return JPEG_LS_LOSSLESS.equals(ts) || JPEG_LS_NEAR_LOSSLESS.equals(ts);
    }

    static boolean isNative(String ts) {
        return "1.2.840.10008.1.2".equals(ts) || "1.2.840.10008.1.2.1".equals(ts);
    }

    /** Bytes per sample: 1, or 2 for 16-bit grey (little endian). */
    int bytesPerSample() { return level.bitsAllocated() / 8; }

    /** Bytes of one native tile. */
    int nativeTileBytes() { return rows * columns * samples * bytesPerSample(); }

    /** The decoded tile: {@code rows × columns × samples} samples, interleaved (16-bit: 2 bytes each, little endian). */
    byte[] decode(byte[] stored) throws IOException {
        int n = rows * columns;
        if (isNative(transferSyntaxUid)) {
            if (stored.length < nativeTileBytes()) {
                throw new InputException("A tile of " + level.name() + " holds " + stored.length + " bytes, the header"
                        + " says " + columns + "x" + rows + " x " + samples + " samples (" + nativeTileBytes() + " bytes)");
            }
            if (samples == 3 && level.planarConfiguration() == 1) {
                byte[] out = new byte[3 * n];
                for (int i = 0; i < n; i++) {
                    out[3 * i] = stored[i];
                    out[3 * i + 1] = stored[n + i];
                    out[3 * i + 2] = stored[2 * n + i];
                }
                return out;
            }
            return stored;
        }
        if (isJpegLs(transferSyntaxUid)) {
            try {
                return JpegLsCodec.decode(stored, stored.length, rows, columns, samples, level.bitsAllocated());
            } catch (CorruptPixelDataException e) {
                throw new InputException("A JPEG-LS tile of " + level.name() + " cannot be decoded: " + e.getMessage(), e);
            }
        }
        BufferedImage img = read(stored);
        Raster r = img.getRaster();
        if (r.getWidth() != columns || r.getHeight() != rows) { // more is as wrong as fewer: never cut to size
            throw new InputException("A tile decodes to " + r.getWidth() + "x" + r.getHeight() + ", the header says " + columns + "x" + rows);
        }
        byte[] out = new byte[samples * n * bytesPerSample()];
        if (samples == 1 && bytesPerSample() == 2) {
            int[] px = r.getSamples(0, 0, columns, rows, 0, (int[]) null);
            for (int i = 0; i < n; i++) {
                out[2 * i] = (byte) px[i];
                out[2 * i + 1] = (byte) (px[i] >> 8);
            }
        } else if (samples == 1) {
            int[] px = r.getSamples(0, 0, columns, rows, 0, (int[]) null);
            for (int i = 0; i < n; i++) out[i] = (byte) px[i];
        } else {
            int[] rgb = img.getRGB(0, 0, columns, rows, null, 0, columns);
            for (int i = 0; i < n; i++) {
                out[3 * i] = (byte) (rgb[i] >> 16);
                out[3 * i + 1] = (byte) (rgb[i] >> 8);
                out[3 * i + 2] = (byte) rgb[i];
            }
        }
        return out;
    }

    private BufferedImage read(byte[] stored) throws IOException {
        String ts = transferSyntaxUid;
        boolean j2k = JPEG_2000.equals(ts) || JPEG_2000_LOSSLESS.equals(ts);
        String format = j2k ? "JPEG 2000" : "JPEG";
        ImageReader reader;
        try {
            reader = j2k ? ImageIoCodecs.jpeg2000Reader() : ImageIoCodecs.jpegReader();
        } catch (IllegalStateException e) {
            throw new InputException("The " + format + " tiles of " + level.name() + " cannot be decoded: " + e.getMessage(), e);
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(stored))) {
            reader.setInput(in);
            return reader.read(0);
        } catch (RuntimeException e) {
            throw new InputException("A " + format + " tile cannot be decoded: " + e, e);
        } finally {
            reader.dispose();
        }
    }
}
