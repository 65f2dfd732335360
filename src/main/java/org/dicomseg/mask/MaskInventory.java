package org.dicomseg.mask;

/**
 * Result of the writer's first, cheap pass over a mask (see {@link SegmentationMask#scan}): which
 * segments occur in which planes, and whether any pixel belongs to more than one segment. The
 * writer uses it to omit empty frames (PS3.3 C.8.20.2 lets a SEG leave out frames that contain no
 * segment pixels) and to write Segments Overlap (0062,0013) truthfully. Its size is
 * planes × segments bits, independent of the pixel count.
 */
public final class MaskInventory {
    private final int planes;
    private final int segments;
    private final boolean[][] present;
    private final boolean overlaps;

    /** @param present {@code present[plane][segment]}, segment 1..segments (index 0 unused) */
    public MaskInventory(boolean[][] present, int segments, boolean overlaps) {
        this.planes = present.length;
        this.segments = segments;
        this.present = present;
        this.overlaps = overlaps;
    }

    public int planes() { return planes; }
    public int segments() { return segments; }

    /** True when segment {@code segment} (1-based) has at least one pixel in plane {@code plane} (0-based). */
    public boolean isPresent(int plane, int segment) { return present[plane][segment]; }

    /** True when any segment has a pixel in {@code plane}. */
    public boolean isPlaneNonEmpty(int plane) {
        for (int s = 1; s <= segments; s++) if (present[plane][s]) return true;
        return false;
    }

    /** True when at least one pixel belongs to two or more segments. */
    public boolean overlaps() { return overlaps; }

    /** True when no segment has any pixel anywhere. */
    public boolean isEmpty() {
        for (int p = 0; p < planes; p++) if (isPlaneNonEmpty(p)) return false;
        return true;
    }
}
