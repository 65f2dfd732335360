package org.dicomseg.read;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CieLab;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.dicom.SegTransferSyntax;

/**
 * Turns the PixelMed header of a Segmentation into plain values: {@link SegmentationMetadata}
 * (PS3.3 C.8.20.2 and the modules it needs), the Segment Sequence (0062,0002) as
 * {@link SegmentDescription}s, and the frame index ({@link FrameInfo} per frame from the
 * Per-frame and Shared Functional Groups, C.7.6.16, or from the TILED_FULL implicit order,
 * C.7.6.17.3). Checks that the numbers agree before anyone allocates by them.
 *
 * <p>The frame index reads each functional groups item as a {@link FunctionalGroups}; the per-frame
 * items come either from PixelMed's list or, on the reader's fast path, from
 * {@link PerFrameGroupsParser} ({@link #usePerFrame}): one indexing code path for both.</p>
 */
final class HeaderParser {
    static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
    static final String LABEL_MAP_SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.7";

    // Tags PixelMed 20220618 has no TagFromName constant for.
    static final AttributeTag SEGMENT_DESCRIPTION = new AttributeTag(0x0062, 0x0006);
    static final AttributeTag SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE = new AttributeTag(0x0062, 0x0007);
    static final AttributeTag SEGMENT_ALGORITHM_NAME = new AttributeTag(0x0062, 0x0009);
    static final AttributeTag SEGMENTS_OVERLAP = new AttributeTag(0x0062, 0x0013);
    static final AttributeTag ALGORITHM_FAMILY_CODE_SEQUENCE = new AttributeTag(0x0066, 0x002F);
    static final AttributeTag ALGORITHM_VERSION = new AttributeTag(0x0066, 0x0031);
    static final AttributeTag ALGORITHM_PARAMETERS = new AttributeTag(0x0066, 0x0032);
    static final AttributeTag ALGORITHM_NAME = new AttributeTag(0x0066, 0x0036);
    static final AttributeTag ALGORITHM_SOURCE = new AttributeTag(0x0024, 0x0202);
    static final AttributeTag LONG_CODE_VALUE = new AttributeTag(0x0008, 0x0119);
    static final AttributeTag URN_CODE_VALUE = new AttributeTag(0x0008, 0x0120);
    static final AttributeTag TOTAL_PIXEL_MATRIX_FOCAL_PLANES = new AttributeTag(0x0048, 0x0303);
    static final AttributeTag NUMBER_OF_OPTICAL_PATHS = new AttributeTag(0x0048, 0x0302);
    static final AttributeTag STUDIES_CONTAINING_OTHER_REFERENCED_INSTANCES = new AttributeTag(0x0008, 0x1200);

    private final Path file;
    private final AttributeList list;
    private final List<String> warnings = new ArrayList<>();
    /** The Per-frame Functional Groups Sequence (5200,9230), or null when the file has none. */
    private FunctionalGroups.PerFrame perFrame;

    /** A parser over PixelMed's header; the per-frame groups come from {@code list} too, unless {@link #usePerFrame} replaces them. */
    HeaderParser(Path file, AttributeList list) {
        this.file = file;
        this.list = list;
        this.perFrame = FunctionalGroups.of(seq(list, TagFromName.PerFrameFunctionalGroupsSequence));
    }

    /**
     * Takes the Per-frame Functional Groups from elsewhere ({@link PerFrameGroupsParser}) when
     * PixelMed read the header only up to (5200,9230); null = the file has none.
     */
    void usePerFrame(FunctionalGroups.PerFrame groups) {
        this.perFrame = groups;
    }

    List<String> warnings() { return warnings; }

    private SegReadException fail(String problem) {
        return new SegReadException(file, problem);
    }

    // ---------------------------------------------------------------- metadata

    /** SOP class check first, so a CT image is called "not a Segmentation", whatever else is wrong. */
    String checkSopClass() throws SegReadException {
        String sopClass = str(list, TagFromName.SOPClassUID);
        if (sopClass == null) {
            throw fail("not a DICOM Segmentation: SOP Class UID (0008,0016) is missing");
        }
        if (!SEGMENTATION_STORAGE.equals(sopClass) && !LABEL_MAP_SEGMENTATION_STORAGE.equals(sopClass)) {
            String name = com.pixelmed.dicom.SOPClassDescriptions.getDescriptionFromUID(sopClass);
            throw fail("not a DICOM Segmentation: SOP Class UID (0008,0016) is " + sopClass
                    + (name == null || name.isEmpty() ? "" : " (" + name + ")")
                    + "; expected Segmentation Storage (" + SEGMENTATION_STORAGE + ") or Label Map Segmentation Storage ("
                    + LABEL_MAP_SEGMENTATION_STORAGE + ")");
        }
        return sopClass;
    }

    SegmentationMetadata metadata(String sopClass, String transferSyntaxUid, SegTransferSyntax syntax)
            throws SegReadException {
        SegmentationMetadata m = new SegmentationMetadata();
        m.sopClassUid = sopClass;
        m.sopInstanceUid = str(list, TagFromName.SOPInstanceUID);
        m.transferSyntaxUid = transferSyntaxUid;
        m.transferSyntax = syntax;

        String type = str(list, TagFromName.SegmentationType);
        if (type == null) {
            if (LABEL_MAP_SEGMENTATION_STORAGE.equals(sopClass)) {
                m.segmentationType = SegmentationType.LABELMAP;
                warnings.add("Segmentation Type (0062,0001) missing; LABELMAP assumed from the SOP Class");
            } else {
                throw fail("Segmentation Type (0062,0001) is missing");
            }
        } else {
            try {
                m.segmentationType = SegmentationType.valueOf(type.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw fail("Segmentation Type (0062,0001) '" + type + "' is not BINARY, FRACTIONAL or LABELMAP");
            }
        }
        if (m.segmentationType == SegmentationType.LABELMAP && !LABEL_MAP_SEGMENTATION_STORAGE.equals(sopClass)) {
            warnings.add("Segmentation Type LABELMAP in SOP Class " + sopClass + " (expected " + LABEL_MAP_SEGMENTATION_STORAGE + ")");
        }
        if (m.segmentationType == SegmentationType.FRACTIONAL) {
            String ft = str(list, TagFromName.SegmentationFractionalType);
            if (ft == null) throw fail("Segmentation Fractional Type (0062,0010) is missing for a FRACTIONAL segmentation");
            try {
                m.fractionalType = FractionalType.valueOf(ft.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw fail("Segmentation Fractional Type (0062,0010) '" + ft + "' is not PROBABILITY or OCCUPANCY");
            }
            m.maximumFractionalValue = intValue(list, TagFromName.MaximumFractionalValue, -1);
            if (m.maximumFractionalValue < 1 || m.maximumFractionalValue > 255) {
                throw fail("Maximum Fractional Value (0062,000E) is " + (m.maximumFractionalValue < 0 ? "missing"
                        : m.maximumFractionalValue) + "; expected 1..255");
            }
        }
        try {
            m.dimensionOrganizationType = DimensionOrganization.parse(str(list, TagFromName.DimensionOrganizationType));
        } catch (IllegalArgumentException e) {
            warnings.add(e.getMessage() + " (ignored)");
        }

        m.rows = required(TagFromName.Rows, "Rows (0028,0010)");
        m.columns = required(TagFromName.Columns, "Columns (0028,0011)");
        m.bitsAllocated = required(TagFromName.BitsAllocated, "Bits Allocated (0028,0100)");
        int samples = intValue(list, TagFromName.SamplesPerPixel, 1);
        if (samples != 1) throw fail("Samples per Pixel (0028,0002) is " + samples + "; a Segmentation has 1");
        String frames = str(list, TagFromName.NumberOfFrames);
        if (frames == null) {
            m.numberOfFrames = 1;
            warnings.add("Number of Frames (0028,0008) is missing; 1 frame assumed");
        } else {
            long n;
            try {
                n = Long.parseLong(frames.trim());
            } catch (NumberFormatException e) {
                throw fail("Number of Frames (0028,0008) '" + frames + "' is not a number");
            }
            if (n < 1 || n > Integer.MAX_VALUE) throw fail("Number of Frames (0028,0008) is " + n + "; expected 1.." + Integer.MAX_VALUE);
            m.numberOfFrames = (int) n;
        }
        int expectedBits;
        switch (m.segmentationType) {
            case BINARY: expectedBits = 1; break;
            case FRACTIONAL: expectedBits = 8; break;
            default: expectedBits = m.bitsAllocated == 16 ? 16 : 8;
        }
        if (m.bitsAllocated != expectedBits) {
            throw fail("Bits Allocated (0028,0100) is " + m.bitsAllocated + " but a " + m.segmentationType
                    + " segmentation has " + (m.segmentationType == SegmentationType.LABELMAP ? "8 or 16" : expectedBits));
        }
        long frameBytes = (long) m.rows * m.columns * Math.max(1, m.bitsAllocated / 8);
        if (frameBytes > Integer.MAX_VALUE - 64) {
            throw fail("Rows x Columns (" + m.rows + " x " + m.columns + ") is too large for one frame");
        }
        m.photometricInterpretation = str(list, TagFromName.PhotometricInterpretation);

        m.totalPixelMatrixRows = intValue(list, TagFromName.TotalPixelMatrixRows, 0);
        m.totalPixelMatrixColumns = intValue(list, TagFromName.TotalPixelMatrixColumns, 0);
        m.totalPixelMatrixFocalPlanes = Math.max(1, intValue(list, TOTAL_PIXEL_MATRIX_FOCAL_PLANES, 1));
        m.numberOfOpticalPaths = Math.max(1, intValue(list, NUMBER_OF_OPTICAL_PATHS, 1));
        m.imageOrientationSlide = doubles(list, TagFromName.ImageOrientationSlide, 6);

        AttributeList shared = sharedGroups();
        AttributeList measures = item(shared, TagFromName.PixelMeasuresSequence);
        if (measures != null) {
            m.pixelSpacing = doubles(measures, TagFromName.PixelSpacing, 2);
            m.sliceThickness = doubleValue(measures, TagFromName.SliceThickness);
            m.spacingBetweenSlices = doubleValue(measures, TagFromName.SpacingBetweenSlices);
        }
        if (m.pixelSpacing == null) m.pixelSpacing = doubles(list, TagFromName.PixelSpacing, 2);
        AttributeList orientation = item(shared, TagFromName.PlaneOrientationSequence);
        if (orientation != null) m.imageOrientationPatient = doubles(orientation, TagFromName.ImageOrientationPatient, 6);
        if (m.imageOrientationPatient == null) m.imageOrientationPatient = doubles(list, TagFromName.ImageOrientationPatient, 6);

        m.frameOfReferenceUid = str(list, TagFromName.FrameOfReferenceUID);
        m.referencedSeries = referencedSeries();
        m.patientName = str(list, TagFromName.PatientName);
        m.patientId = str(list, TagFromName.PatientID);
        m.patientBirthDate = str(list, TagFromName.PatientBirthDate);
        m.patientSex = str(list, TagFromName.PatientSex);
        m.studyInstanceUid = str(list, TagFromName.StudyInstanceUID);
        m.studyId = str(list, TagFromName.StudyID);
        m.studyDate = str(list, TagFromName.StudyDate);
        m.studyDescription = str(list, TagFromName.StudyDescription);
        m.accessionNumber = str(list, TagFromName.AccessionNumber);
        m.seriesInstanceUid = str(list, TagFromName.SeriesInstanceUID);
        m.seriesNumber = str(list, TagFromName.SeriesNumber);
        m.seriesDescription = str(list, TagFromName.SeriesDescription);
        m.instanceNumber = str(list, TagFromName.InstanceNumber);
        m.contentLabel = str(list, TagFromName.ContentLabel);
        m.contentDescription = str(list, TagFromName.ContentDescription);
        m.contentCreatorName = str(list, TagFromName.ContentCreatorName);
        m.manufacturer = str(list, TagFromName.Manufacturer);
        m.segmentsOverlap = str(list, SEGMENTS_OVERLAP);
        return m;
    }

    private int required(AttributeTag tag, String name) throws SegReadException {
        int v = intValue(list, tag, -1);
        if (v <= 0) throw fail(name + " is " + (v < 0 ? "missing" : "0"));
        return v;
    }

    private List<ReferencedSeries> referencedSeries() {
        List<ReferencedSeries> out = new ArrayList<>();
        addSeries(list, null, out);
        SequenceAttribute studies = seq(list, STUDIES_CONTAINING_OTHER_REFERENCED_INSTANCES);
        if (studies != null) {
            for (int i = 0; i < studies.getNumberOfItems(); i++) {
                AttributeList s = studies.getItem(i).getAttributeList();
                addSeries(s, str(s, TagFromName.StudyInstanceUID), out);
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static void addSeries(AttributeList l, String study, List<ReferencedSeries> out) {
        SequenceAttribute series = seq(l, TagFromName.ReferencedSeriesSequence);
        if (series == null) return;
        for (int i = 0; i < series.getNumberOfItems(); i++) {
            AttributeList s = series.getItem(i).getAttributeList();
            out.add(new ReferencedSeries(study, str(s, TagFromName.SeriesInstanceUID),
                    references(seq(s, TagFromName.ReferencedInstanceSequence))));
        }
    }

    static List<SourceImageReference> references(SequenceAttribute s) {
        List<SourceImageReference> out = new ArrayList<>();
        if (s == null) return out;
        for (java.util.Iterator<com.pixelmed.dicom.SequenceItem> it = s.iterator(); it.hasNext();) {
            AttributeList r = it.next().getAttributeList();
            String uid = str(r, TagFromName.ReferencedSOPInstanceUID);
            if (uid == null) continue;
            int[] frames = ints(r, TagFromName.ReferencedFrameNumber);
            out.add(new SourceImageReference(str(r, TagFromName.ReferencedSOPClassUID), uid, frames));
        }
        return out;
    }

    // ---------------------------------------------------------------- segments

    /** The Segment Sequence, keyed by Segment Number in file order. */
    LinkedHashMap<Integer, SegmentDescription> segments(SegmentationType type) throws SegReadException {
        SequenceAttribute s = seq(list, TagFromName.SegmentSequence);
        if (s == null || s.getNumberOfItems() == 0) throw fail("Segment Sequence (0062,0002) is missing or empty");
        LinkedHashMap<Integer, SegmentDescription> out = new LinkedHashMap<>();
        int i = 0;
        for (java.util.Iterator<com.pixelmed.dicom.SequenceItem> it = s.iterator(); it.hasNext(); i++) {
            AttributeList item = it.next().getAttributeList();
            int number = intValue(item, TagFromName.SegmentNumber, -1);
            if (number < 0) throw fail("item " + (i + 1) + " of the Segment Sequence (0062,0002) has no Segment Number (0062,0004)");
            if (number == 0 && type != SegmentationType.LABELMAP) {
                throw fail("Segment Number 0 in a " + type + " segmentation (numbers start at 1, PS3.3 C.8.20.2)");
            }
            if (out.containsKey(number)) throw fail("Segment Number " + number + " appears twice in the Segment Sequence (0062,0002)");
            out.put(number, segment(number, item));
        }
        return out;
    }

    private SegmentDescription segment(int number, AttributeList item) throws SegReadException {
        String label = str(item, TagFromName.SegmentLabel);
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
        b.description(str(item, SEGMENT_DESCRIPTION));
        CodedConcept category = code(item, TagFromName.SegmentedPropertyCategoryCodeSequence, number);
        if (category == null) throw fail("Segment " + number + " has no Segmented Property Category Code Sequence (0062,0003)");
        CodedConcept propertyType = code(item, TagFromName.SegmentedPropertyTypeCodeSequence, number);
        if (propertyType == null) throw fail("Segment " + number + " has no Segmented Property Type Code Sequence (0062,000F)");
        b.category(category).type(propertyType);
        for (CodedConcept c : codes(item, TagFromName.SegmentedPropertyTypeModifierCodeSequence, number)) b.addTypeModifier(c);
        SequenceAttribute regions = seq(item, TagFromName.AnatomicRegionSequence);
        if (regions != null) {
            for (int i = 0; i < regions.getNumberOfItems(); i++) {
                AttributeList r = regions.getItem(i).getAttributeList();
                CodedConcept c = codeOf(r, number);
                if (c != null) b.addAnatomicRegion(c);
                for (CodedConcept m : codes(r, TagFromName.AnatomicRegionModifierSequence, number)) b.addAnatomicRegionModifier(m);
            }
        }
        for (CodedConcept c : codes(item, TagFromName.PrimaryAnatomicStructureSequence, number)) b.addPrimaryAnatomicStructure(c);
        String algType = str(item, TagFromName.SegmentAlgorithmType);
        SegmentAlgorithmType at;
        try {
            at = SegmentAlgorithmType.parse(algType);
        } catch (IllegalArgumentException e) {
            at = SegmentAlgorithmType.MANUAL;
            warnings.add("Segment " + number + ": Segment Algorithm Type (0062,0008) "
                    + (algType == null ? "missing" : "'" + algType + "' unknown") + "; MANUAL assumed");
        }
        b.algorithmType(at);
        AttributeList alg = item(item, SEGMENTATION_ALGORITHM_IDENTIFICATION_SEQUENCE);
        if (alg != null) {
            CodedConcept family = code(alg, ALGORITHM_FAMILY_CODE_SEQUENCE, number);
            String name = str(alg, ALGORITHM_NAME);
            String version = str(alg, ALGORITHM_VERSION);
            if (family != null && name != null && version != null) {
                try {
                    b.algorithm(new AlgorithmIdentification(family, truncate(name), truncate(version),
                            str(alg, ALGORITHM_SOURCE), str(alg, ALGORITHM_PARAMETERS)));
                } catch (IllegalArgumentException e) {
                    warnings.add("Segment " + number + ": algorithm identification ignored: " + e.getMessage());
                }
            } else {
                warnings.add("Segment " + number + ": incomplete Segmentation Algorithm Identification Sequence (0062,0007) ignored");
            }
        }
        b.trackingId(truncate(str(item, TagFromName.TrackingID)));
        String trackingUid = str(item, TagFromName.TrackingUID);
        if (trackingUid != null && !org.dicomseg.model.Uids.isValid(trackingUid)) {
            warnings.add("Segment " + number + ": invalid Tracking UID '" + trackingUid + "' ignored");
            trackingUid = null;
        }
        b.trackingUid(trackingUid);
        int[] lab = ints(item, TagFromName.RecommendedDisplayCIELabValue);
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

    private CodedConcept code(AttributeList l, AttributeTag seqTag, int segment) {
        AttributeList item = item(l, seqTag);
        return item == null ? null : codeOf(item, segment);
    }

    private List<CodedConcept> codes(AttributeList l, AttributeTag seqTag, int segment) {
        List<CodedConcept> out = new ArrayList<>();
        SequenceAttribute s = seq(l, seqTag);
        if (s == null) return out;
        for (int i = 0; i < s.getNumberOfItems(); i++) {
            CodedConcept c = codeOf(s.getItem(i).getAttributeList(), segment);
            if (c != null) out.add(c);
        }
        return out;
    }

    /** Code Sequence Macro (PS3.3 Table 8.8-1): Code Value, Long Code Value or URN Code Value. */
    private CodedConcept codeOf(AttributeList item, int segment) {
        String value = str(item, TagFromName.CodeValue);
        if (value == null) value = str(item, LONG_CODE_VALUE);
        if (value == null) value = str(item, URN_CODE_VALUE);
        String scheme = str(item, TagFromName.CodingSchemeDesignator);
        String meaning = str(item, TagFromName.CodeMeaning);
        if (value == null || scheme == null) {
            warnings.add("Segment " + segment + ": a code without Code Value or Coding Scheme Designator ignored");
            return null;
        }
        if (meaning == null) meaning = value;
        if (meaning.length() > 64) meaning = meaning.substring(0, 64);
        return new CodedConcept(value, scheme, meaning, str(item, TagFromName.CodingSchemeVersion));
    }

    // ---------------------------------------------------------------- frame index

    private AttributeList sharedGroups() {
        return item(list, TagFromName.SharedFunctionalGroupsSequence);
    }

    /** True when the file has Per-frame Functional Groups (5200,9230). */
    boolean hasPerFrameGroups() {
        return perFrame != null && perFrame.size() > 0;
    }

    /** Checks counts before the index is built (no allocation by Number of Frames yet). */
    void checkPerFrameCount(SegmentationMetadata m) throws SegReadException {
        if (perFrame == null) return;
        int n = perFrame.size();
        if (n != m.numberOfFrames) {
            boolean missing = str(list, TagFromName.NumberOfFrames) == null;
            throw fail("Per-frame Functional Groups Sequence (5200,9230) has " + n + " items but Number of Frames (0028,0008) "
                    + (missing ? "is missing (1 frame assumed)" : "is " + m.numberOfFrames)
                    + ": which item describes which frame is ambiguous, so the file is refused");
        }
    }

    List<FrameInfo> frameIndex(SegmentationMetadata m, Map<Integer, SegmentDescription> segments) throws SegReadException {
        FunctionalGroups shared = FunctionalGroups.of(sharedGroups());
        boolean labelMap = m.segmentationType == SegmentationType.LABELMAP;
        if ((perFrame == null || perFrame.size() == 0)
                && m.dimensionOrganizationType == DimensionOrganization.TILED_FULL) {
            return tiledFull(m, segments, shared);
        }
        List<FrameInfo> out = new ArrayList<>(m.numberOfFrames);
        double[] sharedOrientation = m.imageOrientationPatient;
        boolean warnedSegment = false;
        int outside = 0, firstOutside = 0;
        // checkPerFrameCount made sure there are exactly numberOfFrames items.
        java.util.Iterator<FunctionalGroups> items = perFrame == null ? null : perFrame.iterator();
        for (int i = 0; i < m.numberOfFrames; i++) {
            FunctionalGroups pf = items == null ? null : items.next();
            int segment = FrameInfo.NO_SEGMENT;
            if (!labelMap) {
                FunctionalGroups segId = FunctionalGroups.pick(pf, shared, FunctionalGroups.SEGMENT_IDENTIFICATION);
                int s = segId == null ? -1 : segId.referencedSegmentNumber;
                if (s < 0) {
                    if (segments.size() == 1) {
                        s = segments.keySet().iterator().next();
                        if (!warnedSegment) {
                            warnings.add("frames without Segment Identification Sequence (0062,000A): the only segment, "
                                    + s + ", assumed");
                            warnedSegment = true;
                        }
                    } else {
                        throw fail("frame " + (i + 1) + " has no Referenced Segment Number (0062,000B) in a Segment "
                                + "Identification Sequence (0062,000A), and there are " + segments.size() + " segments");
                    }
                }
                if (!segments.containsKey(s)) {
                    throw fail("frame " + (i + 1) + " refers to segment " + s
                            + ", which is not in the Segment Sequence (0062,0002); segments are " + segments.keySet());
                }
                segment = s;
            }
            FunctionalGroups pos = FunctionalGroups.pick(pf, shared, FunctionalGroups.PLANE_POSITION);
            double[] ipp = pos == null ? null : pos.imagePositionPatient;
            FunctionalGroups ori = FunctionalGroups.pick(pf, shared, FunctionalGroups.PLANE_ORIENTATION);
            double[] iop = ori == null ? null : ori.imageOrientationPatient;
            if (iop == null) iop = sharedOrientation;
            else if (sharedOrientation != null && java.util.Arrays.equals(iop, sharedOrientation)) iop = sharedOrientation;
            FunctionalGroups slide = FunctionalGroups.pick(pf, shared, FunctionalGroups.PLANE_POSITION_SLIDE);
            double[] slidePos = null;
            int row = 0, col = 0;
            if (slide != null) {
                row = slide.rowPosition;
                col = slide.columnPosition;
                if (!Double.isNaN(slide.xOffset) || !Double.isNaN(slide.yOffset)) {
                    slidePos = new double[] {slide.xOffset, slide.yOffset, slide.zOffset};
                }
            }
            // Frame Content is always per-frame (C.7.6.16.2.2): never taken from the shared item.
            int[] div = pf != null && pf.has(FunctionalGroups.FRAME_CONTENT) ? pf.dimensionIndexValues : null;
            FunctionalGroups deriv = FunctionalGroups.pick(pf, shared, FunctionalGroups.DERIVATION_IMAGE);
            List<SourceImageReference> sources = deriv == null ? null : deriv.sources;
            if (slide != null && m.isTiled() && (row < 1 || col < 1 || row > m.totalPixelMatrixRows || col > m.totalPixelMatrixColumns)) {
                if (outside++ == 0) firstOutside = i + 1;
            }
            out.add(new FrameInfo(i + 1, segment, ipp, iop, slidePos, row, col, div, sources));
        }
        if (outside > 0) {
            warnings.add(outside + " frame(s), the first frame " + firstOutside + ", have a Row/Column Position in Total Image Pixel"
                    + " Matrix (0048,021E/021F) outside the Total Pixel Matrix (" + m.totalPixelMatrixRows + " x "
                    + m.totalPixelMatrixColumns + "); their pixels lie outside it");
        }
        return out;
    }

    /**
     * TILED_FULL without per-frame groups (PS3.3 C.7.6.17.3): frames run over the columns of tiles,
     * then rows of tiles, then focal planes, then optical paths, then segments (in increasing
     * Segment Number; label maps have no segment dimension).
     */
    private List<FrameInfo> tiledFull(SegmentationMetadata m, Map<Integer, SegmentDescription> segments, FunctionalGroups shared)
            throws SegReadException {
        if (!m.isTiled()) {
            throw fail("TILED_FULL without Per-frame Functional Groups needs Total Pixel Matrix Rows (0048,0007) and Columns (0048,0006)");
        }
        long across = (m.totalPixelMatrixColumns + (long) m.columns - 1) / m.columns;
        long down = (m.totalPixelMatrixRows + (long) m.rows - 1) / m.rows;
        boolean labelMap = m.segmentationType == SegmentationType.LABELMAP;
        int[] segmentOrder = new TreeMap<>(segments).keySet().stream().mapToInt(Integer::intValue).toArray();
        long segCount = labelMap ? 1 : segmentOrder.length;
        long expected = across * down * m.totalPixelMatrixFocalPlanes * m.numberOfOpticalPaths * segCount;
        if (expected != m.numberOfFrames) {
            throw fail("TILED_FULL: " + across + " x " + down + " tiles x " + m.totalPixelMatrixFocalPlanes + " focal planes x "
                    + m.numberOfOpticalPaths + " optical paths" + (labelMap ? "" : " x " + segCount + " segments")
                    + " = " + expected + " frames, but Number of Frames (0028,0008) is " + m.numberOfFrames);
        }
        List<SourceImageReference> sources = shared == null || !shared.has(FunctionalGroups.DERIVATION_IMAGE) ? null : shared.sources;
        List<FrameInfo> out = new ArrayList<>(m.numberOfFrames);
        for (int i = 0; i < m.numberOfFrames; i++) {
            long f = i;
            int tileCol = (int) (f % across);
            f /= across;
            int tileRow = (int) (f % down);
            f /= down;
            int focal = (int) (f % m.totalPixelMatrixFocalPlanes);
            f /= m.totalPixelMatrixFocalPlanes;
            int path = (int) (f % m.numberOfOpticalPaths);
            f /= m.numberOfOpticalPaths;
            int segment = labelMap ? FrameInfo.NO_SEGMENT : segmentOrder[(int) f];
            int row = tileRow * m.rows + 1;
            int col = tileCol * m.columns + 1;
            int[] div = labelMap ? new int[] {row, col, focal + 1, path + 1} : new int[] {segment, row, col, focal + 1, path + 1};
            out.add(new FrameInfo(i + 1, segment, null, m.imageOrientationPatient, null, row, col, div, sources));
        }
        return out;
    }

    // ---------------------------------------------------------------- attribute helpers

    static SequenceAttribute seq(AttributeList l, AttributeTag tag) {
        if (l == null) return null;
        Attribute a = l.get(tag);
        return a instanceof SequenceAttribute ? (SequenceAttribute) a : null;
    }

    static AttributeList item(AttributeList l, AttributeTag tag) {
        SequenceAttribute s = seq(l, tag);
        if (s == null || s.getNumberOfItems() == 0) return null;
        return s.getItem(0).getAttributeList();
    }

    static String str(AttributeList l, AttributeTag tag) {
        if (l == null) return null;
        String s = Attribute.getSingleStringValueOrNull(l, tag);
        if (s == null) return null;
        s = s.replace('\0', ' ').trim();
        return s.isEmpty() ? null : s;
    }

    static int intValue(AttributeList l, AttributeTag tag, int def) {
        Attribute a = l == null ? null : l.get(tag);
        if (a == null || a.getVM() == 0) return def;
        try {
            long[] v = a.getLongValues();
            if (v == null || v.length == 0) return def;
            return v[0] > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v[0];
        } catch (Exception e) {
            return def;
        }
    }

    static int[] ints(AttributeList l, AttributeTag tag) {
        Attribute a = l == null ? null : l.get(tag);
        if (a == null || a.getVM() == 0) return new int[0];
        try {
            long[] v = a.getLongValues();
            if (v == null) return new int[0];
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
            return out;
        } catch (Exception e) {
            return new int[0];
        }
    }

    static double doubleValue(AttributeList l, AttributeTag tag) {
        double[] d = doubles(l, tag, 1);
        return d == null ? Double.NaN : d[0];
    }

    static double[] doubles(AttributeList l, AttributeTag tag, int count) {
        Attribute a = l == null ? null : l.get(tag);
        if (a == null || a.getVM() < count) return null;
        try {
            double[] v = a.getDoubleValues();
            return v == null || v.length < count ? null : (v.length == count ? v : java.util.Arrays.copyOf(v, count));
        } catch (Exception e) {
            return null;
        }
    }
}
