package org.dicomseg.ij.source;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.dicomseg.dicom.StringValues;

/**
 * The DICOM header text ImageJ keeps for images it read with its DICOM reader (the "Info"
 * property, the text after the first line of a slice label, and {@code ij.plugin.DICOM.getInfo}),
 * one element per line as {@code "0020,0032  Image Position (Patient): -125\-128\-99"}. Only
 * top-level elements are indexed (nested sequence items, which ImageJ prefixes with {@code ">"},
 * are skipped), the first occurrence winning.
 */
public final class DicomInfo {
    private final Map<String, String> values = new HashMap<>();

    private DicomInfo() { }

    /** Parses header text; returns an instance with no elements for null or non-DICOM text. */
    public static DicomInfo parse(String text) {
        DicomInfo info = new DicomInfo();
        if (text == null) return info;
        for (String line : text.split("\r?\n")) {
            if (line.length() < 9 || line.charAt(4) != ',') continue;
            String tag = line.substring(0, 9).toUpperCase(Locale.ROOT);
            if (!isHex(tag, 0, 4) || !isHex(tag, 5, 9)) continue;
            int colon = line.indexOf(": ", 9);
            String value;
            if (colon >= 0) value = line.substring(colon + 2);
            else if (line.endsWith(":")) value = "";
            else continue;
            info.values.putIfAbsent(tag, value.trim());
        }
        return info;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) if (Character.digit(s.charAt(i), 16) < 0) return false;
        return true;
    }

    /** True when the text had any DICOM element. */
    public boolean isDicom() { return !values.isEmpty(); }

    /** The value of tag "gggg,eeee", trimmed, or null. */
    public String get(String tag) {
        String v = values.get(tag.toUpperCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v;
    }

    /** A multi-valued decimal element ("a\b\c") as numbers, or null when absent or malformed (an empty value too): {@link StringValues#numbers}. */
    public double[] getDoubles(String tag) {
        return StringValues.numbers(get(tag));
    }

    /** An integer element, or {@code dflt} when absent or malformed. */
    public int getInt(String tag, int dflt) {
        String v = get(tag);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v.trim().split("[\\\\ ]")[0]);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
