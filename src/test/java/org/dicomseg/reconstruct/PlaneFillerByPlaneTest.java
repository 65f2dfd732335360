package org.dicomseg.reconstruct;

import java.io.IOException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceImages;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.samples.BenchmarkSeries;
import org.dicomseg.task.CanceledException;
import org.dicomseg.task.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole frames placed plane by plane ({@link PlaneFiller#placeByPlane}): a BINARY label map is
 * filled plane by plane although its placement order is segment by segment, and the error
 * reported is still the first overlap in placement order, not the first plane's; runs of 64 and
 * more set pixels (one fill, the overlap check before it) in channels and label maps. Compared
 * with the reference of {@link PlaneFillerFastPathTest} built from {@code readFrame}.
 */
class PlaneFillerByPlaneTest {
    @TempDir
    static Path tmp;

    private static final int PLANES = 6;
    private static final int SEGMENTS = 4;

    /** 96 columns (packed frames byte aligned, full 64-pixel runs) and 97 (not aligned). */
    private static SourceImages aligned;
    private static SourceImages unaligned;

    @BeforeAll
    static void sources() throws Exception {
        aligned = SourceImages.read(BenchmarkSeries.write(tmp.resolve("aligned"), PLANES, 40, 96, BenchmarkSeries.Pixels.ZEROS, 3));
        unaligned = SourceImages.read(BenchmarkSeries.write(tmp.resolve("unaligned"), PLANES, 41, 97, BenchmarkSeries.Pixels.ZEROS, 3));
    }

    private static void rect(byte[] p, int cols, int r0, int r1, int c0, int c1) {
        for (int r = r0; r < r1; r++) for (int c = c0; c < Math.min(c1, cols); c++) p[r * cols + c] = 1;
    }

    /**
     * Segment 1: wide bands on every plane (long runs of set pixels across rows); segment 2
     * overlaps it only on the last plane, segment 3 only on the first plane, segment 4 never.
     * In placement order (segment by segment) the first overlap is 1/2 on plane 5; plane by plane
     * it would be 1/3 on plane 0.
     */
    private static byte[][][] masks(int rows, int cols) {
        byte[][][] m = new byte[SEGMENTS][PLANES][rows * cols];
        for (int z = 0; z < PLANES; z++) {
            rect(m[0][z], cols, 5, 20, 0, cols);           // full rows: runs of 15 x cols pixels
            rect(m[0][z], cols, 20, 22, 3, 3 + 70 + z);     // 70+ pixels inside one row
            if (z == PLANES - 1) rect(m[1][z], cols, 18, 26, 0, cols); // overlaps segment 1 from the start of a 64-pixel run
            else rect(m[1][z], cols, 26, 30, 0, cols);
            if (z == 0) rect(m[2][z], cols, 10, 12, 70, 90); // overlaps segment 1
            else if (z != 2) rect(m[2][z], cols, 36, 39, 1, cols - 1);
            if (z % 2 == 1) rect(m[3][z], cols, 31, 35, 2, 2 + 65);
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

    private static Path write(String name, SourceImages src, int rows, int cols, OutputTransferSyntax ts) throws IOException {
        Path out = tmp.resolve(name + ".dcm");
        SegWriter.write(out, StackedMasks.ofBytes(masks(rows, cols), rows, cols), descriptions(), src,
                SegWriteOptions.builder().segmentationType(SegmentationType.BINARY).transferSyntax(ts).overwrite(true).build());
        return out;
    }

    @Test
    void labelMapsAndChannelsPlaneByPlane() throws Exception {
        for (SourceImages src : new SourceImages[] {aligned, unaligned}) {
            int rows = src == aligned ? 40 : 41, cols = src == aligned ? 96 : 97;
            for (OutputTransferSyntax ts : new OutputTransferSyntax[] {OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                    OutputTransferSyntax.RLE_LOSSLESS}) {
                Path f = write("bands-" + cols + "-" + ts, src, rows, cols, ts);
                PlaneFillerFastPathTest.check(f, null, false, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
                PlaneFillerFastPathTest.check(f, null, true, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
                PlaneFillerFastPathTest.check(f, null, true, Map.of(), ReconstructionOptions.OverlapPolicy.LAST_WINS);
                PlaneFillerFastPathTest.check(f, new int[] {3, 2, 1, 4}, true, Map.of(), ReconstructionOptions.OverlapPolicy.LAST_WINS);
                PlaneFillerFastPathTest.check(f, new int[] {4, 1, 3}, true, Map.of(1, 200), ReconstructionOptions.OverlapPolicy.FAIL);
                PlaneFillerFastPathTest.check(f, new int[] {3, 1}, true, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
                PlaneFillerFastPathTest.check(f, new int[] {2, 4}, true, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
                PlaneFillerFastPathTest.check(f, new int[] {4, 1}, false, Map.of(), ReconstructionOptions.OverlapPolicy.FAIL);
            }
        }
    }

    /** The overlap reported is the first in placement order (segment 2 onto 1, last plane), on any number of threads. */
    @Test
    void firstOverlapInPlacementOrderNotInPlaneOrder() throws Exception {
        for (SourceImages src : new SourceImages[] {aligned, unaligned}) {
            int rows = src == aligned ? 40 : 41, cols = src == aligned ? 96 : 97;
            Path f = write("first-" + cols, src, rows, cols, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            for (int threads : new int[] {1, 2}) {
                try (SegmentationReader r = SegmentationReader.open(f)) {
                    ReconstructionOptions o = ReconstructionOptions.defaults().threads(threads).combineToLabelMap();
                    SegmentOverlapException e = assertThrows(SegmentOverlapException.class, () -> Reconstructor.volume(r, o));
                    assertEquals(1, e.firstSegment(), e.getMessage());
                    assertEquals(2, e.secondSegment(), e.getMessage());
                    assertEquals(PLANES - 1, e.plane(), e.getMessage());
                    // segments 3 before 2: now segment 3's overlap on plane 0 comes first
                    SegmentOverlapException e3 = assertThrows(SegmentOverlapException.class,
                            () -> Reconstructor.volume(r, ReconstructionOptions.defaults().threads(threads).combineToLabelMap()
                                    .segments(1, 3, 2, 4)));
                    assertEquals(3, e3.secondSegment(), e3.getMessage());
                    assertEquals(0, e3.plane(), e3.getMessage());
                }
            }
        }
    }

    /** Cancelling stops placing, also when frames are placed plane by plane. */
    @Test
    void cancelStopsPlaneByPlane() throws Exception {
        Path f = write("cancel", aligned, 40, 96, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        try (SegmentationReader r = SegmentationReader.open(f)) {
            r.resetFramesRead();
            int[] updates = new int[1];
            Progress p = new Progress() {
                @Override public void progress(long done, long total) { updates[0]++; }
                @Override public boolean canceled() { return updates[0] >= 3; }
            };
            assertThrows(CanceledException.class,
                    () -> Reconstructor.volume(r, ReconstructionOptions.defaults().combineToLabelMap().progress(p)));
            assertEquals(3, updates[0]);
            assertEquals(0, r.framesRead(), "nothing decoded before the batch is full");
        }
    }
}
