package org.dicomseg.ij;

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

    /** Parses ImageJ's DICOM header text ("gggg,eeee  Name: value" lines). */
    static DicomHeaderInfo parse(Path file, String info) {
        String uid = null;
        double[] pos = null;
        int rows = 0, cols = 0;
        for (String line : info.split("\n")) {
            if (line.length() < 9) continue;
            String tag = line.substring(0, 9);
            String value = value(line);
            switch (tag) {
                case "0008,0018": uid = value; break;
                case "0020,0032": pos = numbers(value, 3); break;
                case "0028,0010": rows = (int) first(value); break;
                case "0028,0011": cols = (int) first(value); break;
                default: break;
            }
        }
        if (uid == null || uid.isEmpty()) return null;
        return new DicomHeaderInfo(file, uid, pos, rows, cols);
    }

    private static String value(String line) {
        int colon = line.indexOf(": ", 9);
        return colon < 0 ? "" : line.substring(colon + 2).trim();
    }

    private static double first(String v) {
        double[] d = numbers(v, 1);
        return d == null ? 0 : d[0];
    }

    private static double[] numbers(String v, int n) {
        String[] parts = v.split("\\\\");
        if (parts.length < n) return null;
        double[] d = new double[n];
        try {
            for (int i = 0; i < n; i++) d[i] = Double.parseDouble(parts[i].trim());
        } catch (NumberFormatException e) {
            return null;
        }
        return d;
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
