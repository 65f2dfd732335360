package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dicomseg.model.SegmentationType;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.EditLoopFixture;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.SyntheticSegs;
import org.dicomseg.testing.TiledSegs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segment channels written with a foreground other than the stored 1
 * ({@link ReconstructionOptions#channelForeground}: ImageJ's 255, issue 19) and counted per channel
 * while the frames are written ({@link SegmentationVolume#labelPixels}): checked on a W1-like case
 * ({@link EditLoopFixture}: 240 slices of 62 x 50, so every other 1-bit frame starts inside a byte;
 * empty slices at both ends and in the middle; "Lesion" inside "Liver"), BINARY native and RLE,
 * and the same segments as an 8-bit LABELMAP (native, RLE) and a 16-bit one, split into channels.
 * Pixels must be 255 exactly where the fixture's geometry puts a segment, the counts those of the
 * geometry; FRACTIONAL and label maps keep their values.
 */
class ChannelForegroundTest {
    @TempDir static Path dir;
    private static EditLoopFixture fx;
    private static Path rle;
    private static Path labelMap;
    private static Path labelMapRle;
    private static Path labelMap16;
    private static List<String> ctUids;
    private static final int ROWS = EditLoopFixture.ROWS, COLS = EditLoopFixture.COLUMNS, SLICES = EditLoopFixture.SLICES;

    @BeforeAll
    static void write() throws Exception {
        fx = EditLoopFixture.write(dir);
        ctUids = new java.util.ArrayList<>();
        for (Path f : EditLoopFixture.ctFiles(fx.ctDir)) ctUids.add(org.dicomseg.source.SourceFile.read(f).sopInstanceUid());
        EditLoopFixture.Variants v = fx.writeVariants();
        rle = v.binaryRle;
        labelMap = v.labelMap;
        labelMapRle = v.labelMapRle;
        labelMap16 = SyntheticSegs.labelMap16(labelMap, dir.resolve("labels16.dcm"), SyntheticSegs.EXPLICIT_LE);
    }

    /** The planes of the CT series (the import's path: one per CT image, the empty ones included). */
    private static SegmentationVolume planes(SegmentationReader r, ReconstructionOptions o) throws Exception {
        return Reconstructor.bySourceInstances(r, ctUids, o);
    }

    /** Pixels of fixture segment {@code n} on slice {@code z}, from its geometry. */
    private static long expected(int n, int z) {
        long k = 0;
        for (int r = 0; r < ROWS; r++) for (int c = 0; c < COLS; c++) if (EditLoopFixture.inside(n, z, r, c)) k++;
        return k;
    }

    /**
     * Every pixel of every channel is 255 where fixture segment {@code fixture[c]} lies and 0
     * elsewhere (empty planes unallocated or zero); with {@code counted} the counts of each plane
     * are the geometry's.
     */
    private static void assertChannels(SegmentationVolume sv, int[] fixture, boolean counted, String what) {
        assertEquals(SLICES, sv.planes(), what);
        assertEquals(fixture.length, sv.channels(), what);
        long total = 0;
        for (int z = 0; z < SLICES; z++) {
            for (int c = 0; c < fixture.length; c++) {
                byte[] p = sv.isEmpty(c, z) ? null : sv.bytePlane(c, z);
                for (int r = 0; r < ROWS; r++) {
                    for (int x = 0; x < COLS; x++) {
                        int want = EditLoopFixture.inside(fixture[c], z, r, x) ? 255 : 0;
                        int got = p == null ? 0 : p[r * COLS + x] & 0xFF;
                        if (got != want) assertEquals(want, got, what + ": channel " + c + " slice " + z + " row " + r + " column " + x);
                    }
                }
            }
            long[] counts = sv.labelPixels(z);
            if (!counted) {
                assertNull(counts, what + ": no counts, slice " + z);
                continue;
            }
            assertNotNull(counts, what + ": counted, slice " + z);
            long[] want = new long[fixture.length];
            for (int c = 0; c < fixture.length; c++) want[c] = expected(fixture[c], z);
            assertArrayEquals(want, counts, what + ": slice " + z);
            for (long k : counts) total += k;
        }
        if (counted) assertTrue(total > 0, what + ": something counted");
    }

    @Test
    void binaryChannelsHoldTheForegroundAndTheirCounts() throws Exception {
        for (Path seg : new Path[] {fx.seg, rle}) {
            try (SegmentationReader r = SegmentationReader.open(seg)) {
                ReconstructionOptions o = ReconstructionOptions.defaults().channelForeground(255);
                // every CT plane, the empty ones too (their frames were omitted)
                assertChannels(planes(r, o), new int[] {1, 2, 3}, true, seg.getFileName() + " volume");
                // a choice of segments, in another order, on one thread
                assertChannels(planes(r, ReconstructionOptions.defaults().segments(3, 2).channelForeground(255).threads(1)),
                        new int[] {3, 2}, true, seg.getFileName() + " segments 3, 2");
                // the stored value by default: the same pixels as 1, counted the same
                SegmentationVolume ones = planes(r, ReconstructionOptions.defaults());
                SegmentationVolume shown = planes(r, o);
                for (int z = 0; z < SLICES; z++) {
                    assertArrayEquals(shown.labelPixels(z), ones.labelPixels(z), "counts, slice " + z);
                    for (int c = 0; c < 3; c++) {
                        if (ones.isEmpty(c, z)) continue;
                        byte[] a = ones.bytePlane(c, z), b = shown.bytePlane(c, z);
                        for (int i = 0; i < a.length; i++) assertEquals(a[i] == 0 ? 0 : 255, b[i] & 0xFF);
                        for (byte v : a) assertTrue(v == 0 || v == 1, "stored value " + v);
                    }
                }
            }
        }
    }

    @Test
    void labelMapsSplitIntoChannelsHoldTheForeground() throws Exception {
        for (Path seg : new Path[] {labelMap, labelMapRle}) {
            try (SegmentationReader r = SegmentationReader.open(seg)) {
                assertChannels(planes(r, ReconstructionOptions.defaults().channelForeground(255)),
                        new int[] {1, 3}, true, seg.getFileName().toString());
            }
        }
        // 16-bit labels: placed value by value, pixels as asked, not counted
        try (SegmentationReader r = SegmentationReader.open(labelMap16)) {
            assertChannels(planes(r, ReconstructionOptions.defaults().channelForeground(255)),
                    new int[] {1, 3}, false, "16-bit");
        }
    }

    @Test
    void labelMapsKeepTheirValues() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(fx.seg)) {
            SegmentationVolume sv = planes(r, ReconstructionOptions.defaults().segments(1, 3).combineToLabelMap()
                    .channelForeground(255));
            for (int z = 0; z < SLICES; z++) {
                if (sv.isEmpty(0, z)) continue;
                byte[] p = (byte[]) sv.plane(0, z);
                for (int i = 0; i < p.length; i++) {
                    int want = EditLoopFixture.inside(1, z, i / COLS, i % COLS) ? 1 : EditLoopFixture.inside(3, z, i / COLS, i % COLS) ? 3 : 0;
                    assertEquals(want, p[i] & 0xFF, "label map, slice " + z);
                }
            }
        }
    }

    @Test
    void tilesHoldTheForegroundAndFractionalItsValues() throws Exception {
        Shared.assumePresent();
        List<Path> levels = TiledSegs.pyramid(Files.createDirectories(dir.resolve("slide")));
        int x0 = 301, y0 = 203, w = 400, h = 300;
        Path binary = TiledSegs.write(dir.resolve("tiled-binary.dcm"), levels.get(0), SegmentationType.BINARY, x0, y0, w, h);
        Path fractional = TiledSegs.write(dir.resolve("tiled-fractional.dcm"), levels.get(0), SegmentationType.FRACTIONAL, x0, y0, w, h);
        for (Path seg : new Path[] {binary, fractional}) {
            try (SegmentationReader r = SegmentationReader.open(seg)) {
                SegmentationVolume ones = Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults());
                SegmentationVolume shown = Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults().channelForeground(255));
                boolean isBinary = seg == binary;
                long set = 0;
                for (int c = 0; c < ones.channels(); c++) {
                    if (ones.isEmpty(c, 0)) continue;
                    byte[] a = ones.bytePlane(c, 0), b = shown.bytePlane(c, 0);
                    for (int i = 0; i < a.length; i++) {
                        int want = isBinary ? (a[i] == 0 ? 0 : 255) : a[i] & 0xFF;
                        if ((b[i] & 0xFF) != want) assertEquals(want, b[i] & 0xFF, seg.getFileName() + " channel " + c + " pixel " + i);
                        if (a[i] != 0) set++;
                    }
                }
                assertTrue(set > 0, seg.getFileName() + ": something set");
            }
        }
    }
}
