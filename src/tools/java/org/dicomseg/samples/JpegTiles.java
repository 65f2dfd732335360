package org.dicomseg.samples;

import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;

/**
 * Writes a multi-frame image with JPEG Baseline (PS3.5 A.4.1, 1.2.840.10008.1.2.4.50) frames
 * compressed by the JDK's ImageIO, or JPEG 2000 Lossless (A.4.4, .90; 8-bit grey) frames: the header through PixelMed, then encapsulated Pixel Data
 * (empty Basic Offset Table, one fragment per frame, PS3.5 A.4) appended by hand.
 */
final class JpegTiles {
    static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    private JpegTiles() { }

    static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";

    static void write(AttributeList header, byte[] pixels, int frames, int tile, int samples, boolean j2k, Path file) throws IOException {
        String ts = j2k ? JPEG_2000_LOSSLESS : JPEG_BASELINE;
        try {
            FileMetaInformation.addFileMetaInformation(header, ts, "DICOMSEG");
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                header.write(new java.io.FilterOutputStream(out) {
                    @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
                    @Override public void close() throws IOException { out.flush(); }
                }, ts, true, true);
                element(out, 0x7FE0, 0x0010);
                out.write(new byte[] {'O', 'B', 0, 0});
                u32(out, 0xFFFFFFFFL);
                item(out, new byte[0]);
                int n = tile * tile * samples;
                for (int f = 0; f < frames; f++) {
                    item(out, j2k ? org.dicomseg.pixels.Jpeg2000Codec.encode(java.util.Arrays.copyOfRange(pixels, f * n, (f + 1) * n), tile, tile, 8)
                            : encode(pixels, f * n, tile, samples));
                }
                element(out, 0xFFFE, 0xE0DD);
                u32(out, 0);
            }
        } catch (DicomException e) {
            throw new IOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] encode(byte[] px, int off, int tile, int samples) throws IOException {
        BufferedImage img = new BufferedImage(tile, tile, samples == 3 ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        if (samples == 3) {
            int[] rgb = new int[tile * tile];
            for (int i = 0; i < rgb.length; i++) {
                int p = off + 3 * i;
                rgb[i] = (px[p] & 0xFF) << 16 | (px[p + 1] & 0xFF) << 8 | (px[p + 2] & 0xFF);
            }
            img.setRGB(0, 0, tile, tile, rgb, 0, tile);
        } else {
            img.getRaster().setDataElements(0, 0, tile, tile, java.util.Arrays.copyOfRange(px, off, off + tile * tile));
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "jpeg", b)) throw new IOException("No JPEG writer");
        return b.toByteArray();
    }

    private static void item(OutputStream out, byte[] data) throws IOException {
        element(out, 0xFFFE, 0xE000);
        int len = data.length + (data.length & 1);
        u32(out, len);
        out.write(data);
        if ((data.length & 1) != 0) out.write(0);
    }

    private static void element(OutputStream out, int group, int elem) throws IOException {
        out.write(group & 0xFF);
        out.write(group >>> 8);
        out.write(elem & 0xFF);
        out.write(elem >>> 8);
    }

    private static void u32(OutputStream out, long v) throws IOException {
        for (int i = 0; i < 4; i++) out.write((int) (v >>> (8 * i)) & 0xFF);
    }
}
