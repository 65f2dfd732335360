package org.dicomseg.read;

import static org.dicomseg.read.AttributeValues.doubleValue;
import static org.dicomseg.read.AttributeValues.doubles;
import static org.dicomseg.read.AttributeValues.intValue;
import static org.dicomseg.read.AttributeValues.item;
import static org.dicomseg.read.AttributeValues.references;
import static org.dicomseg.read.AttributeValues.seq;
import static org.dicomseg.read.AttributeValues.str;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.dicom.DataSetView;
import org.dicomseg.dicom.SegTransferSyntax;

/**
 * Turns the header of a Segmentation ({@link DataSetView}: the lean walk's or PixelMed's) into {@link SegmentationMetadata}: the SOP class
 * check, the Segmentation Image Module (PS3.3 C.8.20.2: type, fractional type, bit depth), the
 * Image Pixel attributes (C.7.6.3), the shared geometry (Pixel Measures and Plane Orientation of the
 * Shared Functional Groups, C.7.6.16.2), the Total Pixel Matrix of tiled SEGs (C.8.12.4), the
 * patient, study and series identification, and the Common Instance Reference Module (C.12.2).
 * Checks that the numbers agree before anyone allocates by them. The Segment Sequence is
 * {@link SegmentSequenceParser}'s, the frame index {@link FrameIndexBuilder}'s.
 */
final class HeaderParser {
    static final String SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.4";
    static final String LABEL_MAP_SEGMENTATION_STORAGE = "1.2.840.10008.5.1.4.1.1.66.7";

    private final Path file;
    private final DataSetView list;
    private final List<String> warnings;

    /** A parser over the header; tolerated deviations are added to {@code warnings}. */
    HeaderParser(Path file, DataSetView list, List<String> warnings) {
        this.file = file;
        this.list = list;
        this.warnings = warnings;
    }

    private SegReadException fail(String problem) {
        return new SegReadException(file, problem);
    }

    // ---------------------------------------------------------------- metadata

    /** SOP class check first, so a CT image is called "not a Segmentation", whatever else is wrong. */
    String checkSopClass() throws SegReadException {
        String sopClass = str(list, HeaderTags.SOP_CLASS_UID);
        if (sopClass == null) {
            throw fail("not a DICOM Segmentation: SOP Class UID (0008,0016) is missing");
        }
        if (!SEGMENTATION_STORAGE.equals(sopClass) && !LABEL_MAP_SEGMENTATION_STORAGE.equals(sopClass)) {
            String name = com.pixelmed.dicom.SOPClassDescriptions.getDescriptionFromUID(sopClass); // a refusal: PixelMed may load
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
        m.sopInstanceUid = str(list, HeaderTags.SOP_INSTANCE_UID);
        m.transferSyntaxUid = transferSyntaxUid;
        m.transferSyntax = syntax;

        String type = str(list, HeaderTags.SEGMENTATION_TYPE);
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
            String ft = str(list, HeaderTags.SEGMENTATION_FRACTIONAL_TYPE);
            if (ft == null) throw fail("Segmentation Fractional Type (0062,0010) is missing for a FRACTIONAL segmentation");
            try {
                m.fractionalType = FractionalType.valueOf(ft.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw fail("Segmentation Fractional Type (0062,0010) '" + ft + "' is not PROBABILITY or OCCUPANCY");
            }
            m.maximumFractionalValue = intValue(list, HeaderTags.MAXIMUM_FRACTIONAL_VALUE, -1);
            if (m.maximumFractionalValue < 1 || m.maximumFractionalValue > 255) {
                throw fail("Maximum Fractional Value (0062,000E) is " + (m.maximumFractionalValue < 0 ? "missing"
                        : m.maximumFractionalValue) + "; expected 1..255");
            }
        }
        try {
            m.dimensionOrganizationType = DimensionOrganization.parse(str(list, HeaderTags.DIMENSION_ORGANIZATION_TYPE));
        } catch (IllegalArgumentException e) {
            warnings.add(e.getMessage() + " (ignored)");
        }

        m.dimensionIndexPointers = dimensionIndexPointers(list);

        m.rows = required(HeaderTags.ROWS, "Rows (0028,0010)");
        m.columns = required(HeaderTags.COLUMNS, "Columns (0028,0011)");
        m.bitsAllocated = required(HeaderTags.BITS_ALLOCATED, "Bits Allocated (0028,0100)");
        int samples = intValue(list, HeaderTags.SAMPLES_PER_PIXEL, 1);
        if (samples != 1) throw fail("Samples per Pixel (0028,0002) is " + samples + "; a Segmentation has 1");
        String frames = str(list, HeaderTags.NUMBER_OF_FRAMES);
        if (frames == null) {
            m.numberOfFrames = 1;
            m.numberOfFramesMissing = true;
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
        m.photometricInterpretation = str(list, HeaderTags.PHOTOMETRIC_INTERPRETATION);
        if (m.segmentationType == SegmentationType.LABELMAP) {
            m.paletteColorLut = PaletteParser.parse(list, m.photometricInterpretation, warnings);
        }

        m.totalPixelMatrixRows = totalPixelMatrix(HeaderTags.TOTAL_PIXEL_MATRIX_ROWS, "Total Pixel Matrix Rows (0048,0007)");
        m.totalPixelMatrixColumns = totalPixelMatrix(HeaderTags.TOTAL_PIXEL_MATRIX_COLUMNS, "Total Pixel Matrix Columns (0048,0006)");
        if ((m.totalPixelMatrixRows > 0) != (m.totalPixelMatrixColumns > 0)) {
            throw fail(m.totalPixelMatrixRows > 0 ? "Total Pixel Matrix Columns (0048,0006) is missing while Total Pixel Matrix Rows"
                    + " (0048,0007) is present" : "Total Pixel Matrix Rows (0048,0007) is missing while Total Pixel Matrix Columns"
                    + " (0048,0006) is present");
        }
        if (m.totalPixelMatrixRows == 0 && m.dimensionOrganizationType != null
                && m.dimensionOrganizationType.name().startsWith("TILED")) {
            throw fail("Dimension Organization Type (0020,9311) is " + m.dimensionOrganizationType
                    + " but Total Pixel Matrix Rows (0048,0007) and Columns (0048,0006) are missing");
        }
        m.totalPixelMatrixFocalPlanes = Math.max(1, intValue(list, HeaderTags.TOTAL_PIXEL_MATRIX_FOCAL_PLANES, 1));
        m.numberOfOpticalPaths = Math.max(1, intValue(list, HeaderTags.NUMBER_OF_OPTICAL_PATHS, 1));
        m.imageOrientationSlide = doubles(list, HeaderTags.IMAGE_ORIENTATION_SLIDE, 6);
        DataSetView tpmOrigin = item(list, HeaderTags.TOTAL_PIXEL_MATRIX_ORIGIN_SEQUENCE);
        if (tpmOrigin != null) m.totalPixelMatrixOriginZ = doubleValue(tpmOrigin, HeaderTags.Z_OFFSET_IN_SLIDE_COORDINATE_SYSTEM);

        DataSetView shared = item(list, HeaderTags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);
        DataSetView measures = item(shared, HeaderTags.PIXEL_MEASURES_SEQUENCE);
        if (measures != null) {
            m.pixelSpacing = doubles(measures, HeaderTags.PIXEL_SPACING, 2);
            m.sliceThickness = doubleValue(measures, HeaderTags.SLICE_THICKNESS);
            m.spacingBetweenSlices = doubleValue(measures, HeaderTags.SPACING_BETWEEN_SLICES);
        }
        if (m.pixelSpacing == null) m.pixelSpacing = doubles(list, HeaderTags.PIXEL_SPACING, 2);
        DataSetView orientation = item(shared, HeaderTags.PLANE_ORIENTATION_SEQUENCE);
        if (orientation != null) m.imageOrientationPatient = doubles(orientation, HeaderTags.IMAGE_ORIENTATION_PATIENT, 6);
        if (m.imageOrientationPatient == null) m.imageOrientationPatient = doubles(list, HeaderTags.IMAGE_ORIENTATION_PATIENT, 6);

        m.frameOfReferenceUid = str(list, HeaderTags.FRAME_OF_REFERENCE_UID);
        m.referencedSeries = referencedSeries();
        m.patientName = str(list, HeaderTags.PATIENT_NAME);
        m.patientId = str(list, HeaderTags.PATIENT_ID);
        m.patientBirthDate = str(list, HeaderTags.PATIENT_BIRTH_DATE);
        m.patientSex = str(list, HeaderTags.PATIENT_SEX);
        m.studyInstanceUid = str(list, HeaderTags.STUDY_INSTANCE_UID);
        m.studyId = str(list, HeaderTags.STUDY_ID);
        m.studyDate = str(list, HeaderTags.STUDY_DATE);
        m.studyDescription = str(list, HeaderTags.STUDY_DESCRIPTION);
        m.accessionNumber = str(list, HeaderTags.ACCESSION_NUMBER);
        m.seriesInstanceUid = str(list, HeaderTags.SERIES_INSTANCE_UID);
        m.seriesNumber = str(list, HeaderTags.SERIES_NUMBER);
        m.seriesDescription = str(list, HeaderTags.SERIES_DESCRIPTION);
        m.instanceNumber = str(list, HeaderTags.INSTANCE_NUMBER);
        m.contentLabel = str(list, HeaderTags.CONTENT_LABEL);
        m.contentDescription = str(list, HeaderTags.CONTENT_DESCRIPTION);
        m.contentCreatorName = str(list, HeaderTags.CONTENT_CREATOR_NAME);
        m.manufacturer = str(list, HeaderTags.MANUFACTURER);
        m.manufacturerModelName = str(list, HeaderTags.MANUFACTURER_MODEL_NAME);
        m.softwareVersions = allValues(list, HeaderTags.SOFTWARE_VERSIONS);
        m.segmentsOverlap = str(list, HeaderTags.SEGMENTS_OVERLAP);
        return m;
    }

    /** Every value of a multi-valued string attribute, joined by backslashes, or null when absent or empty. */
    private static String allValues(DataSetView list, int t) {
        if (list.count(t) == 0) return null;
        String[] v = list.strings(t);
        String joined = v == null ? null : String.join("\\", v).trim();
        return joined == null || joined.isEmpty() ? null : joined;
    }

    /**
     * Total Pixel Matrix Rows or Columns (PS3.3 C.8.12.4.1.10, UL): absent is 0 (not tiled); present,
     * it must be 1 .. 2^31-1, since a tiled SEG with a matrix of 0, or of more pixels per axis than
     * any image can index, cannot be placed (it is refused, not read as separate tiles).
     */
    private int totalPixelMatrix(int tag, String name) throws SegReadException {
        if (!list.has(tag)) return 0;
        long[] v = list.count(tag) == 0 ? null : list.longs(tag);
        if (v == null || v.length == 0) throw fail(name + " is empty");
        long value = v[0] & 0xFFFFFFFFL; // UL: unsigned
        if (value == 0) throw fail(name + " is 0");
        if (value > Integer.MAX_VALUE) throw fail(name + " is " + value + "; expected 1.." + Integer.MAX_VALUE);
        return (int) value;
    }

    private int required(int tag, String name) throws SegReadException {
        int v = intValue(list, tag, -1);
        if (v <= 0) throw fail(name + " is " + (v < 0 ? "missing" : "0"));
        return v;
    }

    private List<ReferencedSeries> referencedSeries() {
        List<ReferencedSeries> out = new ArrayList<>();
        addSeries(list, null, out);
        List<DataSetView> studies = seq(list, HeaderTags.STUDIES_CONTAINING_OTHER_REFERENCED_INSTANCES_SEQUENCE);
        if (studies != null) {
            for (DataSetView s : studies) addSeries(s, str(s, HeaderTags.STUDY_INSTANCE_UID), out);
        }
        return Collections.unmodifiableList(out);
    }

    private static void addSeries(DataSetView l, String study, List<ReferencedSeries> out) {
        List<DataSetView> series = seq(l, HeaderTags.REFERENCED_SERIES_SEQUENCE);
        if (series == null) return;
        for (DataSetView s : series) {
            out.add(new ReferencedSeries(study, str(s, HeaderTags.SERIES_INSTANCE_UID),
                    references(seq(s, HeaderTags.REFERENCED_INSTANCE_SEQUENCE))));
        }
    }

    /** The Dimension Index Pointer of each Dimension Index Sequence item (0 for an item without one). */
    private static int[] dimensionIndexPointers(DataSetView list) {
        List<DataSetView> seq = list.items(HeaderTags.DIMENSION_INDEX_SEQUENCE);
        if (seq == null) return new int[0];
        int[] out = new int[seq.size()];
        for (int i = 0; i < out.length; i++) {
            int[] t = seq.get(i).tags(HeaderTags.DIMENSION_INDEX_POINTER);
            if (t != null && t.length > 0) out[i] = t[0];
        }
        return out;
    }
}
