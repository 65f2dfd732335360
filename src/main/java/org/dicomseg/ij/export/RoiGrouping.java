package org.dicomseg.ij.export;

import java.util.Locale;

/**
 * How ROIs become segments: all ROIs with the same name form one segment, all ROIs of the same
 * ROI group (Edit > Selection > Properties, "Group") form one segment, or every ROI is its own
 * segment. The {@link #key()} is what the export dialog's choice shows and a macro passes.
 */
public enum RoiGrouping {
    /** One segment per distinct ROI name (the ROI Manager's label), in order of first appearance. */
    NAME("name"),
    /** One segment per ROI group number; ungrouped ROIs (group 0) form one segment together. */
    GROUP("group"),
    /** Every ROI is a segment of its own. */
    EACH("each");

    private final String key;

    RoiGrouping(String key) { this.key = key; }

    /** The dialog and macro value: "name", "group" or "each". */
    public String key() { return key; }

    /** All dialog values, in declaration order. */
    public static String[] keys() {
        RoiGrouping[] v = values();
        String[] k = new String[v.length];
        for (int i = 0; i < v.length; i++) k[i] = v[i].key;
        return k;
    }

    /** Parses a dialog or macro value (case-insensitive; "roi"/"each roi" accepted for EACH). */
    public static RoiGrouping parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        for (RoiGrouping g : values()) if (g.key.equals(t)) return g;
        if (t.equals("roi") || t.equals("each roi") || t.equals("one per roi")) return EACH;
        throw new IllegalArgumentException("Unknown segment grouping '" + s + "': use name, group or each");
    }
}
