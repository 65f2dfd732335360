package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.testing.Conformance;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.SegTestData;

/**
 * A multi-resolution SEG series on a generated 4-level pyramid (spacing × 1, 2, 3, 4): each level's
 * SEG lies on that level's matrix at the offset divided by the factor, and holds the block
 * downsampling of the mask (any-foreground / most frequent label / mean), computed here independently.
 */
class PyramidWriterTest {
    @TempDir Path tmp;

    @Test
    void levelsHoldTheDownsampledMaskAtTheirOffsets() throws Exception {
        SampleStudy study = SampleStudy.deterministic(9);
        int[] factors = {1, 2, 3, 4};
        List<Path> levels = new ArrayList<>();
        for (int f : factors) {
            Path p = tmp.resolve("level-" + f + ".dcm");
            new SlideWriter(study, 1000 / f, 700 / f, 128).series("series/pyr").pixelSpacing(0.00025 * f).write(p);
            levels.add(p);
        }
        int w = 400, h = 300, x0 = 301, y0 = 203;
        byte[] labels = new byte[w * h];
        float[] fractions = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - 150, dy = y - 140;
                if (dx * dx + dy * dy < 90 * 90) labels[y * w + x] = 1;
                else if (x > 300 && y > 200 && (x + y) % 7 != 0) labels[y * w + x] = 2;
                else if (x == 20) labels[y * w + x] = 2; // a one-pixel line must survive downsampling
                fractions[y * w + x] = labels[y * w + x] == 1 ? 1f : 0f;
            }
        }
        List<Path> outs = new ArrayList<>();
        for (int f : factors) outs.add(tmp.resolve("seg-" + f + ".dcm"));
        SegWriteOptions o = SegWriteOptions.builder().segmentationType(SegmentationType.LABELMAP)
                .transferSyntax(OutputTransferSyntax.RLE_LOSSLESS)
                .tiledGeometry(TiledGeometry.defaults().withRegionOffset(y0, x0)).build();
        List<SegWriteResult> res = PyramidWriter.write(outs, LabelMapMask.ofBytes(new byte[][] {labels}, h, w),
                SegTestData.descriptions(2), levels, o).written();
        assertEquals(4, res.size());
        Conformance.assertConformant(outs.toArray(new Path[0]));
        for (int k = 0; k < factors.length; k++) {
            int f = factors[k];
            assertEquals(res.get(0).seriesInstanceUid(), res.get(k).seriesInstanceUid());
            try (SegmentationReader r = SegmentationReader.open(outs.get(k))) {
                assertEquals(1000 / f, r.metadata().totalPixelMatrixColumns());
                assertEquals(0.00025 * f, r.metadata().pixelSpacing()[1], 1e-12);
                int lw = 1000 / f, lh = 700 / f;
                byte[] all = (byte[]) Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults().combineToLabelMap()).plane(0, 0);
                for (int Y = 0; Y < lh; Y++) {
                    for (int X = 0; X < lw; X++) {
                        assertEquals(mode(labels, w, h, X * f - x0, Y * f - y0, f), all[Y * lw + X], "level x" + f + " pixel " + X + "," + Y);
                    }
                }
            }
        }
        // FRACTIONAL: block means
        List<Path> fouts = List.of(tmp.resolve("f1.dcm"), tmp.resolve("f2.dcm"));
        PyramidWriter.write(fouts, StackedMasks.ofFloats(new float[][][] {{fractions}}, h, w), SegTestData.descriptions(1),
                levels.subList(0, 2), SegWriteOptions.builder().segmentationType(SegmentationType.FRACTIONAL)
                        .tiledGeometry(TiledGeometry.defaults().withRegionOffset(y0, x0)).build());
        Conformance.assertConformant(fouts.get(1));
        try (SegmentationReader r = SegmentationReader.open(fouts.get(1))) {
            SegmentationVolume v = Reconstructor.region(r, 150, 101, 200, 150, ReconstructionOptions.defaults());
            byte[] p = v.bytePlane(0, 0);
            for (int Y = 0; Y < 150; Y++) {
                for (int X = 0; X < 200; X++) {
                    double sum = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            int sx = (150 + X) * 2 + dx - x0, sy = (101 + Y) * 2 + dy - y0;
                            if (sx >= 0 && sy >= 0 && sx < w && sy < h) sum += fractions[sy * w + sx];
                        }
                    }
                    assertEquals(Math.round(sum / 4 * 255), p[Y * 200 + X] & 0xFF, "mean at " + X + "," + Y);
                }
            }
        }
    }

    /** Most frequent nonzero label of the f x f block at mask (bx, by), ties to the smaller; 0 when none. */
    static int mode(byte[] labels, int w, int h, int bx, int by, int f) {
        int[] n = new int[256];
        for (int y = by; y < by + f; y++) {
            for (int x = bx; x < bx + f; x++) {
                if (x >= 0 && y >= 0 && x < w && y < h) n[labels[y * w + x] & 0xFF]++;
            }
        }
        int best = 0;
        for (int v = 1; v < 256; v++) {
            if (n[v] > 0 && (best == 0 || n[v] > n[best])) best = v;
        }
        return best;
    }
}
