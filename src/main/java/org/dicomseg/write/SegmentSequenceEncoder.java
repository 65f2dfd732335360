package org.dicomseg.write;

import java.util.List;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;

import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.dicom.DataSetBuilder;
import org.dicomseg.dicom.SegTags;

/**
 * Writes the Segment Sequence (0062,0002) of the Segmentation Image Module, PS3.3 C.8.20.2 and
 * Table C.8.20-4 "Segment Description Macro": one item per {@link SegmentDescription}, with the
 * Segmented Property Category/Type (and type modifiers), Segment Algorithm Type and, unless MANUAL,
 * Segment Algorithm Name and the Segmentation Algorithm Identification Sequence (Algorithm
 * Identification Macro, PS3.3 Table 10-19), anatomic regions, tracking ID/UID and the recommended
 * CIELab colour.
 */
final class SegmentSequenceEncoder {
    private final DataSetBuilder b;

    SegmentSequenceEncoder(DataSetBuilder b) {
        this.b = b;
    }

    /** Checks that the descriptions are numbered 1..N in order (PS3.3 C.8.20.2) and non-empty. */
    static void checkNumbering(List<SegmentDescription> segments) {
        if (segments == null || segments.isEmpty()) {
            throw new IllegalArgumentException("A segmentation needs at least one segment description; the list is empty");
        }
        for (int i = 0; i < segments.size(); i++) {
            SegmentDescription d = segments.get(i);
            if (d == null) throw new IllegalArgumentException("Segment description " + (i + 1) + " is null");
            if (d.segmentNumber() != i + 1) {
                StringBuilder nums = new StringBuilder();
                for (SegmentDescription s : segments) nums.append(nums.length() == 0 ? "" : ", ").append(s == null ? "null" : s.segmentNumber());
                throw new IllegalArgumentException("Segment numbers must be 1..N consecutive in list order; got [" + nums
                        + "]: description " + (i + 1) + " has Segment Number " + d.segmentNumber() + " instead of " + (i + 1));
            }
        }
    }

    /**
     * @param colors false to leave out the Recommended Display CIELab Values (a PALETTE COLOR label
     *               map, whose palette carries the colours)
     */
    void write(AttributeList l, List<SegmentDescription> segments, boolean colors) {
        SequenceAttribute seq = DataSetBuilder.seq(l, SegTags.SEGMENT_SEQUENCE);
        for (SegmentDescription d : segments) encode(DataSetBuilder.item(seq), d, colors);
    }

    private void encode(AttributeList item, SegmentDescription d, boolean colors) {
        DataSetBuilder.us(item, SegTags.SEGMENT_NUMBER, d.segmentNumber());
        b.text(item, SegTags.SEGMENT_LABEL, "LO", d.label());
        b.optionalText(item, SegTags.SEGMENT_DESCRIPTION, "ST", d.description());
        b.text(item, SegTags.SEGMENT_ALGORITHM_TYPE, "CS", d.algorithmType().name());
        AlgorithmIdentification a = d.algorithmIdentification();
        if (a != null) {
            b.text(item, SegTags.SEGMENT_ALGORITHM_NAME, "LO", a.name());
            AttributeList alg = DataSetBuilder.singleItem(item, SegTags.SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE);
            b.codeSequence(alg, SegTags.ALGORITHM_FAMILY_CODE_SEQUENCE, a.family());
            b.text(alg, SegTags.ALGORITHM_NAME, "LO", a.name());
            b.text(alg, SegTags.ALGORITHM_VERSION, "LO", a.version());
            b.optionalText(alg, SegTags.ALGORITHM_SOURCE, "LO", a.source());
            b.optionalText(alg, SegTags.ALGORITHM_PARAMETERS, "LT", a.parameters());
        } else if (d.algorithmType() != SegmentAlgorithmType.MANUAL) {
            throw new IllegalArgumentException("Segment " + d.segmentNumber() + " is " + d.algorithmType()
                    + " but has no algorithm identification");
        }
        b.codeSequence(item, SegTags.SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE, d.category());
        AttributeList type = b.codeSequence(item, SegTags.SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE, d.type());
        if (!d.typeModifiers().isEmpty()) {
            b.codeSequence(type, SegTags.SEGMENTED_PROPERTY_TYPE_MODIFIER_CODE_SEQUENCE, d.typeModifiers());
        }
        if (!d.anatomicRegions().isEmpty()) {
            SequenceAttribute regions = DataSetBuilder.seq(item, SegTags.ANATOMIC_REGION_SEQUENCE);
            for (CodedConcept c : d.anatomicRegions()) {
                AttributeList r = DataSetBuilder.item(regions);
                b.code(r, c);
                if (!d.anatomicRegionModifiers().isEmpty()) {
                    b.codeSequence(r, SegTags.ANATOMIC_REGION_MODIFIER_SEQUENCE, d.anatomicRegionModifiers());
                }
            }
        }
        if (!d.primaryAnatomicStructures().isEmpty()) {
            b.codeSequence(item, SegTags.PRIMARY_ANATOMIC_STRUCTURE_SEQUENCE, d.primaryAnatomicStructures());
        }
        if (colors && d.recommendedDisplayCieLab() != null) {
            DataSetBuilder.us(item, SegTags.RECOMMENDED_DISPLAY_CIELAB_VALUE, d.recommendedDisplayCieLab().toArray());
        }
        b.optionalText(item, SegTags.TRACKING_ID, "UT", d.trackingId());
        b.optionalText(item, SegTags.TRACKING_UID, "UI", d.trackingUid());
    }
}
