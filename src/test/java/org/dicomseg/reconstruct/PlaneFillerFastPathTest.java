package org.dicomseg.reconstruct;

import java.io.IOException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.dicomseg.read.FrameInfo;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceImages;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.samples.BenchmarkSeries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole-frame fast paths of {@link PlaneFiller} (packed bits spread into channels and label
 * maps by {@link PackedBitsWriter}, RLE label maps decoded run by run into label maps or split
 * into channels by {@link RunSinks}, batches on several threads by {@link FrameBatches}) against
 * a plain reference built in this test from {@link SegmentationReader#readFrame}: random run-structured masks, frames that are and are not byte aligned (19 x 23 = 437 pixels),
 * native and RLE, BINARY with overlaps (last wins, and the first overlap reported exactly as a
 * sequential pass would), LABELMAP with a segment subset and relabelling. 24 planes, so batches
 * are decoded on two threads.
 */
class PlaneFillerFastPathTest {
    @TempDir
    static Path tmp;

    private static final int PLANES = 24;
    private static final int SEGMENTS = 5;
    private static SourceImages odd;
    private static SourceImages even;

    @BeforeAll
    static void sources() throws Exception {
        odd = SourceImages.read(BenchmarkSeries.write(tmp.resolve("odd"), PLANES, 19, 23, BenchmarkSeries.Pixels.ZEROS, 3));
        even = SourceImages.read(BenchmarkSeries.write(tmp.resolve("even"), PLANES, 16, 24, BenchmarkSeries.Pixels.ZEROS, 3));
    }

    /** Label planes of runs (so RLE has replicate and literal runs), some planes empty. */
    private static byte[][] labels(int rows, int cols, long seed) {
        Random r = new Random(seed);
        byte[][] p = new byte[PLANES][rows * cols];
        for (int z = 0; z < PLANES; z++) {
            if (z % 5 == 3) continue; // empty plane: its frames are omitted
            int i = 0;
            while (i < rows * cols) {
                int len = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 1 + r.nextInt(40);
                int v = r.nextInt(3) == 0 ? 1 + r.nextInt(SEGMENTS) : 0;
                for (int k = 0; k < len && i < rows * cols; k++) p[z][i++] = (byte) v;
            }
        }
        return p;
    }

    /** Stacked masks that overlap: segment s covers label s of one random map or label s of a second one. */
    private static byte[][][] overlapping(int rows, int cols, long seed) {
        byte[][] a = labels(rows, cols, seed);
        byte[][] b = labels(rows, cols, seed + 1);
        byte[][][] m = new byte[SEGMENTS][PLANES][rows * cols];
        for (int s = 1; s <= SEGMENTS; s++) {
            for (int z = 0; z < PLANES; z++) {
                for (int i = 0; i < rows * cols; i++) m[s - 1][z][i] = (byte) (a[z][i] == s || b[z][i] == s ? 1 : 0);
            }
        }
        return m;
    }

    private static List<SegmentDescription> descriptions() {
        List<SegmentDescription> l = new ArrayList<>();
        for (int s = 1; s <= SEGMENTS; s++) {
            l.add(SegmentDescription.builder(s, "Segment " + s).category(CodedConcept.sct("91723000", "Anatomical structure"))
                    .type(CodedConcept.sct("10200004", "Liver")).algorithmType(SegmentAlgorithmType.MANUAL).build());
        }
        return l;
    }

    private static Path write(String name, SegmentationMask mask, SourceImages src, SegmentationType type, OutputTransferSyntax ts) throws IOException {
        Path out = tmp.resolve(name + ".dcm");
        SegWriter.write(out, mask, descriptions(), src, SegWriteOptions.builder().segmentationType(type).transferSyntax(ts)
                .overwrite(true).build());
        return out;
    }

    // ------------------------------------------------------------------ the reference

    /** Plane index of each frame in the volume, matched by position. */
    private static int planeOf(SegmentationVolume v, FrameInfo f) {
        double[][] pos = v.planePositions();
        for (int k = 0; k < pos.length; k++) {
            double[] p = f.imagePositionPatient();
            if (Math.abs(pos[k][0] - p[0]) + Math.abs(pos[k][1] - p[1]) + Math.abs(pos[k][2] - p[2]) < 1e-3) return k;
        }
        throw new AssertionError("frame " + f.frameNumber() + " on no plane");
    }

    /** Frames of the chosen segments in placement order (segment rank, then file order) for BINARY label maps. */
    private static List<FrameInfo> placement(SegmentationReader r, int[] segments, boolean rank) {
        List<FrameInfo> frames = new ArrayList<>();
        if (!rank) return new ArrayList<>(r.frames());
        for (int s : segments) for (FrameInfo f : r.frames()) if (f.referencedSegmentNumber() == s) frames.add(f);
        return frames;
    }

    /** Expected planes [plane][channel][pixel] (channels = segments, or one label map). */
    private static int[][][] expected(SegmentationReader r, SegmentationVolume v, int[] segments, boolean labelMap,
            Map<Integer, Integer> values, boolean lastWins) throws Exception {
        int n = r.rows() * r.columns();
        int channels = labelMap ? 1 : segments.length;
        int[][][] e = new int[v.planes()][channels][n];
        boolean labelInput = r.segmentationType() == SegmentationType.LABELMAP;
        Map<Integer, Integer> firstSegmentOfValue = new HashMap<>();
        for (int s : segments) firstSegmentOfValue.putIfAbsent(values.getOrDefault(s, s), s);
        for (FrameInfo f : placement(r, segments, labelMap && !labelInput)) {
            byte[] px = r.readFrame(f.frameNumber());
            int z = planeOf(v, f);
            for (int i = 0; i < n; i++) {
                int stored = px[i] & 0xFF;
                if (stored == 0) continue;
                int seg = labelInput ? stored : f.referencedSegmentNumber();
                int c = indexOf(segments, seg);
                if (c < 0) continue;
                if (!labelMap) {
                    e[z][c][i] = labelInput ? 1 : stored;
                    continue;
                }
                int value = values.getOrDefault(seg, seg);
                int old = e[z][0][i];
                if (!labelInput && !lastWins && old != 0 && old != value) {
                    throw new SegmentOverlapException(firstSegmentOfValue.get(old), seg, z, i % r.columns(), i / r.columns());
                }
                e[z][0][i] = value;
            }
        }
        return e;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
        return -1;
    }

    private static void assertSame(int[][][] e, SegmentationVolume v, String what) {
        for (int z = 0; z < v.planes(); z++) {
            for (int c = 0; c < v.channels(); c++) {
                boolean zero = true;
                for (int x : e[z][c]) zero &= x == 0;
                assertEquals(zero, v.isEmpty(c, z), what + ": plane " + z + " channel " + c + " allocated iff nonzero");
                Object p = v.plane(c, z);
                int[] got = new int[e[z][c].length];
                for (int i = 0; i < got.length; i++) {
                    got[i] = p instanceof byte[] ? ((byte[]) p)[i] & 0xFF : ((short[]) p)[i] & 0xFFFF;
                }
                assertArrayEquals(e[z][c], got, what + ": plane " + z + " channel " + c);
            }
        }
    }

    static void check(Path file, int[] segments, boolean labelMap, Map<Integer, Integer> relabel,
            ReconstructionOptions.OverlapPolicy policy) throws Exception {
        for (int threads : new int[] {1, 2, 4}) {
            String what = file.getFileName() + " segments " + java.util.Arrays.toString(segments) + (labelMap ? " label map" : " channels")
                    + " relabel " + relabel + " " + policy + " threads " + threads;
            try (SegmentationReader r = SegmentationReader.open(file)) {
                ReconstructionOptions o = ReconstructionOptions.defaults().threads(threads).overlapPolicy(policy);
                if (segments != null) o.segments(segments);
                if (labelMap) o.combineToLabelMap();
                if (!relabel.isEmpty()) o.relabel(relabel);
                int[] chosen = Reconstructor.chosenSegments(r, o);
                // The geometry (plane positions) from a label-map-free, channel reconstruction of no frames is not
                // available without decoding, so take it from the result, or from the LAST_WINS run on failure.
                SegmentationVolume v;
                try {
                    v = Reconstructor.volume(r, o);
                } catch (SegmentOverlapException actual) {
                    SegmentationVolume g = Reconstructor.volume(r, ReconstructionOptions.defaults().segments(chosen));
                    SegmentOverlapException exp = assertThrows(SegmentOverlapException.class,
                            () -> expected(r, g, chosen, true, relabel, false), what + ": the reference finds an overlap too");
                    assertEquals(exp.getMessage(), actual.getMessage(), what);
                    continue;
                }
                int[][][] e = expected(r, v, chosen, labelMap, relabel, policy == ReconstructionOptions.OverlapPolicy.LAST_WINS);
                assertSame(e, v, what);
            }
        }
    }

    @Test
    void binaryFramesAlignedAndNot() throws Exception {
        for (SourceImages src : new SourceImages[] {odd, even}) {
            int rows = src == odd ? 19 : 16, cols = src == odd ? 23 : 24;
            LabelMapMask mask = LabelMapMask.ofBytes(labels(rows, cols, 7), rows, cols);
            for (OutputTransferSyntax ts : new OutputTransferSyntax[] {OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                    OutputTransferSyntax.RLE_LOSSLESS}) {
                Path f = write("binary-" + cols + "-" + ts, mask, src, SegmentationType.BINARY, ts);
                check(f, null, false, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
                check(f, null, true, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
                check(f, new int[] {4, 2, 5}, true, Map.of(4, 300, 2, 7), ReconstructionOptions.OverlapPolicy.FAIL);
                check(f, new int[] {3, 1}, false, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
            }
        }
    }

    @Test
    void overlappingBinaryLastWinsAndFirstOverlap() throws Exception {
        for (SourceImages src : new SourceImages[] {odd, even}) {
            int rows = src == odd ? 19 : 16, cols = src == odd ? 23 : 24;
            StackedMasks mask = StackedMasks.ofBytes(overlapping(rows, cols, 11), rows, cols);
            for (OutputTransferSyntax ts : new OutputTransferSyntax[] {OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                    OutputTransferSyntax.RLE_LOSSLESS}) {
                Path f = write("overlap-" + cols + "-" + ts, mask, src, SegmentationType.BINARY, ts);
                check(f, null, false, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
                check(f, null, true, Map.of(), ReconstructionOptions.OverlapPolicy.LAST_WINS);
                check(f, new int[] {5, 3, 1, 2, 4}, true, Map.of(), ReconstructionOptions.OverlapPolicy.LAST_WINS);
                check(f, new int[] {5, 3, 1, 2, 4}, true, Map.of(5, 400), ReconstructionOptions.OverlapPolicy.LAST_WINS);
                check(f, null, true, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
                check(f, new int[] {4, 2}, true, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
                // same value for two segments: not an overlap
                check(f, new int[] {1, 2}, true, Map.of(1, 9, 2, 9), ReconstructionOptions.OverlapPolicy.FAIL);
            }
        }
    }

    @Test
    void labelMapsRunByRun() throws Exception {
        for (SourceImages src : new SourceImages[] {odd, even}) {
            int rows = src == odd ? 19 : 16, cols = src == odd ? 23 : 24;
            LabelMapMask mask = LabelMapMask.ofBytes(labels(rows, cols, 5), rows, cols);
            for (OutputTransferSyntax ts : new OutputTransferSyntax[] {OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                    OutputTransferSyntax.RLE_LOSSLESS}) {
                Path f = write("labelmap-" + cols + "-" + ts, mask, src, SegmentationType.LABELMAP, ts);
                check(f, null, false, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
                check(f, null, true, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
                check(f, new int[] {5, 2}, false, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
                check(f, new int[] {5, 2, 3}, true, Map.of(5, 1, 3, 1000), ReconstructionOptions.OverlapPolicy.FAIL);
            }
        }
    }

    /**
     * Two frames of one segment on one plane (allowed by the standard, rare): the second is merged
     * into the channel the first allocated (nonzero pixels win), and in a label map it is no overlap.
     */
    @Test
    void twoFramesOfOneSegmentOnAPlane() throws Exception {
        for (SourceImages src : new SourceImages[] {odd, even}) {
            int rows = src == odd ? 19 : 16, cols = src == odd ? 23 : 24;
            Path f = write("dup-" + cols, LabelMapMask.ofBytes(labels(rows, cols, 13), rows, cols), src, SegmentationType.BINARY,
                    OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            Map<Integer, Integer> renumber = new HashMap<>(); // frame -> segment of the plane's first frame
            try (SegmentationReader r = SegmentationReader.open(f)) {
                Map<Double, Integer> firstSegment = new HashMap<>();
                for (FrameInfo fi : r.frames()) {
                    Integer s = firstSegment.putIfAbsent(fi.imagePositionPatient()[2], fi.referencedSegmentNumber());
                    if (s != null && renumber.size() < 8) renumber.put(fi.frameNumber(), s);
                }
            }
            assertTrue(renumber.size() >= 4, "planes with several frames");
            Path g = f;
            int k = 0;
            for (Map.Entry<Integer, Integer> e : renumber.entrySet()) {
                g = org.dicomseg.testing.SyntheticSegs.withFrameSegment(g, tmp.resolve("dup-" + cols + "-" + k++ + ".dcm"),
                        e.getKey(), e.getValue());
            }
            check(g, null, false, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
            check(g, null, true, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
            check(g, null, true, Map.of(), ReconstructionOptions.OverlapPolicy.LAST_WINS);
        }
    }

    @Test
    void framesReadAreCounted() throws Exception {
        LabelMapMask mask = LabelMapMask.ofBytes(labels(16, 24, 9), 16, 24);
        Path f = write("count", mask, even, SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS);
        try (SegmentationReader r = SegmentationReader.open(f)) {
            SegmentationVolume v = Reconstructor.volume(r, ReconstructionOptions.defaults().threads(2));
            assertEquals(r.numberOfFrames(), v.framesRead());
            assertTrue(r.numberOfFrames() < PLANES, "empty planes are omitted");
        }
    }
}
