package org.dicomseg.model;

/**
 * Dimension Organization Type (0020,9311), PS3.3 C.7.6.17: how frames are organised. THREE_D for
 * planes of a volume, TILED_FULL / TILED_SPARSE for tiles of a Total Pixel Matrix (slides); null
 * in a file means "not stated" (per-frame functional groups describe each frame).
 */
public enum DimensionOrganization {
    THREE_D("3D"), THREE_D_TEMPORAL("3D_TEMPORAL"), TILED_FULL("TILED_FULL"), TILED_SPARSE("TILED_SPARSE");

    private final String dicomValue;

    DimensionOrganization(String dicomValue) { this.dicomValue = dicomValue; }

    /** The value as written in the data set. */
    public String dicomValue() { return dicomValue; }

    /** Parses the DICOM value; returns null for null/blank. */
    public static DimensionOrganization parse(String s) {
        if (s == null || s.isBlank()) return null;
        for (DimensionOrganization d : values()) {
            if (d.dicomValue.equalsIgnoreCase(s.trim())) return d;
        }
        throw new IllegalArgumentException("Unknown Dimension Organization Type '" + s + "'");
    }
}
