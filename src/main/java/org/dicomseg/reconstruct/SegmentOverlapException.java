package org.dicomseg.reconstruct;

/**
 * Thrown when segments are combined into one label map (PS3.3 C.8.20.2: Segments Overlap
 * (0062,0013) may be YES for BINARY/FRACTIONAL segmentations) and two segments claim the same
 * pixel, unless the segment listed last is allowed to win
 * ({@link ReconstructionOptions.OverlapPolicy#LAST_WINS}, the importer's "last wins"). Unchecked:
 * the caller chose the combination; the message names both segments, the plane and the pixel, and
 * says how to proceed. The one overlap exception of the project (reader, importer and CLI).
 */
public class SegmentOverlapException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int firstSegment;
    private final int secondSegment;
    private final int plane;
    private final long overlappingPixels;

    /** The first overlap found, without counting the others. */
    public SegmentOverlapException(int firstSegment, int secondSegment, int plane, int x, int y) {
        this(firstSegment, secondSegment, plane, x, y, -1);
    }

    /**
     * @param plane             0-based plane index of the first overlap
     * @param x                 its column
     * @param y                 its row
     * @param overlappingPixels number of pixels claimed by two or more segments, or -1 when not counted
     */
    public SegmentOverlapException(int firstSegment, int secondSegment, int plane, int x, int y, long overlappingPixels) {
        super("Segments " + firstSegment + " and " + secondSegment + " overlap in plane " + (plane + 1) + " at pixel (x="
                + x + ", y=" + y + ")" + (overlappingPixels > 0 ? ", " + overlappingPixels + " pixel"
                + (overlappingPixels == 1 ? "" : "s") + " shared by two or more segments" : "")
                + ": a label map holds one segment per pixel (choose \"last wins\" to let the segment listed last"
                + " overwrite, keep one channel per segment (hyperstack, ROIs), or choose a subset)");
        this.firstSegment = firstSegment;
        this.secondSegment = secondSegment;
        this.plane = plane;
        this.overlappingPixels = overlappingPixels;
    }

    /** The segment already in the label map. */
    public int firstSegment() { return firstSegment; }
    /** The segment that also claims the pixel. */
    public int secondSegment() { return secondSegment; }
    /** 0-based plane index in the output. */
    public int plane() { return plane; }
    /** Number of pixels claimed by two or more segments, or -1 when not counted. */
    public long overlappingPixels() { return overlappingPixels; }
}
