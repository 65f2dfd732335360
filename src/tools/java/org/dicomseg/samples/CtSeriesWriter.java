package org.dicomseg.samples;

import static org.dicomseg.samples.Attrs.put;
import static org.dicomseg.samples.Attrs.putDs;
import static org.dicomseg.samples.Attrs.putInt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;

/**
 * Writes a series of single-frame CT Image Storage files ({@code IM0001.dcm}, ...) of a
 * {@link Phantom} on a {@link VolumeGeometry}: one file per slice, Instance Number = slice index
 * + 1, Image Position (Patient) stepping along the normal by the slice spacing, 16-bit pixels
 * with Rescale Slope/Intercept per {@link HuEncoding}. Every Type 1 and Type 2 attribute of the
 * CT Image IOD is present, so dciodvfy reports no errors.
 */
public final class CtSeriesWriter {
    private final SampleStudy study;
    private final VolumeGeometry geometry;
    private final Phantom phantom;
    private HuEncoding encoding = HuEncoding.UNSIGNED;
    private int noise = 5;
    private boolean zeroPixels;
    private String seriesKey = "ct";
    private int seriesNumber = 1;
    private String description = "Synthetic phantom CT";
    private String seriesUid;

    /** A writer with unsigned encoding, ±5 HU noise, series key "ct", number 1. */
    public CtSeriesWriter(SampleStudy study, VolumeGeometry geometry, Phantom phantom) {
        this.study = study;
        this.geometry = geometry;
        this.phantom = phantom;
    }

    /** Sets how HU are stored (default unsigned, intercept -1024). */
    public CtSeriesWriter encoding(HuEncoding e) { this.encoding = e; return this; }

    /** Sets the noise amplitude in HU (default 5; 0 gives exact phantom values). */
    public CtSeriesWriter noise(int hu) { this.noise = Math.max(0, hu); return this; }

    /** Writes all-zero pixel data instead of rendering the phantom (fastest, for benchmarks). */
    public CtSeriesWriter zeroPixels(boolean z) { this.zeroPixels = z; return this; }

    /**
     * Sets the series identity: {@code key} names the series in UID derivation (two series of one
     * study need different keys), {@code number} is Series Number.
     */
    public CtSeriesWriter series(String key, int number, String desc) {
        this.seriesKey = key;
        this.seriesNumber = number;
        this.description = desc;
        this.seriesUid = null;
        return this;
    }

    /** The geometry written. */
    public VolumeGeometry geometry() { return geometry; }

    /** Series Instance UID of the written series. */
    public synchronized String seriesInstanceUid() {
        if (seriesUid == null) seriesUid = study.uids().uid("series/" + seriesKey);
        return seriesUid;
    }

    /** SOP Instance UID of slice {@code k} (0-based); random each call when UIDs are random. */
    public String sopInstanceUid(int k) {
        return study.uids().uid("series/" + seriesKey + "/instance/" + (k + 1));
    }

    /** File name of slice {@code k} (0-based): IM0001.dcm, IM0002.dcm, ... */
    public static String fileName(int k) {
        return String.format("IM%04d.dcm", k + 1);
    }

    /** Writes every slice into {@code dir} (created if needed) and returns the files in slice order. */
    public List<Path> write(Path dir) throws IOException {
        AttributeList l = header();
        List<Path> files = new ArrayList<>(geometry.slices());
        short[] zeros = zeroPixels ? new short[geometry.pixelsPerSlice()] : null;
        for (int k = 0; k < geometry.slices(); k++) {
            short[] px = zeroPixels ? zeros : encoding.encode(phantom.hu(geometry, k, noise, study.seed()));
            addSlice(l, k, px);
            Path f = dir.resolve(fileName(k));
            CommonModules.write(l, f);
            files.add(f);
        }
        return files;
    }

    /** The attributes that are the same for every slice. */
    private AttributeList header() {
        AttributeList l = new AttributeList();
        CommonModules.addStudyLevel(l, study, false);
        CommonModules.addSeries(l, study, seriesInstanceUid(), seriesNumber, description);
        // General Image / General Acquisition
        put(l, TagFromName.ContentDate, study.studyDate());
        put(l, TagFromName.ContentTime, study.studyTime());
        put(l, TagFromName.AcquisitionDate, study.studyDate());
        put(l, TagFromName.AcquisitionTime, study.studyTime());
        put(l, TagFromName.BurnedInAnnotation, "NO");
        put(l, TagFromName.LossyImageCompression, "00");
        // Image Plane
        putDs(l, TagFromName.PixelSpacing, geometry.rowSpacing(), geometry.columnSpacing());
        putDs(l, TagFromName.ImageOrientationPatient, geometry.orientation());
        putDs(l, TagFromName.SliceThickness, geometry.sliceThickness());
        // Image Pixel
        CommonModules.addImagePixel(l, geometry, encoding);
        // CT Image
        put(l, TagFromName.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
        putDs(l, TagFromName.RescaleIntercept, encoding.intercept());
        putDs(l, TagFromName.RescaleSlope, encoding.slope());
        put(l, TagFromName.RescaleType, "HU");
        try {
            com.pixelmed.dicom.Attribute kvp = new com.pixelmed.dicom.DecimalStringAttribute(Tags.KVP);
            kvp.addValue("120");
            l.put(kvp);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        putInt(l, TagFromName.AcquisitionNumber, 1);
        put(l, TagFromName.ConvolutionKernel, "STANDARD");
        put(l, TagFromName.PatientPosition, "HFS");
        // VOI LUT
        CommonModules.addWindow(l);
        put(l, TagFromName.SOPClassUID, SOPClass.CTImageStorage);
        return l;
    }

    private void addSlice(AttributeList l, int k, short[] px) throws IOException {
        putInt(l, TagFromName.InstanceNumber, k + 1);
        putDs(l, TagFromName.ImagePositionPatient, geometry.position(k));
        putDs(l, TagFromName.SliceLocation, geometry.z(k));
        put(l, TagFromName.SOPInstanceUID, sopInstanceUid(k));
        try {
            OtherWordAttribute pd = new OtherWordAttribute(TagFromName.PixelData);
            pd.setValues(px);
            l.put(pd);
        } catch (DicomException e) {
            throw new IOException(e);
        }
    }
}
