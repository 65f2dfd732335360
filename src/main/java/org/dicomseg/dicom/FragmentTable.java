package org.dicomseg.dicom;

import java.io.IOException;
import java.util.Arrays;
import org.dicomseg.pixels.CorruptPixelDataException;

/**
 * Where each frame's fragments lie in encapsulated Pixel Data (PS3.5 A.4): an item holding the
 * Basic Offset Table, then one item per fragment, then a Sequence Delimitation Item. Built once by
 * reading item headers only (8 bytes per fragment); fragment values are read when a frame is asked
 * for.
 *
 * <p>Fragments are grouped into frames, in this order of preference: one fragment per frame when
 * their counts match; the Extended Offset Table (7FE0,0001/0002); the Basic Offset Table; all
 * fragments for a single frame; frame-start markers (JPEG 2000 SOC marker FF4F, an RLE header
 * whose first segment offset is 64).</p>
 */
public final class FragmentTable {
    private final long[] offsets; // value offset of each fragment
    private final int[] lengths;  // value length of each fragment
    private final int[] firstFragment; // per frame, plus a sentinel

    private FragmentTable(long[] offsets, int[] lengths, int[] firstFragment) {
        this.offsets = offsets;
        this.lengths = lengths;
        this.firstFragment = firstFragment;
    }

    public int frames() { return firstFragment.length - 1; }

    /** Fragments (items after the Basic Offset Table) of the Pixel Data. */
    public int fragments() { return offsets.length; }

    /** Total stored bytes of frame {@code index}. */
    public long storedLength(int index) {
        long n = 0;
        for (int f = firstFragment[index]; f < firstFragment[index + 1]; f++) n += lengths[f];
        return n;
    }

    /** Reads the concatenated fragments of frame {@code index} (0-based). */
    public byte[] read(ChannelReader in, int index) throws IOException {
        return read(in, index, null);
    }

    /**
     * Like {@link #read(ChannelReader, int)} into {@code reuse} when it is large enough (else a new
     * array); the frame's bytes are the first {@link #storedLength} bytes of the result.
     */
    public byte[] read(ChannelReader in, int index, byte[] reuse) throws IOException {
        long total = storedLength(index);
        if (total > Integer.MAX_VALUE - 16) throw new CorruptPixelDataException("frame of " + total + " bytes is too large");
        byte[] out = reuse != null && reuse.length >= total ? reuse : new byte[(int) total];
        int pos = 0;
        for (int f = firstFragment[index]; f < firstFragment[index + 1]; f++) {
            in.readFully(offsets[f], out, pos, lengths[f]);
            pos += lengths[f];
        }
        return out;
    }

    /**
     * Scans the items of encapsulated Pixel Data whose value starts at {@code valueOffset}.
     *
     * @param numberOfFrames frames the header declares
     * @param eot Extended Offset Table location, or null
     * @param encoding the encapsulation, for marker-based grouping
     * @throws IOException with a message for the user when the items are inconsistent
     */
    public static FragmentTable scan(ChannelReader in, long valueOffset, int numberOfFrames, DataSetWalker.Location eot,
            SegTransferSyntax.Encoding encoding) throws IOException {
        long pos = valueOffset;
        int tag = (in.u16(pos, false) << 16) | in.u16(pos + 2, false);
        if (tag != DataSetWalker.TAG_ITEM) {
            throw new IOException("encapsulated Pixel Data (7FE0,0010) does not start with a Basic Offset Table item");
        }
        long botLength = in.u32(pos + 4, false);
        if (botLength == DataSetWalker.UNDEFINED || botLength % 4 != 0 || pos + 8 + botLength > in.size()) {
            throw new IOException("Basic Offset Table has an invalid length " + botLength);
        }
        long botValue = pos + 8;
        pos = botValue + botLength;
        long firstItem = pos;
        long[] offs = new long[Math.max(16, Math.min(numberOfFrames, 4096))];
        int[] lens = new int[offs.length];
        long[] itemStarts = new long[offs.length];
        int n = 0;
        boolean delimited = false;
        while (pos + 8 <= in.size()) {
            tag = (in.u16(pos, false) << 16) | in.u16(pos + 2, false);
            long len = in.u32(pos + 4, false);
            if (tag == DataSetWalker.TAG_SEQUENCE_DELIMITER) {
                delimited = true;
                break;
            }
            if (tag != DataSetWalker.TAG_ITEM) {
                throw new IOException("encapsulated Pixel Data: expected a fragment item at offset " + pos
                        + ", found " + DataSetWalker.tagString(tag));
            }
            if (len == DataSetWalker.UNDEFINED || len > Integer.MAX_VALUE || pos + 8 + len > in.size()) {
                throw new IOException("Pixel Data fragment " + (n + 1) + " (" + len + " bytes at offset " + (pos + 8)
                        + ") runs past the end of the file (" + in.size() + " bytes): the file is truncated");
            }
            if (n == offs.length) {
                offs = Arrays.copyOf(offs, n * 2);
                lens = Arrays.copyOf(lens, n * 2);
                itemStarts = Arrays.copyOf(itemStarts, n * 2);
            }
            itemStarts[n] = pos;
            offs[n] = pos + 8;
            lens[n] = (int) len;
            n++;
            pos += 8 + len;
        }
        if (!delimited) {
            throw new IOException("encapsulated Pixel Data has no Sequence Delimitation Item: the file is truncated");
        }
        offs = Arrays.copyOf(offs, n);
        lens = Arrays.copyOf(lens, n);
        int[] first = group(in, n, numberOfFrames, offs, itemStarts, firstItem, botValue, botLength, eot, encoding);
        return new FragmentTable(offs, lens, first);
    }

    private static int[] group(ChannelReader in, int n, int frames, long[] offs, long[] itemStarts, long firstItem,
            long botValue, long botLength, DataSetWalker.Location eot, SegTransferSyntax.Encoding encoding)
            throws IOException {
        if (n == frames) {
            int[] first = new int[frames + 1];
            for (int i = 0; i <= frames; i++) first[i] = i;
            return first;
        }
        if (n < frames) {
            throw new IOException("Pixel Data holds " + n + " fragments but Number of Frames (0028,0008) is " + frames
                    + ": fewer fragments than frames");
        }
        if (eot != null && eot.extendedOffsetTableOffset >= 0 && eot.extendedOffsetTableLength == 8L * frames) {
            long[] starts = new long[frames];
            for (int i = 0; i < frames; i++) {
                long lo = in.u32(eot.extendedOffsetTableOffset + 8L * i, false);
                long hi = in.u32(eot.extendedOffsetTableOffset + 8L * i + 4, false);
                starts[i] = firstItem + ((hi << 32) | lo);
            }
            return byItemStarts(starts, itemStarts, n, "Extended Offset Table (7FE0,0001)");
        }
        if (botLength == 4L * frames && frames > 0) {
            long[] starts = new long[frames];
            for (int i = 0; i < frames; i++) starts[i] = firstItem + in.u32(botValue + 4L * i, false);
            return byItemStarts(starts, itemStarts, n, "Basic Offset Table");
        }
        if (frames == 1) return new int[] {0, n};
        // Frame-start markers.
        int[] first = new int[frames + 1];
        int k = 0;
        for (int f = 0; f < n; f++) {
            if (startsFrame(in, offs[f], encoding)) {
                if (k == frames) {
                    k++;
                    break;
                }
                first[k++] = f;
            }
        }
        if (k != frames || first[0] != 0) {
            throw new IOException("Pixel Data holds " + n + " fragments for " + frames
                    + " frames and neither offset table says where frames start");
        }
        first[frames] = n;
        return first;
    }

    private static boolean startsFrame(ChannelReader in, long off, SegTransferSyntax.Encoding encoding) throws IOException {
        switch (encoding) {
            case JPEG_2000:
                return in.u8(off) == 0xFF && in.u8(off + 1) == 0x4F;
            case JPEG_LS:
                return in.u8(off) == 0xFF && in.u8(off + 1) == 0xD8; // SOI, ITU-T T.87 C.1.1
            case RLE:
                long segs = in.u32(off, false);
                return segs >= 1 && segs <= 15 && in.u32(off + 4, false) == 64;
            default:
                return false;
        }
    }

    private static int[] byItemStarts(long[] starts, long[] itemStarts, int n, String table) throws IOException {
        int frames = starts.length;
        int[] first = new int[frames + 1];
        int f = 0;
        for (int i = 0; i < frames; i++) {
            while (f < n && itemStarts[f] < starts[i]) f++;
            if (f == n || itemStarts[f] != starts[i] || (i > 0 && f <= first[i - 1])) {
                throw new IOException(table + " entry " + (i + 1) + " does not point at a fragment item");
            }
            first[i] = f;
        }
        first[frames] = n;
        return first;
    }
}
