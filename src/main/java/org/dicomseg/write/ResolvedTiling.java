package org.dicomseg.write;

import org.dicomseg.mask.TileGrid;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.source.SourceFrame;
import org.dicomseg.source.SourceImages;
import org.dicomseg.source.TotalPixelMatrix;
import org.dicomseg.task.InputException;

/**
 * The tiled layout of a SEG on a slide as it will be written (PS3.3 C.7.6.17.3, C.8.12.4): the
 * source level's {@link TotalPixelMatrix}, the {@link TileGrid} (tile size, mask offset, tiles
 * written) and the Dimension Organization Type; mask plane i is written tile i of the grid. A level
 * with several focal planes (Total Pixel Matrix Focal Planes, C.8.12.4) takes one mask plane per
 * focal plane, in increasing Z: mask plane p is focal plane p, and tiled plane
 * {@code p * tileCount + i} is its tile i (TILED_FULL's order: tiles, then focal planes).
 * Built by {@link #resolve} from the options' {@link TiledGeometry}: tile size from the options,
 * else the source's Rows/Columns, else {@value TiledGeometry#DEFAULT_TILE_SIZE}.
 */
final class ResolvedTiling {
    final TotalPixelMatrix matrix;
    final TileGrid grid;
    final DimensionOrganization organization;
    /** The source instance (the level) every tile is derived from. */
    final SourceFrame source;
    /** The Z Offset in Slide Coordinate System (mm) of each mask plane: the level's focal planes, increasing. */
    final double[] focalPlanes;

    private ResolvedTiling(TotalPixelMatrix matrix, TileGrid grid, DimensionOrganization organization, SourceFrame source) {
        this.focalPlanes = matrix.focalPlanes();
        this.matrix = matrix;
        this.grid = grid;
        this.organization = organization;
        this.source = source;
    }

    boolean full() { return organization == DimensionOrganization.TILED_FULL; }

    /** Number of focal planes (mask planes). */
    int focalPlaneCount() { return focalPlanes.length; }

    /** The focal plane (0-based) of tiled plane {@code plane}. */
    int focalPlaneOf(int plane) { return plane / grid.tileCount(); }

    /** The tile of the grid (0-based written tile) of tiled plane {@code plane}. */
    int tileOf(int plane) { return plane % grid.tileCount(); }

    static ResolvedTiling resolve(SourceImages sources, int maskPlanes, int maskRows, int maskColumns, TiledGeometry g)
            throws InputException {
        TotalPixelMatrix m = sources.totalPixelMatrix();
        String level = sources.files().isEmpty() ? "the slide level" : sources.files().get(0).getFileName().toString();
        int focal = m.focalPlaneCount();
        if (maskPlanes != focal) {
            throw new SegWriteException("The mask has " + maskPlanes + (maskPlanes == 1 ? " plane" : " planes") + " but the slide level "
                    + level + " has " + focal + (focal == 1 ? " focal plane" : " focal planes")
                    + ": a SEG on a slide takes one mask plane per focal plane, in increasing Z");
        }
        if (focal > 1 && g.organization() == DimensionOrganization.TILED_FULL && m.focalPlaneSpacing() == null) {
            throw new SegWriteException("The focal planes of " + level + " are not evenly spaced (Z " + java.util.Arrays.toString(m.focalPlanes())
                    + " mm): TILED_FULL states one Spacing Between Slices; write TILED_SPARSE (each tile's Z Offset stated)");
        }
        int tr = g.tileRows() > 0 ? g.tileRows() : m.tileRows() > 0 ? m.tileRows() : TiledGeometry.DEFAULT_TILE_SIZE;
        int tc = g.tileColumns() > 0 ? g.tileColumns() : m.tileColumns() > 0 ? m.tileColumns() : TiledGeometry.DEFAULT_TILE_SIZE;
        if (g.rowOffset() + maskRows > m.rows() || g.columnOffset() + maskColumns > m.columns()) {
            throw new SegWriteException("The mask (" + maskColumns + "x" + maskRows + " at column " + g.columnOffset() + ", row "
                    + g.rowOffset() + ") does not fit in the slide's " + m.columns() + "x" + m.rows() + " Total Pixel Matrix");
        }
        boolean full = g.organization() == DimensionOrganization.TILED_FULL;
        TileGrid grid = new TileGrid(m.rows(), m.columns(), tr, tc, g.rowOffset(), g.columnOffset(), maskRows, maskColumns, full);
        return new ResolvedTiling(m, grid, g.organization(), sources.frame(0));
    }
}
