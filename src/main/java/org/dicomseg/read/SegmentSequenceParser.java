package org.dicomseg.read;

import static org.dicomseg.read.AttributeValues.intValue;
import static org.dicomseg.read.AttributeValues.item;
import static org.dicomseg.read.AttributeValues.seq;
import static org.dicomseg.read.AttributeValues.str;
import static org.dicomseg.read.AttributeValues.ints;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import org.dicomseg.dicom.DataSetView;
import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CieLab;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;

/**
 * Turns the Segment Sequence (0062,0002) of the header ({@link DataSetView}) into {@link SegmentDescription}s
 * (PS3.3 C.8.20.2, Table C.8.20-4: Segment Number, Label, Description, the coded property category
 * and type with modifiers, anatomic regions, algorithm type and identification, tracking, display
 * colour). What a Segmentation cannot do without (a Segment Number, unique and from 1 except in a
 * label map, the category and type codes) is refused; what is only incomplete or out of range is
 * repaired or dropped, with a warning that says so.
 */
final class SegmentSequenceParser {
    private final Path file;
    private final DataSetView list;
    private final List<String> warnings;

    /** A parser of {@code list}'s Segment Sequence; tolerated deviations are added to {@code warnings}. */
    SegmentSequenceParser(Path file, DataSetView list, List<String> warnings) {
        this.file = file;
        this.list = list;
        this.warnings = warnings;
    }

    private SegReadException fail(String problem) {
        return new SegReadException(file, problem);
    }

    /**
     * Stands for a missing Segmented Property Category or Type: SNOMED CT 261665006 "Unknown"
     * (a qualifier value), which says plainly that the file did not tell.
     */
    static final CodedConcept PLACEHOLDER = CodedConcept.sct("261665006", "Unknown");

    /** The Segment Sequence, keyed by Segment Number in file order. */
    LinkedHashMap<Integer, SegmentDescription> segments(SegmentationType type) throws SegReadException {
        List<DataSetView> s = seq(list, HeaderTags.SEGMENT_SEQUENCE);
        if (s == null || s.isEmpty()) throw fail("Segment Sequence (0062,0002) is missing or empty");
        LinkedHashMap<Integer, SegmentDescription> out = new LinkedHashMap<>();
        for (int i = 0; i < s.size(); i++) {
            DataSetView item = s.get(i);
            int number = intValue(item, HeaderTags.SEGMENT_NUMBER, -1);
            if (number < 0) throw fail("item " + (i + 1) + " of the Segment Sequence (0062,0002) has no Segment Number (0062,0004)");
            if (number == 0 && type != SegmentationType.LABELMAP) {
                throw fail("Segment Number 0 in a " + type + " segmentation (numbers start at 1, PS3.3 C.8.20.2)");
            }
            if (out.containsKey(number)) throw fail("Segment Number " + number + " appears twice in the Segment Sequence (0062,0002)");
            out.put(number, segment(number, item));
        }
        return out;
    }

    private SegmentDescription segment(int number, DataSetView item) throws SegReadException {
        String label = str(item, HeaderTags.SEGMENT_LABEL);
        if (label == null) {
            label = "Segment " + number;
            warnings.add("Segment " + number + " has no Segment Label (0062,0005); '" + label + "' used");
        }
        if (label.contains("\\")) label = label.replace('\\', '/');
        if (label.length() > SegmentDescription.MAX_LABEL_LENGTH) {
            warnings.add("Segment Label (0062,0005) of segment " + number + " has " + label.length() + " characters, more than the "
                    + SegmentDescription.MAX_LABEL_LENGTH + " of its VR (LO); truncated");
            label = label.substring(0, SegmentDescription.MAX_LABEL_LENGTH);
        }
        SegmentDescription.Builder b = SegmentDescription.builder(number, label).lenient();
        b.description(str(item, HeaderTags.SEGMENT_DESCRIPTION));
        // Type 1 (PS3.3 C.8.20.2), yet omitted by some vendors' SEGs in the field: the pixels are still read
        // unambiguously, so a placeholder concept stands in, with a warning naming what was missing.
        CodedConcept category = code(item, HeaderTags.SEGMENTED_PROPERTY_CATEGORY_CODE_SEQUENCE, number);
        if (category == null) {
            category = PLACEHOLDER;
            warnings.add("Segment " + number + " has no Segmented Property Category Code Sequence (0062,0003); the placeholder "
                    + PLACEHOLDER + " is used");
        }
        CodedConcept propertyType = code(item, HeaderTags.SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE, number);
        if (propertyType == null) {
            propertyType = PLACEHOLDER;
            warnings.add("Segment " + number + " has no Segmented Property Type Code Sequence (0062,000F); the placeholder "
                    + PLACEHOLDER + " is used");
        }
        b.category(category).type(propertyType);
        // PS3.3 C.8.20.2: the modifiers are nested in the Segmented Property Type Code Sequence item;
        // some writers put them beside it, in the segment item
        DataSetView typeItem = item(item, HeaderTags.SEGMENTED_PROPERTY_TYPE_CODE_SEQUENCE);
        List<CodedConcept> modifiers = typeItem == null ? new ArrayList<>()
                : codes(typeItem, HeaderTags.SEGMENTED_PROPERTY_TYPE_MODIFIER_CODE_SEQUENCE, number);
        if (modifiers.isEmpty()) modifiers = codes(item, HeaderTags.SEGMENTED_PROPERTY_TYPE_MODIFIER_CODE_SEQUENCE, number);
        for (CodedConcept c : modifiers) b.addTypeModifier(c);
        List<DataSetView> regions = seq(item, HeaderTags.ANATOMIC_REGION_SEQUENCE);
        if (regions != null) {
            for (DataSetView r : regions) {
                CodedConcept c = codeOf(r, number);
                if (c != null) b.addAnatomicRegion(c);
                for (CodedConcept m : codes(r, HeaderTags.ANATOMIC_REGION_MODIFIER_SEQUENCE, number)) b.addAnatomicRegionModifier(m);
            }
        }
        for (CodedConcept c : codes(item, HeaderTags.PRIMARY_ANATOMIC_STRUCTURE_SEQUENCE, number)) b.addPrimaryAnatomicStructure(c);
        String algType = str(item, HeaderTags.SEGMENT_ALGORITHM_TYPE);
        SegmentAlgorithmType at;
        try {
            at = SegmentAlgorithmType.parse(algType);
        } catch (IllegalArgumentException e) {
            at = SegmentAlgorithmType.MANUAL;
            warnings.add("Segment " + number + ": Segment Algorithm Type (0062,0008) "
                    + (algType == null ? "missing" : "'" + algType + "' unknown") + "; MANUAL assumed");
        }
        b.algorithmType(at);
        DataSetView alg = item(item, HeaderTags.SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE);
        if (alg != null) {
            CodedConcept family = code(alg, HeaderTags.ALGORITHM_FAMILY_CODE_SEQUENCE, number);
            String name = str(alg, HeaderTags.ALGORITHM_NAME);
            String version = str(alg, HeaderTags.ALGORITHM_VERSION);
            if (family != null && name != null && version != null) {
                try {
                    b.algorithm(new AlgorithmIdentification(family, truncate(name), truncate(version),
                            str(alg, HeaderTags.ALGORITHM_SOURCE), str(alg, HeaderTags.ALGORITHM_PARAMETERS)));
                } catch (IllegalArgumentException e) {
                    warnings.add("Segment " + number + ": algorithm identification ignored: " + e.getMessage());
                }
            } else {
                warnings.add("Segment " + number + ": incomplete Segmentation Algorithm Identification Sequence (0062,0007) ignored");
            }
        }
        b.trackingId(truncate(str(item, HeaderTags.TRACKING_ID)));
        String trackingUid = str(item, HeaderTags.TRACKING_UID);
        if (trackingUid != null && !org.dicomseg.model.Uids.isValid(trackingUid)) {
            warnings.add("Segment " + number + ": invalid Tracking UID '" + trackingUid + "' ignored");
            trackingUid = null;
        }
        b.trackingUid(trackingUid);
        int[] lab = ints(item, HeaderTags.RECOMMENDED_DISPLAY_CIELAB_VALUE);
        if (lab.length == 3) {
            try {
                b.color(new CieLab(lab[0], lab[1], lab[2]));
            } catch (IllegalArgumentException e) {
                warnings.add("Segment " + number + ": " + e.getMessage());
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw fail("Segment " + number + " cannot be described: " + e.getMessage());
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 64 ? s : s.substring(0, 64);
    }

    private CodedConcept code(DataSetView l, int seqTag, int segment) {
        DataSetView item = item(l, seqTag);
        return item == null ? null : codeOf(item, segment);
    }

    private List<CodedConcept> codes(DataSetView l, int seqTag, int segment) {
        List<CodedConcept> out = new ArrayList<>();
        List<DataSetView> s = seq(l, seqTag);
        if (s == null) return out;
        for (DataSetView i : s) {
            CodedConcept c = codeOf(i, segment);
            if (c != null) out.add(c);
        }
        return out;
    }

    /** Code Sequence Macro (PS3.3 Table 8.8-1): Code Value, Long Code Value or URN Code Value. */
    private CodedConcept codeOf(DataSetView item, int segment) {
        String value = str(item, HeaderTags.CODE_VALUE);
        if (value == null) value = str(item, HeaderTags.LONG_CODE_VALUE);
        if (value == null) value = str(item, HeaderTags.URN_CODE_VALUE);
        String scheme = str(item, HeaderTags.CODING_SCHEME_DESIGNATOR);
        String meaning = str(item, HeaderTags.CODE_MEANING);
        if (value == null || scheme == null) {
            warnings.add("Segment " + segment + ": a code without Code Value or Coding Scheme Designator ignored");
            return null;
        }
        if (meaning == null) meaning = value;
        if (meaning.length() > 64) meaning = meaning.substring(0, 64);
        return new CodedConcept(value, scheme, meaning, str(item, HeaderTags.CODING_SCHEME_VERSION));
    }
}
