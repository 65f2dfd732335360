package org.dicomseg.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;

/**
 * Generated slides with several focal planes (PS3.3 C.8.12.4 Total Pixel Matrix Focal Planes;
 * C.8.12.6.1 Z Offset in Slide Coordinate System), like a scanner's Z stack: 1000 x 700 pixels in
 * 256² tiles (odd edges), 3 focal planes 2 µm apart, grey, native, one optical path unless asked;
 * TILED_FULL (focal planes in the implicit order of C.7.6.17.3, Spacing Between Slices) or
 * TILED_SPARSE (only tiles with tissue, each with its Z Offset and Optical Path Identification),
 * each in a folder of its own. And a Z stack of labels over it, {@link #labels}: different on every
 * focal plane, the last focal plane empty, two segments overlapping in the middle plane.
 */
public final class FocalSlides {
    private FocalSlides() { }

    public static final int W = 1000;
    public static final int H = 700;
    public static final int TILE = 256;
    public static final int PLANES = 3;
    /** Z Offset of the first focal plane of the TILED_SPARSE slide (mm; the TILED_FULL one starts at 0). */
    public static final double SPARSE_FIRST_Z = 0.0015;
    public static final double SPACING = 0.002;

    /** Writes {@code dir/level-1.dcm} (TILED_FULL or TILED_SPARSE, {@code paths} optical paths) and returns it. */
    public static Path slide(Path dir, boolean sparse, int paths) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve("level-1.dcm");
        writer(sparse, paths).write(f);
        return f;
    }

    /** The generator of {@link #slide}. */
    public static SlideWriter writer(boolean sparse, int paths) {
        return new SlideWriter(SampleStudy.deterministic(31), W, H, TILE).series(sparse ? "series/focal-sparse" : "series/focal-full")
                .sparse(sparse).focalPlanes(PLANES, SPACING, sparse ? SPARSE_FIRST_Z : 0).opticalPaths(paths);
    }

    /**
     * Label k (0..2) at pixel (x, y) of focal plane z: 1 = a disc shrinking with depth, 2 = a band
     * that crosses the disc on plane 1 only (the overlap of {@link #masks}; the label map gives
     * the band there), nothing on plane 2 (the deepest: an empty focal plane at one end).
     */
    public static int label(int x, int y, int z) {
        if (z == 2) return 0;
        double dx = x - W * 0.4, dy = y - H * 0.5, r = H * (z == 0 ? 0.3 : 0.2);
        boolean disc = dx * dx + dy * dy < r * r;
        boolean band = z == 1 ? y >= H * 0.45 && y < H * 0.55 && x > 90 && x < 900 : x >= 700 && x < 960 && y > 5 && y < 100;
        return band ? 2 : disc ? 1 : 0;
    }

    /** The label planes, one per focal plane. */
    public static byte[][] labels() {
        byte[][] p = new byte[PLANES][W * H];
        for (int z = 0; z < PLANES; z++) for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) p[z][y * W + x] = (byte) label(x, y, z);
        return p;
    }

    /**
     * Two overlapping binary masks (segment 1 the whole disc, segment 2 the band), planes
     * {@code [segment][focal plane][pixel]}, 0/1.
     */
    public static byte[][][] masks() {
        byte[][][] m = new byte[2][PLANES][W * H];
        for (int z = 0; z < PLANES; z++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    if (z == 2) continue;
                    double dx = x - W * 0.4, dy = y - H * 0.5, r = H * (z == 0 ? 0.3 : 0.2);
                    if (dx * dx + dy * dy < r * r) m[0][z][y * W + x] = 1;
                    if (label(x, y, z) == 2) m[1][z][y * W + x] = 1;
                }
            }
        }
        return m;
    }
}
