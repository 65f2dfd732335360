package org.dicomseg.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Uniform planes and tiles in the writer's two passes: the first pass remembers which planes hold
 * one label (also for sources that cannot say so, by looking at the pixels it reads anyway), and
 * the frames of those planes are then produced without reading; {@link TiledMaskPlanes} passes
 * {@link MaskPlanes#uniformValue} on, with tiles outside the mask 0 and edge tiles uniform only
 * when their inside part is 0. Frames are compared with a mask over the same pixels that answers
 * nothing and remembers nothing.
 */
class UniformRegionsTest {
    static final int W = 300, H = 200;

    /** In-memory 8- or 16-bit labels that count plane reads; optionally answers uniformValue truthfully. */
    static final class Counting implements MaskPlanes {
        final Object data;
        final boolean answers;
        int reads;
        Counting(Object data, boolean answers) { this.data = data; this.answers = answers; }
        @Override public int rows() { return H; }
        @Override public int columns() { return W; }
        @Override public int planes() { return 1; }
        @Override public PixelKind kind() { return data instanceof byte[] ? PixelKind.UINT8 : PixelKind.UINT16; }
        @Override public Object readPlane(int plane, Object dst) { reads++; return data; }
        int at(int i) { return data instanceof byte[] ? ((byte[]) data)[i] & 0xFF : ((short[]) data)[i] & 0xFFFF; }
        @Override public int uniformValue(int plane, int x, int y, int w, int h) {
            if (!answers) return -1;
            int v = at(y * W + x);
            for (int r = 0; r < h; r++) for (int c = 0; c < w; c++) if (at((y + r) * W + x + c) != v) return -1;
            return v;
        }
    }

    static Object labels(boolean wide) {
        Random rnd = new Random(5);
        int[] v = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int l = 0;
                if (x < 150 && y < 120) l = 3;                   // a block of 3 (full tiles)
                if (x >= 180 && y >= 40 && y < 160) l = wide ? 1000 : 200;
                if (x >= 160 && x < 175 && rnd.nextInt(5) == 0) l = 1 + rnd.nextInt(3);
                v[y * W + x] = l;
            }
        }
        if (wide) {
            short[] s = new short[v.length];
            for (int i = 0; i < v.length; i++) s[i] = (short) v[i];
            return s;
        }
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    @Test
    void uniformTilesGiveTheSameFramesWithoutBeingRead() {
        for (boolean wide : new boolean[] {false, true}) {
            for (int tile : new int[] {32, 37, 50}) {
                Object data = labels(wide);
                // the mask at (7, 11) in a 340 x 230 matrix: edge tiles partly outside the mask
                TileGrid grid = new TileGrid(230, 340, tile, tile, 11, 7, H, W, true);
                java.util.Map<Integer, Integer> map = new java.util.HashMap<>();
                map.put(1, 1); map.put(2, 1); map.put(3, 2); map.put(wide ? 1000 : 200, 3);
                Counting knowing = new Counting(data, true);
                Counting remembering = new Counting(data, false);
                LabelMapMask a = LabelMapMask.of(knowing, map).tiled(grid);
                LabelMapMask b = LabelMapMask.of(remembering, map).tiled(grid);
                MaskInventory ia = a.scan(3, 1);
                int knowingScanReads = knowing.reads;
                MaskInventory ib = b.scan(3, 1);
                int tiles = grid.tileCount();
                int uniformTiles = 0;
                for (int t = 0; t < tiles; t++) {
                    for (int s = 1; s <= 3; s++) assertEquals(ib.isPresent(t, s), ia.isPresent(t, s), "tile " + t + " segment " + s);
                    if (a.labels().uniformValue(t, 0, 0, tile, tile) >= 0) uniformTiles++;
                }
                assertTrue(uniformTiles > tiles / 3 && uniformTiles < tiles, uniformTiles + " of " + tiles);
                assertEquals(tiles - uniformTiles, knowingScanReads, "the first pass reads only mixed tiles");
                int touching = 0;
                for (int t = 0; t < tiles; t++) {
                    long y = grid.tileRowStart(t) - grid.maskRowOffset(), x = grid.tileColumnStart(t) - grid.maskColumnOffset();
                    if (y + tile > 0 && y < H && x + tile > 0 && x < W) touching++;
                }
                assertEquals(touching, remembering.reads, "a source that cannot answer is read once per tile it covers");

                int n = tile * tile;
                int before = knowing.reads;
                int mixedB = 0;
                for (int t = 0; t < tiles; t++) {
                    boolean[] wanted = {false, true, true, true};
                    byte[][] pa = new byte[4][(int) ((n + 7) / 8)];
                    byte[][] pb = new byte[4][(int) ((n + 7) / 8)];
                    java.util.Arrays.fill(pa[1], (byte) 0x5A); // stale contents must be cleared
                    a.packSegments(t, wanted, pa);
                    int r0 = remembering.reads;
                    b.packSegments(t, wanted, pb);
                    if (remembering.reads > r0) mixedB++;
                    byte[][] reference = reference(data, grid, t, map, n);
                    for (int s = 1; s <= 3; s++) {
                        assertArrayEquals(reference[s], pb[s], "read path, tile " + t + " segment " + s);
                        assertArrayEquals(reference[s], pa[s], "tile " + t + " segment " + s);
                    }
                    for (int s = 1; s <= 3; s++) {
                        byte[] fa = new byte[n], fb = new byte[n];
                        a.segmentFrame(t, s, 255, fa);
                        b.segmentFrame(t, s, 255, fb);
                        assertArrayEquals(fb, fa, "segmentFrame tile " + t + " segment " + s);
                    }
                    byte[] la = new byte[n], lb = new byte[n];
                    a.labelFrame(t, la);
                    b.labelFrame(t, lb);
                    assertArrayEquals(lb, la, "labelFrame tile " + t);
                }
                // each frame kind read every mixed tile once (pack, 3 segment frames, label frame) and no uniform tile
                assertEquals(5 * (tiles - uniformTiles), knowing.reads - before);
                assertEquals(tiles - uniformTiles, mixedB, "a remembered uniform tile is not read again");
            }
        }
    }

    /** Packed frames of every segment of tile t, pixel by pixel. */
    private static byte[][] reference(Object data, TileGrid g, int t, java.util.Map<Integer, Integer> map, int n) {
        byte[][] out = new byte[4][(n + 7) / 8];
        int tile = g.tileRows();
        for (int i = 0; i < n; i++) {
            long y = g.tileRowStart(t) + i / tile - g.maskRowOffset();
            long x = g.tileColumnStart(t) + i % tile - g.maskColumnOffset();
            if (y < 0 || x < 0 || y >= H || x >= W) continue;
            int idx = (int) (y * W + x);
            int v = data instanceof byte[] ? ((byte[]) data)[idx] & 0xFF : ((short[]) data)[idx] & 0xFFFF;
            if (v != 0) out[map.get(v)][i >>> 3] |= (byte) (1 << (i & 7));
        }
        return out;
    }

    @Test
    void tiledUniformValueRules() {
        byte[] ones = new byte[W * H];
        java.util.Arrays.fill(ones, (byte) 1);
        Counting all1 = new Counting(ones, true);
        Counting all0 = new Counting(new byte[W * H], true);
        // 64-pixel tiles, mask at (10, 20): tile 0 straddles the mask's top-left corner
        TileGrid g = new TileGrid(400, 400, 64, 64, 10, 20, H, W, true);
        MaskPlanes t1 = LabelMapMask.of(all1).tiled(g).labels();
        MaskPlanes t0 = LabelMapMask.of(all0).tiled(g).labels();
        assertEquals(-1, t1.uniformValue(0, 0, 0, 64, 64), "edge tile: ones inside, zeros outside");
        assertEquals(0, t0.uniformValue(0, 0, 0, 64, 64), "edge tile of an empty mask");
        assertEquals(1, t1.uniformValue(0, 20, 10, 44, 54), "the inside part of the edge tile");
        int inside = 1 + 400 / 64 + 1;                         // tile (1, 1): rows 64..127, columns 64..127
        assertEquals(1, t1.uniformValue(inside, 0, 0, 64, 64));
        int outside = 6 * 7 + 6;                                // tile (6, 6): rows 384.., beyond the mask
        assertEquals(0, t1.uniformValue(outside, 0, 0, 64, 64));
        assertEquals(-1, t1.uniformValue(inside, 0, 0, 65, 64), "region larger than the tile");
        assertEquals(-1, LabelMapMask.of(new Counting(ones, false)).tiled(g).labels().uniformValue(inside, 0, 0, 64, 64),
                "a source that cannot answer: -1 (the default)");
    }

    @Test
    void inMemoryPlanesAnswerUniformValueInPlace() {
        Random r = new Random(9);
        int w = 97, h = 61;
        byte[] b = new byte[w * h];
        short[] sh = new short[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = x < 40 ? 0 : x < 70 ? 7 : (x + y) % 3 == 0 ? 2 : 7;
                if (y == 30 && x == 20) v = 1;          // one odd pixel inside the zero block
                b[y * w + x] = (byte) v;
                sh[y * w + x] = (short) (v * 300);
            }
        }
        MaskPlanes bytes = MaskPlanes.ofBytes(new byte[][] {b}, h, w);
        MaskPlanes shorts = MaskPlanes.ofShorts(new short[][] {sh}, h, w);
        int[] seen = new int[2];
        for (int i = 0; i < 4000; i++) {
            int rw = 1 + r.nextInt(i % 2 == 0 ? 12 : 60), rh = 1 + r.nextInt(i % 3 == 0 ? 6 : 40);
            int x = r.nextInt(w - rw + 1), y = r.nextInt(h - rh + 1);
            int expected = b[y * w + x] & 0xFF;
            for (int yy = y; yy < y + rh; yy++) for (int xx = x; xx < x + rw; xx++) if ((b[yy * w + xx] & 0xFF) != expected) expected = -1;
            assertEquals(expected, bytes.uniformValue(0, x, y, rw, rh), "8-bit region " + x + "," + y + " " + rw + "x" + rh);
            assertEquals(expected < 0 ? -1 : expected * 300, shorts.uniformValue(0, x, y, rw, rh), "16-bit region");
            seen[expected < 0 ? 0 : 1]++;
        }
        assertTrue(seen[0] > 500 && seen[1] > 500, java.util.Arrays.toString(seen));
        assertEquals(-1, bytes.uniformValue(0, 90, 0, 8, 1), "outside the plane");
        assertEquals(-1, MaskPlanes.ofFloats(new float[][] {new float[w * h]}, h, w).uniformValue(0, 0, 0, w, h), "float planes: unknown");
    }
}
