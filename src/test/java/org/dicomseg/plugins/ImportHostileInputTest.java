package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import DICOM SEG on damaged files (headless, so the one message is one Log line): a truncated
 * SEG, a corrupt RLE frame found while reconstructing, and a header claiming huge frames, each give
 * exactly one "Import DICOM SEG: ERROR: <file>: ..." line, no stack trace, and no image.
 */
class ImportHostileInputTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    private String importLog(Path seg) throws Exception {
        int before = ij.WindowManager.getImageCount();
        String log = ImportCommandHeadlessTest.runAsMacro("seg=[" + seg + "] output=[label image]", () -> new ImportSegCommand().run(""));
        assertEquals(before, ij.WindowManager.getImageCount(), "no image opened");
        assertEquals(1, log.trim().lines().count(), log);
        assertTrue(log.trim().startsWith("Import DICOM SEG: ERROR: " + seg.getFileName()), log);
        assertFalse(log.contains("\tat ") || log.contains("Exception"), log);
        return log;
    }

    @Test
    void damagedFilesAreOneLogLine() throws Exception {
        byte[] rle = Files.readAllBytes(Shared.corpus("pydicom-data/liver_rle.dcm"));
        assertTrue(importLog(Files.write(dir.resolve("cut.dcm"), Arrays.copyOf(rle, rle.length - 500))).contains("truncated"));

        byte[] corrupt = rle.clone();
        int pd = indexOf(corrupt, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B'});
        int bot = pd + 12;
        int botLength = (corrupt[bot + 4] & 0xFF) | (corrupt[bot + 5] & 0xFF) << 8;
        corrupt[bot + 8 + botLength + 8] = 9; // RLE header of frame 1: 9 segments
        String log = importLog(Files.write(dir.resolve("corrupt.dcm"), corrupt));
        assertTrue(log.contains("corrupt.dcm, frame 1: corrupt pixel data: RLE header has 9 segments, expected 1"), log);

        byte[] lying = rle.clone();
        int rows = indexOf(lying, new byte[] {0x28, 0, 0x10, 0, 'U', 'S', 2, 0}) + 8;
        lying[rows] = (byte) 0x40; // 40000
        lying[rows + 1] = (byte) 0x9C;
        assertTrue(importLog(Files.write(dir.resolve("lying.dcm"), lying)).contains("Rows (0028,0010) 40000"));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 132; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}
