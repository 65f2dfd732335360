package org.dicomseg.dicom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Walks DICOM element headers (PS3.5 7.1: tag, VR for explicit syntaxes, value length; 7.5:
 * sequences and items of defined or undefined length) without reading values, to find where the
 * File Meta Information ends (PS3.10 7.1) and where the top-level Pixel Data (7FE0,0010) value
 * starts, and where the top-level Per-frame Functional Groups Sequence (5200,9230) is. PixelMed
 * parses the header attributes; this class only finds byte offsets so frames can be read straight
 * from disk and the per-frame groups can be read straight from the file, without PixelMed. Each
 * header is read by {@link ElementCursor} (also the source package's walk over a file's first bytes),
 * so the rule of a header's shape exists once. {@link #readMeta} reads any {@link ElementBytes}.
 */
public final class DataSetWalker {
    public static final long UNDEFINED = 0xFFFFFFFFL;
    public static final int TAG_PIXEL_DATA = 0x7FE00010;
    static final int TAG_EXTENDED_OFFSET_TABLE = 0x7FE00001;
    static final int TAG_EXTENDED_OFFSET_TABLE_LENGTHS = 0x7FE00002;
    public static final int TAG_ITEM = 0xFFFEE000;
    public static final int TAG_ITEM_DELIMITER = 0xFFFEE00D;
    public static final int TAG_SEQUENCE_DELIMITER = 0xFFFEE0DD;
    public static final int TAG_PER_FRAME_FUNCTIONAL_GROUPS = 0x52009230;
    public static final int MAX_DEPTH = 64;

    /** Where the data set starts and which transfer syntax the File Meta Information names. */
    public static final class Meta {
        public final long dataSetStart;
        public final String transferSyntaxUid;
        /** Media Storage SOP Class UID (0002,0002), or null. */
        public final String mediaStorageSopClassUid;

        Meta(long dataSetStart, String transferSyntaxUid, String mediaStorageSopClassUid) {
            this.dataSetStart = dataSetStart;
            this.transferSyntaxUid = transferSyntaxUid;
            this.mediaStorageSopClassUid = mediaStorageSopClassUid;
        }
    }

    /** Offsets of the Pixel Data value and of the optional Extended Offset Table (PS3.5 A.4). */
    public static final class Location {
        public long pixelDataValueOffset = -1;
        public long pixelDataLength = -1; // UNDEFINED for encapsulated
        public String pixelDataVr;        // "OB", "OW", or null (implicit VR)
        long extendedOffsetTableOffset = -1;
        long extendedOffsetTableLength;
        long extendedOffsetTableLengthsOffset = -1;
        long extendedOffsetTableLengthsLength;
        /** Top-level Per-frame Functional Groups Sequence (5200,9230): element start, value start, length, VR; -1 when absent. */
        long perFrameGroupsOffset = -1;
        public long perFrameGroupsValueOffset = -1;
        public long perFrameGroupsLength;
        public String perFrameGroupsVr;
        /** How many top-level (5200,9230) elements there are (more than one: leave the file to PixelMed). */
        public int perFrameGroupsCount;
        /**
         * True when a top-level tag below (5200,9230) follows one at or above it (out of order,
         * PS3.5 7.1): then a header read that stops at the first tag from (5200,9230) on would miss it.
         */
        public boolean lowTagAfterPerFrameGroups;
        /** Offset of the first top-level element with a tag from (5200,9230) on (Pixel Data at the latest). */
        public long firstTagFromPerFrameGroups = -1;
    }

    private final ChannelReader in;
    private final boolean explicitVr;
    private final boolean bigEndian;
    /** Reads every header; {@link #locate} keeps what it needs of one before it reads the next. */
    private final ElementCursor cursor;

    public DataSetWalker(ChannelReader in, boolean explicitVr, boolean bigEndian) {
        this.in = in;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.cursor = new ElementCursor(in);
    }

    /**
     * The Media Storage SOP Class UID (0002,0002) of {@code file}, from its File Meta Information
     * only (a few hundred bytes), so folder scans can pass over other kinds of object without
     * parsing their data sets.
     *
     * @return the UID, "" when the File Meta Information has none, or null when {@code file} is not
     *         a readable DICOM Part 10 file
     */
    public static String mediaStorageSopClassUid(java.nio.file.Path file) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            Meta m = readMeta(new ChannelReader(ch));
            return m == null ? null : m.mediaStorageSopClassUid == null ? "" : m.mediaStorageSopClassUid;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Reads the 128-byte preamble, "DICM" and the group 0002 elements (always Explicit VR Little
     * Endian, PS3.10 7.1).
     *
     * @return null when the file does not start like a DICOM Part 10 file
     */
    public static Meta readMeta(ElementBytes in) throws IOException {
        if (in.size() < 132 + 12) return null;
        byte[] a = in.bytes();
        int m = in.at(128, 4);
        if (a[m] != 'D' || a[m + 1] != 'I' || a[m + 2] != 'C' || a[m + 3] != 'M') return null;
        long pos = 132;
        String ts = null;
        String sopClass = null;
        ElementCursor e = new ElementCursor(in);
        while (pos + 8 <= in.size()) {
            if (e.readTag(pos, false) >>> 16 != 0x0002) break;
            e.readLength(true);
            int element = e.tag() & 0xFFFF;
            long len = e.length();
            if (e.undefinedLength()) throw new IOException("File Meta Information element (0002," + hex4(element) + ") has undefined length");
            if (element == 0x0010 || element == 0x0002) {
                if (len > 256) throw new IOException("(0002," + hex4(element) + ") of the File Meta Information is " + len + " bytes long");
                byte[] b = new byte[(int) len];
                System.arraycopy(a, in.at(e.valueOffset(), (int) len), b, 0, (int) len);
                String v = new String(b, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
                if (element == 0x0010) ts = v;
                else sopClass = v;
            }
            pos = e.next();
        }
        return new Meta(pos, ts, sopClass);
    }

    /** Finds the top-level Pixel Data element, starting at {@code pos}; never reads values. */
    public Location locate(long pos) throws IOException {
        Location loc = new Location();
        long size = in.size();
        boolean high = false;
        ElementCursor e = cursor;
        while (pos + 8 <= size) {
            int tag = e.readTag(pos, bigEndian);
            if (Integer.compareUnsigned(tag, TAG_PIXEL_DATA) > 0) break; // e.g. trailing padding (FFFC,FFFC)
            if (Integer.compareUnsigned(tag, TAG_PER_FRAME_FUNCTIONAL_GROUPS) >= 0) {
                if (!high) loc.firstTagFromPerFrameGroups = pos;
                high = true;
            } else if (high) {
                loc.lowTagAfterPerFrameGroups = true;
            }
            e.readLength(explicitVr);
            long len = e.length();
            long value = e.valueOffset();
            if (tag == TAG_PIXEL_DATA) {
                loc.pixelDataValueOffset = value;
                loc.pixelDataLength = len;
                loc.pixelDataVr = e.vrString();
                return loc;
            }
            if (tag == TAG_PER_FRAME_FUNCTIONAL_GROUPS) {
                loc.perFrameGroupsCount++;
                loc.perFrameGroupsOffset = pos;
                loc.perFrameGroupsValueOffset = value;
                loc.perFrameGroupsLength = len;
                loc.perFrameGroupsVr = e.vrString();
            } else if (tag == TAG_EXTENDED_OFFSET_TABLE && len != UNDEFINED) {
                loc.extendedOffsetTableOffset = value;
                loc.extendedOffsetTableLength = len;
            } else if (tag == TAG_EXTENDED_OFFSET_TABLE_LENGTHS && len != UNDEFINED) {
                loc.extendedOffsetTableLengthsOffset = value;
                loc.extendedOffsetTableLengthsLength = len;
            }
            if (len == UNDEFINED) {
                // An undefined-length UN in an explicit syntax holds Implicit VR Little Endian (PS3.5 6.2.2).
                boolean nestedExplicit = explicitVr && !e.isVr('U', 'N');
                pos = e.skipUndefinedLength(value, nestedExplicit, nestedExplicit && bigEndian, 1);
            } else {
                if (value + len > size) {
                    throw new java.io.EOFException("element " + tagString(tag) + " at offset " + pos + " has a value length of "
                            + len + " bytes, past the end of the file (" + size + " bytes)");
                }
                if (explicitVr ? e.isVr('S', 'Q') : len >= 8 && tag(value) == TAG_ITEM) {
                    checkItems(tag, value, len);
                }
                pos = value + len;
            }
        }
        return loc;
    }

    /**
     * The items of a top-level sequence of defined length (PS3.5 7.5.1): each starts with an item tag
     * and, when its length is defined, ends inside the sequence. A lying item length is named as
     * such, instead of PixelMed stopping quietly and the sequence being reported missing.
     */
    private void checkItems(int sequenceTag, long start, long len) throws IOException {
        long end = start + len;
        long pos = start;
        for (int item = 1; pos + 8 <= end; item++) {
            int tag = tag(pos);
            if (tag != TAG_ITEM) {
                throw new IOException("sequence " + tagString(sequenceTag) + " holds " + tagString(tag) + " at offset " + pos
                        + " where item " + item + " should start: an item length before it is wrong");
            }
            long itemLength = in.u32(pos + 4, bigEndian);
            if (itemLength == UNDEFINED) return; // its end is found by its delimiter; PixelMed reads it
            if (pos + 8 + itemLength > end) {
                throw new IOException("item " + item + " of sequence " + tagString(sequenceTag) + " at offset " + pos
                        + " has an item length of " + itemLength + " bytes, past the end of its sequence (" + len
                        + " bytes): the item length is wrong");
            }
            pos += 8 + itemLength;
        }
    }

    private int tag(long pos) throws IOException {
        return cursor.readTag(pos, bigEndian);
    }

    /** VRs with a 2-byte reserved field and a 4-byte length (PS3.5 Table 7.1-1): {@link ElementCursor#hasLongLength}. */
    public static boolean hasLongLength(String vr) {
        return vr.length() == 2 && ElementCursor.hasLongLength(vr.charAt(0), vr.charAt(1));
    }

    /** {@link ElementCursor#hasLongLength} for the VR's two bytes. */
    public static boolean hasLongLength(int a, int b) {
        return ElementCursor.hasLongLength(a, b);
    }

    public static String tagString(int tag) {
        return "(" + hex4(tag >>> 16) + "," + hex4(tag & 0xFFFF) + ")";
    }

    private static String hex4(int v) {
        return String.format("%04X", v);
    }
}
