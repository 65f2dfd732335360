package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.FocalSlides;
import org.dicomseg.testing.Shared;

/**
 * A slide with three focal planes by menu names in a real ImageJ under Xvfb: Open DICOM Slide...
 * (a region) gives a Z stack of three slices; a label stack drawn on it (a rectangle on focal
 * plane 1, another on plane 2, plane 3 empty) given the slide image's properties → Export Label
 * Image as SEG... (TILED_FULL, LABELMAP, RLE) → Import SEG... gives three slices back. Outside
 * ImageJ: the SEG passes the gate and holds exactly what was drawn at each focal plane.
 */
class FocalPlaneSlideMacroXvfbTest {
    private static final int X = 150, Y = 100, W = 600, H = 450;

    @Test
    void openDrawExportImport(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/xvfb-run")), "xvfb-run is not installed");
        Shared.assumePresent();
        Path slide = FocalSlides.slide(dir.resolve("slide"), false, 1);
        Path seg = dir.resolve("out/focal-seg.dcm");
        Files.createDirectories(seg.getParent());
        List<String> lines = ImportMacroXvfbTest.runMacro(dir, macro(slide.getParent(), seg));
        assertWorked(lines, seg);
    }

    /** The macro: open the slide's region, draw on focal planes 1 and 2, export, import back (OPENED/SEG/IMPORTED lines). */
    static String macro(Path slideFolder, Path seg) {
        return String.join("\n",
                "run(\"Open DICOM Slide...\", \"slide=[" + slideFolder + "] level=1 x=" + X + " y=" + Y + " width=" + W
                        + " height=" + H + "\");",
                "slide = getImageID();",
                "print(\"OPENED \" + nSlices + \" \" + Property.get(\"DICOMSEG.slide.focalPlanes\"));",
                "newImage(\"labels\", \"8-bit black\", " + W + ", " + H + ", 3);",
                "labels = getImageID();",
                "keys = newArray(\"file\", \"level\", \"x\", \"y\", \"spacing\", \"frameOfReference\", \"sopInstance\", \"focalPlanes\");",
                "for (k = 0; k < keys.length; k++) { selectImage(slide); v = Property.get(\"DICOMSEG.slide.\" + keys[k]);"
                        + " selectImage(labels); Property.set(\"DICOMSEG.slide.\" + keys[k], v); }",
                "setSlice(1); setColor(1); makeRectangle(50, 40, 200, 150); fill();",
                "setSlice(2); setColor(2); makeRectangle(300, 200, 121, 101); fill();",
                "run(\"Select None\");",
                "run(\"Export Label Image as SEG...\", \"out=[" + seg + "] segmentation=LABELMAP compression=rle tiles=full\");",
                "print(\"SEG \" + File.exists(\"" + seg + "\"));",
                "close(\"*\");",
                "run(\"Import SEG...\", \"seg=[" + seg + "] output=[label image]\");",
                "getDimensions(w, h, c, z, t);",
                "print(\"IMPORTED \" + w + \" \" + h + \" \" + z + \" \" + t);");
    }

    /** What the macro printed and wrote: three focal planes opened, the SEG written, three slices back, exactly what was drawn. */
    static void assertWorked(List<String> lines, Path seg) throws Exception {
        String all = String.join("\n", lines);
        assertTrue(lines.contains("OPENED 3 0.0\\0.002\\0.004"), all);
        assertTrue(lines.contains("SEG 1"), all);
        assertTrue(lines.contains("IMPORTED " + FocalSlides.W + " " + FocalSlides.H + " 3 1"), all);
        Conformance.assertConformant(seg);
        byte[][] want = new byte[3][W * H];
        for (int y = 40; y < 190; y++) for (int x = 50; x < 250; x++) want[0][y * W + x] = 1;
        for (int y = 200; y < 301; y++) for (int x = 300; x < 421; x++) want[1][y * W + x] = 2;
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            assertEquals(3, r.metadata().totalPixelMatrixFocalPlanes());
            SegmentationVolume v = Reconstructor.region(r, X, Y, W, H, ReconstructionOptions.defaults().combineToLabelMap());
            assertEquals(3, v.planes());
            for (int z = 0; z < 3; z++) assertArrayEquals(want[z], v.isEmpty(0, z) ? new byte[W * H] : v.bytePlane(0, z), "focal plane " + z);
        }
    }
}
