package org.dicomseg.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import org.dicomseg.dicom.DataSetView;

/**
 * One Functional Groups item (an item of the Per-frame Functional Groups Sequence (5200,9230) or
 * the Shared Functional Groups Sequence (5200,9229), PS3.3 C.7.6.16) reduced to what the frame
 * index reads from it: which functional group macros it holds and the few values of each.
 *
 * <p>Two sources build it, so that {@link FrameIndexBuilder#frameIndex} has one code path: a parsed
 * item ({@link #of(DataSetView)}: the lean walk's or PixelMed's) and {@link PerFrameGroupsParser}, which reads the
 * per-frame items straight from the file without building a PixelMed attribute list per frame.
 * Both give the same values for the same bytes (SegmentationReaderFastPathTest checks it).</p>
 *
 * <p>A macro is "present" when its sequence has at least one item (PS3.3 C.7.6.16.1: the per-frame
 * item's macro, when present, replaces the shared one); Derivation Image is present when the
 * sequence attribute is there at all, even empty, as the frame index always treated it.</p>
 */
final class FunctionalGroups {
    /** Segment Identification Sequence (0062,000A), C.8.20.3.1. */
    static final int SEGMENT_IDENTIFICATION = 1;
    /** Plane Position Sequence (0020,9113), C.7.6.16.2.3. */
    static final int PLANE_POSITION = 1 << 1;
    /** Plane Orientation Sequence (0020,9116), C.7.6.16.2.4. */
    static final int PLANE_ORIENTATION = 1 << 2;
    /** Plane Position (Slide) Sequence (0048,021A), C.8.12.6.1. */
    static final int PLANE_POSITION_SLIDE = 1 << 3;
    /** Frame Content Sequence (0020,9111), C.7.6.16.2.2. */
    static final int FRAME_CONTENT = 1 << 4;
    /** Derivation Image Sequence (0008,9124), C.7.6.16.2.6 (present even when empty). */
    static final int DERIVATION_IMAGE = 1 << 5;

    /** An item with none of the macros above (shared by all such items: no allocation per frame). */
    static final FunctionalGroups EMPTY = new FunctionalGroups();

    /** Bit set of the macros present. */
    int present;
    /** Referenced Segment Number (0062,000B), first value; -1 when absent. */
    int referencedSegmentNumber = -1;
    /** Image Position (Patient) (0020,0032): the first 3 values, or null when fewer. */
    double[] imagePositionPatient;
    /** Image Orientation (Patient) (0020,0037): the first 6 values, or null when fewer. */
    double[] imageOrientationPatient;
    /** Row / Column Position in Total Image Pixel Matrix (0048,021F / 021E); 0 when absent. */
    int rowPosition, columnPosition;
    /** X, Y, Z Offset in Slide Coordinate System (0040,072A / 073A / 074A); NaN when absent. */
    double xOffset = Double.NaN, yOffset = Double.NaN, zOffset = Double.NaN;
    /** Dimension Index Values (0020,9157); empty when absent. */
    int[] dimensionIndexValues;
    /** Derivation Image Sequence > Source Image Sequence references, in order; null when no Derivation Image Sequence. */
    List<SourceImageReference> sources;

    boolean has(int macro) { return (present & macro) != 0; }

    /**
     * The item whose macro the frame uses: the per-frame item's when it has it, else the shared
     * item's (PS3.3 C.7.6.16.1), else null.
     */
    static FunctionalGroups pick(FunctionalGroups perFrame, FunctionalGroups shared, int macro) {
        if (perFrame != null && perFrame.has(macro)) return perFrame;
        return shared != null && shared.has(macro) ? shared : null;
    }

    /** The values of one parsed item, with {@link AttributeValues}' value rules. */
    static FunctionalGroups of(DataSetView l) {
        if (l == null) return null;
        FunctionalGroups g = new FunctionalGroups();
        DataSetView seg = AttributeValues.item(l, HeaderTags.SEGMENT_IDENTIFICATION_SEQUENCE);
        if (seg != null) {
            g.present |= SEGMENT_IDENTIFICATION;
            g.referencedSegmentNumber = AttributeValues.intValue(seg, HeaderTags.REFERENCED_SEGMENT_NUMBER, -1);
        }
        DataSetView pos = AttributeValues.item(l, HeaderTags.PLANE_POSITION_SEQUENCE);
        if (pos != null) {
            g.present |= PLANE_POSITION;
            g.imagePositionPatient = AttributeValues.doubles(pos, HeaderTags.IMAGE_POSITION_PATIENT, 3);
        }
        DataSetView ori = AttributeValues.item(l, HeaderTags.PLANE_ORIENTATION_SEQUENCE);
        if (ori != null) {
            g.present |= PLANE_ORIENTATION;
            g.imageOrientationPatient = AttributeValues.doubles(ori, HeaderTags.IMAGE_ORIENTATION_PATIENT, 6);
        }
        DataSetView slide = AttributeValues.item(l, HeaderTags.PLANE_POSITION_SLIDE_SEQUENCE);
        if (slide != null) {
            g.present |= PLANE_POSITION_SLIDE;
            g.rowPosition = AttributeValues.intValue(slide, HeaderTags.ROW_POSITION_IN_TOTAL_IMAGE_PIXEL_MATRIX, 0);
            g.columnPosition = AttributeValues.intValue(slide, HeaderTags.COLUMN_POSITION_IN_TOTAL_IMAGE_PIXEL_MATRIX, 0);
            g.xOffset = AttributeValues.doubleValue(slide, HeaderTags.X_OFFSET_IN_SLIDE_COORDINATE_SYSTEM);
            g.yOffset = AttributeValues.doubleValue(slide, HeaderTags.Y_OFFSET_IN_SLIDE_COORDINATE_SYSTEM);
            g.zOffset = AttributeValues.doubleValue(slide, HeaderTags.Z_OFFSET_IN_SLIDE_COORDINATE_SYSTEM);
        }
        DataSetView content = AttributeValues.item(l, HeaderTags.FRAME_CONTENT_SEQUENCE);
        if (content != null) {
            g.present |= FRAME_CONTENT;
            g.dimensionIndexValues = AttributeValues.ints(content, HeaderTags.DIMENSION_INDEX_VALUES);
        }
        List<DataSetView> deriv = AttributeValues.seq(l, HeaderTags.DERIVATION_IMAGE_SEQUENCE);
        if (deriv != null) {
            g.present |= DERIVATION_IMAGE;
            g.sources = new ArrayList<>(1);
            for (DataSetView d : deriv) g.sources.addAll(AttributeValues.references(AttributeValues.seq(d, HeaderTags.SOURCE_IMAGE_SEQUENCE)));
        }
        return g;
    }

    /**
     * The Per-frame Functional Groups Sequence as the frame index sees it: its item count and its
     * items in file order.
     */
    interface PerFrame extends Iterable<FunctionalGroups> {
        /** Number of items of the sequence (all of them, also those not materialised). */
        int size();
    }

    /** Adapts a parsed sequence's items lazily, one item at a time. */
    static PerFrame of(List<DataSetView> s) {
        if (s == null) return null;
        int n = s.size();
        return new PerFrame() {
            @Override public int size() { return n; }

            @Override public Iterator<FunctionalGroups> iterator() {
                Iterator<DataSetView> it = s.iterator();
                return new Iterator<FunctionalGroups>() {
                    @Override public boolean hasNext() { return it.hasNext(); }

                    @Override public FunctionalGroups next() { return of(it.next()); }
                };
            }
        };
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof FunctionalGroups)) return false;
        FunctionalGroups g = (FunctionalGroups) o;
        return present == g.present && referencedSegmentNumber == g.referencedSegmentNumber
                && Arrays.equals(imagePositionPatient, g.imagePositionPatient)
                && Arrays.equals(imageOrientationPatient, g.imageOrientationPatient)
                && rowPosition == g.rowPosition && columnPosition == g.columnPosition
                && Double.compare(xOffset, g.xOffset) == 0 && Double.compare(yOffset, g.yOffset) == 0
                && Double.compare(zOffset, g.zOffset) == 0
                && Arrays.equals(dimensionIndexValues, g.dimensionIndexValues)
                && Objects.equals(sources, g.sources);
    }

    @Override public int hashCode() {
        return Objects.hash(present, referencedSegmentNumber, rowPosition, columnPosition);
    }

    @Override public String toString() {
        return "FunctionalGroups[present=" + Integer.toBinaryString(present) + " segment=" + referencedSegmentNumber
                + " ipp=" + Arrays.toString(imagePositionPatient) + " iop=" + Arrays.toString(imageOrientationPatient)
                + " r" + rowPosition + " c" + columnPosition + " xyz=" + xOffset + "," + yOffset + "," + zOffset
                + " div=" + Arrays.toString(dimensionIndexValues) + " sources=" + sources + "]";
    }
}
