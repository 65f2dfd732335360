package org.dicomseg.ij.export;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ij.gui.Roi;

/**
 * One segment made of ROIs: its label (from the ROI name or group), the ROIs whose union it is,
 * and the display colour the ROIs suggest (stroke colour, else fill colour, else none).
 */
public final class RoiSegment {
    private final String label;
    private final List<Roi> rois;
    private final List<Integer> indices;
    private final Color color;

    /**
     * @param label   segment label
     * @param rois    the ROIs, at least one
     * @param indices 1-based positions of the ROIs in the original list (for messages)
     * @param color   suggested colour, or null
     */
    public RoiSegment(String label, List<Roi> rois, List<Integer> indices, Color color) {
        if (rois.isEmpty()) throw new IllegalArgumentException("Segment '" + label + "' has no ROIs");
        if (rois.size() != indices.size()) throw new IllegalArgumentException("One index per ROI expected");
        this.label = label;
        this.rois = Collections.unmodifiableList(new ArrayList<>(rois));
        this.indices = Collections.unmodifiableList(new ArrayList<>(indices));
        this.color = color;
    }

    public String label() { return label; }
    public List<Roi> rois() { return rois; }
    /** 1-based positions of {@link #rois()} in the list they came from. */
    public List<Integer> indices() { return indices; }
    /** Suggested display colour, or null. */
    public Color color() { return color; }

    @Override public String toString() { return "'" + label + "' (" + rois.size() + " ROI" + (rois.size() == 1 ? ")" : "s)"); }
}
