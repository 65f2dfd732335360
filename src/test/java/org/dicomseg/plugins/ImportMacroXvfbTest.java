package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.XvfbImageJ;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the import commands by their menu names from an ImageJ macro, the way users and the
 * recorder do, in a real ImageJ under Xvfb: plain ij.jar cannot run {@code run("...")} macros
 * headless. Our classes and plugins.config go into a jar in a temporary plugins folder (ImageJ
 * only reads plugins.config from jars whose name contains "_"). The exit code of
 * {@code ImageJ -batch} is always 0, so the macro prints a sentinel and the test checks the lines.
 */
class ImportMacroXvfbTest {
    private static final String SENTINEL = "IMPORT_MACRO_DONE";

    @BeforeAll
    static void needsXvfb() {
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/xvfb-run")), "xvfb-run is not installed");
        Shared.assumePresent();
    }

    /** A plugins folder with one jar holding our classes and plugins.config. */
    static Path pluginsFolder(Path ijHome) throws IOException {
        Path classes = Paths.get(codeSource(ImportSegCommand.class));
        Path plugins = Files.createDirectories(ijHome.resolve("plugins"));
        Path jar = plugins.resolve("DICOM_SEG_test.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("plugins.config"));
            out.write(pluginsConfig());
            out.closeEntry();
            List<Path> files;
            try (Stream<Path> s = Files.walk(classes.resolve("org/dicomseg"))) {
                files = s.filter(Files::isRegularFile).collect(Collectors.toList());
            }
            for (Path f : files) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return plugins;
    }

    private static String codeSource(Class<?> c) {
        try {
            return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** plugins.config from the build output (Maven copies it), else from the project folder. */
    private static byte[] pluginsConfig() throws IOException {
        try (InputStream in = ImportSegCommand.class.getResourceAsStream("/plugins.config")) {
            if (in != null) return in.readAllBytes();
        }
        return Files.readAllBytes(Paths.get("plugins.config"));
    }

    /** Runs {@code macro} in ImageJ under Xvfb and returns its output lines. */
    static List<String> runMacro(Path dir, String macro) throws IOException, InterruptedException {
        pluginsFolder(dir);
        Path file = dir.resolve("test.ijm");
        Files.writeString(file, macro + "\nprint(\"" + SENTINEL + "\");\n");
        String out = XvfbImageJ.java(List.of("ij.ImageJ", "-ijpath", dir.toString(), "-batch", file.toString())).timeout(120).run();
        List<String> lines = new ArrayList<>(List.of(out.split("\\R")));
        assertTrue(lines.contains(SENTINEL), "macro did not finish; output:\n" + String.join("\n", lines));
        return lines;
    }

    private static String line(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + String.join("\n", lines)));
    }

    @Test
    void menuCommandsWorkFromAMacro(@TempDir Path dir) throws Exception {
        String overlaps = Shared.corpus("dcmqi/segmentations/partial_overlaps.dcm").toString();
        String ct = Shared.corpus("highdicom/seg_image_ct_binary.dcm").toString();
        String ctFolder = Shared.corpus("pydicom/dicomdirtests/77654033/CT2").toString();
        Path zip = dir.resolve("out/rois.zip");
        String label2;
        try (SegmentationReader r = SegmentationReader.open(Paths.get(overlaps))) {
            label2 = r.getSegmentDescription(2).label();
        }
        String macro = String.join("\n",
                "List.setCommands;",
                "print(\"CMD \" + List.get(\"DICOM SEG...\"));",
                "print(\"CMD2 \" + List.get(\"Import SEG...\"));",
                "run(\"Import SEG...\", \"seg=[" + overlaps + "] output=hyperstack\");",
                "getDimensions(w, h, c, z, t);",
                "print(\"DIMS \" + w + \" \" + h + \" \" + c + \" \" + z + \" \" + t + \" \" + bitDepth() + \" \" + is(\"composite\"));",
                "Stack.setChannel(2);",
                "print(\"LABEL2 \" + getInfo(\"slice.label\"));",
                "print(\"UNIT \" + getInfo(\"micrometer.abbreviation\") + \" \" + is(\"global scale\"));",
                "getVoxelSize(pw, ph, pd, unit); print(\"VOXEL \" + unit + \" \" + pd);",
                "run(\"Import SEG...\", \"seg=[" + overlaps + "] segments=1,3 output=[label image] last_wins\");",
                "print(\"LABELIMG \" + bitDepth() + \" \" + nSlices);",
                "run(\"Import SEG...\", \"seg=[" + overlaps + "] output=[label image]\");",
                "print(\"AFTER_OVERLAP images=\" + nImages);",
                "run(\"Import SEG...\", \"seg=[" + overlaps + "] output=RoiSet.zip out=[" + zip + "]\");",
                "print(\"ZIP \" + File.exists(\"" + zip + "\"));",
                "run(\"Import SEG...\", \"seg=[" + ct + "] output=[ROI Manager] open_source source_folder=[" + ctFolder + "]\");",
                "print(\"ROIS \" + roiManager(\"count\") + \" \" + getTitle() + \" \" + nSlices);",
                "run(\"SEG Info...\", \"seg=[" + overlaps + "]\");",
                "print(\"INFO \" + Table.size(\"SEG Info: partial_overlaps.dcm\"));",
                "run(\"Import SEG...\", \"seg=[" + dir.resolve("missing.dcm") + "]\");",
                "if (List.get(\"DICOM SEG...\") == \"" + ImportSegCommand.class.getName() + "\") {",
                "  close(\"*\");",
                "  run(\"DICOM SEG...\", \"seg=[" + ct + "] segments=1 output=hyperstack\");",
                "  print(\"FILE_IMPORT \" + nImages + \" \" + getTitle());",
                "}");
        List<String> out = runMacro(dir, macro);
        assertEquals("DIMS 512 512 5 3 1 8 1", line(out, "DIMS "));
        assertEquals("LABEL2 " + label2, line(out, "LABEL2 "));
        assertEquals("VOXEL mm 1", line(out, "VOXEL "));
        assertEquals("LABELIMG 8 3", line(out, "LABELIMG "));
        assertTrue(line(out, "Import DICOM SEG: ERROR: Segments 1 and 2 overlap").contains("last wins"));
        assertEquals("AFTER_OVERLAP images=2", line(out, "AFTER_OVERLAP"));
        assertEquals("ZIP 1", line(out, "ZIP "));
        assertTrue(Files.size(zip) > 0);
        // 3 planes with the one segment: one ROI per plane; the source CT opened last, all 4 of its
        // slices (the import is on the source's full grid; one CT slice has no segment pixels)
        assertEquals("ROIS 3 seg_image_ct_binary.dcm source 4", line(out, "ROIS "));
        assertEquals("INFO 5", line(out, "INFO "));
        assertTrue(line(out, "Import DICOM SEG: ERROR: SEG file not found").contains("missing.dcm"));
        assertEquals("CMD2 " + ImportSegCommand.class.getName(), line(out, "CMD2 "));
        // File > Import > DICOM SEG... must reach the importer. ImageJ keys commands by name only, so
        // File > Save As needs another name: ImageJ's own convention is a trailing space ("Image Sequence... ").
        assertEquals("CMD " + ImportSegCommand.class.getName(), line(out, "CMD "),
                "run(\"DICOM SEG...\") is taken by another plugins.config entry with the same name");
        assertEquals("FILE_IMPORT 1 seg_image_ct_binary.dcm", line(out, "FILE_IMPORT "));
    }

    @Test
    void importedLabelImageExportsBackToTheSameSegments(@TempDir Path dir) throws Exception {
        // the importer leaves the source folder and the segment metadata on the label image, so the
        // export command needs nothing but an output path
        String liver = Shared.corpus("dcmqi/segmentations/liver.dcm").toString();
        Path out = dir.resolve("again.dcm");
        Path saved = dir.resolve("saved-as.dcm");
        String macro = String.join("\n",
                "run(\"DICOM SEG...\", \"seg=[" + liver + "] output=[label image] open_source\");",
                "selectImage(\"liver.dcm\");",
                "run(\"Export Label Image as SEG...\", \"out=[" + out + "] overwrite\");",
                "print(\"EXPORTED \" + File.exists(\"" + out + "\"));",
                // File > Save As > "DICOM SEG... " (trailing space): the same exporter
                "List.setCommands;",
                "print(\"SAVEAS \" + List.get(\"DICOM SEG... \"));",
                "selectImage(\"liver.dcm\");",
                "run(\"DICOM SEG... \", \"out=[" + saved + "] overwrite\");",
                "print(\"SAVED \" + File.exists(\"" + saved + "\"));");
        List<String> lines = runMacro(dir, macro);
        assertEquals("EXPORTED 1", line(lines, "EXPORTED "));
        assertEquals("SAVEAS " + ExportLabelImageCommand.class.getName() + "(\"save\")", line(lines, "SAVEAS "));
        assertEquals("SAVED 1", line(lines, "SAVED "));
        for (Path written : List.of(out, saved)) {
            try (SegmentationReader a = SegmentationReader.open(Paths.get(liver)); SegmentationReader b = SegmentationReader.open(written)) {
                assertEquals(a.segments().size(), b.segments().size());
                assertEquals(a.segments().get(0).label(), b.segments().get(0).label());
                assertEquals(a.segments().get(0).type(), b.segments().get(0).type());
                assertEquals(a.segmentPixelCounts(), b.segmentPixelCounts());
                assertEquals(a.metadata().frameOfReferenceUid(), b.metadata().frameOfReferenceUid());
            }
        }
    }
}
