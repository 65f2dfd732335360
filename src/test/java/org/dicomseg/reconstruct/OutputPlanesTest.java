package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.Test;

/**
 * Planes of a reconstruction are allocated once each, also when several threads want the same
 * plane at the same moment (tiles of one Total Pixel Matrix decoded on several threads: a 900 MB
 * plane allocated twice costs its zeroing twice), and threads allocating different planes do not
 * wait for each other's zeroing.
 */
class OutputPlanesTest {
    @Test
    void aPlaneWantedByTwoThreadsAtOnceIsAllocatedOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            // 16 MiB planes: zeroing one takes long enough for the two threads to meet
            ReconstructionStatistics statistics = new ReconstructionStatistics();
            OutputPlanes f = new OutputPlanes(SegmentationVolume.PixelType.UINT8, 4096, 4096, 1, 2, statistics);
            assertNull(f.get(0), "round " + round + ": a plane is allocated at its first use");
            CyclicBarrier go = new CyclicBarrier(2);
            Object[] got = new Object[3];
            Thread other = new Thread(() -> {
                try {
                    go.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                got[1] = f.array(0);
                got[2] = f.array(1);
            });
            other.start();
            go.await();
            got[0] = f.array(0);
            other.join();
            assertSame(got[0], got[1], "round " + round + ": one array for plane 0");
            assertSame(got[2], f.array(1), "round " + round + ": plane 1 kept");
            assertEquals(2, statistics.planesAllocated(), "round " + round + ": planes allocated");
        }
    }
}
