package org.dicomseg.reconstruct;

/**
 * Thrown when segments are combined into one label map (PS3.3 C.8.20.2: Segments Overlap
 * (0062,0013) may be YES for BINARY/FRACTIONAL segmentations) and two segments claim the same
 * pixel, unless {@link ReconstructionOptions.OverlapPolicy#LAST_WINS} is chosen. Unchecked: the
 * caller chose the combination; the message names both segments, the plane and the pixel.
 */
public class SegmentOverlapException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int firstSegment;
    private final int secondSegment;
    private final int plane;

    public SegmentOverlapException(int firstSegment, int secondSegment, int plane, int x, int y) {
        super("Segments " + firstSegment + " and " + secondSegment + " overlap in plane " + (plane + 1) + " at pixel (x="
                + x + ", y=" + y + "): they cannot be combined into one label map (keep one channel per segment, "
                + "choose a subset, or let the last segment win)");
        this.firstSegment = firstSegment;
        this.secondSegment = secondSegment;
        this.plane = plane;
    }

    /** The segment already in the label map. */
    public int firstSegment() { return firstSegment; }
    /** The segment that also claims the pixel. */
    public int secondSegment() { return secondSegment; }
    /** 0-based plane index in the output. */
    public int plane() { return plane; }
}
