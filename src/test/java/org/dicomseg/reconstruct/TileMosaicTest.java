package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.dicomseg.read.FrameInfo;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceImages;
import org.dicomseg.write.TiledGeometry;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.testing.TiledSegs;
import org.dicomseg.task.CanceledException;
import org.dicomseg.task.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The band-wise tile path ({@link TileMosaic}) of {@link Reconstructor#region} /
 * {@link Reconstructor#totalPixelMatrix}, and {@link Reconstructor#regionInto} /
 * {@link Reconstructor#totalPixelMatrixInto}, against a reference built here pixel by pixel from
 * {@link SegmentationReader#readFrame} and the tile positions. Each case checks that the fast path
 * was (or was not) taken, so a change that silently routes around it fails here too. The "into"
 * arrays start full of garbage (0x5A): equality with the reference proves every pixel was written.
 */
class TileMosaicTest {
    @TempDir
    static Path tmp;

    private static final int W = 601;
    private static final int H = 433;
    private static final byte GARBAGE = 0x5A;
    private static Path slide;

    @BeforeAll
    static void slide() throws Exception {
        slide = tmp.resolve("slide.dcm");
        new SlideWriter(SampleStudy.deterministic(7), W, H, 128).headerOnly(true).write(slide);
    }

    /**
     * Labels 1..maxLabel in runs, 0 elsewhere (short runs make partial bytes), and a block of
     * label 1 over the top left 320 x 300 pixels (full tiles of up to 256 x 256).
     */
    private static byte[] labels(long seed, int maxLabel) {
        Random r = new Random(seed);
        byte[] p = new byte[W * H];
        int i = 0;
        while (i < p.length) {
            int len = r.nextInt(5) == 0 ? 1 + r.nextInt(9) : 1 + r.nextInt(r.nextInt(8) == 0 ? 6000 : 90);
            int v = r.nextInt(2) == 0 ? 1 + r.nextInt(maxLabel) : 0;
            for (int k = 0; k < len && i < p.length; k++) p[i++] = (byte) v;
        }
        for (int y = 0; y < 300; y++) Arrays.fill(p, y * W, y * W + 320, (byte) 1);
        return p;
    }

    private static Path write(String name, SegmentationType type, OutputTransferSyntax ts, int tileRows, int tileCols,
            DimensionOrganization org, byte[] labels, int segments) throws Exception {
        Path out = tmp.resolve(name + "-" + type + "-" + ts + "-" + tileRows + "x" + tileCols + "-" + org + ".dcm");
        SegWriteOptions o = SegWriteOptions.builder().segmentationType(type).transferSyntax(ts).overwrite(true)
                .tiledGeometry(TiledGeometry.defaults().withTileSize(tileRows, tileCols).withOrganization(org)).build();
        if (type == SegmentationType.FRACTIONAL) {
            float[][][] f = new float[segments][1][W * H];
            for (int i = 0; i < labels.length; i++) if (labels[i] != 0) f[labels[i] - 1][0][i] = labels[i] / 3f;
            SegWriter.write(out, StackedMasks.ofFloats(f, H, W), TiledSegs.descriptions(segments), SourceImages.read(slide), o);
        } else {
            SegWriter.write(out, LabelMapMask.ofBytes(new byte[][] {labels}, H, W), TiledSegs.descriptions(segments),
                    SourceImages.read(slide), o);
        }
        return out;
    }

    private static final int[][] REGIONS = {{0, 0, W, H}, {13, 7, 301, 222}, {W - 70, H - 51, 70, 51}, {8, 16, 250, 100},
        {100, 0, 1, H}, {0, 200, W, 1}, {64, 64, 64, 64}};

    @ParameterizedTest(name = "{0} {1} {2}x{3} {4}, {5} segment(s)")
    @CsvSource({
        "BINARY, EXPLICIT_VR_LITTLE_ENDIAN, 256, 256, TILED_SPARSE, 3, true",
        "BINARY, EXPLICIT_VR_LITTLE_ENDIAN, 256, 256, TILED_FULL, 1, true",
        "BINARY, EXPLICIT_VR_LITTLE_ENDIAN, 37, 29, TILED_FULL, 3, true",
        "BINARY, EXPLICIT_VR_LITTLE_ENDIAN, 37, 29, TILED_SPARSE, 1, true",
        "BINARY, RLE_LOSSLESS, 37, 29, TILED_SPARSE, 3, true",
        "BINARY, RLE_LOSSLESS, 64, 64, TILED_FULL, 1, true",
        "BINARY, EXPLICIT_VR_LITTLE_ENDIAN, 64, 64, TILED_FULL, 2, true",
        "LABELMAP, RLE_LOSSLESS, 37, 29, TILED_FULL, 3, false",
        "LABELMAP, EXPLICIT_VR_LITTLE_ENDIAN, 64, 64, TILED_SPARSE, 3, false",
        "FRACTIONAL, EXPLICIT_VR_LITTLE_ENDIAN, 64, 64, TILED_FULL, 3, false",
    })
    void regionsAndIntoMatchTheReference(SegmentationType type, OutputTransferSyntax ts, int tileRows, int tileCols,
            DimensionOrganization org, int segments, boolean fastForChannels) throws Exception {
        byte[] labels = labels(tileRows * 131L + tileCols * 7L + segments + org.ordinal(), segments);
        Path seg = write("r", type, ts, tileRows, tileCols, org, labels, segments);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            if (type == SegmentationType.BINARY) {
                int full = 0;
                for (FrameInfo f : r.frames()) {
                    byte[] px = r.readFrame(f.frameNumber());
                    if (countOnes(px) == px.length) full++;
                }
                assertTrue(full > 0, "the file has full tiles");
            }
            for (int[] g : REGIONS) {
                for (int threads = 1; threads <= 2; threads++) {
                    for (boolean labelOut : new boolean[] {false, true}) {
                        ReconstructionStatistics stats = new ReconstructionStatistics();
                        ReconstructionOptions o = ReconstructionOptions.defaults().threads(threads).statistics(stats);
                        Map<Integer, Integer> relabel = Map.of(1, 7, 2, 200);
                        if (labelOut) o.combineToLabelMap().relabel(relabel);
                        String what = type + " " + ts + " " + tileRows + "x" + tileCols + " " + org + " region "
                                + Arrays.toString(g) + " threads " + threads + (labelOut ? " label map" : " channels");
                        byte[][] ref = reference(r, type, g, labelOut, labelOut ? relabel : Map.of(), segments);
                        // BINARY: channels always take the band path; a label map when no two tiles share a grid cell
                        // (always with one segment; with several it depends on the region: not checked)
                        Boolean fast = !fastForChannels ? Boolean.FALSE : !labelOut || segments == 1 ? Boolean.TRUE : null;

                        SegmentationVolume v = Reconstructor.region(r, g[0], g[1], g[2], g[3], o);
                        long before = stats.bandPathRuns();
                        if (fast != null) assertEquals(fast ? 1 : 0, before, what + ": band path taken");
                        assertEquals(ref.length, v.channels(), what);
                        for (int c = 0; c < ref.length; c++) {
                            byte[] got = v.isEmpty(c, 0) ? new byte[g[2] * g[3]] : v.bytePlane(c, 0);
                            assertArrayEquals(ref[c], got, what + " channel " + c);
                        }

                        Object[] out = new Object[ref.length];
                        for (int c = 0; c < out.length; c++) {
                            byte[] b = new byte[g[2] * g[3]];
                            Arrays.fill(b, GARBAGE);
                            out[c] = b;
                        }
                        SegmentationVolume into = Reconstructor.regionInto(r, g[0], g[1], g[2], g[3], o, out);
                        if (fast != null) assertEquals(fast ? 1 : 0, stats.bandPathRuns() - before, what + " into: band path taken");
                        assertEquals(v.framesRead(), into.framesRead(), what + " into: tiles read");
                        for (int c = 0; c < ref.length; c++) {
                            assertFalse(into.isEmpty(c, 0), what + " into channel " + c);
                            assertSame(out[c], into.plane(c, 0), what + " into: the caller's array is the plane");
                            assertArrayEquals(ref[c], (byte[]) out[c], what + " into channel " + c);
                        }
                    }
                }
            }
        }
    }

    @Test
    void wholeMatrixIntoAReusedBufferEqualsTheFreshRead() throws Exception {
        Path a = write("a", SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 64, 64,
                DimensionOrganization.TILED_SPARSE, labels(11, 1), 1);
        Path b = write("b", SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 64, 64,
                DimensionOrganization.TILED_SPARSE, labels(12, 1), 1);
        byte[] buffer;
        byte[] freshB;
        try (SegmentationReader r = SegmentationReader.open(a)) {
            buffer = Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults()).bytePlane(0, 0);
        }
        try (SegmentationReader r = SegmentationReader.open(b)) {
            freshB = Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults()).bytePlane(0, 0);
            SegmentationVolume v = Reconstructor.totalPixelMatrixInto(r, ReconstructionOptions.defaults(), buffer);
            assertSame(buffer, v.bytePlane(0, 0));
            assertEquals(W, v.width());
            assertEquals(H, v.height());
            assertEquals(r.numberOfFrames(), v.framesRead());
        }
        assertArrayEquals(freshB, buffer, "file a's pixels are all overwritten by file b's");
        assertTrue(countOnes(freshB) > 0);
    }

    @Test
    void bandsReadWhileThePlaneIsAllocatedAreWrittenAfterwards() throws Exception {
        // the allocating thread is held back, so the other thread stashes the bands it reads meanwhile
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two threads");
        byte[] labels = labels(21, 3);
        Path seg = write("stash", SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 37, 29,
                DimensionOrganization.TILED_SPARSE, labels, 3);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            byte[][] ref = reference(r, SegmentationType.BINARY, new int[] {0, 0, W, H}, false, Map.of(), 3);
            ReconstructionStatistics slowAllocation = new ReconstructionStatistics() {
                @Override void allocatedPlane() {
                    super.allocatedPlane();
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            SegmentationVolume v = Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults().threads(2).statistics(slowAllocation));
            assertEquals(1, slowAllocation.bandPathRuns(), "band path taken");
            assertTrue(slowAllocation.bandsStashed() > 0, "bands were stashed");
            assertEquals(3, slowAllocation.planesAllocated(), "each channel's plane allocated once");
            for (int c = 0; c < 3; c++) assertArrayEquals(ref[c], v.bytePlane(c, 0), "channel " + c);
        }
    }

    @Test
    void aLabelMapOfSegmentsInSeparateTilesTakesTheBandPath() throws Exception {
        // segment 1 left of x = 320, segment 2 right of it: tile aligned (64), so no two tiles share a cell
        byte[] labels = labels(33, 1);
        for (int i = 0; i < labels.length; i++) if (labels[i] != 0 && i % W >= 320) labels[i] = 2;
        Path seg = write("split", SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 64, 64,
                DimensionOrganization.TILED_SPARSE, labels, 2);
        Map<Integer, Integer> relabel = Map.of(1, 7, 2, 200);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            for (int[] g : REGIONS) {
                for (int threads = 1; threads <= 2; threads++) {
                    ReconstructionStatistics stats = new ReconstructionStatistics();
                    ReconstructionOptions o = ReconstructionOptions.defaults().threads(threads).combineToLabelMap().relabel(relabel)
                            .statistics(stats);
                    byte[] ref = reference(r, SegmentationType.BINARY, g, true, relabel, 2)[0];
                    SegmentationVolume v = Reconstructor.region(r, g[0], g[1], g[2], g[3], o);
                    assertEquals(1, stats.bandPathRuns(), Arrays.toString(g));
                    assertArrayEquals(ref, v.isEmpty(0, 0) ? new byte[g[2] * g[3]] : v.bytePlane(0, 0), Arrays.toString(g));
                    byte[] out = new byte[g[2] * g[3]];
                    Arrays.fill(out, GARBAGE);
                    Reconstructor.regionInto(r, g[0], g[1], g[2], g[3], o, out);
                    assertArrayEquals(ref, out, Arrays.toString(g) + " into");
                }
            }
        }
    }

    @Test
    void channelsWithOnlyEmptyTilesStayUnallocated() throws Exception {
        // labels 1 and 2 only, three segments, TILED_FULL: segment 3 is stored as all-zero tiles
        byte[] labels = labels(5, 2);
        Path seg = write("empty", SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 64, 64,
                DimensionOrganization.TILED_FULL, labels, 3);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            ReconstructionStatistics stats = new ReconstructionStatistics();
            SegmentationVolume v = Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults().statistics(stats));
            assertEquals(1, stats.bandPathRuns());
            assertEquals(2, stats.planesAllocated(), "only the planes of segments 1 and 2 are allocated");
            assertEquals(3 * 10 * 7, r.numberOfFrames(), "TILED_FULL stores the empty segment's tiles too");
            assertEquals(r.numberOfFrames(), v.framesRead(), "TILED_FULL: every tile read");
            assertFalse(v.isEmpty(0, 0));
            assertFalse(v.isEmpty(1, 0));
            assertTrue(v.isEmpty(2, 0), "segment 3 has no pixel: its plane is not allocated");
            assertEquals(countOnes(reference(r, SegmentationType.BINARY, new int[] {0, 0, W, H}, false, Map.of(), 3)[1]),
                    v.countNonZero(1));
        }
    }

    @Test
    void progressIsReportedOncePerTileAndCancelStops() throws Exception {
        Path seg = write("progress", SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 37, 29,
                DimensionOrganization.TILED_FULL, labels(3, 1), 1);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            int tiles = r.numberOfFrames();
            for (int threads = 1; threads <= 2; threads++) {
                List<int[]> updates = new ArrayList<>();
                Progress p = new Progress() {
                    @Override public void progress(long done, long total) { updates.add(new int[] {(int) done, (int) total}); }
                    @Override public boolean canceled() { return false; }
                };
                ReconstructionStatistics stats = new ReconstructionStatistics();
                Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults().threads(threads).progress(p).statistics(stats));
                assertEquals(1, stats.bandPathRuns());
                assertEquals(tiles + 1, updates.size(), "one update per tile, then one saying all done");
                for (int k = 0; k <= tiles; k++) {
                    assertEquals(Math.min(k, tiles), updates.get(k)[0]);
                    assertEquals(tiles, updates.get(k)[1]);
                }

                List<int[]> seen = new ArrayList<>();
                Progress cancel = new Progress() {
                    @Override public void progress(long done, long total) { seen.add(new int[] {(int) done, (int) total}); }
                    @Override public boolean canceled() { return seen.size() >= 3; }
                };
                r.resetFramesRead();
                ReconstructionOptions o = ReconstructionOptions.defaults().threads(threads).progress(cancel);
                assertThrows(CanceledException.class, () -> Reconstructor.totalPixelMatrix(r, o));
                assertEquals(3, seen.size(), "stopped at the first check after three updates");
                // one thread: it stops after its first band; two: the other may have read on meanwhile (timing)
                if (threads == 1) assertTrue(r.framesRead() < tiles, "decoded " + r.framesRead() + " of " + tiles);
            }
        }
    }

    @Test
    void theFirstTileThatFailsIsTheOneReported() throws Exception {
        // the file loses its last tiles after it was opened: those reads fail; as in a sequential
        // pass, the error names the first failing tile in placement (file) order, whatever the threads
        Path seg = write("cut", SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 64, 64,
                DimensionOrganization.TILED_FULL, labels(17, 2), 2);
        for (int threads = 1; threads <= 2; threads++) {
            Path copy = tmp.resolve("cut-" + threads + ".dcm");
            java.nio.file.Files.copy(seg, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (SegmentationReader r = SegmentationReader.open(copy)) {
                int frames = r.numberOfFrames();
                int frameBytes = 64 * 64 / 8;
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(copy,
                        java.nio.file.StandardOpenOption.WRITE)) {
                    ch.truncate(ch.size() - 5L * frameBytes - 1); // frames - 5 .. frames are cut
                }
                ReconstructionStatistics stats = new ReconstructionStatistics();
                ReconstructionOptions o = ReconstructionOptions.defaults().threads(threads).statistics(stats);
                org.dicomseg.read.SegReadException e = assertThrows(org.dicomseg.read.SegReadException.class,
                        () -> Reconstructor.totalPixelMatrix(r, o));
                assertEquals(1, stats.bandPathRuns());
                assertEquals(frames - 5, e.frameNumber(), e.getMessage());
                byte[] one = new byte[W * H], two = new byte[W * H];
                e = assertThrows(org.dicomseg.read.SegReadException.class, () -> Reconstructor.totalPixelMatrixInto(r, o, one, two));
                assertEquals(frames - 5, e.frameNumber(), e.getMessage());
            }
        }
    }

    @Test
    void intoRejectsArraysThatDoNotFit() throws Exception {
        Path seg = write("args", SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 64, 64,
                DimensionOrganization.TILED_SPARSE, labels(9, 3), 3);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            ReconstructionOptions o = ReconstructionOptions.defaults();
            byte[] a = new byte[W * H], b = new byte[W * H], c = new byte[W * H];
            assertThrows(IllegalArgumentException.class, () -> Reconstructor.totalPixelMatrixInto(r, o, a, b), "3 channels, 2 arrays");
            assertThrows(IllegalArgumentException.class, () -> Reconstructor.totalPixelMatrixInto(r, o, a, b, new byte[W * H - 1]));
            assertThrows(IllegalArgumentException.class, () -> Reconstructor.totalPixelMatrixInto(r, o, a, b, new short[W * H]));
            assertThrows(IllegalArgumentException.class, () -> Reconstructor.totalPixelMatrixInto(r, o, a, b, null));
            assertThrows(IllegalArgumentException.class, () -> Reconstructor.totalPixelMatrixInto(r, o, a, b, a), "aliased");
            assertThrows(IllegalArgumentException.class, () -> Reconstructor.regionInto(r, 0, 0, 10, 10, o, a, b, c), "size");
            Reconstructor.totalPixelMatrixInto(r, o, a, b, c);
            ReconstructionOptions labels = ReconstructionOptions.defaults().combineToLabelMap();
            byte[] one = new byte[W * H];
            Arrays.fill(one, GARBAGE);
            Reconstructor.totalPixelMatrixInto(r, labels, one);
            for (int i = 0; i < one.length; i++) {
                int want = a[i] != 0 ? 1 : b[i] != 0 ? 2 : c[i] != 0 ? 3 : 0;
                if (one[i] != want) throw new AssertionError("pixel " + i + ": " + one[i] + " != " + want);
            }
        }
    }

    private static long countOnes(byte[] a) {
        long n = 0;
        for (byte x : a) if (x != 0) n++;
        return n;
    }

    /** Channels (or the one label map) of a region, tile by tile from readFrame, pixel by pixel. */
    private static byte[][] reference(SegmentationReader r, SegmentationType type, int[] g, boolean labelOut,
            Map<Integer, Integer> relabel, int segments) throws Exception {
        byte[][] out = new byte[labelOut ? 1 : segments][g[2] * g[3]];
        int rows = r.rows(), cols = r.columns();
        for (FrameInfo f : r.frames()) {
            byte[] px = r.readFrame(f.frameNumber());
            int tx = f.columnPositionInTotalPixelMatrix() - 1 - g[0];
            int ty = f.rowPositionInTotalPixelMatrix() - 1 - g[1];
            int seg = type == SegmentationType.LABELMAP ? 0 : f.referencedSegmentNumber();
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    int px0 = tx + x, py0 = ty + y;
                    if (px0 < 0 || py0 < 0 || px0 >= g[2] || py0 >= g[3]) continue;
                    int v = px[y * cols + x] & 0xFF;
                    if (v == 0) continue;
                    int i = py0 * g[2] + px0;
                    if (type == SegmentationType.LABELMAP) {
                        if (labelOut) out[0][i] = (byte) (int) relabel.getOrDefault(v, v);
                        else out[v - 1][i] = 1;
                    } else if (labelOut) {
                        out[0][i] = (byte) (int) relabel.getOrDefault(seg, seg);
                    } else {
                        out[seg - 1][i] = (byte) (type == SegmentationType.BINARY ? 1 : v);
                    }
                }
            }
        }
        return out;
    }
}
