package org.dicomseg.source.slide;

import org.dicomseg.dicom.FrameFetcher;
import java.nio.file.Path;

import org.dicomseg.source.SourceFile;
import org.dicomseg.source.TotalPixelMatrix;
import org.dicomseg.task.InputException;

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

    private final SourceFile header;
    private final FrameFetcher remote;

    private SlideLevel(SourceFile h, TotalPixelMatrix matrix, FrameFetcher remote) {
        this.header = h;
        this.remote = remote;
        this.file = h.file();
        this.matrix = matrix;
        this.sopInstanceUid = h.sopInstanceUid();
        this.seriesInstanceUid = h.seriesInstanceUid();
        this.frameOfReferenceUid = h.frameOfReferenceUid();
        String imageType = h.headerValue(0x0008, 0x0008);
        String[] v = imageType == null ? new String[0] : imageType.split("\\\\");
        this.imageFlavor = v.length >= 3 && !v[2].isBlank() ? v[2].trim() : "VOLUME";
        this.samplesPerPixel = h.intValue(0x0028, 0x0002, 1);
        this.photometric = h.headerValue(0x0028, 0x0004);
        this.planarConfiguration = h.intValue(0x0028, 0x0006, 0);
        this.bitsAllocated = h.intValue(0x0028, 0x0100, 8);
        this.frames = h.intValue(0x0028, 0x0008, 1);
        this.transferSyntaxUid = h.headerValue(0x0002, 0x0010);
    }

    /**
     * False when {@code file} cannot be a slide image by its first bytes: no DICOM preamble, or a
     * Media Storage SOP Class UID (0002,0002) other than VL Whole Slide Microscopy Image Storage. A
     * folder scan then costs a few hundred bytes per other file, not a parse of its header (a SEG's
     * per-frame groups, another image's).
     */
    static boolean mayBeSlide(Path file) {
        String c = org.dicomseg.dicom.DataSetWalker.mediaStorageSopClassUid(file);
        return c != null && (c.isEmpty() || TotalPixelMatrix.VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE.equals(c));
    }

    /**
     * Reads the header of {@code file} (once: the export of a SEG over this level reuses it).
     *
     * @throws InputException when it is not a VL Whole Slide Microscopy image with a Total Pixel Matrix
     */
    public static SlideLevel read(Path file) throws InputException {
        SourceFile h = SourceFile.read(file);
        if (!TotalPixelMatrix.VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE.equals(h.sopClassUid())) {
            throw new InputException(file + " is not a VL Whole Slide Microscopy image (SOP Class " + h.sopClassUid() + ")");
        }
        TotalPixelMatrix m = h.totalPixelMatrix();
        if (m == null) throw new InputException(file + " has no Total Pixel Matrix Rows/Columns");
        return new SlideLevel(h, m, null);
    }

    /**
     * A level on a server: its header (e.g. from WADO-RS metadata, with no File Meta Information,
     * so the transfer syntax comes with the tiles) and how to fetch its tiles.
     *
     * @throws InputException when it is not a VL Whole Slide Microscopy image with a Total Pixel Matrix
     */
    public static SlideLevel remote(SourceFile h, FrameFetcher tiles) throws InputException {
        if (!TotalPixelMatrix.VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE.equals(h.sopClassUid())) {
            throw new InputException(h.location() + " is not a VL Whole Slide Microscopy image (SOP Class " + h.sopClassUid() + ")");
        }
        TotalPixelMatrix m = h.totalPixelMatrix();
        if (m == null) throw new InputException(h.location() + " has no Total Pixel Matrix Rows/Columns");
        return new SlideLevel(h, m, java.util.Objects.requireNonNull(tiles, "tiles"));
    }

    /** How to fetch the tiles of a remote level, or null for a local file. */
    public FrameFetcher remoteFrames() { return remote; }

    /** A short name for titles and messages: the file name, or a remote level's SOP Instance UID. */
    public String name() { return header.name(); }

    /** The parsed header, as the writer takes it ({@code SourceImages.of(List.of(level.header()))}). */
    public SourceFile header() { return header; }

    /** The local file, or null for a remote level. */
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
    /** Transfer Syntax UID (from the File Meta Information; null for a remote level). */
    public String transferSyntaxUid() { return transferSyntaxUid; }

    /** One line for dialogs: size, spacing in µm, tiles, flavor. */
    public String describe() {
        return width() + " x " + height() + " px, " + String.format(java.util.Locale.ROOT, "%.4g", matrix.columnSpacing() * 1000)
                + " µm/px, tiles " + matrix.tileColumns() + "x" + matrix.tileRows()
                + (matrix.focalPlaneCount() > 1 ? ", " + matrix.focalPlaneCount() + " focal planes" : "")
                + (matrix.opticalPathCount() > 1 ? ", " + matrix.opticalPathCount() + " optical paths" : "")
                + (isPyramidLevel() ? "" : ", " + imageFlavor);
    }

    @Override public String toString() { return name() + ": " + describe(); }
}
