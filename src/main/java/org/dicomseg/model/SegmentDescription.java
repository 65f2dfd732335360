package org.dicomseg.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One item of the Segment Sequence (0062,0002), PS3.3 C.8.20.2 "Segmentation Image Module":
 * what a segment is (label, Segmented Property Category and Type, CIDs 7150/7151), how it was made
 * (Segment Algorithm Type and the Algorithm Identification Macro), where it is (Anatomic Region
 * Sequence) and how to show it (Recommended Display CIELab Value).
 *
 * <p>Immutable; build it with {@link #builder(int, String)}. The constructor enforces the rules
 * the standard and highdicom enforce, so that an invalid description can never reach a file:
 * Segment Number 1..65535; label non-empty and at most 64 characters (LO); category, type and
 * algorithm type present; Segmentation Algorithm Identification present unless MANUAL (type 1C);
 * a Tracking UID only together with a Tracking ID (C.8.20.2: both or neither).</p>
 *
 * <p>Files written by other tools sometimes break these rules (no algorithm identification,
 * segment 0 "Background" in a label map). {@link Builder#lenient()} relaxes the checks that
 * concern content, not structure, so a reader can still describe such a file.</p>
 */
public final class SegmentDescription {
    /** Maximum length of Segment Label (0062,0005), VR LO. */
    public static final int MAX_LABEL_LENGTH = 64;

    private final int segmentNumber;
    private final String label;
    private final String description;
    private final CodedConcept category;
    private final CodedConcept type;
    private final List<CodedConcept> typeModifiers;
    private final SegmentAlgorithmType algorithmType;
    private final AlgorithmIdentification algorithmIdentification;
    private final List<CodedConcept> anatomicRegions;
    private final List<CodedConcept> anatomicRegionModifiers;
    private final List<CodedConcept> primaryAnatomicStructures;
    private final String trackingId;
    private final String trackingUid;
    private final CieLab recommendedDisplayCieLab;

    private SegmentDescription(Builder b) {
        int min = b.lenient ? 0 : 1;
        if (b.segmentNumber < min || b.segmentNumber > 65535) {
            throw new IllegalArgumentException("Segment Number " + b.segmentNumber + " is outside " + min + "..65535");
        }
        if (b.label == null || b.label.isBlank()) {
            throw new IllegalArgumentException("Segment " + b.segmentNumber + " needs a non-empty Segment Label");
        }
        if (b.label.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("Segment Label of segment " + b.segmentNumber + " is longer than "
                    + MAX_LABEL_LENGTH + " characters (VR LO): '" + b.label + "'");
        }
        if (b.label.contains("\\")) {
            throw new IllegalArgumentException("Segment Label must not contain a backslash (VR LO): '" + b.label + "'");
        }
        if (b.category == null) {
            throw new IllegalArgumentException("Segment " + b.segmentNumber + " needs a Segmented Property Category");
        }
        if (b.type == null) {
            throw new IllegalArgumentException("Segment " + b.segmentNumber + " needs a Segmented Property Type");
        }
        if (b.algorithmType == null) {
            throw new IllegalArgumentException("Segment " + b.segmentNumber + " needs a Segment Algorithm Type");
        }
        if (!b.lenient && b.algorithmType != SegmentAlgorithmType.MANUAL && b.algorithmIdentification == null) {
            throw new IllegalArgumentException("Segment " + b.segmentNumber + " is " + b.algorithmType
                    + ": it needs an algorithm identification (family, name, version); only MANUAL segments may omit it");
        }
        if (b.trackingUid != null && b.trackingId == null && !b.lenient) {
            throw new IllegalArgumentException("Segment " + b.segmentNumber + " has a Tracking UID but no Tracking ID");
        }
        if (b.trackingUid != null && !Uids.isValid(b.trackingUid)) {
            throw new IllegalArgumentException("Tracking UID '" + b.trackingUid + "' of segment " + b.segmentNumber
                    + " is not a valid UID (digits and dots, at most 64 characters)");
        }
        if (b.trackingId != null && b.trackingId.length() > 64) {
            throw new IllegalArgumentException("Tracking ID of segment " + b.segmentNumber + " is longer than 64 characters (LO)");
        }
        this.segmentNumber = b.segmentNumber;
        this.label = b.label.trim();
        this.description = b.description;
        this.category = b.category;
        this.type = b.type;
        this.typeModifiers = copy(b.typeModifiers);
        this.algorithmType = b.algorithmType;
        this.algorithmIdentification = b.algorithmIdentification;
        this.anatomicRegions = copy(b.anatomicRegions);
        this.anatomicRegionModifiers = copy(b.anatomicRegionModifiers);
        this.primaryAnatomicStructures = copy(b.primaryAnatomicStructures);
        this.trackingId = b.trackingId;
        this.trackingUid = b.trackingUid;
        this.recommendedDisplayCieLab = b.recommendedDisplayCieLab;
    }

    private static <T> List<T> copy(List<T> l) {
        return Collections.unmodifiableList(new ArrayList<>(l));
    }

    /** Starts a description with the two things every segment has: its number and label. */
    public static Builder builder(int segmentNumber, String label) {
        return new Builder(segmentNumber, label);
    }

    /** A builder pre-filled with this description, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(segmentNumber, label);
        b.description = description;
        b.category = category;
        b.type = type;
        b.typeModifiers.addAll(typeModifiers);
        b.algorithmType = algorithmType;
        b.algorithmIdentification = algorithmIdentification;
        b.anatomicRegions.addAll(anatomicRegions);
        b.anatomicRegionModifiers.addAll(anatomicRegionModifiers);
        b.primaryAnatomicStructures.addAll(primaryAnatomicStructures);
        b.trackingId = trackingId;
        b.trackingUid = trackingUid;
        b.recommendedDisplayCieLab = recommendedDisplayCieLab;
        return b;
    }

    public int segmentNumber() { return segmentNumber; }
    public String label() { return label; }
    /** Segment Description (0062,0006), or null. */
    public String description() { return description; }
    public CodedConcept category() { return category; }
    public CodedConcept type() { return type; }
    public List<CodedConcept> typeModifiers() { return typeModifiers; }
    public SegmentAlgorithmType algorithmType() { return algorithmType; }
    /** The algorithm identification, or null (MANUAL segments). */
    public AlgorithmIdentification algorithmIdentification() { return algorithmIdentification; }
    public List<CodedConcept> anatomicRegions() { return anatomicRegions; }
    public List<CodedConcept> anatomicRegionModifiers() { return anatomicRegionModifiers; }
    public List<CodedConcept> primaryAnatomicStructures() { return primaryAnatomicStructures; }
    /** Tracking ID (0062,0020), or null. */
    public String trackingId() { return trackingId; }
    /** Tracking UID (0062,0021), or null. */
    public String trackingUid() { return trackingUid; }
    /** Recommended Display CIELab Value (0062,000D), or null. */
    public CieLab recommendedDisplayCieLab() { return recommendedDisplayCieLab; }

    @Override public boolean equals(Object o) {
        if (!(o instanceof SegmentDescription)) return false;
        SegmentDescription s = (SegmentDescription) o;
        return segmentNumber == s.segmentNumber && label.equals(s.label) && Objects.equals(description, s.description)
                && category.equals(s.category) && type.equals(s.type) && typeModifiers.equals(s.typeModifiers)
                && algorithmType == s.algorithmType && Objects.equals(algorithmIdentification, s.algorithmIdentification)
                && anatomicRegions.equals(s.anatomicRegions) && anatomicRegionModifiers.equals(s.anatomicRegionModifiers)
                && primaryAnatomicStructures.equals(s.primaryAnatomicStructures)
                && Objects.equals(trackingId, s.trackingId) && Objects.equals(trackingUid, s.trackingUid)
                && Objects.equals(recommendedDisplayCieLab, s.recommendedDisplayCieLab);
    }

    @Override public int hashCode() { return Objects.hash(segmentNumber, label, category, type); }

    @Override public String toString() {
        return "Segment " + segmentNumber + " '" + label + "' " + category + "/" + type + " " + algorithmType;
    }

    /** Collects the fields of a {@link SegmentDescription}; {@link #build()} validates them. */
    public static final class Builder {
        private int segmentNumber;
        private String label;
        private String description;
        private CodedConcept category;
        private CodedConcept type;
        private final List<CodedConcept> typeModifiers = new ArrayList<>();
        private SegmentAlgorithmType algorithmType;
        private AlgorithmIdentification algorithmIdentification;
        private final List<CodedConcept> anatomicRegions = new ArrayList<>();
        private final List<CodedConcept> anatomicRegionModifiers = new ArrayList<>();
        private final List<CodedConcept> primaryAnatomicStructures = new ArrayList<>();
        private String trackingId;
        private String trackingUid;
        private CieLab recommendedDisplayCieLab;
        private boolean lenient;

        private Builder(int segmentNumber, String label) {
            this.segmentNumber = segmentNumber;
            this.label = label;
        }

        public Builder segmentNumber(int n) { this.segmentNumber = n; return this; }
        public Builder label(String l) { this.label = l; return this; }
        public Builder description(String d) { this.description = blankToNull(d); return this; }
        public Builder category(CodedConcept c) { this.category = c; return this; }
        public Builder type(CodedConcept t) { this.type = t; return this; }
        public Builder addTypeModifier(CodedConcept m) { this.typeModifiers.add(Objects.requireNonNull(m)); return this; }
        public Builder algorithmType(SegmentAlgorithmType t) { this.algorithmType = t; return this; }
        public Builder algorithm(AlgorithmIdentification a) { this.algorithmIdentification = a; return this; }
        public Builder addAnatomicRegion(CodedConcept r) { this.anatomicRegions.add(Objects.requireNonNull(r)); return this; }
        public Builder addAnatomicRegionModifier(CodedConcept m) { this.anatomicRegionModifiers.add(Objects.requireNonNull(m)); return this; }
        public Builder addPrimaryAnatomicStructure(CodedConcept s) { this.primaryAnatomicStructures.add(Objects.requireNonNull(s)); return this; }
        public Builder trackingId(String id) { this.trackingId = blankToNull(id); return this; }
        public Builder trackingUid(String uid) { this.trackingUid = blankToNull(uid); return this; }
        /** Sets a Tracking ID together with a fresh Tracking UID. */
        public Builder tracking(String id) { this.trackingId = blankToNull(id); this.trackingUid = Uids.create(); return this; }
        public Builder color(CieLab c) { this.recommendedDisplayCieLab = c; return this; }
        /** Colour from 8-bit sRGB, converted to CIELab. */
        public Builder colorRgb(int r, int g, int b) { this.recommendedDisplayCieLab = CieLab.fromRgb(r, g, b); return this; }

        /**
         * Accepts descriptions as found in third-party files: Segment Number 0 and missing algorithm
         * identification. For readers only; writers validate strictly.
         */
        public Builder lenient() { this.lenient = true; return this; }

        public SegmentDescription build() { return new SegmentDescription(this); }

        private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
    }
}
