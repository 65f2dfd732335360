package org.dicomseg.samples;

import static org.dicomseg.samples.Attrs.code;
import static org.dicomseg.samples.Attrs.put;
import static org.dicomseg.samples.Attrs.putDs;
import static org.dicomseg.samples.Attrs.putInt;
import static org.dicomseg.samples.Attrs.seq;

import java.io.IOException;
import java.nio.file.Path;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

/**
 * Writes one Enhanced CT Image Storage object (1.2.840.10008.5.1.4.1.1.2.1) holding every slice
 * of a {@link Phantom} on a {@link VolumeGeometry} as a frame. Shared functional groups: Pixel
 * Measures, Plane Orientation, Frame Anatomy, Pixel Value Transformation, Frame VOI LUT, CT Image
 * Frame Type and Irradiation Event Identification; per-frame: Frame Content (Stack ID 1,
 * In-Stack Position, Dimension Index Values) and Plane Position. One dimension: Image Position
 * (Patient). Frames render exactly like the slices of a {@link CtSeriesWriter} series with the
 * same study, geometry, encoding and noise, and the object shares their Study and Frame of
 * Reference.
 */
public final class EnhancedCtWriter {
    /** Enhanced CT Image Storage SOP Class UID. */
    public static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.2.1";

    private final SampleStudy study;
    private final VolumeGeometry geometry;
    private final Phantom phantom;
    private HuEncoding encoding = HuEncoding.UNSIGNED;
    private int noise = 5;
    private String seriesKey = "enhanced-ct";
    private int seriesNumber = 2;
    private String description = "Synthetic phantom enhanced CT";

    /** A writer with unsigned encoding, ±5 HU noise, series key "enhanced-ct", number 2. */
    public EnhancedCtWriter(SampleStudy study, VolumeGeometry geometry, Phantom phantom) {
        this.study = study;
        this.geometry = geometry;
        this.phantom = phantom;
    }

    /** Sets how HU are stored (default unsigned, intercept -1024). */
    public EnhancedCtWriter encoding(HuEncoding e) { this.encoding = e; return this; }

    /** Sets the noise amplitude in HU (default 5). */
    public EnhancedCtWriter noise(int hu) { this.noise = Math.max(0, hu); return this; }

    /** Sets the series identity used for UID derivation ({@code key}) and Series Number. */
    public EnhancedCtWriter series(String key, int number, String desc) {
        this.seriesKey = key;
        this.seriesNumber = number;
        this.description = desc;
        return this;
    }

    /** Writes the object to {@code file} (parent folders created) and returns its SOP Instance UID. */
    public String write(Path file) throws IOException {
        AttributeList l = new AttributeList();
        String sopUid = study.uids().uid("series/" + seriesKey + "/instance/1");
        CommonModules.addStudyLevel(l, study, true);
        CommonModules.addSeries(l, study, study.uids().uid("series/" + seriesKey), seriesNumber, description);
        CommonModules.addImagePixel(l, geometry, encoding);
        CommonModules.addSop(l, SOP_CLASS, sopUid);

        // Enhanced CT Image module
        put(l, TagFromName.ImageType, "DERIVED", "PRIMARY", "VOLUME", "NONE");
        putInt(l, TagFromName.AcquisitionNumber, 1);
        put(l, TagFromName.ContentQualification, "RESEARCH");
        put(l, TagFromName.PixelPresentation, "MONOCHROME");
        put(l, TagFromName.VolumetricProperties, "VOLUME");
        put(l, TagFromName.VolumeBasedCalculationTechnique, "NONE");
        put(l, TagFromName.BurnedInAnnotation, "NO");
        put(l, TagFromName.RecognizableVisualFeatures, "NO");
        put(l, TagFromName.LossyImageCompression, "00");
        put(l, TagFromName.PresentationLUTShape, "IDENTITY");
        // Multi-frame Functional Groups module
        putInt(l, TagFromName.InstanceNumber, 1);
        put(l, TagFromName.ContentDate, study.studyDate());
        put(l, TagFromName.ContentTime, study.studyTime());
        putInt(l, TagFromName.NumberOfFrames, geometry.slices());
        // Acquisition Context module
        seq(l, TagFromName.AcquisitionContextSequence);
        // Multi-frame Dimension module
        String dimUid = study.uids().uid("series/" + seriesKey + "/dimension-organization");
        AttributeList org = new AttributeList();
        put(org, TagFromName.DimensionOrganizationUID, dimUid);
        seq(l, TagFromName.DimensionOrganizationSequence, org);
        put(l, TagFromName.DimensionOrganizationType, "3D");
        AttributeList dim = new AttributeList();
        put(dim, TagFromName.DimensionOrganizationUID, dimUid);
        putTagValue(dim, TagFromName.DimensionIndexPointer, TagFromName.ImagePositionPatient);
        putTagValue(dim, TagFromName.FunctionalGroupPointer, TagFromName.PlanePositionSequence);
        put(dim, TagFromName.DimensionDescriptionLabel, "Image Position");
        seq(l, TagFromName.DimensionIndexSequence, dim);

        seq(l, TagFromName.SharedFunctionalGroupsSequence, sharedGroups());
        SequenceAttribute perFrame = seq(l, TagFromName.PerFrameFunctionalGroupsSequence);
        short[] pixels = new short[geometry.pixelsPerSlice() * geometry.slices()];
        for (int k = 0; k < geometry.slices(); k++) {
            perFrame.addItem(frameGroups(k));
            short[] px = encoding.encode(phantom.hu(geometry, k, noise, study.seed()));
            System.arraycopy(px, 0, pixels, k * px.length, px.length);
        }
        try {
            OtherWordAttribute pd = new OtherWordAttribute(TagFromName.PixelData);
            pd.setValues(pixels);
            l.put(pd);
        } catch (DicomException e) {
            throw new IOException(e);
        }
        CommonModules.write(l, file);
        return sopUid;
    }

    private AttributeList sharedGroups() {
        AttributeList g = new AttributeList();
        AttributeList measures = new AttributeList();
        putDs(measures, TagFromName.PixelSpacing, geometry.rowSpacing(), geometry.columnSpacing());
        putDs(measures, TagFromName.SliceThickness, geometry.sliceThickness());
        putDs(measures, TagFromName.SpacingBetweenSlices, geometry.sliceSpacing());
        seq(g, TagFromName.PixelMeasuresSequence, measures);

        AttributeList orientation = new AttributeList();
        putDs(orientation, TagFromName.ImageOrientationPatient, geometry.orientation());
        seq(g, TagFromName.PlaneOrientationSequence, orientation);

        AttributeList anatomy = new AttributeList();
        seq(anatomy, TagFromName.AnatomicRegionSequence, code("818981001", "SCT", "Abdomen"));
        put(anatomy, TagFromName.FrameLaterality, "U");
        seq(g, TagFromName.FrameAnatomySequence, anatomy);

        AttributeList transform = new AttributeList();
        putDs(transform, TagFromName.RescaleIntercept, encoding.intercept());
        putDs(transform, TagFromName.RescaleSlope, encoding.slope());
        put(transform, TagFromName.RescaleType, "HU");
        seq(g, TagFromName.PixelValueTransformationSequence, transform);

        AttributeList voi = new AttributeList();
        CommonModules.addWindow(voi);
        seq(g, TagFromName.FrameVOILUTSequence, voi);

        AttributeList frameType = new AttributeList();
        put(frameType, TagFromName.FrameType, "DERIVED", "PRIMARY", "VOLUME", "NONE");
        put(frameType, TagFromName.PixelPresentation, "MONOCHROME");
        put(frameType, TagFromName.VolumetricProperties, "VOLUME");
        put(frameType, TagFromName.VolumeBasedCalculationTechnique, "NONE");
        seq(g, TagFromName.CTImageFrameTypeSequence, frameType);

        AttributeList event = new AttributeList();
        put(event, TagFromName.IrradiationEventUID, study.uids().uid("series/" + seriesKey + "/irradiation-event"));
        SequenceAttribute ev = new SequenceAttribute(Tags.IRRADIATION_EVENT_IDENTIFICATION_SEQUENCE);
        ev.addItem(event);
        g.put(ev);
        return g;
    }

    private AttributeList frameGroups(int k) {
        AttributeList g = new AttributeList();
        AttributeList content = new AttributeList();
        put(content, TagFromName.StackID, "1");
        putInt(content, TagFromName.InStackPositionNumber, k + 1);
        putInt(content, TagFromName.DimensionIndexValues, k + 1);
        seq(g, TagFromName.FrameContentSequence, content);
        AttributeList position = new AttributeList();
        putDs(position, TagFromName.ImagePositionPatient, geometry.position(k));
        seq(g, TagFromName.PlanePositionSequence, position);
        return g;
    }

    private static void putTagValue(AttributeList l, AttributeTag t, AttributeTag value) {
        try {
            com.pixelmed.dicom.AttributeTagAttribute a = new com.pixelmed.dicom.AttributeTagAttribute(t);
            a.addValue(value.getGroup(), value.getElement());
            l.put(a);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
    }
}
