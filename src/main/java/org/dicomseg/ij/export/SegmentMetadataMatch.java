package org.dicomseg.ij.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dicomseg.dcmqi.LabelMapping;
import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.model.SegmentDescription;

/**
 * Applies segment metadata (dcmqi JSON, or what Segment Metadata... stored on the image) to the
 * segments an export found, and reports precisely what does not fit.
 */
public final class SegmentMetadataMatch {
    private SegmentMetadataMatch() { }

    /** {@code d} renumbered to {@code number}. */
    public static SegmentDescription renumber(SegmentDescription d, int number) {
        return d.segmentNumber() == number ? d : d.toBuilder().segmentNumber(number).build();
    }

    /**
     * The label mappings that describe one label image, in document order: those of the only
     * input, or, when dcmqi's metadata lists several inputs (one per label file) whose label values
     * are all distinct, all of them as one label space.
     *
     * @throws IllegalArgumentException when a label value in the image has no description, or the
     *                                  inputs reuse label values (ambiguous for one image)
     */
    public static List<LabelMapping> forLabels(DcmqiMetadata meta, int[] labelsInImage) {
        List<LabelMapping> maps = new ArrayList<>(meta.labelMappings());
        if (maps.isEmpty()) throw new IllegalArgumentException("The segment metadata describes no segments");
        java.util.Map<Integer, LabelMapping> byLabel = new java.util.LinkedHashMap<>();
        for (LabelMapping m : maps) {
            LabelMapping old = byLabel.put(m.labelId(), m);
            if (old != null) {
                throw new IllegalArgumentException("The segment metadata describes " + meta.inputCount()
                        + " label files that reuse label value " + m.labelId() + " (segments " + old.segmentNumber()
                        + " and " + m.segmentNumber() + "); one label image cannot tell them apart:"
                        + " export a multi-channel image (one channel per input) or renumber the labelIDs");
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int v : labelsInImage) {
            if (!byLabel.containsKey(v)) missing.add(v);
        }
        if (!missing.isEmpty()) {
            List<Integer> described = new ArrayList<>(byLabel.keySet());
            throw new IllegalArgumentException("The segment metadata has no description for label value"
                    + (missing.size() == 1 ? " " : "s ") + join(missing) + " of the image (it describes label"
                    + (described.size() == 1 ? " " : "s ") + join(described) + ")");
        }
        return maps;
    }

    /**
     * Descriptions for {@code labels.size()} segments named {@code labels} (ROI segments, channels):
     * by label when every name matches a metadata Segment Label (case-insensitive), else by
     * position when the counts agree, else an error that lists both sides.
     */
    public static List<SegmentDescription> forNames(DcmqiMetadata meta, List<String> labels) {
        List<SegmentDescription> md = meta.segments();
        List<SegmentDescription> out = new ArrayList<>();
        boolean allNamed = true;
        for (String l : labels) {
            if (findByLabel(md, l) == null) { allNamed = false; break; }
        }
        if (allNamed) {
            for (int i = 0; i < labels.size(); i++) out.add(renumber(findByLabel(md, labels.get(i)), i + 1));
            return out;
        }
        if (md.size() == labels.size()) {
            for (int i = 0; i < labels.size(); i++) out.add(renumber(md.get(i), i + 1));
            return out;
        }
        List<String> metaLabels = new ArrayList<>();
        for (SegmentDescription d : md) metaLabels.add(d.label());
        throw new IllegalArgumentException("The segment metadata describes " + md.size() + " segment"
                + (md.size() == 1 ? "" : "s") + " (" + String.join(", ", metaLabels) + ") but the export has "
                + labels.size() + " (" + String.join(", ", labels) + "): match the labels or the count");
    }

    private static SegmentDescription findByLabel(List<SegmentDescription> md, String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        for (SegmentDescription d : md) if (d.label().toLowerCase(Locale.ROOT).equals(l)) return d;
        return null;
    }

    private static String join(List<Integer> v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.size(); i++) {
            if (i > 0) b.append(i == v.size() - 1 ? " and " : ", ");
            b.append(v.get(i));
        }
        return b.toString();
    }
}
