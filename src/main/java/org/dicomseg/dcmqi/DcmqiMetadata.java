package org.dicomseg.dcmqi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.dicomseg.model.SegmentDescription;

/**
 * The content of a dcmqi segmentation metadata document ({@code seg-schema.json}): series-level
 * attributes, the segment descriptions and, for each segment, the input file and label value it
 * comes from ({@link LabelMapping}).
 *
 * <p>Immutable; made by {@link DcmqiMetadataReader} or {@link #builder()}. Series-level values are
 * kept as the strings the schema defines (IS values such as SeriesNumber stay text); absent values
 * are null. Segments are kept in segment-number order.</p>
 */
public final class DcmqiMetadata {
    private final String contentCreatorName;
    private final String clinicalTrialSeriesId;
    private final String clinicalTrialTimePointId;
    private final String clinicalTrialCoordinatingCenterName;
    private final String seriesDescription;
    private final String seriesNumber;
    private final String instanceNumber;
    private final String bodyPartExamined;
    private final String contentLabel;
    private final String contentDescription;
    private final List<String> inputFiles;
    private final List<SegmentDescription> segments;
    private final List<LabelMapping> mappings;

    private DcmqiMetadata(Builder b) {
        if (b.segments.isEmpty()) throw new IllegalArgumentException("Segmentation metadata needs at least one segment");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < b.segments.size(); i++) order.add(i);
        order.sort((x, y) -> Integer.compare(b.segments.get(x).segmentNumber(), b.segments.get(y).segmentNumber()));
        List<SegmentDescription> segs = new ArrayList<>();
        List<LabelMapping> maps = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        Set<Long> labels = new HashSet<>();
        int maxInput = -1;
        for (int i : order) {
            SegmentDescription s = b.segments.get(i);
            int[] src = b.sources.get(i);
            if (!numbers.add(s.segmentNumber())) {
                throw new IllegalArgumentException("Segment Number " + s.segmentNumber() + " is used twice");
            }
            if (!labels.add(((long) src[0] << 32) | src[1])) {
                throw new IllegalArgumentException("labelID " + src[1] + " is used twice in input " + src[0]);
            }
            maps.add(new LabelMapping(s.segmentNumber(), src[0], src[1]));
            segs.add(s);
            maxInput = Math.max(maxInput, src[0]);
        }
        for (int in = 0; in <= maxInput; in++) {
            final int k = in;
            if (maps.stream().noneMatch(m -> m.inputIndex() == k)) {
                throw new IllegalArgumentException("Input " + in + " has no segment (inputs must be numbered 0.." + maxInput
                        + " without gaps)");
            }
        }
        if (!b.inputFiles.isEmpty() && b.inputFiles.size() != maxInput + 1) {
            throw new IllegalArgumentException(b.inputFiles.size() + " input file names given for " + (maxInput + 1) + " inputs");
        }
        this.contentCreatorName = b.contentCreatorName;
        this.clinicalTrialSeriesId = b.clinicalTrialSeriesId;
        this.clinicalTrialTimePointId = b.clinicalTrialTimePointId;
        this.clinicalTrialCoordinatingCenterName = b.clinicalTrialCoordinatingCenterName;
        this.seriesDescription = b.seriesDescription;
        this.seriesNumber = b.seriesNumber;
        this.instanceNumber = b.instanceNumber;
        this.bodyPartExamined = b.bodyPartExamined;
        this.contentLabel = b.contentLabel;
        this.contentDescription = b.contentDescription;
        this.inputFiles = Collections.unmodifiableList(new ArrayList<>(b.inputFiles));
        this.segments = Collections.unmodifiableList(segs);
        this.mappings = Collections.unmodifiableList(maps);
    }

    public static Builder builder() { return new Builder(); }

    /** A builder pre-filled with this metadata, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder().contentCreatorName(contentCreatorName).clinicalTrialSeriesId(clinicalTrialSeriesId)
                .clinicalTrialTimePointId(clinicalTrialTimePointId)
                .clinicalTrialCoordinatingCenterName(clinicalTrialCoordinatingCenterName)
                .seriesDescription(seriesDescription).seriesNumber(seriesNumber).instanceNumber(instanceNumber)
                .bodyPartExamined(bodyPartExamined).contentLabel(contentLabel).contentDescription(contentDescription)
                .inputFiles(inputFiles);
        for (int i = 0; i < segments.size(); i++) {
            b.addSegment(segments.get(i), mappings.get(i).inputIndex(), mappings.get(i).labelId());
        }
        return b;
    }

    /** Content Creator's Name (0070,0084), e.g. "Doe^John", or null. */
    public String contentCreatorName() { return contentCreatorName; }
    /** Clinical Trial Series ID (0012,0071), or null. */
    public String clinicalTrialSeriesId() { return clinicalTrialSeriesId; }
    /** Clinical Trial Time Point ID (0012,0050), or null. */
    public String clinicalTrialTimePointId() { return clinicalTrialTimePointId; }
    /** Clinical Trial Coordinating Center Name (0012,0060), or null. */
    public String clinicalTrialCoordinatingCenterName() { return clinicalTrialCoordinatingCenterName; }
    /** Series Description (0008,103E), or null. */
    public String seriesDescription() { return seriesDescription; }
    /** Series Number (0020,0011) as text (IS), or null. */
    public String seriesNumber() { return seriesNumber; }
    /** Instance Number (0020,0013) as text (IS), or null. */
    public String instanceNumber() { return instanceNumber; }
    /** Body Part Examined (0018,0015), or null. */
    public String bodyPartExamined() { return bodyPartExamined; }
    /** Content Label (0070,0080), or null. */
    public String contentLabel() { return contentLabel; }
    /** Content Description (0070,0081), or null. */
    public String contentDescription() { return contentDescription; }
    /** {@code segmentAttributesFileMapping}: a file name per input, or empty when not given. */
    public List<String> inputFiles() { return inputFiles; }

    /** The segment descriptions, numbered 1..N in dcmqi document order when read from JSON. */
    public List<SegmentDescription> segments() { return segments; }

    /** For each segment (same order as {@link #segments()}), its input and label value. */
    public List<LabelMapping> labelMappings() { return mappings; }

    /** Number of inputs (inner lists of {@code segmentAttributes}). */
    public int inputCount() {
        int max = -1;
        for (LabelMapping m : mappings) max = Math.max(max, m.inputIndex());
        return max + 1;
    }

    /** The segment number for a label value of an input, if that label is described. */
    public OptionalInt segmentNumber(int inputIndex, int labelId) {
        for (LabelMapping m : mappings) {
            if (m.inputIndex() == inputIndex && m.labelId() == labelId) return OptionalInt.of(m.segmentNumber());
        }
        return OptionalInt.empty();
    }

    /** The mapping of one segment number. */
    public Optional<LabelMapping> mapping(int segmentNumber) {
        for (LabelMapping m : mappings) {
            if (m.segmentNumber() == segmentNumber) return Optional.of(m);
        }
        return Optional.empty();
    }

    /** The description of one segment number. */
    public Optional<SegmentDescription> segment(int segmentNumber) {
        for (SegmentDescription s : segments) {
            if (s.segmentNumber() == segmentNumber) return Optional.of(s);
        }
        return Optional.empty();
    }

    /** The segments of one input, in document order. */
    public List<SegmentDescription> segmentsOfInput(int inputIndex) {
        List<SegmentDescription> l = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            if (mappings.get(i).inputIndex() == inputIndex) l.add(segments.get(i));
        }
        return Collections.unmodifiableList(l);
    }

    @Override public boolean equals(Object o) {
        if (!(o instanceof DcmqiMetadata)) return false;
        DcmqiMetadata m = (DcmqiMetadata) o;
        return Objects.equals(contentCreatorName, m.contentCreatorName)
                && Objects.equals(clinicalTrialSeriesId, m.clinicalTrialSeriesId)
                && Objects.equals(clinicalTrialTimePointId, m.clinicalTrialTimePointId)
                && Objects.equals(clinicalTrialCoordinatingCenterName, m.clinicalTrialCoordinatingCenterName)
                && Objects.equals(seriesDescription, m.seriesDescription)
                && Objects.equals(seriesNumber, m.seriesNumber) && Objects.equals(instanceNumber, m.instanceNumber)
                && Objects.equals(bodyPartExamined, m.bodyPartExamined) && Objects.equals(contentLabel, m.contentLabel)
                && Objects.equals(contentDescription, m.contentDescription) && inputFiles.equals(m.inputFiles)
                && segments.equals(m.segments) && mappings.equals(m.mappings);
    }

    @Override public int hashCode() { return Objects.hash(seriesDescription, segments, mappings); }

    @Override public String toString() {
        return "DcmqiMetadata[" + segments.size() + " segments in " + inputCount() + " inputs, series '"
                + seriesDescription + "']";
    }

    /** Collects the fields of a {@link DcmqiMetadata}; {@link #build()} validates them. */
    public static final class Builder {
        private String contentCreatorName;
        private String clinicalTrialSeriesId;
        private String clinicalTrialTimePointId;
        private String clinicalTrialCoordinatingCenterName;
        private String seriesDescription;
        private String seriesNumber;
        private String instanceNumber;
        private String bodyPartExamined;
        private String contentLabel;
        private String contentDescription;
        private final List<String> inputFiles = new ArrayList<>();
        private final List<SegmentDescription> segments = new ArrayList<>();
        private final List<int[]> sources = new ArrayList<>();

        private Builder() { }

        public Builder contentCreatorName(String v) { contentCreatorName = blankToNull(v); return this; }
        public Builder clinicalTrialSeriesId(String v) { clinicalTrialSeriesId = blankToNull(v); return this; }
        public Builder clinicalTrialTimePointId(String v) { clinicalTrialTimePointId = blankToNull(v); return this; }
        public Builder clinicalTrialCoordinatingCenterName(String v) { clinicalTrialCoordinatingCenterName = blankToNull(v); return this; }
        public Builder seriesDescription(String v) { seriesDescription = blankToNull(v); return this; }
        public Builder seriesNumber(String v) { seriesNumber = blankToNull(v); return this; }
        public Builder instanceNumber(String v) { instanceNumber = blankToNull(v); return this; }
        public Builder bodyPartExamined(String v) { bodyPartExamined = blankToNull(v); return this; }
        public Builder contentLabel(String v) { contentLabel = blankToNull(v); return this; }
        public Builder contentDescription(String v) { contentDescription = blankToNull(v); return this; }
        /** Sets {@code segmentAttributesFileMapping}: one file name per input. */
        public Builder inputFiles(List<String> names) { inputFiles.clear(); inputFiles.addAll(names); return this; }

        /** Adds a segment from a single label image: input 0, labelID = segment number. */
        public Builder addSegment(SegmentDescription s) { return addSegment(s, 0, s.segmentNumber()); }

        /** Adds a segment with its input (0-based) and label value. */
        public Builder addSegment(SegmentDescription s, int inputIndex, int labelId) {
            segments.add(Objects.requireNonNull(s, "segment"));
            sources.add(new int[] {inputIndex, labelId});
            return this;
        }

        /** Adds all segments from a single label image (labelID = segment number). */
        public Builder addSegments(List<SegmentDescription> l) {
            for (SegmentDescription s : l) addSegment(s);
            return this;
        }

        public DcmqiMetadata build() { return new DcmqiMetadata(this); }

        private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
    }
}
