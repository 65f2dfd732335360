package org.dicomseg.ij.export;

import java.awt.Color;

import ij.IJ;

import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.ij.SegmentColors;
import org.dicomseg.ij.SegmentLabels;

/**
 * Segment descriptions for exports that have no segment metadata: label as given (or "Segment N"),
 * category and type Tissue (as dcmqi and highdicom default), MANUAL for ROIs drawn by hand,
 * AUTOMATIC for images (label maps, probability maps) with algorithm "ImageJ" and ImageJ's version,
 * and the ROI's or the palette's colour.
 */
public final class DefaultSegments {
    /** Algorithm Name written for automatic segments without metadata. */
    public static final String ALGORITHM_NAME = "ImageJ";

    private DefaultSegments() { }

    /**
     * A default description.
     *
     * @param number segment number (1-based)
     * @param label  label, or null for "Segment N"
     * @param manual true for hand-drawn ROIs (MANUAL), false for images (AUTOMATIC)
     * @param color  display colour, or null for the palette colour of {@code number}
     */
    public static SegmentDescription of(int number, String label, boolean manual, Color color) {
        Color c = color != null ? color : SegmentColors.palette(number);
        SegmentDescription.Builder b = SegmentDescription.builder(number, SegmentLabels.clean(label, number))
                .category(Codes.TISSUE)
                .type(Codes.TISSUE)
                .colorRgb(c.getRed(), c.getGreen(), c.getBlue());
        if (manual) {
            b.algorithmType(SegmentAlgorithmType.MANUAL);
        } else {
            b.algorithmType(SegmentAlgorithmType.AUTOMATIC).algorithm(imageJAlgorithm());
        }
        return b.build();
    }

    /**
     * Algorithm identification "ImageJ" + ImageJ's version. The family (CID 7162, required) is
     * (123105, DCM, "Histogram Analysis"): ImageJ label and probability images most often come from
     * thresholding; metadata can state the real family.
     */
    public static AlgorithmIdentification imageJAlgorithm() {
        String v = IJ.getVersion();
        if (v == null || v.isBlank()) v = "unknown";
        return new AlgorithmIdentification(Codes.HISTOGRAM_ANALYSIS, ALGORITHM_NAME, v);
    }
}
