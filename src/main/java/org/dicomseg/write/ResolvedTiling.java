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
 * written) and the Dimension Organization Type; mask plane i is written tile i of the grid.
 * Built by {@link #resolve} from the options' {@link TiledGeometry}: tile size from the options,
 * else the source's Rows/Columns, else {@value TiledGeometry#DEFAULT_TILE_SIZE}.
 */
final class ResolvedTiling {
    final TotalPixelMatrix matrix;
    final TileGrid grid;
    final DimensionOrganization organization;
    /** The source instance (the level) every tile is derived from. */
    final SourceFrame source;

    private ResolvedTiling(TotalPixelMatrix matrix, TileGrid grid, DimensionOrganization organization, SourceFrame source) {
        this.matrix = matrix;
        this.grid = grid;
        this.organization = organization;
        this.source = source;
    }

    boolean full() { return organization == DimensionOrganization.TILED_FULL; }

    static ResolvedTiling resolve(SourceImages sources, int maskPlanes, int maskRows, int maskColumns, TiledGeometry g)
            throws InputException {
        TotalPixelMatrix m = sources.totalPixelMatrix();
        if (maskPlanes != 1) {
            throw new SegWriteException("A SEG on a slide is written from one mask plane (one focal plane); the mask has "
                    + maskPlanes + " planes");
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
