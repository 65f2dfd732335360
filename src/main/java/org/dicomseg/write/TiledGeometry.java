package org.dicomseg.write;

import java.util.Objects;

import org.dicomseg.model.DimensionOrganization;

/**
 * How a mask drawn on a slide is written as a tiled SEG (PS3.3 C.7.6.17.3, C.8.12.4): the mask's
 * place in the source level's Total Pixel Matrix (0-based row and column offset of its top left
 * pixel, e.g. a region opened from the level; 0, 0 for the whole level), the tile size (0 = the
 * source's Rows/Columns, else 256) and the Dimension Organization Type: TILED_SPARSE (default:
 * tiles without segment pixels are left out, each frame has its Plane Position (Slide)) or
 * TILED_FULL (every tile of the matrix, in the implicit order of C.7.6.17.3, without Per-frame
 * Functional Groups).
 *
 * <p>Used automatically when the first source is a VL Whole Slide Microscopy image (see
 * {@link org.dicomseg.source.SourceImages#totalPixelMatrix()}); set with {@link SegWriteOptions.Builder#tiledGeometry}.</p>
 */
public final class TiledGeometry {
    /** Tile size when neither the options nor the source give one. */
    public static final int DEFAULT_TILE_SIZE = 256;

    private static final TiledGeometry DEFAULTS = new TiledGeometry(0, 0, 0, 0, DimensionOrganization.TILED_SPARSE);

    private final long rowOffset;
    private final long columnOffset;
    private final int tileRows;
    private final int tileColumns;
    private final DimensionOrganization organization;

    private TiledGeometry(long rowOffset, long columnOffset, int tileRows, int tileColumns, DimensionOrganization organization) {
        if (rowOffset < 0 || columnOffset < 0) {
            throw new IllegalArgumentException("Region offsets must not be negative: row " + rowOffset + ", column " + columnOffset);
        }
        if (tileRows < 0 || tileColumns < 0 || tileRows > 65535 || tileColumns > 65535) {
            throw new IllegalArgumentException("Tile size must be 1..65535 (0 = the source's): " + tileColumns + "x" + tileRows);
        }
        Objects.requireNonNull(organization, "dimension organization");
        if (organization != DimensionOrganization.TILED_FULL && organization != DimensionOrganization.TILED_SPARSE) {
            throw new IllegalArgumentException("A tiled SEG is TILED_FULL or TILED_SPARSE, not " + organization.dicomValue());
        }
        this.rowOffset = rowOffset;
        this.columnOffset = columnOffset;
        this.tileRows = tileRows;
        this.tileColumns = tileColumns;
        this.organization = organization;
    }

    /** Whole level, the source's tile size, TILED_SPARSE. */
    public static TiledGeometry defaults() { return DEFAULTS; }

    /** The same with the mask's top left pixel at 0-based {@code row}, {@code column} of the Total Pixel Matrix. */
    public TiledGeometry withRegionOffset(long row, long column) {
        return new TiledGeometry(row, column, tileRows, tileColumns, organization);
    }

    /** The same with square tiles of {@code size} (0 = the source's). */
    public TiledGeometry withTileSize(int size) { return withTileSize(size, size); }

    /** The same with tiles of {@code rows × columns} (0, 0 = the source's). */
    public TiledGeometry withTileSize(int rows, int columns) {
        return new TiledGeometry(rowOffset, columnOffset, rows, columns, organization);
    }

    /** The same with Dimension Organization Type TILED_FULL or TILED_SPARSE. */
    public TiledGeometry withOrganization(DimensionOrganization o) {
        return new TiledGeometry(rowOffset, columnOffset, tileRows, tileColumns, o);
    }

    public long rowOffset() { return rowOffset; }
    public long columnOffset() { return columnOffset; }
    /** Tile rows, 0 = the source's. */
    public int tileRows() { return tileRows; }
    /** Tile columns, 0 = the source's. */
    public int tileColumns() { return tileColumns; }
    public DimensionOrganization organization() { return organization; }

    @Override public String toString() {
        return "TiledGeometry[" + organization.dicomValue() + ", tiles " + (tileColumns == 0 ? "source" : tileColumns + "x" + tileRows)
                + ", offset row " + rowOffset + " column " + columnOffset + "]";
    }
}
