package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.source.SourceImages;
import org.dicomseg.source.TotalPixelMatrix;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Highdicom;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.TiledSegs;

/**
 * A SEG pyramid over the corpus's 12-level CMU-1 slide (wsi2dcm: each level {@code floor(finer / 2)}
 * pixels, 2,220 × 2,967 down to 1 × 1): every level of the slide gets a SEG level of exactly that
 * level's Total Pixel Matrix size, holding the block downsampling of the mask computed here
 * independently ({@link TiledSegs#blockMode}); a level the region has no pixel on is named, not
 * skipped silently. Every file passes the gate; highdicom reads a few levels bit for bit.
 */
class CorpusSlidePyramidTest {
    static final String DIR = "wsi/dicom-wsi-sample/cmu-1-small-region/";
    static final String[] FILES = {
        "level-0-frames-0-30.dcm", "level-1-frames-0-9.dcm", "level-2-frames-0-4.dcm", "level-3-frames-0-1.dcm",
        "level-4-frames-0-1.dcm", "level-5-frames-0-1.dcm", "level-6-frames-0-1.dcm", "level-7-frames-0-1.dcm",
        "level-8-frames-0-1.dcm", "level-9-frames-0-1.dcm", "level-10-frames-0-1.dcm", "level-11-frames-0-1.dcm",
    };

    @TempDir static Path tmp;

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    static List<Path> levels() {
        List<Path> l = new ArrayList<>();
        for (String f : FILES) l.add(Shared.corpus(DIR + f));
        return l;
    }

    /** The whole finest level as the mask, BINARY TILED_FULL: twelve SEG levels, 1,483 rows (not 1,484) on level 1. */
    @Test
    void wholeLevelGivesEveryLevel() throws Exception {
        List<Path> levels = levels();
        int w = 2220, h = 2967;
        byte[] labels = TiledSegs.labels(w, h);
        List<Path> outs = new ArrayList<>();
        for (int k = 0; k < levels.size(); k++) outs.add(tmp.resolve("whole-" + k + ".dcm"));
        PyramidResult res = PyramidWriter.write(outs, LabelMapMask.ofBytes(new byte[][] {labels}, h, w), TiledSegs.descriptions(2), levels,
                SegWriteOptions.builder().segmentationType(SegmentationType.BINARY)
                        .tiledGeometry(TiledGeometry.defaults().withOrganization(DimensionOrganization.TILED_FULL)).build());
        assertTrue(res.complete(), res.notWritten().toString());
        assertEquals(12, res.written().size());
        Conformance.assertConformant(outs.toArray(new Path[0]));
        for (int k = 0; k < levels.size(); k++) {
            TotalPixelMatrix m = SourceImages.read(levels.get(k)).totalPixelMatrix();
            int f = 1 << k;
            try (SegmentationReader r = SegmentationReader.open(outs.get(k))) {
                assertEquals(m.rows(), r.metadata().totalPixelMatrixRows(), FILES[k] + " rows");
                assertEquals(m.columns(), r.metadata().totalPixelMatrixColumns(), FILES[k] + " columns");
                assertEquals(outs.get(k), res.written().get(k).file());
                byte[] all = (byte[]) Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults().combineToLabelMap()).plane(0, 0);
                for (int y = 0; y < m.rows(); y++) {
                    for (int x = 0; x < m.columns(); x++) {
                        int want = TiledSegs.blockMode(labels, w, h, x * f, y * f, f);
                        if (all[y * (int) m.columns() + x] != want) {
                            assertEquals(want, all[y * (int) m.columns() + x], FILES[k] + " pixel " + x + "," + y);
                        }
                    }
                }
            }
        }
        assertEquals(1483, SourceImages.read(levels.get(1)).totalPixelMatrix().rows());
        int[] checked = {1, 11};
        List<Highdicom.TotalPixelMatrix> matrices = Highdicom.totalPixelMatrices(List.of(outs.get(1), outs.get(11)), tmp);
        for (int i = 0; i < checked.length; i++) {
            int k = checked[i];
            TotalPixelMatrix m = SourceImages.read(levels.get(k)).totalPixelMatrix();
            Highdicom.TotalPixelMatrix t = matrices.get(i);
            assertEquals(m.rows(), t.rows);
            assertEquals(m.columns(), t.columns);
            int f = 1 << k;
            for (int s = 0; s < 2; s++) {
                for (int y = 0; y < t.rows; y++) {
                    for (int x = 0; x < t.columns; x++) {
                        int want = TiledSegs.blockMode(labels, w, h, x * f, y * f, f) == s + 1 ? 1 : 0;
                        if (t.value(s, y, x) != want) assertEquals(want, t.value(s, y, x), FILES[k] + " segment " + (s + 1) + " at " + x + "," + y);
                    }
                }
            }
        }
    }

    /**
     * A region low on the slide, not tile-aligned, LABELMAP TILED_SPARSE RLE: levels 0-9 are
     * written at the region's place; levels 10 (2 × 2) and 11 (1 × 1) cover rows 0-2,047 only, have
     * no pixel of it and are named in the result.
     */
    @Test
    void aRegionOffTheCoarsestLevelIsReported() throws Exception {
        List<Path> levels = levels();
        int x0 = 301, y0 = 2103, w = 1500, h = 700;
        byte[] labels = TiledSegs.labels(w, h);
        List<Path> outs = new ArrayList<>();
        for (int k = 0; k < levels.size(); k++) outs.add(tmp.resolve("region-" + k + ".dcm"));
        PyramidResult res = PyramidWriter.write(outs, LabelMapMask.ofBytes(new byte[][] {labels}, h, w), TiledSegs.descriptions(2), levels,
                SegWriteOptions.builder().segmentationType(SegmentationType.LABELMAP).transferSyntax(OutputTransferSyntax.RLE_LOSSLESS)
                        .tiledGeometry(TiledGeometry.defaults().withRegionOffset(y0, x0)).build());
        assertEquals(10, res.written().size());
        assertEquals(2, res.notWritten().size(), res.notWritten().toString());
        assertTrue(res.notWritten().get(0).startsWith(levels.get(10) + ": the region"), res.notWritten().get(0));
        assertTrue(res.notWritten().get(1).startsWith(levels.get(11) + ": the region"), res.notWritten().get(1));
        List<Path> written = outs.subList(0, 10);
        Conformance.assertConformant(written.toArray(new Path[0]));
        for (int k = 0; k < 10; k++) {
            TotalPixelMatrix m = SourceImages.read(levels.get(k)).totalPixelMatrix();
            int f = 1 << k;
            try (SegmentationReader r = SegmentationReader.open(outs.get(k))) {
                assertEquals(m.rows(), r.metadata().totalPixelMatrixRows(), FILES[k] + " rows");
                byte[] all = (byte[]) Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults().combineToLabelMap()).plane(0, 0);
                for (int y = 0; y < m.rows(); y++) {
                    for (int x = 0; x < m.columns(); x++) {
                        int want = TiledSegs.blockMode(labels, w, h, x * f - x0, y * f - y0, f);
                        if (all[y * (int) m.columns() + x] != want) {
                            assertEquals(want, all[y * (int) m.columns() + x], FILES[k] + " pixel " + x + "," + y);
                        }
                    }
                }
            }
        }
        Highdicom.TotalPixelMatrix t = Highdicom.totalPixelMatrix(outs.get(2), tmp);
        for (int y = 0; y < t.rows; y++) {
            for (int x = 0; x < t.columns; x++) {
                int label = TiledSegs.blockMode(labels, w, h, x * 4 - x0, y * 4 - y0, 4);
                for (int s = 0; s < 2; s++) {
                    if (t.value(s, y, x) != (label == s + 1 ? 1 : 0)) {
                        assertEquals(label == s + 1 ? 1 : 0, t.value(s, y, x), "level 2 segment " + (s + 1) + " at " + x + "," + y);
                    }
                }
            }
        }
    }
}
