package org.dicomseg.mask;

import java.util.Objects;

/**
 * One plane of a mask seen on another pixel grid by nearest neighbour: target pixel (tx, ty) of a
 * {@code width × height} plane takes the value of the source pixel whose area holds the target
 * pixel's centre, where source coordinates map to target coordinates as {@code x × scaleX + shiftX},
 * {@code y × scaleY + shiftY}. This is how a label image or probability map drawn on a coarse slide
 * level is written at full resolution: a label keeps its value (no interpolation mixes labels), a
 * target pixel is inside a source pixel exactly when its centre is (as for scaled ROIs).
 *
 * <p>Regions are computed on demand from the few source pixels under them ({@link #readRegion}), so
 * the full-resolution plane never exists; a tile of a tiled SEG costs a small source read. Safe for
 * concurrent reads when the source is.</p>
 */
public final class ScaledMaskPlanes implements MaskPlanes {
    private final MaskPlanes source;
    private final int plane;
    private final double scaleX;
    private final double scaleY;
    private final double shiftX;
    private final double shiftY;
    private final int width;
    private final int height;

    /**
     * @param source the mask on its own grid
     * @param plane  the source plane (0-based) this view shows
     * @param scaleX target pixels per source pixel, horizontally (e.g. 4 for a 4× coarser level)
     * @param scaleY target pixels per source pixel, vertically
     * @param shiftX target column of source column 0 (the sub-pixel remainder of a rounded offset)
     * @param shiftY target row of source row 0
     * @param width  target plane width
     * @param height target plane height
     */
    public ScaledMaskPlanes(MaskPlanes source, int plane, double scaleX, double scaleY, double shiftX, double shiftY,
                            int width, int height) {
        this.source = Objects.requireNonNull(source, "source planes");
        if (plane < 0 || plane >= source.planes()) throw new IllegalArgumentException("No plane " + plane + " in the source");
        if (!(scaleX > 0) || !(scaleY > 0)) throw new IllegalArgumentException("Scale must be positive: " + scaleX + ", " + scaleY);
        if (width < 1 || height < 1) throw new IllegalArgumentException("Plane size must be positive: " + width + "x" + height);
        this.plane = plane;
        this.scaleX = scaleX;
        this.scaleY = scaleY;
        this.shiftX = shiftX;
        this.shiftY = shiftY;
        this.width = width;
        this.height = height;
    }

    @Override public int rows() { return height; }
    @Override public int columns() { return width; }
    @Override public int planes() { return 1; }
    @Override public PixelKind kind() { return source.kind(); }
    @Override public boolean supportsConcurrentReads() { return source.supportsConcurrentReads(); }

    @Override public Object readPlane(int p, Object dst) {
        if (p != 0) throw new IllegalArgumentException("A scaled view has one plane, not plane " + p);
        Object out = kind().fits(dst, width * height) ? dst : kind().newArray(width * height);
        readRegion(0, 0, 0, width, height, out);
        return out;
    }

    /** Source column (row) under the centre of target column (row) {@code t}, clamped to the source. */
    private static int sourceIndex(int t, double scale, double shift, int size) {
        int s = (int) Math.floor((t + 0.5 - shift) / scale);
        return Math.max(0, Math.min(size - 1, s));
    }

    /** The source's answer for the source pixels under the region (a target region is uniform when they are). */
    @Override public int uniformValue(int p, int x, int y, int w, int h) {
        if (p != 0 || x < 0 || y < 0 || w < 1 || h < 1 || x + w > width || y + h > height) return -1;
        int sx0 = sourceIndex(x, scaleX, shiftX, source.columns()), sx1 = sourceIndex(x + w - 1, scaleX, shiftX, source.columns());
        int sy0 = sourceIndex(y, scaleY, shiftY, source.rows()), sy1 = sourceIndex(y + h - 1, scaleY, shiftY, source.rows());
        return source.uniformValue(plane, sx0, sy0, sx1 - sx0 + 1, sy1 - sy0 + 1);
    }

    @Override public void readRegion(int p, int x, int y, int w, int h, Object dst) {
        if (p != 0) throw new IllegalArgumentException("A scaled view has one plane, not plane " + p);
        if (x < 0 || y < 0 || w < 0 || h < 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("Region " + x + "," + y + " " + w + "x" + h + " is outside the " + width + "x" + height + " plane");
        }
        if (w == 0 || h == 0) return;
        int[] cols = new int[w];
        for (int i = 0; i < w; i++) cols[i] = sourceIndex(x + i, scaleX, shiftX, source.columns());
        int[] rows = new int[h];
        for (int j = 0; j < h; j++) rows[j] = sourceIndex(y + j, scaleY, shiftY, source.rows());
        // the source pixels under the region (indices are monotonic)
        int sx0 = cols[0], sw = cols[w - 1] - sx0 + 1, sy0 = rows[0], sh = rows[h - 1] - sy0 + 1;
        Object src = kind().newArray(sw * sh);
        source.readRegion(plane, sx0, sy0, sw, sh, src);
        for (int j = 0; j < h; j++) {
            if (j > 0 && rows[j] == rows[j - 1]) {
                System.arraycopy(dst, (j - 1) * w, dst, j * w, w); // same source row: copy the row just made
                continue;
            }
            int from = (rows[j] - sy0) * sw - sx0, to = j * w;
            if (src instanceof byte[]) {
                byte[] s = (byte[]) src, d = (byte[]) dst;
                for (int i = 0; i < w; i++) d[to + i] = s[from + cols[i]];
            } else if (src instanceof short[]) {
                short[] s = (short[]) src, d = (short[]) dst;
                for (int i = 0; i < w; i++) d[to + i] = s[from + cols[i]];
            } else {
                float[] s = (float[]) src, d = (float[]) dst;
                for (int i = 0; i < w; i++) d[to + i] = s[from + cols[i]];
            }
        }
    }
}
