package org.dicomseg.mask;

/**
 * What the SEG writer consumes: segment membership for every pixel of every plane, read one plane
 * at a time. There are two kinds, mirroring highdicom's two input forms (see the guide's
 * "Constructing Binary SEG Images with Multiple Segments"):
 * <ul>
 *   <li>{@link LabelMapMask}: one integer plane per position, pixel value = label, each label
 *       mapped to one segment; segments cannot overlap.</li>
 *   <li>{@link StackedMasks}: one mask (binary or fractional) per segment; segments may overlap.</li>
 * </ul>
 * Segment numbers are 1..N in the order of the segment descriptions (PS3.3 C.8.20.2: Segment
 * Number starts at 1 and increases by 1).
 *
 * <p>The methods below are the writer's per-frame access. Implementations may cache the last plane
 * they read, so an instance is not thread-safe.</p>
 */
public abstract class SegmentationMask {
    SegmentationMask() { }

    /** Rows per plane. */
    public abstract int rows();

    /** Columns per plane. */
    public abstract int columns();

    /** Number of planes (positions). */
    public abstract int planes();

    /** True for a label map, whose segments can never overlap. */
    public abstract boolean isLabelMap();

    /**
     * First pass: checks every value (labels without a segment, fractions outside [0, 1]) and
     * records which segments occur in which plane.
     *
     * @param segmentCount number of segment descriptions N (segments 1..N)
     * @param maxValue     the stored value of "fully in the segment": 1 for BINARY and LABELMAP,
     *                     the Maximum Fractional Value for FRACTIONAL. A fractional pixel counts as
     *                     present when {@link StackedMasks#quantise StackedMasks.quantise(value, maxValue)} &gt; 0.
     * @throws IllegalArgumentException naming the offending value, plane and segment
     */
    public abstract MaskInventory scan(int segmentCount, int maxValue);

    /**
     * Told about each plane during the first pass, right after it was scanned (while its pixels are
     * still in the cache), so that a writer can encode the plane's frames then instead of reading
     * it again in a second pass. Called from the scanning threads, possibly several at once, in no
     * particular order; only for mixed planes ({@link #uniformSegment} is -1 for them) whose labels
     * all have segments. The mask may be read ({@link #packSegments}, {@link #labelFrame}) from the
     * listener for that plane.
     */
    public interface PlaneListener {
        /** Plane {@code plane} holds the segments {@code s} with {@code segments[s]} true (a fresh array, 1-based). */
        void scanned(int plane, boolean[] segments);
    }

    /**
     * A {@link PlaneListener} that reads the planes itself: handed each plane of 8-bit labels held
     * in memory instead of the scan, it encodes the plane's frames and finds the values the plane
     * holds in the same pass (or from the encoded frames), so the first pass reads each plane once,
     * not once to scan and once to encode. Called from the scanning threads, possibly several at
     * once; planes it declines are scanned and then told to {@link #scanned} as usual.
     */
    public interface PlaneEncoder extends PlaneListener {
        /**
         * Encodes plane {@code plane} from its label pixels ({@code rows*columns} values, not to be
         * changed) and sets {@code seen[v]} for every value {@code v} among them, 0 included
         * ({@code seen} has 256 entries, all false). Labels without a segment fail the scan
         * afterwards; the encoder only has to find them.
         *
         * @return false when it declined the plane and set nothing
         */
        boolean encodePlane(int plane, byte[] pixels, boolean[] seen);
    }

    /**
     * {@link #scan(int, int)} telling {@code listener} (may be null) about the planes it scans;
     * masks that cannot are scanned without telling (the default).
     */
    public MaskInventory scan(int segmentCount, int maxValue, PlaneListener listener) {
        return scan(segmentCount, maxValue);
    }

    /**
     * Writes one frame of segment {@code segment} (1-based) of plane {@code plane} (0-based) into
     * {@code dst} ({@code rows*columns} bytes): {@code maxValue} where a pixel is fully in the
     * segment, 0 outside, and {@link StackedMasks#quantise StackedMasks.quantise(fraction, maxValue)}
     * for fractional input (double precision, ties to even).
     * {@link #scan} must have been called first.
     */
    public abstract void segmentFrame(int plane, int segment, int maxValue, byte[] dst);

    /**
     * Packs the binary frames of every wanted segment of one plane at once, LSB first from bit 0
     * (PS3.5 8.1.1), into {@code dst[segment]} (each {@code ceil(rows*columns/8)} bytes, cleared by
     * this method). A pixel is set when it would be nonzero in {@link #segmentFrame} with
     * {@code maxValue} 1. Entries of {@code dst} for unwanted segments may be null.
     */
    public abstract void packSegments(int plane, boolean[] wanted, byte[][] dst);

    /**
     * Writes the label-map frame of a plane (pixel value = segment number, 0 = none) into
     * {@code dst}: a {@code byte[]} when every segment number is at most 255, else a {@code short[]}.
     *
     * @throws IllegalArgumentException when two segments overlap at a pixel (a label map cannot
     *                                  represent that)
     */
    public abstract void labelFrame(int plane, Object dst);

    /**
     * After {@link #scan}: the one segment that covers every pixel of plane {@code plane} (0 when
     * the plane is known to be empty), or -1 when it is mixed or not known. The writer then emits
     * the plane's BINARY frames as constant bytes (all ones for that segment, zeros for the others)
     * without reading the plane. Default -1.
     */
    public int uniformSegment(int plane) {
        return -1;
    }

    /**
     * True when {@link #packSegments} and {@link #segmentFrame} may be called for different planes
     * from several threads at once (in-memory planes); the writer then packs planes in parallel.
     * False by default.
     */
    public boolean supportsConcurrentReads() {
        return false;
    }

    /**
     * This mask seen as the tiles of a Total Pixel Matrix (PS3.3 C.7.6.17.3): plane
     * {@code p * grid.tileCount() + i} of the result is written tile i of {@code grid} at mask plane
     * p (a slide's focal plane p, in increasing Z; one plane: tile i), read tile by tile through
     * {@link MaskPlanes#readRegion}; the same kind of mask with the same label mapping.
     */
    public abstract SegmentationMask tiled(TileGrid grid);

    /**
     * This mask seen at a pyramid level {@code factor} times coarser (one output pixel per
     * {@code factor × factor} block; the mask starts at ({@code shiftX}, {@code shiftY}) inside the
     * first block): binary masks by "any pixel of the block", label maps by the block's most
     * frequent nonzero label, fractions by the block's mean (see {@link DownsampledMaskPlanes}).
     * Every block the mask touches gives a pixel (the size is rounded up).
     */
    public SegmentationMask downsampled(int factor, int shiftX, int shiftY) {
        return downsampled(factor, shiftX, shiftY, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /**
     * {@link #downsampled(int, int, int)} clipped to at most {@code maxRows × maxColumns}: a
     * pyramid level's Total Pixel Matrix ends where the level ends (its size is the finer size
     * divided by the factor and rounded down by most converters), so the last, partial block row or
     * column of the mask may have no pixel on it.
     */
    public abstract SegmentationMask downsampled(int factor, int shiftX, int shiftY, int maxRows, int maxColumns);

    static void checkPlane(int plane, int planes) {
        if (plane < 0 || plane >= planes) throw new IndexOutOfBoundsException("Plane " + plane + " of " + planes);
    }
}
