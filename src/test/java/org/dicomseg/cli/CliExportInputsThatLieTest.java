package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dicomseg export} on inputs that lie: a TIFF whose header claims 100,000 x 100,000 pixels
 * (uncompressed and LZW), a RoiSet.zip entry claiming 3 GB, a zip bomb entry, a damaged RoiSet.zip,
 * a DICOM SEG given as {@code --labels}. Each is refused before anything is allocated by its
 * numbers (the test JVM's heap is far smaller than the claims), with one line on stderr naming the
 * file and what it claims, exit status 1, no Java exception names, no output file.
 */
class CliExportInputsThatLieTest {
    @TempDir
    Path tmp;

    private String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(status), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private void assertRefused(String[] r, String... parts) {
        assertEquals("1", r[0], r[2]);
        assertEquals(1, r[2].split("\n", -1).length - 1, "one line on stderr: " + r[2]);
        for (String p : parts) assertTrue(r[2].contains(p), "'" + p + "' not in " + r[2]);
        assertFalse(r[2].contains("Exception") || r[2].contains("java."), r[2]);
        assertFalse(Files.exists(tmp.resolve("out.dcm")));
    }

    /** A little-endian TIFF of one 8-bit image whose header claims {@code w x h}, with a few bytes of strip. */
    static byte[] lyingTiff(int w, int h, int compression) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 8 * 12 + 4 + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        int[][] tags = {{256, 4, w}, {257, 4, h}, {258, 3, 8}, {259, 3, compression}, {262, 3, 1}, {273, 4, 8 + 2 + 8 * 12 + 4},
            {278, 4, h}, {279, 4, 64}};
        b.putShort((short) tags.length);
        for (int[] t : tags) {
            b.putShort((short) t[0]).putShort((short) t[1]).putInt(1);
            if (t[1] == 3) b.putShort((short) t[2]).putShort((short) 0);
            else b.putInt(t[2]);
        }
        b.putInt(0);
        return b.array();
    }

    @Test
    void lyingLabelImagesAreRefusedBeforeAllocating() throws Exception {
        String ct = Paths.get("sample-images/ct").toAbsolutePath().toString();
        String out = tmp.resolve("out.dcm").toString();
        Path big = Files.write(tmp.resolve("big.tif"), lyingTiff(100_000, 100_000, 1));
        assertRefused(run("export", "--labels", big.toString(), "--source", ct, "--out", out),
                "big.tif: the TIFF header claims 1 image of 100000 x 100000 pixels (10000000000 bytes), but the file holds 174 bytes",
                "the file is truncated or its header lies");
        Path lzw = Files.write(tmp.resolve("lzw.tif"), lyingTiff(100_000, 100_000, 5));
        assertRefused(run("export", "--labels", lzw.toString(), "--source", ct, "--out", out), "lzw.tif: the TIFF header claims",
                "which decode to at most");
        // Fuzz findings (ImageJ's TIFF decoder allocated by, or looped on, what the directories claim):
        // a field claiming 16777217 values far past the end, and a directory chain that loops
        byte[] field = lyingTiff(64, 64, 1);
        ByteBuffer fb = ByteBuffer.wrap(field).order(ByteOrder.LITTLE_ENDIAN);
        int strips = 10 + 5 * 12; // the 6th entry: StripOffsets (273)
        assertEquals(273, fb.getShort(strips));
        fb.putInt(strips + 4, 16777217).putInt(strips + 8, 1 << 30);
        assertRefused(run("export", "--labels", Files.write(tmp.resolve("field.tif"), field).toString(), "--source", ct, "--out", out),
                "field.tif: TIFF field 273 of image file directory 1 claims 16777217 values at offset 1073741824, past the end");
        byte[] loop = lyingTiff(64, 64, 1);
        ByteBuffer.wrap(loop).order(ByteOrder.LITTLE_ENDIAN).putInt(10 + 8 * 12, 8);
        assertRefused(run("export", "--labels", Files.write(tmp.resolve("loop.tif"), loop).toString(), "--source", ct, "--out", out),
                "loop.tif: TIFF image file directory 2 points back to an earlier one");
        // A SEG given as the label image
        Path seg = Files.copy(Shared.corpus("highdicom/seg_image_ct_binary.dcm"), tmp.resolve("seg.dcm"));
        String[] r = run("export", "--labels", seg.toString(), "--source", ct, "--out", out);
        assertRefused(r, "seg.dcm is a DICOM file, not a label image");
        assertEquals("", r[1], "nothing of ImageJ's on stdout");
    }

    @Test
    void lyingAndDamagedRoiSetsAreNamed() throws Exception {
        String ct = Paths.get("sample-images/ct").toAbsolutePath().toString();
        String out = tmp.resolve("out.dcm").toString();
        byte[] roi;
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(Paths.get("sample-images/RoiSet.zip").toFile())) {
            ZipEntry first = z.entries().nextElement();
            roi = z.getInputStream(first).readAllBytes();
        }
        // A stored entry whose local header claims 3 GB
        ByteArrayOutputStream zb = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zb)) {
            ZipEntry e = new ZipEntry("0001-0001.roi");
            e.setMethod(ZipEntry.STORED);
            e.setSize(roi.length);
            e.setCompressedSize(roi.length);
            CRC32 crc = new CRC32();
            crc.update(roi);
            e.setCrc(crc.getValue());
            z.putNextEntry(e);
            z.write(roi);
            z.closeEntry();
        }
        byte[] claims = zb.toByteArray();
        ByteBuffer.wrap(claims).order(ByteOrder.LITTLE_ENDIAN).putInt(18, 0xC0000000).putInt(22, 0xC0000000);
        Path huge = Files.write(tmp.resolve("huge.zip"), claims);
        assertRefused(run("export", "--rois", huge.toString(), "--source", ct, "--out", out),
                "Entry 1 (0001-0001.roi) of " + huge + " claims 3221225472 bytes; an ImageJ ROI is at most 64 MB");
        // A deflated entry that inflates to 100 MB (a zip bomb of ~100 KB)
        Path bomb = tmp.resolve("bomb.zip");
        try (OutputStream f = Files.newOutputStream(bomb); ZipOutputStream z = new ZipOutputStream(f)) {
            z.putNextEntry(new ZipEntry("bomb.roi"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) z.write(zeros);
            z.closeEntry();
        }
        assertTrue(Files.size(bomb) < 1 << 20);
        assertRefused(run("export", "--rois", bomb.toString(), "--source", ct, "--out", out),
                "Entry 1 (bomb.roi) of " + bomb + " inflates to more than 64 MB");
        // The sample RoiSet.zip cut in the middle
        byte[] all = Files.readAllBytes(Paths.get("sample-images/RoiSet.zip"));
        Path cut = Files.write(tmp.resolve("cut.zip"), Arrays.copyOf(all, all.length / 2));
        assertRefused(run("export", "--rois", cut.toString(), "--source", ct, "--out", out),
                cut + " is not a readable RoiSet .zip or .roi file: it is damaged at entry");
    }
}
