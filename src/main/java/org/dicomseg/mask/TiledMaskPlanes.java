package org.dicomseg.mask;

import java.util.Arrays;
import java.util.Objects;

/**
 * Mask planes seen as tiles (PS3.3 C.7.6.17.3): plane {@code i} is written tile {@code i} of a
 * {@link TileGrid}; with several mask planes (the focal planes of a slide, in increasing Z), plane
 * {@code p * tileCount + i} is tile {@code i} of mask plane {@code p}, so tiles run fastest, then
 * focal planes, as TILED_FULL orders them. Read through {@link MaskPlanes#readRegion} so that only the tile's pixels are
 * touched; pixels of the tile outside the mask are 0. A tile that misses the mask costs a fill.
 * {@link #uniformValue} asks the source about the tile's part inside the mask, so the writer can
 * skip uniform tiles (empty or full) without filling them.
 */
final class TiledMaskPlanes implements MaskPlanes {
    private final MaskPlanes source;
    private final TileGrid grid;
    private Object scratch;

    TiledMaskPlanes(MaskPlanes source, TileGrid grid) {
        this.source = Objects.requireNonNull(source, "mask planes");
        this.grid = Objects.requireNonNull(grid, "tile grid");
        if (source.rows() != grid.maskRows() || source.columns() != grid.maskColumns()) {
            throw new IllegalArgumentException("The mask is " + source.columns() + "x" + source.rows() + " but the tile grid expects "
                    + grid.maskColumns() + "x" + grid.maskRows());
        }
    }

    @Override public int rows() { return grid.tileRows(); }
    @Override public int columns() { return grid.tileColumns(); }
    @Override public int planes() { return grid.tileCount() * source.planes(); }
    @Override public PixelKind kind() { return source.kind(); }
    @Override public boolean supportsConcurrentReads() { return source.supportsConcurrentReads(); }

    @Override public Object readPlane(int tiledPlane, Object dst) {
        int focal = tiledPlane / grid.tileCount(), plane = tiledPlane % grid.tileCount();
        int tr = grid.tileRows();
        int tc = grid.tileColumns();
        int n = tr * tc;
        Object out = kind().fits(dst, n) ? dst : kind().newArray(n);
        long y0 = grid.tileRowStart(plane) - grid.maskRowOffset();
        long x0 = grid.tileColumnStart(plane) - grid.maskColumnOffset();
        long ya = Math.max(0, y0), yb = Math.min(grid.maskRows(), y0 + tr);
        long xa = Math.max(0, x0), xb = Math.min(grid.maskColumns(), x0 + tc);
        if (ya >= yb || xa >= xb) {
            clear(out, 0, n);
            return out;
        }
        int w = (int) (xb - xa), h = (int) (yb - ya);
        if (w == tc && h == tr) {
            source.readRegion(focal, (int) xa, (int) ya, w, h, out);
            return out;
        }
        Object scratch = this.scratch;
        if (!kind().fits(scratch, w * h)) {
            scratch = kind().newArray(w * h);
            if (!source.supportsConcurrentReads()) this.scratch = scratch; // else per call: edge tiles only
        }
        source.readRegion(focal, (int) xa, (int) ya, w, h, scratch);
        clear(out, 0, n);
        int dx = (int) (xa - x0), dy = (int) (ya - y0);
        for (int r = 0; r < h; r++) System.arraycopy(scratch, r * w, out, (dy + r) * tc + dx, w);
        return out;
    }

    /**
     * Passes the question to the source for the part of the region inside the mask: a region
     * entirely outside the mask is 0; one partly outside is uniform only when its inside part is 0.
     */
    @Override public int uniformValue(int tiledPlane, int x, int y, int width, int height) {
        int focal = tiledPlane / grid.tileCount(), plane = tiledPlane % grid.tileCount();
        if (x < 0 || y < 0 || width < 1 || height < 1 || x + width > grid.tileColumns() || y + height > grid.tileRows()) {
            return -1;
        }
        long y0 = grid.tileRowStart(plane) + y - grid.maskRowOffset();
        long x0 = grid.tileColumnStart(plane) + x - grid.maskColumnOffset();
        long ya = Math.max(0, y0), yb = Math.min(grid.maskRows(), y0 + height);
        long xa = Math.max(0, x0), xb = Math.min(grid.maskColumns(), x0 + width);
        if (ya >= yb || xa >= xb) return 0;
        int v = source.uniformValue(focal, (int) xa, (int) ya, (int) (xb - xa), (int) (yb - ya));
        boolean whole = xb - xa == width && yb - ya == height;
        return whole || v == 0 ? v : -1;
    }

    private static void clear(Object a, int from, int to) {
        if (a instanceof byte[]) Arrays.fill((byte[]) a, from, to, (byte) 0);
        else if (a instanceof short[]) Arrays.fill((short[]) a, from, to, (short) 0);
        else Arrays.fill((float[]) a, from, to, 0f);
    }
}
