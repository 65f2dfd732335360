package org.dicomseg.ij.export;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.gui.Roi;
import org.dicomseg.ij.SegmentLabels;
import org.dicomseg.ij.SegmentMetadataProperty;

/**
 * Groups a list of ROIs into segments ({@link RoiGrouping}). Every ROI must be an area ROI; the
 * first line or point ROI stops the export with a message naming it. Segment order is the order in
 * which each segment's first ROI appears, so the ROI Manager's order decides segment numbers.
 */
public final class RoiGrouper {
    private RoiGrouper() { }

    /** Groups {@code rois}; throws {@link IllegalArgumentException} for an empty list or a non-area ROI. */
    public static List<RoiSegment> group(List<Roi> rois, RoiGrouping grouping) {
        if (rois == null || rois.isEmpty()) {
            throw new IllegalArgumentException("There are no ROIs to export (the ROI Manager is empty, or the RoiSet has none)");
        }
        for (int i = 0; i < rois.size(); i++) RoiRasterizer.requireArea(rois.get(i), i + 1);
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < rois.size(); i++) {
            Roi r = rois.get(i);
            String key;
            switch (grouping) {
                case NAME: key = segmentNameOf(r, i + 1); break;
                case GROUP: key = groupLabel(r.getGroup()); break;
                default: key = "\u0000" + i; break;
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        List<RoiSegment> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : groups.entrySet()) {
            List<Roi> members = new ArrayList<>();
            List<Integer> idx = new ArrayList<>();
            for (int i : e.getValue()) {
                members.add(rois.get(i));
                idx.add(i + 1);
            }
            Roi first = members.get(0);
            String label = grouping == RoiGrouping.EACH ? nameOf(first, idx.get(0)) : e.getKey();
            Color color = colorOf(first); // Roi.setGroup() also sets the group's colour as stroke colour
            out.add(new RoiSegment(SegmentLabels.clean(label, out.size() + 1), members, idx, color));
        }
        return out;
    }

    /**
     * The segment a ROI belongs to by name: its name, except that a ROI traced by the importer
     * (it has the {@value SegmentMetadataProperty#ROI_SEGMENT_PROPERTY} property), named
     * {@code <label> z<plane>}, belongs to {@code <label>}, whatever plane it is on.
     */
    static String segmentNameOf(Roi r, int index) {
        String n = nameOf(r, index);
        if (r.getProperty(SegmentMetadataProperty.ROI_SEGMENT_PROPERTY) == null) return n;
        String stripped = n.replaceFirst(" z[0-9]+$", "").trim();
        return stripped.isEmpty() ? n : stripped;
    }

    /** The ROI's name, or "ROI n" when it has none. */
    static String nameOf(Roi r, int index) {
        String n = r.getName();
        return n == null || n.isBlank() ? "ROI " + index : n.trim();
    }

    /** ImageJ's name for a group (Edit > Selection > Properties), or "Group n"; "Ungrouped" for 0. */
    static String groupLabel(int group) {
        if (group <= 0) return "Ungrouped";
        String name = null;
        try {
            name = Roi.getGroupName(group);
        } catch (RuntimeException e) {
            name = null;
        }
        return name == null || name.isBlank() ? "Group " + group : name.trim();
    }

    /** Stroke colour, else fill colour, else null; ignoring fully transparent colours. */
    static Color colorOf(Roi r) {
        Color c = r.getStrokeColor();
        if (c == null || c.getAlpha() == 0) c = r.getFillColor();
        if (c == null || c.getAlpha() == 0) return null;
        return new Color(c.getRed(), c.getGreen(), c.getBlue());
    }
}
