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
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Highdicom;
import org.dicomseg.testing.OtherSeries;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.SyntheticSegs;

/**
 * The export dialog's further source series ({@code further}) and ICC profile ({@code icc}) keys
 * from a macro in ImageJ under Xvfb: the SEG references the CT and both further series, carries the
 * profile beside its palette, passes the gate and opens in highdicom.
 */
class ExportFurtherOptionsMacroXvfbTest {
    @Test
    void furtherSeriesAndIccProfileFromAMacro(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/xvfb-run")), "xvfb-run is not installed");
        Shared.assumePresent();
        Path ct = Paths.get("sample-images/ct").toAbsolutePath();
        Path t2 = OtherSeries.copy(ct, dir.resolve("t2"), false), dwi = OtherSeries.copy(ct, dir.resolve("dwi"), false);
        Path icc = Shared.root().resolve("oracle/site/highdicom/_icc_profiles/sRGB_v4_ICC_preference.icc");
        Path seg = dir.resolve("further-seg.dcm");
        List<String> lines = ImportMacroXvfbTest.runMacro(dir, String.join("\n",
                "open(\"" + Paths.get("sample-images/labels.tif").toAbsolutePath() + "\");",
                "run(\"Export Label Image as SEG...\", \"source=[" + ct + "] out=[" + seg + "] segmentation=LABELMAP compression=rle"
                        + " further=[" + t2 + ";" + dwi + "] palette icc=[" + icc + "]\");",
                "print(\"EXPORTED \" + File.exists(\"" + seg + "\"));"));
        assertTrue(lines.contains("EXPORTED 1"), String.join("\n", lines));
        Conformance.assertConformant(seg);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            assertEquals(3, r.metadata().referencedSeries().size(), "CT, T2, DWI");
            assertEquals("PALETTE COLOR", r.metadata().photometricInterpretation());
        }
        assertArrayEquals(Files.readAllBytes(icc),
                SyntheticSegs.readAll(seg).get(new com.pixelmed.dicom.AttributeTag(0x0028, 0x2000)).getByteValues());
        assertEquals(0, Highdicom.read(seg, dir).exitCode);
    }
}
