package org.dicomseg.pixels;

/**
 * Checks the marker structure of a JPEG 2000 code stream (ISO/IEC 15444-1 Annex A) before it is
 * handed to the decoder: the SIZ marker must describe one component of Rows x Columns (so a lying
 * header allocates nothing), every marker segment and tile-part must lie inside the data, and the
 * tile data between SOD and the end of a tile-part must not contain a marker code (0xFF followed by
 * a byte above 0x8F, other than SOP and EPH), which no conforming encoder produces and on which
 * jj2000's packet header reader loops for ever (found by fuzzing). A JP2 file is checked through
 * its contiguous code stream box.
 */
public final class Jpeg2000Check {
    private static final int SOC = 0xFF4F;
    private static final int SIZ = 0xFF51;
    private static final int SOT = 0xFF90;
    private static final int SOD = 0xFF93;
    private static final int EOC = 0xFFD9;

    private Jpeg2000Check() { }

    /** @throws CorruptPixelDataException naming what is wrong */
    static void check(byte[] data, int rows, int columns) {
        int start = codeStreamStart(data);
        int end = data.length;
        int pos = start;
        if (u16(data, pos, end) != SOC) throw corrupt("does not start with the SOC marker (FF4F)");
        pos += 2;
        if (u16(data, pos, end) != SIZ) throw corrupt("has no SIZ marker (FF51) after SOC");
        int sizLength = u16(data, pos + 2, end);
        if (sizLength < 41 || pos + 2 + sizLength > end) throw corrupt("SIZ marker segment has an invalid length " + sizLength);
        long xsiz = u32(data, pos + 6), ysiz = u32(data, pos + 10), xo = u32(data, pos + 14), yo = u32(data, pos + 18);
        int components = u16(data, pos + 38, end);
        if (xsiz - xo != columns || ysiz - yo != rows) {
            throw corrupt("SIZ marker says " + (xsiz - xo) + " x " + (ysiz - yo) + " pixels, but Columns x Rows are "
                    + columns + " x " + rows);
        }
        if (components != 1) throw corrupt("SIZ marker says " + components + " components; a Segmentation has 1");
        pos += 2 + sizLength;
        // Main header: marker segments up to the first SOT.
        while (true) {
            int marker = u16(data, pos, end);
            if (marker == SOT) break;
            if (marker == EOC) return; // no tile data at all: the decoder says what is missing
            if ((marker & 0xFF00) != 0xFF00) throw corrupt("main header has no marker at byte " + (pos - start));
            int len = u16(data, pos + 2, end);
            if (len < 2 || pos + 2 + len > end) throw corrupt("marker segment " + hex(marker) + " runs past the end of the data");
            pos += 2 + len;
        }
        // Tile-parts.
        while (pos < end) {
            int marker = u16(data, pos, end);
            if (marker == EOC) return;
            if (marker != SOT) throw corrupt("expected a tile-part (SOT, FF90) at byte " + (pos - start) + ", found " + hex(marker));
            if (u16(data, pos + 2, end) != 10) throw corrupt("SOT marker segment has an invalid length");
            long psot = u32(data, pos + 6);
            int tileEnd;
            if (psot == 0) {
                tileEnd = end >= 2 && u16(data, end - 2, end) == EOC ? end - 2 : end;
            } else {
                if (psot < 14 || pos + psot > end) throw corrupt("tile-part length " + psot + " runs past the end of the data");
                tileEnd = (int) (pos + psot);
            }
            int p = pos + 12;
            while (true) { // tile-part header up to SOD
                int m = u16(data, p, tileEnd);
                if (m == SOD) break;
                if ((m & 0xFF00) != 0xFF00) throw corrupt("tile-part header has no marker at byte " + (p - start));
                int len = u16(data, p + 2, tileEnd);
                if (len < 2 || p + 2 + len > tileEnd) throw corrupt("marker segment " + hex(m) + " runs past its tile-part");
                p += 2 + len;
            }
            for (int i = p + 2; i + 1 < tileEnd; i++) {
                if (data[i] == (byte) 0xFF && (data[i + 1] & 0xFF) > 0x8F && data[i + 1] != (byte) 0x91 && data[i + 1] != (byte) 0x92) {
                    throw corrupt("tile data holds the marker code " + hex(0xFF00 | (data[i + 1] & 0xFF)) + " at byte " + (i - start));
                }
            }
            pos = tileEnd;
        }
    }

    /**
     * Columns and rows the SIZ marker states ({Xsiz - XOsiz, Ysiz - YOsiz}), or null when the data
     * does not start like a code stream (the decoder then says what is wrong).
     */
    public static int[] size(byte[] data) {
        try {
            int p = codeStreamStart(data);
            if (u16(data, p, data.length) != SOC || u16(data, p + 2, data.length) != SIZ) return null;
            long w = u32(data, p + 8) - u32(data, p + 16), h = u32(data, p + 12) - u32(data, p + 20);
            return new int[] {(int) Math.max(-1, Math.min(Integer.MAX_VALUE, w)), (int) Math.max(-1, Math.min(Integer.MAX_VALUE, h))};
        } catch (CorruptPixelDataException e) {
            return null;
        }
    }

    /** 0 for a bare code stream; the content of the contiguous code stream box of a JP2 file. */
    private static int codeStreamStart(byte[] d) {
        if (d.length >= 12 && u32(d, 0) == 12 && u32(d, 4) == 0x6A502020L) {
            int pos = 0;
            while (pos + 8 <= d.length) {
                long len = u32(d, pos);
                long type = u32(d, pos + 4);
                int header = 8;
                if (len == 1) {
                    if (pos + 16 > d.length) break;
                    len = u32(d, pos + 12); // high word ignored: frames are far below 4 GB
                    header = 16;
                } else if (len == 0) {
                    len = d.length - pos;
                }
                if (type == 0x6A703263L) return pos + header; // 'jp2c'
                if (len < header || pos + len > d.length) break;
                pos += (int) len;
            }
            throw corrupt("JP2 file without a contiguous code stream box");
        }
        return 0;
    }

    private static int u16(byte[] d, int p, int end) {
        if (p < 0 || p + 2 > end) throw corrupt("ends at byte " + end + " where a marker is needed");
        return (d[p] & 0xFF) << 8 | (d[p + 1] & 0xFF);
    }

    private static long u32(byte[] d, int p) {
        if (p + 4 > d.length) throw corrupt("ends inside a marker segment");
        return (long) (d[p] & 0xFF) << 24 | (d[p + 1] & 0xFF) << 16 | (d[p + 2] & 0xFF) << 8 | (d[p + 3] & 0xFF);
    }

    private static String hex(int marker) {
        return String.format("%04X", marker);
    }

    private static CorruptPixelDataException corrupt(String problem) {
        return new CorruptPixelDataException("JPEG 2000 code stream " + problem);
    }
}
