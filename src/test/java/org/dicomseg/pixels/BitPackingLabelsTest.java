package org.dicomseg.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The one-pass label splitter agrees with packing each segment's 0/1 frame separately, and every
 * packer (SWAR: eight pixels per word, flags gathered with a multiply) agrees with a plain
 * per-pixel reference that sets bit i of the stream for pixel i, LSB first (PS3.5 8.1.1).
 */
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

    /**
     * The pass that also finds the plane's values (the writer's first pass): the same frames as
     * packing with frames given, a frame only for the segments that occur, and exactly the values
     * present, 0 included only when a pixel is 0 (whole zero words, zeros inside mixed words, zeros
     * in the tail after the last whole word); a label without a segment is found, not packed.
     */
    @Test
    void packAndFindAgreesWithPackingAndWithTheValuesPresent() {
        Random r = new Random(5);
        int[] lut = new int[256];
        java.util.Arrays.fill(lut, -1);
        lut[0] = 0;
        for (int v = 1; v <= 5; v++) lut[v] = v;
        lut[9] = 2; // two labels of one segment
        for (int n : new int[] {1, 7, 8, 9, 64, 67, 1000, 4096}) {
            for (int kind = 0; kind < 6; kind++) {
                byte[] labels = new byte[n];
                for (int i = 0; i < n; i++) {
                    switch (kind) {
                        case 0: labels[i] = 0; break;                                       // all background
                        case 1: labels[i] = 3; break;                                       // one label, no zero
                        case 2: labels[i] = (byte) (i % 16 < 8 ? 1 : 2); break;             // whole words, no zero
                        case 3: labels[i] = (byte) (i == n - 1 ? 0 : 4); break;             // a single zero at the end
                        case 4: labels[i] = (byte) new int[] {0, 1, 2, 5, 9}[r.nextInt(5)]; break; // mixed words
                        default: labels[i] = (byte) (i == n / 2 ? 7 : 1);                   // label 7 has no segment
                    }
                }
                String what = "n=" + n + " kind " + kind;
                boolean[] expectedSeen = new boolean[256];
                for (byte b : labels) expectedSeen[b & 0xFF] = true;
                byte[][] given = new byte[6][];
                for (int s = 1; s <= 5; s++) given[s] = new byte[(int) BitPacking.packedLength(n)];
                BitPacking.packLabels(labels, n, lut, given);

                byte[][] found = new byte[6][];
                boolean[] seen = new boolean[256];
                BitPacking.packLabels(labels, n, lut, found, seen, (int) BitPacking.packedLength(n));
                assertArrayEquals(expectedSeen, seen, what);
                for (int s = 1; s <= 5; s++) {
                    boolean occurs = false;
                    for (byte b : labels) occurs |= lut[b & 0xFF] == s;
                    if (occurs) assertArrayEquals(given[s], found[s], what + " segment " + s);
                    else assertEquals(null, found[s], what + " segment " + s + " does not occur");
                }
            }
        }
    }

    /** Bit {@code bit} of a packed stream: pixel {@code bit}, LSB first within each byte. */
    private static void setBit(byte[] b, long bit) {
        b[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
    }

    /** Label data with zero words, one-label words, two- and three-label words, and noise. */
    private static int[] randomLabels(Random r, int n, int maxLabel) {
        int[] v = new int[n];
        int i = 0;
        while (i < n) {
            int run = 1 + r.nextInt(r.nextBoolean() ? 4 : 40);
            int kind = r.nextInt(4);
            int label = kind == 0 ? 0 : 1 + r.nextInt(maxLabel);
            for (int k = 0; k < run && i < n; k++, i++) v[i] = kind == 3 ? r.nextInt(maxLabel + 1) : label;
        }
        return v;
    }

    @Test
    void packLabelsEqualsPerPixelReferenceOnRandomData() {
        Random r = new Random(7);
        for (int trial = 0; trial < 400; trial++) {
            int n = trial < 200 ? trial : r.nextInt(5000);
            boolean wide = trial % 2 == 1;
            int maxLabel = wide ? 700 : 255;
            int[] v = randomLabels(r, n, trial % 3 == 0 ? 3 : maxLabel);
            int segments = 5;
            int[] lut = new int[wide ? 65536 : 256];
            for (int l = 1; l <= maxLabel; l++) lut[l] = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(segments); // some unmapped
            lut[1] = 1;
            lut[2] = 2;
            byte[][] dst = new byte[segments + 1][];
            byte[][] expected = new byte[segments + 1][];
            for (int s = 1; s <= segments; s++) {
                if (s == 3 && trial % 4 == 0) continue; // unwanted segment: left null
                dst[s] = new byte[(int) BitPacking.packedLength(n)];
                expected[s] = new byte[dst[s].length];
            }
            for (int i = 0; i < n; i++) {
                int s = lut[v[i]];
                if (v[i] != 0 && s > 0 && expected[s] != null) setBit(expected[s], i);
            }
            if (wide) {
                short[] px = new short[n];
                for (int i = 0; i < n; i++) px[i] = (short) v[i];
                BitPacking.packLabels(px, n, lut, dst);
            } else {
                byte[] px = new byte[n + 9];               // longer than count: the extra pixels are ignored
                for (int i = 0; i < n; i++) px[i] = (byte) v[i];
                java.util.Arrays.fill(px, n, px.length, (byte) 1);
                BitPacking.packLabels(px, n, lut, dst);
            }
            for (int s = 1; s <= segments; s++) {
                assertArrayEquals(expected[s], dst[s], "trial " + trial + " n=" + n + (wide ? " 16-bit" : " 8-bit") + " segment " + s);
            }
        }
    }

    @Test
    void gatherPutsPixelKInBitKForAll256Patterns() {
        Random r = new Random(3);
        for (int pattern = 0; pattern < 256; pattern++) {
            byte[] px = new byte[8];
            byte[] labels = new byte[8];
            for (int k = 0; k < 8; k++) {
                if (((pattern >> k) & 1) != 0) {
                    px[k] = (byte) (1 + r.nextInt(255));   // any nonzero value counts as 1
                    labels[k] = 9;
                } else {
                    labels[k] = (byte) (k % 2 == 0 ? 0 : 4); // background or another label
                }
            }
            assertEquals(pattern, BitPacking.pack(px)[0] & 0xFF, "pack, pattern " + pattern);
            int[] lut = new int[256];
            lut[9] = 1;
            lut[4] = 2;
            byte[][] dst = {null, new byte[1], new byte[1]};
            BitPacking.packLabels(labels, 8, lut, dst);
            assertEquals(pattern, dst[1][0] & 0xFF, "packLabels, pattern " + pattern);
            int other = 0;
            for (int k = 1; k < 8; k += 2) if (((pattern >> k) & 1) == 0) other |= 1 << k;
            assertEquals(other, dst[2][0] & 0xFF, "packLabels second label, pattern " + pattern);
        }
    }

    @Test
    void packEqualsPerPixelReferenceAtEveryBitOffset() {
        Random r = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int n = trial < 100 ? trial : r.nextInt(3000);
            int srcOffset = r.nextInt(9);
            long bitOffset = trial % 24;
            int[] v = randomLabels(r, n, 255);
            byte[] src = new byte[srcOffset + n + 3];
            for (int i = 0; i < n; i++) src[srcOffset + i] = (byte) v[i];
            byte[] expected = new byte[(int) BitPacking.packedLength(bitOffset + n) + 1];
            byte[] dst = new byte[expected.length];
            // bits before the offset belong to the previous frame and must be kept
            for (long b = 0; b < bitOffset; b++) if (r.nextBoolean()) { setBit(expected, b); setBit(dst, b); }
            for (int i = 0; i < n; i++) if (v[i] != 0) setBit(expected, bitOffset + i);
            BitPacking.pack(src, srcOffset, n, dst, bitOffset);
            assertArrayEquals(expected, dst, "trial " + trial + " n=" + n + " offset " + bitOffset);
        }
    }

    @Test
    void fillOnesSetsExactlyTheFramesBits() {
        for (int n : new int[] {1, 7, 8, 9, 63, 64, 65536, 9409}) {
            byte[] dst = new byte[(int) BitPacking.packedLength(n) + 2];
            BitPacking.fillOnes(dst, n);
            byte[] expected = new byte[dst.length];
            for (int i = 0; i < n; i++) setBit(expected, i);
            assertArrayEquals(expected, dst, "n=" + n);
        }
    }
}
