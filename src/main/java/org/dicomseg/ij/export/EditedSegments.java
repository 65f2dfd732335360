package org.dicomseg.ij.export;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.dcmqi.LabelMapping;
import org.dicomseg.ij.SegmentLabels;
import org.dicomseg.model.SegmentDescription;

/**
 * The segment descriptions of an image that carries its own (an imported SEG, or what Segment
 * Metadata... stored) and was edited since: the segments still in the image keep their
 * descriptions (codes, algorithm, tracking, colour), a renamed one keeps them under its new label,
 * a segment added while editing gets a default description, a removed one is left out; each
 * addition and removal is one note for the Log. A metadata file given to the export ({@code meta=},
 * {@code --meta}) is instead a contract for every segment ({@link SegmentMetadataMatch}).
 */
public final class EditedSegments {
    private final List<SegmentDescription> segments = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private EditedSegments() { }

    /** The descriptions, numbered 1..N in the order of the image's segments. */
    public List<SegmentDescription> segments() { return segments; }
    /** What was added or left out, for the Log. */
    public List<String> notes() { return notes; }

    /**
     * A label image: label value v (ascending) keeps the description whose labelID is v.
     *
     * @param colors the colour of a new label value's segment (its LUT colour), or null
     */
    public static EditedSegments ofLabels(DcmqiMetadata meta, int[] labels, java.util.function.IntFunction<Color> colors) {
        return ofLabels(meta, labels, v -> v, colors);
    }

    /**
     * As {@link #ofLabels(DcmqiMetadata, int[], java.util.function.IntFunction)}, pixel value v standing
     * for labelID {@code labelIdOf(v)} (a one-channel mask, 0/255, of one imported segment).
     */
    public static EditedSegments ofLabels(DcmqiMetadata meta, int[] labels, java.util.function.IntUnaryOperator labelIdOf,
            java.util.function.IntFunction<Color> colors) {
        EditedSegments e = new EditedSegments();
        Map<Integer, SegmentDescription> byLabel = new LinkedHashMap<>();
        for (LabelMapping m : meta.labelMappings()) {
            meta.segment(m.segmentNumber()).ifPresent(d -> byLabel.putIfAbsent(m.labelId(), d));
        }
        List<Integer> added = new ArrayList<>();
        Set<Integer> present = new HashSet<>();
        for (int v : labels) {
            present.add(labelIdOf.applyAsInt(v));
            int n = e.segments.size() + 1;
            SegmentDescription d = byLabel.get(labelIdOf.applyAsInt(v));
            if (d != null) {
                e.segments.add(SegmentMetadataMatch.renumber(d, n));
            } else {
                SegmentDescription def = DefaultSegments.of(n, "Segment " + n, false, colors == null ? null : colors.apply(v));
                e.segments.add(def.toBuilder().description("ImageJ label value " + v).build());
                added.add(v);
            }
        }
        List<String> removed = new ArrayList<>();
        for (Map.Entry<Integer, SegmentDescription> d : byLabel.entrySet()) {
            if (!present.contains(d.getKey())) removed.add("'" + d.getValue().label() + "' (label " + d.getKey() + ")");
        }
        if (!added.isEmpty()) {
            e.notes.add("Label value" + (added.size() == 1 ? " " : "s ") + added + " added since the segments were described:"
                    + " default description (Tissue, AUTOMATIC, algorithm ImageJ); use Segment Metadata... to describe "
                    + (added.size() == 1 ? "it" : "them"));
        }
        if (!removed.isEmpty()) {
            e.notes.add("Segment" + (removed.size() == 1 ? " " : "s ") + String.join(", ", removed)
                    + " no longer in the image: left out");
        }
        return e;
    }

    /**
     * Named segments (hyperstack channels, ROI groups), in order: a name that is the label of a
     * described segment takes that description; else {@code previous.get(i)}, the Segment Number
     * the i-th segment had when described (null or out of the metadata: not known), keeps that
     * description under the new name (a rename); else a default description.
     *
     * @param names    the segments' names (null entries: unnamed)
     * @param previous for each segment, the Segment Number it was described as, or null
     * @param manual   default descriptions MANUAL (ROIs) rather than AUTOMATIC (images)
     * @param colors   each segment's colour for a default description (entries may be null), or null
     */
    public static EditedSegments ofNames(DcmqiMetadata meta, List<String> names, List<Integer> previous, boolean manual,
            List<Color> colors) {
        EditedSegments e = new EditedSegments();
        List<SegmentDescription> md = meta.segments();
        Set<Integer> used = new HashSet<>();
        SegmentDescription[] chosen = new SegmentDescription[names.size()];
        for (int i = 0; i < names.size(); i++) {
            SegmentDescription d = byLabel(md, names.get(i));
            if (d != null && used.add(d.segmentNumber())) chosen[i] = d;
        }
        List<String> renamed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int n = i + 1;
            String name = names.get(i) == null || names.get(i).isBlank() ? null : names.get(i).trim();
            SegmentDescription d = chosen[i];
            Integer was = previous == null || i >= previous.size() ? null : previous.get(i);
            if (d == null && was != null && !used.contains(was) && meta.segment(was).isPresent()) {
                d = meta.segment(was).get();
                used.add(was);
                if (name != null) {
                    renamed.add("'" + d.label() + "' -> '" + name + "'");
                    d = d.toBuilder().label(SegmentLabels.clean(name, n)).build();
                }
            }
            if (d == null) {
                Color c = colors == null || i >= colors.size() ? null : colors.get(i);
                d = DefaultSegments.of(n, name, manual, c);
                added.add("'" + d.label() + "'");
            }
            e.segments.add(SegmentMetadataMatch.renumber(d, n));
        }
        List<String> removed = new ArrayList<>();
        for (SegmentDescription d : md) if (!used.contains(d.segmentNumber())) removed.add("'" + d.label() + "'");
        if (!renamed.isEmpty()) e.notes.add("Renamed segment" + (renamed.size() == 1 ? " " : "s ") + String.join(", ", renamed)
                + ": codes and the rest of the description kept");
        if (!added.isEmpty()) e.notes.add("Segment" + (added.size() == 1 ? " " : "s ") + String.join(", ", added)
                + " added since the segments were described: default description (Tissue, " + (manual ? "MANUAL" : "AUTOMATIC")
                + "); use Segment Metadata... to describe " + (added.size() == 1 ? "it" : "them"));
        if (!removed.isEmpty()) e.notes.add("Segment" + (removed.size() == 1 ? " " : "s ") + String.join(", ", removed)
                + " no longer in the image: left out");
        return e;
    }

    private static SegmentDescription byLabel(List<SegmentDescription> md, String name) {
        if (name == null || name.isBlank()) return null;
        String l = name.trim().toLowerCase(Locale.ROOT);
        for (SegmentDescription d : md) if (d.label().toLowerCase(Locale.ROOT).equals(l)) return d;
        return null;
    }
}
