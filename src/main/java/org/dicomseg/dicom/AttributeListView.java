package org.dicomseg.dicom;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;

/**
 * A {@link DataSetView} of a PixelMed attribute list: the header of a file that the lean walk
 * ({@link LeanDataSet}) leaves to PixelMed (big endian, deflated, unusual character sets or
 * structures), and of a remote SEG whose header is DICOM JSON. Each accessor is PixelMed's; an
 * exception of PixelMed's (a value of another type) is "no value" (null).
 */
public final class AttributeListView implements DataSetView {
    private final AttributeList list;

    private AttributeListView(AttributeList list) {
        this.list = list;
    }

    /** A view of {@code list} (null for null). */
    public static AttributeListView of(AttributeList list) {
        return list == null ? null : new AttributeListView(list);
    }

    /** The list viewed. */
    public AttributeList list() { return list; }

    private Attribute get(int tag) {
        return list.get(new AttributeTag(tag >>> 16, tag & 0xFFFF));
    }

    @Override public boolean has(int tag) { return get(tag) != null; }

    @Override public int count(int tag) {
        Attribute a = get(tag);
        return a == null ? 0 : a.getVM();
    }

    @Override public String[] strings(int tag) {
        Attribute a = get(tag);
        try {
            return a == null ? null : a.getStringValues();
        } catch (Exception e) {
            return null;
        }
    }

    @Override public long[] longs(int tag) {
        Attribute a = get(tag);
        try {
            return a == null ? null : a.getLongValues();
        } catch (Exception e) {
            return null;
        }
    }

    @Override public double[] doubles(int tag) {
        Attribute a = get(tag);
        try {
            return a == null ? null : a.getDoubleValues();
        } catch (Exception e) {
            return null;
        }
    }

    @Override public short[] words(int tag) {
        Attribute a = get(tag);
        try {
            return a == null ? null : a.getShortValues();
        } catch (Exception e) {
            return null;
        }
    }

    @Override public int[] tags(int tag) {
        Attribute a = get(tag);
        if (!(a instanceof AttributeTagAttribute)) return null;
        try {
            AttributeTag[] t = ((AttributeTagAttribute) a).getAttributeTagValues();
            int[] out = new int[t.length];
            for (int i = 0; i < t.length; i++) out[i] = t[i].getGroup() << 16 | t[i].getElement();
            return out;
        } catch (Exception e) {
            return null;
        }
    }

    @Override public List<DataSetView> items(int tag) {
        Attribute a = get(tag);
        if (!(a instanceof SequenceAttribute)) return null;
        SequenceAttribute s = (SequenceAttribute) a;
        List<DataSetView> out = new ArrayList<>(s.getNumberOfItems());
        // PixelMed keeps items in a LinkedList: iterate, never getItem(i)
        for (Iterator<SequenceItem> it = s.iterator(); it.hasNext();) out.add(new AttributeListView(it.next().getAttributeList()));
        return out;
    }
}
