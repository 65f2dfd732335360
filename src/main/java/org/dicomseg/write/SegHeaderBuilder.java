package org.dicomseg.write;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;

import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.PaletteColorLut;
import org.dicomseg.model.PixelMeasures;
import org.dicomseg.model.PlanePosition;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.model.Uids;
import org.dicomseg.dicom.DataSetBuilder;
import org.dicomseg.dicom.SegTags;
import org.dicomseg.source.SourceFrame;
import org.dicomseg.source.FrameTime;
import org.dicomseg.source.SourceImages;
import org.dicomseg.source.SpaceTime;
import org.dicomseg.model.DimensionOrganization;

/**
 * Builds every attribute of the SEG except Pixel Data, module by module as PS3.3 A.51
 * (Segmentation IOD) and Sup 243 (Label Map Segmentation IOD) list them: Patient, General Study,
 * Patient Study (copied from the first source), General Series + Segmentation Series, Frame of
 * Reference, General + Enhanced General Equipment, General Image, Image Pixel, Segmentation Image
 * (C.8.20.2), Multi-frame Functional Groups (C.7.6.16) with the per-frame Derivation Image, Frame
 * Content, Plane Position and Segment Identification groups (C.8.20.3), Multi-frame Dimension
 * (C.7.6.17; over a cine or dynamic source 3D_TEMPORAL with a Temporal Position Index dimension,
 * {@link TemporalGroups}), Common Instance Reference (C.12.2) and SOP Common. Every Source Image Sequence item
 * states Spatial Locations Preserved (C.7.6.1.1.3); an edited SEG names its {@link Predecessor}.
 * What only some options add (pyramid, ICC profile, contributing equipment, further source images)
 * is {@link OptionalModules}'.
 */
final class SegHeaderBuilder {
    /** Segmentation Storage (PS3.4 B.5). */
    static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
    /** Label Map Segmentation Storage (Sup 243). */
    static final String LABEL_MAP_SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.7";

    static final CodedConcept SEGMENTATION = CodedConcept.dcm("113076", "Segmentation");
    static final CodedConcept SOURCE_IMAGE_FOR_PROCESSING =
            CodedConcept.dcm("121322", "Source image for image processing operation");

    /** Clinical Trial Subject and Study modules (PS3.3 C.7.1.3, C.7.2.3): copied when present. */
    private static final Object[][] CLINICAL_TRIAL = {
        {DataSetBuilder.tag(0x0012, 0x0010), "LO"}, {DataSetBuilder.tag(0x0012, 0x0020), "LO"},
        {DataSetBuilder.tag(0x0012, 0x0021), "LO"}, {DataSetBuilder.tag(0x0012, 0x0030), "LO"},
        {DataSetBuilder.tag(0x0012, 0x0031), "LO"}, {DataSetBuilder.tag(0x0012, 0x0040), "LO"},
        {DataSetBuilder.tag(0x0012, 0x0042), "LO"}, {DataSetBuilder.tag(0x0012, 0x0050), "LO"},
        {DataSetBuilder.tag(0x0012, 0x0051), "ST"},
    };

    private final DataSetBuilder b = new DataSetBuilder();
    private final OptionalModules optional = new OptionalModules(b);

    /** Everything the header depends on. */
    static final class Input {
        SourceImages sources;
        ResolvedGeometry geometry;
        /** Non-null for a tiled SEG on a slide (then {@link #geometry} is null). */
        ResolvedTiling tiling;
        List<SegmentDescription> segments;
        SegWriteOptions options;
        FramePlan plan;
        boolean overlaps;
        int bitsAllocated;
        int rows;
        int columns;
        String sopInstanceUid;
        String seriesInstanceUid;
        LocalDateTime contentDateTime;
        /**
         * Set by the build (except for TILED_FULL): the Per-frame Functional Groups Sequence, which
         * is then not in the built list but written by {@link PerFrameGroups#write} right after it
         * (before Pixel Data).
         */
        PerFrameGroups perFrameGroups;
        /** Filled by the build: source defects the header could not repair (SegWriteResult#warnings). */
        final List<String> warnings = new java.util.ArrayList<>();
    }

    AttributeList build(Input in) {
        AttributeList l = new AttributeList();
        SegWriteOptions o = in.options;
        boolean labelMap = o.segmentationType() == SegmentationType.LABELMAP;
        AttributeList src = in.sources.firstHeader();

        // SOP Common
        b.text(l, SegTags.SOP_CLASS_UID, "UI", labelMap ? LABEL_MAP_SEGMENTATION_STORAGE : SEGMENTATION_STORAGE);
        b.text(l, SegTags.SOP_INSTANCE_UID, "UI", in.sopInstanceUid);

        // Patient, Patient Study (copied)
        b.copy(src, l, SegTags.PATIENT_NAME, "PN", true);
        b.copy(src, l, SegTags.PATIENT_ID, "LO", true);
        b.copy(src, l, SegTags.ISSUER_OF_PATIENT_ID, "LO", false);
        b.copy(src, l, SegTags.PATIENT_BIRTH_DATE, "DA", true);
        b.copy(src, l, SegTags.PATIENT_SEX, "CS", true);
        b.copy(src, l, SegTags.PATIENT_AGE, "AS", false);
        b.copy(src, l, SegTags.PATIENT_SIZE, "DS", false);
        b.copy(src, l, SegTags.PATIENT_WEIGHT, "DS", false);
        b.copy(src, l, SegTags.PATIENT_IDENTITY_REMOVED, "CS", false);
        b.copy(src, l, SegTags.DEIDENTIFICATION_METHOD, "LO", false);
        for (Object[] t : CLINICAL_TRIAL) b.copy(src, l, (AttributeTag) t[0], (String) t[1], false);

        // General Study (copied)
        b.text(l, SegTags.STUDY_INSTANCE_UID, "UI", in.sources.studyInstanceUid());
        b.copy(src, l, SegTags.STUDY_DATE, "DA", true);
        b.copy(src, l, SegTags.STUDY_TIME, "TM", true);
        b.copy(src, l, SegTags.REFERRING_PHYSICIAN_NAME, "PN", true);
        b.copy(src, l, SegTags.STUDY_ID, "SH", true);
        b.copy(src, l, SegTags.ACCESSION_NUMBER, "SH", true);
        b.copy(src, l, SegTags.STUDY_DESCRIPTION, "LO", false);

        // General Series, Segmentation Series
        String date = in.contentDateTime.format(DateTimeFormatter.BASIC_ISO_DATE);
        String time = in.contentDateTime.format(DateTimeFormatter.ofPattern("HHmmss.SSS"));
        b.text(l, SegTags.MODALITY, "CS", "SEG");
        b.text(l, SegTags.SERIES_INSTANCE_UID, "UI", in.seriesInstanceUid);
        b.text(l, SegTags.SERIES_NUMBER, "IS", Integer.toString(o.seriesNumber()));
        b.optionalText(l, SegTags.SERIES_DESCRIPTION, "LO", o.seriesDescription());
        b.text(l, SegTags.SERIES_DATE, "DA", date);
        b.text(l, SegTags.SERIES_TIME, "TM", time);

        // Frame of Reference
        if (in.sources.frameOfReferenceUid() != null) {
            b.text(l, SegTags.FRAME_OF_REFERENCE_UID, "UI", in.sources.frameOfReferenceUid());
            b.copy(src, l, SegTags.POSITION_REFERENCE_INDICATOR, "LO", true);
        }

        // General Equipment, Enhanced General Equipment
        b.text(l, SegTags.MANUFACTURER, "LO", o.manufacturer());
        b.text(l, SegTags.MANUFACTURER_MODEL_NAME, "LO", o.manufacturerModelName());
        b.text(l, SegTags.DEVICE_SERIAL_NUMBER, "LO", o.deviceSerialNumber());
        b.text(l, SegTags.SOFTWARE_VERSIONS, "LO", o.softwareVersions());

        // General Image, Content Identification, Multi-frame Functional Groups
        b.text(l, SegTags.INSTANCE_NUMBER, "IS", Integer.toString(o.instanceNumber()));
        b.text(l, SegTags.CONTENT_DATE, "DA", date);
        b.text(l, SegTags.CONTENT_TIME, "TM", time);
        b.text(l, SegTags.CONTENT_LABEL, "CS", o.contentLabel());
        b.text(l, SegTags.CONTENT_DESCRIPTION, "LO", o.contentDescription() == null ? new String[0] : new String[] {o.contentDescription()});
        b.text(l, SegTags.CONTENT_CREATOR_NAME, "PN", o.contentCreatorName() == null ? new String[0] : new String[] {o.contentCreatorName()});
        b.text(l, SegTags.NUMBER_OF_FRAMES, "IS", Integer.toString(in.plan.frameCount()));
        if (o.predecessor() != null || !o.furtherSourceImages().isEmpty()) {
            // the predecessor first (as before further sources existed), then the further source images
            SequenceAttribute sources = DataSetBuilder.seq(l, SegTags.SOURCE_IMAGE_SEQUENCE);
            if (o.predecessor() != null) predecessor(DataSetBuilder.item(sources), o.predecessor());
            optional.furtherSourceItems(sources, o);
        }

        // Image Pixel + Segmentation Image
        b.text(l, SegTags.IMAGE_TYPE, "CS", "DERIVED", "PRIMARY");
        DataSetBuilder.us(l, SegTags.SAMPLES_PER_PIXEL, 1);
        b.text(l, SegTags.PHOTOMETRIC_INTERPRETATION, "CS", o.paletteColorLut() ? "PALETTE COLOR" : "MONOCHROME2");
        DataSetBuilder.us(l, SegTags.ROWS, in.rows);
        DataSetBuilder.us(l, SegTags.COLUMNS, in.columns);
        DataSetBuilder.us(l, SegTags.BITS_ALLOCATED, in.bitsAllocated);
        DataSetBuilder.us(l, SegTags.BITS_STORED, in.bitsAllocated);
        DataSetBuilder.us(l, SegTags.HIGH_BIT, in.bitsAllocated - 1);
        DataSetBuilder.us(l, SegTags.PIXEL_REPRESENTATION, 0);
        b.text(l, SegTags.LOSSY_IMAGE_COMPRESSION, "CS", "00");
        b.text(l, SegTags.SEGMENTATION_TYPE, "CS", o.segmentationType().name());
        if (labelMap) {
            // Sup 243: the background (pixels in no segment) is identified by Pixel Padding Value; ours is 0.
            DataSetBuilder.us(l, SegTags.PIXEL_PADDING_VALUE, 0);
        }
        if (o.segmentationType() == SegmentationType.FRACTIONAL) {
            b.text(l, SegTags.SEGMENTATION_FRACTIONAL_TYPE, "CS", o.fractionalType().name());
            DataSetBuilder.us(l, SegTags.MAXIMUM_FRACTIONAL_VALUE, o.maxFractionalValue());
        }
        if (o.paletteColorLut()) PaletteEncoder.write(l, PaletteColorLut.ofSegments(in.segments));
        b.text(l, SegTags.SEGMENTS_OVERLAP, "CS", in.overlaps ? "YES" : "NO");
        new SegmentSequenceEncoder(b).write(l, in.segments, !o.paletteColorLut());

        if (in.tiling != null) {
            new TiledHeader(b).write(l, in, src, labelMap);
        } else {
            planeGeometry(l, in, src, labelMap);
        }

        // Common Instance Reference (C.12.2): every source image (also those whose planes got no
        // frame), then the predecessor SEG (in this study or another).
        Map<String, Map<String, String>> bySeries = new java.util.LinkedHashMap<>(in.sources.instancesBySeries());
        OptionalModules.addFurtherSources(bySeries, o);
        Predecessor pre = o.predecessor();
        boolean preHere = pre != null && pre.studyInstanceUid().equals(in.sources.studyInstanceUid());
        if (preHere) {
            bySeries.computeIfAbsent(pre.seriesInstanceUid(), k -> new java.util.LinkedHashMap<>())
                    .put(pre.sopInstanceUid(), pre.sopClassUid());
        }
        referencedSeries(DataSetBuilder.seq(l, SegTags.REFERENCED_SERIES_SEQUENCE), bySeries);
        if (pre != null && !preHere) {
            AttributeList study = DataSetBuilder.singleItem(l, SegTags.STUDIES_CONTAINING_OTHER_REFERENCED_INSTANCES_SEQUENCE);
            b.text(study, SegTags.STUDY_INSTANCE_UID, "UI", pre.studyInstanceUid());
            referencedSeries(DataSetBuilder.seq(study, SegTags.REFERENCED_SERIES_SEQUENCE),
                    Map.of(pre.seriesInstanceUid(), Map.of(pre.sopInstanceUid(), pre.sopClassUid())));
        }

        optional.write(l, o, in.tiling != null);
        if (b.nonAscii()) b.text(l, SegTags.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 192");
        return l;
    }

    /** Items of a Referenced Series Sequence (Series and Instance Reference Macro, PS3.3 Table 10-4). */
    private void referencedSeries(SequenceAttribute series, Map<String, Map<String, String>> bySeries) {
        for (Map.Entry<String, Map<String, String>> e : bySeries.entrySet()) {
            AttributeList s = DataSetBuilder.item(series);
            SequenceAttribute inst = DataSetBuilder.seq(s, SegTags.REFERENCED_INSTANCE_SEQUENCE);
            for (Map.Entry<String, String> i : e.getValue().entrySet()) {
                AttributeList it = DataSetBuilder.item(inst);
                b.text(it, SegTags.REFERENCED_SOP_CLASS_UID, "UI", i.getValue());
                b.text(it, SegTags.REFERENCED_SOP_INSTANCE_UID, "UI", i.getKey());
            }
            b.text(s, SegTags.SERIES_INSTANCE_UID, "UI", e.getKey());
        }
    }

    /**
     * The SEG this one was edited from, in the General Image module's Source Image Sequence
     * (PS3.3 C.7.6.1, C.7.6.1.1.4): Purpose of Reference (121322, DCM) (CID 7202), Spatial
     * Locations Preserved NO (C.7.6.1.1.3). See {@link Predecessor}.
     */
    private void predecessor(AttributeList it, Predecessor pre) {
        b.text(it, SegTags.REFERENCED_SOP_CLASS_UID, "UI", pre.sopClassUid());
        b.text(it, SegTags.REFERENCED_SOP_INSTANCE_UID, "UI", pre.sopInstanceUid());
        b.text(it, SegTags.SPATIAL_LOCATIONS_PRESERVED, "CS", "NO");
        b.codeSequence(it, SegTags.PURPOSE_OF_REFERENCE_CODE_SEQUENCE, SOURCE_IMAGE_FOR_PROCESSING);
    }

    /**
     * Multi-frame Dimension (C.7.6.17), Shared and Per-frame Functional Groups of a SEG whose frames
     * are planes of the sources' patient geometry (or of projection images).
     */
    private void planeGeometry(AttributeList l, Input in, AttributeList src, boolean labelMap) {
        // Multi-frame Dimension
        String dimUid = Uids.create();
        b.text(DataSetBuilder.singleItem(l, SegTags.DIMENSION_ORGANIZATION_SEQUENCE), SegTags.DIMENSION_ORGANIZATION_UID, "UI", dimUid);
        SequenceAttribute dims = DataSetBuilder.seq(l, SegTags.DIMENSION_INDEX_SEQUENCE);
        boolean geometry = in.geometry.hasGeometry();
        SpaceTime time = in.geometry.spaceTime;
        if (time != null) {
            // A temporal loop of parallel-plane volumes (C.7.6.17.1): time points, then positions.
            b.text(l, SegTags.DIMENSION_ORGANIZATION_TYPE, "CS", DimensionOrganization.THREE_D_TEMPORAL.dicomValue());
        }
        if (!labelMap) {
            dimension(DataSetBuilder.item(dims), dimUid, SegTags.REFERENCED_SEGMENT_NUMBER,
                    SegTags.SEGMENT_IDENTIFICATION_SEQUENCE, "Segment Number");
        }
        if (time != null) {
            dimension(DataSetBuilder.item(dims), dimUid, TemporalGroups.TEMPORAL_POSITION_INDEX,
                    SegTags.FRAME_CONTENT_SEQUENCE, TemporalGroups.dimensionLabel(time));
        }
        if (geometry) {
            dimension(DataSetBuilder.item(dims), dimUid, SegTags.IMAGE_POSITION_PATIENT,
                    SegTags.PLANE_POSITION_SEQUENCE, "Image Position Patient");
        } else if (labelMap || in.geometry.references.size() > 1) {
            // No patient geometry (projection images): planes are told apart by their place in the stack.
            dimension(DataSetBuilder.item(dims), dimUid, SegTags.IN_STACK_POSITION_NUMBER,
                    SegTags.FRAME_CONTENT_SEQUENCE, "In-Stack Position Number");
        }

        // Shared functional groups
        AttributeList shared = DataSetBuilder.singleItem(l, SegTags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);
        if (geometry) {
            DataSetBuilder.ds(DataSetBuilder.singleItem(shared, SegTags.PLANE_ORIENTATION_SEQUENCE),
                    SegTags.IMAGE_ORIENTATION_PATIENT, in.geometry.orientation.toArray());
        } else {
            b.copy(src, l, SegTags.PATIENT_ORIENTATION, "CS", true);
        }
        PixelMeasures pm = in.geometry.pixelMeasures;
        if (pm != null) {
            AttributeList pmItem = DataSetBuilder.singleItem(shared, SegTags.PIXEL_MEASURES_SEQUENCE);
            DataSetBuilder.ds(pmItem, SegTags.PIXEL_SPACING, pm.rowSpacing(), pm.columnSpacing());
            if (pm.sliceThickness() != null) DataSetBuilder.ds(pmItem, SegTags.SLICE_THICKNESS, pm.sliceThickness());
            if (pm.spacingBetweenSlices() != null) DataSetBuilder.ds(pmItem, SegTags.SPACING_BETWEEN_SLICES, pm.spacingBetweenSlices());
        }

        // Per-frame functional groups: encoded when the file is written, not built as PixelMed objects.
        in.perFrameGroups = new PlaneFrameGroups(in, labelMap);
    }

    /** Spatial Locations Preserved (0028,135A) YES or NO, encoded (PS3.3 C.7.6.1.1.3). */
    static byte[] spatialLocationsPreserved(DataSetBuilder b, boolean yes) {
        AttributeList l = new AttributeList();
        b.text(l, SegTags.SPATIAL_LOCATIONS_PRESERVED, "CS", yes ? "YES" : "NO");
        return PerFrameGroups.encode(l);
    }

    void dimension(AttributeList item, String uid, AttributeTag pointer, AttributeTag group, String label) {
        b.text(item, SegTags.DIMENSION_ORGANIZATION_UID, "UI", uid);
        DataSetBuilder.at(item, SegTags.DIMENSION_INDEX_POINTER, pointer);
        DataSetBuilder.at(item, SegTags.FUNCTIONAL_GROUP_POINTER, group);
        b.text(item, SegTags.DIMENSION_DESCRIPTION_LABEL, "LO", label);
    }

    /**
     * The Per-frame Functional Groups of a SEG whose frames are planes ({@link PerFrameGroups}): per
     * frame Derivation Image (Source Image Sequence: the plane's source frames, with purpose
     * (121322, DCM)), Frame Content (Dimension Index Values; Stack ID = segment number and In-Stack
     * Position Number for 3D stacks), Plane Position (when there is patient geometry) and Segment
     * Identification (not for LABELMAP). A plane's Derivation Image bytes are made once and written
     * for every segment frame of the plane.
     */
    final class PlaneFrameGroups extends PerFrameGroups {
        private final ResolvedGeometry geo;
        private final FramePlan plan;
        private final boolean labelMap;
        private final boolean geometry;
        private final boolean byStack;
        private final boolean stack;
        private final byte[] purpose;      // Purpose of Reference Code Sequence
        private final byte[] derivation;   // Derivation Code Sequence
        private final byte[] spatialYes;   // Spatial Locations Preserved (0028,135A) YES
        private final byte[] spatialNo;    // ... NO
        private final byte[][] derivationOfPlane;

        PlaneFrameGroups(Input in, boolean labelMap) {
            this.geo = in.geometry;
            this.plan = in.plan;
            this.labelMap = labelMap;
            this.geometry = geo.hasGeometry();
            // No patient geometry (projection images): planes are told apart by their place in the stack.
            this.byStack = !geometry && (labelMap || geo.references.size() > 1);
            this.stack = geo.distinctPositions || byStack;
            this.derivationOfPlane = new byte[geo.references.size()][];
            AttributeList l = new AttributeList();
            b.codeSequence(l, SegTags.PURPOSE_OF_REFERENCE_CODE_SEQUENCE, SOURCE_IMAGE_FOR_PROCESSING);
            purpose = encode(l);
            l = new AttributeList();
            b.codeSequence(l, SegTags.DERIVATION_CODE_SEQUENCE, SEGMENTATION);
            derivation = encode(l);
            spatialYes = spatialLocationsPreserved(b, true);
            spatialNo = spatialLocationsPreserved(b, false);
        }

        @Override int frameCount() { return plan.frameCount(); }

        /**
         * The Derivation Image Sequence element of {@code plane}: one Source Image item per source
         * frame, each with Spatial Locations Preserved (PS3.3 C.7.6.1.1.3, Type 3 but what
         * highdicom's source-indexed reads require): YES where the plane's pixel grid is the frame's.
         */
        private byte[] derivation(int plane) {
            byte[] d = derivationOfPlane[plane];
            if (d != null) return d;
            Bytes w = new Bytes(512);
            w.sequence(SegTags.DERIVATION_IMAGE_SEQUENCE).item();
            w.sequence(SegTags.SOURCE_IMAGE_SEQUENCE);
            List<SourceFrame> refs = geo.references.get(plane);
            boolean[] kept = geo.preserved.get(plane);
            for (int i = 0; i < refs.size(); i++) {
                SourceFrame sf = refs.get(i);
                w.item();
                w.text(SegTags.REFERENCED_SOP_CLASS_UID, 'U', 'I', sf.sopClassUid(), (byte) 0);
                w.text(SegTags.REFERENCED_SOP_INSTANCE_UID, 'U', 'I', sf.sopInstanceUid(), (byte) 0);
                if (sf.multiFrame()) w.text(SegTags.REFERENCED_FRAME_NUMBER, 'I', 'S', Integer.toString(sf.frameNumber()), (byte) ' ');
                w.raw(kept[i] ? spatialYes : spatialNo);
                w.raw(purpose).itemEnd();
            }
            w.sequenceEnd();
            w.raw(derivation).itemEnd().sequenceEnd();
            return derivationOfPlane[plane] = Arrays.copyOf(w.buf, w.size);
        }

        @Override void item(Bytes w, int f) {
            int plane = plan.plane[f];
            int segment = plan.segment[f];
            w.raw(derivation(plane));
            SpaceTime time = geo.spaceTime;
            FrameTime when = time == null ? null : geo.references.get(plane).get(0).time();
            // Frame Content Sequence
            w.sequence(SegTags.FRAME_CONTENT_SEQUENCE).item();
            if (when != null) TemporalGroups.frameAcquisitionDateTime(w, when);
            int pos = geometry ? geo.positionIndex[plane] : plane + 1;
            if (stack) {
                // A 3D stack (PS3.3 C.7.6.16.2.2.4): parallel planes at distinct positions. Each segment is
                // its own stack, so In-Stack Position Numbers are unique within a stack (and time point).
                w.text(SegTags.STACK_ID, 'S', 'H', labelMap ? "1" : Integer.toString(segment), (byte) ' ');
                w.ul(SegTags.IN_STACK_POSITION_NUMBER, pos);
            }
            if (time != null) {
                int t = time.time(plane) + 1;
                TemporalGroups.temporalPositionIndex(w, t);
                if (labelMap) w.ul(SegTags.DIMENSION_INDEX_VALUES, t, pos);
                else w.ul(SegTags.DIMENSION_INDEX_VALUES, segment, t, pos);
            } else if (labelMap) w.ul(SegTags.DIMENSION_INDEX_VALUES, pos);
            else if (geometry || byStack) w.ul(SegTags.DIMENSION_INDEX_VALUES, segment, pos);
            else w.ul(SegTags.DIMENSION_INDEX_VALUES, segment);
            w.itemEnd().sequenceEnd();
            if (geometry) { // Plane Position Sequence > Image Position (Patient)
                PlanePosition p = geo.positions[plane];
                w.sequence(SegTags.PLANE_POSITION_SEQUENCE).item();
                w.texts(SegTags.IMAGE_POSITION_PATIENT, 'D', 'S', (byte) ' ', ds(p.x()), ds(p.y()), ds(p.z()));
                w.itemEnd().sequenceEnd();
            }

            if (!labelMap) { // Segment Identification Sequence > Referenced Segment Number
                w.sequence(SegTags.SEGMENT_IDENTIFICATION_SEQUENCE).item();
                w.us(SegTags.REFERENCED_SEGMENT_NUMBER, segment);
                w.itemEnd().sequenceEnd();
            }
        }
    }
}
