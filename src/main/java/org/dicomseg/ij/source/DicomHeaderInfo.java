package org.dicomseg.ij.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.plugin.DICOM;

/**
 * The few attributes of a source image that the importer needs to match it against a SEG (SOP
 * Instance UID, Image Position (Patient), Rows, Columns), read with ImageJ's own DICOM decoder so
 * that {@code org.dicomseg.ij} stays free of the codec toolkit. Only files that look like DICOM
 * (the "DICM" preamble, or a first group 0008 element) are handed to the decoder, so scanning a
 * folder with other files never pops up ImageJ's "not a DICOM file" error.
 */
public final class DicomHeaderInfo {
    private final Path path;
    private final String sopInstanceUid;
    private final double[] position;
    private final int rows;
    private final int columns;

    private DicomHeaderInfo(Path path, String sopInstanceUid, double[] position, int rows, int columns) {
        this.path = path;
        this.sopInstanceUid = sopInstanceUid;
        this.position = position;
        this.rows = rows;
        this.columns = columns;
    }

    public Path path() { return path; }
    /** SOP Instance UID (0008,0018), or null. */
    public String sopInstanceUid() { return sopInstanceUid; }
    /** Image Position (Patient) (0020,0032), or null. */
    public double[] position() { return position == null ? null : position.clone(); }
    public int rows() { return rows; }
    public int columns() { return columns; }

    /** Reads the header of {@code file}, or returns null when it is not a DICOM file ImageJ can parse. */
    public static DicomHeaderInfo read(Path file) {
        if (!looksLikeDicom(file)) return null;
        String info;
        try {
            info = new DICOM().getInfo(file.toString());
        } catch (RuntimeException e) {
            return null;
        }
        if (info == null || info.isEmpty()) return null;
        return parse(file, info);
    }

    /** Parses ImageJ's DICOM header text ("gggg,eeee  Name: value" lines) with {@link DicomInfo}. */
    static DicomHeaderInfo parse(Path file, String text) {
        DicomInfo info = DicomInfo.parse(text);
        String uid = info.get("0008,0018");
        if (uid == null) return null;
        double[] pos = info.getDoubles("0020,0032");
        pos = pos != null && pos.length >= 3 ? java.util.Arrays.copyOf(pos, 3) : null;
        return new DicomHeaderInfo(file, uid, pos, info.getInt("0028,0010", 0), info.getInt("0028,0011", 0));
    }

    /** "DICM" at offset 128, or a file starting with a little-endian group 0002/0008 tag (no preamble). */
    static boolean looksLikeDicom(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(132);
            if (b.length == 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M') return true;
            return b.length >= 4 && (b[0] == 8 || b[0] == 2) && b[1] == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
