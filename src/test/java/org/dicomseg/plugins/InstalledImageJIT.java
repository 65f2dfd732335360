package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.JsonObject;

import org.dicomseg.testing.OrthancServer;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.DicomJson;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.slide.SlideLevel;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.source.slide.SlideRaster;
import org.dicomseg.source.slide.SlideRegionReader;
import org.dicomseg.testing.CineFixture;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.FocalSlides;
import org.dicomseg.testing.OtherSeries;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.SyntheticSegs;
import org.dicomseg.testing.XvfbImageJ;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as users install it (issue 14): {@code scripts/package} makes the release folder from the
 * packaged jar, {@code scripts/install} puts it into a fresh ImageJ folder exactly as docs/install.md
 * says (plugin in {@code plugins/}, libraries only in {@code plugins/jars/}), and ImageJ — started with
 * nothing but its own ij.jar on the class path, under Xvfb — runs {@code installed-imagej.ijm}: exports
 * with JPEG 2000 (LABELMAP, FRACTIONAL, BINARY as 1-bit code streams), imports them and pydicom's
 * JPEG 2000 SEG from the corpus, opens a JPEG 2000 and a JPEG tiled slide; then issue 18's options: a
 * JPEG-LS LABELMAP ({@code compression=jpegls}), a PALETTE COLOR label map with an ICC profile and two
 * further source series ({@code palette icc= further=}), a 12-slice × 25-frame label hyperstack over a
 * cine MR series (2D+t) and a {@code pyramid} export from level 4 of CMU-1 (Multi-Resolution Pyramid
 * module on every level), each imported back. Three installations: plain
 * ImageJ 1.54p (Maven Central), Debian's packaged ImageJ 1.53t ({@code /usr/bin/imagej}, installed by
 * scripts/bootstrap, its plugins folder {@code ~/.imagej}), and a Fiji-like folder (libraries in
 * {@code jars/} on the class path, as Fiji's launcher puts them). Also: what the installer skips and
 * says, that {@code --uninstall} leaves the folder as it was, and Options... with the NRRD/NIfTI round trip
 * in plain ImageJ. Needs the jar, so it runs in
 * failsafe ({@code mvn verify}).
 */
class InstalledImageJIT {
    static final Path REPO = Paths.get("").toAbsolutePath();
    static final Path MACRO = REPO.resolve("src/test/resources/org/dicomseg/plugins/installed-imagej.ijm");
    static final String DEBIAN_IMAGEJ = "/usr/bin/imagej";
    /** The ImageJ on the tests' class path (Maven Central's net.imagej:ij). */
    static final String IJ_VERSION = ij.ImageJ.VERSION;
    @TempDir static Path work;
    static Path release;
    static String version;
    /** The cine series, its label hyperstack, two further series and an ICC profile (the macro's 4th argument). */
    static Path fixtures;
    static CineFixture cine;

    @BeforeAll static void packageTheRelease() throws Exception {
        Path jar = Paths.get(System.getProperty("dicomseg.pluginJar"));
        assertTrue(Files.isRegularFile(jar), jar + " was not built");
        String name = jar.getFileName().toString();
        version = name.substring("DICOM_SEG-".length(), name.length() - ".jar".length());
        assertFalse(version.contains("SNAPSHOT"), "a release version: " + version);
        release = work.resolve("release");
        String out = run(List.of(REPO.resolve("scripts/package").toString(), "--no-build", release.toString()),
                Map.of("BUILD_DIR", jar.getParent().toString()), 120);
        assertTrue(out.trim().endsWith(release.toString()), out);
        List<String> files;
        try (Stream<Path> s = Files.walk(release)) {
            files = s.filter(Files::isRegularFile).map(p -> release.relativize(p).toString()).sorted().collect(Collectors.toList());
        }
        assertEquals(List.of(".dicomseg-package", "README.txt", "SHA256SUMS", "THIRD-PARTY-NOTICES.txt", "jars/gson-2.10.1.jar",
                "jars/jai-imageio-core-1.4.0.jar", "jars/jai-imageio-jpeg2000-1.4.0.jar", "jars/pixelmed-20220618.jar",
                "plugins/DICOM_SEG-" + version + ".jar"), files);
        String notices = Files.readString(release.resolve("THIRD-PARTY-NOTICES.txt"));
        for (String lib : new String[] {"PixelMed", "jai-imageio-core", "JJ2000", "Apache License"}) assertTrue(notices.contains(lib), lib);
        writeFixtures();
    }

    /** What the macro's issue-18 steps use: written once, shared by the three installations. */
    static void writeFixtures() throws Exception {
        fixtures = Files.createDirectories(work.resolve("fixtures"));
        cine = CineFixture.create();
        cine.writeSeries(fixtures.resolve("cine"));
        ij.ImageStack st = new ij.ImageStack(CineFixture.COLUMNS, CineFixture.ROWS);
        for (byte[] plane : cine.labelMap()) st.addSlice("", new ij.process.ByteProcessor(CineFixture.COLUMNS, CineFixture.ROWS, plane.clone()));
        ij.ImagePlus imp = new ij.ImagePlus("cine-labels", st);
        imp.setDimensions(1, CineFixture.SLICES, CineFixture.PHASES);
        imp.setOpenAsHyperStack(true);
        assertTrue(new ij.io.FileSaver(imp).saveAsTiff(fixtures.resolve("cine-labels.tif").toString()));
        Path ct = REPO.resolve("sample-images/ct");
        OtherSeries.copy(ct, fixtures.resolve("t2"), false);
        OtherSeries.copy(ct, fixtures.resolve("dwi"), false);
        Files.copy(Shared.root().resolve("oracle/site/highdicom/_icc_profiles/sRGB_v4_ICC_preference.icc"), fixtures.resolve("profile.icc"));
    }

    /** Runs a command with a timeout; returns stdout+stderr; fails on a non-zero exit. */
    static String run(List<String> cmd, Map<String, String> env, int seconds) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("timeout", "-k", "10", Integer.toString(seconds)));
        full.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) p.destroyForcibly();
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + text);
        return text;
    }

    static String install(Path dir, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(REPO.resolve("scripts/install").toString(), dir.toString()));
        cmd.addAll(List.of(more));
        return run(cmd, Map.of(), 60);
    }

    static String macroArgument(Path out) {
        return REPO + "|" + out + "|" + Shared.root().resolve("corpus") + "|" + fixtures;
    }

    static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().collect(Collectors.toList());
        }
    }

    /** The macro's lines, checked against what the same files give in process (class path, no ImageJ). */
    static void assertMacroWorked(String log, String imageJVersion, Path out) throws Exception {
        assertTrue(log.contains("INSTALLED_IMAGEJ_DONE"), "the macro did not finish:\n" + log);
        assertTrue(log.contains("IJ_VERSION " + imageJVersion), log);
        List<String> errors = new ArrayList<>();
        for (String l : log.split("\r?\n")) if (l.contains("ERROR") || l.contains("Exception")) errors.add(l);
        assertEquals(List.of(), errors, "no export or import may report an error:\n" + log);
        assertTrue(log.contains("BINARY_J2K_FILE 1"), "BINARY with JPEG 2000 is written:\n" + log);

        Path labelmap = out.resolve("labelmap-j2k.dcm"), fractional = out.resolve("fractional-j2k.dcm"),
                rois = out.resolve("rois-fractional-j2k.dcm"), binary = out.resolve("binary-j2k.dcm");
        Conformance.assertConformant(labelmap, fractional, rois, binary);
        for (Path f : new Path[] {labelmap, fractional, rois, binary}) {
            try (SegmentationReader seg = SegmentationReader.open(f)) {
                assertEquals("1.2.840.10008.1.2.4.90", seg.metadata().transferSyntaxUid(), f + " is JPEG 2000 Lossless");
            }
        }
        int labels = number(log, "LABELS_NONZERO (\\d+)");
        assertTrue(labels > 1000, log);
        assertEquals(labels, number(log, "IMPORT_LABELMAP_NONZERO (\\d+)"), "the label image comes back from its JPEG 2000 SEG");
        assertEquals(labels, number(log, "IMPORT_BINARY_NONZERO (\\d+)"), "the label image comes back from its 1-bit JPEG 2000 SEG");
        assertTrue(log.contains("IMPORT_HYPERSTACK 64x64 channels 3 slices 5 composite 1"), log);
        assertTrue(log.contains("IMPORT_FRACTIONAL 64x64 channels 3 bits 32"), log);

        Path liver = Shared.corpus("pydicom-data/liver_j2k.dcm");
        long liverPixels;
        try (SegmentationReader seg = SegmentationReader.open(liver)) {
            liverPixels = seg.segmentPixelCounts().values().stream().mapToLong(Long::longValue).sum();
        }
        assertTrue(liverPixels > 1000);
        assertTrue(log.contains("IMPORT_LIVER 512x512x3 nonzero " + liverPixels), "pydicom's JPEG 2000 SEG, " + liverPixels + " pixels:\n" + log);

        for (String[] slide : new String[][] {{"SLIDE_J2K", "multi_frame_jpeg2000_camelyon_challenge_image.dcm"},
                {"SLIDE_JPEG", "multi_frame_jpeg_camelyon_challenge_image.dcm"}}) {
            SlideLevel level = SlideLevel.read(Shared.corpus("wsi/google-medical-imaging/" + slide[1]));
            SlideRaster r = SlideRegionReader.read(level, 0, 0, (int) level.width(), (int) level.height());
            byte[] px = r.pixels();
            double sum = 0;
            // ImageJ's statistics of an RGB image: the rounded mean of R, G and B of each pixel
            for (int i = 0; i < px.length; i += 3) sum += Math.round(((px[i] & 0xFF) + (px[i + 1] & 0xFF) + (px[i + 2] & 0xFF)) / 3.0);
            double mean = sum / (px.length / 3);
            Matcher m = Pattern.compile(slide[0] + " (\\d+)x(\\d+) bits 24 mean ([0-9.]+) std ([0-9.]+)").matcher(log);
            assertTrue(m.find(), slide[0] + " missing:\n" + log);
            assertEquals(level.width(), Long.parseLong(m.group(1)), slide[0]);
            assertEquals(level.height(), Long.parseLong(m.group(2)), slide[0]);
            assertEquals(mean, Double.parseDouble(m.group(3)), 0.01, slide[0] + ": the same pixels as decoded in process");
            assertTrue(Double.parseDouble(m.group(4)) > 20, slide[0] + " has tissue, not a flat image");
        }
        assertIssue18StepsWorked(log, out, labels);
    }

    /** JPEG-LS, palette + ICC + further series, 2D+t and the slide pyramid, as the macro's steps 4-7 wrote and read them. */
    static void assertIssue18StepsWorked(String log, Path out, int labels) throws Exception {
        Path jpegls = out.resolve("labelmap-jpegls.dcm"), palette = out.resolve("further-palette.dcm"), cineSeg = out.resolve("cine-seg.dcm");
        List<Path> pyramid = new ArrayList<>(List.of(out.resolve("slide-pyramid.dcm")));
        for (int k = 5; k <= 12; k++) pyramid.add(out.resolve("slide-pyramid-level-" + k + ".dcm"));
        List<Path> all = new ArrayList<>(List.of(jpegls, palette, cineSeg));
        all.addAll(pyramid);
        for (Path f : all) assertTrue(Files.isRegularFile(f), f + " was not written:\n" + log);
        Conformance.assertConformant(all.toArray(new Path[0]));

        // JPEG-LS: the file is JPEG-LS Lossless, holds the label image's voxels, and ImageJ reads them back
        try (SegmentationReader seg = SegmentationReader.open(jpegls); SegmentationReader j2k = SegmentationReader.open(out.resolve("labelmap-j2k.dcm"))) {
            assertEquals("1.2.840.10008.1.2.4.80", seg.metadata().transferSyntaxUid(), "JPEG-LS Lossless");
            assertEquals(j2k.segmentPixelCounts(), seg.segmentPixelCounts(), "the same label image in JPEG-LS and JPEG 2000");
        }
        assertEquals(labels, number(log, "IMPORT_JPEGLS_NONZERO (\\d+)"), "the label image comes back from its JPEG-LS SEG");

        // palette + ICC + further series: the palette's colours are the imported label image's LUT
        try (SegmentationReader seg = SegmentationReader.open(palette)) {
            assertEquals("PALETTE COLOR", seg.metadata().photometricInterpretation());
            assertEquals(3, seg.metadata().referencedSeries().size(), "the CT and the two further series");
            org.dicomseg.model.PaletteColorLut lut = seg.metadata().paletteColorLut();
            String expected = "IMPORT_PALETTE_NONZERO " + labels + " lut1 " + rgb(lut.rgbOf(1)) + " lut2 " + rgb(lut.rgbOf(2));
            assertTrue(log.contains(expected), expected + " not in:\n" + log);
        }
        assertArrayEquals(Files.readAllBytes(fixtures.resolve("profile.icc")),
                SyntheticSegs.readAll(palette).get(new com.pixelmed.dicom.AttributeTag(0x0028, 0x2000)).getByteValues(), "the ICC profile");

        // 2D+t: one SEG with a temporal dimension; imported, each of the 25 frames has its own voxels, in order
        try (SegmentationReader seg = SegmentationReader.open(cineSeg)) {
            assertEquals(1, seg.metadata().temporalDimension());
        }
        byte[][] planes = cine.labelMap();
        StringBuilder frames = new StringBuilder();
        for (int t = 0; t < CineFixture.PHASES; t++) {
            long n = 0;
            for (int z = 0; z < CineFixture.SLICES; z++) for (byte b : planes[t * CineFixture.SLICES + z]) if (b != 0) n++;
            frames.append(' ').append(n);
        }
        String cineLine = "IMPORT_CINE " + CineFixture.COLUMNS + "x" + CineFixture.ROWS + " channels 1 slices " + CineFixture.SLICES
                + " frames " + CineFixture.PHASES + " nonzero" + frames;
        assertTrue(log.contains(cineLine), cineLine + " not in:\n" + log);

        // the pyramid: one Pyramid UID, label and description on every level; the rectangle (50, 40, 101 x 77) on each
        java.util.Set<String> uids = new java.util.HashSet<>();
        SlideSeries cmu = SlideSeries.scan(Shared.corpus("wsi/dicom-wsi-sample/cmu-1-small-region/level-0-frames-0-30.dcm"));
        for (int i = 0; i < pyramid.size(); i++) {
            Path f = pyramid.get(i);
            com.pixelmed.dicom.AttributeList h = SyntheticSegs.readAll(f);
            uids.add(com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(h, new com.pixelmed.dicom.AttributeTag(0x0008, 0x0019)));
            assertEquals("Installed ImageJ", com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(h, new com.pixelmed.dicom.AttributeTag(0x0020, 0x0027)), f.toString());
            assertEquals("Rectangle on level 4", com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(h, new com.pixelmed.dicom.AttributeTag(0x0008, 0x1088)), f.toString());
            int f2 = 1 << i; // level 4 + i: blocks of 2^i x 2^i pixels of level 4; a block is set when any of its pixels is
            org.dicomseg.source.TotalPixelMatrix m = cmu.level(3 + i).matrix();
            long cols = Math.min((50 + 101 - 1) / f2, m.columns() - 1) - 50 / f2 + 1;
            long rows = Math.min((40 + 77 - 1) / f2, m.rows() - 1) - 40 / f2 + 1;
            try (SegmentationReader seg = SegmentationReader.open(f)) {
                assertEquals(m.rows(), seg.metadata().totalPixelMatrixRows(), f + " rows");
                assertEquals(m.columns(), seg.metadata().totalPixelMatrixColumns(), f + " columns");
                assertEquals(Map.of(1, cols * rows), seg.segmentPixelCounts(), f + ": the rectangle's blocks");
            }
        }
        assertEquals(1, uids.size(), "one Pyramid UID: " + uids);
        assertTrue(uids.iterator().next() != null, "Pyramid UID written");
        org.dicomseg.source.TotalPixelMatrix four = cmu.level(3).matrix();
        assertTrue(log.contains("IMPORT_PYRAMID " + four.columns() + "x" + four.rows() + " nonzero " + (101 * 77)), log);
    }

    static String rgb(int rgb) {
        return ((rgb >> 16) & 0xFF) + "," + ((rgb >> 8) & 0xFF) + "," + (rgb & 0xFF);
    }

    static int number(String log, String regex) {
        Matcher m = Pattern.compile(regex).matcher(log);
        assertTrue(m.find(), regex + " not in:\n" + log);
        return Integer.parseInt(m.group(1));
    }

    static Path imageJJar() throws Exception {
        return Paths.get(ij.ImageJ.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test void plainImageJInstalledByTheScript() throws Exception {
        Path ij = Files.createDirectories(work.resolve("ImageJ"));
        Files.copy(imageJJar(), ij.resolve("ij.jar"));
        Files.createDirectories(ij.resolve("plugins"));
        List<String> before = tree(ij);
        String said = install(ij, "--from", release.toString());
        assertTrue(said.contains("installed plugins/DICOM_SEG-" + version + ".jar"), said);
        assertTrue(said.contains("installed plugins/jars/jai-imageio-jpeg2000-1.4.0.jar"), said);
        assertEquals(List.of("ij.jar", "plugins", "plugins/.DICOM_SEG-installed", "plugins/DICOM_SEG-" + version + ".jar", "plugins/jars",
                "plugins/jars/gson-2.10.1.jar", "plugins/jars/jai-imageio-core-1.4.0.jar", "plugins/jars/jai-imageio-jpeg2000-1.4.0.jar",
                "plugins/jars/pixelmed-20220618.jar"), tree(ij), "the layout of docs/install.md");

        Path out = Files.createDirectories(work.resolve("out-imagej"));
        String log = XvfbImageJ.java(List.of("-cp", ij.resolve("ij.jar").toString(), "ij.ImageJ", "-ijpath", ij.toString(),
                "-batch", MACRO.toString(), macroArgument(out))).ownClassPath().timeout(300).run();
        assertMacroWorked(log, IJ_VERSION, out);

        String again = install(ij, "--from", release.toString());
        assertTrue(again.contains("installed plugins/jars/pixelmed-20220618.jar (again)"), again);
        String gone = install(ij, "--uninstall");
        assertTrue(gone.contains("removed plugins/DICOM_SEG-" + version + ".jar"), gone);
        assertEquals(before, tree(ij), "--uninstall leaves the folder as it was");
    }

    /**
     * The server commands in the installed plugin (only ImageJ's jar on the class path), against a
     * real Orthanc: Servers... adds it (the password from DICOMSEG_PASSWORD), Export Label Image as
     * SEG... reads the CT series' metadata from it and stores the SEG there, DICOM SEG from Server...
     * searches the patient's SEGs and opens the one stored, as the label image that was exported.
     */
    @Test void serverRoundTripInTheInstalledPlugin() throws Exception {
        try (OrthancServer orthanc = OrthancServer.startOrSkip()) {
            orthanc.uploadFolder(REPO.resolve("sample-images/ct"));
            Path imagej = Files.createDirectories(work.resolve("ImageJ-server"));
            Files.copy(imageJJar(), imagej.resolve("ij.jar"));
            Files.createDirectories(imagej.resolve("plugins"));
            install(imagej, "--from", release.toString());
            DicomWebClient c = DicomWebClient.connect(DicomWebUrl.parse(orthanc.dicomWeb()),
                    Credentials.basic(orthanc.user(), orthanc.password()), null);
            JsonObject ct = c.search(null, "series", Map.of("Modality", "CT")).get(0);
            String ctUrl = orthanc.dicomWeb() + "/studies/" + DicomJson.string(ct, "0020000D") + "/series/" + DicomJson.string(ct, "0020000E");
            Path written = work.resolve("server-written.dcm");
            Path macro = work.resolve("server.ijm");
            Files.writeString(macro, String.join("\n",
                    "setBatchMode(true);",
                    "run(\"Servers...\", \"action=add name=orthanc url=[" + orthanc.dicomWeb() + "] auth=password user=" + orthanc.user() + "\");",
                    "open(\"" + REPO.resolve("sample-images/labels.tif") + "\");",
                    "run(\"Export Label Image as SEG...\", \"source=[" + ctUrl + "] out=[" + written + "] segmentation=BINARY store=orthanc\");",
                    "close(\"*\");",
                    "run(\"DICOM SEG from Server...\", \"server=orthanc patient=PHANTOM-1 output=[label image]\");",
                    "print(\"OPENED \" + getWidth() + \"x\" + getHeight() + \"x\" + nSlices + \" bits \" + bitDepth());",
                    "s = 0; for (i = 1; i <= nSlices; i++) { setSlice(i); getStatistics(area, mean); s += mean; } print(\"OPENED_SUM \" + d2s(s, 6));",
                    "print(\"SERVER_DONE\");", ""));
            String log = XvfbImageJ.java(List.of("-cp", imagej.resolve("ij.jar").toString(), "ij.ImageJ", "-ijpath", imagej.toString(), "-batch",
                    macro.toString())).ownClassPath().env(Credentials.ENV_PASSWORD, orthanc.password()).timeout(240).run();
            assertTrue(log.contains("SERVER_DONE"), "the macro did not finish:\n" + log);
            assertFalse(log.contains(orthanc.password()), "the password never appears in ImageJ's output");
            for (String l : log.split("\r?\n")) assertFalse(l.contains("ERROR") || l.contains("Exception"), log);
            Conformance.assertConformant(written);
            assertEquals(6, orthanc.instanceCount(), "5 CT + the SEG stored by the export");
            assertTrue(log.contains("OPENED 64x64x5 bits 8"), log);
            // the same SEG imported in process from the file the export kept
            Path local = work.resolve("server-written.tif");
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            assertEquals(0, org.dicomseg.cli.Main.run(List.of("import", written.toString(), "--out", local.toString(), "--as", "labels"),
                    new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new java.io.PrintStream(err, true, StandardCharsets.UTF_8)), err.toString(StandardCharsets.UTF_8));
            ij.ImagePlus expected = ij.IJ.openImage(local.toString());
            double sum = 0;
            for (int i = 1; i <= expected.getStackSize(); i++) {
                expected.setSlice(i);
                sum += expected.getStatistics().mean;
            }
            assertTrue(sum > 0, "the label image is not empty");
            assertEquals(sum, Double.parseDouble(log.replaceAll("(?s).*OPENED_SUM ([0-9.]+).*", "$1")), 1e-5,
                    "the SEG opened from the server = the SEG written, plane by plane (sum of the planes' means)");
        }
    }

    /**
     * Options... (the kept series and equipment) and NIfTI/NRRD in and out, by menu names in ImageJ laid
     * out by scripts/install: Export Label Image as SEG... of dcmqi's liver_seg.nrrd with no image open,
     * Import SEG... to a .nii.gz, Export Label Image as SEG... of that .nii.gz — the kept options in both SEGs.
     */
    @Test void optionsAndVolumesInPlainImageJ() throws Exception {
        Shared.assumePresent();
        Path ij = Files.createDirectories(work.resolve("ImageJ-volumes"));
        Files.copy(imageJJar(), ij.resolve("ij.jar"));
        Files.createDirectories(ij.resolve("plugins"));
        install(ij, "--from", release.toString());
        Path out = Files.createDirectories(work.resolve("out-volumes"));
        Path nrrd = Shared.corpus("dcmqi/segmentations/liver_seg.nrrd");
        Path ct = Shared.corpus("dcmqi/segmentations/ct-3slice");
        Path seg = out.resolve("liver.dcm"), nii = out.resolve("liver.nii.gz"), back = out.resolve("back.dcm");
        Path macro = work.resolve("volumes.ijm");
        Files.writeString(macro, String.join("\n",
                "setBatchMode(true);",
                "run(\"Options... \", \"series=[Liver review] series_number=41 manufacturer=[Lab 7] model=[M1] serial=[SN-9]\");",
                "run(\"Export Label Image as SEG...\", \"labels=[" + nrrd + "] source=[" + ct + "] out=[" + seg + "]\");",
                "run(\"Import SEG...\", \"seg=[" + seg + "] output=[label image] volume=[" + nii + "]\");",
                "run(\"Export Label Image as SEG...\", \"labels=[" + nii + "] source=[" + ct + "] out=[" + back + "]\");",
                "print(\"VOLUMES_DONE \" + File.exists(\"" + seg + "\") + File.exists(\"" + nii + "\") + File.exists(\""
                        + out.resolve("liver.json") + "\") + File.exists(\"" + back + "\") + \" images \" + nImages);", ""));
        String log = XvfbImageJ.java(List.of("-cp", ij.resolve("ij.jar").toString(), "ij.ImageJ",
                "-ijpath", ij.toString(), "-batch", macro.toString())).ownClassPath().timeout(300).run();
        assertTrue(log.contains("VOLUMES_DONE 1111 images 0"), "SEG, .nii.gz, its .json and the SEG from it are written:\n" + log);
        assertFalse(log.contains("ERROR") || log.contains("Exception"), log);
        Conformance.assertConformant(seg, back);
        try (SegmentationReader a = SegmentationReader.open(seg); SegmentationReader b = SegmentationReader.open(back)) {
            assertEquals(107098L, a.segmentPixelCounts().get(1), "dcmqi's liver");
            assertEquals(a.segmentPixelCounts(), b.segmentPixelCounts(), "NRRD -> SEG -> NIfTI -> SEG keeps every voxel");
            for (SegmentationReader r : new SegmentationReader[] {a, b}) {
                assertEquals("Liver review", r.metadata().seriesDescription(), "Options... kept the series description");
                assertEquals("Lab 7", r.metadata().manufacturer(), "Options... kept the manufacturer");
            }
        }
    }

    /**
     * A slide with three focal planes in ImageJ laid out by scripts/install: the macro of
     * {@link FocalPlaneSlideMacroXvfbTest} (Open DICOM Slide... → labels on focal planes 1 and 2 →
     * Export Label Image as SEG... TILED_FULL → Import SEG...) with the same checks.
     */
    @Test void focalPlanesInPlainImageJ() throws Exception {
        Path ij = Files.createDirectories(work.resolve("ImageJ-focal"));
        Files.copy(imageJJar(), ij.resolve("ij.jar"));
        Files.createDirectories(ij.resolve("plugins"));
        install(ij, "--from", release.toString());
        Path slide = FocalSlides.slide(work.resolve("focal-slide"), false, 1);
        Path seg = Files.createDirectories(work.resolve("out-focal")).resolve("focal-seg.dcm");
        Path macro = work.resolve("focal.ijm");
        Files.writeString(macro, FocalPlaneSlideMacroXvfbTest.macro(slide.getParent(), seg) + "\nprint(\"FOCAL_DONE\");\n");
        String log = XvfbImageJ.java(List.of("-cp", ij.resolve("ij.jar").toString(), "ij.ImageJ",
                "-ijpath", ij.toString(), "-batch", macro.toString())).ownClassPath().timeout(300).run();
        assertTrue(log.contains("FOCAL_DONE"), "the macro did not finish:\n" + log);
        assertFalse(log.contains("Exception"), log);
        FocalPlaneSlideMacroXvfbTest.assertWorked(List.of(log.split("\\R")), seg);
    }

    @Test void withoutJaiImageioJpeg2000StopsWithOneLineSayingWhatIsMissing() throws Exception {
        Path ij = Files.createDirectories(work.resolve("ImageJ-no-j2k"));
        Files.copy(imageJJar(), ij.resolve("ij.jar"));
        Files.createDirectories(ij.resolve("plugins"));
        install(ij, "--from", release.toString());
        Files.delete(ij.resolve("plugins/jars/jai-imageio-jpeg2000-1.4.0.jar"));
        Files.delete(ij.resolve("plugins/jars/jai-imageio-core-1.4.0.jar"));
        Path out = Files.createDirectories(work.resolve("out-no-j2k"));
        Path macro = work.resolve("no-j2k.ijm");
        Path samples = REPO.resolve("sample-images");
        Files.writeString(macro, "setBatchMode(true);\n"
                + "open(\"" + samples.resolve("labels.tif") + "\");\n"
                + "run(\"Export Label Image as SEG...\", \"source=[" + samples.resolve("ct") + "] out=[" + out.resolve("j2k.dcm")
                + "] segmentation=LABELMAP compression=j2k\");\n"
                + "run(\"Export Label Image as SEG...\", \"source=[" + samples.resolve("ct") + "] out=[" + out.resolve("rle.dcm")
                + "] segmentation=LABELMAP compression=rle\");\n"
                + "run(\"Import SEG...\", \"seg=[" + Shared.corpus("pydicom-data/liver_j2k.dcm") + "] output=[label image]\");\n"
                + "run(\"Open DICOM Slide...\", \"slide=[" + Shared.corpus("wsi/google-medical-imaging/multi_frame_jpeg2000_camelyon_challenge_image.dcm")
                + "] level=1 x=0 y=0 width=0 height=0\");\n"
                + "print(\"NO_J2K_DONE \" + File.exists(\"" + out.resolve("j2k.dcm") + "\") + \" \" + File.exists(\"" + out.resolve("rle.dcm") + "\"));\n");
        String log = XvfbImageJ.java(List.of("-cp", ij.resolve("ij.jar").toString(), "ij.ImageJ", "-ijpath", ij.toString(),
                "-batch", macro.toString())).ownClassPath().timeout(180).run();
        assertTrue(log.contains("NO_J2K_DONE 0 1"), "no JPEG 2000 file, the RLE export still works:\n" + log);
        List<String> errors = new ArrayList<>();
        for (String l : log.split("\r?\n")) if (l.contains("ERROR")) errors.add(l);
        assertEquals(3, errors.size(), log);
        for (String e : errors) {
            assertTrue(e.contains("jai-imageio-jpeg2000-1.4.0.jar") && e.contains("plugins/jars/"), "names the jars and their folder: " + e);
        }
        assertTrue(errors.get(1).contains("liver_j2k.dcm"), "the import names the file: " + errors.get(1));
        assertTrue(errors.get(2).contains("multi_frame_jpeg2000_camelyon_challenge_image.dcm"), "the slide names the file: " + errors.get(2));
        assertFalse(log.contains("\tat "), "no stack trace:\n" + log);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("rle.dcm"), s.map(p -> p.getFileName().toString()).collect(Collectors.toList()), "no partial file left");
        }
    }

    @Test void debiansImageJ() throws Exception {
        assertTrue(Files.isExecutable(Paths.get(DEBIAN_IMAGEJ)), DEBIAN_IMAGEJ + " missing: scripts/bootstrap installs Debian's imagej");
        Path home = Files.createDirectories(work.resolve("home"));
        Path ij = Files.createDirectories(home.resolve(".imagej/plugins")).getParent();
        String said = install(ij, "--from", release.toString());
        assertTrue(said.contains("into ImageJ at " + ij), said);
        Path out = Files.createDirectories(work.resolve("out-debian"));
        // its wrapper script makes xvfb-run exit 1 ("problem while cleaning up temporary directory"): judged by the output
        String log = XvfbImageJ.launcher(List.of(DEBIAN_IMAGEJ, "-b", MACRO.toString(), macroArgument(out))).home(home).timeout(300).run();
        assertMacroWorked(log, "1.53t", out);
    }

    @Test void fijiLayoutKeepsWhatFijiHas() throws Exception {
        Path fiji = Files.createDirectories(work.resolve("Fiji.app"));
        Path jars = Files.createDirectories(fiji.resolve("jars"));
        Files.createDirectories(fiji.resolve("plugins"));
        Files.copy(imageJJar(), jars.resolve("ij-" + IJ_VERSION + ".jar"));
        // Fiji ships its own gson (here another version than ours) and the same jai-imageio-core; an older DICOM SEG is installed
        Files.copy(release.resolve("jars/gson-2.10.1.jar"), jars.resolve("gson-2.11.0.jar"));
        Files.copy(release.resolve("jars/jai-imageio-core-1.4.0.jar"), jars.resolve("jai-imageio-core-1.4.0.jar"));
        Files.copy(release.resolve("plugins/DICOM_SEG-" + version + ".jar"), fiji.resolve("plugins/DICOM_SEG-0.1.0.jar"));
        String said = install(fiji, "--from", release.toString());
        assertTrue(said.contains("replaced plugins/DICOM_SEG-0.1.0.jar"), said);
        assertTrue(said.contains("skipped gson-2.10.1.jar: Fiji already has jars/gson-2.11.0.jar (another version of gson; kept)"), said);
        assertTrue(said.contains("skipped jai-imageio-core-1.4.0.jar: Fiji already has jars/jai-imageio-core-1.4.0.jar\n"), said);
        assertTrue(said.contains("installed jars/pixelmed-20220618.jar") && said.contains("installed jars/jai-imageio-jpeg2000-1.4.0.jar"), said);
        assertTrue(said.contains("into Fiji at " + fiji), said);
        assertFalse(Files.exists(fiji.resolve("plugins/jars")), "Fiji's libraries go to jars/");
        String twice = install(fiji, "--from", release.toString());
        assertTrue(twice.contains("skipped gson-2.10.1.jar: Fiji already has jars/gson-2.11.0.jar"), twice);

        // Fiji's launcher puts jars/ on the class path and loads plugins/ with ImageJ's plugin class loader
        Path out = Files.createDirectories(work.resolve("out-fiji"));
        String log = XvfbImageJ.java(List.of("-cp", jars + "/*", "ij.ImageJ", "-ijpath", fiji.toString(),
                "-batch", MACRO.toString(), macroArgument(out))).ownClassPath().timeout(300).run();
        assertMacroWorked(log, IJ_VERSION, out);

        String gone = install(fiji, "--uninstall");
        assertTrue(gone.contains("removed jars/pixelmed-20220618.jar") && !gone.contains("gson"), gone);
        assertEquals(List.of("jars", "jars/gson-2.11.0.jar", "jars/ij-" + IJ_VERSION + ".jar", "jars/jai-imageio-core-1.4.0.jar", "plugins"),
                tree(fiji), "Fiji's own jars stay");
    }
}
