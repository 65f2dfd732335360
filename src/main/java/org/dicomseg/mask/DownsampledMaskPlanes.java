package org.dicomseg.mask;

import java.util.Arrays;
import java.util.Objects;

/**
 * One mask plane seen at a coarser pyramid level: each output pixel summarises a block of
 * {@code factor × factor} input pixels. Rules: {@link Rule#ANY} (binary masks: 1 when any pixel of
 * the block is nonzero, so thin structures survive), {@link Rule#MODE} (label maps: the most frequent
 * nonzero label of the block, ties to the smaller label, 0 when the block has none — any foreground
 * keeps a label, like ANY), {@link Rule#MEAN} (fractions: the block's mean, pixels outside the mask
 * counting 0). The mask may start inside a block ({@code shiftX}, {@code shiftY}: its position
 * within the first block), so that the coarse grid stays aligned with the coarser level's pixels.
 * Regions are read through {@link MaskPlanes#readRegion}, a block row at a time. Integer outputs
 * of {@link Rule#MEAN} are rounded to the nearest value.
 *
 * <p>The one block-reduction of the project: the pyramid writer ({@link SegmentationMask#downsampled})
 * and the importer's downsampled view of tiled SEGs ({@code org.dicomseg.reconstruct.DownsampledView})
 * both use it.</p>
 */
public final class DownsampledMaskPlanes implements MaskPlanes {
    /** How a block becomes one pixel. */
    public enum Rule {
        /** 1 when any pixel of the block is nonzero (binary masks). */
        ANY,
        /** The most frequent nonzero value of the block, ties to the smaller (label maps). */
        MODE,
        /** The block's mean (fractions, stored fractional values). */
        MEAN
    }

    private final MaskPlanes source;
    private final int factor;
    private final int shiftX;
    private final int shiftY;
    private final Rule rule;
    private final int rows;
    private final int columns;

    /**
     * @param source the full-resolution planes
     * @param factor block size (1 = unchanged)
     * @param shiftX position of the source's first column within the first block (0..factor-1)
     * @param shiftY position of the source's first row within the first block (0..factor-1)
     * @param rule   how a block becomes one pixel
     */
    public DownsampledMaskPlanes(MaskPlanes source, int factor, int shiftX, int shiftY, Rule rule) {
        this(source, factor, shiftX, shiftY, rule, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * The same, at most {@code maxRows × maxColumns} (the blocks beyond are left out: a pyramid
     * level ends there).
     */
    public DownsampledMaskPlanes(MaskPlanes source, int factor, int shiftX, int shiftY, Rule rule, int maxRows, int maxColumns) {
        this.source = Objects.requireNonNull(source, "mask planes");
        if (factor < 1) throw new IllegalArgumentException("Downsampling factor must be at least 1, got " + factor);
        if (shiftX < 0 || shiftY < 0 || shiftX >= factor || shiftY >= factor) {
            throw new IllegalArgumentException("Shift " + shiftX + "," + shiftY + " must lie within one block of " + factor);
        }
        this.factor = factor;
        this.shiftX = shiftX;
        this.shiftY = shiftY;
        this.rule = rule;
        if (maxRows < 1 || maxColumns < 1) throw new IllegalArgumentException("Clipped to nothing: " + maxColumns + "x" + maxRows);
        this.columns = (int) Math.min(maxColumns, ((long) source.columns() + shiftX + factor - 1) / factor);
        this.rows = (int) Math.min(maxRows, ((long) source.rows() + shiftY + factor - 1) / factor);
    }

    @Override public int rows() { return rows; }
    @Override public int columns() { return columns; }
    @Override public int planes() { return source.planes(); }
    @Override public PixelKind kind() { return source.kind(); }

    @Override public Object readPlane(int plane, Object dst) {
        Object out = kind().fits(dst, rows * columns) ? dst : kind().newArray(rows * columns);
        readRegion(plane, 0, 0, columns, rows, out);
        return out;
    }

    @Override public void readRegion(int plane, int x, int y, int w, int h, Object dst) {
        if (x < 0 || y < 0 || x + w > columns || y + h > rows) {
            throw new IllegalArgumentException("Region " + x + "," + y + " " + w + "x" + h + " is outside " + columns + "x" + rows);
        }
        // source columns/rows covered by output columns x..x+w-1 / rows y..y+h-1
        int sx0 = Math.max(0, x * factor - shiftX), sx1 = Math.min(source.columns(), (x + w) * factor - shiftX);
        int sw = sx1 - sx0;
        Object band = kind().newArray(Math.max(1, sw * factor));
        int[] counts = rule == Rule.MODE ? new int[kind() == PixelKind.UINT8 ? 256 : 65536] : null;
        for (int r = 0; r < h; r++) {
            int sy0 = Math.max(0, (y + r) * factor - shiftY), sy1 = Math.min(source.rows(), (y + r + 1) * factor - shiftY);
            int sh = sy1 - sy0;
            if (sh > 0 && sw > 0) source.readRegion(plane, sx0, sy0, sw, sh, band);
            for (int c = 0; c < w; c++) {
                int bx0 = Math.max(sx0, (x + c) * factor - shiftX), bx1 = Math.min(sx1, (x + c + 1) * factor - shiftX);
                double v = sh <= 0 || bx0 >= bx1 ? 0 : block(band, sw, bx0 - sx0, bx1 - sx0, sh, counts);
                int i = r * w + c;
                if (dst instanceof byte[]) ((byte[]) dst)[i] = (byte) Math.round(v);
                else if (dst instanceof short[]) ((short[]) dst)[i] = (short) Math.round(v);
                else ((float[]) dst)[i] = (float) v;
            }
        }
    }

    private double block(Object band, int sw, int c0, int c1, int sh, int[] counts) {
        switch (rule) {
            case MEAN: {
                double sum = 0;
                for (int r = 0; r < sh; r++) for (int c = c0; c < c1; c++) sum += value(band, r * sw + c);
                return sum / ((double) factor * factor);
            }
            case ANY: {
                for (int r = 0; r < sh; r++) for (int c = c0; c < c1; c++) if (value(band, r * sw + c) != 0) return 1;
                return 0;
            }
            default: {
                int best = 0, bestCount = 0;
                for (int r = 0; r < sh; r++) {
                    for (int c = c0; c < c1; c++) {
                        int v = (int) value(band, r * sw + c);
                        if (v == 0) continue;
                        int n = ++counts[v];
                        if (n > bestCount || (n == bestCount && v < best)) {
                            best = v;
                            bestCount = n;
                        }
                    }
                }
                for (int r = 0; r < sh; r++) for (int c = c0; c < c1; c++) counts[(int) value(band, r * sw + c)] = 0;
                return best;
            }
        }
    }

    private static double value(Object a, int i) {
        if (a instanceof byte[]) return ((byte[]) a)[i] & 0xFF;
        if (a instanceof short[]) return ((short[]) a)[i] & 0xFFFF;
        return ((float[]) a)[i];
    }

    @Override public String toString() {
        return "DownsampledMaskPlanes[" + factor + "x, " + rule + ", " + Arrays.asList(columns, rows) + "]";
    }
}
