package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Shared;
import org.dicomseg.task.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work of a downsampled view follows the tiles a file holds, not the Total Pixel Matrix its
 * header claims: a few-KB SEG claiming 10^6 x 10^6 pixels is read chunk by chunk only where its
 * tiles are (was: every one of ~240,000 empty chunks scanned, ~60 s for {@code import}). Counted,
 * not timed: the chunks reported to the progress.
 */
class ClaimedSizeTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    /** highdicom's 50 x 50 slide SEG (implicit VR LE) with its Total Pixel Matrix claiming {@code side} x {@code side}. */
    private Path claiming(int side) throws Exception {
        byte[] b = Files.readAllBytes(Shared.corpus("highdicom/seg_image_sm_numbers.dcm"));
        for (int element : new int[] {0x06, 0x07}) {
            int at = indexOf(b, new byte[] {0x48, 0, (byte) element, 0, 4, 0, 0, 0}, 132);
            assertTrue(at > 0);
            b[at + 8] = (byte) side;
            b[at + 9] = (byte) (side >> 8);
            b[at + 10] = (byte) (side >> 16);
            b[at + 11] = (byte) (side >> 24);
        }
        return Files.write(tmp.resolve("claims-" + side + ".dcm"), b);
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void aHugeClaimedMatrixCostsWhatItsTilesCost() throws Exception {
        for (int side : new int[] {1_000_000, Integer.MAX_VALUE}) {
            Path p = claiming(side);
            assertTrue(Files.size(p) < 32_000);
            try (SegmentationReader r = SegmentationReader.open(p)) {
                int factor = DownsampledView.fittingFactor(side, side, 2048, 2048L * 2048);
                long[] total = {0};
                ReconstructionOptions o = ReconstructionOptions.defaults().progress(new Progress() {
                    @Override public void progress(long done, long t) { total[0] = Math.max(total[0], t); }

                    @Override public boolean canceled() { return false; }
                });
                SegmentationVolume v = DownsampledView.totalPixelMatrix(r, factor, o);
                assertTrue(v.width() <= 2048 && v.height() <= 2048, v.width() + "x" + v.height());
                assertEquals(1000, total[0], "one chunk (the tiles' corner), not ~" + ((long) side / 2048) * (side / 2048));
                // the tiles are there: the top-left output pixel summarises foreground
                int fg = 0;
                for (int c = 0; c < v.channels(); c++) if (!v.isEmpty(c, 0)) fg++;
                assertTrue(fg > 0);
            }
        }
    }
}
