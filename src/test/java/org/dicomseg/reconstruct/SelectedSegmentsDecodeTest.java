package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.samples.BenchmarkSeries;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.Conformance;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few segments of a many-segment BINARY SEG (issue 19, W3: 5 of 117) cost the frames of those
 * segments only: the reconstructor decodes exactly their frames (counted: {@link SegmentationVolume#framesRead}),
 * not the other segments', yet the result spans the same planes as a read of every segment (the
 * five need not cover the grid themselves), and each channel holds exactly its label's pixels. A
 * TotalSegmentator-like fixture: 40 labelled ellipsoids, most on a few slices each, over 150 planes
 * of 61 × 47 (odd: frames not byte aligned), empty planes at both ends and in the middle.
 */
class SelectedSegmentsDecodeTest {
    @TempDir
    static Path tmp;

    private static final int PLANES = 150;
    private static final int ROWS = 61;
    private static final int COLS = 47;
    private static final int LABELS = 40;
    private static byte[][] labels;
    private static Path seg;
    private static SourceImages src;

    @BeforeAll
    static void write() throws Exception {
        labels = new byte[PLANES][ROWS * COLS];
        java.util.Random r = new java.util.Random(19);
        for (int k = 1; k <= LABELS; k++) {
            double cz = 5 + r.nextDouble() * (PLANES - 10), cy = r.nextDouble() * ROWS, cx = r.nextDouble() * COLS;
            double az = 2 + r.nextDouble() * 12, ay = 3 + r.nextDouble() * 10, ax = 3 + r.nextDouble() * 10;
            for (int z = 0; z < PLANES; z++) {
                if (z < 3 || z >= PLANES - 3 || (z >= 70 && z < 74)) continue; // empty planes: ends and middle
                for (int y = 0; y < ROWS; y++) {
                    for (int x = 0; x < COLS; x++) {
                        double d = Math.pow((z - cz) / az, 2) + Math.pow((y - cy) / ay, 2) + Math.pow((x - cx) / ax, 2);
                        if (d <= 1 && labels[z][y * COLS + x] == 0) labels[z][y * COLS + x] = (byte) k;
                    }
                }
            }
        }
        src = SourceImages.read(BenchmarkSeries.write(tmp.resolve("ct"), PLANES, ROWS, COLS, 1.25,
                BenchmarkSeries.Pixels.ZEROS, 19));
        List<SegmentDescription> d = new ArrayList<>();
        for (int k = 1; k <= LABELS; k++) {
            d.add(SegmentDescription.builder(k, "Structure " + k).category(Codes.TISSUE).type(Codes.TISSUE)
                    .algorithmType(SegmentAlgorithmType.MANUAL).build());
        }
        seg = tmp.resolve("many.dcm");
        SegWriter.write(seg, LabelMapMask.ofBytes(labels, ROWS, COLS), d, src, SegWriteOptions.builder()
                .segmentationType(SegmentationType.BINARY).transferSyntax(OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).build());
        Conformance.assertConformant(seg);
    }

    /** Planes of the label map holding {@code label}. */
    private static int slicesOf(int label) {
        int n = 0;
        for (byte[] p : labels) {
            for (byte b : p) {
                if (b == label) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    @Test
    void onlyTheChosenSegmentsFramesAreDecoded() throws Exception {
        int[] chosen = {1, 14, 27, 40};
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            SegmentationVolume all = Reconstructor.volume(r, ReconstructionOptions.defaults().combineToLabelMap());
            assertEquals(r.numberOfFrames(), all.framesRead(), "every frame for every segment");
            SegmentationVolume few = Reconstructor.volume(r, ReconstructionOptions.defaults().segments(chosen).threads(2));
            int expected = 0;
            for (int s : chosen) expected += slicesOf(s);
            assertEquals(expected, few.framesRead(), "frames decoded for segments 1, 14, 27, 40");
            assertTrue(few.framesRead() * 5 < r.numberOfFrames(), few.framesRead() + " of " + r.numberOfFrames());
            assertEquals(all.planes(), few.planes(), "the few segments span the planes of the whole SEG");
            assertArrayEquals(chosen, few.segmentNumbers());
            // plane z of the result -> plane of the label map, by position along the normal (axial: z)
            java.util.Map<Long, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < PLANES; i++) index.put(Math.round(src.frame(i).position().toArray()[2] * 100), i);
            double[][] at = few.planePositions();
            for (int z = 0; z < few.planes(); z++) {
                assertArrayEquals(all.planePositions()[z], at[z], 1e-6, "plane " + z);
                byte[] truth = labels[index.get(Math.round(at[z][2] * 100))];
                for (int c = 0; c < chosen.length; c++) {
                    byte[] got = few.isEmpty(c, z) ? new byte[ROWS * COLS] : few.bytePlane(c, z);
                    for (int i = 0; i < truth.length; i++) {
                        if ((truth[i] == chosen[c]) != (got[i] != 0)) {
                            throw new AssertionError("segment " + chosen[c] + ", plane " + z + ", pixel " + i);
                        }
                    }
                }
            }
        }
    }
}
