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
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.FocalSlides;
import org.dicomseg.testing.Shared;

/**
 * {@code dicomseg export --labels stack.tif --source SLIDE}: a Z stack over a slide with three focal
 * planes (the whole 1000 x 700 level) becomes one tiled SEG with the focal planes, TILED_FULL
 * ({@code --tiles full}) or TILED_SPARSE, read back voxel for voxel; a stack of another depth is
 * refused with one line naming both counts and writes nothing.
 */
class ExportFocalSlideCliTest {
    private static final int W = FocalSlides.W, H = FocalSlides.H;

    static Path stack(Path file, int planes) {
        byte[][] labels = FocalSlides.labels();
        ImageStack st = new ImageStack(W, H);
        for (int z = 0; z < planes; z++) st.addSlice("", new ByteProcessor(W, H, labels[z].clone()));
        assertTrue(new FileSaver(new ImagePlus("focal-labels", st)).saveAsTiffStack(file.toString()));
        return file;
    }

    static int run(List<String> args, StringBuilder outText, StringBuilder errText) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int rc = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        outText.append(out.toString(StandardCharsets.UTF_8));
        errText.append(err.toString(StandardCharsets.UTF_8));
        return rc;
    }

    @Test
    void aZStackOverAMultiFocalSlideWritesOneTiledSeg(@TempDir Path tmp) throws Exception {
        Shared.assumePresent();
        byte[][] labels = FocalSlides.labels();
        Path tif = stack(tmp.resolve("stack.tif"), 3);
        List<Path> written = new ArrayList<>();
        for (boolean sparse : new boolean[] {false, true}) {
            Path folder = tmp.resolve(sparse ? "sparse" : "full");
            FocalSlides.slide(folder, sparse, 1);
            Path seg = tmp.resolve("seg-" + (sparse ? "sparse" : "full") + ".dcm");
            StringBuilder out = new StringBuilder(), err = new StringBuilder();
            int rc = run(List.of("export", "--labels", tif.toString(), "--source", folder.toString(), "--out", seg.toString(),
                    "--type", sparse ? "BINARY" : "LABELMAP", "--compression", "rle", "--tiles", sparse ? "sparse" : "full"), out, err);
            assertEquals(0, rc, out + "" + err);
            assertTrue(out.toString().contains("(tiled " + (sparse ? "TILED_SPARSE" : "TILED_FULL") + ", 3 focal planes)"), out.toString());
            try (SegmentationReader r = SegmentationReader.open(seg)) {
                assertEquals(3, r.metadata().totalPixelMatrixFocalPlanes());
                assertEquals(sparse ? DimensionOrganization.TILED_SPARSE : DimensionOrganization.TILED_FULL, r.metadata().dimensionOrganizationType());
                SegmentationVolume v = Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults().combineToLabelMap());
                assertEquals(3, v.planes());
                for (int z = 0; z < 3; z++) {
                    assertArrayEquals(labels[z], v.isEmpty(0, z) ? new byte[W * H] : v.bytePlane(0, z), "focal plane " + z);
                }
            }
            written.add(seg);
        }
        Conformance.assertConformant(written.toArray(new Path[0]));
    }

    @Test
    void aStackOfAnotherDepthIsRefusedInOneLine(@TempDir Path tmp) throws Exception {
        Shared.assumePresent();
        Path folder = tmp.resolve("full");
        Path level = FocalSlides.slide(folder, false, 1);
        Path tif = stack(tmp.resolve("two.tif"), 2);
        Path seg = tmp.resolve("seg.dcm");
        StringBuilder out = new StringBuilder(), err = new StringBuilder();
        int rc = run(List.of("export", "--labels", tif.toString(), "--source", folder.toString(), "--out", seg.toString()), out, err);
        assertEquals(1, rc, out.toString());
        String msg = err.toString().strip();
        assertEquals(1, msg.lines().count(), msg);
        assertTrue(msg.contains("has 2 slices but the slide level " + level.toAbsolutePath() + " has 3 focal planes"), msg);
        assertFalse(Files.exists(seg));
        // a label image of no level's size: refused naming the sizes
        Path small = tmp.resolve("small.tif");
        assertTrue(new FileSaver(new ImagePlus("small", new ByteProcessor(40, 30))).saveAsTiff(small.toString()));
        StringBuilder out2 = new StringBuilder(), err2 = new StringBuilder();
        assertEquals(1, run(List.of("export", "--labels", small.toString(), "--source", folder.toString(), "--out", seg.toString()), out2, err2));
        assertTrue(err2.toString().contains("(40x30) is the size of no level of the slide"), err2.toString());
        assertFalse(Files.exists(seg));
    }
}
