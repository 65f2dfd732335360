package org.dicomseg.read;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.dicomseg.dicom.DataSetWalker;

/**
 * The mutations of {@link ReaderFuzzer}: 1-3 per execution, applied to a copy of a seed — bit
 * flips, interesting bytes, byte inserts and deletes, truncation, splices from another seed, and,
 * on the element structure found by a tolerant scan of a Little Endian file ({@link #scan}; PS3.5
 * 7.1 element headers, 7.5 items, A.4 Pixel Data fragments), changed value lengths and VRs,
 * changed tags, duplicated and removed elements and items, and absurd numbers in Rows, Columns,
 * Number of Frames, Bits Allocated, Segment Numbers and the like. Deterministic for a given
 * {@link Random}.
 */
public final class DicomMutator {
    private DicomMutator() { }

    // ------------------------------------------------------------------ structure scan

    /** An element or item header found in a file. */
    static final class Field {
        final int pos;       // offset of the tag
        final int tag;
        final String vr;     // null for items and implicit VR
        final int lengthPos;
        final int lengthSize; // 2 or 4
        final long length;
        final int valuePos;

        Field(int pos, int tag, String vr, int lengthPos, int lengthSize, long length, int valuePos) {
            this.pos = pos;
            this.tag = tag;
            this.vr = vr;
            this.lengthPos = lengthPos;
            this.lengthSize = lengthSize;
            this.length = length;
            this.valuePos = valuePos;
        }

        /** End of the whole element when its length is defined, else -1. */
        int end() { return length == 0xFFFFFFFFL ? -1 : (int) Math.min(Integer.MAX_VALUE, valuePos + length); }
    }

    /** Element and item headers of a Little Endian file (explicit or implicit VR), found tolerantly. */
    static List<Field> scan(byte[] b) {
        List<Field> out = new ArrayList<>();
        if (b.length < 132 || b[128] != 'D' || b[129] != 'I' || b[130] != 'C' || b[131] != 'M') return out;
        try {
            scanRange(b, 132, b.length, out, 0);
        } catch (RuntimeException e) {
            // tolerant: keep what was found
        }
        return out;
    }

    private static int scanRange(byte[] b, int pos, int end, List<Field> out, int depth) {
        while (pos + 8 <= end && out.size() < 20000) {
            int tag = (u16(b, pos) << 16) | u16(b, pos + 2);
            if (tag == 0xFFFEE00D || tag == 0xFFFEE0DD) {
                out.add(new Field(pos, tag, null, pos + 4, 4, u32(b, pos + 4), pos + 8));
                return pos + 8;
            }
            Field f;
            boolean isItem = (tag >>> 16) == 0xFFFE;
            boolean explicit = !isItem && Character.isUpperCase(b[pos + 4]) && Character.isUpperCase(b[pos + 5]);
            if (explicit) {
                String vr = new String(b, pos + 4, 2, StandardCharsets.US_ASCII);
                if (DataSetWalker.hasLongLength(vr)) {
                    if (pos + 12 > end) return end;
                    f = new Field(pos, tag, vr, pos + 8, 4, u32(b, pos + 8), pos + 12);
                } else {
                    f = new Field(pos, tag, vr, pos + 6, 2, u16(b, pos + 6), pos + 8);
                }
            } else {
                f = new Field(pos, tag, null, pos + 4, 4, u32(b, pos + 4), pos + 8);
            }
            out.add(f);
            boolean implicitSequence = f.vr == null && !isItem && f.length >= 8 && f.valuePos + 4 <= end
                    && u16(b, f.valuePos) == 0xFFFE && u16(b, f.valuePos + 2) == 0xE000;
            boolean container = "SQ".equals(f.vr) || isItem || implicitSequence || tag == 0x7FE00010 && f.length == 0xFFFFFFFFL;
            if (f.length == 0xFFFFFFFFL) {
                if (depth > 20) return end;
                pos = scanRange(b, f.valuePos, end, out, depth + 1);
            } else {
                int e = f.end();
                if (e > end || e < f.valuePos) return end;
                if (container && depth < 20 && !(isItem && tag == 0xFFFEE000 && f.vr == null && isFragment(b, f))) {
                    scanRange(b, f.valuePos, e, out, depth + 1);
                }
                pos = e;
            }
        }
        return pos;
    }

    /** A Pixel Data fragment holds no elements: do not descend into it. */
    private static boolean isFragment(byte[] b, Field item) {
        if (item.length < 8) return true;
        int p = item.valuePos;
        int group = u16(b, p);
        return group == 0 || group > 0x7FE0 || group % 2 == 1 && group < 8;
    }

    static int u16(byte[] b, int p) { return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8; }

    static long u32(byte[] b, int p) { return u16(b, p) | (long) u16(b, p + 2) << 16; }

    static void put16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] b, int p, long v) {
        put16(b, p, (int) v);
        put16(b, p + 2, (int) (v >>> 16));
    }

    // ------------------------------------------------------------------ mutations

    /** Tags whose numbers are worth lying about. */
    static final int[] NUMBER_TAGS = {
        0x00280010, 0x00280011, 0x00280008, 0x00280100, 0x00280101, 0x00280102, 0x00280002, 0x00620004, 0x0062000B,
        0x0062000E, 0x00480006, 0x00480007, 0x00480303, 0x00480302, 0x00209157, 0x00081160, 0x0048021E, 0x0048021F,
        0x00280120, 0x00209057, 0x7FE00001, 0x7FE00002,
    };
    private static final long[] INTERESTING = {0, 1, 2, 3, 7, 8, 15, 16, 17, 64, 255, 256, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
        0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, 0xFFFFFFFEL, 1_000_000_000L};
    private static final String[] INTERESTING_STRINGS = {"0", "-1", "2147483647", "2147483648", "99999999", "-2147483648",
        "1e9", "abc", "", "3\\4", "NaN", "1.5", " ", "65536"};
    private static final String[] VRS = {"OB", "OW", "SQ", "UN", "US", "UL", "IS", "DS", "CS", "UI", "LO", "UT", "SS", "FD",
        "XX", "\0\0"};

    /** Applies 1-3 mutations to a copy of {@code seed}; {@code log} gets one line per mutation. */
    public static byte[] mutate(byte[] seed, List<ReaderFuzzer.Seed> all, Random rnd, List<String> log) {
        byte[] b = seed.clone();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n && b.length > 0; i++) b = mutateOnce(b, all, rnd, log);
        return b;
    }

    private static byte[] mutateOnce(byte[] b, List<ReaderFuzzer.Seed> all, Random rnd, List<String> log) {
        int kind = rnd.nextInt(16);
        if (kind >= 6) {
            List<Field> fields = scan(b);
            if (!fields.isEmpty()) {
                byte[] r = mutateField(b, fields, rnd, kind, log);
                if (r != null) return r;
            }
            kind = rnd.nextInt(6);
        }
        int p = rnd.nextInt(b.length);
        switch (kind) {
            case 0: {
                int bits = 1 + rnd.nextInt(4);
                for (int k = 0; k < bits; k++) {
                    int q = biasedPosition(b, rnd);
                    b[q] ^= (byte) (1 << rnd.nextInt(8));
                }
                log.add("flip " + bits + " bit(s)");
                return b;
            }
            case 1: {
                int q = biasedPosition(b, rnd);
                long v = INTERESTING[rnd.nextInt(INTERESTING.length)];
                int width = 1 << rnd.nextInt(3);
                for (int k = 0; k < width && q + k < b.length; k++) b[q + k] = (byte) (v >>> (8 * k));
                log.add("interesting " + width + "-byte value " + v + " at " + q);
                return b;
            }
            case 2: {
                int len = 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 64);
                byte[] ins = new byte[len];
                rnd.nextBytes(ins);
                log.add("insert " + len + " bytes at " + p);
                return splice(b, p, 0, ins);
            }
            case 3: {
                int len = Math.min(b.length - p, 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 256));
                log.add("delete " + len + " bytes at " + p);
                return splice(b, p, len, new byte[0]);
            }
            case 4:
                log.add("truncate at " + p);
                return java.util.Arrays.copyOf(b, p);
            default: {
                byte[] other = all.get(rnd.nextInt(all.size())).bytes;
                int from = rnd.nextInt(other.length);
                int len = Math.min(other.length - from, 1 + rnd.nextInt(512));
                byte[] chunk = java.util.Arrays.copyOfRange(other, from, from + len);
                boolean overwrite = rnd.nextBoolean();
                log.add("splice " + len + " bytes from another seed at " + p + (overwrite ? " (overwrite)" : " (insert)"));
                return splice(b, p, overwrite ? Math.min(len, b.length - p) : 0, chunk);
            }
        }
    }

    /** Half of the byte-level mutations hit the first 4 KB, where the header is. */
    private static int biasedPosition(byte[] b, Random rnd) {
        return rnd.nextBoolean() ? rnd.nextInt(Math.min(b.length, 4096)) : rnd.nextInt(b.length);
    }

    private static byte[] mutateField(byte[] b, List<Field> fields, Random rnd, int kind, List<String> log) {
        Field f;
        switch (kind) {
            case 6: case 7: case 8: { // numbers in interesting attributes
                List<Field> numbers = new ArrayList<>();
                for (Field x : fields) for (int t : NUMBER_TAGS) if (x.tag == t) numbers.add(x);
                if (numbers.isEmpty()) return null;
                f = numbers.get(rnd.nextInt(numbers.size()));
                if (f.valuePos + f.length > b.length || f.length == 0xFFFFFFFFL) return null;
                boolean text = f.vr == null ? isText(b, f) : "IS".equals(f.vr) || "DS".equals(f.vr);
                if (text || rnd.nextInt(4) == 0) {
                    String s = INTERESTING_STRINGS[rnd.nextInt(INTERESTING_STRINGS.length)];
                    if (rnd.nextBoolean()) {
                        byte[] v = s.getBytes(StandardCharsets.US_ASCII);
                        byte[] padded = java.util.Arrays.copyOf(v, v.length + (v.length & 1));
                        if ((v.length & 1) == 1) padded[v.length] = ' ';
                        b = splice(b, f.valuePos, (int) f.length, padded);
                        if (f.lengthSize == 2) put16(b, f.lengthPos, padded.length);
                        else put32(b, f.lengthPos, padded.length);
                        log.add(tagName(f.tag) + " := '" + s + "' (length adjusted)");
                    } else {
                        for (int k = 0; k < f.length; k++) b[f.valuePos + k] = (byte) (k < s.length() ? s.charAt(k) : ' ');
                        log.add(tagName(f.tag) + " := '" + s + "' (in place)");
                    }
                    return b;
                }
                long v = INTERESTING[rnd.nextInt(INTERESTING.length)];
                if (rnd.nextInt(3) == 0 && f.length >= 2) v = u16(b, f.valuePos) + (rnd.nextBoolean() ? 1 : -1);
                if (f.length >= 4 && f.vr != null && (f.vr.equals("UL") || f.vr.equals("SL") || f.vr.equals("OV"))) {
                    put32(b, f.valuePos, v);
                } else if (f.length >= 2) {
                    put16(b, f.valuePos, (int) v);
                } else {
                    return null;
                }
                log.add(tagName(f.tag) + " := " + v);
                return b;
            }
            case 9: case 10: { // value length of any element or item
                f = fields.get(rnd.nextInt(fields.size()));
                long len = f.length;
                long[] choices = {0, 1, len - 1, len + 1, len + 2, len - 2, len * 2, len / 2, 0xFFFF, 0xFFFFFFFFL, 0x7FFFFFFFL,
                    0x80000000L, 0xFFFFFFF0L, rnd.nextInt(1 << 16)};
                long v = choices[rnd.nextInt(choices.length)] & (f.lengthSize == 2 ? 0xFFFF : 0xFFFFFFFFL);
                if (f.lengthPos + f.lengthSize > b.length) return null;
                if (f.lengthSize == 2) put16(b, f.lengthPos, (int) v);
                else put32(b, f.lengthPos, v);
                log.add("length of " + tagName(f.tag) + " at " + f.pos + ": " + f.length + " -> " + v);
                return b;
            }
            case 11: { // VR
                List<Field> explicit = new ArrayList<>();
                for (Field x : fields) if (x.vr != null) explicit.add(x);
                if (explicit.isEmpty()) return null;
                f = explicit.get(rnd.nextInt(explicit.size()));
                String vr = VRS[rnd.nextInt(VRS.length)];
                b[f.pos + 4] = (byte) vr.charAt(0);
                b[f.pos + 5] = (byte) vr.charAt(1);
                log.add("VR of " + tagName(f.tag) + " " + f.vr + " -> " + vr.replace('\0', '0'));
                return b;
            }
            case 12: { // tag
                f = fields.get(rnd.nextInt(fields.size()));
                int[] tags = {f.tag + 1, f.tag - 1, 0x7FE00010, 0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD, 0x00090010,
                    f.tag ^ 0x00010000, NUMBER_TAGS[rnd.nextInt(NUMBER_TAGS.length)]};
                int t = tags[rnd.nextInt(tags.length)];
                put16(b, f.pos, t >>> 16);
                put16(b, f.pos + 2, t);
                log.add("tag " + tagName(f.tag) + " at " + f.pos + " -> " + tagName(t));
                return b;
            }
            case 13: case 14: { // remove or duplicate an element/item with a defined length
                List<Field> whole = new ArrayList<>();
                for (Field x : fields) if (x.end() > 0 && x.end() <= b.length) whole.add(x);
                if (whole.isEmpty()) return null;
                f = whole.get(rnd.nextInt(whole.size()));
                byte[] element = java.util.Arrays.copyOfRange(b, f.pos, f.end());
                if (kind == 13) {
                    log.add("remove " + tagName(f.tag) + " at " + f.pos + " (" + element.length + " bytes)");
                    return splice(b, f.pos, element.length, new byte[0]);
                }
                int copies = rnd.nextInt(8) == 0 ? 50 : 1;
                byte[] ins = new byte[element.length * copies];
                for (int k = 0; k < copies; k++) System.arraycopy(element, 0, ins, k * element.length, element.length);
                log.add("duplicate " + tagName(f.tag) + " at " + f.pos + " x" + copies);
                return splice(b, f.end(), 0, ins);
            }
            default: { // bytes inside a value
                f = fields.get(rnd.nextInt(fields.size()));
                if (f.length == 0 || f.length == 0xFFFFFFFFL || f.valuePos >= b.length) return null;
                int q = f.valuePos + rnd.nextInt((int) Math.min(f.length, b.length - f.valuePos));
                b[q] = (byte) INTERESTING[rnd.nextInt(INTERESTING.length)];
                log.add("value byte of " + tagName(f.tag) + " at " + q);
                return b;
            }
        }
    }

    private static boolean isText(byte[] b, Field f) {
        for (int k = 0; k < f.length && f.valuePos + k < b.length; k++) {
            int c = b[f.valuePos + k];
            if (!(c == ' ' || c == '\\' || c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9')) return false;
        }
        return true;
    }

    static String tagName(int tag) {
        return String.format(Locale.ROOT, "(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }

    static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
