package org.dicomseg.ij;

/**
 * Thrown when segments that should become one label image overlap: a label image holds one
 * segment per pixel, so combining them would silently lose pixels. The message names the first
 * overlapping pair and where it was found, and says how to proceed (the "last wins" option, or
 * the hyperstack / ROI outputs, which keep overlaps). An IllegalArgumentException: the input does
 * not fit the requested output, so generic command error handlers show the message as is.
 */
public final class SegmentOverlapException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int first;
    private final int second;
    private final long overlappingPixels;

    public SegmentOverlapException(int first, int second, int x, int y, int plane, long overlappingPixels) {
        super("Segments " + first + " and " + second + " overlap (" + overlappingPixels + " pixel"
                + (overlappingPixels == 1 ? "" : "s") + " shared by two or more segments; first at x=" + x + ", y=" + y
                + ", plane " + plane + "). A label image holds one segment per pixel: tick \"last wins\" to let the"
                + " higher-listed segment overwrite, or import as a hyperstack or ROIs, which keep overlaps.");
        this.first = first;
        this.second = second;
        this.overlappingPixels = overlappingPixels;
    }

    /** Segment Number of the segment already in the pixel. */
    public int first() { return first; }
    /** Segment Number of the segment that also claims it. */
    public int second() { return second; }
    /** Number of pixels claimed by more than one segment. */
    public long overlappingPixels() { return overlappingPixels; }
}
