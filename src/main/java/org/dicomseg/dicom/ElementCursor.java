package org.dicomseg.dicom;

import java.io.IOException;

/**
 * The one reader of data element headers (PS3.5 7.1): {@link #read} (or {@link #readTag}, then
 * {@link #readLength}, or {@link #readVr} and {@link #readValueLength} to check the VR between them)
 * takes the header at a position —
 * tag, VR in an explicit syntax, the 2- or 4-byte value length the VR implies (PS3.5 7.1.2, Table
 * 7.1-1: {@link #hasLongLength}), where the value starts — and {@link #skipUndefinedLength} passes over
 * an undefined-length value, a sequence of items of defined or undefined length up to its Sequence
 * Delimitation Item (PS3.5 7.5.1–7.5.2). Item and delimitation tags (group FFFE) have no VR in either
 * syntax (PS3.5 7.5); an undefined-length UN in an explicit syntax holds Implicit VR Little Endian
 * (PS3.5 6.2.2). Used by {@link DataSetWalker} over files, by {@link LeanDataSet} (a SEG's header), by the
 * read package's strict walk of the Per-frame Functional Groups and by the source package's header walk
 * over a file's first bytes ({@link ElementBytes}); holds the last header read, so walking allocates nothing.
 */
public final class ElementCursor {
    private final ElementBytes in;
    private long offset;
    /** Where the header's first 8 bytes are in {@code in.bytes()} ({@link #readTag} made them readable). */
    private int index;
    private int tag;
    /** The VR's two bytes ({@code 'S' << 8 | 'Q'}), 0 when the header has none. */
    private int vr;
    /** The header has a VR (explicit syntax, not an item or delimitation tag). */
    private boolean explicitHeader;
    private int headerLength;
    /** The 2 reserved bytes of a long-length VR's header (PS3.5 7.1.2: 0000H), 0 for other headers. */
    private int reserved;
    private boolean bigEndian;
    private long length;

    public ElementCursor(ElementBytes in) {
        this.in = in;
    }

    /**
     * Reads the tag of the header at {@code pos} (group, then element, PS3.5 7.1.1), making its first 8
     * bytes readable; {@link #readLength} (or {@link #readVr} and {@link #readValueLength}) completes the
     * header from those bytes, so no other read of the same {@link ElementBytes} may come between.
     *
     * @return the tag
     */
    public int readTag(long pos, boolean bigEndian) throws IOException {
        int i = in.at(pos, 8);
        byte[] b = in.bytes();
        index = i;
        offset = pos;
        this.bigEndian = bigEndian;
        tag = (ElementBytes.u16(b, i, bigEndian) << 16) | ElementBytes.u16(b, i + 2, bigEndian);
        return tag;
    }

    /**
     * Completes the header whose tag {@link #readTag} read: the VR in an explicit syntax (none for
     * item and delimitation tags) and the value length its VR implies ({@link #readVr}, then
     * {@link #readValueLength}).
     */
    public void readLength(boolean explicitVr) throws IOException {
        readVr(explicitVr);
        readValueLength();
    }

    /**
     * Reads the VR of the header whose tag {@link #readTag} read, for a caller that checks it before
     * the value length is read (a long-length VR's length lies 4 bytes further on): in an explicit
     * syntax the two bytes after the tag, none for item and delimitation tags (PS3.5 7.5) or in an
     * implicit syntax. {@link #readValueLength} completes the header.
     *
     * @return the VR's two bytes ({@code 'S' << 8 | 'Q'}), -1 when the header has none
     */
    public int readVr(boolean explicitVr) throws IOException {
        explicitHeader = explicitVr && (tag >>> 16) != 0xFFFE;
        if (!explicitHeader) {
            vr = 0;
            return -1;
        }
        byte[] b = in.bytes();
        vr = (b[index + 4] & 0xFF) << 8 | (b[index + 5] & 0xFF);
        return vr;
    }

    /**
     * Reads the value length that the VR {@link #readVr} read implies (PS3.5 7.1.2, Table 7.1-1): 4
     * bytes after the 2 reserved bytes for a long-length VR, else 2 bytes; 4 bytes with no VR.
     */
    public void readValueLength() throws IOException {
        int i = index;
        byte[] b = in.bytes();
        if (!explicitHeader) {
            length = ElementBytes.u32(b, i + 4, bigEndian);
            reserved = 0;
            headerLength = 8;
        } else if (hasLongLength(vr >>> 8, vr & 0xFF)) {
            reserved = ElementBytes.u16(b, i + 6, bigEndian);
            length = ElementBytes.u32(b, in.at(offset + 8, 4), bigEndian);
            headerLength = 12;
        } else {
            length = ElementBytes.u16(b, i + 6, bigEndian);
            reserved = 0;
            headerLength = 8;
        }
    }

    /** Reads the element header at {@code pos} ({@link #readTag} and {@link #readLength}); returns this cursor. */
    public ElementCursor read(long pos, boolean explicitVr, boolean bigEndian) throws IOException {
        readTag(pos, bigEndian);
        readLength(explicitVr);
        return this;
    }

    /** Where the header read starts. */
    public long offset() { return offset; }

    public int tag() { return tag; }

    /** The value length, {@link DataSetWalker#UNDEFINED} for an undefined length. */
    public long length() { return length; }

    public boolean undefinedLength() { return length == DataSetWalker.UNDEFINED; }

    /** Where the value starts (8 or 12 bytes after the header's start). */
    public long valueOffset() { return offset + headerLength; }

    /** Past the value (defined length only). */
    public long next() { return offset + headerLength + length; }

    /** True when the header has an explicit VR {@code a b}. */
    public boolean isVr(char a, char b) { return vr == (a << 8 | b); }

    /**
     * The reserved 2 bytes of the header read when its VR has a 4-byte length (PS3.5 7.1.2, set to
     * 0000H), else 0: a strict reader refuses other values.
     */
    public int reserved() { return reserved; }

    /** The VR as text, null when the header has none (implicit syntax, item and delimitation tags). */
    public String vrString() {
        return vr == 0 ? null : new String(new char[] {(char) (vr >>> 8), (char) (vr & 0xFF)});
    }

    /**
     * Past the Sequence Delimitation Item that ends the undefined-length value starting at {@code pos}
     * (PS3.5 7.5.2): its items have defined lengths or end with an Item Delimitation Item, and hold
     * elements in the given syntax (explicit: nested undefined-length UN values in Implicit VR Little
     * Endian). This cursor is left on some header inside.
     *
     * @param depth the nesting of this value (1 for a top-level element's)
     * @throws IOException when something other than an item is found, items nest deeper than
     *         {@link DataSetWalker#MAX_DEPTH}, or ({@link java.io.EOFException}) the bytes end first
     */
    public long skipUndefinedLength(long pos, boolean explicitVr, boolean bigEndian, int depth) throws IOException {
        if (depth > DataSetWalker.MAX_DEPTH) throw new IOException("sequences nested deeper than " + DataSetWalker.MAX_DEPTH + " levels");
        while (true) {
            int t = readTag(pos, bigEndian);
            if (t == DataSetWalker.TAG_SEQUENCE_DELIMITER) return pos + 8;
            long len = ElementBytes.u32(in.bytes(), in.at(pos + 4, 4), bigEndian);
            if (t != DataSetWalker.TAG_ITEM) {
                throw new IOException("expected an item (FFFE,E000) at offset " + pos + ", found " + DataSetWalker.tagString(t));
            }
            if (len == DataSetWalker.UNDEFINED) {
                pos = skipUndefinedItem(pos + 8, explicitVr, bigEndian, depth);
            } else {
                pos += 8 + len;
            }
        }
    }

    /** The elements of an undefined-length item starting at {@code pos}, and past its Item Delimitation Item. */
    private long skipUndefinedItem(long pos, boolean explicitVr, boolean bigEndian, int depth) throws IOException {
        while (true) {
            if (readTag(pos, bigEndian) == DataSetWalker.TAG_ITEM_DELIMITER) return pos + 8;
            readLength(explicitVr);
            if (length == DataSetWalker.UNDEFINED) {
                boolean nestedExplicit = explicitVr && !isVr('U', 'N');
                pos = skipUndefinedLength(valueOffset(), nestedExplicit, nestedExplicit && bigEndian, depth + 1);
            } else {
                pos = next();
            }
        }
    }

    /** VRs with a 2-byte reserved field and a 4-byte value length, given as the VR's two bytes (PS3.5 Table 7.1-1). */
    public static boolean hasLongLength(int a, int b) {
        switch (a << 8 | b) {
            case 'O' << 8 | 'B': case 'O' << 8 | 'D': case 'O' << 8 | 'F': case 'O' << 8 | 'L': case 'O' << 8 | 'V':
            case 'O' << 8 | 'W': case 'S' << 8 | 'Q': case 'S' << 8 | 'V': case 'U' << 8 | 'C': case 'U' << 8 | 'N':
            case 'U' << 8 | 'R': case 'U' << 8 | 'T': case 'U' << 8 | 'V':
                return true;
            default:
                return false;
        }
    }
}
