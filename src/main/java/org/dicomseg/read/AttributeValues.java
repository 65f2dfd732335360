package org.dicomseg.read;

import java.util.ArrayList;
import java.util.List;

import org.dicomseg.dicom.DataSetView;

/**
 * Plain values from a header ({@link DataSetView}: PixelMed's list or the lean walk's) with the
 * reader's lenient rules, shared by the header, segment and frame index parsers and
 * {@link FunctionalGroups}: an absent, empty or unparsable value is a default (null, -1, NaN, an
 * empty array), never an exception, so each caller decides what is missing and how to say so.
 * Strings are trimmed of spaces and NUL padding (PS3.5 6.2). Tags are {@link HeaderTags}'.
 */
final class AttributeValues {
    private AttributeValues() { }

    /** The items of a sequence; null when absent or not a sequence. */
    static List<DataSetView> seq(DataSetView l, int tag) {
        return l == null ? null : l.items(tag);
    }

    /** The first item of a sequence; null when absent, empty or not a sequence. */
    static DataSetView item(DataSetView l, int tag) {
        List<DataSetView> s = seq(l, tag);
        return s == null || s.isEmpty() ? null : s.get(0);
    }

    /** The first value as text, trimmed; null when absent or blank. */
    static String str(DataSetView l, int tag) {
        if (l == null) return null;
        String[] v = l.strings(tag);
        String s = v == null || v.length == 0 ? null : v[0];
        if (s == null) return null;
        s = s.replace('\0', ' ').trim();
        return s.isEmpty() ? null : s;
    }

    static int intValue(DataSetView l, int tag, int def) {
        if (l == null || l.count(tag) == 0) return def;
        long[] v = l.longs(tag);
        if (v == null || v.length == 0) return def;
        return v[0] > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v[0];
    }

    static int[] ints(DataSetView l, int tag) {
        if (l == null || l.count(tag) == 0) return new int[0];
        long[] v = l.longs(tag);
        if (v == null) return new int[0];
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
        return out;
    }

    static double doubleValue(DataSetView l, int tag) {
        double[] d = doubles(l, tag, 1);
        return d == null ? Double.NaN : d[0];
    }

    static double[] doubles(DataSetView l, int tag, int count) {
        if (l == null || l.count(tag) < count) return null;
        double[] v = l.doubles(tag);
        return v == null || v.length < count ? null : (v.length == count ? v.clone() : java.util.Arrays.copyOf(v, count));
    }

    /**
     * The references of a sequence of Image SOP Instance Reference Macro items (PS3.3 Table 10-3),
     * in order; an item without a Referenced SOP Instance UID is left out.
     */
    static List<SourceImageReference> references(List<DataSetView> s) {
        List<SourceImageReference> out = new ArrayList<>();
        if (s == null) return out;
        for (DataSetView r : s) {
            String uid = str(r, HeaderTags.REFERENCED_SOP_INSTANCE_UID);
            if (uid == null) continue;
            int[] frames = ints(r, HeaderTags.REFERENCED_FRAME_NUMBER);
            out.add(new SourceImageReference(str(r, HeaderTags.REFERENCED_SOP_CLASS_UID), uid, frames));
        }
        return out;
    }
}
