package org.dicomseg.model;

/**
 * Segmentation Type (0062,0001), PS3.3 C.8.20.2, plus the Label Map Segmentation IOD (Sup 243,
 * SOP class 1.2.840.10008.5.1.4.1.1.66.7) whose Segmentation Type is LABELMAP.
 */
public enum SegmentationType {
    /** One bit per pixel, one frame per segment and plane. */
    BINARY,
    /** 8-bit stored values 0..Maximum Fractional Value, one frame per segment and plane. */
    FRACTIONAL,
    /** One frame per plane whose pixel value is the segment number (Label Map Segmentation Storage). */
    LABELMAP
}
