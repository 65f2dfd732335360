package org.dicomseg.ij.export;

import java.util.ArrayList;
import java.util.List;

import ij.gui.Roi;

import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.ij.SegmentMetadataProperty;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.task.Progress;

/**
 * Plans the export of ROIs (Export ROIs as SEG...): groups them into segments
 * ({@link RoiGrouper}), gives each a lazily rasterised mask ({@link RoiMaskPlanes}, one plane at a
 * time) and a description (metadata matched by label or order, else MANUAL Tissue defaults with
 * the ROI colour). Segments may overlap.
 */
public final class RoiExport {
    private RoiExport() { }

    /**
     * @param rois      the ROIs in ROI Manager order
     * @param grouping  how ROIs become segments
     * @param placement how ROI positions map to planes (its plane count is the export's)
     * @param width     plane width
     * @param height    plane height
     * @param meta      segment metadata, or null
     */
    public static ExportPlan prepare(List<Roi> rois, RoiGrouping grouping, RoiPlacement placement, int width, int height,
            DcmqiMetadata meta) {
        return prepare(rois, grouping, placement, width, height, meta, Progress.NONE);
    }

    /** As above, with every plane the writer reads reported to {@code progress} (which can cancel). */
    public static ExportPlan prepare(List<Roi> rois, RoiGrouping grouping, RoiPlacement placement, int width, int height,
            DcmqiMetadata meta, Progress progress) {
        return prepare(rois, grouping, placement, width, height, meta, false, progress);
    }

    /**
     * As above; {@code metaOfImage} says that {@code meta} is the image's own (stored on it), not a
     * file given to the export: segments added since get default descriptions, removed ones are left
     * out, renamed ones keep their codes ({@link EditedSegments}), as for ROIs that carry their
     * segment's description (imported ROIs) when there is no metadata.
     */
    public static ExportPlan prepare(List<Roi> rois, RoiGrouping grouping, RoiPlacement placement, int width, int height,
            DcmqiMetadata meta, boolean metaOfImage, Progress progress) {
        Monitoring mon = new Monitoring(progress);
        List<RoiSegment> groups = RoiGrouper.group(rois, grouping);
        List<MaskPlanes> masks = new ArrayList<>();
        for (RoiSegment s : groups) {
            masks.add(mon.wrap(new RoiMaskPlanes(s, placement, width, height), 2L * groups.size() * placement.planeCount()));
        }
        return plan(groups, masks, meta, metaOfImage, new ArrayList<>());
    }

    /**
     * Plans ROIs drawn on an image for a finer target grid, one plane (a slide level finer than the
     * image's): image coordinates are scaled by {@code scaleX}, {@code scaleY} and the masks are
     * rasterised tile by tile ({@link ScaledRoiMaskPlanes}), never as a whole full-resolution plane.
     *
     * @param width  target plane width
     * @param height target plane height
     */
    public static ExportPlan prepareScaled(List<Roi> rois, RoiGrouping grouping, double scaleX, double scaleY, int width, int height,
            DcmqiMetadata meta, Progress progress) {
        return prepareScaled(rois, grouping, scaleX, scaleY, 0, 0, width, height, meta, progress);
    }

    /** As above, image coordinates mapping to {@code x * scaleX + shiftX}, {@code y * scaleY + shiftY}. */
    public static ExportPlan prepareScaled(List<Roi> rois, RoiGrouping grouping, double scaleX, double scaleY, double shiftX,
            double shiftY, int width, int height, DcmqiMetadata meta, Progress progress) {
        Monitoring mon = new Monitoring(progress);
        List<RoiSegment> groups = RoiGrouper.group(rois, grouping);
        List<MaskPlanes> masks = new ArrayList<>();
        for (RoiSegment s : groups) masks.add(mon.wrap(new ScaledRoiMaskPlanes(s, scaleX, scaleY, shiftX, shiftY, width, height), 2L * groups.size()));
        List<String> notes = new ArrayList<>();
        notes.add(String.format(java.util.Locale.ROOT, "ROIs scaled by %.4g x %.4g to a %dx%d region, rasterised tile by tile",
                scaleX, scaleY, width, height));
        return plan(groups, masks, meta, false, notes);
    }

    private static List<Roi> rois(List<RoiSegment> groups) {
        List<Roi> out = new ArrayList<>();
        for (RoiSegment s : groups) out.addAll(s.rois());
        return out;
    }

    /** The Segment Number the group's ROIs were imported from, when they all agree; else null. */
    private static Integer segmentNumberOf(RoiSegment s) {
        Integer n = null;
        for (Roi r : s.rois()) {
            String v = r.getProperty(SegmentMetadataProperty.ROI_SEGMENT_PROPERTY);
            if (v == null) return null;
            try {
                int k = Integer.parseInt(v.trim());
                if (n != null && n != k) return null;
                n = k;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return n;
    }

    private static ExportPlan plan(List<RoiSegment> groups, List<MaskPlanes> masks, DcmqiMetadata meta, boolean metaOfImage,
            List<String> notes) {
        List<String> names = new ArrayList<>();
        for (RoiSegment s : groups) names.add(s.label());
        List<SegmentDescription> segments = new ArrayList<>();
        DcmqiMetadata carried = meta == null ? SegmentMetadataProperty.ofRois(rois(groups)) : metaOfImage ? meta : null;
        if (carried != null) {
            // imported ROIs carry their segment's description: an edit keeps, adds and drops segments
            List<Integer> previous = new ArrayList<>();
            List<java.awt.Color> colors = new ArrayList<>();
            for (RoiSegment s : groups) {
                previous.add(segmentNumberOf(s));
                colors.add(s.color());
            }
            EditedSegments e = EditedSegments.ofNames(carried, names, previous, true, colors);
            segments.addAll(e.segments());
            notes.addAll(e.notes());
        } else if (meta != null) {
            segments.addAll(SegmentMetadataMatch.forNames(meta, names));
        } else {
            for (int i = 0; i < groups.size(); i++) {
                segments.add(DefaultSegments.of(i + 1, names.get(i), true, groups.get(i).color()));
            }
            notes.add("No segment metadata: " + groups.size() + " default segment(s) named after the ROIs (Tissue, MANUAL)");
        }
        return new ExportPlan(StackedMasks.of(masks), segments, SegmentationType.BINARY, notes);
    }
}
