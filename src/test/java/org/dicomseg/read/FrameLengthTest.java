package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;

import org.dicomseg.pixels.CorruptPixelDataException;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every frame decoder refuses a frame that decodes to more, or fewer, bytes than Rows x Columns x
 * Bits Allocated hold (PS3.5 8.2, G.3.1, A.4.11), naming the frame, while the other frames read:
 * cutting an over-long frame to size would read a frame the encoder never wrote (an all-0xFF RLE
 * frame came back as foreground everywhere). The fixtures are real corpus files whose first frame
 * is replaced, in place and at its stored length, by a hand-made stream that decodes to a few
 * bytes more or less. (JPEG 2000 code streams of another size: {@code SegmentationReaderHostileInputTest}.)
 */
class FrameLengthTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    /** The corpus file with the first fragment's bytes replaced by {@code frame} padded to its stored length. */
    private Path withFirstFrame(String corpusFile, byte[] frame, byte pad) throws Exception {
        byte[] all = Files.readAllBytes(Shared.corpus(corpusFile));
        int first = SegmentationReaderBadInputTest.firstFragment(all);
        int length = (all[first - 4] & 0xFF) | (all[first - 3] & 0xFF) << 8 | (all[first - 2] & 0xFF) << 16 | (all[first - 1] & 0xFF) << 24;
        assertTrue(frame.length <= length, "the hand-made frame fits the fragment (" + frame.length + " of " + length + ")");
        Arrays.fill(all, first, first + length, pad);
        System.arraycopy(frame, 0, all, first, frame.length);
        return Files.write(tmp.resolve(corpusFile.replace('/', '-')), all);
    }

    /** One-segment RLE frame of {@code bytes} bytes of 0xFF in replicate runs of up to 128 (PS3.5 G.3.1). */
    static byte[] rleOfOnes(int bytes) {
        int runs = (bytes + 127) / 128;
        byte[] f = new byte[64 + 2 * runs];
        f[0] = 1;
        f[4] = 64;
        int pos = 64;
        for (int left = bytes; left > 0; left -= 128) {
            f[pos++] = (byte) (1 - Math.min(left, 128));
            f[pos++] = (byte) 0xFF;
        }
        return f;
    }

    private static void assertFrameRefused(Path p, String... parts) throws Exception {
        try (SegmentationReader r = SegmentationReader.open(p)) {
            SegReadException e = assertThrows(SegReadException.class, () -> r.readFrame(1));
            assertEquals(1, e.frameNumber());
            assertInstanceOf(CorruptPixelDataException.class, e.getCause());
            assertTrue(e.getMessage().startsWith(p.getFileName() + ", frame 1: "), e.getMessage());
            for (String part : parts) assertTrue(e.getMessage().contains(part), "'" + part + "' not in: " + e.getMessage());
            r.readFrame(2); // the other frames still read
            // and the reconstruction path meets the same refusal
            assertThrows(SegReadException.class, () -> ReaderFuzzer.exercise(p));
        }
    }

    @Test
    void rleFrameThatDecodesToMoreBytesThanTheFrameHoldsIsRefused() throws Exception {
        int n = 512 * 512 / 8; // liver_rle: 512 x 512, 1 bit
        // One replicate run of 0xFF beyond the frame: was read as a frame of foreground everywhere.
        assertFrameRefused(withFirstFrame("pydicom-data/liver_rle.dcm", rleOfOnes(n + 1), (byte) -128),
                "RLE segment 1 decodes to more bytes", "than the frame holds (32768)");
        // The exact length, followed by whole runs: refused too.
        byte[] exact = rleOfOnes(n);
        byte[] more = Arrays.copyOf(exact, exact.length + 2);
        more[exact.length] = (byte) -3;
        more[exact.length + 1] = 1;
        assertFrameRefused(withFirstFrame("pydicom-data/liver_rle.dcm", more, (byte) -128), "decodes to more bytes");
        // Fewer: refused as before.
        assertFrameRefused(withFirstFrame("pydicom-data/liver_rle.dcm", rleOfOnes(n - 1), (byte) -128),
                "RLE segment decodes to 32767 bytes, expected 32768");
        // The exact length, no-op headers and a padding byte after it: read, every pixel foreground.
        Path ok = withFirstFrame("pydicom-data/liver_rle.dcm", rleOfOnes(n), (byte) -128);
        try (SegmentationReader r = SegmentationReader.open(ok)) {
            byte[] ones = new byte[512 * 512];
            Arrays.fill(ones, (byte) 1);
            assertArrayEquals(ones, r.readFrame(1));
        }
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(9, true);
        d.setInput(data);
        d.finish();
        byte[] out = new byte[data.length + 1024];
        int n = d.deflate(out);
        assertTrue(d.finished());
        return Arrays.copyOf(out, n);
    }

    @Test
    void deflatedFrameThatInflatesToMoreOrFewerBytesIsRefused() throws Exception {
        int n = 512 * 512 / 8; // liver_deflate: 512 x 512, 1 bit
        byte[] ones = new byte[n + 100];
        Arrays.fill(ones, (byte) 0xFF);
        assertFrameRefused(withFirstFrame("pydicom-data/liver_deflate.dcm", deflate(ones), (byte) 0),
                "deflated frame inflates to more bytes than the frame holds (32768)");
        assertFrameRefused(withFirstFrame("pydicom-data/liver_deflate.dcm", deflate(Arrays.copyOf(ones, n - 7)), (byte) 0),
                "deflated frame inflates to 32761 bytes, expected 32768");
        byte[] cut = deflate(Arrays.copyOf(new byte[n], n));
        byte[] whole = deflate(ones);
        // a stream cut short: names the truncation
        assertFrameRefused(withFirstFrame("pydicom-data/liver_deflate.dcm", Arrays.copyOf(whole, 6), (byte) 0), "frame 1");
        Path ok = withFirstFrame("pydicom-data/liver_deflate.dcm", cut, (byte) 0);
        try (SegmentationReader r = SegmentationReader.open(ok)) {
            assertArrayEquals(new byte[512 * 512], r.readFrame(1));
        }
    }
}
