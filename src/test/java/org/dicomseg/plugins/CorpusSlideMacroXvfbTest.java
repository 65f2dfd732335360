package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceImages;
import org.dicomseg.source.TotalPixelMatrix;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Highdicom;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.TiledSegs;

/**
 * The corpus slides end to end as a user runs them, by macro in a real ImageJ under Xvfb (menu
 * names, as the recorder writes them): Open DICOM Slide... (a region, not tile-aligned) → an oval
 * and a rectangle in the ROI Manager → Export ROIs as SEG...; a label image given the slide image's
 * placement properties → Export Label Image as SEG... (with {@code pyramid} from level 2 of the
 * 12-level CMU-1 slide and on the one-level Camelyon JPEG 2000 slide) → Import SEG... back onto the open slide image,
 * whose difference from what was drawn must be 0. Then, outside ImageJ: every written file passes
 * the gate, the CMU pyramid has a SEG for each coarser level of the slide with that level's size, and
 * highdicom's Total Pixel Matrix equals what was drawn, placed at the region's offset (downsampled
 * by blocks on a coarser level), bit for bit.
 */
class CorpusSlideMacroXvfbTest {
    @TempDir static Path dir;

    /** A slide, the region opened, the export settings of the ROIs and of the label image. */
    static final class Case {
        final String name, file;
        final int level, x, y, w, h;
        final String rois, labels;

        Case(String name, String file, int level, int x, int y, int w, int h, String rois, String labels) {
            this.name = name;
            this.file = file;
            this.level = level;
            this.x = x;
            this.y = y;
            this.w = w;
            this.h = h;
            this.rois = rois;
            this.labels = labels;
        }

        Path slide() { return Shared.corpus(file); }
        Path roiSeg() { return dir.resolve(name + "-rois-seg.dcm"); }
        Path labelSeg() { return dir.resolve(name + "-labels-seg.dcm"); }
        Path roiTif() { return dir.resolve(name + "-rois.tif"); }
        Path labelTif() { return dir.resolve(name + "-labels.tif"); }
    }

    static final List<Case> CASES = List.of(
        new Case("cmu", "wsi/dicom-wsi-sample/cmu-1-small-region/level-1-frames-0-9.dcm", 2, 137, 211, 800, 1100,
                "segmentation=BINARY compression=none tiles=sparse",
                "segmentation=LABELMAP compression=rle tiles=full pyramid pyramid_label=[CMU tumour] pyramid_description=[Drawn in ImageJ]"),
        new Case("camelyon-jpeg", "wsi/google-medical-imaging/multi_frame_jpeg_camelyon_challenge_image.dcm", 1, 101, 77, 900, 550,
                "segmentation=FRACTIONAL compression=rle tiles=full",
                "segmentation=BINARY compression=none tiles=sparse"),
        new Case("camelyon-j2k", "wsi/google-medical-imaging/multi_frame_jpeg2000_camelyon_challenge_image.dcm", 1, 333, 45, 1200, 700,
                "segmentation=BINARY compression=rle tiles=full",
                "segmentation=LABELMAP compression=none tiles=sparse pyramid"));

    static List<String> lines;

    @BeforeAll
    static void runTheMacro() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/xvfb-run")), "xvfb-run is not installed");
        Shared.assumePresent();
        StringBuilder m = new StringBuilder();
        for (Case c : CASES) m.append(macro(c));
        m.append(lowRegionPyramid());
        lines = ImportMacroXvfbTest.runMacro(dir, m.toString());
    }

    /** The macro of one case; it prints lines starting with the case's name. */
    static String macro(Case c) {
        String n = c.name;
        int ox = c.w / 8, oy = c.h / 6, ow = c.w / 3, oh = c.h / 2;             // oval: tumour
        int rx = c.w * 2 / 3, ry = c.h / 3, rw = c.w / 4 + 1, rh = c.h / 3 + 1; // rectangle: stroma
        String oval = "makeOval(" + ox + ", " + oy + ", " + ow + ", " + oh + ");";
        String rect = "makeRectangle(" + rx + ", " + ry + ", " + rw + ", " + rh + ");";
        return String.join("\n",
                "run(\"Open DICOM Slide...\", \"slide=[" + c.slide() + "] level=" + c.level + " x=" + c.x + " y=" + c.y + " width=" + c.w
                        + " height=" + c.h + "\");",
                "slide = getImageID();",
                "print(\"" + n + " OPENED \" + getWidth() + \" \" + getHeight() + \" \" + bitDepth() + \" \" + Property.get(\"DICOMSEG.slide.x\")"
                        + " + \" \" + Property.get(\"DICOMSEG.slide.y\"));",
                "roiManager(\"reset\");",
                oval + " Roi.setName(\"tumour\"); roiManager(\"add\");",
                rect + " Roi.setName(\"stroma\"); roiManager(\"add\");",
                "run(\"Select None\");",
                "run(\"Export ROIs as SEG...\", \"rois=[] grouping=name out=[" + c.roiSeg() + "] " + c.rois + " overwrite\");",
                // what the ROIs cover, as ImageJ fills them
                "newImage(\"" + n + "-rois\", \"8-bit black\", " + c.w + ", " + c.h + ", 1);",
                "roiMask = getImageID();",
                "roiManager(\"select\", 0); setColor(1); fill(); roiManager(\"select\", 1); setColor(2); fill(); run(\"Select None\");",
                "saveAs(\"Tiff\", \"" + c.roiTif() + "\");",
                // a label image with the slide image's placement
                "newImage(\"" + n + "-labels\", \"8-bit black\", " + c.w + ", " + c.h + ", 1);",
                "labels = getImageID();",
                "keys = newArray(\"file\", \"level\", \"x\", \"y\", \"spacing\", \"frameOfReference\", \"sopInstance\");",
                "for (k = 0; k < keys.length; k++) { selectImage(slide); v = Property.get(\"DICOMSEG.slide.\" + keys[k]);"
                        + " selectImage(labels); Property.set(\"DICOMSEG.slide.\" + keys[k], v); }",
                "setColor(1); " + oval + " fill(); setColor(2); " + rect + " fill(); makeRectangle(20, 0, 1, " + c.h + "); fill();"
                        + " run(\"Select None\");",
                "saveAs(\"Tiff\", \"" + c.labelTif() + "\");",
                "run(\"Export Label Image as SEG...\", \"out=[" + c.labelSeg() + "] " + c.labels + " overwrite\");",
                // both back onto the open slide image: the import follows its region and pixel size
                "selectImage(slide);",
                "run(\"Import SEG...\", \"seg=[" + c.labelSeg() + "] output=[label image]\");",
                "back = getImageID();",
                "print(\"" + n + " LABELS_BACK \" + getWidth() + \" \" + getHeight() + \" \" + Property.get(\"DICOMSEG.import.region\"));",
                "imageCalculator(\"Difference create\", back, labels); getStatistics(area, mean, min, max);",
                "print(\"" + n + " LABELS_DIFF \" + max); close(); selectImage(back); close();",
                "selectImage(slide);",
                "run(\"Import SEG...\", \"seg=[" + c.roiSeg() + "] output=[label image]\");",
                "back = getImageID();",
                "print(\"" + n + " ROIS_BACK \" + getWidth() + \" \" + getHeight() + \" \" + Property.get(\"DICOMSEG.import.region\"));",
                "imageCalculator(\"Difference create\", back, roiMask); getStatistics(area, mean, min, max);",
                "print(\"" + n + " ROIS_DIFF \" + max); close(); selectImage(back); close();",
                "selectImage(roiMask); close(); selectImage(labels); close(); selectImage(slide); close();",
                "");
    }

    static final String CMU_LEVEL_0 = "wsi/dicom-wsi-sample/cmu-1-small-region/level-0-frames-0-30.dcm";

    /**
     * A label image on a region of CMU-1 level 1 (the finest) below row 2,048, exported with
     * {@code pyramid}: its two coarsest levels (2 × 2, 1 × 1) cover rows 0-2,047 only.
     */
    static String lowRegionPyramid() {
        return String.join("\n",
                "run(\"Open DICOM Slide...\", \"slide=[" + Shared.corpus(CMU_LEVEL_0) + "] level=1 x=100 y=2500 width=300 height=300\");",
                "low = getImageID();",
                "newImage(\"low-labels\", \"8-bit black\", 300, 300, 1);",
                "lab = getImageID();",
                "keys = newArray(\"file\", \"level\", \"x\", \"y\", \"spacing\", \"frameOfReference\", \"sopInstance\");",
                "for (k = 0; k < keys.length; k++) { selectImage(low); v = Property.get(\"DICOMSEG.slide.\" + keys[k]);"
                        + " selectImage(lab); Property.set(\"DICOMSEG.slide.\" + keys[k], v); }",
                "setColor(1); makeOval(20, 20, 200, 150); fill(); run(\"Select None\");",
                "run(\"Export Label Image as SEG...\", \"out=[" + dir.resolve("low-seg.dcm") + "] pyramid overwrite\");",
                "close(); selectImage(low); close();",
                "");
    }

    static String line(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + String.join("\n", lines)));
    }

    @Test
    void openExportImportInImageJ() {
        for (Case c : CASES) {
            assertEquals(c.name + " OPENED " + c.w + " " + c.h + " 24 " + c.x + " " + c.y, line(c.name + " OPENED "));
            String region = c.x + "," + c.y + "," + c.w + "," + c.h;
            assertEquals(c.name + " LABELS_BACK " + c.w + " " + c.h + " " + region, line(c.name + " LABELS_BACK "));
            assertEquals(c.name + " LABELS_DIFF 0", line(c.name + " LABELS_DIFF "));
            assertEquals(c.name + " ROIS_BACK " + c.w + " " + c.h + " " + region, line(c.name + " ROIS_BACK "));
            assertEquals(c.name + " ROIS_DIFF 0", line(c.name + " ROIS_DIFF "));
        }
        // the Camelyon JPEG slide's specimen without Container Identifier is named in the Log, by both exports
        for (String command : List.of("Export ROIs as SEG: WARNING: ", "Export Label Image as SEG: WARNING: ")) {
            String w = line(command);
            assertTrue(w.contains(CASES.get(1).slide().toString()) && w.contains("no Container Identifier (0040,0512)"), w);
        }
        assertEquals(2, lines.stream().filter(l -> l.contains(": WARNING: ") && !l.contains("pyramid level not written")).count(),
                "no other warning: " + lines);
    }

    /** From ImageJ, a pyramid level that cannot be written is named in the Log; the others are written. */
    @Test
    void aLevelTheRegionIsNotOnIsNamedInTheLog() throws Exception {
        SlideSeries cmu = SlideSeries.scan(Shared.corpus(CMU_LEVEL_0));
        List<String> notWritten = lines.stream().filter(l -> l.startsWith("Export Label Image as SEG: WARNING: pyramid level not written: "))
                .collect(java.util.stream.Collectors.toList());
        assertEquals(2, notWritten.size(), lines.toString());
        for (int i = 0; i < 2; i++) {
            assertTrue(notWritten.get(i).contains(cmu.level(10 + i).file() + ": the region"), notWritten.get(i));
        }
        List<Path> written = new ArrayList<>(List.of(dir.resolve("low-seg.dcm")));
        for (int k = 2; k <= 10; k++) written.add(dir.resolve("low-seg-level-" + k + ".dcm"));
        for (Path p : written) assertTrue(Files.exists(p), p + " was not written");
        assertTrue(Files.notExists(dir.resolve("low-seg-level-11.dcm")) && Files.notExists(dir.resolve("low-seg-level-12.dcm")));
        Conformance.assertConformant(written.toArray(new Path[0]));
    }

    /**
     * Every file the macro wrote, through the gate; the CMU pyramid, exported from level 2 (of 1,110
     * × 1,483 pixels), has a SEG for each of the slide's ten coarser levels, each of its level's size.
     */
    @Test
    void everyLevelOfThePyramidIsWrittenAndConformant() throws Exception {
        List<Path> all = new ArrayList<>();
        for (Case c : CASES) {
            all.add(c.roiSeg());
            all.add(c.labelSeg());
        }
        SlideSeries cmu = SlideSeries.scan(CASES.get(0).slide());
        assertEquals(12, cmu.levels().size());
        assertTrue(Files.notExists(dir.resolve("cmu-labels-seg-level-2.dcm")), "the image's own level is the out file");
        java.util.Set<String> pyramidUids = new java.util.HashSet<>();
        for (int k = 2; k <= 12; k++) {
            Path f = k == 2 ? CASES.get(0).labelSeg() : dir.resolve("cmu-labels-seg-level-" + k + ".dcm");
            com.pixelmed.dicom.AttributeList h = org.dicomseg.testing.SyntheticSegs.readAll(f);
            pyramidUids.add(com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(h, new com.pixelmed.dicom.AttributeTag(0x0008, 0x0019)));
            assertEquals("CMU tumour", com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(h, new com.pixelmed.dicom.AttributeTag(0x0020, 0x0027)));
            assertEquals("Drawn in ImageJ", com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(h, new com.pixelmed.dicom.AttributeTag(0x0008, 0x1088)));
        }
        assertEquals(1, pyramidUids.size(), "every level of the SEG pyramid has the one Pyramid UID: " + pyramidUids);
        assertTrue(pyramidUids.iterator().next() != null);
        for (int k = 3; k <= 12; k++) {
            Path level = dir.resolve("cmu-labels-seg-level-" + k + ".dcm");
            assertTrue(Files.exists(level), level + " (pyramid level " + k + ") was not written");
            TotalPixelMatrix m = cmu.level(k - 1).matrix();
            try (SegmentationReader r = SegmentationReader.open(level)) {
                assertEquals(m.rows(), r.metadata().totalPixelMatrixRows(), level + " rows");
                assertEquals(m.columns(), r.metadata().totalPixelMatrixColumns(), level + " columns");
            }
            all.add(level);
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.getFileName().toString().startsWith("camelyon-j2k-labels-seg-level-")).count(),
                    "the one-level slide has no coarser level");
        }
        Conformance.assertConformant(all.toArray(new Path[0]));
    }

    /**
     * highdicom reads what ImageJ wrote onto the pixels that were drawn: one file per slide and kind
     * not read by highdicom in {@code write.CorpusSlideSegTest} (BINARY + RLE is not: pydicom cannot
     * decode it), and a coarser level of the CMU pyramid.
     */
    @Test
    void highdicomReadsWhatWasDrawn() throws Exception {
        Case cmu = CASES.get(0), jpeg = CASES.get(1), j2k = CASES.get(2);
        Path coarse = dir.resolve("cmu-labels-seg-level-4.dcm");
        List<Highdicom.TotalPixelMatrix> t = Highdicom.totalPixelMatrices(List.of(cmu.labelSeg(), jpeg.roiSeg(), j2k.labelSeg(), coarse), dir);
        check(t.get(0), cmu.labelSeg(), cmu.labelTif(), cmu, SourceImages.read(cmu.slide()).totalPixelMatrix(), 1, 1);
        check(t.get(1), jpeg.roiSeg(), jpeg.roiTif(), jpeg, SourceImages.read(jpeg.slide()).totalPixelMatrix(), 1, 255);
        check(t.get(2), j2k.labelSeg(), j2k.labelTif(), j2k, SourceImages.read(j2k.slide()).totalPixelMatrix(), 1, 1);
        // level 4 of the CMU pyramid: 4 x 4 blocks of level 2, at the offset divided by 4
        check(t.get(3), coarse, cmu.labelTif(), cmu, SlideSeries.scan(cmu.slide()).level(3).matrix(), 4, 1);
    }

    /** highdicom's Total Pixel Matrix of {@code seg} is {@code tif} (labels 1, 2) placed at the case's offset / f, by blocks of f. */
    static void check(Highdicom.TotalPixelMatrix t, Path seg, Path tif, Case c, TotalPixelMatrix level, int f, int on) {
        ImagePlus imp = IJ.openImage(tif.toString());
        byte[] drawn = (byte[]) imp.getProcessor().getPixels();
        assertEquals(level.rows(), t.rows, seg + " rows");
        assertEquals(level.columns(), t.columns, seg + " columns");
        assertEquals(2, t.segments, seg + " segments");
        int x0 = c.x, y0 = c.y;
        for (int s = 0; s < 2; s++) {
            for (int y = 0; y < t.rows; y++) {
                for (int x = 0; x < t.columns; x++) {
                    int label = TiledSegs.blockMode(drawn, c.w, c.h, x * f - x0, y * f - y0, f);
                    int want = label == s + 1 ? on : 0;
                    if (t.value(s, y, x) != want) {
                        assertEquals(want, t.value(s, y, x), seg + " segment " + (s + 1) + " at column " + x + ", row " + y);
                    }
                }
            }
        }
    }
}
