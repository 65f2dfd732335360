package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Highdicom;
import org.dicomseg.testing.OtherSeries;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.SyntheticSegs;

/**
 * {@code dicomseg export --further-source DIR} (repeatable) and {@code --palette --icc-profile FILE}:
 * the further series are referenced, a series of another study is refused (exit 1, one line, no
 * file), the ICC profile is written beside the palette; each SEG through the gate and highdicom.
 */
class ExportFurtherOptionsCliTest {
    @TempDir Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() { return err.toString(StandardCharsets.UTF_8); }

    private Path series(String name, boolean otherStudy) throws Exception {
        return OtherSeries.copy(Path.of("sample-images/ct"), tmp.resolve(name), otherStudy);
    }

    @Test
    void furtherSourceSeriesAreReferencedAndAnotherStudyIsRefused() throws Exception {
        Path t2 = series("t2", false), dwi = series("dwi", false);
        Path seg = tmp.resolve("further.dcm");
        assertEquals(0, run("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out", seg.toString(),
                "--type", "LABELMAP", "--further-source", t2.toString(), "--further-source", dwi.toString()), stderr());
        Conformance.assertConformant(seg);
        assertEquals(0, Highdicom.read(seg, tmp).exitCode);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            assertEquals(3, r.metadata().referencedSeries().size(), "CT, T2 and DWI");
        }
        AttributeList h = SyntheticSegs.readAll(seg);
        assertEquals(10, ((SequenceAttribute) h.get(TagFromName.SourceImageSequence)).getNumberOfItems(), "5 T2 + 5 DWI images");

        Path other = series("other", true);
        Path refused = tmp.resolve("refused.dcm");
        assertEquals(1, run("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out",
                refused.toString(), "--further-source", other.toString()));
        assertTrue(stderr().contains("study") && stderr().contains(other.toString()), stderr());
        assertEquals(1, stderr().trim().split("\n").length, stderr());
        assertFalse(Files.exists(refused));
        // a folder that is not there: a usage error naming the flag
        assertEquals(2, run("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out",
                refused.toString(), "--further-source", tmp.resolve("missing").toString()));
        assertTrue(stderr().contains("--further-source"), stderr());
    }

    @Test
    void iccProfileIsWrittenBesideThePalette() throws Exception {
        Path icc = Shared.root().resolve("oracle/site/highdicom/_icc_profiles/sRGB_v4_ICC_preference.icc");
        Path seg = tmp.resolve("icc.dcm");
        assertEquals(0, run("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out", seg.toString(),
                "--type", "LABELMAP", "--palette", "--icc-profile", icc.toString()), stderr());
        Conformance.assertConformant(seg);
        assertArrayEquals(Files.readAllBytes(icc), SyntheticSegs.readAll(seg).get(new com.pixelmed.dicom.AttributeTag(0x0028, 0x2000)).getByteValues());
        assertEquals(0, Highdicom.read(seg, tmp).exitCode);
        // without --palette: a usage error naming both flags
        assertEquals(2, run("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out",
                tmp.resolve("x.dcm").toString(), "--type", "LABELMAP", "--icc-profile", icc.toString()));
        assertTrue(stderr().contains("--icc-profile") && stderr().contains("--palette"), stderr());
    }
}
