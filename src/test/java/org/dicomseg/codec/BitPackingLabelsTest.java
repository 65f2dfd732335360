package org.dicomseg.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The one-pass label splitter agrees with packing each segment's 0/1 frame separately. */
class BitPackingLabelsTest {

    @Test
    void packLabelsEqualsPerSegmentPack() {
        Random r = new Random(42);
        for (int n : new int[] {0, 1, 8, 9, 64, 100, 1001}) {
            byte[] labels = new byte[n];
            short[] wide = new short[n];
            for (int i = 0; i < n; i++) {
                int v = i % 24 < 16 ? (i / 24) % 4 : r.nextInt(4);
                labels[i] = (byte) v;
                wide[i] = (short) (v == 3 ? 1000 : v);
            }
            int[] lut = new int[256];
            lut[1] = 1;
            lut[2] = 2;
            lut[3] = 3;
            int[] lutWide = new int[65536];
            lutWide[1] = 1;
            lutWide[2] = 2;
            lutWide[1000] = 3;
            byte[][] dst = new byte[4][];
            byte[][] dstWide = new byte[4][];
            for (int s = 1; s <= 3; s++) {
                dst[s] = new byte[(int) BitPacking.packedLength(n)];
                dstWide[s] = new byte[(int) BitPacking.packedLength(n)];
            }
            dst[2] = null; // unwanted segment: skipped
            BitPacking.packLabels(labels, n, lut, dst);
            BitPacking.packLabels(wide, n, lutWide, dstWide);
            for (int s = 1; s <= 3; s++) {
                byte[] zeroOne = new byte[n];
                for (int i = 0; i < n; i++) zeroOne[i] = (byte) ((labels[i] & 0xFF) == s ? 1 : 0);
                if (dst[s] != null) assertArrayEquals(BitPacking.pack(zeroOne), dst[s], "n=" + n + " segment " + s);
                assertArrayEquals(BitPacking.pack(zeroOne), dstWide[s], "16-bit n=" + n + " segment " + s);
            }
        }
    }
}
