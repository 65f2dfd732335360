package org.dicomseg.source;

import java.nio.file.Path;
import java.util.Objects;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.model.PlaneOrientation;
import org.dicomseg.model.PlanePosition;
import org.dicomseg.task.InputException;

/**
 * The header of one source image file, parsed once (up to, not including, Pixel Data): what an
 * export needs to choose and order its sources (size, frames, UIDs, the plane of a single-frame
 * image) and, handed to {@link SourceImages#of}, what the writer needs — so a source folder is
 * parsed once per export, not once to choose the series and again to write.
 *
 * <p>{@link #read} fails with an {@link InputException} naming the file when it is not a DICOM
 * image (no SOP Class/Instance UID, no Rows/Columns).</p>
 */
public final class SourceFile {
    private final Path file;
    private final String url;
    /** The attributes of a plain single-frame image read without PixelMed ({@link LeanHeader}), or null. */
    private final LeanHeader lean;
    /** PixelMed's parse: at once unless {@link #lean}, else when first asked for (the writer's first source, {@link #headerValue}). */
    private AttributeList header;

    private SourceFile(Path file, String url, AttributeList header, LeanHeader lean) {
        this.file = file;
        this.url = url;
        this.header = header;
        this.lean = lean;
    }

    /**
     * Parses the header of {@code file}: a plain single-frame image only as far as choosing, ordering and
     * placing sources needs ({@link LeanHeader}, the whole header when first asked for), anything else with
     * PixelMed at once.
     */
    public static SourceFile read(Path file) throws InputException {
        Objects.requireNonNull(file, "source file");
        LeanHeader lean = LeanHeader.read(file);
        if (lean != null) return new SourceFile(file, null, null, lean);
        return new SourceFile(file, null, SourceImages.readHeader(file), null);
    }

    /** {@link #read} with PixelMed only (tests compare the two). */
    static SourceFile readWhole(Path file) throws InputException {
        return new SourceFile(file, null, SourceImages.readHeader(file), null);
    }

    /** Read by {@link LeanHeader}: its whole header is parsed only when asked for. */
    boolean isLean() { return lean != null; }

    /** The attributes read without PixelMed, or null. */
    LeanHeader lean() { return lean; }

    /**
     * The header of a remote instance (e.g. from WADO-RS metadata, {@code source.web}), known by
     * its {@code url}; the same checks as {@link #read}: SOP Class/Instance UID and Rows/Columns.
     */
    public static SourceFile remote(String url, AttributeList header) throws InputException {
        Objects.requireNonNull(url, "url");
        if (SourceImages.text(header, TagFromName.SOPInstanceUID) == null || SourceImages.text(header, TagFromName.SOPClassUID) == null) {
            throw new InputException("Source " + url + " is not a DICOM image: it has no SOP Class/Instance UID");
        }
        if (header.get(TagFromName.Rows) == null || header.get(TagFromName.Columns) == null) {
            throw new InputException("Source " + url + " is not an image: it has no Rows/Columns");
        }
        return new SourceFile(null, url, header, null);
    }

    /**
     * The parsed header (package use: the writer copies patient/study attributes from it), parsed now when
     * only its lean part was read.
     */
    synchronized AttributeList header() throws InputException {
        if (header == null) header = SourceImages.readHeader(file, lean.raw());
        return header;
    }

    /** {@link #header()} where no checked exception can be thrown: a file gone since it was first read fails here. */
    AttributeList wholeHeader() {
        try {
            return header();
        } catch (InputException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The local file, or null for a remote instance. */
    public Path file() { return file; }
    /** Where the header came from: the file's path, or the remote instance's URL. */
    public String location() { return file != null ? file.toString() : url; }
    /** A short name for messages: the file name, or the remote instance's SOP Instance UID. */
    public String name() { return file != null ? String.valueOf(file.getFileName()) : sopInstanceUid(); }
    public int rows() { return lean != null ? lean.intValue(LeanHeader.ROWS, 0) : Attribute.getSingleIntegerValueOrDefault(header, TagFromName.Rows, 0); }
    public int columns() {
        return lean != null ? lean.intValue(LeanHeader.COLUMNS, 0) : Attribute.getSingleIntegerValueOrDefault(header, TagFromName.Columns, 0);
    }
    /** Number of Frames (0028,0008), 1 when absent. */
    public int numberOfFrames() {
        return Math.max(1, lean != null ? lean.intValue(LeanHeader.NUMBER_OF_FRAMES, 1)
                : Attribute.getSingleIntegerValueOrDefault(header, TagFromName.NumberOfFrames, 1));
    }
    public String sopClassUid() { return lean != null ? lean.text(LeanHeader.SOP_CLASS_UID) : SourceImages.text(header, TagFromName.SOPClassUID); }
    public String sopInstanceUid() {
        return lean != null ? lean.text(LeanHeader.SOP_INSTANCE_UID) : SourceImages.text(header, TagFromName.SOPInstanceUID);
    }
    /** Series Instance UID, or null. */
    public String seriesInstanceUid() {
        return lean != null ? lean.text(LeanHeader.SERIES_INSTANCE_UID) : SourceImages.text(header, TagFromName.SeriesInstanceUID);
    }
    /** Study Instance UID, or null. */
    public String studyInstanceUid() {
        return lean != null ? lean.text(LeanHeader.STUDY_INSTANCE_UID) : SourceImages.text(header, TagFromName.StudyInstanceUID);
    }
    /** Series Description, or null. */
    public String seriesDescription() {
        return lean != null ? lean.text(LeanHeader.SERIES_DESCRIPTION) : SourceImages.text(header, TagFromName.SeriesDescription);
    }
    /** Frame of Reference UID, or null. */
    public String frameOfReferenceUid() {
        return lean != null ? lean.text(LeanHeader.FRAME_OF_REFERENCE_UID) : SourceImages.text(header, TagFromName.FrameOfReferenceUID);
    }
    /** Instance Number, 0 when absent or not a number. */
    public int instanceNumber() {
        return lean != null ? lean.intValue(LeanHeader.INSTANCE_NUMBER, 0) : Attribute.getSingleIntegerValueOrDefault(header, TagFromName.InstanceNumber, 0);
    }

    /** Image Position (Patient) of the top-level data set (single-frame images), or null. */
    public PlanePosition imagePosition() {
        if (lean != null) {
            double[] d = lean.doubles(LeanHeader.IMAGE_POSITION_PATIENT);
            return d != null && d.length == 3 ? PlanePosition.of(d) : null;
        }
        return SourceImages.position(header);
    }

    /** Image Orientation (Patient) of the top-level data set, or null when absent or not two unit vectors. */
    public PlaneOrientation imageOrientation() {
        double[] d = lean != null ? lean.doubles(LeanHeader.IMAGE_ORIENTATION_PATIENT) : SourceImages.doubles(header, TagFromName.ImageOrientationPatient);
        if (d == null || d.length != 6) return null;
        try {
            return new PlaneOrientation(d);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A text value of the header, e.g. {@code headerValue(0x0008, 0x0008)} for Image Type; multiple
     * values joined by a backslash; null when absent, empty or a sequence.
     */
    public String headerValue(int group, int element) {
        return SourceImages.headerValue(wholeHeader(), group, element);
    }

    /** An integer value of the header, or {@code otherwise} when absent or not an integer. */
    public int intValue(int group, int element, int otherwise) {
        return Attribute.getSingleIntegerValueOrDefault(wholeHeader(), new com.pixelmed.dicom.AttributeTag(group, element), otherwise);
    }

    /**
     * The slide geometry when this is a VL Whole Slide Microscopy image with a Total Pixel Matrix
     * (PS3.3 A.32.8, C.8.12.4), else null.
     */
    public TotalPixelMatrix totalPixelMatrix() throws InputException {
        if (lean != null) return null; // never a slide (LeanHeader leaves those to PixelMed)
        return TotalPixelMatrix.isSlide(header) ? TotalPixelMatrix.of(header, location()) : null;
    }

    @Override public String toString() {
        return name() + " (" + columns() + "x" + rows() + ")";
    }
}
