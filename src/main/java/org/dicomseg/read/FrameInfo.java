package org.dicomseg.read;

import java.util.Collections;
import java.util.List;

/**
 * What the header says about one frame of a Segmentation: the entry of the reader's frame index.
 *
 * <p>Collected from the Per-frame and Shared Functional Groups (PS3.3 C.7.6.16): Segment
 * Identification (C.8.20.3.1, Referenced Segment Number), Plane Position (Patient) (C.7.6.16.2.3)
 * or Plane Position (Slide) (C.8.12.6.1: position in the Total Pixel Matrix), Plane Orientation,
 * Frame Content (Dimension Index Values) and Derivation Image (source instance and frame). For
 * TILED_FULL files without per-frame groups, the segment and tile position come from the
 * implicit frame order (C.7.6.17.3).</p>
 *
 * <p>Arrays returned are the index's own; do not modify them.</p>
 */
public final class FrameInfo {
    /** Value of {@link #referencedSegmentNumber()} when the frame has no Segment Identification (LABELMAP). */
    public static final int NO_SEGMENT = -1;

    private final int frameNumber;
    private final int referencedSegmentNumber;
    private final double[] imagePositionPatient;
    private final double[] imageOrientationPatient;
    private final double[] slidePosition;
    private final int rowPosition;
    private final int columnPosition;
    private final int[] dimensionIndexValues;
    private final List<SourceImageReference> sources;

    FrameInfo(int frameNumber, int referencedSegmentNumber, double[] imagePositionPatient,
            double[] imageOrientationPatient, double[] slidePosition, int rowPosition, int columnPosition,
            int[] dimensionIndexValues, List<SourceImageReference> sources) {
        this.frameNumber = frameNumber;
        this.referencedSegmentNumber = referencedSegmentNumber;
        this.imagePositionPatient = imagePositionPatient;
        this.imageOrientationPatient = imageOrientationPatient;
        this.slidePosition = slidePosition;
        this.rowPosition = rowPosition;
        this.columnPosition = columnPosition;
        this.dimensionIndexValues = dimensionIndexValues == null ? new int[0] : dimensionIndexValues;
        this.sources = sources == null ? Collections.emptyList() : Collections.unmodifiableList(sources);
    }

    /** 1-based frame number in the file. */
    public int frameNumber() { return frameNumber; }

    /** Referenced Segment Number (0062,000B), or {@link #NO_SEGMENT} (LABELMAP frames). */
    public int referencedSegmentNumber() { return referencedSegmentNumber; }

    /** True when the frame belongs to one segment (BINARY and FRACTIONAL). */
    public boolean hasReferencedSegment() { return referencedSegmentNumber != NO_SEGMENT; }

    /** Image Position (Patient) (0020,0032) of the frame's first pixel in mm, or null. */
    public double[] imagePositionPatient() { return imagePositionPatient; }

    /** Image Orientation (Patient) (0020,0037) of the frame (per-frame or shared), or null. */
    public double[] imageOrientationPatient() { return imageOrientationPatient; }

    /**
     * X, Y, Z Offset in Slide Coordinate System (0040,072A/073A/074A) in mm, or null. A TILED_FULL
     * frame of a SEG with several focal planes has its focal plane's Z (origin Z + index × Spacing
     * Between Slices) and X, Y NaN (not stated; the tile is placed by its row and column).
     */
    public double[] slidePosition() { return slidePosition; }

    /** Row Position In Total Image Pixel Matrix (0048,021F), 1-based; 0 when not tiled. */
    public int rowPositionInTotalPixelMatrix() { return rowPosition; }

    /** Column Position In Total Image Pixel Matrix (0048,021E), 1-based; 0 when not tiled. */
    public int columnPositionInTotalPixelMatrix() { return columnPosition; }

    /** True when the frame has a position in a Total Pixel Matrix. */
    public boolean isTile() { return rowPosition > 0 && columnPosition > 0; }

    /** Dimension Index Values (0020,9157); empty when absent. */
    public int[] dimensionIndexValues() { return dimensionIndexValues; }

    /** Source images of this frame (Derivation Image Sequence > Source Image Sequence); may be empty. */
    public List<SourceImageReference> sources() { return sources; }

    @Override public String toString() {
        return "Frame " + frameNumber + (hasReferencedSegment() ? " segment " + referencedSegmentNumber : "")
                + (isTile() ? " tile r" + rowPosition + " c" + columnPosition : "");
    }
}
