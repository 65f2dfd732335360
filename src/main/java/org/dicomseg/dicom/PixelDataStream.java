package org.dicomseg.dicom;

import java.io.IOException;
import java.io.OutputStream;

import org.dicomseg.pixels.BitPacking;
import org.dicomseg.task.OutputException;

/**
 * Appends the Pixel Data element (7FE0,0010) to a data set stream, one frame at a time, in
 * Explicit VR Little Endian element encoding (PS3.5 7.1.2), so that no more than one encoded frame
 * is ever held in memory.
 * <ul>
 *   <li>Native (PS3.5 8.2): one element with its length computed up front from the frame count;
 *       1-bit frames are one continuous LSB-first bit stream (PS3.5 8.1.1) — a frame whose pixel
 *       count is not a multiple of 8 starts inside the previous frame's last byte — and the value is
 *       padded to even length.</li>
 *   <li>Encapsulated (PS3.5 A.4): undefined length, an empty Basic Offset Table item, one fragment
 *       item per frame (padded to even length), then the Sequence Delimitation Item. With
 *       {@link #useExtendedOffsetTable()} the Extended Offset Table (7FE0,0001) and Extended Offset
 *       Table Lengths (7FE0,0002) (OV, 8 bytes per frame, PS3.3 C.7.6.3.1.8, PS3.5 A.4) precede
 *       Pixel Data: written as zeros by {@link #begin}, filled in by
 *       {@link #writeExtendedOffsetTable} once every frame's size is known (the Basic Offset Table
 *       stays empty, as A.4 requires beside an Extended Offset Table). An empty Basic Offset Table
 *       is valid at any size; the Extended Offset Table is what lets a reader find frames whose
 *       offsets exceed the 32 bits of the Basic Offset Table without walking the items.</li>
 * </ul>
 * A native Pixel Data value cannot exceed 2<sup>32</sup>&minus;2 bytes (PS3.5 7.1.2: a 32-bit
 * length, FFFFFFFFH meaning undefined): {@link #begin} refuses more; the writer refuses it earlier
 * ({@link #nativeValueLength}).
 */
public final class PixelDataStream {
    /** Largest even value length of a defined-length element. */
    public static final long MAX_LENGTH = 0xFFFFFFFEL;
    static final int TAG_EXTENDED_OFFSET_TABLE = 0x0001;
    static final int TAG_EXTENDED_OFFSET_TABLE_LENGTHS = 0x0002;

    private final OutputStream out;
    private final boolean encapsulated;
    private final int bitsAllocated;
    private final int pixelsPerFrame;
    private final byte[] header = new byte[12];
    private long expectedLength;
    private long written;
    /** 1-bit native: window holding the partial byte carried into the next frame at index 0. */
    private byte[] window;
    private long carryBits;
    /** Encapsulated with an Extended Offset Table: each frame's item offset and length; else null. */
    private long[] eotOffsets;
    private long[] eotLengths;
    private int fragments;
    private long fragmentBytes;

    public PixelDataStream(OutputStream out, boolean encapsulated, int bitsAllocated, int rows, int columns) {
        this.out = out;
        this.encapsulated = encapsulated;
        this.bitsAllocated = bitsAllocated;
        this.pixelsPerFrame = rows * columns;
    }

    /**
     * Value length of native Pixel Data for {@code frames} frames, padded to even length: more than
     * {@link #MAX_LENGTH} cannot be written.
     */
    public static long nativeValueLength(long frames, int rows, int columns, int bitsAllocated) {
        long len = nativeLength(frames, rows, columns, bitsAllocated);
        return len + (len & 1);
    }

    /** True when an Extended Offset Table for {@code frames} frames fits its OV element (8 bytes a frame). */
    public static boolean extendedOffsetTableFits(long frames) {
        return frames >= 1 && 8 * frames <= MAX_LENGTH;
    }

    /**
     * Encapsulated only, before {@link #begin}: write the Extended Offset Table (7FE0,0001/0002)
     * before Pixel Data; the caller fills it in with {@link #writeExtendedOffsetTable} after {@link #end}.
     */
    public PixelDataStream useExtendedOffsetTable() {
        if (!encapsulated) throw new IllegalStateException("an Extended Offset Table is for encapsulated Pixel Data only");
        eotOffsets = new long[0];
        return this;
    }

    /** True when this stream writes an Extended Offset Table. */
    public boolean extendedOffsetTable() { return eotOffsets != null; }

    /** Value length of native Pixel Data for {@code frames} frames, before padding. */
    static long nativeLength(long frames, int rows, int columns, int bitsAllocated) {
        long pixels = frames * rows * columns;
        return bitsAllocated == 1 ? BitPacking.packedLength(pixels) : pixels * (bitsAllocated / 8);
    }

    /** Writes the element header. */
    public void begin(int frames) throws IOException {
        int vrOw = !encapsulated && bitsAllocated == 16 ? 1 : 0;
        header[0] = (byte) 0xE0; header[1] = 0x7F; header[2] = 0x10; header[3] = 0x00;
        header[4] = 'O'; header[5] = (byte) (vrOw == 1 ? 'W' : 'B'); header[6] = 0; header[7] = 0;
        if (encapsulated) {
            if (eotOffsets != null) {
                if (!extendedOffsetTableFits(frames)) {
                    throw new IllegalArgumentException("An Extended Offset Table cannot list " + frames + " frames");
                }
                eotOffsets = new long[frames];
                eotLengths = new long[frames];
                byte[] zeros = new byte[(int) Math.min(8L * frames, 1 << 16)];
                for (int tag : new int[] {TAG_EXTENDED_OFFSET_TABLE, TAG_EXTENDED_OFFSET_TABLE_LENGTHS}) {
                    byte[] h = {(byte) 0xE0, 0x7F, (byte) tag, 0, 'O', 'V', 0, 0, 0, 0, 0, 0};
                    putInt(h, 8, 8 * frames);
                    out.write(h, 0, 12);
                    for (long left = 8L * frames; left > 0; left -= zeros.length) out.write(zeros, 0, (int) Math.min(left, zeros.length));
                }
            }
            putInt(header, 8, -1);
            out.write(header, 0, 12);
            item(0xE000, 0); // empty Basic Offset Table
        } else {
            long len = nativeLength(frames, pixelsPerFrame, 1, bitsAllocated);
            expectedLength = len;
            long padded = len + (len & 1);
            if (padded > MAX_LENGTH) {
                throw new OutputException("Native Pixel Data of " + frames + " frames would be " + padded
                        + " bytes, more than a DICOM element can hold; use RLE Lossless");
            }
            putInt(header, 8, (int) padded);
            out.write(header, 0, 12);
            if (bitsAllocated == 1) window = new byte[(int) BitPacking.packedLength(pixelsPerFrame) + 1];
        }
    }

    /** Native frame bytes already in final layout (8/16-bit, or 1-bit packed from bit 0 when the stream is byte aligned). */
    public void nativeFrame(byte[] data, int length) throws IOException {
        if (bitsAllocated == 1 && carryBits != 0) {
            throw new IllegalStateException("Packed frame written while the bit stream is not byte aligned");
        }
        out.write(data, 0, length);
        written += length;
    }

    /** True when the next 1-bit native frame starts on a byte boundary. */
    boolean byteAligned() { return carryBits == 0; }

    /**
     * A 1-bit native frame given as one byte per pixel (nonzero = 1), packed with {@link BitPacking}
     * at the current bit offset of the continuous stream.
     */
    public void nativeBinaryFrame(byte[] pixels) throws IOException {
        int carry = (int) carryBits;
        byte first = window[0];
        java.util.Arrays.fill(window, (byte) 0);
        if (carry != 0) window[0] = first;
        BitPacking.pack(pixels, 0, pixelsPerFrame, window, carry);
        long totalBits = carry + (long) pixelsPerFrame;
        int whole = (int) (totalBits >>> 3);
        out.write(window, 0, whole);
        written += whole;
        carryBits = totalBits & 7;
        if (carryBits != 0) window[0] = window[whole];
    }

    /** One encapsulated frame (fragment). */
    void fragment(byte[] data, int length) throws IOException {
        int padded = length + (length & 1);
        if (eotOffsets != null) {
            if (fragments == eotOffsets.length) throw new IllegalStateException("more frames than announced: " + (fragments + 1));
            eotOffsets[fragments] = fragmentBytes;
            eotLengths[fragments] = padded;
        }
        fragments++;
        fragmentBytes += 8L + padded;
        item(0xE000, padded);
        out.write(data, 0, length);
        if ((length & 1) != 0) out.write(0);
    }

    /** Finishes the element: the last partial byte and padding (native) or the delimiter (encapsulated). */
    public void end() throws IOException {
        if (encapsulated) {
            if (eotOffsets != null && fragments != eotOffsets.length) {
                throw new IllegalStateException("Wrote " + fragments + " frames, announced " + eotOffsets.length);
            }
            item(0xE0DD, 0);
            return;
        }
        if (carryBits != 0) {
            out.write(window, 0, 1);
            written++;
            carryBits = 0;
        }
        if (written != expectedLength) {
            throw new IllegalStateException("Wrote " + written + " bytes of Pixel Data, expected " + expectedLength);
        }
        if ((written & 1) != 0) out.write(0);
    }

    /**
     * After {@link #end}: fills in the Extended Offset Table written as zeros by {@link #begin}.
     * {@code file} is the file written, {@code beginPosition} its offset where {@link #begin}
     * started (the Extended Offset Table element's tag). Offsets count from the first byte of the
     * first fragment item after the Basic Offset Table; lengths are the items' (even) value lengths,
     * as PS3.5 A.4 and pydicom's {@code encapsulate_extended} have them.
     */
    public void writeExtendedOffsetTable(java.nio.file.Path file, long beginPosition) throws IOException {
        if (eotOffsets == null) return;
        int n = eotOffsets.length;
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            long pos = beginPosition + 12;
            for (long[] values : new long[][] {eotOffsets, eotLengths}) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (long v : values) b.putLong(v);
                b.flip();
                while (b.hasRemaining()) pos += ch.write(b, pos);
                pos += 12;
            }
        }
    }

    private void item(int element, int length) throws IOException {
        byte[] h = new byte[8];
        h[0] = (byte) 0xFE; h[1] = (byte) 0xFF; h[2] = (byte) element; h[3] = (byte) (element >>> 8);
        putInt(h, 4, length);
        out.write(h, 0, 8);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
