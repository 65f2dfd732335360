package org.dicomseg.model.codes;

import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;

/**
 * Well-known concepts the exporters use as defaults, each resolved once from the built-in tables
 * ({@link CodeTables}), so no code triplet is typed by hand anywhere else. If a table loses one of
 * these codes, class initialisation fails at once with a message naming the table.
 *
 * <p>The default description of a new segment ("Segment N") is category {@link #TISSUE}, type
 * {@link #TISSUE} (CID 7150 / CID 7151 via CID 7165), as dcmqi and highdicom do.</p>
 */
public final class Codes {
    private Codes() { }

    // CID 7150 Segmentation Property Categories
    /** (85756007, SCT, "Tissue"): category (CID 7150) and also a type (CID 7165 / 7151). */
    public static final CodedConcept TISSUE = CodeTables.categories().require("85756007", "SCT");
    /** (91723000, SCT, "Anatomical Structure"), CID 7150 (formerly 123037004). */
    public static final CodedConcept ANATOMICAL_STRUCTURE = CodeTables.categories().require("91723000", "SCT");
    /** (49755003, SCT, "Morphologically Abnormal Structure"), CID 7150. */
    public static final CodedConcept MORPHOLOGICALLY_ABNORMAL_STRUCTURE = CodeTables.categories().require("49755003", "SCT");
    /** (260787004, SCT, "Physical object"), CID 7150. */
    public static final CodedConcept PHYSICAL_OBJECT = CodeTables.categories().require("260787004", "SCT");
    /** (309825002, SCT, "Spatial and Relational Concept"), CID 7150. */
    public static final CodedConcept SPATIAL_AND_RELATIONAL_CONCEPT = CodeTables.categories().require("309825002", "SCT");
    /** (91720002, SCT, "Body Substance"), CID 7150. */
    public static final CodedConcept BODY_SUBSTANCE = CodeTables.categories().require("91720002", "SCT");

    // CID 7151 Segmentation Property Types
    /** (113343008, SCT, "Organ"), CID 7166. */
    public static final CodedConcept ORGAN = CodeTables.types().require("113343008", "SCT");
    /** (10200004, SCT, "Liver"), CID 7154. */
    public static final CodedConcept LIVER = CodeTables.types().require("10200004", "SCT");
    /** (4421005, SCT, "Cell"), CID 8135. */
    public static final CodedConcept CELL = CodeTables.types().require("4421005", "SCT");
    /** (84640000, SCT, "Nucleus"), CID 8135. */
    public static final CodedConcept NUCLEUS = CodeTables.types().require("84640000", "SCT");
    /** (108369006, SCT, "Neoplasm"), CID 7159. */
    public static final CodedConcept NEOPLASM = CodeTables.types().require("108369006", "SCT");
    /** (6574001, SCT, "Necrosis"), CID 7159. */
    public static final CodedConcept NECROSIS = CodeTables.types().require("6574001", "SCT");
    /** (125040, DCM, "Background"), CID 7165. */
    public static final CodedConcept BACKGROUND = CodeTables.types().require("125040", "DCM");

    // CID 244 Laterality
    /** (7771000, SCT, "Left"), CID 244. */
    public static final CodedConcept LEFT = CodeTables.laterality().require("7771000", "SCT");
    /** (24028007, SCT, "Right"), CID 244. */
    public static final CodedConcept RIGHT = CodeTables.laterality().require("24028007", "SCT");
    /** (51440002, SCT, "Right and left"), CID 244: bilateral. */
    public static final CodedConcept RIGHT_AND_LEFT = CodeTables.laterality().require("51440002", "SCT");

    // CID 7162 Surface Processing Algorithm Families
    /** (123110, DCM, "Artificial Intelligence"), CID 7162: family of AUTOMATIC deep-learning segmentations. */
    public static final CodedConcept ARTIFICIAL_INTELLIGENCE = CodeTables.algorithmFamilies().require("123110", "DCM");
    /** (123109, DCM, "Manual Processing"), CID 7162. */
    public static final CodedConcept MANUAL_PROCESSING = CodeTables.algorithmFamilies().require("123109", "DCM");
    /** (123105, DCM, "Histogram Analysis"), CID 7162: e.g. thresholding. */
    public static final CodedConcept HISTOGRAM_ANALYSIS = CodeTables.algorithmFamilies().require("123105", "DCM");

    /**
     * The default description of segment {@code n}: label "Segment n", category and type
     * {@link #TISSUE}, algorithm type MANUAL. Returns a builder so callers can change what they know
     * (colour, algorithm) before building.
     */
    public static SegmentDescription.Builder defaultSegment(int segmentNumber) {
        return SegmentDescription.builder(segmentNumber, "Segment " + segmentNumber)
                .category(TISSUE).type(TISSUE).algorithmType(SegmentAlgorithmType.MANUAL);
    }
}
