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

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.dicom.SegTransferSyntax;

/**
 * Turns the PixelMed header of a Segmentation into {@link SegmentationMetadata}: the SOP class
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

    // Tags PixelMed 20220618 has no TagFromName constant for.
    static final AttributeTag SEGMENTS_OVERLAP = new AttributeTag(0x0062, 0x0013);
    static final AttributeTag TOTAL_PIXEL_MATRIX_FOCAL_PLANES = new AttributeTag(0x0048, 0x0303);
    static final AttributeTag NUMBER_OF_OPTICAL_PATHS = new AttributeTag(0x0048, 0x0302);
    static final AttributeTag STUDIES_CONTAINING_OTHER_REFERENCED_INSTANCES = new AttributeTag(0x0008, 0x1200);

    private final Path file;
    private final AttributeList list;
    private final List<String> warnings;

    /** A parser over PixelMed's header; tolerated deviations are added to {@code warnings}. */
    HeaderParser(Path file, AttributeList list, List<String> warnings) {
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

        m.dimensionIndexPointers = dimensionIndexPointers(list);

        m.rows = required(TagFromName.Rows, "Rows (0028,0010)");
        m.columns = required(TagFromName.Columns, "Columns (0028,0011)");
        m.bitsAllocated = required(TagFromName.BitsAllocated, "Bits Allocated (0028,0100)");
        int samples = intValue(list, TagFromName.SamplesPerPixel, 1);
        if (samples != 1) throw fail("Samples per Pixel (0028,0002) is " + samples + "; a Segmentation has 1");
        String frames = str(list, TagFromName.NumberOfFrames);
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
        m.photometricInterpretation = str(list, TagFromName.PhotometricInterpretation);
        if (m.segmentationType == SegmentationType.LABELMAP) {
            m.paletteColorLut = PaletteParser.parse(list, m.photometricInterpretation, warnings);
        }

        m.totalPixelMatrixRows = totalPixelMatrix(TagFromName.TotalPixelMatrixRows, "Total Pixel Matrix Rows (0048,0007)");
        m.totalPixelMatrixColumns = totalPixelMatrix(TagFromName.TotalPixelMatrixColumns, "Total Pixel Matrix Columns (0048,0006)");
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
        m.totalPixelMatrixFocalPlanes = Math.max(1, intValue(list, TOTAL_PIXEL_MATRIX_FOCAL_PLANES, 1));
        m.numberOfOpticalPaths = Math.max(1, intValue(list, NUMBER_OF_OPTICAL_PATHS, 1));
        m.imageOrientationSlide = doubles(list, TagFromName.ImageOrientationSlide, 6);
        AttributeList tpmOrigin = item(list, TagFromName.TotalPixelMatrixOriginSequence);
        if (tpmOrigin != null) m.totalPixelMatrixOriginZ = doubleValue(tpmOrigin, TagFromName.ZOffsetInSlideCoordinateSystem);

        AttributeList shared = item(list, TagFromName.SharedFunctionalGroupsSequence);
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
        m.manufacturerModelName = str(list, TagFromName.ManufacturerModelName);
        m.softwareVersions = allValues(list, TagFromName.SoftwareVersions);
        m.segmentsOverlap = str(list, SEGMENTS_OVERLAP);
        return m;
    }

    /** Every value of a multi-valued string attribute, joined by backslashes, or null when absent or empty. */
    private static String allValues(AttributeList list, com.pixelmed.dicom.AttributeTag t) {
        com.pixelmed.dicom.Attribute a = list.get(t);
        if (a == null || a.getVM() == 0) return null;
        try {
            String[] v = a.getStringValues();
            String joined = v == null ? null : String.join("\\", v).trim();
            return joined == null || joined.isEmpty() ? null : joined;
        } catch (com.pixelmed.dicom.DicomException e) {
            return null;
        }
    }

    /**
     * Total Pixel Matrix Rows or Columns (PS3.3 C.8.12.4.1.10, UL): absent is 0 (not tiled); present,
     * it must be 1 .. 2^31-1, since a tiled SEG with a matrix of 0, or of more pixels per axis than
     * any image can index, cannot be placed (it is refused, not read as separate tiles).
     */
    private int totalPixelMatrix(AttributeTag tag, String name) throws SegReadException {
        Attribute a = list.get(tag);
        if (a == null) return 0;
        long[] v;
        try {
            v = a.getVM() == 0 ? null : a.getLongValues();
        } catch (Exception e) {
            v = null;
        }
        if (v == null || v.length == 0) throw fail(name + " is empty");
        long value = v[0] & 0xFFFFFFFFL; // UL: unsigned
        if (value == 0) throw fail(name + " is 0");
        if (value > Integer.MAX_VALUE) throw fail(name + " is " + value + "; expected 1.." + Integer.MAX_VALUE);
        return (int) value;
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

    /** The Dimension Index Pointer of each Dimension Index Sequence item (0 for an item without one). */
    private static int[] dimensionIndexPointers(AttributeList list) {
        com.pixelmed.dicom.Attribute a = list.get(TagFromName.DimensionIndexSequence);
        if (!(a instanceof com.pixelmed.dicom.SequenceAttribute)) return new int[0];
        com.pixelmed.dicom.SequenceAttribute seq = (com.pixelmed.dicom.SequenceAttribute) a;
        int[] out = new int[seq.getNumberOfItems()];
        for (int i = 0; i < out.length; i++) {
            com.pixelmed.dicom.Attribute p = seq.getItem(i).getAttributeList().get(TagFromName.DimensionIndexPointer);
            if (p instanceof com.pixelmed.dicom.AttributeTagAttribute) {
                try {
                    com.pixelmed.dicom.AttributeTag[] t = ((com.pixelmed.dicom.AttributeTagAttribute) p).getAttributeTagValues();
                    if (t.length > 0) out[i] = t[0].getGroup() << 16 | t[0].getElement();
                } catch (com.pixelmed.dicom.DicomException e) {
                    out[i] = 0;
                }
            }
        }
        return out;
    }
}
