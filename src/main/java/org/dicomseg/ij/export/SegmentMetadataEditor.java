package org.dicomseg.ij.export;

import java.util.List;

import ij.ImagePlus;
import ij.gui.Roi;

import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.dcmqi.LabelMapping;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.ij.SegmentMetadataProperty;

/**
 * The logic behind Plugins &gt; DICOM SEG &gt; Segment Metadata...: the metadata an image has (stored,
 * else derived from its content with the export defaults) and replacing or adding one segment's
 * description while keeping every other segment, label mapping and series attribute.
 */
public final class SegmentMetadataEditor {
    private SegmentMetadataEditor() { }

    /**
     * The image's stored metadata, else what an export would use by default: one segment per label
     * value (labelID = value), per channel, or one for a probability map.
     */
    public static DcmqiMetadata current(ImagePlus imp) throws java.io.IOException {
        DcmqiMetadata stored = SegmentMetadataProperty.get(imp);
        if (stored != null) return stored;
        DcmqiMetadata.Builder b = DcmqiMetadata.builder();
        if (imp.getNChannels() == 1 && imp.getBitDepth() != 32) {
            int[] labels = org.dicomseg.mask.LabelMapMask.distinctLabels(new ImageMaskPlanes(imp, 1));
            if (labels.length == 0) {
                b.addSegment(DefaultSegments.of(1, "Segment 1", false, null), 0, 1);
            } else {
                List<SegmentDescription> segs = LabelImageExport.prepare(imp, null).segments();
                for (int i = 0; i < labels.length; i++) b.addSegment(segs.get(i), 0, labels[i]);
            }
        } else {
            for (SegmentDescription d : LabelImageExport.prepare(imp, null).segments()) b.addSegment(d, 0, d.segmentNumber());
        }
        return b.build();
    }

    /**
     * Metadata for exporting {@code rois} (Export ROIs as SEG... with grouping by name): one segment
     * per ROI name, in first-appearance order, labelID = its number. A name that {@code current}
     * already describes (Segment Label, case-insensitive) keeps that description; the others get
     * the ROI export's defaults (MANUAL, the ROI's colour). Series attributes of {@code current}
     * are kept. The ROI export matches segments to ROI names, so editing these describes the ROIs.
     *
     * @param current the image's stored metadata, or null
     */
    public static DcmqiMetadata forRois(DcmqiMetadata current, List<Roi> rois) {
        List<RoiSegment> groups = RoiGrouper.group(rois, RoiGrouping.NAME);
        if (groups.isEmpty()) throw new IllegalArgumentException("There are no ROIs to describe");
        DcmqiMetadata.Builder b = current != null ? copyHeader(current) : DcmqiMetadata.builder();
        for (int i = 0; i < groups.size(); i++) {
            RoiSegment g = groups.get(i);
            SegmentDescription known = null;
            if (current != null) {
                for (SegmentDescription d : current.segments()) if (d.label().equalsIgnoreCase(g.label())) known = d;
            }
            SegmentDescription d = known != null ? SegmentMetadataMatch.renumber(known, i + 1)
                    : DefaultSegments.of(i + 1, g.label(), true, g.color());
            b.addSegment(d, 0, i + 1);
        }
        return b.build();
    }

    /**
     * {@code meta} with segment {@code d.segmentNumber()} replaced by {@code d}, or added when it is
     * the next number (labelID = the largest labelID + 1 unless given).
     *
     * @param labelId labelID for a new segment, or 0 for "next free"
     */
    public static DcmqiMetadata withSegment(DcmqiMetadata meta, SegmentDescription d, int labelId) {
        int n = meta.segments().size();
        if (d.segmentNumber() < 1 || d.segmentNumber() > n + 1) {
            throw new IllegalArgumentException("Segment " + d.segmentNumber() + " does not exist: there are " + n
                    + " segments; edit 1.." + n + ", or " + (n + 1) + " to add one");
        }
        DcmqiMetadata.Builder b = copyHeader(meta);
        int maxLabel = 0;
        for (int i = 0; i < n; i++) {
            SegmentDescription s = meta.segments().get(i);
            LabelMapping m = meta.labelMappings().get(i);
            maxLabel = Math.max(maxLabel, m.labelId());
            b.addSegment(s.segmentNumber() == d.segmentNumber() ? d : s, m.inputIndex(), m.labelId());
        }
        if (d.segmentNumber() == n + 1) b.addSegment(d, 0, labelId > 0 ? labelId : maxLabel + 1);
        return b.build();
    }

    /** A builder with the series-level attributes of {@code meta} and no segments. */
    static DcmqiMetadata.Builder copyHeader(DcmqiMetadata meta) {
        return DcmqiMetadata.builder()
                .contentCreatorName(meta.contentCreatorName())
                .clinicalTrialSeriesId(meta.clinicalTrialSeriesId())
                .clinicalTrialTimePointId(meta.clinicalTrialTimePointId())
                .clinicalTrialCoordinatingCenterName(meta.clinicalTrialCoordinatingCenterName())
                .seriesDescription(meta.seriesDescription())
                .seriesNumber(meta.seriesNumber())
                .instanceNumber(meta.instanceNumber())
                .bodyPartExamined(meta.bodyPartExamined())
                .contentLabel(meta.contentLabel())
                .contentDescription(meta.contentDescription())
                .inputFiles(meta.inputFiles());
    }
}
