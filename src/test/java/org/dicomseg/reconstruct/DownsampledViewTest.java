package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.TiledSegs;
import org.dicomseg.task.CanceledException;
import org.dicomseg.task.Progress;

/**
 * {@link DownsampledView} against an independent block reduction of the full-resolution matrix:
 * any foreground per segment channel (BINARY), most frequent label (combined label map), rounded
 * mean of stored values (FRACTIONAL); chunked reading gives the same pixels as one chunk, and only
 * the tiles of the region are decoded.
 */
class DownsampledViewTest {
    @TempDir static Path tmp;
    static Path binary;
    static Path labelmap;
    static Path fractional;
    static final int X0 = 301, Y0 = 203, W = 400, H = 300;

    @BeforeAll
    static void segs() throws Exception {
        Shared.assumePresent();
        List<Path> levels = TiledSegs.pyramid(Files.createDirectories(tmp.resolve("slide")));
        binary = TiledSegs.write(tmp.resolve("binary.dcm"), levels.get(0), SegmentationType.BINARY, X0, Y0, W, H);
        labelmap = TiledSegs.write(tmp.resolve("labelmap.dcm"), levels.get(0), SegmentationType.LABELMAP, X0, Y0, W, H);
        fractional = TiledSegs.write(tmp.resolve("fractional.dcm"), levels.get(0), SegmentationType.FRACTIONAL, X0, Y0, W, H);
    }

    private static int at(Object plane, int i) {
        if (plane instanceof byte[]) return ((byte[]) plane)[i] & 0xFF;
        return ((short[]) plane)[i] & 0xFFFF;
    }

    /** Expected pixel of a block reduction of {@code full} (fw x fh) over region x, y, w, h. */
    private static int expected(Object full, int fw, int x, int y, int w, int h, int f, int ox, int oy, String rule) {
        int[] counts = new int[65536];
        long sum = 0;
        int best = 0, bestN = 0;
        boolean any = false;
        for (int yy = oy * f; yy < Math.min(h, oy * f + f); yy++) {
            for (int xx = ox * f; xx < Math.min(w, ox * f + f); xx++) {
                int v = at(full, (y + yy) * fw + x + xx);
                sum += v;
                if (v != 0) {
                    any = true;
                    int n = ++counts[v];
                    if (n > bestN || (n == bestN && v < best)) {
                        best = v;
                        bestN = n;
                    }
                }
            }
        }
        switch (rule) {
            case "any": return any ? 1 : 0;
            case "mode": return best;
            default: return (int) Math.round(sum / (double) (f * f));
        }
    }

    private static void check(Path file, ReconstructionOptions full, ReconstructionOptions view, int x, int y, int w, int h, int f,
            String rule, int chunk) throws Exception {
        try (SegmentationReader r = SegmentationReader.open(file)) {
            SegmentationVolume all = Reconstructor.totalPixelMatrix(r, full);
            SegmentationVolume v = DownsampledView.region(r, x, y, w, h, f, view, chunk);
            int ow = (w + f - 1) / f, oh = (h + f - 1) / f;
            assertEquals(ow, v.width());
            assertEquals(oh, v.height());
            assertEquals(x, v.originX());
            assertEquals(y, v.originY());
            assertEquals(r.metadata().pixelSpacing()[1] * f, v.pixelSpacing()[1], 1e-12);
            assertTrue(v.notes().stream().anyMatch(n -> n.contains("downsampled by " + f)), v.notes().toString());
            for (int c = 0; c < v.channels(); c++) {
                Object fp = all.plane(c, 0), vp = v.plane(c, 0);
                for (int j = 0; j < oh; j++) {
                    for (int i = 0; i < ow; i++) {
                        assertEquals(expected(fp, all.width(), x, y, w, h, f, i, j, rule), at(vp, j * ow + i),
                                file.getFileName() + " channel " + c + " pixel " + i + "," + j + " (x" + f + ", chunk " + chunk + ")");
                    }
                }
            }
        }
    }

    @Test
    void binaryChannelsKeepAnyForeground() throws Exception {
        check(binary, ReconstructionOptions.defaults(), ReconstructionOptions.defaults(), 0, 0, TiledSegs.W, TiledSegs.H, 3, "any", 2048);
        // small chunks (not tile-aligned: 3 x 128 = 384 → 384) give the same pixels
        check(binary, ReconstructionOptions.defaults(), ReconstructionOptions.defaults(), 250, 150, 500, 400, 3, "any", 100);
        check(binary, ReconstructionOptions.defaults(), ReconstructionOptions.defaults(), 250, 150, 500, 400, 7, "any", 10);
    }

    @Test
    void labelMapsKeepTheMostFrequentLabel() throws Exception {
        check(labelmap, ReconstructionOptions.defaults().combineToLabelMap(), ReconstructionOptions.defaults().combineToLabelMap(),
                X0 - 10, Y0 - 20, W + 40, H + 30, 4, "mode", 64);
        // LABELMAP files as segment channels: any foreground per segment
        check(labelmap, ReconstructionOptions.defaults(), ReconstructionOptions.defaults(), 0, 0, TiledSegs.W, TiledSegs.H, 5, "any", 2048);
    }

    @Test
    void fractionalStoredValuesAreBlockMeans() throws Exception {
        check(fractional, ReconstructionOptions.defaults(), ReconstructionOptions.defaults(), X0, Y0, W, H, 2, "mean", 2048);
        check(fractional, ReconstructionOptions.defaults(), ReconstructionOptions.defaults(), X0 + 1, Y0 + 3, W - 7, H - 5, 3, "mean", 50);
    }

    @Test
    void onlyTheRegionsTilesAreDecodedAndProgressCovers() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(binary)) {
            int x = 520, y = 260, w = 200, h = 150;
            long touching = r.frames().stream().filter(FrameInfo::isTile).filter(fi -> {
                int tx = fi.columnPositionInTotalPixelMatrix() - 1, ty = fi.rowPositionInTotalPixelMatrix() - 1;
                return tx < x + w && ty < y + h && tx + r.metadata().columns() > x && ty + r.metadata().rows() > y;
            }).count();
            AtomicInteger last = new AtomicInteger();
            ReconstructionOptions o = ReconstructionOptions.defaults().progress(new Progress() {
                @Override public void progress(long done, long total) { last.set((int) (done * 100 / total)); }
                @Override public boolean canceled() { return false; }
            });
            Progress mine = o.progress();
            SegmentationVolume v = DownsampledView.region(r, x, y, w, h, 4, o);
            assertEquals(touching, v.framesRead());
            assertTrue(touching < r.frames().size());
            assertEquals(100, last.get());
            assertTrue(o.progress() == mine, "the caller's progress is restored");
        }
    }

    @Test
    void cancelStopsTheView() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(binary)) {
            ReconstructionOptions o = ReconstructionOptions.defaults().progress(new Progress() {
                @Override public void progress(long done, long total) { }
                @Override public boolean canceled() { return true; }
            });
            assertThrows(CanceledException.class, () -> DownsampledView.totalPixelMatrix(r, 2, o));
        }
    }

    @Test
    void factorsAndLimits() throws Exception {
        assertEquals(1, DownsampledView.fittingFactor(2048, 100, 2048, Long.MAX_VALUE));
        assertEquals(2, DownsampledView.fittingFactor(2049, 100, 2048, Long.MAX_VALUE));
        assertEquals(20, DownsampledView.fittingFactor(40000, 40000, 2048, Long.MAX_VALUE));
        assertEquals(4, DownsampledView.fittingFactor(1000, 1000, 2048, 70000));
        assertEquals(384, DownsampledView.chunk(3, 128, 300));
        assertEquals(2048, DownsampledView.chunk(4, 256, 2048));
        assertEquals(7 * 292, DownsampledView.chunk(7, 1000, 2048));
        try (SegmentationReader r = SegmentationReader.open(binary)) {
            assertThrows(IllegalArgumentException.class, () -> DownsampledView.region(r, 900, 0, 200, 10, 2, ReconstructionOptions.defaults()));
            assertThrows(IllegalArgumentException.class, () -> DownsampledView.region(r, 0, 0, 10, 10, 0, ReconstructionOptions.defaults()));
            SegmentationVolume one = DownsampledView.region(r, 10, 10, 50, 50, 1, ReconstructionOptions.defaults());
            SegmentationVolume direct = Reconstructor.region(r, 10, 10, 50, 50, ReconstructionOptions.defaults());
            assertArrayEquals(direct.bytePlane(0, 0), one.bytePlane(0, 0));
        }
    }
}
