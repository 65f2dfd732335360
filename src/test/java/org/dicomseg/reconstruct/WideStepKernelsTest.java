package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
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
 * The kernels' wide steps on frames big enough for them: {@link PackedBitsWriter} skips 32 bytes
 * of zero bits (256 background pixels) at once, then eight, and {@link RunSinks#fillBytes} sets a
 * label run eight bytes at a time (the last eight overlapping) or by {@link Arrays#fill} from 256
 * bytes on. 130 x 96 frames (1,560 packed bytes: not a multiple of 32, so every frame ends in the
 * eight-byte loop), 30 planes with empty ones at both ends and in the middle, 40 labels: full-width
 * bands (runs of thousands of pixels), discs, single pixels on both sides of every 256-pixel block
 * boundary, a diagonal line and small squares. Read back as a label map and as channels, on one and
 * two threads, and compared with the voxels written (not with another decoder).
 */
class WideStepKernelsTest {
    @TempDir
    static Path tmp;

    private static final int PLANES = 30;
    private static final int ROWS = 96;
    private static final int COLS = 130;
    private static final int LABELS = 40;
    private static SourceImages sources;

    @BeforeAll
    static void sources() throws Exception {
        sources = SourceImages.read(BenchmarkSeries.write(tmp.resolve("src"), PLANES, ROWS, COLS, BenchmarkSeries.Pixels.ZEROS, 5));
    }

    @Test
    void fillBytesSetsExactlyTheRun() {
        Random r = new Random(1);
        for (int len = 0; len <= 600; len++) {
            for (int off = 0; off < 10; off++) {
                byte[] got = new byte[1024];
                r.nextBytes(got);
                byte[] want = got.clone();
                RunSinks.fillBytes(got, off, len, (byte) 0xB7);
                Arrays.fill(want, off, off + len, (byte) 0xB7);
                assertArrayEquals(want, got, "run of " + len + " at " + off);
            }
        }
    }

    private static boolean empty(int z) {
        return z == 0 || z == PLANES / 2 || z == PLANES - 1;
    }

    private static void rect(byte[] p, int r0, int r1, int c0, int c1, int label) {
        for (int r = Math.max(0, r0); r < Math.min(ROWS, r1); r++) {
            for (int c = Math.max(0, c0); c < Math.min(COLS, c1); c++) p[r * COLS + c] = (byte) label;
        }
    }

    /** The label map: later shapes paint over earlier ones. */
    private static byte[][] labels() {
        Random rnd = new Random(42);
        byte[][] p = new byte[PLANES][ROWS * COLS];
        for (int z = 0; z < PLANES; z++) {
            if (empty(z)) continue;
            byte[] q = p[z];
            if (z % 3 != 2) rect(q, 10, 40 + z, 0, COLS, 1);                 // full rows: one run of thousands
            int cy = 30 + z, cx = 20 + 3 * z, rad = 6 + z % 17;             // a disc moving through the stack
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    if ((r - cy) * (r - cy) + (c - cx) * (c - cx) <= rad * rad) q[r * COLS + c] = 2;
                }
            }
            for (int i = 0; i < ROWS; i++) if (i + z < COLS) q[i * COLS + i + z] = 4; // a diagonal line
            for (int k = 0; k < 12; k++) {                                   // small squares of many labels
                int r0 = rnd.nextInt(ROWS), c0 = rnd.nextInt(COLS), s = 1 + rnd.nextInt(9);
                rect(q, r0, r0 + s, c0, c0 + s, 5 + rnd.nextInt(LABELS - 4));
            }
            // single pixels on both sides of each 256-pixel (32 packed bytes) block boundary, and the last pixel
            for (int b = 256; b < ROWS * COLS; b += 256 * (1 + z % 3)) {
                q[b - 1] = 3;
                q[b] = 3;
            }
            if (z % 2 == 1) q[ROWS * COLS - 1] = 3;
            if (z % 4 == 1) q[0] = 3;
        }
        return p;
    }

    private static List<SegmentDescription> descriptions(int n) {
        List<SegmentDescription> l = new ArrayList<>();
        for (int s = 1; s <= n; s++) {
            l.add(SegmentDescription.builder(s, "Segment " + s).category(CodedConcept.sct("91723000", "Anatomical structure"))
                    .type(CodedConcept.sct("10200004", "Liver")).algorithmType(SegmentAlgorithmType.MANUAL).build());
        }
        return l;
    }

    private static Path write(String name, SegmentationMask mask, int segments, SegmentationType type, OutputTransferSyntax ts)
            throws Exception {
        Path out = tmp.resolve(name + ".dcm");
        SegWriter.write(out, mask, descriptions(segments), sources,
                SegWriteOptions.builder().segmentationType(type).transferSyntax(ts).overwrite(true).build());
        return out;
    }

    private static SegmentationVolume read(Path f, ReconstructionOptions o) throws Exception {
        try (SegmentationReader r = SegmentationReader.open(f)) {
            return Reconstructor.volume(r, o);
        }
    }

    /**
     * The volume's planes against {@code want}: the segmentation's own grid spans the planes from
     * the first to the last with a frame (the empty end planes have none; the empty middle plane is
     * on the grid, all zero).
     */
    private static void assertPlanes(byte[][] want, SegmentationVolume v, int channel, String what) {
        assertEquals(PLANES - 2, v.planes(), what + ": planes");
        for (int k = 0; k < v.planes(); k++) {
            int z = k + 1;
            boolean zero = true;
            for (byte b : want[z]) zero &= b == 0;
            assertEquals(zero, v.isEmpty(channel, k), what + ": plane " + z + " allocated iff it has a label");
            if (!zero) assertArrayEquals(want[z], (byte[]) v.plane(channel, k), what + ": plane " + z);
        }
    }

    @Test
    void labelMapsAndChannelsAreTheVoxelsWritten() throws Exception {
        byte[][] labels = labels();
        LabelMapMask mask = LabelMapMask.ofBytes(labels, ROWS, COLS);
        List<Path> files = new ArrayList<>();
        for (SegmentationType type : new SegmentationType[] {SegmentationType.BINARY, SegmentationType.LABELMAP}) {
            for (OutputTransferSyntax ts : new OutputTransferSyntax[] {OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                    OutputTransferSyntax.RLE_LOSSLESS}) {
                files.add(write(type + "-" + ts, mask, LABELS, type, ts));
            }
        }
        Conformance.assertConformant(files.toArray(new Path[0]));
        int[] chosen = {3, 1, 40, 2};
        for (Path f : files) {
            for (int threads : new int[] {1, 2}) {
                String what = f.getFileName() + ", " + threads + " thread(s)";
                SegmentationVolume v = read(f, ReconstructionOptions.defaults().threads(threads).combineToLabelMap());
                assertPlanes(labels, v, 0, what + ", label map");
                SegmentationVolume c = read(f, ReconstructionOptions.defaults().threads(threads).segments(chosen));
                for (int k = 0; k < chosen.length; k++) {
                    byte[][] want = new byte[PLANES][ROWS * COLS];
                    for (int z = 0; z < PLANES; z++) {
                        for (int i = 0; i < ROWS * COLS; i++) want[z][i] = (byte) (labels[z][i] == chosen[k] ? 1 : 0);
                    }
                    assertPlanes(want, c, k, what + ", channel of segment " + chosen[k]);
                }
            }
        }
    }

    /**
     * Overlapping BINARY segments combined with the last one winning: segment 2 (discs) over
     * segment 1 (full-width bands), segment 3 (single pixels at block boundaries) over both.
     */
    @Test
    void overlappingSegmentsLastWins() throws Exception {
        byte[][] labels = labels();
        byte[][][] m = new byte[3][PLANES][ROWS * COLS];
        for (int z = 0; z < PLANES; z++) {
            if (empty(z)) continue;
            rect(m[0][z], 5, 60, 0, COLS, 1);
            for (int i = 0; i < ROWS * COLS; i++) {
                if (labels[z][i] == 2) m[1][z][i] = 1;
                if (labels[z][i] == 3) m[2][z][i] = 1;
            }
        }
        Path f = write("overlap", StackedMasks.ofBytes(m, ROWS, COLS), 3, SegmentationType.BINARY,
                OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Conformance.assertConformant(f);
        byte[][] want = new byte[PLANES][ROWS * COLS];
        for (int s = 0; s < 3; s++) {
            for (int z = 0; z < PLANES; z++) for (int i = 0; i < ROWS * COLS; i++) if (m[s][z][i] != 0) want[z][i] = (byte) (s + 1);
        }
        boolean overlaps = false;
        for (int z = 0; z < PLANES; z++) for (int i = 0; i < ROWS * COLS; i++) overlaps |= m[0][z][i] != 0 && m[1][z][i] != 0;
        assertTrue(overlaps, "the fixture overlaps");
        for (int threads : new int[] {1, 2}) {
            SegmentationVolume v = read(f, ReconstructionOptions.defaults().threads(threads).combineToLabelMap()
                    .overlapPolicy(ReconstructionOptions.OverlapPolicy.LAST_WINS));
            assertPlanes(want, v, 0, "overlap, " + threads + " thread(s)");
            assertTrue(v.isEmpty(0, PLANES / 2 - 1), "the empty middle plane");
        }
    }
}
