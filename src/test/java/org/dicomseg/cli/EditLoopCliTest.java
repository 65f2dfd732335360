package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.FileSaver;
import ij.process.ImageProcessor;

import org.dicomseg.model.codes.Codes;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.EditLoopFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edit loop on the command line, as a script runs it on a W1-like case ({@link EditLoopFixture}):
 * {@code import SEG --out X.tif} (the CT found beside the SEG) → edit the TIFF → {@code export
 * --labels X.tif --out NEW.dcm} with neither {@code --source} nor {@code --meta}.
 */
class EditLoopCliTest {
    @TempDir static Path dir;
    static EditLoopFixture fx;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll static void fixture() throws Exception {
        fx = EditLoopFixture.write(dir);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() { return out.toString(StandardCharsets.UTF_8); }

    @Test void labelImageImportedEditedAndExportedWithoutSourceOrMeta() throws Exception {
        Path tif = dir.resolve("work/labels.tif");
        assertEquals(0, run("import", fx.seg.toString(), "--out", tif.toString(), "--as", "labels", "--segments", "1,3"),
                stdout() + err);
        assertTrue(stdout().contains("240 plane(s)"), stdout());
        assertTrue(stdout().contains("note: Planes: the 240 source images of folder " + fx.ctDir.toAbsolutePath()), stdout());

        ImagePlus imp = IJ.openImage(tif.toString());
        assertEquals(240, imp.getNSlices());
        for (int z = 30; z <= 32; z++) {            // Liver cleared on three planes
            ImageProcessor ip = imp.getStack().getProcessor(z);
            ip.setRoi(new Roi(0, 0, imp.getWidth(), imp.getHeight()));
            ip.setValue(0);
            ip.fill();
        }
        for (int z = 150; z <= 220; z++) {          // Kidney removed
            ImageProcessor ip = imp.getStack().getProcessor(z);
            for (int i = 0; i < ip.getPixelCount(); i++) if (ip.get(i) == 3) ip.set(i, 0);
        }
        for (int z = 120; z <= 125; z++) {          // label 4 added
            ImageProcessor ip = imp.getStack().getProcessor(z);
            ip.setRoi(new Roi(50, 2, 8, 6));
            ip.setValue(4);
            ip.fill();
        }
        assertTrue(new FileSaver(imp).saveAsTiffStack(tif.toString()));

        Path edited = dir.resolve("work/edited.dcm");
        assertEquals(0, run("export", "--labels", tif.toString(), "--out", edited.toString()), stdout() + err);
        assertTrue(stdout().contains("note: Label value [4] added"), stdout());
        assertTrue(stdout().contains("note: Segment 'Kidney' (label 3) no longer in the image: left out"), stdout());
        assertTrue(stdout().contains("over 240 source image(s)"), stdout());
        Conformance.assertConformant(edited);
        fx.assertPredecessor(edited);
        try (SegmentationReader r = SegmentationReader.open(edited); SegmentationReader o = SegmentationReader.open(fx.seg)) {
            assertEquals(o.metadata().studyInstanceUid(), r.metadata().studyInstanceUid());
            assertEquals(2, r.segments().size());
            assertEquals(fx.descriptions.get(0), r.getSegmentDescription(1));
            assertEquals(Codes.TISSUE, r.getSegmentDescription(2).type());
            // the edits: Liver gone from planes 30-32 (0-based 29-31), the new label on planes 120-125
            long liver = 0;
            for (int z = 0; z < EditLoopFixture.SLICES; z++) if (EditLoopFixture.onSlice(1, z) && (z < 29 || z > 31)) liver++;
            int[] rc = EditLoopFixture.LIVER;
            assertEquals(liver * (rc[1] - rc[0]) * (rc[3] - rc[2]), (long) r.segmentPixelCounts().get(1));
            assertEquals(6L * 8 * 6, (long) r.segmentPixelCounts().get(2));
        }
        // re-imported: the sources' plane count again
        Path again = dir.resolve("work/again.tif");
        assertEquals(0, run("import", edited.toString(), "--out", again.toString(), "--source", fx.ctDir.toString()), stdout() + err);
        assertTrue(stdout().contains("2 channel(s) x 240 plane(s)"), stdout());
    }

    @Test void hyperstackKeepsOverlappingSegmentsAndEveryDescription() throws Exception {
        Path tif = dir.resolve("work/hyper.tif");
        assertEquals(0, run("import", fx.seg.toString(), "--out", tif.toString(), "--source", fx.ctDir.resolve("IM0001.dcm").toString()),
                stdout() + err);
        assertTrue(stdout().contains("3 channel(s) x 240 plane(s)"), stdout());
        Path again = dir.resolve("work/hyper.dcm");
        assertEquals(0, run("export", "--labels", tif.toString(), "--out", again.toString()), stdout() + err);
        assertFalse(stdout().contains("default"), stdout());
        Conformance.assertConformant(again);
        try (SegmentationReader r = SegmentationReader.open(again); SegmentationReader o = SegmentationReader.open(fx.seg)) {
            assertEquals(fx.descriptions, r.segments());
            assertEquals(o.segmentPixelCounts(), r.segmentPixelCounts());
            assertEquals("YES", r.metadata().segmentsOverlap());
        }
    }

    @Test void aSourceFolderWithoutTheReferencedImagesIsOneClearLine() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("elsewhere"));
        Path tif = dir.resolve("work/none.tif");
        assertEquals(1, run("import", fx.seg.toString(), "--out", tif.toString(), "--source", empty.toString()));
        String e = err.toString(StandardCharsets.UTF_8).trim();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.contains("not all in " + empty), e);
        assertFalse(Files.exists(tif));
    }

    @Test void aTiffWithoutRecordedSourcesNeedsSource() throws Exception {
        ImagePlus plain = IJ.createImage("plain", "8-bit black", EditLoopFixture.COLUMNS, EditLoopFixture.ROWS, 3);
        Path tif = dir.resolve("plain.tif");
        new FileSaver(plain).saveAsTiffStack(tif.toString());
        assertEquals(2, run("export", "--labels", tif.toString(), "--out", dir.resolve("x.dcm").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("give --source"), err.toString(StandardCharsets.UTF_8));
    }
}
