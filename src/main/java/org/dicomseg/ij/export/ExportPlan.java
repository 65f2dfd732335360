package org.dicomseg.ij.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;

/**
 * What an ImageJ export hands to the SEG writer, before options and sources: the mask (read plane
 * by plane), one description per segment (numbers 1..N), the segmentation type the input suggests
 * when the user does not choose one, and notes for the log (e.g. "no segment metadata: defaults").
 */
public final class ExportPlan {
    private final SegmentationMask mask;
    private final List<SegmentDescription> segments;
    private final SegmentationType suggestedType;
    private final List<String> notes;

    public ExportPlan(SegmentationMask mask, List<SegmentDescription> segments, SegmentationType suggestedType, List<String> notes) {
        if (segments.isEmpty()) throw new IllegalArgumentException("Nothing to export: no segments");
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).segmentNumber() != i + 1) {
                throw new IllegalArgumentException("Segments must be numbered 1..N in order; segment " + (i + 1)
                        + " is numbered " + segments.get(i).segmentNumber());
            }
        }
        this.mask = mask;
        this.segments = Collections.unmodifiableList(new ArrayList<>(segments));
        this.suggestedType = suggestedType;
        this.notes = Collections.unmodifiableList(new ArrayList<>(notes));
    }

    public SegmentationMask mask() { return mask; }
    public List<SegmentDescription> segments() { return segments; }
    /** LABELMAP-friendly BINARY for label images and ROIs, FRACTIONAL for 32-bit images. */
    public SegmentationType suggestedType() { return suggestedType; }
    /** Messages for the log. */
    public List<String> notes() { return notes; }
}
