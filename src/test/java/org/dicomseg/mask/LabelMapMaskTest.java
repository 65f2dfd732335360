package org.dicomseg.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;

import org.dicomseg.pixels.BitPacking;
import org.junit.jupiter.api.Test;

class LabelMapMaskTest {

    private static byte[][] random(int planes, int n, int maxLabel, long seed) {
        Random r = new Random(seed);
        byte[][] p = new byte[planes][n];
        for (byte[] pl : p) {
            for (int i = 0; i < n; i++) {
                // runs of equal labels (uniform 8-pixel groups) mixed with noise
                pl[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(maxLabel + 1) : (i / 16) % (maxLabel + 1));
            }
        }
        return p;
    }

    @Test
    void scanFindsWhichSegmentsOccurInWhichPlane() {
        byte[][] p = new byte[3][30];
        p[0][3] = 1;
        p[0][29] = 2;
        p[2][0] = 2;
        MaskInventory inv = LabelMapMask.ofBytes(p, 5, 6).scan(2, 1);
        assertTrue(inv.isPresent(0, 1));
        assertTrue(inv.isPresent(0, 2));
        assertFalse(inv.isPresent(1, 1));
        assertFalse(inv.isPlaneNonEmpty(1));
        assertFalse(inv.isPresent(2, 1));
        assertTrue(inv.isPresent(2, 2));
        assertFalse(inv.overlaps());
        assertFalse(inv.isEmpty());
    }

    @Test
    void labelAboveSegmentCountIsAnErrorNamingIt() {
        byte[][] p = new byte[2][16];
        p[1][5] = 4;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelMapMask.ofBytes(p, 4, 4).scan(3, 1));
        assertTrue(e.getMessage().contains("Label value 4") && e.getMessage().contains("plane 2"), e.getMessage());
    }

    @Test
    void gappedLabelsAreMappedToConsecutiveSegments() {
        byte[][] p = {{0, 1, 5, 7, 7, 0, 5, 1, 0}};
        LabelMapMask m = LabelMapMask.of(MaskPlanes.ofBytes(p, 3, 3), Map.of(1, 1, 5, 2, 7, 3));
        MaskInventory inv = m.scan(3, 1);
        for (int s = 1; s <= 3; s++) assertTrue(inv.isPresent(0, s));
        byte[] f = new byte[9];
        m.segmentFrame(0, 2, 255, f);
        assertArrayEquals(new byte[] {0, 0, (byte) 255, 0, 0, 0, (byte) 255, 0, 0}, f);
        byte[] labels = new byte[9];
        m.labelFrame(0, labels);
        assertArrayEquals(new byte[] {0, 1, 2, 3, 3, 0, 2, 1, 0}, labels);
        assertNull(m.labelFrameView(0, false), "a mapped label map must be translated, not passed through");
    }

    @Test
    void mappingToMissingSegmentIsRefused() {
        byte[][] p = {{1, 2}};
        LabelMapMask m = LabelMapMask.of(MaskPlanes.ofBytes(p, 1, 2), Map.of(1, 1, 2, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.scan(2, 1));
        assertTrue(e.getMessage().contains("segment 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelMapMask.of(MaskPlanes.ofBytes(p, 1, 2), Map.of(0, 1)));
    }

    @Test
    void floatPlanesAreNotALabelMap() {
        assertThrows(IllegalArgumentException.class, () -> LabelMapMask.of(MaskPlanes.ofFloats(new float[][] {{0f}}, 1, 1)));
    }

    @Test
    void packSegmentsEqualsPackingEachSegmentFrame() {
        for (int n : new int[] {1, 7, 8, 63, 874, 1000}) {
            byte[][] p = random(3, n, 5, n);
            LabelMapMask m = LabelMapMask.ofBytes(p, 1, n);
            m.scan(5, 1);
            int packed = (int) BitPacking.packedLength(n);
            byte[][] dst = new byte[6][];
            boolean[] wanted = {false, true, false, true, true, true};
            for (int s = 1; s <= 5; s++) {
                dst[s] = new byte[packed];
                java.util.Arrays.fill(dst[s], (byte) 0x5A); // must be cleared by packSegments
            }
            for (int plane = 0; plane < 3; plane++) {
                m.packSegments(plane, wanted, dst);
                byte[] frame = new byte[n];
                for (int s = 1; s <= 5; s++) {
                    if (!wanted[s]) continue;
                    m.segmentFrame(plane, s, 1, frame);
                    for (int i = 0; i < n; i++) assertEquals((p[plane][i] & 0xFF) == s ? 1 : 0, frame[i]);
                    assertArrayEquals(BitPacking.pack(frame), dst[s], "n=" + n + " plane " + plane + " segment " + s);
                }
                assertEquals((byte) 0x5A, dst[2][0], "unwanted segment buffer untouched");
            }
        }
    }

    @Test
    void sixteenBitLabels() {
        short[][] p = {{0, 300, (short) 65535, 2}};
        LabelMapMask m = LabelMapMask.ofShorts(p, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> m.scan(300, 1), "65535 has no description");
        LabelMapMask ok = LabelMapMask.of(MaskPlanes.ofShorts(p, 2, 2), Map.of(300, 1, 65535, 2, 2, 3));
        MaskInventory inv = ok.scan(3, 1);
        assertTrue(inv.isPresent(0, 1) && inv.isPresent(0, 2) && inv.isPresent(0, 3));
        short[] labels = new short[4];
        ok.labelFrame(0, labels);
        assertArrayEquals(new short[] {0, 1, 2, 3}, labels);
        byte[][] dst = new byte[4][1];
        ok.packSegments(0, new boolean[] {false, true, true, true}, dst);
        assertEquals(0b0010, dst[1][0]);
        assertEquals(0b0100, dst[2][0]);
        assertEquals(0b1000, dst[3][0]);
    }

    @Test
    void identityLabelMapIsPassedThroughWithoutCopy() {
        byte[][] p = {{0, 1, 2, 1}};
        LabelMapMask m = LabelMapMask.ofBytes(p, 2, 2);
        m.scan(2, 1);
        assertSame(p[0], m.labelFrameView(0, false));
        assertNull(m.labelFrameView(0, true));
    }

    @Test
    void readsThroughTheInterfaceWithTheCallersBuffer() {
        // A non-array source that fills the buffer it is given.
        MaskPlanes planes = new MaskPlanes() {
            @Override public int rows() { return 2; }
            @Override public int columns() { return 3; }
            @Override public int planes() { return 2; }
            @Override public PixelKind kind() { return PixelKind.UINT8; }
            @Override public Object readPlane(int plane, Object dst) {
                assertNotNull(dst, "the mask supplies a reusable buffer");
                byte[] b = (byte[]) dst;
                java.util.Arrays.fill(b, (byte) (plane + 1));
                return b;
            }
        };
        LabelMapMask m = LabelMapMask.of(planes);
        MaskInventory inv = m.scan(2, 1);
        assertTrue(inv.isPresent(0, 1) && !inv.isPresent(0, 2) && inv.isPresent(1, 2));
    }

    @Test
    void distinctLabelsOverAllPlanes() {
        byte[][] planes = {{0, 0, 5, 0, 0, 0, 0, 0, 0}, {0, 2, 0, 0, 0, 0, 0, 0, (byte) 200}};
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2, 5, 200},
                LabelMapMask.distinctLabels(MaskPlanes.ofBytes(planes, 3, 3)));
        short[][] sixteen = {{0, 1000, 0, 3}};
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {3, 1000},
                LabelMapMask.distinctLabels(MaskPlanes.ofShorts(sixteen, 2, 2)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LabelMapMask.distinctLabels(MaskPlanes.ofFloats(new float[][] {{0f}}, 1, 1)));
    }

    /**
     * Many planes scanned on several threads (each its share of the planes): the labels found only in
     * the first plane, only in the last, in the middle and at a plane's last pixel are all there, the
     * same as on one thread; 16-bit too.
     */
    @Test
    void distinctLabelsOnThreadsFindLabelsInEveryShare() {
        int rows = 31, cols = 29, n = rows * cols, planes = 301;
        byte[][] p = new byte[planes][n];
        short[][] s = new short[planes][n];
        p[0][7] = 9;
        p[planes - 1][n - 1] = (byte) 254;
        p[150][100] = 3;
        p[151][n - 1] = 77;
        for (int z = 40; z < 60; z++) java.util.Arrays.fill(p[z], 200, 260, (byte) 5);
        s[0][0] = 1000;
        s[planes - 1][n - 1] = (short) 65535;
        s[200][3] = 2;
        int[] expected = {3, 5, 9, 77, 254};
        assertArrayEquals(expected, LabelMapMask.distinctLabels(MaskPlanes.ofBytes(p, rows, cols)));
        assertArrayEquals(expected, LabelMapMask.distinctLabels(MaskPlanes.ofBytes(p, rows, cols), false));
        assertArrayEquals(new int[] {2, 1000, 65535}, LabelMapMask.distinctLabels(MaskPlanes.ofShorts(s, rows, cols), true));
        assertArrayEquals(new int[0], LabelMapMask.distinctLabels(MaskPlanes.ofBytes(new byte[planes][n], rows, cols), true));
    }

    /**
     * A first-pass encoder handed the planes instead of the scan ({@link SegmentationMask.PlaneEncoder}):
     * the inventory and the uniform planes are what a plain scan finds (all-background, one label
     * everywhere, one label with one zero pixel, mixed), a label without a segment still fails
     * naming it, and planes it declines are scanned and told as before.
     */
    @Test
    void planesHandedToAnEncoderGiveTheSameInventory() {
        int n = 64;
        byte[][] p = new byte[5][n];
        java.util.Arrays.fill(p[1], (byte) 2);   // one label everywhere
        java.util.Arrays.fill(p[2], (byte) 3);
        p[2][n - 1] = 0;                          // one label and one zero pixel: not uniform
        for (int i = 0; i < n; i++) p[3][i] = (byte) (i % 5 == 0 ? 1 : i % 3); // mixed
        MaskInventory plain = LabelMapMask.ofBytes(p, 8, 8).scan(3, 1);
        LabelMapMask plainMask = LabelMapMask.ofBytes(p, 8, 8);
        plainMask.scan(3, 1);

        java.util.concurrent.atomic.AtomicInteger handed = new java.util.concurrent.atomic.AtomicInteger();
        LabelMapMask m = LabelMapMask.ofBytes(p, 8, 8);
        MaskInventory inv = m.scan(3, 1, new SegmentationMask.PlaneEncoder() {
            @Override public boolean encodePlane(int plane, byte[] pixels, boolean[] seen) {
                handed.incrementAndGet();
                for (byte b : pixels) seen[b & 0xFF] = true;
                return true;
            }

            @Override public void scanned(int plane, boolean[] segments) {
                throw new AssertionError("plane " + plane + " was encoded, not scanned");
            }
        });
        assertEquals(5, handed.get());
        for (int pl = 0; pl < 5; pl++) {
            assertEquals(plain.isPlaneNonEmpty(pl), inv.isPlaneNonEmpty(pl), "plane " + pl);
            for (int s = 1; s <= 3; s++) assertEquals(plain.isPresent(pl, s), inv.isPresent(pl, s), "plane " + pl + " segment " + s);
            assertEquals(plainMask.uniformSegment(pl), m.uniformSegment(pl), "uniform, plane " + pl);
        }
        assertEquals(0, m.uniformSegment(0));
        assertEquals(2, m.uniformSegment(1));
        assertEquals(-1, m.uniformSegment(2));

        // a label without a segment: found by the encoder, refused by the scan
        byte[][] bad = {new byte[n], new byte[n]};
        bad[1][7] = 9;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelMapMask.ofBytes(bad, 8, 8).scan(3, 1,
                new SegmentationMask.PlaneEncoder() {
                    @Override public boolean encodePlane(int plane, byte[] pixels, boolean[] seen) {
                        for (byte b : pixels) seen[b & 0xFF] = true;
                        return true;
                    }

                    @Override public void scanned(int plane, boolean[] segments) { }
                }));
        assertTrue(e.getMessage().contains("Label value 9") && e.getMessage().contains("plane 2"), e.getMessage());

        // an encoder that declines: the planes are scanned and the mixed ones told
        boolean[][] told = new boolean[5][];
        LabelMapMask.ofBytes(p, 8, 8).scan(3, 1, new SegmentationMask.PlaneEncoder() {
            @Override public boolean encodePlane(int plane, byte[] pixels, boolean[] seen) { return false; }

            @Override public void scanned(int plane, boolean[] segments) {
                synchronized (told) { told[plane] = segments; }
            }
        });
        assertNull(told[0]);
        assertNull(told[1]);
        assertArrayEquals(new boolean[] {false, false, false, true}, told[2]);
        assertArrayEquals(new boolean[] {false, true, true, false}, told[3]);
    }
}
