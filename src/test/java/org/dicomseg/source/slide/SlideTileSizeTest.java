package org.dicomseg.source.slide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slide tiles follow the rule of SEG frames: a JPEG tile that decodes to another size than Rows x
 * Columns is refused, never cut to size (a 128 x 128 tile read under a header of 64 x 64 was its
 * top-left quarter). Fixture: a 512 x 512 JPEG slide of 128-pixel tiles from the samples' writer,
 * its Rows and Columns patched to 64.
 */
class SlideTileSizeTest {
    @TempDir
    Path dir;

    private static int us(byte[] b, int element) {
        byte[] tag = {0x28, 0, (byte) element, 0, 'U', 'S', 2, 0};
        outer:
        for (int i = 132; i + tag.length <= b.length; i++) {
            for (int j = 0; j < tag.length; j++) if (b[i + j] != tag[j]) continue outer;
            return i + 8;
        }
        return -1;
    }

    @Test
    void aTileOfAnotherSizeIsRefused() throws Exception {
        Path slide = dir.resolve("slide.dcm");
        new SlideWriter(SampleStudy.deterministic(5), 512, 512, 128).jpeg(true).write(slide);
        SlideLevel good = SlideLevel.read(slide);
        assertEquals(128 * 128 * good.samplesPerPixel(), SlideRegionReader.read(good, 0, 0, 128, 128).pixels().length);
        byte[] b = Files.readAllBytes(slide);
        for (int element : new int[] {0x10, 0x11}) {
            int at = us(b, element);
            assertTrue(at > 0);
            b[at] = 64;
            b[at + 1] = 0;
        }
        Path lying = Files.write(dir.resolve("lying.dcm"), b);
        SlideLevel level = SlideLevel.read(lying);
        IOException e = assertThrows(IOException.class, () -> SlideRegionReader.read(level, 0, 0, 64, 64));
        assertTrue(e.getMessage().contains("A tile decodes to 128x128, the header says 64x64"), e.getMessage());
    }
}
