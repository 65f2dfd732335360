package org.dicomseg.ij;

import org.dicomseg.model.SegmentDescription;

/** Makes a legal Segment Label (VR LO: at most 64 characters, no backslash, not blank) from ImageJ names. */
public final class SegmentLabels {
    private SegmentLabels() { }

    /** {@code name} trimmed, backslashes and control characters replaced, cut to 64 characters; "Segment n" when blank. */
    public static String clean(String name, int segmentNumber) {
        if (name == null) return "Segment " + segmentNumber;
        StringBuilder b = new StringBuilder();
        for (char c : name.trim().toCharArray()) {
            if (c == '\\') b.append('/');
            else if (Character.isISOControl(c)) b.append(' ');
            else b.append(c);
        }
        String s = b.toString().trim();
        if (s.isEmpty()) return "Segment " + segmentNumber;
        if (s.length() > SegmentDescription.MAX_LABEL_LENGTH) s = s.substring(0, SegmentDescription.MAX_LABEL_LENGTH).trim();
        return s;
    }
}
