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
}
