package org.dicomseg.ij.open;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import org.dicomseg.ij.SegmentColors;
import org.dicomseg.ij.SegmentMetadataProperty;
import org.dicomseg.task.Progress;

/**
 * Traces segments into ImageJ ROIs: one composite (shape) ROI per segment per non-empty plane,
 * made by {@link ThresholdToSelection} from the mask (pixels whose stored value is at least
 * {@link ImportedSegmentation#maskThreshold()}), so holes and several islands survive and the ROI covers
 * exactly the mask's pixels.
 *
 * <p>Each ROI is named {@code "<label> z<N>"} (N = 1-based plane), drawn in the segment colour,
 * carries the properties {@value #SEGMENT_PROPERTY} (Segment Number) and {@value #LABEL_PROPERTY},
 * and has its position set: the stack slice {@code N} by default, which lines the ROIs up with a
 * single-channel stack such as the source images; or hyperstack position (channel of the segment,
 * N, 1) when {@link #hyperstackPositions(boolean)} is set.</p>
 */
public final class RoiTracer {
    /** ROI property with the Segment Number. */
    public static final String SEGMENT_PROPERTY = SegmentMetadataProperty.ROI_SEGMENT_PROPERTY;
    /** ROI property with the Segment Label. */
    public static final String LABEL_PROPERTY = SegmentMetadataProperty.ROI_LABEL_PROPERTY;

    private boolean hyperstackPositions;
    private Progress progress = Progress.NONE;

    /** Position ROIs as (channel = segment index + 1, z, t = 1) instead of stack slice z. */
    public RoiTracer hyperstackPositions(boolean b) {
        this.hyperstackPositions = b;
        return this;
    }

    public RoiTracer progress(Progress p) {
        this.progress = p == null ? Progress.NONE : p;
        return this;
    }

    /** The ROIs of every segment of {@code v}, segment by segment, plane by plane. */
    public List<Roi> trace(ImportedSegmentation v) {
        List<Roi> rois = new ArrayList<>();
        List<ImportedSegmentation.Segment> segs = v.segments();
        int total = segs.size() * v.depth(), done = 0;
        for (int c = 0; c < segs.size(); c++) {
            ImportedSegmentation.Segment s = segs.get(c);
            Color color = SegmentColors.of(s.description());
            for (int z = 0; z < v.depth(); z++) {
                progress.checkCanceled();
                progress.progress(done++, total);
                Roi roi = trace(s.plane(z), v.width(), v.height(), v.maskThreshold());
                if (roi == null) continue;
                roi.setName(name(s.label(), z + 1));
                roi.setStrokeColor(color);
                SegmentMetadataProperty.setOnRoi(roi, s.description());
                if (hyperstackPositions) {
                    roi.setPosition(c + 1, z + 1, 1);
                } else {
                    roi.setPosition(z + 1);
                }
                rois.add(roi);
            }
        }
        progress.progress(total, total);
        return rois;
    }

    /** The ROI name of a segment on 1-based plane {@code z}. */
    public static String name(String label, int z) {
        return label + " z" + z;
    }

    /**
     * The selection of the pixels of {@code stored} at or above {@code threshold}, or null when there
     * are none (or the plane is null).
     */
    public static Roi trace(byte[] stored, int width, int height, int threshold) {
        if (stored == null) return null;
        byte[] mask = new byte[width * height];
        boolean any = false;
        for (int i = 0; i < mask.length; i++) {
            if ((stored[i] & 0xFF) >= threshold) {
                mask[i] = (byte) 255;
                any = true;
            }
        }
        if (!any) return null;
        ByteProcessor ip = new ByteProcessor(width, height, mask);
        ip.setThreshold(255, 255, ImageProcessor.NO_LUT_UPDATE);
        return new ThresholdToSelection().convert(ip);
    }
}
