package org.dicomseg.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The canonical form of the DICOM file(s) one write produced: a self-contained byte-level DICOM
 * walker, independent of the project's readers and of PixelMed, that reduces the files to one
 * SHA-256 which ignores what legitimately changes from run to run (generated UIDs, the clock), so a
 * golden test can pin everything else byte for byte.
 *
 * <p>Explicit VR Little Endian data sets are walked (native or encapsulated Pixel Data; Deflated
 * Explicit VR Little Endian is inflated first) and the tag, VR and value bytes of every element are
 * hashed, recursively, Pixel Data fragments included, except that (a) a UID of the "2.25." root
 * that does not occur in the source files ({@link SourceUids}) is replaced by "UID#k" (k = order of
 * first appearance over all files given to one instance, so equal UIDs stay equal, across the
 * files of a pyramid too), (b) the clock dates/times (Series, Content, Instance Creation, Acquisition
 * Date/Time at the top level) are replaced by a token and collected in {@link #clock()}, and (c)
 * lengths of sequences and items, group lengths and the File Meta Information Group Length
 * (checked for consistency) are not hashed. Anything the walker cannot parse fails with the file
 * index and byte offset.</p>
 *
 * <p>Besides the hash it keeps the {@linkplain #residual() raw bytes outside the masked ranges}, so
 * {@link TwoWrites} can check that two writes differ in nothing but masked bytes, and, when asked,
 * a {@linkplain #dump() readable listing} of what was hashed (to diff two versions of the output).</p>
 */
public final class CanonicalDicom {
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
    /** Clock-derived dates and times (masked at the top level of the data set). */
    private static final Set<Integer> CLOCK_TAGS = Set.of(0x00080012, 0x00080013, 0x00080021, 0x00080023, 0x00080031,
            0x00080033, 0x0008002A);
    private static final String DEFLATED = "1.2.840.10008.1.2.1.99";
    private static final Set<String> EXPLICIT_LE = Set.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.90",
            "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203");
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int PIXEL_DATA = 0x7FE00010;

    private final MessageDigest md;
    private final SourceUids sources;
    private final Map<String, Integer> generatedUids = new HashMap<>();
    /** A readable listing of what was hashed, when asked for. */
    private final StringBuilder dump;
    private String indent = "";
    /** The raw bytes outside masked ranges (after inflating, for a deflated data set). */
    private final ByteArrayOutputStream residual = new ByteArrayOutputStream();
    /** The masked clock values: "file:(gggg,eeee)" to value. */
    private final Map<String, String> clock = new TreeMap<>();
    private int masked;
    private String hash;

    private int fileIndex;
    private byte[] b;
    private int keep;
    private String transferSyntax;

    /**
     * A canonicaliser for the files of one write.
     *
     * @param sources the files the write was derived from: their UIDs are hashed as they are
     * @param dump whether to keep a readable listing of what is hashed ({@link #dump()})
     */
    public CanonicalDicom(List<Path> sources, boolean dump) {
        this.sources = new SourceUids(sources);
        this.dump = dump ? new StringBuilder() : null;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 (hex) of the canonical form of all files given so far; no file can be added after it. */
    public String hash() {
        if (hash == null) {
            StringBuilder sb = new StringBuilder();
            for (byte x : md.digest()) sb.append(String.format("%02x", x & 0xFF));
            hash = sb.toString();
        }
        return hash;
    }

    /** The number of masked ranges (UIDs, clock values, lengths) so far. */
    public int maskedRanges() { return masked; }

    /** The number of distinct generated UIDs seen so far. */
    public int generatedUids() { return generatedUids.size(); }

    /** The masked clock values, "file:(gggg,eeee)" to value (file = the index given to {@link #file}). */
    public Map<String, String> clock() { return Collections.unmodifiableMap(clock); }

    /** The raw bytes outside the masked ranges, in file order (a deflated data set inflated). */
    public byte[] residual() { return residual.toByteArray(); }

    /** The readable listing of what was hashed, or null if it was not asked for. */
    public String dump() { return dump == null ? null : dump.toString(); }

    /** Adds file {@code index} (0, 1, ... in write order) to the canonical form. */
    public void file(int index, byte[] raw) {
        if (hash != null) throw new IllegalStateException("hash already taken");
        fileIndex = index;
        b = raw;
        keep = 0;
        transferSyntax = null;
        text("FILE" + index);
        line("== file " + index + ", " + raw.length + " bytes");
        if (raw.length < 144 || raw[128] != 'D' || raw[129] != 'I' || raw[130] != 'C' || raw[131] != 'M') {
            throw bad(128, "no DICM prefix");
        }
        text("PREAMBLE");
        md.update(raw, 0, 132);
        // File Meta Information: (0002,0000) UL 4 first; its value is masked but must be exact.
        if (tag(132) != 0x00020000 || !"UL".equals(vr(136)) || u16(138) != 4) throw bad(132, "no File Meta Information Group Length");
        long groupLength = u32(140);
        int metaEnd = (int) Math.min(Integer.MAX_VALUE, 144 + groupLength);
        if (metaEnd > raw.length) throw bad(140, "group length " + groupLength + " beyond the file");
        u32be(0x00020000);
        text("UL");
        mask(140, 144);
        out('G');
        line("(0002,0000) UL <group length, " + groupLength + ">");
        int p = elements(144, metaEnd, false, -1);
        if (p != metaEnd) throw bad(p, "File Meta Information does not end at its group length");
        if (metaEnd + 2 <= raw.length && u16(metaEnd) == 0x0002) throw bad(metaEnd, "group 2 element after the group length's end");
        if (transferSyntax == null) throw bad(metaEnd, "no Transfer Syntax UID");
        text("TS");
        line("-- data set, " + transferSyntax);
        if (DEFLATED.equals(transferSyntax)) {
            flush(metaEnd);
            b = inflate(raw, metaEnd);
            keep = 0;
            walkDataSet(0);
        } else if (EXPLICIT_LE.contains(transferSyntax)) {
            walkDataSet(metaEnd);
        } else {
            throw bad(metaEnd, "transfer syntax " + transferSyntax + " is not Explicit VR Little Endian based");
        }
    }

    private void walkDataSet(int start) {
        text("DATASET");
        int p = elements(start, b.length, false, 0);
        if (p != b.length) throw bad(p, "trailing bytes");
        flush(b.length);
    }

    private static byte[] inflate(byte[] raw, int from) {
        Inflater inf = new Inflater(true);
        inf.setInput(raw, from, raw.length - from);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        try {
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                o.write(buf, 0, n);
            }
        } catch (DataFormatException e) {
            throw new AssertionError("Deflated data set does not inflate", e);
        } finally {
            inf.end();
        }
        return o.toByteArray();
    }

    /**
     * Elements from {@code p} up to {@code end}; in an item of undefined length up to and including
     * its Item Delimitation Item. Depth -1 is the File Meta Information, 0 the top-level data set.
     */
    private int elements(int p, int end, boolean undefinedItem, int depth) {
        while (p < end) {
            need(p, 8, end);
            int group = u16(p), element = u16(p + 2), tag = tag(p);
            if (depth < 0 && group != 0x0002) throw bad(p, "non-meta element in the File Meta Information");
            if (group == 0xFFFE) {
                if (tag == 0xFFFEE00D && undefinedItem) {
                    if (u32(p + 4) != 0) throw bad(p, "item delimiter with a length");
                    return p + 8;
                }
                throw bad(p, String.format("unexpected (FFFE,%04X)", element));
            }
            String vr = vr(p + 4);
            boolean longForm = LONG_VRS.contains(vr);
            int lenOff, v;
            long len;
            if (longForm) {
                need(p, 12, end);
                if (u16(p + 6) != 0) throw bad(p, "reserved bytes of " + vr + " not zero");
                lenOff = p + 8;
                len = u32(p + 8);
                v = p + 12;
            } else {
                lenOff = p + 6;
                len = u16(p + 6);
                v = p + 8;
            }
            u32be(tag);
            text(vr);
            if ("SQ".equals(vr)) {
                line(tagText(tag) + " SQ " + (len == UNDEFINED ? "(undefined length)" : "(defined length)"));
                p = sequence(lenOff, len, v, end, depth);
                continue;
            }
            if (len == UNDEFINED) {
                if (tag == PIXEL_DATA && depth == 0) {
                    p = fragments(v, end);
                    continue;
                }
                throw bad(p, "undefined length " + vr + " element");
            }
            if (v + len > end) throw bad(p, "value of " + len + " bytes runs past its container");
            int ve = (int) (v + len);
            value(tag, vr, lenOff, v, ve, depth);
            p = ve;
        }
        if (undefinedItem) throw bad(p, "item of undefined length without delimiter");
        return p;
    }

    private int sequence(int lenOff, long len, int v, int end, int depth) {
        boolean undefined = len == UNDEFINED;
        out('S');
        out(undefined ? 'U' : 'D');
        mask(lenOff, lenOff + 4);
        int seqEnd;
        if (undefined) {
            seqEnd = end;
        } else {
            if (v + len > end) throw bad(lenOff, "sequence runs past its container");
            seqEnd = (int) (v + len);
        }
        int q = v;
        while (true) {
            if (!undefined && q == seqEnd) break;
            need(q, 8, seqEnd);
            int t = tag(q);
            long il = u32(q + 4);
            if (undefined && t == 0xFFFEE0DD) {
                if (il != 0) throw bad(q, "sequence delimiter with a length");
                q += 8;
                break;
            }
            if (t != 0xFFFEE000) throw bad(q, String.format("item tag expected, found %08X", t));
            boolean iu = il == UNDEFINED;
            out('I');
            out(iu ? 'U' : 'D');
            mask(q + 4, q + 8);
            line("  item " + (iu ? "(undefined length)" : "(defined length)"));
            String outer = indent;
            indent = outer + "    ";
            if (iu) {
                q = elements(q + 8, seqEnd, true, depth + 1);
            } else {
                if (q + 8 + il > seqEnd) throw bad(q, "item runs past its sequence");
                int ie = (int) (q + 8 + il);
                int r = elements(q + 8, ie, false, depth + 1);
                if (r != ie) throw bad(r, "item content does not end at its length");
                q = ie;
            }
            indent = outer;
            out('i');
        }
        out('s');
        return q;
    }

    /** Encapsulated Pixel Data: every item (Basic Offset Table first, then fragments) hashed with its length. */
    private int fragments(int v, int end) {
        out('P');
        line(tagText(PIXEL_DATA) + " encapsulated");
        int q = v;
        while (true) {
            need(q, 8, end);
            int t = tag(q);
            long fl = u32(q + 4);
            if (t == 0xFFFEE0DD) {
                if (fl != 0) throw bad(q, "sequence delimiter with a length");
                q += 8;
                break;
            }
            if (t != 0xFFFEE000 || fl == UNDEFINED || q + 8 + fl > end) throw bad(q, "bad Pixel Data fragment");
            out('F');
            u32be((int) fl);
            md.update(b, q + 8, (int) fl);
            line("  fragment " + fl + " bytes " + digest(q + 8, q + 8 + (int) fl));
            q += 8 + (int) fl;
        }
        out('p');
        return q;
    }

    private void value(int tag, String vr, int lenOff, int v, int ve, int depth) {
        if ((tag & 0xFFFF) == 0x0000) {
            // a group length (retired outside group 2): depends on the lengths of masked values
            mask(v, ve);
            out('G');
            line(tagText(tag) + " " + vr + " <group length>");
            return;
        }
        if ("UI".equals(vr)) {
            String s = ascii(v, ve);
            if (tag == 0x00020010) transferSyntax = s;
            String[] parts = s.split("\\\\", -1);
            boolean any = false;
            StringBuilder canon = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) canon.append('\\');
                String u = parts[i];
                if (u.startsWith("2.25.") && !sources.contains(u)) {
                    any = true;
                    int k = generatedUids.computeIfAbsent(u, x -> generatedUids.size() + 1);
                    canon.append("UID#").append(k);
                } else {
                    canon.append(u);
                }
            }
            if (any) {
                mask(lenOff, ve);
                out('M');
                text(canon.toString());
                line(tagText(tag) + " UI <" + canon + ">");
                return;
            }
        }
        if (depth == 0 && CLOCK_TAGS.contains(tag) && ("DA".equals(vr) || "TM".equals(vr) || "DT".equals(vr))) {
            clock.put(fileIndex + ":" + tagText(tag), ascii(v, ve));
            mask(lenOff, ve);
            out('M');
            text("CLOCK");
            line(tagText(tag) + " " + vr + " <clock>");
            return;
        }
        out('V');
        u32be(ve - v);
        md.update(b, v, ve - v);
        if (dump != null) {
            boolean binary = vr.startsWith("O") || "UN".equals(vr) || "US".equals(vr) || "SS".equals(vr) || "UL".equals(vr)
                    || "SL".equals(vr) || "FL".equals(vr) || "FD".equals(vr) || "AT".equals(vr) || "SV".equals(vr) || "UV".equals(vr);
            line(tagText(tag) + " " + vr + " " + (ve - v) + " " + (binary
                    ? (ve - v <= 16 ? hex(v, ve) : digest(v, ve)) : "[" + new String(b, v, ve - v, StandardCharsets.UTF_8) + "]"));
        }
    }

    private void line(String s) {
        if (dump != null) dump.append(indent).append(s).append('\n');
    }

    private static String tagText(int tag) { return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF); }

    private String hex(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) sb.append(String.format("%02x", b[i] & 0xFF));
        return sb.toString();
    }

    private String digest(int from, int to) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(b, from, to - from);
            StringBuilder sb = new StringBuilder("sha256:");
            byte[] h = d.digest();
            for (int i = 0; i < 8; i++) sb.append(String.format("%02x", h[i] & 0xFF));
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Leaves [from, to) of the current buffer out of the residual. */
    private void mask(int from, int to) {
        if (from < keep) throw new IllegalStateException("masked ranges out of order");
        residual.write(b, keep, from - keep);
        keep = to;
        masked++;
    }

    private void flush(int to) {
        residual.write(b, keep, to - keep);
        keep = to;
    }

    private String ascii(int from, int to) {
        int e = to;
        while (e > from && (b[e - 1] == 0 || b[e - 1] == ' ')) e--;
        int s = from;
        while (s < e && b[s] == ' ') s++;
        return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }

    private void out(char c) { md.update((byte) c); }

    private void text(String s) {
        byte[] t = s.getBytes(StandardCharsets.UTF_8);
        u32be(t.length);
        md.update(t);
    }

    private void u32be(int x) {
        md.update((byte) (x >>> 24));
        md.update((byte) (x >>> 16));
        md.update((byte) (x >>> 8));
        md.update((byte) x);
    }

    private void need(int p, int n, int end) {
        if (p + n > end) throw bad(p, "truncated element header");
    }

    private int u16(int o) { return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8; }

    private long u32(int o) {
        return (b[o] & 0xFFL) | (b[o + 1] & 0xFFL) << 8 | (b[o + 2] & 0xFFL) << 16 | (b[o + 3] & 0xFFL) << 24;
    }

    private int tag(int o) { return u16(o) << 16 | u16(o + 2); }

    private String vr(int o) {
        char c1 = (char) (b[o] & 0xFF), c2 = (char) (b[o + 1] & 0xFF);
        if (c1 < 'A' || c1 > 'Z' || c2 < 'A' || c2 > 'Z') throw bad(o, "not an explicit VR");
        return "" + c1 + c2;
    }

    private AssertionError bad(int offset, String what) {
        return new AssertionError("File " + fileIndex + " at byte " + offset + ": " + what);
    }
}
