package org.dicomseg.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.dicomseg.samples.CineMrWriter;
import org.dicomseg.samples.SampleStudy;

/**
 * A cardiac cine for the temporal tests: 12 short-axis slices × 25 phases of 96 × 80 pixels
 * ({@link CineMrWriter}), as 300 single-frame MR files or one Enhanced MR object, and the masks
 * drawn on it in hyperstack order (plane = t × 12 + z): segment 1 the blood pool (empty on the
 * first, the last and the middle slice 6), segment 2 the myocardium (empty at phase 12 and on the
 * end slices), segment 3 the whole heart (overlapping both; empty on the end slices).
 */
public final class CineFixture {
    public static final int ROWS = 80;
    public static final int COLUMNS = 96;
    public static final int SLICES = 12;
    public static final int PHASES = 25;
    public static final int SEGMENTS = 3;

    public final CineMrWriter writer;

    private CineFixture(CineMrWriter writer) {
        this.writer = writer;
    }

    /** The fixture's cine (study seed 18). */
    public static CineFixture create() {
        return new CineFixture(new CineMrWriter(SampleStudy.deterministic(18), ROWS, COLUMNS, SLICES, PHASES));
    }

    /** The single-frame files in {@code dir}, in Instance Number order (phases fastest). */
    public List<Path> writeSeries(Path dir) throws IOException {
        return writer.writeSeries(dir);
    }

    /** The Enhanced MR object (frames slice by slice, phases within). */
    public Path writeEnhanced(Path file) throws IOException {
        writer.writeEnhanced(file);
        return file;
    }

    /** True when pixel (r, c) of slice z, phase t belongs to segment s (1..3). */
    public boolean member(int s, int z, int t, int r, int c) {
        if (z == 0 || z == SLICES - 1) return false;
        switch (s) {
            case 1: return z != 6 && writer.bloodPool(z, t, r, c);
            case 2: return t != 12 && writer.myocardium(z, t, r, c);
            default: return writer.bloodPool(z, t, r, c) || writer.myocardium(z, t, r, c);
        }
    }

    /** The three masks as [segment][plane][pixel], plane = t × SLICES + z, 0/1. */
    public byte[][][] masks() {
        byte[][][] m = new byte[SEGMENTS][SLICES * PHASES][ROWS * COLUMNS];
        for (int s = 1; s <= SEGMENTS; s++) {
            for (int t = 0; t < PHASES; t++) {
                for (int z = 0; z < SLICES; z++) {
                    byte[] p = m[s - 1][t * SLICES + z];
                    for (int r = 0; r < ROWS; r++) for (int c = 0; c < COLUMNS; c++) if (member(s, z, t, r, c)) p[r * COLUMNS + c] = 1;
                }
            }
        }
        return m;
    }

    /** Segments 1 and 2 (disjoint) as a label map [plane][pixel], plane = t × SLICES + z. */
    public byte[][] labelMap() {
        byte[][] m = new byte[SLICES * PHASES][ROWS * COLUMNS];
        for (int t = 0; t < PHASES; t++) {
            for (int z = 0; z < SLICES; z++) {
                byte[] p = m[t * SLICES + z];
                for (int r = 0; r < ROWS; r++) {
                    for (int c = 0; c < COLUMNS; c++) {
                        p[r * COLUMNS + c] = (byte) (member(1, z, t, r, c) ? 1 : member(2, z, t, r, c) ? 2 : 0);
                    }
                }
            }
        }
        return m;
    }
}
