package org.dicomseg.mask;

import java.util.Arrays;

/**
 * Tiles of a Total Pixel Matrix (PS3.3 C.8.12.4.1.8 and C.7.6.17.3) and where a mask lies in it.
 * Tiles are {@code tileRows × tileColumns} pixels on a grid anchored at the matrix's top left pixel
 * (row 0, column 0), so tile {@code (r, c)} starts at Row/Column Position In Total Image Pixel
 * Matrix {@code r*tileRows+1}, {@code c*tileColumns+1} (1-based, C.8.12.6.1). Tiles on the right
 * and bottom edges may extend past the matrix; their outside pixels are 0.
 *
 * <p>The mask (one plane of {@code maskRows × maskColumns}) covers the part of the matrix starting
 * at 0-based {@code (maskRowOffset, maskColumnOffset)}, e.g. a region opened from a slide level.
 * {@link #tiles()} are the tiles written, in TILED_FULL order (columns of tiles fastest, then rows):
 * every tile of the matrix ({@code allTiles}) or only those the mask intersects.</p>
 */
public final class TileGrid {
    private final long totalRows;
    private final long totalColumns;
    private final int tileRows;
    private final int tileColumns;
    private final long maskRowOffset;
    private final long maskColumnOffset;
    private final int maskRows;
    private final int maskColumns;
    private final int[] tiles;

    /**
     * @param allTiles true: every tile of the matrix (TILED_FULL); false: the tiles the mask intersects
     * @throws IllegalArgumentException when the mask does not fit in the matrix or a size is not positive
     */
    public TileGrid(long totalRows, long totalColumns, int tileRows, int tileColumns,
                    long maskRowOffset, long maskColumnOffset, int maskRows, int maskColumns, boolean allTiles) {
        if (totalRows < 1 || totalColumns < 1 || tileRows < 1 || tileColumns < 1 || maskRows < 1 || maskColumns < 1) {
            throw new IllegalArgumentException("Sizes must be positive: total " + totalColumns + "x" + totalRows + ", tile "
                    + tileColumns + "x" + tileRows + ", mask " + maskColumns + "x" + maskRows);
        }
        if (maskRowOffset < 0 || maskColumnOffset < 0 || maskRowOffset + maskRows > totalRows
                || maskColumnOffset + maskColumns > totalColumns) {
            throw new IllegalArgumentException("The mask (" + maskColumns + "x" + maskRows + " at column " + maskColumnOffset
                    + ", row " + maskRowOffset + ") does not fit in the " + totalColumns + "x" + totalRows + " Total Pixel Matrix");
        }
        this.totalRows = totalRows;
        this.totalColumns = totalColumns;
        this.tileRows = tileRows;
        this.tileColumns = tileColumns;
        this.maskRowOffset = maskRowOffset;
        this.maskColumnOffset = maskColumnOffset;
        this.maskRows = maskRows;
        this.maskColumns = maskColumns;
        long across = tilesAcross();
        long down = tilesDown();
        if (across * down > Integer.MAX_VALUE) throw new IllegalArgumentException("Too many tiles: " + across + " x " + down);
        int r0 = allTiles ? 0 : (int) (maskRowOffset / tileRows);
        int r1 = allTiles ? (int) down - 1 : (int) ((maskRowOffset + maskRows - 1) / tileRows);
        int c0 = allTiles ? 0 : (int) (maskColumnOffset / tileColumns);
        int c1 = allTiles ? (int) across - 1 : (int) ((maskColumnOffset + maskColumns - 1) / tileColumns);
        int[] t = new int[(r1 - r0 + 1) * (c1 - c0 + 1)];
        int n = 0;
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) t[n++] = (int) (r * across + c);
        }
        this.tiles = t;
    }

    public long totalRows() { return totalRows; }
    public long totalColumns() { return totalColumns; }
    public int tileRows() { return tileRows; }
    public int tileColumns() { return tileColumns; }
    public long maskRowOffset() { return maskRowOffset; }
    public long maskColumnOffset() { return maskColumnOffset; }
    public int maskRows() { return maskRows; }
    public int maskColumns() { return maskColumns; }

    /** Tiles per row of tiles. */
    public long tilesAcross() { return (totalColumns + tileColumns - 1) / tileColumns; }

    /** Rows of tiles. */
    public long tilesDown() { return (totalRows + tileRows - 1) / tileRows; }

    /** Number of tiles written (= planes of the tiled mask). */
    public int tileCount() { return tiles.length; }

    /** Grid index ({@code tileRow * tilesAcross + tileColumn}) of written tile {@code i}. */
    public int tile(int i) { return tiles[i]; }

    /** The grid indices of the written tiles, in order. */
    public int[] tiles() { return Arrays.copyOf(tiles, tiles.length); }

    /** 0-based first matrix row of written tile {@code i}. */
    public long tileRowStart(int i) { return (tiles[i] / tilesAcross()) * tileRows; }

    /** 0-based first matrix column of written tile {@code i}. */
    public long tileColumnStart(int i) { return (tiles[i] % tilesAcross()) * tileColumns; }

    /** 0-based index of written tile {@code i}'s row of tiles. */
    public int tileGridRow(int i) { return (int) (tiles[i] / tilesAcross()); }

    /** 0-based index of written tile {@code i}'s column of tiles. */
    public int tileGridColumn(int i) { return (int) (tiles[i] % tilesAcross()); }

    @Override public String toString() {
        return "TileGrid[" + totalColumns + "x" + totalRows + " in " + tileColumns + "x" + tileRows + " tiles, mask "
                + maskColumns + "x" + maskRows + " at (" + maskColumnOffset + "," + maskRowOffset + "), " + tiles.length + " tiles]";
    }
}
