package org.dicomseg.volume;

/**
 * Where each voxel of a SEG plane comes from in a volume file: SEG plane {@code p}, row {@code r},
 * column {@code c} is file voxel {@code (i, j, k)} with the file axis {@link #columnAxis()} at
 * {@code c} (or {@code n-1-c} when reversed), the file axis {@link #rowAxis()} at {@code r} (or
 * {@code n-1-r}) and the file axis {@link #sliceAxis()} at {@link #fileSlice(int)} (-1: the file
 * has no plane there, the SEG plane is empty). Made by {@link GridMatch} (planes matched to the
 * source images by position) or {@link #ownGrid} (the file's own planes, for custom geometry).
 * Immutable.
 */
public final class VolumePlacement {
    private final int columnAxis;
    private final boolean columnReversed;
    private final int rowAxis;
    private final boolean rowReversed;
    private final int sliceAxis;
    private final int[] fileSlice;
    private final int[] sizes;

    VolumePlacement(int[] sizes, int columnAxis, boolean columnReversed, int rowAxis, boolean rowReversed, int sliceAxis, int[] fileSlice) {
        this.sizes = sizes.clone();
        this.columnAxis = columnAxis;
        this.columnReversed = columnReversed;
        this.rowAxis = rowAxis;
        this.rowReversed = rowReversed;
        this.sliceAxis = sliceAxis;
        this.fileSlice = fileSlice.clone();
    }

    /** The file's own planes in file order: SEG plane k is file plane k, rows along j, columns along i. */
    public static VolumePlacement ownGrid(VolumeGrid grid) {
        int[] k = new int[grid.size(2)];
        for (int i = 0; i < k.length; i++) k[i] = i;
        return new VolumePlacement(grid.sizes(), 0, false, 1, false, 2, k);
    }

    /** SEG planes (one per source plane, or per file plane for the own grid). */
    public int planes() { return fileSlice.length; }
    /** Columns of a SEG plane. */
    public int columns() { return sizes[columnAxis]; }
    /** Rows of a SEG plane. */
    public int rows() { return sizes[rowAxis]; }
    public int columnAxis() { return columnAxis; }
    public boolean columnReversed() { return columnReversed; }
    public int rowAxis() { return rowAxis; }
    public boolean rowReversed() { return rowReversed; }
    public int sliceAxis() { return sliceAxis; }
    /** The file's index along {@link #sliceAxis()} of SEG plane {@code p}, or -1 when the file has no plane there. */
    public int fileSlice(int p) { return fileSlice[p]; }

    /** SEG planes the file has no plane for. */
    public int emptyPlanes() {
        int n = 0;
        for (int k : fileSlice) if (k < 0) n++;
        return n;
    }

    /** True when SEG planes are file planes along k in increasing order (no spooling of gzip data needed). */
    boolean forward() {
        int last = -1;
        for (int k : fileSlice) {
            if (k < 0) continue;
            if (k < last) return false;
            last = k;
        }
        return true;
    }

    @Override public String toString() {
        int first = -1;
        int last = -1;
        for (int p = 0; p < fileSlice.length; p++) {
            if (fileSlice[p] < 0) continue;
            if (first < 0) first = p;
            last = p;
        }
        String planes = first < 0 ? "no plane on a source plane" : "file planes " + fileSlice[first] + ".." + fileSlice[last] + " along axis "
                + sliceAxis + " on source planes " + (first + 1) + ".." + (last + 1);
        return "columns along file axis " + columnAxis + (columnReversed ? " reversed" : "") + ", rows along axis " + rowAxis
                + (rowReversed ? " reversed" : "") + ", " + planes;
    }
}
