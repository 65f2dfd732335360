package org.dicomseg.model;

/** Segment Algorithm Type (0062,0008), PS3.3 C.8.20.2: how a segment was produced. */
public enum SegmentAlgorithmType {
    AUTOMATIC, SEMIAUTOMATIC, MANUAL;

    /** Parses the DICOM defined term, case-insensitively; also accepts "SEMI-AUTOMATIC". */
    public static SegmentAlgorithmType parse(String s) {
        if (s == null) throw new IllegalArgumentException("Segment Algorithm Type is missing");
        String t = s.trim().toUpperCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
        for (SegmentAlgorithmType v : values()) {
            if (v.name().equals(t)) return v;
        }
        throw new IllegalArgumentException("Unknown Segment Algorithm Type '" + s
                + "' (expected AUTOMATIC, SEMIAUTOMATIC or MANUAL)");
    }
}
