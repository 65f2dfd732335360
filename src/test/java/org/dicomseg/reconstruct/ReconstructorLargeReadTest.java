package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.SyntheticSegs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads a 909-frame 512 x 512 BINARY SEG (frames stored in reverse spatial order, every third one
 * empty) into per-segment planes, single- and multi-threaded: the result must be exact. Speed is
 * measured by the benchmark (docs/benchmarks.md), never asserted here.
 */
class ReconstructorLargeReadTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    @Test
    void nineHundredNineFramesToPlanes() throws Exception {
        Path big = tmp.resolve("big.dcm");
        long ones = SyntheticSegs.bigBinary(Shared.corpus("dcmqi/segmentations/liver.dcm"), big, 909);
        SegmentationVolume v;
        try (SegmentationReader r = SegmentationReader.open(big)) {
            v = Reconstructor.volume(r, ReconstructionOptions.defaults());
        }
        assertEquals(909, v.planes());
        assertEquals(ones, v.countNonZero(0));
        // Frames were written in reverse: plane 0 is the lowest z, a disk of radius 20 (frame z=0).
        byte[] p0 = v.bytePlane(0, 0);
        assertEquals(1, p0[256 * 512 + 256 + 20]);
        assertEquals(0, p0[256 * 512 + 256 + 21]);
        assertTrue(v.isEmpty(0, 2), "z = 2 is one of the empty frames");

        // Parallel and single-threaded decoding give the same planes.
        try (SegmentationReader r = SegmentationReader.open(big)) {
            SegmentationVolume one = Reconstructor.volume(r, ReconstructionOptions.defaults().threads(1));
            SegmentationVolume four = Reconstructor.volume(r, ReconstructionOptions.defaults().threads(4));
            assertEquals(909, one.framesRead());
            assertEquals(909, four.framesRead());
            for (int z = 0; z < 909; z++) {
                assertEquals(one.isEmpty(0, z), four.isEmpty(0, z), "plane " + z);
                assertEquals(z % 3 == 2, one.isEmpty(0, z), "plane " + z);
                org.junit.jupiter.api.Assertions.assertArrayEquals(one.bytePlane(0, z), four.bytePlane(0, z), "plane " + z);
            }
        }
    }
}
