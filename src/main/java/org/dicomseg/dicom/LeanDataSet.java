package org.dicomseg.dicom;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of a Little Endian data set (PS3.5 7.1.2 explicit / 7.1.3 implicit VR; 7.5
 * sequences and items of defined or undefined length) read from its bytes with {@link ElementCursor},
 * as a {@link DataSetView} whose values are the ones PixelMed's accessors give for the same bytes:
 * a SEG's header before its Per-frame Functional Groups is read so on a plain import, without
 * loading PixelMed's parser, dictionary and logging (tens of milliseconds in a fresh ImageJ, issue 19).
 *
 * <p>Only the attributes of a given dictionary ({@code vrs}: tag to the VR PS3.6 gives it, which is
 * also the VR read in an implicit syntax) are kept; asking for another tag is a programming error
 * ({@link IllegalArgumentException}). Other elements are walked over (sequences through their items,
 * so every nested length is checked). {@link #read} returns null — and the caller lets PixelMed parse
 * the header — for whatever PixelMed might read differently: a kept attribute with another VR than
 * its dictionary's (UN too), an odd binary value length, an undefined length that is not a sequence's
 * in an explicit syntax, a Specific Character Set other than none, ISO_IR 6, ISO_IR 100 or ISO_IR 192
 * (or one inside an item), text bytes outside ASCII where that set does not decode them (PS3.5 6.1.2.3:
 * only SH, LO, ST, LT, UC, UT and PN use it), an escape byte, an implicit-VR value of a tag not kept
 * that starts like a sequence (PixelMed's dictionary may make it one) but is not a sound one, items nested deeper than
 * {@link DataSetWalker#MAX_DEPTH}, or any element that does not fit its item or the bytes.</p>
 */
public final class LeanDataSet implements DataSetView {
    private static final int SPECIFIC_CHARACTER_SET = 0x00080005;

    /** Why the walk declines (the caller then parses with PixelMed); no stack trace: it is not an error. */
    private static final class Declined extends Exception {
        private static final long serialVersionUID = 1L;

        Declined(String reason) {
            super(reason, null, false, false);
        }
    }

    /** One kept attribute's values, decoded as PixelMed decodes them. */
    private static final class Value {
        int count;
        String[] strings;
        long[] longs;
        double[] doubles;
        short[] words;
        int[] tags;
        List<DataSetView> items;
    }

    private final Map<Integer, String> vrs;
    private final Map<Integer, Value> values = new HashMap<>();

    private LeanDataSet(Map<Integer, String> vrs) {
        this.vrs = vrs;
    }

    /**
     * The data set in {@code b} from {@code start} to exactly {@code end} (its top-level elements must
     * end there), or null when it is left to PixelMed (see the class comment).
     *
     * @param vrs the attributes kept: tag to VR (PS3.6); "SQ" for sequences, which are kept in items too; "XS"
     *            (US or SS) is read only as an explicit US
     */
    public static LeanDataSet read(byte[] b, int start, int end, boolean explicitVr, Map<Integer, String> vrs) {
        try {
            return walk(b, start, end, explicitVr, vrs);
        } catch (Declined | IOException | RuntimeException e) {
            return null;
        }
    }

    /** Why {@link #read} returns null for these bytes, or null when it does not (for tests). */
    public static String whyDeclined(byte[] b, int start, int end, boolean explicitVr, Map<Integer, String> vrs) {
        try {
            walk(b, start, end, explicitVr, vrs);
            return null;
        } catch (Declined | IOException | RuntimeException e) {
            return e.toString();
        }
    }

    private static LeanDataSet walk(byte[] b, int start, int end, boolean explicitVr, Map<Integer, String> vrs)
            throws IOException, Declined {
        if (start < 0 || end > b.length || start > end) throw new Declined("bounds " + start + ".." + end + " of " + b.length);
        return new Walk(b, explicitVr, vrs).item(start, end, false, 0);
    }

    private Value value(int tag) {
        if (!vrs.containsKey(tag)) throw new IllegalArgumentException("tag " + DataSetWalker.tagString(tag) + " is not in the dictionary read");
        return values.get(tag);
    }

    @Override public boolean has(int tag) { return value(tag) != null; }

    @Override public int count(int tag) {
        Value v = value(tag);
        return v == null ? 0 : v.count;
    }

    @Override public String[] strings(int tag) {
        Value v = value(tag);
        return v == null ? null : v.strings;
    }

    @Override public long[] longs(int tag) {
        Value v = value(tag);
        return v == null ? null : v.longs;
    }

    @Override public double[] doubles(int tag) {
        Value v = value(tag);
        return v == null ? null : v.doubles;
    }

    @Override public short[] words(int tag) {
        Value v = value(tag);
        return v == null ? null : v.words;
    }

    @Override public int[] tags(int tag) {
        Value v = value(tag);
        return v == null ? null : v.tags;
    }

    @Override public List<DataSetView> items(int tag) {
        Value v = value(tag);
        return v == null ? null : v.items;
    }

    /** One walk over the bytes: the cursor, the syntax and the character set the top-level data set names. */
    private static final class Walk {
        private final byte[] b;
        private final boolean explicitVr;
        private final Map<Integer, String> vrs;
        private final ElementCursor c;
        /** The Specific Character Set's decoder of non-ASCII bytes in SH, LO, ST, LT, UC, UT, PN; null: ASCII only. */
        private Charset charset;

        /** Past the item or sequence value last read. */
        private int itemEnd;

        Walk(byte[] b, boolean explicitVr, Map<Integer, String> vrs) {
            this.b = b;
            this.explicitVr = explicitVr;
            this.vrs = vrs;
            this.c = new ElementCursor(ElementBytes.of(b));
        }

        /**
         * The elements from {@code pos}: up to {@code end} exactly (a defined length, or the top level),
         * or ({@code undefined}) up to an Item Delimitation Item before {@code end}; {@link #itemEnd} is set
         * past the item.
         */
        LeanDataSet item(int pos, int end, boolean undefined, int depth) throws IOException, Declined {
            LeanDataSet set = new LeanDataSet(vrs);
            while (true) {
                if (!undefined && pos == end) {
                    itemEnd = pos;
                    return set;
                }
                if (pos + 8 > end) throw new Declined("element header past its item at " + pos);
                int tag = c.readTag(pos, false);
                if (tag == DataSetWalker.TAG_ITEM_DELIMITER && undefined) {
                    itemEnd = pos + 8;
                    return set;
                }
                if ((tag >>> 16) == 0xFFFE) throw new Declined("stray " + DataSetWalker.tagString(tag) + " at " + pos);
                c.readLength(explicitVr);
                if (c.valueOffset() > end) throw new Declined("element header past its item at " + pos);
                String want = vrs.get(tag);
                if ("XS".equals(want)) {
                    // US or SS (PS3.6): PixelMed picks one in an implicit syntax; read here only as an explicit US
                    if (!explicitVr) throw new Declined("US or SS " + DataSetWalker.tagString(tag) + " in an implicit syntax");
                    want = "US";
                }
                String vr = explicitVr ? c.vrString() : want;
                if (explicitVr && (!knownVr(vr) || (want != null && !want.equals(vr)))) {
                    throw new Declined(DataSetWalker.tagString(tag) + " has VR " + vr + (want == null ? "" : ", not " + want));
                }
                int valueStart = (int) c.valueOffset();
                if (tag == SPECIFIC_CHARACTER_SET && depth > 0) throw new Declined("Specific Character Set in an item");
                if (c.undefinedLength()) {
                    if ("SQ".equals(vr)) {
                        List<DataSetView> items = sequence(valueStart, end, true, depth + 1);
                        if (want != null) keep(set, tag, items);
                        pos = itemEnd;
                    } else if (!explicitVr && want == null) {
                        // a sequence PixelMed's dictionary knows, or encapsulated (icon) pixel data: items up to a delimiter
                        long next = c.skipUndefinedLength(valueStart, false, false, depth + 1);
                        if (next > end) throw new Declined("undefined-length value past its item at " + pos);
                        pos = (int) next;
                    } else {
                        throw new Declined("undefined-length " + vr + " " + DataSetWalker.tagString(tag));
                    }
                    continue;
                }
                long next = c.next();
                if (next > end) throw new Declined(DataSetWalker.tagString(tag) + " runs past its item");
                int len = (int) c.length();
                if ("SQ".equals(vr)) {
                    List<DataSetView> items = sequence(valueStart, (int) next, false, depth + 1);
                    if (want != null) keep(set, tag, items);
                } else if (want != null) {
                    Value v = decode(tag, want, valueStart, len);
                    set.values.put(tag, v);
                    if (tag == SPECIFIC_CHARACTER_SET) charset = charset(v.strings);
                } else if (!explicitVr && len >= 8 && (c.readTag(valueStart, false) == DataSetWalker.TAG_ITEM)) {
                    // a sequence PixelMed's dictionary may know (its items would be parsed): it must be one
                    sequence(valueStart, (int) next, false, depth + 1);
                }
                pos = (int) next;
            }
        }

        private static void keep(LeanDataSet set, int tag, List<DataSetView> items) {
            Value v = new Value();
            v.items = Collections.unmodifiableList(items); // a sequence has no values (PixelMed's VM 0)
            set.values.put(tag, v);
        }

        /** The items of a sequence value from {@code pos}; {@link #itemEnd} is set past the value. */
        private List<DataSetView> sequence(int pos, int end, boolean undefined, int depth) throws IOException, Declined {
            if (depth > DataSetWalker.MAX_DEPTH) throw new Declined("sequences nested too deeply");
            List<DataSetView> items = new ArrayList<>();
            while (true) {
                if (!undefined && pos == end) {
                    itemEnd = pos;
                    return items;
                }
                if (pos + 8 > end) throw new Declined("item header past its sequence at " + pos);
                int tag = c.readTag(pos, false);
                long len = ElementBytes.u32(b, pos + 4, false);
                if (tag == DataSetWalker.TAG_SEQUENCE_DELIMITER && undefined) {
                    itemEnd = pos + 8;
                    return items;
                }
                if (tag != DataSetWalker.TAG_ITEM) throw new Declined("not an item at " + pos);
                if (len == DataSetWalker.UNDEFINED) {
                    items.add(item(pos + 8, end, true, depth));
                } else {
                    long stop = pos + 8 + len;
                    if (stop > end) throw new Declined("item past its sequence at " + pos);
                    items.add(item(pos + 8, (int) stop, false, depth));
                }
                pos = itemEnd;
            }
        }

        /** The decoder the Specific Character Set names for the VRs it applies to; declines the ones not read here. */
        private static Charset charset(String[] values) throws Declined {
            if (values == null || values.length == 0) return null;
            if (values.length > 1) throw new Declined("several character sets");
            switch (values[0]) {
                case "":
                case "ISO_IR 6": return null;
                case "ISO_IR 100": return StandardCharsets.ISO_8859_1;
                case "ISO_IR 192": return StandardCharsets.UTF_8;
                default: throw new Declined("character set " + values[0]);
            }
        }

        /** A kept attribute's value of VR {@code vr} at {@code off}, {@code len} bytes. */
        private Value decode(int tag, String vr, int off, int len) throws Declined {
            Value v = new Value();
            if (len == 0 && !isText(vr)) return v; // no values: PixelMed's binary accessors give null
            switch (vr) {
                case "US": case "SS": case "UL": case "SL": {
                    int size = vr.charAt(1) == 'S' ? 2 : 4;
                    if (len % size != 0) throw new Declined(vr + " of " + len + " bytes");
                    v.count = len / size;
                    v.longs = new long[v.count];
                    v.doubles = new double[v.count];
                    v.strings = new String[v.count];
                    for (int i = 0; i < v.count; i++) {
                        int p = off + i * size;
                        long x = size == 2 ? ElementBytes.u16(b, p, false) : ElementBytes.u32(b, p, false);
                        if (vr.equals("SS")) x = (short) x;
                        else if (vr.equals("SL")) x = (int) x;
                        v.longs[i] = x;
                        v.doubles[i] = x;
                        v.strings[i] = Long.toString(x);
                    }
                    return v;
                }
                case "AT":
                    if (len % 4 != 0) throw new Declined("AT of " + len + " bytes");
                    v.count = len / 4;
                    v.tags = new int[v.count];
                    for (int i = 0; i < v.count; i++) {
                        v.tags[i] = ElementBytes.u16(b, off + 4 * i, false) << 16 | ElementBytes.u16(b, off + 4 * i + 2, false);
                    }
                    return v;
                case "OW":
                    if (len % 2 != 0) throw new Declined("OW of " + len + " bytes");
                    v.count = len > 0 ? 1 : 0;
                    v.words = new short[len / 2];
                    for (int i = 0; i < v.words.length; i++) v.words[i] = (short) ElementBytes.u16(b, off + 2 * i, false);
                    return v;
                default:
                    if (!isText(vr)) throw new Declined(vr + " " + DataSetWalker.tagString(tag) + " is not read here");
                    return text(vr, off, len);
            }
        }

        /**
         * A string VR's values as PixelMed's string attributes hold them: decoded, split at backslashes
         * (not LT, ST, UT), each value without leading spaces and trailing spaces and NULs (not LT, ST, UT).
         */
        private Value text(String vr, int off, int len) throws Declined {
            Value v = new Value();
            if (len == 0) return v;
            boolean affected = affectedByCharacterSet(vr);
            boolean ascii = true;
            for (int i = off; i < off + len; i++) {
                if (b[i] == 0x1B) throw new Declined("escape in " + vr);
                if (b[i] < 0) ascii = false;
            }
            if (!ascii && (!affected || charset == null)) throw new Declined("non-ASCII " + vr);
            String s = new String(b, off, len, ascii ? StandardCharsets.US_ASCII : charset);
            boolean whole = vr.equals("LT") || vr.equals("ST") || vr.equals("UT");
            List<String> parts = new ArrayList<>(4);
            if (whole) {
                parts.add(s);
            } else {
                int start = 0;
                for (int i = 0; ; i++) {
                    if (i >= s.length() || s.charAt(i) == '\\') {
                        parts.add(unpad(s.substring(start, Math.min(i, s.length()))));
                        start = i + 1;
                        if (start >= s.length()) break;
                    }
                }
            }
            v.count = parts.size();
            v.strings = parts.toArray(new String[0]);
            if (whole) return v; // LT, ST, UT: no numbers
            v.longs = new long[v.count];
            v.doubles = new double[v.count];
            for (int i = 0; i < v.count; i++) {
                try {
                    v.longs[i] = Long.parseLong(v.strings[i]);
                } catch (NumberFormatException e) {
                    v.longs[i] = 0;
                }
                try {
                    v.doubles[i] = Double.parseDouble(v.strings[i]);
                } catch (NumberFormatException e) {
                    v.doubles[i] = 0;
                }
            }
            return v;
        }
    }

    /** Without leading spaces and trailing spaces and NULs (PixelMed's unpadding of string values). */
    static String unpad(String s) {
        int a = 0, z = s.length();
        while (a < z && s.charAt(a) == ' ') a++;
        while (z > a && (s.charAt(z - 1) == ' ' || s.charAt(z - 1) == '\0')) z--;
        return s.substring(a, z);
    }

    /** The string VRs (PS3.5 Table 6.2-1). */
    private static boolean isText(String vr) {
        switch (vr) {
            case "AE": case "AS": case "CS": case "DA": case "DS": case "DT": case "IS": case "LO": case "LT": case "PN":
            case "SH": case "ST": case "TM": case "UC": case "UI": case "UR": case "UT":
                return true;
            default:
                return false;
        }
    }

    /** The VRs whose text the Specific Character Set applies to (PS3.5 6.1.2.3). */
    private static boolean affectedByCharacterSet(String vr) {
        switch (vr) {
            case "SH": case "LO": case "ST": case "LT": case "UC": case "UT": case "PN": return true;
            default: return false;
        }
    }

    /** The VRs of PS3.5 Table 6.2-1 that PixelMed 20220618 reads (not OV, SV, UV). */
    private static boolean knownVr(String vr) {
        if (vr == null) return false;
        switch (vr) {
            case "AE": case "AS": case "AT": case "CS": case "DA": case "DS": case "DT": case "FD": case "FL": case "IS":
            case "LO": case "LT": case "OB": case "OD": case "OF": case "OL": case "OW": case "PN": case "SH": case "SL":
            case "SQ": case "SS": case "ST": case "TM": case "UC": case "UI": case "UL": case "UN": case "UR": case "US":
            case "UT":
                return true;
            default:
                return false;
        }
    }
}
