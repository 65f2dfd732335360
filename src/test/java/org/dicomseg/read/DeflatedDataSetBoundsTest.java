package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.dicomseg.testing.Shared;
import org.dicomseg.testing.SyntheticSegs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deflated Explicit VR Little Endian (PS3.5 A.5) is inflated streamed and bounded by what the
 * header allows (native Pixel Data of Rows x Columns x Number of Frames x Bits Allocated plus room
 * for the header): a deflate bomb (a 200 KB file inflating to 200 MB) is refused at the bound, and a
 * deflate stream cut short is named as truncated, not as a missing attribute. Fixture: dcmqi's
 * liver SEG re-encoded deflated, its data set extended and re-deflated in code.
 */
class DeflatedDataSetBoundsTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    private static int metaEnd(byte[] b) {
        return 144 + ByteBuffer.wrap(b, 140, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void aDeflateBombIsRefusedAtTheBoundTheHeaderAllows() throws Exception {
        Path deflated = SyntheticSegs.reencode(Shared.corpus("dcmqi/segmentations/liver.dcm"), tmp.resolve("liver-deflated.dcm"),
                SyntheticSegs.DEFLATED);
        byte[] file = Files.readAllBytes(deflated);
        int meta = metaEnd(file);
        byte[] dataSet;
        try (InflaterInputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(file, meta, file.length - meta),
                new Inflater(true))) {
            dataSet = in.readAllBytes();
        }
        // the data set, then a trailing padding element (FFFC,FFFC) OB of 200 MB of zeros, deflated again
        int padding = 200 << 20;
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        bomb.write(file, 0, meta);
        try (DeflaterOutputStream d = new DeflaterOutputStream(bomb, new Deflater(9, true), 1 << 16)) {
            d.write(dataSet);
            d.write(new byte[] {(byte) 0xFC, (byte) 0xFF, (byte) 0xFC, (byte) 0xFF, 'O', 'B', 0, 0});
            d.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(padding).array());
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) d.write(zeros);
        }
        Path bombFile = Files.write(tmp.resolve("bomb.dcm"), bomb.toByteArray());
        assertTrue(Files.size(bombFile) < 1 << 20, "a small file: " + Files.size(bombFile));
        SegReadException e = assertThrows(SegReadException.class, () -> SegmentationReader.open(bombFile));
        assertTrue(e.getMessage().startsWith("bomb.dcm: the deflated data set inflates to more than the "), e.getMessage());
        assertTrue(e.getMessage().contains("bytes its header allows"), e.getMessage());
        // the bound: 512 x 512 x 3 bits + 16 MB + 64 KB a frame
        assertEquals(512L * 512 * 3 / 8 + (16L << 20) + 3 * 65536, Long.parseLong(e.getMessage().replaceAll(".*more than the (\\d+) bytes.*", "$1")));

        // the same file without the bomb reads
        try (SegmentationReader r = SegmentationReader.open(deflated)) {
            assertEquals(3, r.numberOfFrames());
        }
        // cut anywhere in the deflate stream (header or Pixel Data): named as truncated, never as an attribute missing
        for (int at = meta + 8; at < file.length; at += Math.max(1, (file.length - meta) / 40)) {
            Path cut = Files.write(tmp.resolve("cut.dcm"), Arrays.copyOf(file, at));
            SegReadException t = assertThrows(SegReadException.class, () -> ReaderFuzzer.exercise(cut), "cut at " + at);
            assertTrue(t.getMessage().contains("truncated"), "cut at " + at + ": " + t.getMessage());
            assertFalse(t.getMessage().contains("missing"), "cut at " + at + ": " + t.getMessage());
        }
    }

    /**
     * The deflated data set is inflated once into a temporary Explicit VR Little Endian copy and read like a
     * native file: per-frame groups parsed directly, frames identical to the native original, also when the
     * header needs several inflation steps; the temporary copy goes when the reader closes.
     */
    @Test
    void aDeflatedDataSetReadsLikeItsNativeOriginal() throws Exception {
        Path nativeFile = Shared.corpus("dcmqi/segmentations/liver.dcm");
        Path deflated = SyntheticSegs.reencode(nativeFile, tmp.resolve("liver-deflated.dcm"), SyntheticSegs.DEFLATED);
        for (long firstStep : new long[] {InflatedDataSet.FIRST_STEP, 1024}) {
            long before = SegmentationFile.firstInflationStep;
            SegmentationFile.firstInflationStep = firstStep;
            Path temp;
            try (SegmentationFile f = SegmentationFile.open(deflated, true);
                 SegmentationReader d = SegmentationReader.open(deflated);
                 SegmentationReader n = SegmentationReader.open(nativeFile)) {
                assertTrue(f.perFrameParsedDirectly(), "per-frame groups read from the inflated copy directly");
                assertEquals(SyntheticSegs.DEFLATED, d.metadata().transferSyntaxUid(), "the file's own syntax is reported");
                assertEquals(n.numberOfFrames(), d.numberOfFrames());
                for (int i = 1; i <= n.numberOfFrames(); i++) assertArrayEquals(n.readFrame(i), d.readFrame(i), "frame " + i);
                assertEquals(n.segmentPixelCounts(), d.segmentPixelCounts());
                temp = f.tempFile();
                assertTrue(Files.isRegularFile(temp));
            } finally {
                SegmentationFile.firstInflationStep = before;
            }
            assertFalse(Files.exists(temp), "the inflated copy is deleted on close");
        }
    }
}
