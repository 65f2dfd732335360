package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;

import com.pixelmed.dicom.TagFromName;

import org.dicomseg.testing.Shared;
import org.dicomseg.testing.SyntheticSegs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.pixels.CorruptPixelDataException;

/**
 * Files the reader must refuse: each gives a {@link SegReadException} whose message names the file
 * and the problem, and never an OutOfMemoryError or another exception type.
 */
public class SegmentationReaderBadInputTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    private static SegReadException refused(Path p) {
        SegReadException e = assertThrows(SegReadException.class, () -> SegmentationReader.open(p).close());
        assertTrue(e.getMessage().startsWith(p.getFileName().toString() + ": "), e.getMessage());
        return e;
    }

    private static void assertMessage(SegReadException e, String... parts) {
        for (String part : parts) assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
    }

    @Test
    void missingEmptyAndNonDicomFiles() throws Exception {
        assertMessage(refused(tmp.resolve("absent.dcm")), "file not found");
        Path empty = Files.createFile(tmp.resolve("empty.dcm"));
        assertMessage(refused(empty), "the file is empty");
        Path text = Files.writeString(tmp.resolve("notes.dcm"), "This is not DICOM.\n".repeat(40));
        assertMessage(refused(text), "not a DICOM file");
        byte[] noise = new byte[5000];
        new Random(1).nextBytes(noise);
        assertMessage(refused(Files.write(tmp.resolve("noise.dcm"), noise)), "not a DICOM file");
        byte[] fake = Arrays.copyOf(noise, 5000);
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, fake, 128, 4);
        refused(Files.write(tmp.resolve("fake.dcm"), fake));
        assertMessage(refused(Files.write(tmp.resolve("tiny.dcm"), new byte[] {1, 2, 3})), "not a DICOM file");
    }

    @Test
    void dicomThatIsNotASegmentation() {
        assertMessage(refused(Shared.corpus("pydicom/CT_small.dcm")), "not a DICOM Segmentation",
                "1.2.840.10008.5.1.4.1.1.2", "CT Image Storage");
        assertMessage(refused(Shared.corpus("highdicom/sm_image_jpegls.dcm")), "not a DICOM Segmentation",
                "VL Whole Slide Microscopy Image Storage");
    }

    @Test
    void truncatedFilesAreRefusedAtEveryCut() throws Exception {
        for (String name : new String[] {"highdicom/seg_image_ct_binary.dcm", "pydicom-data/liver_rle.dcm",
            "dcmqi/segmentations/liver.dcm", "pydicom-data/liver_deflate.dcm"}) {
            byte[] all = Files.readAllBytes(Shared.corpus(name));
            TreeSet<Integer> cuts = new TreeSet<>(Arrays.asList(1, 64, 128, 131, 132, 136, 150, 300, 700,
                    all.length / 4, all.length / 2, all.length - 100, all.length - 9, all.length - 2, all.length - 1));
            for (int c = 0; c < all.length; c += Math.max(1, all.length / 40)) cuts.add(c);
            cuts.add(0);
            for (int cut : cuts) {
                Path p = Files.write(tmp.resolve("cut-" + cut + ".dcm"), Arrays.copyOf(all, cut));
                try (SegmentationReader r = SegmentationReader.open(p)) {
                    fail(name + " cut at " + cut + " of " + all.length + " bytes was opened: " + r);
                } catch (SegReadException e) {
                    assertTrue(e.getMessage().length() > 20, e.getMessage());
                    if (cut > all.length - 9) assertMessage(e, "truncated");
                }
                Files.delete(p);
            }
        }
    }

    @Test
    void headersClaimingMoreThanThePixelDataHoldsAreRefusedBeforeAllocating() throws Exception {
        Path frames = SyntheticSegs.withInteger(Shared.corpus("highdicom/seg_image_sm_dots_tiled_full.dcm"),
                tmp.resolve("huge-frames.dcm"), TagFromName.NumberOfFrames, Integer.MAX_VALUE);
        assertMessage(refused(frames), "Pixel Data (7FE0,0010) holds 15626 bytes", "Number of Frames (2147483647)");

        Path rows = SyntheticSegs.withInteger(Shared.corpus("dcmqi/segmentations/liver.dcm"), tmp.resolve("huge-rows.dcm"),
                TagFromName.Rows, 40000);
        Path both = SyntheticSegs.withInteger(rows, tmp.resolve("huge-both.dcm"), TagFromName.Columns, 40000);
        assertMessage(refused(both), "Pixel Data (7FE0,0010) holds 98304 bytes", "Rows (40000) x Columns (40000)");
        Path max = SyntheticSegs.withInteger(SyntheticSegs.withInteger(rows, tmp.resolve("r.dcm"), TagFromName.Rows, 65535),
                tmp.resolve("max.dcm"), TagFromName.Columns, 65535);
        assertMessage(refused(max), "Rows x Columns (65535 x 65535) is too large for one frame");

        Path perFrame = SyntheticSegs.withInteger(Shared.corpus("highdicom/seg_image_ct_binary.dcm"), tmp.resolve("pf.dcm"),
                TagFromName.NumberOfFrames, 1_000_000_000L);
        assertMessage(refused(perFrame), "Per-frame Functional Groups Sequence (5200,9230) has 3 items",
                "Number of Frames (0028,0008) is 1000000000");

        Path zero = SyntheticSegs.withInteger(Shared.corpus("highdicom/seg_image_ct_binary.dcm"), tmp.resolve("zero.dcm"),
                TagFromName.NumberOfFrames, 0);
        assertMessage(refused(zero), "Number of Frames (0028,0008) is 0");

        Path bits = SyntheticSegs.withInteger(Shared.corpus("highdicom/seg_image_ct_binary.dcm"), tmp.resolve("bits.dcm"),
                TagFromName.BitsAllocated, 8);
        assertMessage(refused(bits), "Bits Allocated (0028,0100) is 8 but a BINARY segmentation has 1");
    }

    @Test
    void segmentReferencesMustExist() throws Exception {
        Path wrong = SyntheticSegs.withFrameSegment(Shared.corpus("highdicom/seg_image_ct_binary_overlap.dcm"),
                tmp.resolve("seg9.dcm"), 2, 9);
        assertMessage(refused(wrong), "frame 2 refers to segment 9, which is not in the Segment Sequence (0062,0002); segments are [1, 2]");
        Path none = SyntheticSegs.withoutSegmentSequence(Shared.corpus("highdicom/seg_image_ct_binary.dcm"), tmp.resolve("noseq.dcm"));
        assertMessage(refused(none), "Segment Sequence (0062,0002) is missing or empty");
    }

    @Test
    void unsupportedTransferSyntaxIsNamed() throws Exception {
        byte[] all = Files.readAllBytes(Shared.corpus("pydicom-data/liver_j2k.dcm"));
        byte[] uid = "1.2.840.10008.1.2.4.90".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(all, uid, 0);
        assertTrue(at > 128 && at < 400, "transfer syntax in the meta header at " + at);
        all[at + uid.length - 2] = '5'; // 1.2.840.10008.1.2.4.50, JPEG Baseline
        Path p = Files.write(tmp.resolve("jpeg.dcm"), all);
        assertMessage(refused(p), "JPEG Baseline (Process 1) (1.2.840.10008.1.2.4.50) is not supported", "RLE Lossless",
                "JPEG-LS Lossless");
        // JPEG-LS is read now: JPEG 2000 code streams labelled JPEG-LS are refused by the JPEG-LS decoder
        all[at + uid.length - 2] = '8'; // 1.2.840.10008.1.2.4.80
        Path ls = Files.write(tmp.resolve("jpegls.dcm"), all);
        SegReadException e = assertThrows(SegReadException.class, () -> {
            try (SegmentationReader r = SegmentationReader.open(ls)) {
                r.readFrame(1);
            }
        });
        assertTrue(e.getMessage().contains("not a JPEG-LS code stream: it does not start with SOI"), e.getMessage());
    }

    @Test
    void corruptFramesNameFileAndFrameAndLeaveOtherFramesReadable() throws Exception {
        for (String name : new String[] {"pydicom-data/liver_rle.dcm", "pydicom-data/liver_deflate.dcm"}) {
            byte[] all = Files.readAllBytes(Shared.corpus(name));
            int first = firstFragment(all);
            if (name.contains("rle")) {
                all[first] = 9; // RLE header: 9 segments for a 1-segment frame
            } else {
                for (int i = 0; i < 16; i++) all[first + i] = (byte) 0xFF; // not a deflate stream
            }
            Path p = Files.write(tmp.resolve("corrupt-" + Path.of(name).getFileName()), all);
            try (SegmentationReader r = SegmentationReader.open(p);
                 SegmentationReader ok = SegmentationReader.open(Shared.corpus(name))) {
                SegReadException e = assertThrows(SegReadException.class, () -> r.readFrame(1));
                assertEquals(1, e.frameNumber());
                assertInstanceOf(CorruptPixelDataException.class, e.getCause());
                assertMessage(e, p.getFileName().toString(), "frame 1", "corrupt pixel data");
                assertArrayEquals(ok.readFrame(2), r.readFrame(2));
                assertThrows(SegReadException.class, r::segmentPixelCounts);
            }
        }
    }

    @Test
    void frameNumbersOutsideTheFileAreProgrammingErrors() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("highdicom/seg_image_ct_binary.dcm"))) {
            assertThrows(IllegalArgumentException.class, () -> r.readFrame(0));
            assertThrows(IllegalArgumentException.class, () -> r.readFrame(4));
        }
    }

    /** Value offset of the first fragment after the Basic Offset Table of encapsulated Pixel Data. */
    static int firstFragment(byte[] all) {
        int pd = indexOf(all, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B'}, 0);
        assertTrue(pd > 0, "Pixel Data tag");
        int bot = pd + 12;
        int botLength = (all[bot + 4] & 0xFF) | (all[bot + 5] & 0xFF) << 8 | (all[bot + 6] & 0xFF) << 16 | (all[bot + 7] & 0xFF) << 24;
        return bot + 8 + botLength + 8;
    }

    public static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
