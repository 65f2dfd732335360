package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomseg.model.SegmentDescription;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files that omit required attributes open, with a warning naming what was missing, when
 * their pixels can still be read unambiguously: a segment without Segmented Property Category or
 * Type Code Sequence (as Siemens syngo.via writes them) gets the placeholder SCT 261665006
 * "Unknown"; a file without Number of Frames whose Per-frame Functional Groups and Pixel Data agree
 * on the count is read with that count. When they disagree (the corpus's liver_1frame: 3 per-frame
 * items, Pixel Data of 1 frame) the file is refused. Fixtures: corpus files with the elements
 * removed in code.
 */
class VendorOmissionsTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    /** {@code b} without the explicit-VR element starting at {@code at} (a 2-byte-length VR, or SQ with a 4-byte length). */
    static byte[] without(byte[] b, int at) {
        String vr = new String(b, at + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
        long len;
        int header;
        if (vr.equals("SQ") || vr.equals("OB") || vr.equals("UN")) {
            len = (b[at + 8] & 0xFFL) | (b[at + 9] & 0xFFL) << 8 | (b[at + 10] & 0xFFL) << 16 | (b[at + 11] & 0xFFL) << 24;
            header = 12;
        } else {
            len = (b[at + 6] & 0xFF) | (b[at + 7] & 0xFF) << 8;
            header = 8;
        }
        if (len == 0xFFFFFFFFL) {
            // undefined length: up to and including the Sequence Delimitation Item (FFFE,E0DD)
            int end = SegmentationReaderBadInputTest.indexOf(b, new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xDD, (byte) 0xE0, 0, 0, 0, 0}, at);
            len = end + 8 - at - header;
        }
        byte[] out = new byte[(int) (b.length - header - len)];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, (int) (at + header + len), out, at, out.length - at);
        return out;
    }

    @Test
    void segmentsWithoutPropertyCodesOpenWithPlaceholders() throws Exception {
        byte[] b = Files.readAllBytes(Shared.corpus("pydicom-data/liver_rle.dcm")); // explicit VR LE
        int cat = SegmentationReaderBadInputTest.indexOf(b, new byte[] {0x62, 0, 0x03, 0, 'S', 'Q'}, 132);
        assertTrue(cat > 0, "Segmented Property Category Code Sequence");
        b = without(b, cat);
        int type = SegmentationReaderBadInputTest.indexOf(b, new byte[] {0x62, 0, 0x0F, 0, 'S', 'Q'}, 132);
        assertTrue(type > 0, "Segmented Property Type Code Sequence");
        b = without(b, type);
        Path p = Files.write(tmp.resolve("no-codes.dcm"), b);
        try (SegmentationReader r = SegmentationReader.open(p); SegmentationReader o = SegmentationReader.open(
                Shared.corpus("pydicom-data/liver_rle.dcm"))) {
            SegmentDescription d = r.getSegmentDescription(1);
            assertEquals("261665006", d.category().value());
            assertEquals("Unknown", d.type().meaning());
            assertTrue(r.metadata().warnings().contains("Segment 1 has no Segmented Property Category Code Sequence (0062,0003);"
                    + " the placeholder (261665006, SCT, \"Unknown\") is used"), r.metadata().warnings().toString());
            assertTrue(r.metadata().warnings().stream().anyMatch(w -> w.startsWith("Segment 1 has no Segmented Property Type Code Sequence")));
            for (int f = 1; f <= r.numberOfFrames(); f++) assertArrayEquals(o.readFrame(f), r.readFrame(f));
        }
        ReaderFuzzer.exercise(p);
    }

    @Test
    void numberOfFramesMissingIsReadWhenGroupsAndPixelDataAgree() throws Exception {
        for (String f : new String[] {"dcmqi/segmentations/liver.dcm", "pydicom-data/liver_rle.dcm"}) {
            byte[] b = Files.readAllBytes(Shared.corpus(f));
            int at = SegmentationReaderBadInputTest.indexOf(b, new byte[] {0x28, 0, 0x08, 0, 'I', 'S'}, 132);
            assertTrue(at > 0);
            Path p = Files.write(tmp.resolve("no-frames.dcm"), without(b, at));
            try (SegmentationReader r = SegmentationReader.open(p); SegmentationReader o = SegmentationReader.open(Shared.corpus(f))) {
                assertEquals(3, r.numberOfFrames(), f);
                assertTrue(r.metadata().warnings().contains("Number of Frames (0028,0008) is missing; 3 frames taken from the"
                        + " Per-frame Functional Groups Sequence (5200,9230), whose item count the Pixel Data agrees with"),
                        r.metadata().warnings().toString());
                for (int k = 1; k <= 3; k++) assertArrayEquals(o.readFrame(k), r.readFrame(k));
            }
            ReaderFuzzer.exercise(p);
        }
    }

    @Test
    void liverOneFrameDisagreesAndIsRefused() {
        // pydicom's liver_1frame: no Number of Frames, 3 per-frame items, Pixel Data of one 512 x 512 1-bit frame
        SegReadException e = assertThrows(SegReadException.class, () -> SegmentationReader.open(Shared.corpus("pydicom/liver_1frame.dcm")));
        assertEquals("liver_1frame.dcm: Number of Frames (0028,0008) is missing; the Per-frame Functional Groups Sequence"
                + " (5200,9230) has 3 items but Pixel Data (7FE0,0010) holds 32768 bytes, not the 98304 of 3 frames: which frames"
                + " there are is ambiguous, so the file is refused", e.getMessage());
    }
}
