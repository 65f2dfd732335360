package org.dicomseg.samples;

import static org.dicomseg.samples.Attrs.put;
import static org.dicomseg.samples.Attrs.putDs;
import static org.dicomseg.samples.Attrs.putInt;
import static org.dicomseg.samples.Attrs.seq;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

/**
 * A synthetic short-axis cardiac cine MR: {@code slices} parallel slices × {@code phases} cardiac
 * phases of a beating left ventricle ({@link #bloodPool}: a disc whose radius follows the cycle,
 * inside a myocardial ring), written either as single-frame MR Image Storage files, one per slice
 * and phase, or as one Enhanced MR Image Storage object.
 *
 * <ul>
 *   <li>Single-frame ({@link #writeSeries}): Instance Number = slice × phases + phase + 1 (phases
 *       fastest, as scanners number a multi-slice cine), files {@code IM0001.dcm ...} in that
 *       order; every phase of a slice shares its Image Position (Patient); Trigger Time = phase ×
 *       RR / phases plus a per-slice jitter of slice × 1.3 ms (as in real gated acquisitions),
 *       Cardiac Number of Images, and an Acquisition Time per slice (one breath-hold each). With
 *       {@link #timeAttributes(boolean) timeAttributes(false)} Trigger Time is left out and the
 *       Acquisition Time is the same for all: nothing tells the phases apart.</li>
 *   <li>Enhanced ({@link #writeEnhanced}): frames slice by slice, phases within a slice; per frame
 *       Frame Content (Stack ID 1, In-Stack Position Number, Temporal Position Index, Frame
 *       Acquisition DateTime, Dimension Index Values), Plane Position and Cardiac Synchronization
 *       (Nominal Cardiac Trigger Delay Time); Dimension Index Sequence: Stack ID, In-Stack Position
 *       Number, Temporal Position Index; Dimension Organization Type 3D_TEMPORAL.</li>
 * </ul>
 */
public final class CineMrWriter {
    /** MR Image Storage. */
    public static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";
    /** Enhanced MR Image Storage. */
    public static final String ENHANCED_MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4.1";
    /** RR interval in ms. */
    public static final double RR_MS = 1000.0;

    private final SampleStudy study;
    private final int rows;
    private final int columns;
    private final int slices;
    private final int phases;
    private final double pixelSpacing = 1.5;
    private final double sliceSpacing = 8.0;
    private boolean timeAttributes = true;
    private String seriesKey = "cine-mr";

    /** A cine of {@code slices} × {@code phases} images of {@code columns} × {@code rows} pixels. */
    public CineMrWriter(SampleStudy study, int rows, int columns, int slices, int phases) {
        this.study = study;
        this.rows = rows;
        this.columns = columns;
        this.slices = slices;
        this.phases = phases;
    }

    /** false: no Trigger Time and one Acquisition Time for every image (an ambiguous series). */
    public CineMrWriter timeAttributes(boolean b) { this.timeAttributes = b; return this; }

    /** The series key used in UID derivation (two series of one study need different keys). */
    public CineMrWriter series(String key) { this.seriesKey = key; return this; }

    public int rows() { return rows; }
    public int columns() { return columns; }
    public int slices() { return slices; }
    public int phases() { return phases; }

    /** Image Position (Patient) of slice {@code z}: a short-axis stack stepping along z. */
    public double[] position(int z) {
        return new double[] {-columns * pixelSpacing / 2, -rows * pixelSpacing / 2, -40 + z * sliceSpacing};
    }

    /** Trigger Time (ms) of phase {@code t} on slice {@code z}. */
    public double triggerTime(int z, int t) {
        return Math.round((t * RR_MS / phases + z * 1.3) * 10) / 10.0;
    }

    /** The radius (pixels) of the blood pool at phase {@code t}: largest at end-diastole (t = 0). */
    public double radius(int z, int t) {
        double taper = 1 - Math.abs(z - (slices - 1) / 2.0) / slices;
        return (9 + 5 * Math.cos(2 * Math.PI * t / phases)) * taper;
    }

    /** True when pixel (r, c) of slice z, phase t is in the left-ventricular blood pool. */
    public boolean bloodPool(int z, int t, int r, int c) {
        double dr = r - rows / 2.0, dc = c - columns / 2.0 - 4;
        return dr * dr + dc * dc <= radius(z, t) * radius(z, t);
    }

    /** True when pixel (r, c) of slice z, phase t is in the myocardium (a 5-pixel ring around the pool). */
    public boolean myocardium(int z, int t, int r, int c) {
        double dr = r - rows / 2.0, dc = c - columns / 2.0 - 4;
        double d = Math.sqrt(dr * dr + dc * dc), rad = radius(z, t);
        return d > rad && d <= rad + 5;
    }

    private short[] pixels(int z, int t) {
        short[] px = new short[rows * columns];
        java.util.Random noise = new java.util.Random(study.seed() * 1000003L + z * 131L + t);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int v = bloodPool(z, t, r, c) ? 900 : myocardium(z, t, r, c) ? 300 : 120;
                px[r * columns + c] = (short) (v + noise.nextInt(21) - 10);
            }
        }
        return px;
    }

    /** File name of instance {@code k} (0-based). */
    public static String fileName(int k) {
        return String.format("IM%04d.dcm", k + 1);
    }

    /** SOP Instance UID of the single-frame image of slice z, phase t. */
    public String sopInstanceUid(int z, int t) {
        return study.uids().uid("series/" + seriesKey + "/instance/" + (z * phases + t + 1));
    }

    /** Writes slices × phases single-frame files into {@code dir}, in Instance Number order. */
    public List<Path> writeSeries(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        AttributeList l = new AttributeList();
        common(l, MR_IMAGE_STORAGE, 3);
        put(l, TagFromName.ImageType, "ORIGINAL", "PRIMARY", "M", "NONE");
        put(l, new AttributeTag(0x0018, 0x0020), "GR");
        put(l, new AttributeTag(0x0018, 0x0021), "SS");
        put(l, new AttributeTag(0x0018, 0x0022), "CG");
        put(l, TagFromName.MRAcquisitionType, "2D");
        putDs(l, TagFromName.RepetitionTime, 3.2);
        putDs(l, TagFromName.EchoTime, 1.4);
        putInt(l, TagFromName.EchoTrainLength, 1);
        putDs(l, TagFromName.SliceThickness, sliceSpacing);
        putDs(l, TagFromName.PixelSpacing, pixelSpacing, pixelSpacing);
        putDs(l, TagFromName.ImageOrientationPatient, 1, 0, 0, 0, 1, 0);
        putInt(l, new AttributeTag(0x0018, 0x1062), (int) RR_MS);
        putInt(l, new AttributeTag(0x0018, 0x1090), phases);
        put(l, TagFromName.BurnedInAnnotation, "NO");
        put(l, TagFromName.AcquisitionDate, study.studyDate());
        for (int z = 0; z < slices; z++) {
            for (int t = 0; t < phases; t++) {
                int k = z * phases + t;
                putInt(l, TagFromName.InstanceNumber, k + 1);
                putDs(l, TagFromName.ImagePositionPatient, position(z));
                putDs(l, TagFromName.SliceLocation, position(z)[2]);
                if (timeAttributes) {
                    putDs(l, TagFromName.TriggerTime, triggerTime(z, t));
                    put(l, TagFromName.AcquisitionTime, String.format("1012%02d", z * 4 % 60));
                } else {
                    put(l, TagFromName.AcquisitionTime, "101200");
                }
                put(l, TagFromName.SOPInstanceUID, sopInstanceUid(z, t));
                try {
                    OtherWordAttribute pd = new OtherWordAttribute(TagFromName.PixelData);
                    pd.setValues(pixels(z, t));
                    l.put(pd);
                } catch (DicomException e) {
                    throw new IOException(e);
                }
                Path f = dir.resolve(fileName(k));
                CommonModules.write(l, f);
                files.add(f);
            }
        }
        return files;
    }

    /** Writes one Enhanced MR object with slices × phases frames (slice by slice, phases within). */
    public String writeEnhanced(Path file) throws IOException {
        AttributeList l = new AttributeList();
        String sop = study.uids().uid("series/" + seriesKey + "-enhanced/instance/1");
        common(l, ENHANCED_MR_IMAGE_STORAGE, 4);
        put(l, TagFromName.SOPInstanceUID, sop);
        put(l, TagFromName.SeriesInstanceUID, study.uids().uid("series/" + seriesKey + "-enhanced"));
        put(l, TagFromName.ImageType, "ORIGINAL", "PRIMARY", "M", "NONE");
        put(l, TagFromName.PixelPresentation, "MONOCHROME");
        put(l, TagFromName.VolumetricProperties, "VOLUME");
        put(l, TagFromName.VolumeBasedCalculationTechnique, "NONE");
        put(l, TagFromName.ComplexImageComponent, "MAGNITUDE");
        put(l, TagFromName.AcquisitionContrast, "MIXED");
        put(l, TagFromName.BurnedInAnnotation, "NO");
        put(l, TagFromName.ContentQualification, "RESEARCH");
        putInt(l, TagFromName.InstanceNumber, 1);
        putInt(l, TagFromName.NumberOfFrames, slices * phases);
        put(l, TagFromName.AcquisitionDateTime, study.studyDate() + "101200");
        seq(l, TagFromName.AcquisitionContextSequence);
        String dimUid = study.uids().uid("series/" + seriesKey + "-enhanced/dimension-organization");
        AttributeList org = new AttributeList();
        put(org, TagFromName.DimensionOrganizationUID, dimUid);
        seq(l, TagFromName.DimensionOrganizationSequence, org);
        put(l, TagFromName.DimensionOrganizationType, "3D_TEMPORAL");
        SequenceAttribute dims = seq(l, TagFromName.DimensionIndexSequence);
        dims.addItem(dimension(dimUid, TagFromName.StackID, "Stack ID"));
        dims.addItem(dimension(dimUid, TagFromName.InStackPositionNumber, "In-Stack Position Number"));
        dims.addItem(dimension(dimUid, TagFromName.TemporalPositionIndex, "Temporal Position Index"));

        AttributeList shared = new AttributeList();
        AttributeList measures = new AttributeList();
        putDs(measures, TagFromName.PixelSpacing, pixelSpacing, pixelSpacing);
        putDs(measures, TagFromName.SliceThickness, sliceSpacing);
        seq(shared, TagFromName.PixelMeasuresSequence, measures);
        AttributeList orientation = new AttributeList();
        putDs(orientation, TagFromName.ImageOrientationPatient, 1, 0, 0, 0, 1, 0);
        seq(shared, TagFromName.PlaneOrientationSequence, orientation);
        AttributeList frameType = new AttributeList();
        put(frameType, TagFromName.FrameType, "ORIGINAL", "PRIMARY", "M", "NONE");
        put(frameType, TagFromName.PixelPresentation, "MONOCHROME");
        put(frameType, TagFromName.VolumetricProperties, "VOLUME");
        put(frameType, TagFromName.VolumeBasedCalculationTechnique, "NONE");
        put(frameType, TagFromName.ComplexImageComponent, "MAGNITUDE");
        put(frameType, TagFromName.AcquisitionContrast, "MIXED");
        seq(shared, TagFromName.MRImageFrameTypeSequence, frameType);
        seq(l, TagFromName.SharedFunctionalGroupsSequence, shared);

        SequenceAttribute perFrame = seq(l, TagFromName.PerFrameFunctionalGroupsSequence);
        short[] all = new short[rows * columns * slices * phases];
        int k = 0;
        for (int z = 0; z < slices; z++) {
            for (int t = 0; t < phases; t++) {
                AttributeList g = new AttributeList();
                AttributeList cardiac = new AttributeList();
                putDs(cardiac, new AttributeTag(0x0020, 0x9153), triggerTime(z, t)); // Nominal Cardiac Trigger Delay Time (FD)
                seq(g, new AttributeTag(0x0018, 0x9118), cardiac);                   // Cardiac Synchronization Sequence
                AttributeList content = new AttributeList();
                put(content, TagFromName.FrameAcquisitionDateTime, study.studyDate() + String.format("1012%02d.%03d", z * 4 % 60,
                        (int) triggerTime(z, t) % 1000));
                put(content, TagFromName.StackID, "1");
                putInt(content, TagFromName.InStackPositionNumber, z + 1);
                putInt(content, TagFromName.TemporalPositionIndex, t + 1);
                putInt(content, TagFromName.DimensionIndexValues, 1, z + 1, t + 1);
                seq(g, TagFromName.FrameContentSequence, content);
                AttributeList position = new AttributeList();
                putDs(position, TagFromName.ImagePositionPatient, position(z));
                seq(g, TagFromName.PlanePositionSequence, position);
                perFrame.addItem(g);
                short[] px = pixels(z, t);
                System.arraycopy(px, 0, all, k * px.length, px.length);
                k++;
            }
        }
        try {
            OtherWordAttribute pd = new OtherWordAttribute(TagFromName.PixelData);
            pd.setValues(all);
            l.put(pd);
        } catch (DicomException e) {
            throw new IOException(e);
        }
        CommonModules.write(l, file);
        return sop;
    }

    /** Study, series (Modality MR), equipment, image pixel and SOP Class of either form. */
    private void common(AttributeList l, String sopClass, int seriesNumber) {
        CommonModules.addStudyLevel(l, study, true);
        CommonModules.addSeries(l, study, study.uids().uid("series/" + seriesKey), seriesNumber, "Synthetic short-axis cine");
        put(l, TagFromName.Modality, "MR");
        put(l, TagFromName.BodyPartExamined, "HEART");
        putInt(l, TagFromName.SamplesPerPixel, 1);
        put(l, TagFromName.PhotometricInterpretation, "MONOCHROME2");
        putInt(l, TagFromName.Rows, rows);
        putInt(l, TagFromName.Columns, columns);
        putInt(l, TagFromName.BitsAllocated, 16);
        putInt(l, TagFromName.BitsStored, 16);
        putInt(l, TagFromName.HighBit, 15);
        putInt(l, TagFromName.PixelRepresentation, 0);
        put(l, TagFromName.ContentDate, study.studyDate());
        put(l, TagFromName.ContentTime, study.studyTime());
        put(l, TagFromName.LossyImageCompression, "00");
        put(l, TagFromName.SOPClassUID, sopClass);
    }

    private static AttributeList dimension(String uid, AttributeTag pointer, String label) {
        AttributeList d = new AttributeList();
        put(d, TagFromName.DimensionOrganizationUID, uid);
        try {
            com.pixelmed.dicom.AttributeTagAttribute a = new com.pixelmed.dicom.AttributeTagAttribute(TagFromName.DimensionIndexPointer);
            a.addValue(pointer.getGroup(), pointer.getElement());
            d.put(a);
            com.pixelmed.dicom.AttributeTagAttribute g = new com.pixelmed.dicom.AttributeTagAttribute(TagFromName.FunctionalGroupPointer);
            g.addValue(TagFromName.FrameContentSequence.getGroup(), TagFromName.FrameContentSequence.getElement());
            d.put(g);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        put(d, TagFromName.DimensionDescriptionLabel, label);
        return d;
    }
}
