package org.dicomseg.slide;

import java.io.IOException;
import java.nio.file.Path;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.codec.SegWriteException;
import org.dicomseg.codec.SourceImages;
import org.dicomseg.codec.TotalPixelMatrix;

/**
 * One instance of a VL Whole Slide Microscopy image series (PS3.3 A.32.8): one pyramid level (or
 * a label/overview/thumbnail image), read header-only: its Total Pixel Matrix (size, origin,
 * orientation, pixel spacing, tile grid; {@link TotalPixelMatrix}), Image Type value 3 (VOLUME,
 * LABEL, OVERVIEW, THUMBNAIL; C.8.12.4.1.1), the pixel encoding of its tiles (Samples per Pixel,
 * Photometric Interpretation, Planar Configuration, Bits Allocated; C.7.6.3) and the transfer
 * syntax, plus the identifiers an export needs (SOP Instance, Series, Frame of Reference UIDs).
 */
public final class SlideLevel {
    private final Path file;
    private final TotalPixelMatrix matrix;
    private final String sopInstanceUid;
    private final String seriesInstanceUid;
    private final String frameOfReferenceUid;
    private final String imageFlavor;
    private final int samplesPerPixel;
    private final String photometric;
    private final int planarConfiguration;
    private final int bitsAllocated;
    private final int frames;
    private final String transferSyntaxUid;

    private SlideLevel(Path file, TotalPixelMatrix matrix, AttributeList h) {
        this.file = file;
        this.matrix = matrix;
        this.sopInstanceUid = text(h, TagFromName.SOPInstanceUID);
        this.seriesInstanceUid = text(h, TagFromName.SeriesInstanceUID);
        this.frameOfReferenceUid = text(h, TagFromName.FrameOfReferenceUID);
        String flavor = "VOLUME";
        try {
            Attribute t = h.get(TagFromName.ImageType);
            String[] v = t == null ? null : t.getStringValues();
            if (v != null && v.length >= 3 && !v[2].isBlank()) flavor = v[2].trim();
        } catch (DicomException e) {
            // keep VOLUME
        }
        this.imageFlavor = flavor;
        this.samplesPerPixel = Attribute.getSingleIntegerValueOrDefault(h, TagFromName.SamplesPerPixel, 1);
        this.photometric = text(h, TagFromName.PhotometricInterpretation);
        this.planarConfiguration = Attribute.getSingleIntegerValueOrDefault(h, TagFromName.PlanarConfiguration, 0);
        this.bitsAllocated = Attribute.getSingleIntegerValueOrDefault(h, TagFromName.BitsAllocated, 8);
        this.frames = Attribute.getSingleIntegerValueOrDefault(h, TagFromName.NumberOfFrames, 1);
        this.transferSyntaxUid = text(h, TagFromName.TransferSyntaxUID);
    }

    /**
     * Reads the header of {@code file}.
     *
     * @throws IOException when it is not a VL Whole Slide Microscopy image with a Total Pixel Matrix
     */
    public static SlideLevel read(Path file) throws IOException {
        AttributeList h = new AttributeList();
        try {
            h.read(file.toFile(), TagFromName.PixelData);
        } catch (DicomException | RuntimeException e) {
            throw new IOException(file + " is not a DICOM file: " + e.getMessage(), e);
        }
        if (!TotalPixelMatrix.VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE.equals(text(h, TagFromName.SOPClassUID))) {
            throw new IOException(file + " is not a VL Whole Slide Microscopy image (SOP Class " + text(h, TagFromName.SOPClassUID) + ")");
        }
        TotalPixelMatrix m;
        try {
            m = SourceImages.read(file).totalPixelMatrix();
        } catch (SegWriteException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (m == null) throw new IOException(file + " has no Total Pixel Matrix Rows/Columns");
        return new SlideLevel(file, m, h);
    }

    private static String text(AttributeList l, com.pixelmed.dicom.AttributeTag t) {
        String s = Attribute.getSingleStringValueOrNull(l, t);
        return s == null || s.isBlank() ? null : s.trim();
    }

    public Path file() { return file; }
    /** Slide geometry of this level. */
    public TotalPixelMatrix matrix() { return matrix; }
    /** Total Pixel Matrix Columns. */
    public long width() { return matrix.columns(); }
    /** Total Pixel Matrix Rows. */
    public long height() { return matrix.rows(); }
    public String sopInstanceUid() { return sopInstanceUid; }
    public String seriesInstanceUid() { return seriesInstanceUid; }
    public String frameOfReferenceUid() { return frameOfReferenceUid; }
    /** Image Type value 3: VOLUME (a pyramid level), LABEL, OVERVIEW or THUMBNAIL. */
    public String imageFlavor() { return imageFlavor; }
    /** True for a pyramid level (Image Type value 3 VOLUME or THUMBNAIL). */
    public boolean isPyramidLevel() { return "VOLUME".equals(imageFlavor) || "THUMBNAIL".equals(imageFlavor); }
    public int samplesPerPixel() { return samplesPerPixel; }
    public String photometricInterpretation() { return photometric; }
    public int planarConfiguration() { return planarConfiguration; }
    public int bitsAllocated() { return bitsAllocated; }
    public int frames() { return frames; }
    /** Transfer Syntax UID (from the File Meta Information). */
    public String transferSyntaxUid() { return transferSyntaxUid; }

    /** One line for dialogs: size, spacing in µm, tiles, flavor. */
    public String describe() {
        return width() + " x " + height() + " px, " + String.format(java.util.Locale.ROOT, "%.4g", matrix.columnSpacing() * 1000)
                + " µm/px, tiles " + matrix.tileColumns() + "x" + matrix.tileRows() + (isPyramidLevel() ? "" : ", " + imageFlavor);
    }

    @Override public String toString() { return file.getFileName() + ": " + describe(); }
}
