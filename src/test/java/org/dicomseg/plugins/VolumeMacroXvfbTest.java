package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NIfTI/NRRD round trip by menu names from an ImageJ macro under Xvfb: Export Label Image as
 * SEG... of dcmqi's liver_seg.nrrd with no image open, Import SEG... of that SEG to a .nii.gz (plus
 * its .json), and Export Label Image as SEG... of the .nii.gz, which picks the .json up.
 */
class VolumeMacroXvfbTest {
    @BeforeAll
    static void needsXvfb() {
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/xvfb-run")), "xvfb-run is not installed");
        Shared.assumePresent();
    }

    @Test
    void nrrdToSegToNiftiAndBackFromAMacro(@TempDir Path dir) throws Exception {
        Path nrrd = Shared.corpus("dcmqi/segmentations/liver_seg.nrrd");
        Path ct = Shared.corpus("dcmqi/segmentations/ct-3slice");
        Path seg = dir.resolve("liver.dcm");
        Path nii = dir.resolve("liver.nii.gz");
        Path back = dir.resolve("back.dcm");
        String macro = String.join("\n",
                "run(\"Export Label Image as SEG...\", \"labels=[" + nrrd + "] source=[" + ct + "] out=[" + seg + "]\");",
                "print(\"SEG \" + File.exists(\"" + seg + "\"));",
                "run(\"Import SEG...\", \"seg=[" + seg + "] output=[label image] volume=[" + nii + "]\");",
                "print(\"NII \" + File.exists(\"" + nii + "\") + \" \" + File.exists(\"" + dir.resolve("liver.json") + "\") + \" \" + nImages);",
                "run(\"Export Label Image as SEG...\", \"labels=[" + nii + "] source=[" + ct + "] out=[" + back + "]\");",
                "print(\"BACK \" + File.exists(\"" + back + "\"));");
        List<String> out = ImportMacroXvfbTest.runMacro(dir, macro);
        assertTrue(out.contains("SEG 1"), String.join("\n", out));
        assertTrue(out.contains("NII 1 1 0"), String.join("\n", out));
        assertTrue(out.contains("BACK 1"), String.join("\n", out));
        Conformance.assertConformant(seg, back);
        try (SegmentationReader a = SegmentationReader.open(seg); SegmentationReader b = SegmentationReader.open(back)) {
            assertEquals(a.segmentPixelCounts(), b.segmentPixelCounts());
            assertEquals(107098L, b.segmentPixelCounts().get(1));
        }
    }
}
