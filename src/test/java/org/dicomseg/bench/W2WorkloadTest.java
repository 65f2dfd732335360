package org.dicomseg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import org.dicomseg.mask.MaskPlanes;

/**
 * {@code W2Workload}'s uniform regions, answered from its row intervals, are exactly the regions
 * whose filled pixels are all one value: 1 or 0 when uniform, -1 when mixed (never -1 for a uniform
 * region, never a value for a mixed one).
 */
class W2WorkloadTest {
    @Test
    void uniformValueAgreesWithTheFilledPixels() {
        W2Workload w = new W2Workload(3000);
        MaskPlanes p = w.planes();
        Random r = new Random(1);
        int[] count = new int[3];
        for (int i = 0; i < 3000; i++) {
            int size = 1 + r.nextInt(i % 3 == 0 ? 8 : 300);
            int width = Math.min(size + r.nextInt(5), 3000), height = size;
            int x = r.nextInt(3000 - width + 1), y = r.nextInt(3000 - height + 1);
            byte[] px = new byte[width * height];
            p.readRegion(0, x, y, width, height, px);
            int expected = px[0];
            for (byte b : px) if (b != expected) { expected = -1; break; }
            assertEquals(expected, p.uniformValue(0, x, y, width, height), "region " + x + "," + y + " " + width + "x" + height);
            count[expected + 1]++;
        }
        assertTrue(count[0] > 100 && count[1] > 100 && count[2] > 100, java.util.Arrays.toString(count));
        assertEquals(-1, p.uniformValue(0, 2990, 0, 20, 5), "outside the plane");
    }
}
