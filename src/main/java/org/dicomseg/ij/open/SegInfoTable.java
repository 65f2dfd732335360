package org.dicomseg.ij.open;

import ij.measure.ResultsTable;

import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.ij.SegmentColors;

/**
 * The segment table of SEG Info: one ResultsTable row per segment with number, label, category,
 * type, algorithm type and name, tracking ID/UID, colour and pixel count. Numbers are numeric
 * columns (sortable, usable from macros with getResult), text columns use setValue(String).
 */
public final class SegInfoTable {
    /** Column names, stable for macros: getResultString("Label", i) etc. */
    public static final String NUMBER = "Segment", LABEL = "Label", CATEGORY = "Category", TYPE = "Type",
            ALGORITHM_TYPE = "Algorithm type", ALGORITHM = "Algorithm", TRACKING_ID = "Tracking ID",
            TRACKING_UID = "Tracking UID", COLOR = "Color", PIXELS = "Pixels", PIXELS_HALF = "Pixels >= 50%";

    private SegInfoTable() { }

    /** A new table describing the segments of {@code v}, with pixel counts from its planes. */
    public static ResultsTable of(ImportedSegmentation v) {
        java.util.List<SegmentDescription> ds = new java.util.ArrayList<>();
        java.util.Map<Integer, Long> counts = new java.util.HashMap<>();
        java.util.Map<Integer, Long> half = v.type() == SegmentationType.FRACTIONAL ? new java.util.HashMap<>() : null;
        for (ImportedSegmentation.Segment s : v.segments()) {
            ds.add(s.description());
            counts.put(s.number(), s.nonZeroCount());
            if (half != null) half.put(s.number(), s.count(v.maskThreshold()));
        }
        return of(ds, counts, half);
    }

    /**
     * A new table of {@code segments} with {@code pixels} (Segment Number to non-zero pixel count,
     * may lack entries) and, for FRACTIONAL files, {@code pixelsHalf} (count at or above 50 %), else null.
     */
    public static ResultsTable of(java.util.List<SegmentDescription> segments, java.util.Map<Integer, Long> pixels,
            java.util.Map<Integer, Long> pixelsHalf) {
        ResultsTable rt = new ResultsTable();
        rt.showRowNumbers(false);
        for (SegmentDescription d : segments) {
            rt.incrementCounter();
            rt.addValue(NUMBER, d.segmentNumber());
            rt.addValue(LABEL, d.label());
            rt.addValue(CATEGORY, d.category().meaning());
            rt.addValue(TYPE, d.type().meaning());
            rt.addValue(ALGORITHM_TYPE, d.algorithmType().toString());
            rt.addValue(ALGORITHM, d.algorithmIdentification() == null ? "" : SegInfoText.algorithm(d.algorithmIdentification()));
            rt.addValue(TRACKING_ID, d.trackingId() == null ? "" : d.trackingId());
            rt.addValue(TRACKING_UID, d.trackingUid() == null ? "" : d.trackingUid());
            java.awt.Color c = SegmentColors.of(d);
            rt.addValue(COLOR, String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue()));
            Long n = pixels == null ? null : pixels.get(d.segmentNumber());
            rt.addValue(PIXELS, n == null ? Double.NaN : n);
            if (pixelsHalf != null) {
                Long h = pixelsHalf.get(d.segmentNumber());
                rt.addValue(PIXELS_HALF, h == null ? Double.NaN : h);
            }
        }
        return rt;
    }
}
