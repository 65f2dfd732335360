package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import ij.IJ;
import ij.ImagePlus;

import org.dicomseg.cli.Main;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.OrthancServer;
import org.dicomseg.testing.XvfbImageJ;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.DicomJson;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server commands by macro in a real ImageJ under Xvfb, against a real Orthanc: Servers... adds
 * the server (its password from DICOMSEG_PASSWORD, never in the macro), Export Label Image as SEG...
 * writes against the remote CT series and stores to the server (store=orthanc), DICOM SEG from
 * Server... opens it back as a label image, pixel-identical to the import of the written file.
 */
class ServerMacroXvfbTest {
    private static final String SENTINEL = "SERVER_MACRO_DONE";

    @Test
    void storeSearchAndOpenByMacro(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/xvfb-run")), "xvfb-run is not installed");
        try (OrthancServer orthanc = OrthancServer.startOrSkip()) {
            orthanc.uploadFolder(Paths.get("sample-images/ct"));
            Path slide = dir.resolve("slide.dcm");
            new org.dicomseg.samples.SlideWriter(org.dicomseg.samples.SampleStudy.deterministic(23), 1000, 800, 128).rgb(true).jpeg(true)
                    .series("series/xvfb-slide").write(slide);
            orthanc.upload(slide);
            DicomWebClient c = DicomWebClient.connect(DicomWebUrl.parse(orthanc.dicomWeb()),
                    Credentials.basic(orthanc.user(), orthanc.password()), null);
            JsonObject ct = c.search(null, "series", Map.of("Modality", "CT")).get(0);
            JsonObject sm = c.search(null, "series", Map.of("Modality", "SM")).get(0);
            String slideUrl = orthanc.dicomWeb() + "/studies/" + DicomJson.string(sm, "0020000D") + "/series/" + DicomJson.string(sm, "0020000E");
            String ctUrl = orthanc.dicomWeb() + "/studies/" + DicomJson.string(ct, "0020000D") + "/series/" + DicomJson.string(ct, "0020000E");
            Path written = dir.resolve("written-seg.dcm");
            Path remoteSlideSeg = dir.resolve("remote-slide-seg.dcm");
            Path localSlideSeg = dir.resolve("local-slide-seg.dcm");
            Path opened = dir.resolve("opened-from-server.tif");
            Path openedSegment = dir.resolve("segment-2-from-server.tif");
            String labels = Paths.get("sample-images/labels.tif").toAbsolutePath().toString();
            String macro = String.join("\n",
                    "run(\"Servers...\", \"action=add name=orthanc url=[" + orthanc.dicomWeb() + "] auth=password user=" + orthanc.user() + "\");",
                    "open(\"" + labels + "\");",
                    "run(\"Export Label Image as SEG...\", \"source=[" + ctUrl + "] out=[" + written + "] segmentation=BINARY store=orthanc\");",
                    "close(\"*\");",
                    "run(\"DICOM SEG from Server...\", \"server=orthanc patient=PHANTOM-1 output=[label image]\");",
                    "print(\"OPENED \" + getTitle() + \" \" + getWidth() + \" \" + getHeight() + \" \" + nSlices);",
                    "saveAs(\"Tiff\", \"" + opened + "\");",
                    "close(\"*\");",
                    // one segment: read frame by frame from the server (its metadata, then that segment's frames)
                    "run(\"DICOM SEG from Server...\", \"server=orthanc patient=PHANTOM-1 output=[label image] segments=2\");",
                    "saveAs(\"Tiff\", \"" + openedSegment + "\");",
                    "run(\"Open DICOM Slide...\", \"slide=[" + slideUrl + "] level=1 x=300 y=200 width=400 height=300\");",
                    "print(\"SLIDE \" + getWidth() + \" \" + getHeight() + \" \" + bitDepth());",
                    // ROIs drawn on the server slide's region export onto the remote level and are stored there;
                    // the same ROIs on the same region of the local file give the same SEG
                    "makeOval(40, 30, 120, 90); roiManager(\"add\");",
                    "run(\"Export ROIs as SEG...\", \"out=[" + remoteSlideSeg + "] store=orthanc\");",
                    "close(\"*\");",
                    "run(\"Open DICOM Slide...\", \"slide=[" + slide + "] level=1 x=300 y=200 width=400 height=300\");",
                    "run(\"Export ROIs as SEG...\", \"out=[" + localSlideSeg + "]\");");
            List<String> lines = runMacro(dir, macro, Map.of(Credentials.ENV_PASSWORD, orthanc.password()));
            assertFalse(String.join("\n", lines).contains(orthanc.password()), "the password never appears in ImageJ's output");
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("OPENED ") && l.endsWith(" 64 64 5")), String.join("\n", lines));
            assertTrue(lines.contains("SLIDE 400 300 24"), String.join("\n", lines));
            Conformance.assertConformant(written, remoteSlideSeg, localSlideSeg);
            assertEquals(8, orthanc.instanceCount(), "5 CT + a slide + the two SEGs stored by the exports");
            org.dicomseg.testing.CanonicalDicom remoteHash = new org.dicomseg.testing.CanonicalDicom(List.of(slide), false);
            remoteHash.file(0, Files.readAllBytes(remoteSlideSeg));
            org.dicomseg.testing.CanonicalDicom localHash = new org.dicomseg.testing.CanonicalDicom(List.of(slide), false);
            localHash.file(0, Files.readAllBytes(localSlideSeg));
            assertEquals(localHash.hash(), remoteHash.hash(), "the SEG on the server slide = the SEG on the local file, but for UIDs and clock");

            Path local = dir.resolve("from-file.tif");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertEquals(0, Main.run(List.of("import", written.toString(), "--out", local.toString(), "--as", "labels"),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                    err.toString(StandardCharsets.UTF_8));
            ImagePlus a = IJ.openImage(local.toString());
            ImagePlus b = IJ.openImage(opened.toString());
            assertEquals(a.getStackSize(), b.getStackSize());
            long nonZero = 0;
            for (int i = 1; i <= a.getStackSize(); i++) {
                byte[] pa = (byte[]) a.getStack().getPixels(i);
                assertArrayEquals(pa, (byte[]) b.getStack().getPixels(i), "plane " + i);
                for (byte x : pa) if (x != 0) nonZero++;
            }
            assertTrue(nonZero > 0);

            Path localSegment = dir.resolve("segment-2-from-file.tif");
            assertEquals(0, Main.run(List.of("import", written.toString(), "--out", localSegment.toString(), "--as", "labels", "--segments", "2"),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                    err.toString(StandardCharsets.UTF_8));
            ImagePlus sa = IJ.openImage(localSegment.toString());
            ImagePlus sb = IJ.openImage(openedSegment.toString());
            assertEquals(sa.getStackSize(), sb.getStackSize());
            long segmentPixels = 0;
            for (int i = 1; i <= sa.getStackSize(); i++) {
                byte[] pa = (byte[]) sa.getStack().getPixels(i);
                assertArrayEquals(pa, (byte[]) sb.getStack().getPixels(i), "segment 2, plane " + i);
                for (byte x : pa) if (x != 0) segmentPixels++;
            }
            assertTrue(segmentPixels > 0 && segmentPixels < nonZero, "segment 2 alone: " + segmentPixels + " of " + nonZero);
        }
    }

    /**
     * A two-level slide series on the server: ROIs drawn on a region of the coarse level export at
     * full resolution ({@code target=finest}) and, from the fine level, as a pyramid; each SEG is
     * the one the same macro writes from the local files, but for UIDs and clock, and lands on the
     * remote instances (their metadata is the source; no tile is fetched for the export).
     */
    @Test
    void finestAndPyramidFromAServerSlide(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/xvfb-run")), "xvfb-run is not installed");
        Path slides = Files.createDirectories(dir.resolve("slide"));
        List<Path> levels = org.dicomseg.testing.TiledSegs.pyramid(slides);
        try (OrthancServer orthanc = OrthancServer.startOrSkip()) {
            for (Path l : levels) orthanc.upload(l);
            DicomWebClient c = DicomWebClient.connect(DicomWebUrl.parse(orthanc.dicomWeb()),
                    Credentials.basic(orthanc.user(), orthanc.password()), null);
            JsonObject sm = c.search(null, "series", Map.of("Modality", "SM")).get(0);
            String slideUrl = orthanc.dicomWeb() + "/studies/" + DicomJson.string(sm, "0020000D") + "/series/" + DicomJson.string(sm, "0020000E");
            StringBuilder macro = new StringBuilder("run(\"Servers...\", \"action=add name=orthanc url=[" + orthanc.dicomWeb()
                    + "] auth=password user=" + orthanc.user() + "\");\n");
            for (String where : List.of("remote", "local")) {
                String slide = where.equals("remote") ? slideUrl : levels.get(0).toString();
                macro.append("run(\"Open DICOM Slide...\", \"slide=[" + slide + "] level=2 x=50 y=40 width=300 height=200\");\n")
                        .append("makeOval(40, 30, 120, 90); roiManager(\"add\");\n")
                        .append("run(\"Export ROIs as SEG...\", \"out=[" + dir.resolve(where + "-finest.dcm") + "] target=finest\");\n")
                        .append("close(\"*\"); roiManager(\"reset\");\n")
                        .append("run(\"Open DICOM Slide...\", \"slide=[" + slide + "] level=1 x=100 y=100 width=400 height=300\");\n")
                        .append("makeOval(60, 50, 200, 150); roiManager(\"add\");\n")
                        .append("run(\"Export ROIs as SEG...\", \"out=[" + dir.resolve(where + "-pyramid.dcm") + "] pyramid\");\n")
                        .append("close(\"*\"); roiManager(\"reset\");\n");
            }
            List<String> lines = runMacro(dir, macro.toString(), Map.of(Credentials.ENV_PASSWORD, orthanc.password()));
            for (String name : List.of("finest.dcm", "pyramid.dcm", "pyramid-level-2.dcm")) {
                Path remote = dir.resolve("remote-" + name);
                Path local = dir.resolve("local-" + name);
                assertTrue(Files.exists(remote) && Files.exists(local), name + "\n" + String.join("\n", lines));
                Conformance.assertConformant(remote, local);
                org.dicomseg.testing.CanonicalDicom r = new org.dicomseg.testing.CanonicalDicom(levels, false);
                r.file(0, Files.readAllBytes(remote));
                org.dicomseg.testing.CanonicalDicom l = new org.dicomseg.testing.CanonicalDicom(levels, false);
                l.file(0, Files.readAllBytes(local));
                assertEquals(l.hash(), r.hash(), name + ": the SEG on the server slide = the SEG on the local files");
            }
            try (org.dicomseg.read.SegmentationReader finest = org.dicomseg.read.SegmentationReader.open(dir.resolve("remote-finest.dcm"))) {
                assertEquals(org.dicomseg.testing.TiledSegs.W, finest.metadata().totalPixelMatrixColumns(), "written on the finest level");
            }
        }
    }

    /**
     * A slide with three focal planes on the server (TILED_SPARSE): Open DICOM Slide... over the
     * series URL opens a region as a Z stack, pixel for pixel the local file's; ROIs drawn on focal
     * plane 2 and on every plane export as one tiled SEG with the three focal planes, the one the
     * same macro writes from the local file, but for UIDs and clock.
     */
    @Test
    void focalPlanesFromAServerSlide(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/xvfb-run")), "xvfb-run is not installed");
        Path level = org.dicomseg.testing.FocalSlides.slide(dir.resolve("slide"), true, 1);
        try (OrthancServer orthanc = OrthancServer.startOrSkip()) {
            orthanc.upload(level);
            DicomWebClient c = DicomWebClient.connect(DicomWebUrl.parse(orthanc.dicomWeb()),
                    Credentials.basic(orthanc.user(), orthanc.password()), null);
            JsonObject sm = c.search(null, "series", Map.of("Modality", "SM")).get(0);
            String slideUrl = orthanc.dicomWeb() + "/studies/" + DicomJson.string(sm, "0020000D") + "/series/" + DicomJson.string(sm, "0020000E");
            StringBuilder macro = new StringBuilder("run(\"Servers...\", \"action=add name=orthanc url=[" + orthanc.dicomWeb()
                    + "] auth=password user=" + orthanc.user() + "\");\n");
            for (String where : List.of("remote", "local")) {
                String slide = where.equals("remote") ? slideUrl : level.toString();
                macro.append("run(\"Open DICOM Slide...\", \"slide=[" + slide + "] level=1 x=300 y=200 width=400 height=300\");\n")
                        .append("print(\"ZSTACK " + where + " \" + nSlices);\n")
                        .append("saveAs(\"Tiff\", \"" + dir.resolve(where + "-stack.tif") + "\");\n")
                        .append("makeOval(40, 30, 200, 150); Roi.setPosition(2); roiManager(\"add\");\n")
                        .append("makeRectangle(250, 20, 100, 240); Roi.setPosition(0); roiManager(\"add\");\n")
                        .append("run(\"Export ROIs as SEG...\", \"out=[" + dir.resolve(where + "-focal.dcm") + "] tiles=full\");\n")
                        .append("close(\"*\"); roiManager(\"reset\");\n");
            }
            List<String> lines = runMacro(dir, macro.toString(), Map.of(Credentials.ENV_PASSWORD, orthanc.password()));
            assertTrue(lines.contains("ZSTACK remote 3") && lines.contains("ZSTACK local 3"), String.join("\n", lines));
            ImagePlus remoteStack = IJ.openImage(dir.resolve("remote-stack.tif").toString());
            ImagePlus localStack = IJ.openImage(dir.resolve("local-stack.tif").toString());
            assertEquals(3, remoteStack.getStackSize());
            for (int z = 1; z <= 3; z++) {
                assertArrayEquals((byte[]) localStack.getStack().getPixels(z), (byte[]) remoteStack.getStack().getPixels(z), "focal plane " + z);
            }
            Path remote = dir.resolve("remote-focal.dcm"), local = dir.resolve("local-focal.dcm");
            assertTrue(Files.exists(remote) && Files.exists(local), String.join("\n", lines));
            Conformance.assertConformant(remote, local);
            try (org.dicomseg.read.SegmentationReader r = org.dicomseg.read.SegmentationReader.open(remote)) {
                assertEquals(3, r.metadata().totalPixelMatrixFocalPlanes());
            }
            org.dicomseg.testing.CanonicalDicom r = new org.dicomseg.testing.CanonicalDicom(List.of(level), false);
            r.file(0, Files.readAllBytes(remote));
            org.dicomseg.testing.CanonicalDicom l = new org.dicomseg.testing.CanonicalDicom(List.of(level), false);
            l.file(0, Files.readAllBytes(local));
            assertEquals(l.hash(), r.hash(), "the SEG on the server's multi-focal slide = the SEG on the local file");
        }
    }

    /** Runs {@code macro} in ImageJ under Xvfb with {@code env} added. */
    private static List<String> runMacro(Path dir, String macro, Map<String, String> env) throws Exception {
        ImportMacroXvfbTest.pluginsFolder(dir);
        Path file = dir.resolve("server.ijm");
        Files.writeString(file, macro + "\nprint(\"" + SENTINEL + "\");\n");
        XvfbImageJ run = XvfbImageJ.java(List.of("ij.ImageJ", "-ijpath", dir.toString(), "-batch", file.toString())).timeout(180);
        env.forEach(run::env);
        List<String> lines = new ArrayList<>(List.of(run.run().split("\\R")));
        assertTrue(lines.contains(SENTINEL), "macro did not finish; output:\n" + String.join("\n", lines));
        return lines;
    }
}
