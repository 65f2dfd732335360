package org.dicomseg.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The few top-level attributes of a single-frame source image that choosing, ordering and placing
 * sources needs ({@link SourceFile}'s accessors, {@link SourceImages}' frames), read by walking the
 * data set (PS3.5 7.1: Explicit or Implicit VR Little Endian) up to Pixel Data without building a
 * PixelMed attribute list. Parsing a CT header this way costs a few hundredths of what PixelMed's
 * {@code AttributeList.read} costs before the JIT compiler has warmed up (that method builds its trace
 * messages for every element and constructs attributes by reflection): a fresh ImageJ's first import or
 * export reads hundreds of them (issue 19, docs/benchmarks.md).
 *
 * <p>Only the plain case is read here; {@link #read} returns null — and the caller parses the file with
 * PixelMed as before — for anything else: no Part 10 preamble, a big-endian or deflated transfer
 * syntax, Number of Frames above 1 or functional groups (enhanced multi-frame images), a slide (VL
 * Whole Slide Microscopy), a wanted attribute with VR UN or non-ASCII text, a missing SOP Class/Instance
 * UID or Rows/Columns (so the caller's message is the one it always gave), a header longer than
 * {@value #MAX_HEADER_BYTES} bytes or any structure the walk does not understand. Values read follow
 * PixelMed's accessors as the sources used them: a text is the first value, trimmed, null when blank;
 * numbers are all values of a DS/IS (null when one does not parse), US as stored.</p>
 */
final class LeanHeader {
    /** A header longer than this is left to PixelMed. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int ACQUISITION_DATE = 0x00080022;
    static final int ACQUISITION_DATE_TIME = 0x0008002A;
    static final int ACQUISITION_TIME = 0x00080032;
    static final int SERIES_DESCRIPTION = 0x0008103E;
    static final int SLICE_THICKNESS = 0x00180050;
    static final int SPACING_BETWEEN_SLICES = 0x00180088;
    static final int TRIGGER_TIME = 0x00181060;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int INSTANCE_NUMBER = 0x00200013;
    static final int IMAGE_POSITION_PATIENT = 0x00200032;
    static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
    static final int FRAME_OF_REFERENCE_UID = 0x00200052;
    static final int TEMPORAL_POSITION_IDENTIFIER = 0x00200100;
    static final int TEMPORAL_POSITION_INDEX = 0x00209128;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int PIXEL_SPACING = 0x00280030;
    private static final int SHARED_FUNCTIONAL_GROUPS = 0x52009229;
    private static final int PER_FRAME_FUNCTIONAL_GROUPS = 0x52009230;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITER = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final String VL_WHOLE_SLIDE_MICROSCOPY = "1.2.840.10008.5.1.4.1.1.77.1.6";

    /** The wanted tags and their VRs (used for Implicit VR data sets). */
    private static final Map<Integer, String> WANTED = new HashMap<>();
    static {
        String[][] t = {
            {"00080016", "UI"}, {"00080018", "UI"}, {"00080022", "DA"}, {"0008002A", "DT"}, {"00080032", "TM"},
            {"0008103E", "LO"}, {"00180050", "DS"}, {"00180088", "DS"}, {"00181060", "DS"}, {"0020000D", "UI"},
            {"0020000E", "UI"}, {"00200013", "IS"}, {"00200032", "DS"}, {"00200037", "DS"}, {"00200052", "UI"},
            {"00200100", "IS"}, {"00209128", "UL"}, {"00280008", "IS"}, {"00280010", "US"}, {"00280011", "US"},
            {"00280030", "DS"}};
        for (String[] e : t) WANTED.put(Integer.parseUnsignedInt(e[0], 16), e[1]);
    }

    private final Map<Integer, String> texts = new HashMap<>();
    private final Map<Integer, Integer> binaryInts = new HashMap<>();
    /** The file's bytes up to and including the Pixel Data element's header (all of a file without it). */
    private byte[] raw;
    /** Where the walk stopped: the Pixel Data element (or the end). */
    private int end;

    private LeanHeader() { }

    /** The attributes of {@code file}, or null when the file is to be parsed by PixelMed (see the class comment). */
    static LeanHeader read(Path file) {
        try {
            int want = 16384;
            while (true) {
                byte[] b;
                try (InputStream in = Files.newInputStream(file)) {
                    b = in.readNBytes(want);
                }
                LeanHeader h = new LeanHeader();
                Boolean done = h.parse(b, b.length < want);
                if (done == null) return null;
                if (done) {
                    if (!h.usable()) return null;
                    h.raw = java.util.Arrays.copyOf(b, Math.min(b.length, h.end + 12));
                    return h;
                }
                if (want >= MAX_HEADER_BYTES) return null;
                want *= 4;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Walks {@code b} (the file's first bytes; {@code whole}: all of it): true when Pixel Data or the end was
     * reached, false when more bytes are needed, null when the file is not for this reader.
     */
    private Boolean parse(byte[] b, boolean whole) {
        if (b.length < 132 || b[128] != 'D' || b[129] != 'I' || b[130] != 'C' || b[131] != 'M') return null;
        int pos = 132;
        String ts = null;
        while (pos + 8 <= b.length && u16(b, pos) == 0x0002) {
            int element = u16(b, pos + 2);
            String vr = new String(b, pos + 4, 2, StandardCharsets.US_ASCII);
            long len;
            int header;
            if (longLength(vr)) {
                if (pos + 12 > b.length) return whole ? null : Boolean.FALSE;
                len = u32(b, pos + 8);
                header = 12;
            } else {
                len = u16(b, pos + 6);
                header = 8;
            }
            if (len == UNDEFINED) return null;
            if (pos + header + len > b.length) return whole ? null : Boolean.FALSE;
            if (element == 0x0010) ts = strip(new String(b, pos + header, (int) len, StandardCharsets.US_ASCII));
            pos += header + (int) len;
        }
        if (ts == null || ts.equals("1.2.840.10008.1.2.2") || ts.equals("1.2.840.10008.1.2.1.99")) return null;
        boolean explicit = !ts.equals("1.2.840.10008.1.2");
        while (true) {
            end = pos;
            if (pos + 8 > b.length) {
                end = b.length;
                return whole ? Boolean.TRUE : Boolean.FALSE;
            }
            int tag = (u16(b, pos) << 16) | u16(b, pos + 2);
            if (tag == PIXEL_DATA) return Boolean.TRUE;
            if (Integer.compareUnsigned(tag, PIXEL_DATA) > 0) { // no Pixel Data (trailing padding, ...): keep all of the file
                end = b.length;
                return whole ? Boolean.TRUE : Boolean.FALSE;
            }
            if (tag == SHARED_FUNCTIONAL_GROUPS || tag == PER_FRAME_FUNCTIONAL_GROUPS) return null;
            String vr;
            long len;
            int header;
            if (explicit) {
                vr = new String(b, pos + 4, 2, StandardCharsets.US_ASCII);
                if (longLength(vr)) {
                    if (pos + 12 > b.length) return whole ? null : Boolean.FALSE;
                    len = u32(b, pos + 8);
                    header = 12;
                } else {
                    len = u16(b, pos + 6);
                    header = 8;
                }
            } else {
                vr = WANTED.get(tag);
                len = u32(b, pos + 4);
                header = 8;
            }
            String wantedVr = WANTED.get(tag);
            if (len == UNDEFINED) {
                if (wantedVr != null) return null;
                int end = skipUndefined(b, pos + header, explicit && !"UN".equals(vr), 0);
                if (end == -2) return null;
                if (end < 0) return whole ? null : Boolean.FALSE;
                pos = end;
                continue;
            }
            if (pos + header + len > b.length) return whole ? null : Boolean.FALSE;
            if (wantedVr != null && !value(tag, wantedVr, vr, b, pos + header, (int) len)) return null;
            pos += header + (int) len;
        }
    }

    /** Keeps one wanted value; false when it is not plainly readable (the file then goes to PixelMed). */
    private boolean value(int tag, String wantedVr, String vr, byte[] b, int off, int len) {
        if (!wantedVr.equals(vr)) return false; // another VR (UN, or a writer's odd choice): PixelMed knows what to do
        switch (wantedVr) {
            case "US":
                if (len == 0) return true;
                if (len != 2) return false;
                binaryInts.put(tag, u16(b, off));
                return true;
            case "UL":
                if (len == 0) return true;
                if (len != 4) return false;
                long v = u32(b, off);
                if (v > Integer.MAX_VALUE) return false;
                binaryInts.put(tag, (int) v);
                return true;
            default:
                for (int i = off; i < off + len; i++) {
                    int c = b[i] & 0xFF;
                    if (c >= 0x80 || c == 0x1B) return false; // character sets: PixelMed decodes them
                }
                texts.put(tag, new String(b, off, len, StandardCharsets.US_ASCII));
                return true;
        }
    }

    /** After an undefined-length value at {@code pos}: the position past its delimiter; -1 when past {@code b}, -2 when malformed. */
    private static int skipUndefined(byte[] b, int pos, boolean explicit, int depth) {
        if (depth > 32) return -2;
        while (true) {
            if (pos + 8 > b.length) return -1;
            int tag = (u16(b, pos) << 16) | u16(b, pos + 2);
            long len = u32(b, pos + 4);
            if (tag == SEQUENCE_DELIMITER) return pos + 8;
            if (tag == ITEM) {
                if (len == UNDEFINED) {
                    int end = skipElements(b, pos + 8, explicit, depth + 1);
                    if (end < 0) return end;
                    pos = end;
                } else {
                    pos += 8 + (int) len;
                    if (len > Integer.MAX_VALUE - 16) return -2;
                }
                continue;
            }
            // An undefined-length value that is not a sequence of items: encapsulated data or worse.
            return -2;
        }
    }

    /** Elements of an undefined-length item up to and past its delimiter. */
    private static int skipElements(byte[] b, int pos, boolean explicit, int depth) {
        while (true) {
            if (pos + 8 > b.length) return -1;
            int tag = (u16(b, pos) << 16) | u16(b, pos + 2);
            if (tag == ITEM_DELIMITER) return pos + 8;
            String vr = null;
            long len;
            int header;
            if (explicit) {
                vr = new String(b, pos + 4, 2, StandardCharsets.US_ASCII);
                if (longLength(vr)) {
                    if (pos + 12 > b.length) return -1;
                    len = u32(b, pos + 8);
                    header = 12;
                } else {
                    len = u16(b, pos + 6);
                    header = 8;
                }
            } else {
                len = u32(b, pos + 4);
                header = 8;
            }
            if (len == UNDEFINED) {
                int end = skipUndefined(b, pos + header, explicit && !"UN".equals(vr), depth + 1);
                if (end < 0) return end;
                pos = end;
            } else {
                if (len > Integer.MAX_VALUE - 16) return -2;
                pos += header + (int) len;
            }
        }
    }

    /** The caller's checks pass and this is a plain single-frame image. */
    private boolean usable() {
        if (text(SOP_CLASS_UID) == null || text(SOP_INSTANCE_UID) == null) return false;
        if (!binaryInts.containsKey(ROWS) || !binaryInts.containsKey(COLUMNS)) return false;
        if (VL_WHOLE_SLIDE_MICROSCOPY.equals(text(SOP_CLASS_UID))) return false;
        return !texts.containsKey(NUMBER_OF_FRAMES) || intValue(NUMBER_OF_FRAMES, -1) == 1;
    }

    /**
     * The file's header bytes (up to Pixel Data), so that PixelMed parses them when the whole header is asked
     * for without reading the file again (it may be gone: the export's sources are what was read).
     */
    byte[] raw() { return raw; }

    /** True when the data set has the attribute (with a value or empty). */
    boolean has(int tag) {
        return texts.containsKey(tag) || binaryInts.containsKey(tag);
    }

    /** The first value, trimmed; null when absent or blank. */
    String text(int tag) {
        String s = texts.get(tag);
        if (s == null) return null;
        int bs = s.indexOf('\\');
        String first = (bs < 0 ? s : s.substring(0, bs)).replace('\0', ' ').trim();
        return first.isEmpty() ? null : first;
    }

    /** All values as text (a multi-valued attribute joined by backslashes), padding removed; null when absent or empty. */
    String joined(int tag) {
        String s = texts.get(tag);
        if (s == null) return binaryInts.containsKey(tag) ? String.valueOf(binaryInts.get(tag)) : null;
        String v = strip(s);
        return v.isEmpty() ? null : v;
    }

    /** All values as numbers; null when absent, empty or a value does not parse. */
    double[] doubles(int tag) {
        Integer bin = binaryInts.get(tag);
        if (bin != null) return new double[] {bin};
        String s = texts.get(tag);
        if (s == null) return null;
        String v = strip(s);
        if (v.isEmpty()) return null;
        String[] parts = v.split("\\\\", -1);
        double[] d = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) d[i] = Double.parseDouble(parts[i].trim());
        } catch (NumberFormatException e) {
            return null;
        }
        return d;
    }

    /** The first value as an integer, or {@code otherwise} when absent, empty or not an integer. */
    int intValue(int tag, int otherwise) {
        Integer bin = binaryInts.get(tag);
        if (bin != null) return bin;
        String t = text(tag);
        if (t == null) return otherwise;
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** Without leading and trailing spaces and NULs (value padding, PS3.5 6.2). */
    private static String strip(String s) {
        int a = 0, z = s.length();
        while (a < z && (s.charAt(a) == ' ' || s.charAt(a) == '\0')) a++;
        while (z > a && (s.charAt(z - 1) == ' ' || s.charAt(z - 1) == '\0')) z--;
        return s.substring(a, z);
    }

    private static boolean longLength(String vr) {
        switch (vr) {
            case "OB": case "OD": case "OF": case "OL": case "OV": case "OW": case "SQ": case "SV": case "UC": case "UN":
            case "UR": case "UT": case "UV":
                return true;
            default:
                return false;
        }
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
    }
}
