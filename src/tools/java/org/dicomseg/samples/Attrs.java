package org.dicomseg.samples;

import java.math.BigDecimal;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;

/** Small helpers to fill PixelMed attribute lists. */
final class Attrs {
    private Attrs() { }

    /** Puts an attribute with the given string values (none: an empty, zero-length attribute). */
    static void put(AttributeList l, AttributeTag t, String... values) {
        try {
            Attribute a = AttributeFactory.newAttribute(t);
            for (String v : values) a.addValue(v);
            l.put(a);
        } catch (DicomException e) {
            throw new IllegalStateException("Cannot create " + t, e);
        }
    }

    /** Puts an integer-valued attribute (US, SS, UL, IS ...). */
    static void putInt(AttributeList l, AttributeTag t, int... values) {
        try {
            Attribute a = AttributeFactory.newAttribute(t);
            for (int v : values) a.addValue(v);
            l.put(a);
        } catch (DicomException e) {
            throw new IllegalStateException("Cannot create " + t, e);
        }
    }

    /** Puts a DS / FD attribute, DS values formatted plainly (no exponent, trailing zeros cut). */
    static void putDs(AttributeList l, AttributeTag t, double... values) {
        String[] s = new String[values.length];
        for (int i = 0; i < values.length; i++) s[i] = ds(values[i]);
        put(l, t, s);
    }

    /** A DS string for {@code v}: at most 16 characters, rounded to 6 decimals. */
    static String ds(double v) {
        BigDecimal b = BigDecimal.valueOf(v).setScale(6, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
        if (b.signum() == 0) return "0";
        String s = b.toPlainString();
        if (s.length() > 16) throw new IllegalArgumentException("DS too long: " + s);
        return s;
    }

    /** Puts a sequence with the given items (none: an empty sequence) and returns it. */
    static SequenceAttribute seq(AttributeList l, AttributeTag t, AttributeList... items) {
        SequenceAttribute s = new SequenceAttribute(t);
        for (AttributeList i : items) s.addItem(i);
        l.put(s);
        return s;
    }

    /** A code sequence item: Code Value, Coding Scheme Designator, Code Meaning. */
    static AttributeList code(String value, String scheme, String meaning) {
        AttributeList i = new AttributeList();
        put(i, com.pixelmed.dicom.TagFromName.CodeValue, value);
        put(i, com.pixelmed.dicom.TagFromName.CodingSchemeDesignator, scheme);
        put(i, com.pixelmed.dicom.TagFromName.CodeMeaning, meaning);
        return i;
    }
}
