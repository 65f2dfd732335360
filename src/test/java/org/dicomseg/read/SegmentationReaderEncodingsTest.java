package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomseg.testing.Shared;
import org.dicomseg.testing.SyntheticSegs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.dicom.SegTransferSyntax;

/**
 * Encodings the corpus lacks, made from corpus files by PixelMed: Deflated Explicit VR Little
 * Endian (PS3.5 A.5), 16-bit label maps in little and big endian (OW byte swapping, PS3.5 7.3),
 * 1-bit frames in Explicit VR Big Endian. Each must read exactly like its source.
 */
class SegmentationReaderEncodingsTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    @Test
    void deflatedDataSetReadsLikeItsSource() throws Exception {
        Path src = Shared.corpus("dcmqi/segmentations/liver.dcm");
        Path deflated = SyntheticSegs.reencode(src, tmp.resolve("liver-deflated.dcm"), SyntheticSegs.DEFLATED);
        byte[] head = Files.readAllBytes(deflated);
        assertEquals(true, new String(head, 0, Math.min(400, head.length), java.nio.charset.StandardCharsets.US_ASCII)
                .contains("1.2.840.10008.1.2.1.99"), "the fixture is deflated");
        assertEquals(true, head.length < Files.size(src) / 2, "the data set is compressed");
        try (SegmentationReader d = SegmentationReader.open(deflated); SegmentationReader s = SegmentationReader.open(src)) {
            assertEquals(SegTransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, d.metadata().transferSyntax());
            assertEquals(s.segmentPixelCounts(), d.segmentPixelCounts());
            for (int f = 1; f <= 3; f++) assertArrayEquals(s.readFrame(f), d.readFrame(f));
            assertEquals(s.getSegmentDescription(1), d.getSegmentDescription(1));
        }
    }

    @Test
    void sixteenBitLabelMapsInBothByteOrders() throws Exception {
        Path src = Shared.corpus("highdicom/seg_image_sm_control_labelmap_palette_color.dcm");
        try (SegmentationReader s = SegmentationReader.open(src)) {
            for (String ts : new String[] {SyntheticSegs.EXPLICIT_LE, SyntheticSegs.EXPLICIT_BE}) {
                Path p = SyntheticSegs.labelMap16(src, tmp.resolve("lm16-" + ts + ".dcm"), ts);
                try (SegmentationReader r = SegmentationReader.open(p)) {
                    assertEquals(16, r.metadata().bitsAllocated());
                    assertEquals(ts, r.metadata().transferSyntaxUid());
                    assertEquals(s.segmentPixelCounts(), r.segmentPixelCounts(), ts);
                    for (int f = 1; f <= r.numberOfFrames(); f++) {
                        assertArrayEquals(s.readFrameShorts(f), r.readFrameShorts(f), ts + " frame " + f);
                    }
                    assertThrows(IllegalStateException.class, () -> r.readFrame(1));
                }
            }
        }
    }

    /**
     * liver_rle.dcm rewritten with every frame split into two fragments (PS3.5 A.4: a frame may span
     * fragments), once with a Basic Offset Table and once with an empty one (frames found by their
     * RLE headers).
     */
    @Test
    void framesSplitOverSeveralFragments() throws Exception {
        byte[] all = Files.readAllBytes(Shared.corpus("pydicom-data/liver_rle.dcm"));
        int pd = SegmentationReaderBadInputTest.indexOf(all, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B'}, 0);
        int pos = pd + 12;
        int botLength = le32(all, pos + 4);
        pos += 8 + botLength;
        java.util.List<byte[]> frames = new java.util.ArrayList<>();
        while (le32(all, pos) != 0xE0DDFFFE) {
            int len = le32(all, pos + 4);
            frames.add(java.util.Arrays.copyOfRange(all, pos + 8, pos + 8 + len));
            pos += 8 + len;
        }
        assertEquals(3, frames.size());
        for (boolean withTable : new boolean[] {true, false}) {
            java.io.ByteArrayOutputStream items = new java.io.ByteArrayOutputStream();
            int[] offsets = new int[frames.size()];
            for (int f = 0; f < frames.size(); f++) {
                offsets[f] = items.size();
                byte[] fr = frames.get(f);
                int half = (fr.length / 2) & ~1;
                item(items, java.util.Arrays.copyOfRange(fr, 0, half));
                item(items, java.util.Arrays.copyOfRange(fr, half, fr.length));
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(all, 0, pd + 12);
            java.io.ByteArrayOutputStream bot = new java.io.ByteArrayOutputStream();
            if (withTable) for (int o : offsets) writeLe32(bot, o);
            item(out, bot.toByteArray());
            items.writeTo(out);
            writeLe32(out, 0xE0DDFFFE);
            writeLe32(out, 0);
            Path p = Files.write(tmp.resolve("split-" + withTable + ".dcm"), out.toByteArray());
            try (SegmentationReader r = SegmentationReader.open(p);
                 SegmentationReader ref = SegmentationReader.open(Shared.corpus("dcmqi/segmentations/liver.dcm"))) {
                for (int f = 1; f <= 3; f++) assertArrayEquals(ref.readFrame(f), r.readFrame(f), "frame " + f + " table " + withTable);
            }
        }
    }

    /**
     * The same split frames found through an Extended Offset Table (7FE0,0001/0002, PS3.5 A.4) with
     * an empty Basic Offset Table, as large files carry it; an entry that points between items is
     * reported naming the table, so the table is what the reader follows.
     */
    @Test
    void framesSplitOverFragmentsAreFoundByTheExtendedOffsetTable() throws Exception {
        byte[] all = Files.readAllBytes(Shared.corpus("pydicom-data/liver_rle.dcm"));
        int pd = SegmentationReaderBadInputTest.indexOf(all, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B'}, 0);
        int pos = pd + 12;
        pos += 8 + le32(all, pos + 4);
        java.util.List<byte[]> frames = new java.util.ArrayList<>();
        while (le32(all, pos) != 0xE0DDFFFE) {
            int len = le32(all, pos + 4);
            frames.add(java.util.Arrays.copyOfRange(all, pos + 8, pos + 8 + len));
            pos += 8 + len;
        }
        for (boolean broken : new boolean[] {false, true}) {
            java.io.ByteArrayOutputStream items = new java.io.ByteArrayOutputStream();
            long[] offsets = new long[frames.size()], lengths = new long[frames.size()];
            for (int f = 0; f < frames.size(); f++) {
                offsets[f] = items.size();
                byte[] fr = frames.get(f);
                int half = (fr.length / 2) & ~1;
                item(items, java.util.Arrays.copyOfRange(fr, 0, half));
                item(items, java.util.Arrays.copyOfRange(fr, half, fr.length));
                lengths[f] = fr.length + (fr.length & 1);
            }
            if (broken) offsets[2] += 8; // inside frame 3's first item
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(all, 0, pd);
            for (long[] table : new long[][] {offsets, lengths}) {
                out.write(new byte[] {(byte) 0xE0, 0x7F, (byte) (table == offsets ? 1 : 2), 0, 'O', 'V', 0, 0}, 0, 8);
                writeLe32(out, 8 * table.length);
                for (long v : table) {
                    writeLe32(out, (int) v);
                    writeLe32(out, (int) (v >>> 32));
                }
            }
            out.write(all, pd, 12);
            item(out, new byte[0]);
            items.writeTo(out);
            writeLe32(out, 0xE0DDFFFE);
            writeLe32(out, 0);
            Path p = Files.write(tmp.resolve("eot-" + broken + ".dcm"), out.toByteArray());
            if (broken) {
                Exception e = assertThrows(Exception.class, () -> {
                    try (SegmentationReader r = SegmentationReader.open(p)) {
                        for (int f = 1; f <= 3; f++) r.readFrame(f);
                    }
                });
                assertTrue(String.valueOf(e.getMessage()).contains("Extended Offset Table"), e.toString());
                continue;
            }
            try (SegmentationReader r = SegmentationReader.open(p);
                 SegmentationReader ref = SegmentationReader.open(Shared.corpus("dcmqi/segmentations/liver.dcm"))) {
                for (int f = 1; f <= 3; f++) assertArrayEquals(ref.readFrame(f), r.readFrame(f), "frame " + f);
            }
        }
    }

    private static int le32(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 | (b[o + 2] & 0xFF) << 16 | (b[o + 3] & 0xFF) << 24;
    }

    private static void writeLe32(java.io.ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    private static void item(java.io.ByteArrayOutputStream out, byte[] value) {
        writeLe32(out, 0xE000FFFE);
        writeLe32(out, value.length);
        out.write(value, 0, value.length);
    }

    @Test
    void oneBitFramesInBigEndianAndUnalignedFrames() throws Exception {
        Path src = Shared.corpus("highdicom/seg_image_sm_numbers.dcm");
        Path be = SyntheticSegs.reencode(src, tmp.resolve("numbers-be.dcm"), SyntheticSegs.EXPLICIT_BE);
        try (SegmentationReader s = SegmentationReader.open(src); SegmentationReader r = SegmentationReader.open(be)) {
            assertEquals(SegTransferSyntax.EXPLICIT_VR_BIG_ENDIAN, r.metadata().transferSyntax());
            assertEquals(s.segmentPixelCounts(), r.segmentPixelCounts());
            for (int f = 1; f <= r.numberOfFrames(); f++) assertArrayEquals(s.readFrame(f), r.readFrame(f), "frame " + f);
        }
    }
}
