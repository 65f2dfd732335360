package org.dicomseg.read;

import java.util.ArrayList;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

/**
 * Plain values from PixelMed attribute lists with the reader's lenient rules, shared by the header,
 * segment and frame index parsers and {@link FunctionalGroups}: an absent, empty or unparsable
 * value is a default (null, -1, NaN, an empty array), never an exception, so each caller decides
 * what is missing and how to say so. Strings are trimmed of spaces and NUL padding (PS3.5 6.2).
 */
final class AttributeValues {
    private AttributeValues() { }

    static SequenceAttribute seq(AttributeList l, AttributeTag tag) {
        if (l == null) return null;
        Attribute a = l.get(tag);
        return a instanceof SequenceAttribute ? (SequenceAttribute) a : null;
    }

    static AttributeList item(AttributeList l, AttributeTag tag) {
        SequenceAttribute s = seq(l, tag);
        if (s == null || s.getNumberOfItems() == 0) return null;
        return s.getItem(0).getAttributeList();
    }

    static String str(AttributeList l, AttributeTag tag) {
        if (l == null) return null;
        String s = Attribute.getSingleStringValueOrNull(l, tag);
        if (s == null) return null;
        s = s.replace('\0', ' ').trim();
        return s.isEmpty() ? null : s;
    }

    static int intValue(AttributeList l, AttributeTag tag, int def) {
        Attribute a = l == null ? null : l.get(tag);
        if (a == null || a.getVM() == 0) return def;
        try {
            long[] v = a.getLongValues();
            if (v == null || v.length == 0) return def;
            return v[0] > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v[0];
        } catch (Exception e) {
            return def;
        }
    }

    static int[] ints(AttributeList l, AttributeTag tag) {
        Attribute a = l == null ? null : l.get(tag);
        if (a == null || a.getVM() == 0) return new int[0];
        try {
            long[] v = a.getLongValues();
            if (v == null) return new int[0];
            int[] out = new int[v.length];
            for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
            return out;
        } catch (Exception e) {
            return new int[0];
        }
    }

    static double doubleValue(AttributeList l, AttributeTag tag) {
        double[] d = doubles(l, tag, 1);
        return d == null ? Double.NaN : d[0];
    }

    static double[] doubles(AttributeList l, AttributeTag tag, int count) {
        Attribute a = l == null ? null : l.get(tag);
        if (a == null || a.getVM() < count) return null;
        try {
            double[] v = a.getDoubleValues();
            return v == null || v.length < count ? null : (v.length == count ? v : java.util.Arrays.copyOf(v, count));
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The references of a sequence of Image SOP Instance Reference Macro items (PS3.3 Table 10-3),
     * in order; an item without a Referenced SOP Instance UID is left out.
     */
    static List<SourceImageReference> references(SequenceAttribute s) {
        List<SourceImageReference> out = new ArrayList<>();
        if (s == null) return out;
        for (java.util.Iterator<com.pixelmed.dicom.SequenceItem> it = s.iterator(); it.hasNext();) {
            AttributeList r = it.next().getAttributeList();
            String uid = str(r, TagFromName.ReferencedSOPInstanceUID);
            if (uid == null) continue;
            int[] frames = ints(r, TagFromName.ReferencedFrameNumber);
            out.add(new SourceImageReference(str(r, TagFromName.ReferencedSOPClassUID), uid, frames));
        }
        return out;
    }
}
