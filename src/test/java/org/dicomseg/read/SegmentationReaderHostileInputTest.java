package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.pixelmed.dicom.TagFromName;

import org.dicomseg.testing.Shared;
import org.dicomseg.testing.SyntheticSegs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.pixels.CorruptPixelDataException;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;

/**
 * Hostile inputs beyond {@link SegmentationReaderBadInputTest}: headers that lie about encapsulated
 * (RLE, JPEG 2000, deflated) frames, negative and absurd numbers, segment counts and references
 * that disagree with the Segment Sequence, truncation at every byte of a small SEG, and corrupted
 * JPEG 2000 frames, including the one the fuzzer found ({@link ReaderFuzzer}). Each is refused with
 * a {@link SegReadException} whose message names the attribute, before anything is allocated by
 * the lying numbers (the tests run with the surefire heap; each file here is a few KB).
 */
class SegmentationReaderHostileInputTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    private static SegReadException refused(Path p) {
        SegReadException e = assertThrows(SegReadException.class, () -> ReaderFuzzer.exercise(p));
        assertTrue(e.getMessage().startsWith(p.getFileName().toString()), e.getMessage());
        System.out.println("refused: " + e.getMessage()); // the messages quoted in docs/robustness.md
        return e;
    }

    private static void assertMessage(SegReadException e, String... parts) {
        for (String part : parts) assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
    }

    /** Offset of the value of the first top-level explicit-VR US element (group, element). */
    static int usValue(byte[] b, int group, int element) {
        return value(b, group, element, "US");
    }

    /** Offset of the value of the first element (group, element) of 2 bytes, explicit VR {@code vr} or implicit VR. */
    static int value(byte[] b, int group, int element, String vr) {
        byte[] explicit = {(byte) group, (byte) (group >> 8), (byte) element, (byte) (element >> 8), (byte) vr.charAt(0),
            (byte) vr.charAt(1), 2, 0};
        byte[] implicit = {(byte) group, (byte) (group >> 8), (byte) element, (byte) (element >> 8), 2, 0, 0, 0};
        int at = SegmentationReaderBadInputTest.indexOf(b, explicit, 132);
        if (at < 0) at = SegmentationReaderBadInputTest.indexOf(b, implicit, 132);
        assertTrue(at > 0, String.format("(%04X,%04X) not found", group, element));
        return at + 8;
    }

    private Path patched(String corpusFile, String name, int group, int element, int value) throws Exception {
        byte[] b = Files.readAllBytes(Shared.corpus(corpusFile));
        int v = usValue(b, group, element);
        b[v] = (byte) value;
        b[v + 1] = (byte) (value >> 8);
        return Files.write(tmp.resolve(name), b);
    }

    @Test
    void encapsulatedFramesSmallerThanRowsTimesColumnsClaimAreRefusedAtOpen() throws Exception {
        // 40000 x 40000 8-bit or 1-bit frames from a few hundred bytes of RLE: refused before any frame array exists.
        for (String f : new String[] {"pydicom-data/liver_rle.dcm", "pydicom-data/liver_deflate.dcm",
            "highdicom/seg_image_ct_binary_fractional.dcm"}) {
            Path rows = patched(f, "rows.dcm", 0x0028, 0x0010, 40000);
            byte[] b = Files.readAllBytes(rows);
            int c = usValue(b, 0x0028, 0x0011);
            b[c] = (byte) 40000;
            b[c + 1] = (byte) (40000 >> 8);
            Path both = Files.write(tmp.resolve("rle-40000.dcm"), b);
            if (f.contains("fractional")) {
                // native FRACTIONAL: the Pixel Data length check names the same attributes
                assertMessage(refused(both), "Rows (40000) x Columns (40000)");
                continue;
            }
            assertMessage(refused(both), "Rows (0028,0010) 40000 x Columns (0028,0011) 40000 x Bits Allocated (0028,0100) 1",
                    "need 200000000 bytes per frame", f.contains("rle") ? "bytes of RLE data, which decode to at most"
                            : "bytes of deflated data, which decode to at most");
        }
    }

    @Test
    void jpeg2000FrameOfAnotherSizeThanTheHeaderIsRefusedAtOpen() throws Exception {
        Path p = patched("pydicom-data/liver_j2k.dcm", "j2k-rows.dcm", 0x0028, 0x0010, 30000);
        assertMessage(refused(p), "Rows (0028,0010) x Columns (0028,0011) are 30000 x 512",
                "the JPEG 2000 code stream of frame 1 is 512 x 512");
    }

    @Test
    void rleLabelMapWithAbsurdRowsAndColumnsIsRefusedAtOpen() throws Exception {
        Path written = tmp.resolve("deflate-frames.dcm");
        SegTestData.Sources src = SegTestData.Sources.CT_23X38;
        SegWriter.write(written, SegTestData.mask(SegTestData.Input.LABEL_MAP, src.planes, src.rows, src.columns),
                SegTestData.descriptions(3), src.read(), null,
                SegWriteOptions.builder().segmentationType(org.dicomseg.model.SegmentationType.LABELMAP)
                        .transferSyntax(OutputTransferSyntax.RLE_LOSSLESS).build());
        byte[] b = Files.readAllBytes(written);
        int r = usValue(b, 0x0028, 0x0010);
        b[r] = (byte) 0xFF;
        b[r + 1] = (byte) 0xFF;
        int c = usValue(b, 0x0028, 0x0011);
        b[c] = (byte) 0xFF;
        b[c + 1] = (byte) 0x7F;
        Path lying = Files.write(tmp.resolve("labelmap-rle-lying.dcm"), b);
        assertMessage(refused(lying), "Rows (0028,0010) 65535 x Columns (0028,0011) 32767 x Bits Allocated (0028,0100) 8",
                "bytes of RLE data, which decode to at most");
    }

    @Test
    void negativeAndAbsurdNumbersNameTheAttribute() throws Exception {
        Path ct = Shared.corpus("highdicom/seg_image_ct_binary.dcm");
        byte[] b = Files.readAllBytes(ct);
        int at = value(b, 0x0028, 0x0008, "IS");
        assertEquals("3 ", new String(b, at, 2, StandardCharsets.US_ASCII), "Number of Frames in the file");
        b[at] = '-';
        b[at + 1] = '1';
        assertMessage(refused(Files.write(tmp.resolve("minus.dcm"), b)), "Number of Frames (0028,0008) is -1");
        b[at] = 'x';
        b[at + 1] = ' ';
        assertMessage(refused(Files.write(tmp.resolve("nan.dcm"), b)), "Number of Frames (0028,0008) 'x' is not a number");

        assertMessage(refused(patched("highdicom/seg_image_ct_binary.dcm", "rows0.dcm", 0x0028, 0x0010, 0)), "Rows (0028,0010) is 0");
        assertMessage(refused(patched("highdicom/seg_image_ct_binary.dcm", "cols0.dcm", 0x0028, 0x0011, 0)), "Columns (0028,0011) is 0");
        assertMessage(refused(patched("highdicom/seg_image_ct_binary.dcm", "spp.dcm", 0x0028, 0x0002, 3)),
                "Samples per Pixel (0028,0002) is 3");
        assertMessage(refused(patched("highdicom/seg_image_ct_binary_fractional.dcm", "bits16.dcm", 0x0028, 0x0100, 16)),
                "Bits Allocated (0028,0100) is 16 but a FRACTIONAL segmentation has 8");
        assertMessage(refused(patched("dcmqi/segmentations/sparse-labelmap-noppv.dcm", "bits12.dcm", 0x0028, 0x0100, 12)),
                "Bits Allocated (0028,0100) is 12 but a LABELMAP segmentation has 8 or 16");
        // Rows x Columns above what one frame may hold (2^31 bytes), for a 16-bit label map
        Path big = SyntheticSegs.withInteger(SyntheticSegs.withInteger(SyntheticSegs.labelMap16(
                Shared.corpus("dcmqi/segmentations/sparse-labelmap-noppv.dcm"), tmp.resolve("lm16.dcm"), SyntheticSegs.EXPLICIT_LE),
                tmp.resolve("lm16r.dcm"), TagFromName.Rows, 65535), tmp.resolve("lm16rc.dcm"), TagFromName.Columns, 65535);
        assertMessage(refused(big), "Rows x Columns (65535 x 65535) is too large for one frame");
    }

    @Test
    void segmentCountsThatDisagreeWithTheSegmentSequenceAreRefused() throws Exception {
        // TILED_FULL: frames = tiles x segments; a Number of Frames for another segment count is refused.
        Path tiled = SyntheticSegs.withInteger(Shared.corpus("highdicom/seg_image_sm_dots_tiled_full.dcm"), tmp.resolve("tiled.dcm"),
                TagFromName.NumberOfFrames, 2);
        assertMessage(refused(tiled), "TILED_FULL:", "segments = ", "but Number of Frames (0028,0008) is 2");
        // Two Segment Sequence items with the same Segment Number.
        byte[] b = Files.readAllBytes(Shared.corpus("highdicom/seg_image_ct_binary_overlap.dcm"));
        int at = value(b, 0x0062, 0x0004, "US");
        assertEquals(1, b[at]);
        at = value(Arrays.copyOfRange(b, 0, b.length), 0x0062, 0x0004, "US");
        int second = SegmentationReaderBadInputTest.indexOf(b, Arrays.copyOfRange(b, at - 8, at), at) + 8;
        assertTrue(second > at && b[second] == 2, "Segment Number 2");
        at = second - 8;
        b[at + 8] = 1;
        assertMessage(refused(Files.write(tmp.resolve("twice.dcm"), b)), "Segment Number 1 appears twice in the Segment Sequence (0062,0002)");
        // Segment Number 0 in a BINARY segmentation.
        b[at + 8] = 0;
        assertMessage(refused(Files.write(tmp.resolve("zero.dcm"), b)), "Segment Number 0 in a BINARY segmentation");
    }

    @Test
    void perFrameGroupsShorterOrLongerThanNumberOfFramesAreRefused() throws Exception {
        for (long frames : new long[] {2, 4}) {
            Path p = SyntheticSegs.withInteger(Shared.corpus("highdicom/seg_image_ct_binary.dcm"), tmp.resolve("pf" + frames + ".dcm"),
                    TagFromName.NumberOfFrames, frames);
            assertMessage(refused(p), "Per-frame Functional Groups Sequence (5200,9230) has 3 items",
                    "Number of Frames (0028,0008) is " + frames);
        }
    }

    @Test
    void fragmentsAndOffsetTablesThatPointNowhereAreRefused() throws Exception {
        byte[] all = Files.readAllBytes(Shared.corpus("pydicom-data/liver_rle.dcm"));
        int first = SegmentationReaderBadInputTest.firstFragment(all);
        // First fragment's item length beyond the end of the file.
        byte[] b = all.clone();
        b[first - 4] = (byte) 0xF0;
        b[first - 3] = (byte) 0xFF;
        b[first - 2] = (byte) 0xFF;
        b[first - 1] = (byte) 0x7F;
        assertMessage(refused(Files.write(tmp.resolve("fragment.dcm"), b)), "Pixel Data fragment 1", "runs past the end of the file");
        // Number of Frames above the fragments present (the value patched in place, same length).
        b = all.clone();
        int at = SegmentationReaderBadInputTest.indexOf(b, new byte[] {0x28, 0, 0x08, 0, 'I', 'S'}, 132);
        assertTrue(at > 0, "Number of Frames");
        int len = b[at + 6] & 0xFF;
        Arrays.fill(b, at + 8, at + 8 + len, (byte) '9');
        String nines = "9".repeat(len);
        assertMessage(refused(Files.write(tmp.resolve("more.dcm"), b)), "Number of Frames (0028,0008) is " + nines);
    }

    /**
     * A tile placed outside the Total Pixel Matrix: refused, naming the attribute (was read with a
     * warning; its pixels went nowhere, which no writer intends).
     */
    @Test
    void tilePositionOutsideTheTotalPixelMatrixIsRefused() throws Exception {
        byte[] b = Files.readAllBytes(Shared.corpus("highdicom/seg_image_sm_numbers.dcm")); // implicit VR LE
        int at = SegmentationReaderBadInputTest.indexOf(b, new byte[] {0x48, 0, 0x1E, 0x02, 4, 0, 0, 0}, 132);
        assertTrue(at > 0, "Row Position in Total Image Pixel Matrix");
        b[at + 8] = (byte) 0xA0; // 100000
        b[at + 9] = (byte) 0x86;
        b[at + 10] = 0x01;
        b[at + 11] = 0;
        Path p = Files.write(tmp.resolve("tile-outside.dcm"), b);
        assertMessage(refused(p), "1 frame(s), the first frame 1, have a Row/Column Position in Total Image Pixel Matrix"
                + " (0048,021E/021F) outside the Total Pixel Matrix (50 x 50): the tiled geometry is impossible");
    }

    /**
     * Total Pixel Matrix Rows/Columns (UL) of 0 or beyond 2^31-1: refused naming the attribute (0
     * was read as "not tiled" and imported tile by tile as separate planes; 2^32-1 crashed import).
     */
    @Test
    void impossibleTotalPixelMatrixIsRefusedNamingTheAttribute() throws Exception {
        byte[] all = Files.readAllBytes(Shared.corpus("highdicom/seg_image_sm_numbers.dcm")); // implicit VR LE
        int[][] cases = {{0x07, 0}, {0x06, 0}, {0x07, 0xFFFFFFFF}, {0x06, 0x80000000}};
        String[] expected = {"Total Pixel Matrix Rows (0048,0007) is 0", "Total Pixel Matrix Columns (0048,0006) is 0",
            "Total Pixel Matrix Rows (0048,0007) is 4294967295; expected 1..2147483647",
            "Total Pixel Matrix Columns (0048,0006) is 2147483648; expected 1..2147483647"};
        for (int i = 0; i < cases.length; i++) {
            byte[] b = all.clone();
            int at = SegmentationReaderBadInputTest.indexOf(b, new byte[] {0x48, 0, (byte) cases[i][0], 0, 4, 0, 0, 0}, 132);
            assertTrue(at > 0, "Total Pixel Matrix attribute");
            int v = cases[i][1];
            b[at + 8] = (byte) v;
            b[at + 9] = (byte) (v >> 8);
            b[at + 10] = (byte) (v >> 16);
            b[at + 11] = (byte) (v >> 24);
            assertMessage(refused(Files.write(tmp.resolve("tpm-" + i + ".dcm"), b)), expected[i]);
        }
        // One of the two removed (its tag renamed to a private one): refused, naming the missing one
        byte[] b = all.clone();
        int at = SegmentationReaderBadInputTest.indexOf(b, new byte[] {0x48, 0, 0x06, 0, 4, 0, 0, 0}, 132);
        b[at] = 0x49;
        assertMessage(refused(Files.write(tmp.resolve("tpm-half.dcm"), b)), "Total Pixel Matrix Columns (0048,0006) is missing");
    }

    @Test
    void corruptJpeg2000FramesAreRefusedPerFrame() throws Exception {
        byte[] all = Files.readAllBytes(Shared.corpus("pydicom-data/liver_j2k.dcm"));
        int first = SegmentationReaderBadInputTest.firstFragment(all);
        assertEquals(0xFF, all[first] & 0xFF);
        assertEquals(0x4F, all[first + 1] & 0xFF);
        byte[] noSoc = all.clone();
        noSoc[first + 1] = 0x00;
        byte[] longTile = all.clone(); // Psot of the first tile-part beyond the frame's data
        int sot = SegmentationReaderBadInputTest.indexOf(longTile, new byte[] {(byte) 0xFF, (byte) 0x90, 0, 10}, first);
        assertTrue(sot > first, "SOT of frame 1");
        longTile[sot + 6] = 0x10;
        byte[] wrongSize = all.clone(); // SIZ of frame 2 says 511 columns
        int siz2 = SegmentationReaderBadInputTest.indexOf(wrongSize, new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51}, first + 4);
        assertTrue(siz2 > first, "SIZ of frame 2");
        wrongSize[siz2 + 10] = 1; // Xsiz 0x200 -> 0x1FF
        wrongSize[siz2 + 11] = (byte) 0xFF;
        for (byte[] b : new byte[][] {noSoc, longTile}) {
            Path p = Files.write(tmp.resolve("j2k-corrupt.dcm"), b);
            try (SegmentationReader r = SegmentationReader.open(p)) {
                SegReadException e = assertThrows(SegReadException.class, () -> r.readFrame(1));
                assertEquals(1, e.frameNumber());
                assertInstanceOf(CorruptPixelDataException.class, e.getCause());
                assertMessage(e, "frame 1", "corrupt pixel data", "JPEG 2000 code stream");
                r.readFrame(2);
            }
        }
        try (SegmentationReader r = SegmentationReader.open(Files.write(tmp.resolve("j2k-size.dcm"), wrongSize))) {
            r.readFrame(1);
            SegReadException e = assertThrows(SegReadException.class, () -> r.readFrame(2));
            assertMessage(e, "frame 2", "JPEG 2000 code stream SIZ marker says 511 x 512 pixels, but Columns x Rows are 512 x 512");
        }
    }

    /**
     * Fuzzer finding 1 (hang): two 0xFF bytes in a JPEG 2000 packet header made jj2000's packet
     * header reader loop for ever (it reads the stuffed byte again and again). The minimized input is
     * the writer's JPEG 2000 label map with four bytes of the first tile's data set to FF FF FF 7F.
     */
    @Test
    void fuzzFinding1Jpeg2000PacketHeaderWithMarkerBytesIsRefusedNotDecodedForEver() throws Exception {
        Path written = tmp.resolve("j2k-labelmap.dcm");
        SegTestData.Sources src = SegTestData.Sources.CT_23X38;
        SegWriter.write(written, SegTestData.mask(SegTestData.Input.LABEL_MAP, src.planes, src.rows, src.columns),
                SegTestData.descriptions(3), src.read(), null,
                SegWriteOptions.builder().segmentationType(org.dicomseg.model.SegmentationType.LABELMAP)
                        .transferSyntax(OutputTransferSyntax.JPEG_2000_LOSSLESS).build());
        byte[] b = Files.readAllBytes(written);
        int first = SegmentationReaderBadInputTest.firstFragment(b);
        int sod = SegmentationReaderBadInputTest.indexOf(b, new byte[] {(byte) 0xFF, (byte) 0x93}, first);
        assertTrue(sod > first, "SOD marker of the first frame");
        b[sod + 10] = (byte) 0xFF;
        b[sod + 11] = (byte) 0xFF;
        b[sod + 12] = (byte) 0xFF;
        b[sod + 13] = (byte) 0x7F;
        Path p = Files.write(tmp.resolve("fuzz-finding-1.dcm"), b);
        ReaderFuzzer.Result r;
        try (ReaderFuzzer.Runner runner = new ReaderFuzzer.Runner()) {
            r = runner.run(p);
        }
        assertEquals(ReaderFuzzer.Verdict.REFUSED, r.verdict, r.toString());
        assertTrue(r.detail.contains("frame 1: corrupt pixel data: JPEG 2000 code stream tile data holds the marker code FFFF"), r.detail);
    }

    /**
     * Truncation at every byte position of a small SEG (highdicom's seg_image_ct_binary.dcm, 4380
     * bytes): a SegReadException, never anything else. The file has no trailing padding, so no cut
     * gives a readable file.
     */
    @Test
    void truncationAtEveryBytePositionIsRefused() throws Exception {
        byte[] all = Files.readAllBytes(Shared.corpus("highdicom/seg_image_ct_binary.dcm"));
        Path p = tmp.resolve("cut.dcm");
        int refusedCount = 0;
        for (int cut = 0; cut < all.length; cut++) {
            Files.write(p, Arrays.copyOf(all, cut));
            try {
                ReaderFuzzer.exercise(p);
                fail("cut at " + cut + " of " + all.length + " was read");
            } catch (SegReadException e) {
                assertTrue(e.getMessage().length() > 20, e.getMessage());
                refusedCount++;
            }
        }
        assertEquals(all.length, refusedCount);
        ReaderFuzzer.exercise(Files.write(p, all)); // the whole file reads
    }

    /** A cut inside trailing padding (FFFC,FFFC) after Pixel Data leaves a readable SEG. */
    @Test
    void truncationInsideTrailingPaddingStillReads() throws Exception {
        byte[] all = Files.readAllBytes(Shared.corpus("highdicom/seg_image_ct_binary.dcm"));
        byte[] padding = new byte[12 + 64];
        byte[] header = {(byte) 0xFC, (byte) 0xFF, (byte) 0xFC, (byte) 0xFF, 'O', 'B', 0, 0, 64, 0, 0, 0};
        System.arraycopy(header, 0, padding, 0, header.length);
        byte[] padded = Arrays.copyOf(all, all.length + padding.length);
        System.arraycopy(padding, 0, padded, all.length, padding.length);
        Path p = tmp.resolve("padded.dcm");
        for (int cut = all.length; cut <= padded.length; cut++) {
            Files.write(p, Arrays.copyOf(padded, cut));
            ReaderFuzzer.exercise(p);
        }
    }
}
