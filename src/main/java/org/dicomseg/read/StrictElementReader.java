package org.dicomseg.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import org.dicomseg.dicom.ChannelReader;
import org.dicomseg.dicom.DataSetWalker;
import org.dicomseg.dicom.ElementCursor;

/**
 * Walks the element headers of a little-endian data set's sequence items straight from the file
 * (PS3.5 7.1.2 explicit / 7.1.3 implicit VR, 7.5 nesting with defined or undefined lengths; each
 * header read by {@link ElementCursor}, the one reader of a header's shape, then checked) and
 * decodes the few value types {@link PerFrameGroupsParser} needs (US, SL, UL, DS, IS, UI), exactly
 * as PixelMed would read the same bytes, or not at all.
 *
 * <p>It is not a general DICOM parser. It accepts only a strict, well-formed subset: whatever
 * PixelMed might read differently (a VR other than the dictionary's, UN, odd value lengths, a
 * number that is not plainly a number, a duplicated element, an element running past its item, a
 * Specific Character Set inside an item, ...) throws {@link Unsupported}, and the caller leaves the
 * data to PixelMed. Elements it is not asked about are walked past by their headers (nested
 * sequences too, so that every length fits its parent, as PixelMed would read it).</p>
 *
 * <p>Hostile input: every read is bounded by the enclosing item or sequence and by the file size
 * ({@link ChannelReader} checks each read; a header must end inside its item), value buffers are
 * capped at a few KB, and nesting is followed at most {@link DataSetWalker#MAX_DEPTH} levels deep.
 * Not thread-safe: the current element header is state of the reader, read by the caller after
 * {@link #header}.</p>
 */
final class StrictElementReader {
    private static final int SPECIFIC_CHARACTER_SET = 0x00080005;

    /** Longest value decoded (a DS of 6 values is ~100 bytes, a UI at most 64). */
    private static final int MAX_VALUE_BYTES = 4096;

    /** This data set is outside what the reader reads exactly like PixelMed: fall back to PixelMed. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What an item's walk does with the elements it knows. */
    interface Visitor {
        /** A bit number 1..63 for the tags this visitor handles, 0 for tags it skips. */
        int bit(int tag);

        /** Handles the current element; returns the offset after it, or -1 to skip it. */
        long element(StrictElementReader r, long end) throws IOException, Unsupported;
    }

    private final ChannelReader in;
    /** Reads every element header (Little Endian); {@link #header} checks it and copies it into the fields below. */
    private final ElementCursor cursor;
    private final boolean explicitVr;
    private final long fileSize;
    private byte[] buf = new byte[256];

    /** The element header last read by {@link #header} (PS3.5 7.1.2 / 7.1.3). */
    int tag;
    String vr;                // explicit VR, or null (implicit)
    long valueOffset;
    long length;              // DataSetWalker.UNDEFINED for undefined length

    /** A reader of {@code in}'s elements, explicit or implicit VR (Little Endian). */
    StrictElementReader(ChannelReader in, boolean explicitVr) {
        this.in = in;
        this.cursor = new ElementCursor(in);
        this.explicitVr = explicitVr;
        this.fileSize = in.size();
    }

    /** The file's size: the end of an undefined-length top-level sequence. */
    long size() { return fileSize; }

    /**
     * Reads the element header at {@code pos} into the fields above ({@link ElementCursor}), refusing
     * a header that runs past {@code end}, a VR outside {@link #vrName}, and a long-length VR whose
     * reserved bytes are not 0 (PS3.5 7.1.2).
     */
    void header(long pos, long end) throws IOException, Unsupported {
        if (pos + 8 > end) throw new Unsupported("element header at " + pos + " runs past its item");
        tag = cursor.readTag(pos, false);
        int v = cursor.readVr(explicitVr);
        if (v < 0) {
            vr = null; // implicit VR, or an item or delimiter: implicit headers in every transfer syntax (PS3.5 7.5)
        } else {
            int a = v >>> 8, b = v & 0xFF;
            vr = vrName(a, b);
            if (vr == null) throw new Unsupported("VR " + (char) a + (char) b + " at " + pos);
            if (pos + 12 > end && ElementCursor.hasLongLength(a, b)) {
                throw new Unsupported("element header at " + pos + " runs past its item");
            }
        }
        cursor.readValueLength();
        if (cursor.reserved() != 0) throw new Unsupported("reserved bytes of a long VR are not 0 at " + pos);
        length = cursor.length();
        valueOffset = cursor.valueOffset();
    }

    /** The interned name of an explicit VR this reader walks past safely, or null. */
    private static String vrName(int a, int b) {
        switch (a << 8 | b) {
            case 'A' << 8 | 'E': return "AE";
            case 'A' << 8 | 'S': return "AS";
            case 'A' << 8 | 'T': return "AT";
            case 'C' << 8 | 'S': return "CS";
            case 'D' << 8 | 'A': return "DA";
            case 'D' << 8 | 'S': return "DS";
            case 'D' << 8 | 'T': return "DT";
            case 'F' << 8 | 'D': return "FD";
            case 'F' << 8 | 'L': return "FL";
            case 'I' << 8 | 'S': return "IS";
            case 'L' << 8 | 'O': return "LO";
            case 'L' << 8 | 'T': return "LT";
            case 'O' << 8 | 'B': return "OB";
            case 'O' << 8 | 'D': return "OD";
            case 'O' << 8 | 'F': return "OF";
            case 'O' << 8 | 'L': return "OL";
            case 'O' << 8 | 'W': return "OW";
            case 'P' << 8 | 'N': return "PN";
            case 'S' << 8 | 'H': return "SH";
            case 'S' << 8 | 'L': return "SL";
            case 'S' << 8 | 'Q': return "SQ";
            case 'S' << 8 | 'S': return "SS";
            case 'S' << 8 | 'T': return "ST";
            case 'T' << 8 | 'M': return "TM";
            case 'U' << 8 | 'C': return "UC";
            case 'U' << 8 | 'I': return "UI";
            case 'U' << 8 | 'L': return "UL";
            case 'U' << 8 | 'N': return "UN";
            case 'U' << 8 | 'R': return "UR";
            case 'U' << 8 | 'S': return "US";
            case 'U' << 8 | 'T': return "UT";
            default: return null; // OV, SV, UV (newer 64-bit VRs) and anything unknown: PixelMed decides
        }
    }

    /**
     * Offset just past the current element's value. Sequences are not skipped by their length
     * alone: their items' element headers are walked ({@link #skipSequence}) and every nested
     * length must fit its parent, because PixelMed reads them element by element and would read
     * a lying nested length differently; such data sets are left to it.
     */
    private long skipValue(long end, int depth) throws IOException, Unsupported {
        boolean sequence = isSequence();
        if (length == DataSetWalker.UNDEFINED) {
            if (!sequence) {
                // Explicit UN of undefined length holds implicit VR (PS3.5 6.2.2); PixelMed's reading of it, or of
                // an undefined-length element the dictionary does not call a sequence, is its own.
                throw new Unsupported("undefined-length " + vr + " element " + DataSetWalker.tagString(tag));
            }
            return skipSequence(valueOffset, DataSetWalker.UNDEFINED, end, depth);
        }
        long next = valueOffset + length;
        if (next > end) throw new Unsupported("element " + DataSetWalker.tagString(tag) + " runs past its item");
        if (sequence) skipSequence(valueOffset, length, next, depth);
        return next;
    }

    /**
     * True when PixelMed reads the current element as a sequence: explicit VR SQ; in implicit VR
     * (PS3.5 7.1.3) when its dictionary says SQ, or, for an undefined length, does not know the tag.
     */
    private boolean isSequence() {
        if (explicitVr) return "SQ".equals(vr);
        if (isPrivateCreator(tag)) return false;
        byte[] d = dictionaryVr(tag);
        if (d == null) return length == DataSetWalker.UNDEFINED;
        return d.length >= 2 && d[0] == 'S' && d[1] == 'Q';
    }

    private final java.util.Map<Integer, byte[]> dictionaryVrs = new java.util.HashMap<>();
    private static final byte[] UNKNOWN_VR = new byte[0];

    private byte[] dictionaryVr(int t) {
        byte[] d = dictionaryVrs.get(t);
        if (d == null) {
            d = AttributeList.getDictionary().getValueRepresentationFromTag(new AttributeTag(t >>> 16, t & 0xFFFF));
            dictionaryVrs.put(t, d == null ? UNKNOWN_VR : d);
        }
        return d == UNKNOWN_VR ? null : d;
    }

    /** Walks the items of a sequence value without reading values; returns the offset after it. */
    private long skipSequence(long start, long len, long outerEnd, int depth) throws IOException, Unsupported {
        return items(start, len, outerEnd, 0, null, depth);
    }

    /**
     * Walks the items of a sequence value from {@code start} (PS3.5 7.5.1, defined or undefined
     * length): the elements of item {@code i} (from 0) through {@code itemVisitor.apply(i)} for the
     * first {@code visited} items, unless it gives null, past the elements of the others; returns
     * the offset after the value.
     *
     * @param depth the nesting of this sequence, for the items walked past
     */
    long items(long start, long len, long outerEnd, int visited, java.util.function.IntFunction<Visitor> itemVisitor,
            int depth) throws IOException, Unsupported {
        if (depth > DataSetWalker.MAX_DEPTH) throw new Unsupported("sequences nested deeper than " + DataSetWalker.MAX_DEPTH);
        boolean undefined = len == DataSetWalker.UNDEFINED;
        long end = endOf(start, len, outerEnd);
        long pos = start;
        int index = 0;
        while (true) {
            if (!undefined && pos == end) return pos;
            header(pos, end);
            if (tag == DataSetWalker.TAG_SEQUENCE_DELIMITER) {
                if (!undefined) throw new Unsupported("Sequence Delimitation Item in a defined-length sequence");
                return valueOffset;
            }
            if (tag != DataSetWalker.TAG_ITEM) throw new Unsupported("not an item in a sequence at " + pos);
            if (index == Integer.MAX_VALUE) throw new Unsupported("too many items");
            Visitor v = index < visited ? itemVisitor.apply(index) : null;
            index++;
            pos = v != null ? elements(valueOffset, length, end, v) : skipItem(valueOffset, length, end, depth);
            if (pos > end) throw new Unsupported("item runs past its sequence");
        }
    }

    /** Walks the elements of an item without reading values; returns the offset after it. */
    private long skipItem(long start, long len, long outerEnd, int depth) throws IOException, Unsupported {
        return elements(start, len, outerEnd, SKIP, depth + 1);
    }

    /** Knows no element: {@link #skipItem} walks past them all. */
    private static final Visitor SKIP = new Visitor() {
        @Override public int bit(int tag) { return 0; }

        @Override public long element(StrictElementReader r, long end) { return -1; }
    };

    /** Private Creator elements (gggg,0010-00FF), odd groups (PS3.5 7.8.1): PixelMed reads them as LO whatever they say. */
    private static boolean isPrivateCreator(int tag) {
        int e = tag & 0xFFFF;
        return (tag >>> 16 & 1) == 1 && e >= 0x10 && e <= 0xFF;
    }

    /** The end of an item or sequence value: its defined end, else the file's end (delimiters end it). */
    private long endOf(long valueOffset, long length, long outerEnd) throws Unsupported {
        if (length == DataSetWalker.UNDEFINED) return outerEnd;
        long end = valueOffset + length;
        if (end > outerEnd) throw new Unsupported("a length at " + valueOffset + " runs past its parent (or the file)");
        return end;
    }

    /**
     * Walks the elements of an item from {@code start}; {@code visit} handles the elements it
     * knows and returns the offset after them, or -1 to have them skipped.
     */
    long elements(long start, long itemLength, long outerEnd, Visitor visit) throws IOException, Unsupported {
        return elements(start, itemLength, outerEnd, visit, 1);
    }

    /** {@link #elements}, the sequences walked past counting nesting from {@code depth}. */
    private long elements(long start, long itemLength, long outerEnd, Visitor visit, int depth) throws IOException, Unsupported {
        boolean undefined = itemLength == DataSetWalker.UNDEFINED;
        long end = endOf(start, itemLength, outerEnd);
        long pos = start;
        long seen = 0;
        while (true) {
            if (!undefined && pos == end) return pos;
            header(pos, end);
            if (tag == DataSetWalker.TAG_ITEM_DELIMITER) {
                if (!undefined) throw new Unsupported("Item Delimitation Item in a defined-length item");
                return valueOffset;
            }
            if ((tag >>> 16) == 0xFFFE) throw new Unsupported("stray " + DataSetWalker.tagString(tag) + " in an item");
            if (tag == SPECIFIC_CHARACTER_SET) throw new Unsupported("Specific Character Set inside an item");
            int bit = visit.bit(tag);
            if (bit != 0) {
                // PixelMed keeps the last of duplicated elements; simpler to leave such items to it.
                if ((seen & 1L << bit) != 0) throw new Unsupported("duplicated " + DataSetWalker.tagString(tag));
                seen |= 1L << bit;
                long next = visit.element(this, end);
                pos = next >= 0 ? next : skipValue(end, depth);
            } else {
                pos = skipValue(end, depth);
            }
        }
    }

    /** An item's sequence: calls {@code itemVisitor} for its first item or for every item; returns the offset after it. */
    long sequence(long end, boolean allItems, java.util.function.IntFunction<Visitor> itemVisitor)
            throws IOException, Unsupported {
        if (explicitVr && !"SQ".equals(vr)) throw new Unsupported(DataSetWalker.tagString(tag) + " has VR " + vr);
        long pos = items(valueOffset, length, end, allItems ? Integer.MAX_VALUE : 1, itemVisitor, 2);
        if (pos > end) throw new Unsupported("sequence runs past its item");
        return pos;
    }

    // ------------------------------------------------------------------ values

    /** The current element's value bytes (at most {@link #MAX_VALUE_BYTES}); its length is {@code length}. */
    private byte[] value(String expectedVr) throws IOException, Unsupported {
        if (explicitVr && !expectedVr.equals(vr)) {
            throw new Unsupported(DataSetWalker.tagString(tag) + " has VR " + vr + ", expected " + expectedVr);
        }
        if (length == DataSetWalker.UNDEFINED || length > MAX_VALUE_BYTES) {
            throw new Unsupported(DataSetWalker.tagString(tag) + " has a value length of " + length);
        }
        if (valueOffset + length > fileSize) throw new Unsupported("value past the end of the file");
        int n = (int) length;
        if (buf.length < n) buf = new byte[n];
        in.copy(valueOffset, buf, 0, n);
        return buf;
    }

    /** US, first value (AttributeValues.intValue); {@code def} when the value is empty. */
    int firstUnsignedShort(int def) throws IOException, Unsupported {
        byte[] b = value("US");
        if ((length & 1) != 0) throw new Unsupported("odd US length");
        return length == 0 ? def : (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
    }

    /** SL, first value; {@code def} when empty. */
    int firstSignedLong(int def) throws IOException, Unsupported {
        byte[] b = value("SL");
        if ((length & 3) != 0) throw new Unsupported("SL length not a multiple of 4");
        return length == 0 ? def : le32(b, 0);
    }

    /** UL, all values as (wrapped) ints (AttributeValues.ints). */
    int[] unsignedLongs() throws IOException, Unsupported {
        byte[] b = value("UL");
        if ((length & 3) != 0) throw new Unsupported("UL length not a multiple of 4");
        int[] out = new int[(int) length / 4];
        for (int i = 0; i < out.length; i++) out[i] = le32(b, 4 * i);
        return out;
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    /**
     * The values of a string VR split at backslashes as PixelMed splits them (PS3.5 6.4: an empty
     * value is no value; a trailing backslash adds none); only printable ASCII and NUL accepted.
     */
    private List<String> strings(String expectedVr) throws IOException, Unsupported {
        byte[] b = value(expectedVr);
        int n = (int) length;
        List<String> out = new ArrayList<>(6);
        if (n == 0) return out;
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || b[i] == '\\') {
                out.add(new String(b, start, i - start, StandardCharsets.US_ASCII));
                start = i + 1;
                if (start >= n) break;
                continue;
            }
            int c = b[i];
            if (c != 0 && (c < 0x20 || c > 0x7E)) throw new Unsupported("non-ASCII byte in " + DataSetWalker.tagString(tag));
        }
        return out;
    }

    /** DS with at least {@code count} values: the first {@code count} (AttributeValues.doubles), else null. */
    double[] decimals(int count) throws IOException, Unsupported {
        List<String> v = strings("DS");
        if (v.size() < count) return null;
        double[] out = new double[count];
        for (int i = 0; i < count; i++) out[i] = decimalString(v.get(i));
        return out;
    }

    /** DS, first value, NaN when empty (AttributeValues.doubleValue). */
    double decimal() throws IOException, Unsupported {
        List<String> v = strings("DS");
        return v.isEmpty() ? Double.NaN : decimalString(v.get(0));
    }

    /** IS, all values (AttributeValues.ints). */
    int[] integers() throws IOException, Unsupported {
        List<String> v = strings("IS");
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) out[i] = integerString(v.get(i));
        return out;
    }

    /** UI, single value, NUL padding and spaces trimmed (AttributeValues.str); null when empty. */
    String uid() throws IOException, Unsupported {
        List<String> v = strings("UI");
        if (v.isEmpty()) return null;
        if (v.size() > 1) throw new Unsupported("UI with several values");
        String s = v.get(0).replace('\0', ' ').trim();
        return s.isEmpty() ? null : s;
    }

    /**
     * A DS value (PS3.5 6.2: optional sign, digits, optional fraction and exponent, space padded):
     * exactly the strings on which PixelMed's Double.valueOf gives the same number; anything else
     * (empty, NaN, hexadecimal, trailing 'd', ...) is left to PixelMed.
     */
    private static double decimalString(String s) throws Unsupported {
        int a = 0, e = s.length();
        while (a < e && (s.charAt(a) == ' ' || s.charAt(a) == '\0')) a++;
        while (e > a && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\0')) e--;
        int i = a;
        if (i < e && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int digits = 0;
        while (i < e && isDigit(s.charAt(i))) { i++; digits++; }
        if (i < e && s.charAt(i) == '.') {
            i++;
            while (i < e && isDigit(s.charAt(i))) { i++; digits++; }
        }
        if (digits == 0) throw new Unsupported("DS '" + s + "'");
        if (i < e && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < e && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exp = 0;
            while (i < e && isDigit(s.charAt(i))) { i++; exp++; }
            if (exp == 0) throw new Unsupported("DS '" + s + "'");
        }
        if (i != e) throw new Unsupported("DS '" + s + "'");
        return Double.parseDouble(s.substring(a, e));
    }

    /** An IS value: optional '-', 1-18 digits, PixelMed's padding (leading spaces; trailing spaces, NULs). */
    private static int integerString(String s) throws Unsupported {
        int a = 0, e = s.length();
        while (a < e && s.charAt(a) == ' ') a++;
        while (e > a && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\0')) e--;
        int i = a;
        if (i < e && s.charAt(i) == '-') i++;
        if (i == e || e - i > 18) throw new Unsupported("IS '" + s + "'");
        for (int k = i; k < e; k++) if (!isDigit(s.charAt(k))) throw new Unsupported("IS '" + s + "'");
        return (int) Long.parseLong(s.substring(a, e));
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
}
