package org.dicomseg.read;

import java.util.Collections;
import java.util.List;

import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.PaletteColorLut;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.dicom.SegTransferSyntax;

/**
 * The header of a Segmentation as plain values: Segmentation Image Module (PS3.3 C.8.20.2),
 * Image Pixel and Multi-frame Modules, the shared geometry of the Multi-frame Functional Groups
 * (C.7.6.16: Pixel Measures, Plane Orientation), Multi-frame Dimension Module (C.7.6.17), Whole
 * Slide Microscopy Image Module attributes of tiled segmentations (C.8.12.4: Total Pixel Matrix),
 * Common Instance Reference (C.12.2) and the patient/study/series basics.
 *
 * <p>Immutable after the reader built it. Absent optional values are null (objects), 0 (counts)
 * or NaN (measures), as documented per getter.</p>
 */
public final class SegmentationMetadata {
    // Set once by HeaderParser (warnings by SegmentationFile, after the segment and frame index parsers).
    String sopClassUid;
    String sopInstanceUid;
    String transferSyntaxUid;
    SegTransferSyntax transferSyntax;
    SegmentationType segmentationType;
    FractionalType fractionalType;
    int maximumFractionalValue;
    DimensionOrganization dimensionOrganizationType;
    /** Dimension Index Pointer (0020,9165) of each Dimension Index Sequence item, as group << 16 | element. */
    int[] dimensionIndexPointers = new int[0];
    int rows;
    int columns;
    int numberOfFrames;
    /** True when Number of Frames was missing and taken from the Per-frame Functional Groups' item count. */
    boolean numberOfFramesInferred;
    /** True when Number of Frames (0028,0008) is absent from the file. */
    boolean numberOfFramesMissing;
    int bitsAllocated;
    String photometricInterpretation;
    PaletteColorLut paletteColorLut;
    int totalPixelMatrixRows;
    int totalPixelMatrixColumns;
    int totalPixelMatrixFocalPlanes;
    int numberOfOpticalPaths;
    double[] pixelSpacing;
    double sliceThickness = Double.NaN;
    double spacingBetweenSlices = Double.NaN;
    double totalPixelMatrixOriginZ = Double.NaN;
    double[] imageOrientationPatient;
    double[] imageOrientationSlide;
    String frameOfReferenceUid;
    List<ReferencedSeries> referencedSeries = Collections.emptyList();
    String patientName;
    String patientId;
    String patientBirthDate;
    String patientSex;
    String studyInstanceUid;
    String studyId;
    String studyDate;
    String studyDescription;
    String accessionNumber;
    String seriesInstanceUid;
    String seriesNumber;
    String seriesDescription;
    String instanceNumber;
    String contentLabel;
    String contentDescription;
    String contentCreatorName;
    String manufacturer;
    String manufacturerModelName;
    String softwareVersions;
    String segmentsOverlap;
    List<String> warnings = Collections.emptyList();

    SegmentationMetadata() { }

    /** SOP Class UID (0008,0016): 1.2.840.10008.5.1.4.1.1.66.4 or, for label maps, .66.7. */
    public String sopClassUid() { return sopClassUid; }
    /** SOP Instance UID (0008,0018). */
    public String sopInstanceUid() { return sopInstanceUid; }
    /** Transfer Syntax UID (0002,0010) of the file. */
    public String transferSyntaxUid() { return transferSyntaxUid; }
    /** The transfer syntax as the reader understands it. */
    public SegTransferSyntax transferSyntax() { return transferSyntax; }
    /** Segmentation Type (0062,0001). */
    public SegmentationType segmentationType() { return segmentationType; }
    /** Segmentation Fractional Type (0062,0010) for FRACTIONAL, else null. */
    public FractionalType fractionalType() { return fractionalType; }
    /** Maximum Fractional Value (0062,000E) for FRACTIONAL, else 0. */
    public int maximumFractionalValue() { return maximumFractionalValue; }
    /**
     * The Dimension Index Pointer (0020,9165) of each item of the Dimension Index Sequence
     * (PS3.3 C.7.6.17), in order, as {@code group << 16 | element}; empty when there is none.
     */
    public int[] dimensionIndexPointers() { return dimensionIndexPointers.clone(); }

    /**
     * Attributes whose dimension orders frames in time (PS3.3 C.7.6.16.2.2 Temporal Position Index,
     * C.7.6.16.2.7 Nominal/Actual Cardiac Trigger Delay Time, C.7.6.16.2.23 Temporal Position Time
     * Offset, Frame Acquisition/Reference DateTime, Trigger Time, Temporal Position Identifier).
     */
    private static final int[] TEMPORAL_POINTERS = {0x00209128, 0x00209153, 0x00209252, 0x0020930D, 0x00189074, 0x00189151,
        0x00181060, 0x00200100};

    /**
     * The place in each frame's Dimension Index Values of the first temporal dimension (a Dimension
     * Index Pointer to Temporal Position Index, a trigger delay, a time offset or an acquisition
     * date-time), or -1 when the SEG has none: its values order the frames in time.
     */
    public int temporalDimension() {
        for (int i = 0; i < dimensionIndexPointers.length; i++) {
            for (int t : TEMPORAL_POINTERS) if (dimensionIndexPointers[i] == t) return i;
        }
        return -1;
    }

    /** Dimension Organization Type (0020,9311), or null when not stated. */
    public DimensionOrganization dimensionOrganizationType() { return dimensionOrganizationType; }
    /** Rows (0028,0010) of each frame. */
    public int rows() { return rows; }
    /** Columns (0028,0011) of each frame. */
    public int columns() { return columns; }
    /** Number of Frames (0028,0008). */
    public int numberOfFrames() { return numberOfFrames; }
    /** Bits Allocated (0028,0100): 1 (BINARY), 8 (FRACTIONAL, LABELMAP) or 16 (LABELMAP). */
    public int bitsAllocated() { return bitsAllocated; }
    /** Photometric Interpretation (0028,0004): MONOCHROME2, or PALETTE COLOR for some label maps. */
    public String photometricInterpretation() { return photometricInterpretation; }
    /**
     * The Palette Color Lookup Table of a PALETTE COLOR label map (PS3.3 C.7.6.3, C.7.9), or null.
     * The reader also gives each segment without a Recommended Display CIELab Value its palette
     * colour (the entry of its Segment Number), so the ImageJ LUT and segment colours follow the palette.
     */
    public PaletteColorLut paletteColorLut() { return paletteColorLut; }
    /** Total Pixel Matrix Rows (0048,0007) of a tiled segmentation, else 0. */
    public int totalPixelMatrixRows() { return totalPixelMatrixRows; }
    /** Total Pixel Matrix Columns (0048,0006) of a tiled segmentation, else 0. */
    public int totalPixelMatrixColumns() { return totalPixelMatrixColumns; }
    /** Total Pixel Matrix Focal Planes (0048,0303), 1 when absent. */
    public int totalPixelMatrixFocalPlanes() { return totalPixelMatrixFocalPlanes; }
    /** Z Offset in Slide Coordinate System of the Total Pixel Matrix Origin Sequence (0048,0008) in mm, NaN when absent. */
    public double totalPixelMatrixOriginZ() { return totalPixelMatrixOriginZ; }
    /** Number of Optical Paths (0048,0302), 1 when absent. */
    public int numberOfOpticalPaths() { return numberOfOpticalPaths; }
    /** True when frames are tiles of a Total Pixel Matrix (slides). */
    public boolean isTiled() { return totalPixelMatrixRows > 0 && totalPixelMatrixColumns > 0; }
    /** Pixel Spacing (0028,0030) {row spacing, column spacing} in mm (shared Pixel Measures), or null. */
    public double[] pixelSpacing() { return pixelSpacing == null ? null : pixelSpacing.clone(); }
    /** Slice Thickness (0018,0050) in mm, or NaN. */
    public double sliceThickness() { return sliceThickness; }
    /** Spacing Between Slices (0018,0088) in mm, or NaN. */
    public double spacingBetweenSlices() { return spacingBetweenSlices; }
    /** Shared Image Orientation (Patient) (0020,0037), six direction cosines, or null. */
    public double[] imageOrientationPatient() { return imageOrientationPatient == null ? null : imageOrientationPatient.clone(); }
    /** Image Orientation (Slide) (0048,0102), or null. */
    public double[] imageOrientationSlide() { return imageOrientationSlide == null ? null : imageOrientationSlide.clone(); }
    /** Frame of Reference UID (0020,0052), or null. */
    public String frameOfReferenceUid() { return frameOfReferenceUid; }
    /** Referenced Series Sequence (0008,1115) content. */
    public List<ReferencedSeries> referencedSeries() { return referencedSeries; }
    public String patientName() { return patientName; }
    public String patientId() { return patientId; }
    public String patientBirthDate() { return patientBirthDate; }
    public String patientSex() { return patientSex; }
    public String studyInstanceUid() { return studyInstanceUid; }
    public String studyId() { return studyId; }
    public String studyDate() { return studyDate; }
    public String studyDescription() { return studyDescription; }
    public String accessionNumber() { return accessionNumber; }
    public String seriesInstanceUid() { return seriesInstanceUid; }
    public String seriesNumber() { return seriesNumber; }
    public String seriesDescription() { return seriesDescription; }
    public String instanceNumber() { return instanceNumber; }
    /** Content Label (0070,0080). */
    public String contentLabel() { return contentLabel; }
    public String contentDescription() { return contentDescription; }
    public String contentCreatorName() { return contentCreatorName; }
    public String manufacturer() { return manufacturer; }
    /** Manufacturer's Model Name (0008,1090) of the equipment that wrote the SEG, or null. */
    public String manufacturerModelName() { return manufacturerModelName; }
    /** Software Versions (0018,1020), several values separated by backslashes, or null. */
    public String softwareVersions() { return softwareVersions; }
    /** Segments Overlap (0062,0013): "YES", "NO", "UNDEFINED", or null when absent. */
    public String segmentsOverlap() { return segmentsOverlap; }
    /** Things the reader tolerated (non-conformant but unambiguous); empty for clean files. */
    public List<String> warnings() { return warnings; }
}
