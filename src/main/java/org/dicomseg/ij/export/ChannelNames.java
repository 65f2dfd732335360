package org.dicomseg.ij.export;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;

import org.dicomseg.ij.SegmentMetadataProperty;

/**
 * The names of a hyperstack's channels as an export sees them: ImageJ has no channel names, so a
 * channel is named by its slice label (the importer labels every slice of a channel with its
 * segment's label; Image &gt; Stacks &gt; Set Label... renames it), and the Segment Number each
 * channel had when imported ({@value SegmentMetadataProperty#SEGMENT_NUMBERS_PROPERTY}).
 */
final class ChannelNames {
    private ChannelNames() { }

    /** For each channel, the first non-blank slice label of its planes (first line), or null. */
    static List<String> of(ImagePlus imp) {
        List<String> names = new ArrayList<>();
        int planes = imp.getNSlices() * imp.getNFrames();
        for (int c = 1; c <= imp.getNChannels(); c++) {
            String name = null;
            for (int p = 0; p < planes && name == null; p++) {
                int z = p % imp.getNSlices() + 1, t = p / imp.getNSlices() + 1;
                String label = imp.getStack().getSliceLabel(imp.getStackIndex(c, z, t));
                if (label != null && !label.isBlank()) name = label.split("\r?\n", 2)[0].trim();
                if (name != null && name.isEmpty()) name = null;
            }
            names.add(name);
        }
        return names;
    }

    /**
     * The Segment Number each channel was imported as, when the image records one per channel;
     * else null (channels were added or removed since, so positions say nothing).
     */
    static List<Integer> describedAs(ImagePlus imp) {
        String v = imp.getProp(SegmentMetadataProperty.SEGMENT_NUMBERS_PROPERTY);
        if (v == null || v.isBlank()) return null;
        List<Integer> out = new ArrayList<>();
        try {
            for (String s : v.split(",")) out.add(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
        return out.size() == imp.getNChannels() ? out : null;
    }
}
