package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ij.IJ;
import ij.ImagePlus;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as scripts use it: exit codes, the JSON contract, export → import round trips. */
class MainTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() { return out.toString(StandardCharsets.UTF_8); }
    private String stderr() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void infoJsonHasEveryContractKey() {
        Shared.assumePresent();
        assertEquals(0, run("info", Shared.corpus("highdicom/seg_image_ct_binary_overlap.dcm").toString(), "--json"));
        JsonObject o = JsonParser.parseString(stdout()).getAsJsonObject();
        for (String k : List.of("sopClassUID", "segmentationType", "fractionalType", "maxFractionalValue", "transferSyntaxUID",
                "dimensionOrganizationType", "rows", "columns", "frames", "totalPixelMatrix", "segments")) {
            assertTrue(o.has(k), "key " + k);
        }
        assertEquals("1.2.840.10008.5.1.4.1.1.66.4", o.get("sopClassUID").getAsString());
        assertEquals("BINARY", o.get("segmentationType").getAsString());
        assertTrue(o.get("fractionalType").isJsonNull());
        assertEquals("1.2.840.10008.1.2", o.get("transferSyntaxUID").getAsString());
        assertEquals(8, o.get("frames").getAsInt());
        assertEquals(16, o.get("rows").getAsInt());
        assertTrue(o.get("totalPixelMatrix").isJsonNull());
        JsonArray segs = o.getAsJsonArray("segments");
        assertEquals(2, segs.size());
        JsonObject s1 = segs.get(0).getAsJsonObject();
        assertEquals(1, s1.get("number").getAsInt());
        assertEquals(64, s1.get("pixelCount").getAsLong());
        assertEquals(16, segs.get(1).getAsJsonObject().get("pixelCount").getAsLong());
        for (String k : List.of("label", "category", "type", "algorithmType", "trackingId", "trackingUid")) {
            assertTrue(s1.has(k), "segment key " + k);
        }
        assertTrue(s1.getAsJsonObject("type").has("CodeValue"));
        assertTrue(s1.getAsJsonObject("type").has("CodingSchemeDesignator"));
        assertTrue(s1.getAsJsonObject("type").has("CodeMeaning"));
    }

    @Test
    void infoJsonOfTiledAndFractionalFiles() {
        Shared.assumePresent();
        assertEquals(0, run("info", Shared.corpus("highdicom/seg_image_sm_dots_tiled_full.dcm").toString(), "--json"));
        JsonObject o = JsonParser.parseString(stdout()).getAsJsonObject();
        assertEquals("TILED_FULL", o.get("dimensionOrganizationType").getAsString());
        assertEquals(50, o.getAsJsonObject("totalPixelMatrix").get("rows").getAsInt());
        assertEquals(1250, o.get("frames").getAsInt());
        assertEquals(0, run("info", Shared.corpus("highdicom/seg_image_ct_binary_fractional.dcm").toString(), "--json"));
        o = JsonParser.parseString(stdout()).getAsJsonObject();
        assertEquals("FRACTIONAL", o.get("segmentationType").getAsString());
        assertEquals("PROBABILITY", o.get("fractionalType").getAsString());
        assertEquals(255, o.get("maxFractionalValue").getAsInt());
    }

    @Test
    void unreadableInputIsOneLineAndExitOne() throws Exception {
        Path txt = tmp.resolve("notes.dcm");
        Files.writeString(txt, "this is not DICOM\n");
        assertEquals(1, run("info", txt.toString()));
        String e = stderr().trim();
        assertTrue(e.startsWith("dicomseg: notes.dcm"), e);
        assertFalse(e.contains("\n"), "one line: " + e);
        assertFalse(e.contains("Exception"), e);
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run());
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run("info", "a.dcm", "--jsn"));
        assertTrue(stderr().contains("unknown option --jsn"), stderr());
        assertEquals(2, run("export", "--labels", "x.tif", "--rois", "r.zip", "--source", "s", "--out", "o.dcm"));
        assertEquals(2, run("import", "a.dcm", "--out", "x.tif", "--as", "mesh"));
    }

    @Test
    void binaryRleWarnsOnStderrThatPydicomCannotReadIt() throws Exception {
        Path rle = tmp.resolve("binary-rle.dcm");
        assertEquals(0, run("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out",
                rle.toString(), "--type", "BINARY", "--compression", "rle"), stderr());
        List<String> lines = stderr().lines().collect(java.util.stream.Collectors.toList());
        assertEquals(1, lines.size(), stderr());
        assertTrue(lines.get(0).startsWith("warning: BINARY with RLE Lossless") && lines.get(0).contains("pydicom and highdicom"),
                lines.get(0));
        Path j2k = tmp.resolve("binary-j2k.dcm");
        assertEquals(0, run("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out",
                j2k.toString(), "--type", "BINARY", "--compression", "j2k"), stderr());
        assertEquals("", stderr(), "BINARY + JPEG 2000 (1-bit code streams) needs no warning");
        Conformance.assertConformant(rle, j2k);
        try (SegmentationReader a = SegmentationReader.open(rle); SegmentationReader b = SegmentationReader.open(j2k)) {
            assertEquals(a.frames().size(), b.frames().size());
            assertEquals(a.segmentPixelCounts(), b.segmentPixelCounts(), "the same pixels either way");
        }
    }

    @Test
    void jpegLsExportImportsBackAndBinaryJpegLsIsRefused() throws Exception {
        Path seg = tmp.resolve("labels-jpegls.dcm");
        assertEquals(0, run("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out",
                seg.toString(), "--type", "LABELMAP", "--compression", "jpegls"), stderr());
        Conformance.assertConformant(seg);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            assertEquals("1.2.840.10008.1.2.4.80", r.metadata().transferSyntaxUid());
        }
        Path tif = tmp.resolve("labels-jpegls.tif");
        assertEquals(0, run("import", seg.toString(), "--out", tif.toString(), "--as", "labels"), stderr());
        ImagePlus back = IJ.openImage(tif.toString());
        ImagePlus orig = IJ.openImage("sample-images/labels.tif");
        for (int z = 1; z <= orig.getStackSize(); z++) {
            org.junit.jupiter.api.Assertions.assertArrayEquals((byte[]) orig.getStack().getPixels(z),
                    (byte[]) back.getStack().getPixels(z), "plane " + z);
        }
        Path binary = tmp.resolve("binary-jpegls.dcm");
        assertTrue(run("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out",
                binary.toString(), "--type", "BINARY", "--compression", "jpegls") != 0);
        String e = stderr().trim();
        assertTrue(e.contains("JPEG-LS Lossless cannot hold BINARY"), e);
        assertFalse(e.contains("\n"), "one line: " + e);
        assertFalse(Files.exists(binary));
    }

    @Test
    void exportImportRoundTripOnSampleImages() throws Exception {
        Path seg = tmp.resolve("labels.dcm");
        assertEquals(0, run("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out",
                seg.toString(), "--type", "LABELMAP", "--compression", "rle"), stderr());
        Conformance.assertConformant(seg);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            assertEquals("LABELMAP", r.segmentationType().name());
            assertEquals(3, r.segments().size());
        }
        Path tif = tmp.resolve("labels-back.tif");
        assertEquals(0, run("import", seg.toString(), "--out", tif.toString(), "--as", "labels"), stderr());
        ImagePlus back = IJ.openImage(tif.toString());
        ImagePlus orig = IJ.openImage("sample-images/labels.tif");
        assertEquals(orig.getStackSize(), back.getStackSize());
        for (int z = 1; z <= orig.getStackSize(); z++) {
            byte[] a = (byte[]) orig.getStack().getPixels(z);
            byte[] b = (byte[]) back.getStack().getPixels(z);
            org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, "plane " + z);
        }
        // the output has the permissions of any new file in the folder (not a temporary file's owner-only ones)
        Path fresh = Files.createFile(tmp.resolve("fresh"));
        assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(tif));
        Files.delete(fresh);
        // refuses to replace without --overwrite, and leaves no temporary file behind
        assertEquals(2, run("import", seg.toString(), "--out", tif.toString()));
        // a SEG that cannot be read leaves neither the output nor a temporary file
        Path bad = Files.writeString(tmp.resolve("bad.dcm"), "not DICOM");
        assertEquals(1, run("import", bad.toString(), "--out", tmp.resolve("bad.tif").toString()));
        Files.delete(bad);
        try (Stream<Path> s = Files.list(tmp)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
            assertEquals(List.of("labels-back.tif", "labels.dcm"), names);
        }
    }

    @Test
    void paletteLabelMapColoursBecomeTheImportedLut() throws Exception {
        Path seg = tmp.resolve("palette.dcm");
        assertEquals(0, run("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out",
                seg.toString(), "--type", "LABELMAP", "--palette"), stderr());
        Conformance.assertConformant(seg);
        org.dicomseg.model.PaletteColorLut lut;
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            assertEquals("PALETTE COLOR", r.metadata().photometricInterpretation());
            lut = r.metadata().paletteColorLut();
            assertEquals(0, lut.rgbOf(0), "background black");
        }
        Path tif = tmp.resolve("palette-back.tif");
        assertEquals(0, run("import", seg.toString(), "--out", tif.toString(), "--as", "labels"), stderr());
        java.awt.image.IndexColorModel cm = (java.awt.image.IndexColorModel) IJ.openImage(tif.toString()).getProcessor().getColorModel();
        for (int label = 1; label <= 3; label++) {
            int want = lut.rgbOf(label);
            int got = cm.getRGB(label) & 0xFFFFFF;
            for (int shift = 0; shift <= 16; shift += 8) {
                assertTrue(Math.abs(((want >> shift) & 0xFF) - ((got >> shift) & 0xFF)) <= 1,
                        "label " + label + ": LUT " + Integer.toHexString(got) + ", palette " + Integer.toHexString(want));
            }
        }
        // a palette is for LABELMAP only: refused like any combination the writer refuses (exit 1), no file written
        Path binary = tmp.resolve("binary.dcm");
        assertEquals(1, run("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out",
                binary.toString(), "--type", "BINARY", "--palette"));
        assertTrue(stderr().contains("Palette"), stderr());
        assertFalse(Files.exists(binary));
    }

    @Test
    void exportRoisAndImportAsRoiSet() throws Exception {
        Path seg = tmp.resolve("rois.dcm");
        assertEquals(0, run("export", "--rois", "sample-images/RoiSet.zip", "--source", "sample-images/ct", "--out",
                seg.toString()), stderr());
        Conformance.assertConformant(seg);
        Path zip = tmp.resolve("back.zip");
        assertEquals(0, run("import", seg.toString(), "--out", zip.toString(), "--as", "rois"), stderr());
        assertTrue(Files.size(zip) > 0);
        assertTrue(stdout().contains("ROIs"), stdout());
        Path fresh = Files.createFile(tmp.resolve("fresh"));
        assertEquals(Files.getPosixFilePermissions(fresh), Files.getPosixFilePermissions(zip));
        assertEquals(List.of("back.zip", "fresh", "rois.dcm"), Files.list(tmp).map(p -> p.getFileName().toString()).sorted()
                .collect(Collectors.toList()));
    }

    @Test
    void demoRunsOnSampleImages() {
        Path outDir = tmp.resolve("demo");
        assertEquals(0, run("demo", Paths.get("sample-images").toString(), outDir.toString()), stderr());
        assertTrue(stdout().contains("demo: OK"), stdout());
        Conformance.assertConformant(outDir.resolve("labels-binary.dcm"), outDir.resolve("labels-labelmap-rle.dcm"),
                outDir.resolve("rois-binary.dcm"));
    }
}
