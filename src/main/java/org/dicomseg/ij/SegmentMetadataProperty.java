package org.dicomseg.ij;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import ij.ImagePlus;

import org.dicomseg.dcmqi.DcmqiMetadataReader;
import org.dicomseg.dcmqi.DcmqiMetadataWriter;
import org.dicomseg.dcmqi.MetadataFormatException;
import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.task.InputException;

/**
 * Segment metadata attached to an image: dcmqi JSON text in the image property
 * {@value #PROPERTY} ({@code imp.setProp}), which ImageJ saves with the image in TIFF files. Written
 * by Plugins > DICOM SEG > Segment Metadata..., read by the export commands; a {@code meta=} file
 * given to an export wins over it.
 */
public final class SegmentMetadataProperty {
    /** The ImagePlus property holding dcmqi JSON. */
    public static final String PROPERTY = "DICOMSEG.metadata";
    /**
     * The ImagePlus property with the comma-separated Segment Number of each channel (hyperstack) or
     * of each label (label image) of an imported SEG, as described in {@link #PROPERTY}.
     */
    public static final String SEGMENT_NUMBERS_PROPERTY = "DICOM SEG segment numbers";
    /** ROI property: the Segment Number an imported ROI was traced from. */
    public static final String ROI_SEGMENT_PROPERTY = "segment";
    /** ROI property: the label of that segment. */
    public static final String ROI_LABEL_PROPERTY = "segment_label";
    /**
     * ROI property: that segment's description as one-line dcmqi JSON (ROI properties are saved in
     * .roi files and RoiSet.zip), so ROIs carry their descriptions without an image.
     */
    public static final String ROI_METADATA_PROPERTY = "segment_meta";

    private SegmentMetadataProperty() { }

    /** The metadata stored on {@code imp}, or null. */
    public static DcmqiMetadata get(ImagePlus imp) throws MetadataFormatException {
        String json = imp == null ? null : imp.getProp(PROPERTY);
        if (json == null || json.isBlank()) return null;
        try {
            return DcmqiMetadataReader.parse(json);
        } catch (MetadataFormatException e) {
            throw new MetadataFormatException(e.path(), "The segment metadata stored on '" + imp.getTitle()
                    + "' is invalid: " + e.getMessage(), e);
        }
    }

    /** Records on {@code roi} the segment it belongs to: number, label and description. */
    public static void setOnRoi(ij.gui.Roi roi, org.dicomseg.model.SegmentDescription d) {
        roi.setProperty(ROI_SEGMENT_PROPERTY, Integer.toString(d.segmentNumber()));
        roi.setProperty(ROI_LABEL_PROPERTY, d.label());
        try {
            DcmqiMetadata one = DcmqiMetadata.builder().addSegment(d).build();
            roi.setProperty(ROI_METADATA_PROPERTY, DcmqiMetadataWriter.toJsonObject(one, true).toString());
        } catch (RuntimeException e) {
            // a third-party description the dcmqi template cannot hold: the ROI keeps number and label only
        }
    }

    /**
     * The descriptions the ROIs carry ({@link #ROI_METADATA_PROPERTY}), one per Segment Number (the
     * first ROI's), or null when none carries one.
     */
    public static DcmqiMetadata ofRois(java.util.List<ij.gui.Roi> rois) {
        java.util.Map<Integer, org.dicomseg.model.SegmentDescription> bySegment = new java.util.TreeMap<>();
        for (ij.gui.Roi r : rois) {
            String json = r.getProperty(ROI_METADATA_PROPERTY);
            if (json == null || json.isBlank()) continue;
            try {
                // dcmqi numbers by position (1): the ROI's Segment Number is in its own property
                int number = Integer.parseInt(r.getProperty(ROI_SEGMENT_PROPERTY).trim());
                for (org.dicomseg.model.SegmentDescription d : DcmqiMetadataReader.parse(json).segments()) {
                    bySegment.putIfAbsent(number, d.toBuilder().segmentNumber(number).build());
                }
            } catch (MetadataFormatException | RuntimeException e) {
                // an unreadable description: that ROI's segment gets a default one
            }
        }
        if (bySegment.isEmpty()) return null;
        return DcmqiMetadata.builder().addSegments(new java.util.ArrayList<>(bySegment.values())).build();
    }

    /** Stores {@code meta} on {@code imp} (null removes it). */
    public static void set(ImagePlus imp, DcmqiMetadata meta) {
        imp.setProp(PROPERTY, meta == null ? null : DcmqiMetadataWriter.toCompleteJson(meta));
    }

    /**
     * The metadata an export uses: the dcmqi JSON file {@code metaPath} when given, else the image's
     * property, else null (defaults).
     */
    public static DcmqiMetadata resolve(ImagePlus imp, String metaPath) throws IOException {
        if (metaPath != null && !metaPath.isBlank()) {
            Path p = Paths.get(metaPath.trim());
            if (!Files.isRegularFile(p)) throw new InputException("Segment metadata file not found: " + p);
            return DcmqiMetadataReader.readFile(p);
        }
        return get(imp);
    }
}
