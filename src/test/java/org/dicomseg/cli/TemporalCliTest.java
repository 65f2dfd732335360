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
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.CineFixture;
import org.dicomseg.testing.Conformance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./dicomseg export --labels X.tif} of a label image with 12 slices × 25 time frames over a
 * cine series ({@link CineFixture}) writes one SEG with 25 time points; {@code import SEG --out
 * Y.tif} writes a TIFF with the 25 frames back, on the source series (12 slices) or, without it,
 * on the SEG's own planes; the edited TIFF exports again without {@code --source}.
 */
class TemporalCliTest {
    private static final int Z = CineFixture.SLICES, T = CineFixture.PHASES;
    @TempDir static Path dir;
    static CineFixture cine;
    static Path series;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll static void fixture() throws Exception {
        cine = CineFixture.create();
        series = dir.resolve("cine");
        cine.writeSeries(series);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() { return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8); }

    @Test void aLabelImageWithTimeFramesExportsAndImportsAsATiffWithTimeFrames() throws Exception {
        ImageStack st = new ImageStack(CineFixture.COLUMNS, CineFixture.ROWS);
        for (byte[] plane : cine.labelMap()) st.addSlice("", new ByteProcessor(CineFixture.COLUMNS, CineFixture.ROWS, plane.clone()));
        ImagePlus imp = new ImagePlus("cine-labels", st);
        imp.setDimensions(1, Z, T);
        imp.setOpenAsHyperStack(true);
        Path tif = dir.resolve("cine-labels.tif");
        assertTrue(new FileSaver(imp).saveAsTiff(tif.toString()));

        Path seg = dir.resolve("cine-seg.dcm");
        assertEquals(0, run("export", "--labels", tif.toString(), "--source", series.toString(), "--out", seg.toString()), output());
        Conformance.assertConformant(seg);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            assertTrue(r.metadata().temporalDimension() >= 0);
        }
        assertEquals(0, run("info", seg.toString()), output());
        assertTrue(output().contains("by time point (25)"), output());

        Path back = dir.resolve("back/cine.tif");
        assertEquals(0, run("import", seg.toString(), "--out", back.toString(), "--as", "labels", "--source", series.toString()), output());
        ImagePlus b = IJ.openImage(back.toString());
        assertEquals(Z, b.getNSlices());
        assertEquals(T, b.getNFrames());
        byte[][] want = cine.labelMap();
        for (int t = 0; t < T; t++) {
            for (int z = 0; z < Z; z++) {
                byte[] got = (byte[]) b.getStack().getPixels(b.getStackIndex(1, z + 1, t + 1));
                for (int i = 0; i < got.length; i++) {
                    if (got[i] != want[t * Z + z][i]) throw new AssertionError("z " + z + " t " + t + " pixel " + i);
                }
            }
        }
        // the imported TIFF records its sources plane by plane: it exports again without --source
        Path again = dir.resolve("again.dcm");
        assertEquals(0, run("export", "--labels", back.toString(), "--out", again.toString()), output());
        Conformance.assertConformant(again);
        try (SegmentationReader r1 = SegmentationReader.open(seg); SegmentationReader r2 = SegmentationReader.open(again)) {
            assertEquals(r1.frames().size(), r2.frames().size());
        }

        // without its sources: the SEG's own planes (slices 1..10; 0 and 11 are empty), 25 frames
        Path alone = Files.createDirectories(dir.resolve("x/y")).resolve("cine-seg.dcm");
        Files.copy(seg, alone);
        Path own = dir.resolve("own.tif");
        assertEquals(0, run("import", alone.toString(), "--out", own.toString(), "--as", "labels"), output());
        ImagePlus o = IJ.openImage(own.toString());
        assertEquals(Z - 2, o.getNSlices());
        assertEquals(T, o.getNFrames());
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().endsWith(".part")));
    }
}
