package org.dicomseg.read;

import java.util.function.Predicate;

import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;

/**
 * Criteria for finding segments, like highdicom's {@code Segmentation.get_segment_numbers}: every
 * criterion that is set must match (logical AND); an empty filter matches every segment. Codes
 * match on value and coding scheme (the meaning is ignored, PS3.3 8.8); labels match exactly.
 *
 * <pre>{@code
 * reader.segmentNumbers(SegmentFilter.any().propertyType(CodedConcept.sct("10200004", "Liver")))
 * }</pre>
 */
public final class SegmentFilter implements Predicate<SegmentDescription> {
    private String label;
    private CodedConcept category;
    private CodedConcept type;
    private SegmentAlgorithmType algorithmType;
    private String trackingId;
    private String trackingUid;

    private SegmentFilter() { }

    /** A filter without criteria; add some with the setters. */
    public static SegmentFilter any() { return new SegmentFilter(); }

    /** Segment Label (0062,0005) equals {@code l}. */
    public SegmentFilter label(String l) { this.label = l; return this; }
    /** Segmented Property Category Code Sequence (0062,0003) has this code. */
    public SegmentFilter propertyCategory(CodedConcept c) { this.category = c; return this; }
    /** Segmented Property Type Code Sequence (0062,000F) has this code. */
    public SegmentFilter propertyType(CodedConcept t) { this.type = t; return this; }
    /** Segment Algorithm Type (0062,0008) is {@code t}. */
    public SegmentFilter algorithmType(SegmentAlgorithmType t) { this.algorithmType = t; return this; }
    /** Tracking ID (0062,0020) equals {@code id}. */
    public SegmentFilter trackingId(String id) { this.trackingId = id; return this; }
    /** Tracking UID (0062,0021) equals {@code uid}. */
    public SegmentFilter trackingUid(String uid) { this.trackingUid = uid; return this; }

    @Override public boolean test(SegmentDescription s) {
        if (label != null && !label.equals(s.label())) return false;
        if (category != null && !category.sameCode(s.category())) return false;
        if (type != null && !type.sameCode(s.type())) return false;
        if (algorithmType != null && algorithmType != s.algorithmType()) return false;
        if (trackingId != null && !trackingId.equals(s.trackingId())) return false;
        if (trackingUid != null && !trackingUid.equals(s.trackingUid())) return false;
        return true;
    }
}
