package org.dicomseg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.Test;

class W1WorkloadTest {

    @Test
    void buildsExactlyTheSpecifiedLabelMap() throws Exception {
        W1Workload w = W1Workload.load(Shared.root().resolve("bench/w1-ct-labelmap.json"));
        long[] counts = new long[w.segmentCount() + 1];
        int binaryFrames = 0;
        int nonEmptySlices = 0;
        byte[] plane = new byte[w.width() * w.height()];
        for (int z = 0; z < w.depth(); z++) {
            w.fillPlane(z, plane);
            boolean[] present = new boolean[w.segmentCount() + 1];
            for (byte b : plane) {
                counts[b & 0xFF]++;
                present[b & 0xFF] = true;
            }
            boolean any = false;
            for (int s = 1; s <= w.segmentCount(); s++) {
                if (present[s]) {
                    binaryFrames++;
                    any = true;
                }
            }
            if (any) nonEmptySlices++;
        }
        for (int s = 1; s <= w.segmentCount(); s++) {
            assertEquals(w.expectedVoxels(s), counts[s], "voxels of label " + s);
        }
        assertEquals(w.expectedBinaryFrames(), binaryFrames);
        assertEquals(w.expectedLabelmapFrames(), nonEmptySlices);
    }

    @Test
    void verifyAcceptsTheSpecAndScalingShrinks() throws Exception {
        W1Workload w = W1Workload.load(Shared.root().resolve("bench/w1-ct-labelmap.json"));
        byte[][] planes = w.planes();
        w.verify(planes);
        planes[150][0] = 1; // one voxel more of label 1
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> w.verify(planes));
        W1Workload small = w.scaled(0.25);
        assertEquals(75, small.depth());
        assertEquals(128, small.height());
        assertEquals(128, small.width());
        byte[][] p = small.planes();
        long labelled = 0;
        for (byte[] plane : p) for (byte b : plane) if (b != 0) labelled++;
        double coverage = (double) labelled / (75.0 * 128 * 128);
        org.junit.jupiter.api.Assertions.assertTrue(coverage > 0.2 && coverage < 0.3, "coverage " + coverage);
        small.verify(p); // nothing to verify against: no exception
    }
}
