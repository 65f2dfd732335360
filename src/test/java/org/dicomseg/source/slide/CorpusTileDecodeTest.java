package org.dicomseg.source.slide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.source.TotalPixelMatrix;
import org.dicomseg.testing.Shared;

/**
 * Open DICOM Slide...'s tile decoding ({@link SlideRegionReader}, {@link TileDecoder}) against
 * independent decoders from Debian on the corpus slides: JPEG baseline tiles against dcmtk's
 * {@code dcmdjpeg +cg} (IJG libjpeg, colour converted when the JPEG stream says YCbCr — the CMU
 * slide is labelled RGB over JFIF YCbCr tiles; its native output read with {@code dcmdump +W}), JPEG 2000 tiles
 * against OpenJPEG's {@code opj_decompress} (each frame's codestream written out by
 * {@code dcmdump +W}), JPEG-LS tiles (our own {@link org.dicomseg.pixels.JpegLsCodec}) against dcmtk's
 * {@code dcmdjpls} (CharLS), every tile. The first, a middle and the last tile of each level — the last one partly
 * beyond the Total Pixel Matrix, read clipped — must have the same RGB samples, every one.
 */
class CorpusTileDecodeTest {
    @TempDir static Path tmp;

    @BeforeAll
    static void tools() {
        Shared.assumePresent();
        for (String t : new String[] {"dcmdjpeg", "dcmdjpls", "dcmdump", "opj_decompress"}) {
            assertTrue(onPath(t), t + " is not installed (scripts/bootstrap installs dcmtk and libopenjp2-tools)");
        }
    }

    @Test
    void cmuJpegTilesMatchDcmdjpeg() throws Exception {
        jpeg("wsi/dicom-wsi-sample/cmu-1-small-region/level-0-frames-0-30.dcm");
    }

    @Test
    void camelyonJpegTilesMatchDcmdjpeg() throws Exception {
        jpeg("wsi/google-medical-imaging/multi_frame_jpeg_camelyon_challenge_image.dcm");
    }

    @Test
    void camelyonJpeg2000TilesMatchOpjDecompress() throws Exception {
        Path file = Shared.corpus("wsi/google-medical-imaging/multi_frame_jpeg2000_camelyon_challenge_image.dcm");
        SlideLevel level = SlideLevel.read(file);
        assertEquals(TileDecoder.JPEG_2000_LOSSLESS, level.transferSyntaxUid());
        Path dir = Files.createDirectories(tmp.resolve("j2k"));
        run(dir, "dcmdump", "-q", "+W", dir.toString(), file.toString());
        String base = file.getFileName().toString();
        for (int frame : frames(level)) {
            Path codestream = dir.resolve(base + "." + frame + ".raw"); // .0.raw is the Basic Offset Table
            Path ppm = dir.resolve("frame-" + frame + ".ppm");
            run(dir, "opj_decompress", "-i", codestream.toString(), "-o", ppm.toString());
            byte[] want = ppmSamples(ppm, level.matrix().tileColumns(), level.matrix().tileRows());
            compare(level, frame, want);
        }
    }

    @Test
    void highdicomJpegLsTilesMatchDcmdjpls() throws Exception {
        Path file = Shared.corpus("highdicom/sm_image_jpegls.dcm");
        SlideLevel level = SlideLevel.read(file);
        assertEquals(TileDecoder.JPEG_LS_LOSSLESS, level.transferSyntaxUid());
        Path dir = Files.createDirectories(tmp.resolve("jls"));
        Path decoded = dir.resolve("decoded.dcm");
        run(dir, "dcmdjpls", file.toString(), decoded.toString());
        run(dir, "dcmdump", "-q", "+W", dir.toString(), decoded.toString());
        byte[] all = Files.readAllBytes(dir.resolve("decoded.dcm.0.raw"));
        int tileBytes = level.matrix().tileRows() * level.matrix().tileColumns() * 3;
        assertEquals((long) tileBytes * level.frames(), all.length, "native frames written by dcmdjpls");
        for (int frame = 1; frame <= level.frames(); frame++) {
            byte[] want = new byte[tileBytes];
            System.arraycopy(all, (frame - 1) * tileBytes, want, 0, tileBytes);
            compare(level, frame, want);
        }
    }

    static void jpeg(String corpusPath) throws Exception {
        Path file = Shared.corpus(corpusPath);
        SlideLevel level = SlideLevel.read(file);
        assertEquals(TileDecoder.JPEG_BASELINE, level.transferSyntaxUid());
        Path dir = Files.createDirectories(tmp.resolve(file.getFileName().toString() + ".d"));
        Path decoded = dir.resolve("decoded.dcm");
        // +cg: convert to RGB when the JPEG stream itself says YCbCr (JFIF), as ImageIO does; the CMU
        // slide's header says RGB over JFIF (YCbCr) tiles, and dcmdjpeg's default trusts the header
        run(dir, "dcmdjpeg", "+cg", "+px", file.toString(), decoded.toString());
        String header = run(dir, "dcmdump", "+P", "0028,0004", "+P", "0028,0006", decoded.toString());
        assertTrue(header.contains("[RGB]") && header.contains("US 0"), "dcmdjpeg wrote interleaved RGB: " + header);
        run(dir, "dcmdump", "-q", "+W", dir.toString(), decoded.toString());
        byte[] all = Files.readAllBytes(dir.resolve("decoded.dcm.0.raw"));
        int tileBytes = level.matrix().tileRows() * level.matrix().tileColumns() * 3;
        assertEquals((long) tileBytes * level.frames(), all.length, "native frames written by dcmdjpeg");
        for (int frame : frames(level)) {
            byte[] want = new byte[tileBytes];
            System.arraycopy(all, (frame - 1) * tileBytes, want, 0, tileBytes);
            compare(level, frame, want);
        }
    }

    /** First, middle and last frame (1-based). */
    static int[] frames(SlideLevel level) {
        return new int[] {1, (level.frames() + 1) / 2, level.frames()};
    }

    /** The tile of {@code frame} read through {@link SlideRegionReader} equals {@code want} (a whole decoded tile, RGB interleaved). */
    static void compare(SlideLevel level, int frame, byte[] want) throws IOException {
        TotalPixelMatrix m = level.matrix();
        int tr = m.tileRows(), tc = m.tileColumns();
        long across = (m.columns() + tc - 1) / tc;
        long ty = (frame - 1) / across * tr, tx = (frame - 1) % across * tc;
        int w = (int) Math.min(tc, m.columns() - tx), h = (int) Math.min(tr, m.rows() - ty);
        SlideRaster r = SlideRegionReader.read(level, tx, ty, w, h);
        assertEquals(3, r.samples());
        byte[] got = r.pixels();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int s = 0; s < 3; s++) {
                    int g = got[(y * w + x) * 3 + s] & 0xFF, e = want[(y * tc + x) * 3 + s] & 0xFF;
                    if (g != e) {
                        fail(level.file().getFileName() + " frame " + frame + " pixel " + x + "," + y + " sample " + s + ": decoded " + g
                                + ", the independent decoder " + e);
                    }
                }
            }
        }
    }

    /** The samples of a binary 8-bit PPM (P6) of {@code w × h}. */
    static byte[] ppmSamples(Path ppm, int w, int h) throws IOException {
        byte[] b = Files.readAllBytes(ppm);
        int[] pos = {0};
        String magic = token(b, pos);
        assertEquals("P6", magic, ppm + " is not a binary PPM");
        int width = Integer.parseInt(token(b, pos)), height = Integer.parseInt(token(b, pos)), max = Integer.parseInt(token(b, pos));
        assertEquals(w, width, ppm + " width");
        assertEquals(h, height, ppm + " height");
        assertEquals(255, max, ppm + " maximum value");
        int start = pos[0] + 1; // one whitespace byte after the maximum value
        byte[] out = new byte[w * h * 3];
        System.arraycopy(b, start, out, 0, out.length);
        return out;
    }

    private static String token(byte[] b, int[] pos) {
        int i = pos[0];
        while (true) {
            while (i < b.length && Character.isWhitespace(b[i])) i++;
            if (i < b.length && b[i] == '#') {
                while (i < b.length && b[i] != '\n') i++;
            } else {
                break;
            }
        }
        int s = i;
        while (i < b.length && !Character.isWhitespace(b[i])) i++;
        pos[0] = i;
        return new String(b, s, i - s, StandardCharsets.US_ASCII);
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }

    static String run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd))).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) fail(String.join(" ", cmd) + " failed (" + p.exitValue() + "):\n" + text);
        return text;
    }
}
