package org.dicomseg.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import org.dicomseg.pixels.BitPacking;
import org.dicomseg.pixels.Jpeg2000Codec;
import org.dicomseg.pixels.RleCodec;

/**
 * Test-side reader of a SEG the writer produced, independent of the writer: attributes come from
 * PixelMed, Pixel Data is located and split into frames here (native: one element, 1-bit frames at
 * bit offset k*rows*cols; encapsulated: items after the Basic Offset Table), then decoded with
 * BitPacking / RleCodec / Jpeg2000Codec / JpegLsCodec. For native files the bytes are cross-checked against the
 * Pixel Data PixelMed itself reads.
 */
public final class WrittenSeg {
    public final AttributeList header;
    public final String transferSyntax;
    public final int rows;
    public final int columns;
    public final int frames;
    public final int bitsAllocated;
    /** Decoded frames, one value per pixel (0/1 for BINARY). */
    public final int[][] pixels;

    public WrittenSeg(Path file) throws Exception {
        header = new AttributeList();
        header.read(file.toFile(), TagFromName.PixelData);
        transferSyntax = Attribute.getSingleStringValueOrNull(header, TagFromName.TransferSyntaxUID);
        rows = Attribute.getSingleIntegerValueOrDefault(header, TagFromName.Rows, -1);
        columns = Attribute.getSingleIntegerValueOrDefault(header, TagFromName.Columns, -1);
        frames = Attribute.getSingleIntegerValueOrDefault(header, TagFromName.NumberOfFrames, -1);
        bitsAllocated = Attribute.getSingleIntegerValueOrDefault(header, TagFromName.BitsAllocated, -1);
        byte[] all = Files.readAllBytes(file);
        int n = rows * columns;
        pixels = new int[frames][n];
        int at = find(all);
        boolean encapsulated = !"1.2.840.10008.1.2.1".equals(transferSyntax);
        if (!encapsulated) {
            long len = le32(all, at + 8);
            assertEquals(0, len & 1, "Pixel Data length must be even");
            int start = at + 12;
            assertEquals(all.length, start + len, "Pixel Data must be the last element and its length must fit the file");
            long needed = bitsAllocated == 1 ? (((long) frames * n) + 7) / 8 : (long) frames * n * (bitsAllocated / 8);
            assertTrue(len == needed || len == needed + 1, "Pixel Data length " + len + " for " + needed + " bytes of frames");
            byte[] value = java.util.Arrays.copyOfRange(all, start, (int) (start + len));
            AttributeList full = new AttributeList();
            full.read(file.toFile());
            Attribute pd = full.get(TagFromName.PixelData);
            byte[] pm = pd instanceof com.pixelmed.dicom.OtherWordAttribute ? shortsToBytes(pd.getShortValues()) : pd.getByteValues();
            assertArrayEquals(value, java.util.Arrays.copyOf(pm, value.length), "PixelMed reads the same Pixel Data");
            for (int f = 0; f < frames; f++) {
                if (bitsAllocated == 1) {
                    byte[] bits = new byte[n];
                    BitPacking.unpack(value, (long) f * n, bits, 0, n);
                    for (int i = 0; i < n; i++) pixels[f][i] = bits[i];
                } else {
                    decodeBytes(value, f * n * (bitsAllocated / 8), pixels[f]);
                }
            }
        } else {
            assertEquals(0xFFFFFFFFL, le32(all, at + 8), "encapsulated Pixel Data has undefined length");
            int p = at + 12;
            List<byte[]> fragments = new ArrayList<>();
            boolean first = true;
            while (true) {
                int group = le16(all, p), element = le16(all, p + 2);
                long len = le32(all, p + 4);
                assertEquals(0xFFFE, group);
                p += 8;
                if (element == 0xE0DD) break;
                assertEquals(0xE000, element);
                assertEquals(0, len & 1, "fragments are even length");
                if (first) {
                    first = false; // Basic Offset Table
                } else {
                    fragments.add(java.util.Arrays.copyOfRange(all, p, (int) (p + len)));
                }
                p += len;
            }
            assertEquals(all.length, p, "nothing after the sequence delimiter");
            assertEquals(frames, fragments.size(), "one fragment per frame");
            for (int f = 0; f < frames; f++) {
                byte[] frag = fragments.get(f);
                byte[] raw;
                if ("1.2.840.10008.1.2.5".equals(transferSyntax)) {
                    int bps = bitsAllocated == 16 ? 2 : 1;
                    int expected = bitsAllocated == 1 ? (n + 7) / 8 : n * bps;
                    raw = RleCodec.decode(frag, bps, expected);
                    if (bitsAllocated == 1) {
                        byte[] bits = new byte[n];
                        BitPacking.unpack(raw, 0, bits, 0, n);
                        for (int i = 0; i < n; i++) pixels[f][i] = bits[i];
                        continue;
                    }
                } else if ("1.2.840.10008.1.2.8.1".equals(transferSyntax)) {
                    // Deflated Image Frame Compression: a raw Deflate stream of the frame as stored from bit 0
                    int expected = bitsAllocated == 1 ? (n + 7) / 8 : n * (bitsAllocated / 8);
                    raw = inflate(frag, expected);
                    if (bitsAllocated == 1) {
                        byte[] bits = new byte[n];
                        BitPacking.unpack(raw, 0, bits, 0, n);
                        for (int i = 0; i < n; i++) pixels[f][i] = bits[i];
                        continue;
                    }
                } else if ("1.2.840.10008.1.2.4.80".equals(transferSyntax)) {
                    raw = org.dicomseg.pixels.JpegLsCodec.decode(frag, frag.length, rows, columns, 1, bitsAllocated);
                } else {
                    assertEquals("1.2.840.10008.1.2.4.90", transferSyntax);
                    raw = Jpeg2000Codec.decode(frag, rows, columns, bitsAllocated);
                }
                decodeBytes(raw, 0, pixels[f]);
            }
        }
    }

    /** A raw Deflate stream (RFC 1951) that must inflate to exactly {@code expected} bytes. */
    private static byte[] inflate(byte[] data, int expected) throws java.util.zip.DataFormatException {
        java.util.zip.Inflater inf = new java.util.zip.Inflater(true);
        try {
            inf.setInput(data);
            byte[] out = new byte[expected + 1];
            int n = 0;
            while (!inf.finished() && n < out.length) {
                int k = inf.inflate(out, n, out.length - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                n += k;
            }
            assertTrue(inf.finished(), "the deflate stream ends");
            assertEquals(expected, n, "a deflated frame inflates to one frame");
            return java.util.Arrays.copyOf(out, n);
        } finally {
            inf.end();
        }
    }

    private void decodeBytes(byte[] b, int off, int[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = bitsAllocated == 16 ? (b[off + 2 * i] & 0xFF) | (b[off + 2 * i + 1] & 0xFF) << 8 : b[off + i] & 0xFF;
        }
    }

    private static byte[] shortsToBytes(short[] s) {
        byte[] b = new byte[s.length * 2];
        for (int i = 0; i < s.length; i++) {
            b[2 * i] = (byte) s[i];
            b[2 * i + 1] = (byte) (s[i] >> 8);
        }
        return b;
    }

    /** Offset of the top-level Pixel Data element header (its explicit VR is OB or OW). */
    private static int find(byte[] a) {
        for (int i = 132; i + 12 <= a.length; i++) {
            if ((a[i] & 0xFF) == 0xE0 && a[i + 1] == 0x7F && a[i + 2] == 0x10 && a[i + 3] == 0x00 && a[i + 4] == 'O'
                    && (a[i + 5] == 'B' || a[i + 5] == 'W') && a[i + 6] == 0 && a[i + 7] == 0) {
                return i;
            }
        }
        throw new AssertionError("No Pixel Data element");
    }

    private static int le16(byte[] b, int o) { return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8; }

    private static long le32(byte[] b, int o) {
        return ((long) (b[o] & 0xFF)) | ((long) (b[o + 1] & 0xFF)) << 8 | ((long) (b[o + 2] & 0xFF)) << 16 | ((long) (b[o + 3] & 0xFF)) << 24;
    }

    public String string(AttributeTag t) {
        return Attribute.getSingleStringValueOrNull(header, t);
    }

    /** The single item of {@code seq} in per-frame item {@code frame} (0-based). */
    public AttributeList frameGroup(int frame, AttributeTag seq) {
        SequenceAttribute pf = (SequenceAttribute) header.get(TagFromName.PerFrameFunctionalGroupsSequence);
        AttributeList item = pf.getItem(frame).getAttributeList();
        SequenceAttribute s = (SequenceAttribute) item.get(seq);
        return s == null ? null : s.getItem(0).getAttributeList();
    }

    public int perFrameItems() {
        return ((SequenceAttribute) header.get(TagFromName.PerFrameFunctionalGroupsSequence)).getNumberOfItems();
    }

    /** Referenced Segment Number of a frame, or -1 when absent. */
    public int segmentOf(int frame) {
        AttributeList g = frameGroup(frame, TagFromName.SegmentIdentificationSequence);
        return g == null ? -1 : Attribute.getSingleIntegerValueOrDefault(g, TagFromName.ReferencedSegmentNumber, -1);
    }

    public double[] positionOf(int frame) throws Exception {
        return frameGroup(frame, TagFromName.PlanePositionSequence).get(TagFromName.ImagePositionPatient).getDoubleValues();
    }

    /** The Source Image Sequence items of a frame's Derivation Image Sequence. */
    public List<AttributeList> sourcesOf(int frame) {
        AttributeList d = frameGroup(frame, TagFromName.DerivationImageSequence);
        SequenceAttribute s = (SequenceAttribute) d.get(TagFromName.SourceImageSequence);
        List<AttributeList> out = new ArrayList<>();
        for (int i = 0; i < s.getNumberOfItems(); i++) out.add(s.getItem(i).getAttributeList());
        return out;
    }
}
