package org.dicomseg.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measured floors of the benchmarks take time and leave nothing behind. */
class FloorsTest {
    @TempDir
    Path dir;

    @Test
    void fileWriteFloorWritesAndRemovesItsFile() throws Exception {
        double s = Floors.fileWrite(dir, 1 << 20, 1, 3);
        assertTrue(s > 0 && s < 10, "seconds " + s);
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent(), "the floor's file is left in " + dir);
        }
    }

    @Test
    void allocationFloorAllocatesOnEveryCore() {
        double s = Floors.planes(9, 1 << 16, 1, 3);
        assertTrue(s > 0 && s < 10, "seconds " + s);
    }
}
