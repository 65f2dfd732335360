package org.dicomseg.mask;

/**
 * A stack of equally sized 2-D planes of pixels, read one plane (or one rectangular region of a
 * plane) at a time, so that the SEG writer never needs the whole volume in memory.
 *
 * <p>Planes are row-major arrays of {@code rows × columns} elements of the type given by
 * {@link #kind()}: {@code byte[]}, {@code short[]} (both unsigned) or {@code float[]}. These are the
 * pixel arrays of ImageJ's processors, so an adapter over an {@code ImageStack} can return
 * {@code stack.getPixels(n)} directly (zero copy).</p>
 *
 * <p>Use {@link #ofBytes}, {@link #ofShorts} or {@link #ofFloats} for arrays already in memory
 * (handy from Groovy or Jython scripts).</p>
 */
public interface MaskPlanes {
    /** Rows per plane (image height). */
    int rows();

    /** Columns per plane (image width). */
    int columns();

    /** Number of planes. */
    int planes();

    /** The element type of every plane. */
    PixelKind kind();

    /**
     * Reads plane {@code plane} (0-based). Returns an array of {@link #kind()} holding the plane's
     * {@code rows()*columns()} pixels, row-major: either {@code dst} filled in (when it is non-null
     * and of the right type and size) or an array owned by the source, e.g. its backing array.
     * Callers must treat the result as read-only and must not keep it after the next call.
     */
    Object readPlane(int plane, Object dst);

    /**
     * Reads a rectangular region of a plane into {@code dst} (an array of {@link #kind()} with at
     * least {@code width*height} elements, row-major), for tiled output. The default copies out of
     * {@link #readPlane}; sources that can read regions directly should override it.
     */
    default void readRegion(int plane, int x, int y, int width, int height, Object dst) {
        if (x < 0 || y < 0 || width < 0 || height < 0 || x + width > columns() || y + height > rows()) {
            throw new IllegalArgumentException("Region " + x + "," + y + " " + width + "x" + height
                    + " is outside the " + columns() + "x" + rows() + " plane");
        }
        if (!kind().fits(dst, width * height)) {
            throw new IllegalArgumentException("Region buffer must be a " + kind() + " array of at least "
                    + (width * height) + " elements");
        }
        Object src = readPlane(plane, null);
        int cols = columns();
        for (int r = 0; r < height; r++) {
            System.arraycopy(src, (y + r) * cols + x, dst, r * width, width);
        }
    }

    /**
     * The one value every pixel of a rectangular region of a plane holds, or -1 when the region is
     * mixed or the source cannot tell without reading it (the default). An optional capability: a
     * source that knows its geometry (row intervals, shapes) answers without filling pixels, and
     * the writer then neither reads nor packs such a region (an empty or full tile of a slide). A
     * value must be exact: the region, if read, would hold exactly this value (integer kinds; for
     * {@link PixelKind#FLOAT32} sources only 0 = all 0.0 is meaningful). Same coordinates and
     * thread-safety as {@link #readRegion}.
     */
    default int uniformValue(int plane, int x, int y, int width, int height) { return -1; }

    /**
     * True when {@link #readPlane} (with a {@code dst} of the caller's) and {@link #readRegion} may be
     * called from several threads at once (no shared scratch state): the writer then packs tiles
     * of a tiled output on several threads. Default false.
     */
    default boolean supportsConcurrentReads() { return false; }

    /** In-memory byte planes, {@code planes[p]} having {@code rows*columns} elements (not copied). */
    static MaskPlanes ofBytes(byte[][] planes, int rows, int columns) {
        return new ArrayMaskPlanes(planes, PixelKind.UINT8, rows, columns);
    }

    /** In-memory unsigned 16-bit planes (not copied). */
    static MaskPlanes ofShorts(short[][] planes, int rows, int columns) {
        return new ArrayMaskPlanes(planes, PixelKind.UINT16, rows, columns);
    }

    /** In-memory float planes (not copied). */
    static MaskPlanes ofFloats(float[][] planes, int rows, int columns) {
        return new ArrayMaskPlanes(planes, PixelKind.FLOAT32, rows, columns);
    }
}
