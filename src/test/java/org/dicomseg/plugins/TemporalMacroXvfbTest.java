package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.CineFixture;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time by menu names from an ImageJ macro under Xvfb: a label image of 12 slices × 25 frames over a
 * cine series is exported with Export Label Image as SEG..., and Import SEG... opens the SEG as a
 * label image and as a hyperstack with the 25 frames back.
 */
class TemporalMacroXvfbTest {
    @BeforeAll
    static void needsXvfb() {
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/xvfb-run")), "xvfb-run is not installed");
        Shared.assumePresent();
    }

    @Test
    void aHyperstackWithTimeExportsAndImportsByMacro(@TempDir Path dir) throws Exception {
        CineFixture cine = CineFixture.create();
        Path series = dir.resolve("cine");
        cine.writeSeries(series);
        ImageStack st = new ImageStack(CineFixture.COLUMNS, CineFixture.ROWS);
        for (byte[] plane : cine.labelMap()) st.addSlice("", new ByteProcessor(CineFixture.COLUMNS, CineFixture.ROWS, plane.clone()));
        ImagePlus imp = new ImagePlus("cine-labels", st);
        imp.setDimensions(1, CineFixture.SLICES, CineFixture.PHASES);
        imp.setOpenAsHyperStack(true);
        Path tif = dir.resolve("cine-labels.tif");
        assertTrue(new FileSaver(imp).saveAsTiff(tif.toString()));
        Path seg = dir.resolve("out/cine-seg.dcm");
        Files.createDirectories(seg.getParent());
        String macro = String.join("\n",
                "open(\"" + tif + "\");",
                "getDimensions(w, h, c, z, t);",
                "print(\"IN \" + c + \" \" + z + \" \" + t);",
                "run(\"Export Label Image as SEG...\", \"source=[" + series + "] out=[" + seg + "]\");",
                "print(\"SEG \" + File.exists(\"" + seg + "\"));",
                "close(\"*\");",
                "run(\"Import SEG...\", \"seg=[" + seg + "] output=[label image] source_folder=[" + series + "]\");",
                "getDimensions(w, h, c, z, t);",
                "print(\"LABELS \" + c + \" \" + z + \" \" + t);",
                "Stack.setPosition(1, 6, 13);",
                "getStatistics(area, mean, min, max);",
                "print(\"MAX \" + max);",
                "close(\"*\");",
                "run(\"Import SEG...\", \"seg=[" + seg + "] output=hyperstack source_folder=[" + series + "]\");",
                "getDimensions(w, h, c, z, t);",
                "print(\"HYPER \" + c + \" \" + z + \" \" + t);");
        List<String> out = ImportMacroXvfbTest.runMacro(dir, macro);
        String all = String.join("\n", out);
        assertTrue(out.contains("IN 1 12 25"), all);
        assertTrue(out.contains("SEG 1"), all);
        assertTrue(out.contains("LABELS 1 12 25"), all);
        assertTrue(out.contains("MAX 1"), all); // slice 6 (index 5), phase 13 (index 12): blood pool, no myocardium at phase 12
        assertTrue(out.contains("HYPER 2 12 25"), all);
        Conformance.assertConformant(seg);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            assertEquals(1, r.metadata().temporalDimension());
        }
    }
}
