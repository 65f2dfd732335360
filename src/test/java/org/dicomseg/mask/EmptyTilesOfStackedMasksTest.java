package org.dicomseg.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import ij.gui.OvalRoi;
import ij.gui.PolygonRoi;
import ij.gui.Roi;

import org.junit.jupiter.api.Test;

import org.dicomseg.ij.export.RoiSegment;
import org.dicomseg.ij.export.ScaledRoiMaskPlanes;

/**
 * Per-segment masks ({@link StackedMasks}) whose source says a tile is all 0 are not read for it,
 * in either pass, and give the same inventory and frames as the same pixels read; ROIs scaled to a
 * slide ({@link ScaledRoiMaskPlanes}) say so for regions no ROI reaches, and only for those.
 */
class EmptyTilesOfStackedMasksTest {
    static final int W = 400, H = 300;

    /** Wraps a source, counting reads; optionally hides its uniformValue. */
    static final class Counting implements MaskPlanes {
        final MaskPlanes d;
        final boolean answers;
        int reads;
        Counting(MaskPlanes d, boolean answers) { this.d = d; this.answers = answers; }
        @Override public int rows() { return d.rows(); }
        @Override public int columns() { return d.columns(); }
        @Override public int planes() { return d.planes(); }
        @Override public PixelKind kind() { return d.kind(); }
        @Override public Object readPlane(int plane, Object dst) { reads++; return d.readPlane(plane, dst); }
        @Override public void readRegion(int plane, int x, int y, int w, int h, Object dst) { reads++; d.readRegion(plane, x, y, w, h, dst); }
        @Override public int uniformValue(int plane, int x, int y, int w, int h) { return answers ? d.uniformValue(plane, x, y, w, h) : -1; }
    }

    @Test
    void scaledRoisSayZeroExactlyWhereNoRoiReaches() {
        ScaledRoiMaskPlanes m = new ScaledRoiMaskPlanes(new RoiSegment("s",
                List.of(new OvalRoi(10, 10, 30, 20), new PolygonRoi(new float[] {60, 90, 70}, new float[] {40, 45, 70}, Roi.POLYGON)),
                List.of(1, 2), null), 4, 4, W, H);
        Random r = new Random(2);
        int zeros = 0;
        for (int i = 0; i < 2000; i++) {
            int w = 1 + r.nextInt(80), h = 1 + r.nextInt(80);
            int x = r.nextInt(W - w + 1), y = r.nextInt(H - h + 1);
            byte[] px = new byte[w * h];
            m.readRegion(0, x, y, w, h, px);
            int u = m.uniformValue(0, x, y, w, h);
            assertTrue(u == 0 || u == -1);
            if (u == 0) {
                zeros++;
                for (byte b : px) assertEquals(0, b, "region " + x + "," + y + " " + w + "x" + h + " said empty");
            }
        }
        assertTrue(zeros > 200, "regions known empty: " + zeros);
    }

    @Test
    void knownEmptyTilesAreNotReadAndFramesAgree() {
        ScaledRoiMaskPlanes oval = new ScaledRoiMaskPlanes(new RoiSegment("a", List.of(new OvalRoi(10, 10, 30, 20)), List.of(1), null),
                4, 4, W, H);
        ScaledRoiMaskPlanes tri = new ScaledRoiMaskPlanes(new RoiSegment("b",
                List.of(new PolygonRoi(new float[] {20, 90, 70}, new float[] {15, 45, 70}, Roi.POLYGON)), List.of(2), null), 4, 4, W, H);
        Counting a1 = new Counting(oval, true), a2 = new Counting(tri, true);
        Counting b1 = new Counting(oval, false), b2 = new Counting(tri, false);
        TileGrid grid = new TileGrid(330, 420, 48, 48, 13, 5, H, W, true);
        StackedMasks a = StackedMasks.of(List.of(a1, a2)).tiled(grid);
        StackedMasks b = StackedMasks.of(List.of(b1, b2)).tiled(grid);
        MaskInventory ia = a.scan(2, 1), ib = b.scan(2, 1);
        assertEquals(ib.overlaps(), ia.overlaps());
        assertTrue(ia.overlaps(), "the two ROIs overlap");
        int tiles = grid.tileCount();
        for (int t = 0; t < tiles; t++) {
            for (int s = 1; s <= 2; s++) assertEquals(ib.isPresent(t, s), ia.isPresent(t, s));
        }
        assertTrue(a1.reads + a2.reads < (b1.reads + b2.reads) / 2, "reads " + (a1.reads + a2.reads) + " vs " + (b1.reads + b2.reads));
        int n = 48 * 48;
        for (int t = 0; t < tiles; t++) {
            boolean[] wanted = {false, true, true};
            byte[][] pa = new byte[3][(n + 7) / 8], pb = new byte[3][(n + 7) / 8];
            java.util.Arrays.fill(pa[2], (byte) -1);
            a.packSegments(t, wanted, pa);
            b.packSegments(t, wanted, pb);
            for (int s = 1; s <= 2; s++) {
                assertArrayEquals(pb[s], pa[s], "tile " + t + " segment " + s);
                byte[] fa = new byte[n], fb = new byte[n];
                java.util.Arrays.fill(fa, (byte) 9);
                a.segmentFrame(t, s, 1, fa);
                b.segmentFrame(t, s, 1, fb);
                assertArrayEquals(fb, fa);
            }
        }
        // frames of tiles known empty were not read: the reads are those of tiles a ROI reaches
        int reached = 0;
        for (int t = 0; t < tiles; t++) {
            for (Counting c : new Counting[] {a1, a2}) {
                long y = grid.tileRowStart(t) - 13, x = grid.tileColumnStart(t) - 5;
                long ya = Math.max(0, y), yb = Math.min(H, y + 48), xa = Math.max(0, x), xb = Math.min(W, x + 48);
                if (ya < yb && xa < xb && c.d.uniformValue(0, (int) xa, (int) ya, (int) (xb - xa), (int) (yb - ya)) != 0) reached++;
            }
        }
        assertEquals(3 * reached, a1.reads + a2.reads, "scan, pack and segment frame: each reached tile once");
    }
}
