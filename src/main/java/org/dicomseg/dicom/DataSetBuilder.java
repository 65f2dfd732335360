package org.dicomseg.dicom;

import java.math.BigDecimal;
import java.util.Locale;

import com.pixelmed.dicom.AgeStringAttribute;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.AttributeTagAttribute;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DateAttribute;
import com.pixelmed.dicom.DateTimeAttribute;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.IntegerStringAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.LongTextAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.ShortTextAttribute;
import com.pixelmed.dicom.SpecificCharacterSet;
import com.pixelmed.dicom.TimeAttribute;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UniversalResourceAttribute;
import com.pixelmed.dicom.UnlimitedCharactersAttribute;
import com.pixelmed.dicom.UnlimitedTextAttribute;
import com.pixelmed.dicom.UnsignedLongAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;

import org.dicomseg.model.CodedConcept;

/**
 * Small typed helpers to put attributes into a PixelMed {@link AttributeList} with an explicit VR
 * (this PixelMed build's dictionary lacks several SEG tags, e.g. Segments Overlap, so the VR is
 * never left to the dictionary). All text goes through one UTF-8 character set; the writer states
 * Specific Character Set "ISO_IR 192" only when a value is not plain ASCII ({@link #nonAscii()}).
 */
public final class DataSetBuilder {
    private final SpecificCharacterSet utf8 = new SpecificCharacterSet(new String[] {"ISO_IR 192"});
    private boolean nonAscii;

    /** True when some text value written so far is not ASCII. */
    public boolean nonAscii() { return nonAscii; }

    public static AttributeTag tag(int group, int element) { return new AttributeTag(group, element); }

    /** Puts a string attribute of VR {@code vr} with the given values (none = empty, type 2). */
    public Attribute text(AttributeList l, AttributeTag t, String vr, String... values) {
        Attribute a = newText(t, vr);
        try {
            for (String v : values) {
                if (v == null) continue;
                for (int i = 0; i < v.length(); i++) if (v.charAt(i) > 127) nonAscii = true;
                a.addValue(v);
            }
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        l.put(a);
        return a;
    }

    /** Puts a string attribute only when {@code value} is non-null. */
    public void optionalText(AttributeList l, AttributeTag t, String vr, String value) {
        if (value != null && !value.isEmpty()) text(l, t, vr, value);
    }

    private Attribute newText(AttributeTag t, String vr) {
        switch (vr) {
            case "CS": return new CodeStringAttribute(t);
            case "UI": return new UniqueIdentifierAttribute(t);
            case "DA": return new DateAttribute(t);
            case "TM": return new TimeAttribute(t);
            case "DT": return new DateTimeAttribute(t);
            case "SH": return new ShortStringAttribute(t, utf8);
            case "LO": return new LongStringAttribute(t, utf8);
            case "PN": return new PersonNameAttribute(t, utf8);
            case "ST": return new ShortTextAttribute(t, utf8);
            case "LT": return new LongTextAttribute(t, utf8);
            case "UT": return new UnlimitedTextAttribute(t, utf8);
            case "UC": return new UnlimitedCharactersAttribute(t, utf8);
            case "UR": return new UniversalResourceAttribute(t);
            case "IS": return new IntegerStringAttribute(t);
            case "DS": return new DecimalStringAttribute(t);
            case "AS": return new AgeStringAttribute(t);
            default: throw new IllegalArgumentException("No text VR " + vr);
        }
    }

    /**
     * Copies {@code t} from {@code src} by value into {@code dst} (re-encoded in UTF-8), or writes
     * it empty when {@code emptyIfAbsent}; skips it otherwise. Sequences are copied as they are.
     */
    public void copy(AttributeList src, AttributeList dst, AttributeTag t, String vr, boolean emptyIfAbsent) {
        Attribute a = src == null ? null : src.get(t);
        if (a instanceof SequenceAttribute) {
            dst.put(a);
            return;
        }
        String[] values = null;
        if (a != null && a.getVM() > 0) {
            try {
                values = a.getStringValues();
            } catch (DicomException e) {
                values = null;
            }
        }
        if (values != null && values.length > 0) text(dst, t, vr, values);
        else if (emptyIfAbsent) text(dst, t, vr);
    }

    public static void us(AttributeList l, AttributeTag t, int... values) {
        Attribute a = new UnsignedShortAttribute(t);
        try {
            for (int v : values) a.addValue(v);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        l.put(a);
    }

    public static void ul(AttributeList l, AttributeTag t, long... values) {
        Attribute a = new UnsignedLongAttribute(t);
        try {
            for (long v : values) a.addValue(v);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        l.put(a);
    }

    public static void at(AttributeList l, AttributeTag t, AttributeTag value) {
        AttributeTagAttribute a = new AttributeTagAttribute(t);
        try {
            a.addValue(value);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        l.put(a);
    }

    /** Decimal String values, each formatted in at most 16 characters (PS3.5 6.2, VR DS). */
    public static void ds(AttributeList l, AttributeTag t, double... values) {
        Attribute a = new DecimalStringAttribute(t);
        try {
            for (double v : values) a.addValue(formatDs(v));
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        l.put(a);
    }

    /** A DS rendering of {@code v} of at most 16 characters, as exact as fits. */
    public static String formatDs(double v) {
        if (v == 0) return "0";
        for (int digits = 16; digits > 0; digits--) {
            String s = new BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
            if (s.length() <= 16) return s;
            s = String.format(Locale.ROOT, "%." + (digits - 1) + "E", v).replace("E+", "E");
            if (s.length() <= 16) return s;
        }
        throw new IllegalArgumentException("Cannot format " + v + " as DS");
    }

    public static SequenceAttribute seq(AttributeList l, AttributeTag t) {
        SequenceAttribute s = new SequenceAttribute(t);
        l.put(s);
        return s;
    }

    public static AttributeList item(SequenceAttribute s) {
        AttributeList item = new AttributeList();
        s.addItem(item);
        return item;
    }

    /** A sequence with one item: the attributes of {@code item}. */
    public static AttributeList singleItem(AttributeList l, AttributeTag t) {
        return item(seq(l, t));
    }

    /** Code Sequence Macro (PS3.3 Table 8.8-1): value (SH, or UC when longer than 16, UR for URNs), scheme, version, meaning. */
    public void code(AttributeList item, CodedConcept c) {
        String v = c.value();
        if (v.startsWith("urn:") || v.contains("://")) text(item, SegTags.URN_CODE_VALUE, "UR", v);
        else if (v.length() > 16) text(item, SegTags.LONG_CODE_VALUE, "UC", v);
        else text(item, SegTags.CODE_VALUE, "SH", v);
        text(item, SegTags.CODING_SCHEME_DESIGNATOR, "SH", c.schemeDesignator());
        optionalText(item, SegTags.CODING_SCHEME_VERSION, "SH", c.schemeVersion());
        text(item, SegTags.CODE_MEANING, "LO", c.meaning());
    }

    /** A code sequence with one item per concept. */
    public void codeSequence(AttributeList l, AttributeTag t, Iterable<CodedConcept> codes) {
        SequenceAttribute s = seq(l, t);
        for (CodedConcept c : codes) code(item(s), c);
    }

    /** A code sequence with one item. */
    public AttributeList codeSequence(AttributeList l, AttributeTag t, CodedConcept c) {
        AttributeList item = singleItem(l, t);
        code(item, c);
        return item;
    }
}
