package org.dicomseg.ij.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.dicomseg.source.SourceFile;
import org.dicomseg.source.SourceHeaderCache;
import org.dicomseg.model.PlaneOrientation;
import org.dicomseg.model.PlanePosition;
import org.dicomseg.task.InputException;

/**
 * What the exporter needs to know about one source DICOM file before the writer reads it fully:
 * size, number of frames, frame of reference, series, and (for single-frame images) where the plane
 * lies, to put a series into spatial order. Read from a file, it keeps the codec's parsed header
 * ({@link SourceFile}), which the writer then uses as it is (one parse per file and export); made
 * from an open image's header text ({@link #of}), the writer reads the file itself.
 */
public final class SourceHeader {
    /** SOP classes of segmentations (binary/fractional SEG and Label Map SEG), never sources. */
    private static final String SEG_CLASS = "1.2.840.10008.5.1.4.1.1.66.4";
    private static final String LABELMAP_SEG_CLASS = "1.2.840.10008.5.1.4.1.1.66.7";

    private final Path file;
    private final String name;
    private final String location;
    private final int rows;
    private final int columns;
    private final int frames;
    private final String sopClassUid;
    private final String sopInstanceUid;
    private final String seriesInstanceUid;
    private final String seriesDescription;
    private final String frameOfReferenceUid;
    private final PlanePosition position;
    private final PlaneOrientation orientation;
    private final int instanceNumber;
    private final SourceFile parsed; // null when made from header text

    private SourceHeader(SourceFile f) {
        this.file = f.file();
        this.name = f.name();
        this.location = f.location();
        this.rows = f.rows();
        this.columns = f.columns();
        this.frames = f.numberOfFrames();
        this.sopClassUid = f.sopClassUid();
        this.sopInstanceUid = f.sopInstanceUid();
        this.seriesInstanceUid = f.seriesInstanceUid();
        this.seriesDescription = f.seriesDescription();
        this.frameOfReferenceUid = f.frameOfReferenceUid();
        this.position = f.imagePosition();
        this.orientation = f.imageOrientation();
        this.instanceNumber = f.instanceNumber();
        this.parsed = f;
    }

    private SourceHeader(Path file, DicomInfo info) {
        this.parsed = null;
        this.file = file;
        this.name = String.valueOf(file.getFileName());
        this.location = file.toString();
        this.rows = info.getInt("0028,0010", 0);
        this.columns = info.getInt("0028,0011", 0);
        this.frames = Math.max(1, info.getInt("0028,0008", 1));
        this.sopClassUid = info.get("0008,0016");
        this.sopInstanceUid = info.get("0008,0018");
        this.seriesInstanceUid = info.get("0020,000E");
        this.seriesDescription = info.get("0008,103E");
        this.frameOfReferenceUid = info.get("0020,0052");
        double[] pos = info.getDoubles("0020,0032");
        this.position = pos != null && pos.length == 3 ? PlanePosition.of(pos) : null;
        double[] ori = info.getDoubles("0020,0037");
        PlaneOrientation o = null;
        if (ori != null && ori.length == 6) {
            try {
                o = new PlaneOrientation(ori);
            } catch (IllegalArgumentException e) {
                o = null;
            }
        }
        this.orientation = o;
        this.instanceNumber = info.getInt("0020,0013", 0);
    }

    /** From header text already in memory (an open image's "Info"), describing {@code file}. */
    public static SourceHeader of(Path file, DicomInfo info) {
        return new SourceHeader(file, info);
    }

    /**
     * Reads the header of {@code file}; throws {@link IOException} naming the file when it is not a DICOM image.
     * Served from the session's {@link SourceHeaderCache} when the file has not changed since it was read.
     */
    public static SourceHeader read(Path file) throws IOException {
        if (!isDicomFile(file)) throw new InputException(file + " is not a DICOM file");
        return new SourceHeader(SourceHeaderCache.shared().read(file));
    }

    /**
     * True when the File Meta Information names a non-image storage class of the 1.2.840.10008.5.1.4.1.1.66
     * family (segmentations, registrations, fiducials, surfaces: never source images), read from the
     * first bytes only, so folder searches skip large SEGs without parsing them.
     */
    public static boolean isNonImage(Path file) {
        return SourceHeaderCache.isNonImageClass(SourceHeaderCache.shared().mediaStorageSopClassUid(file));
    }

    /** The header of a source already parsed (a local file or a remote instance, {@code source.web}). */
    public static SourceHeader of(SourceFile parsed) {
        return new SourceHeader(parsed);
    }

    /** The codec's parsed header when this was read from the file, else null. */
    public SourceFile parsed() { return parsed; }

    /** True when the file starts with the DICOM Part 10 preamble ("DICM" at byte 128). */
    public static boolean isDicomFile(Path file) {
        return SourceHeaderCache.shared().isDicomFile(file);
    }

    /** The local file, or null for a remote instance. */
    public Path file() { return file; }
    /** A short name for messages: the file name, or a remote instance's SOP Instance UID. */
    public String name() { return name; }
    /** The file's path or the remote instance's URL. */
    public String location() { return location; }
    /** True when the header came from a server, not a local file. */
    public boolean isRemote() { return file == null; }
    public int rows() { return rows; }
    public int columns() { return columns; }
    /** Number of Frames, 1 for single-frame images. */
    public int frames() { return frames; }
    public String sopClassUid() { return sopClassUid; }
    public String sopInstanceUid() { return sopInstanceUid; }
    public String seriesInstanceUid() { return seriesInstanceUid; }
    /** Series Description, or null. */
    public String seriesDescription() { return seriesDescription; }
    public String frameOfReferenceUid() { return frameOfReferenceUid; }
    /** Image Position (Patient) of a single-frame image, or null. */
    public PlanePosition position() { return position; }
    /** Image Orientation (Patient), or null. */
    public PlaneOrientation orientation() { return orientation; }
    public int instanceNumber() { return instanceNumber; }

    /** True for segmentation objects, which are never sources. */
    public boolean isSegmentation() {
        return SEG_CLASS.equals(sopClassUid) || LABELMAP_SEG_CLASS.equals(sopClassUid);
    }

    @Override public String toString() {
        return name + " (" + columns + "x" + rows + (frames > 1 ? ", " + frames + " frames" : "")
                + (position != null ? ", at " + Arrays.toString(position.toArray()) : "") + ")";
    }
}
