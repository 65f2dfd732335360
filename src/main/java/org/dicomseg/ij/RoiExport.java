package org.dicomseg.ij;

import java.util.ArrayList;
import java.util.List;

import ij.gui.Roi;

import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.metadata.DcmqiMetadata;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;

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
        return prepare(rois, grouping, placement, width, height, meta, ExportMonitor.NONE);
    }

    /** As above, with every plane the writer reads reported to {@code monitor} (which can cancel). */
    public static ExportPlan prepare(List<Roi> rois, RoiGrouping grouping, RoiPlacement placement, int width, int height,
            DcmqiMetadata meta, ExportMonitor monitor) {
        Monitoring mon = new Monitoring(monitor);
        List<RoiSegment> groups = RoiGrouper.group(rois, grouping);
        List<MaskPlanes> masks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (RoiSegment s : groups) {
            masks.add(mon.wrap(new RoiMaskPlanes(s, placement, width, height), 2L * groups.size() * placement.planeCount()));
            names.add(s.label());
        }
        List<String> notes = new ArrayList<>();
        List<SegmentDescription> segments = new ArrayList<>();
        if (meta != null) {
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
