package org.dicomseg.dcmqi;

import java.util.Objects;

/**
 * Where a segment comes from in dcmqi terms: which input label file (index into
 * {@code segmentAttributes}, 0-based) and which label value in it ({@code labelID}). dcmqi numbers
 * segments 1..N in document order, so a label image with labels 1 and 5 (gapped) gives segments 1
 * and 2; this mapping keeps the way back. Immutable.
 */
public final class LabelMapping {
    private final int segmentNumber;
    private final int inputIndex;
    private final int labelId;

    public LabelMapping(int segmentNumber, int inputIndex, int labelId) {
        if (segmentNumber < 1 || segmentNumber > 65535) {
            throw new IllegalArgumentException("Segment Number " + segmentNumber + " is outside 1..65535");
        }
        if (inputIndex < 0) throw new IllegalArgumentException("Input index " + inputIndex + " is negative");
        if (labelId < 1 || labelId > 65535) throw new IllegalArgumentException("labelID " + labelId + " is outside 1..65535");
        this.segmentNumber = segmentNumber;
        this.inputIndex = inputIndex;
        this.labelId = labelId;
    }

    /** The DICOM Segment Number (0062,0004). */
    public int segmentNumber() { return segmentNumber; }
    /** 0-based index of the input label file ({@code segmentAttributes[inputIndex]}). */
    public int inputIndex() { return inputIndex; }
    /** The label value in that input ({@code labelID}). */
    public int labelId() { return labelId; }

    @Override public boolean equals(Object o) {
        if (!(o instanceof LabelMapping)) return false;
        LabelMapping m = (LabelMapping) o;
        return segmentNumber == m.segmentNumber && inputIndex == m.inputIndex && labelId == m.labelId;
    }

    @Override public int hashCode() { return Objects.hash(segmentNumber, inputIndex, labelId); }

    @Override public String toString() {
        return "segment " + segmentNumber + " <- input " + inputIndex + " label " + labelId;
    }
}
