package org.dicomseg.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dicomseg.pixels.BitPacking;
import org.junit.jupiter.api.Test;

class StackedMasksTest {

    @Test
    void detectsOverlapOnlyWhenPixelsAreShared() {
        byte[][][] disjoint = {{{1, 0, 0, 0}}, {{0, 1, 0, 0}}};
        MaskInventory inv = StackedMasks.ofBytes(disjoint, 2, 2).scan(2, 1);
        assertFalse(inv.overlaps());
        assertTrue(inv.isPresent(0, 1) && inv.isPresent(0, 2));
        byte[][][] shared = {{{1, 1, 0, 0}}, {{0, 1, 0, 0}}};
        assertTrue(StackedMasks.ofBytes(shared, 2, 2).scan(2, 1).overlaps());
    }

    @Test
    void overlapInALaterPlaneIsFound() {
        byte[][][] m = {{{1, 0}, {0, 1}}, {{0, 1}, {0, 1}}};
        assertTrue(StackedMasks.ofBytes(m, 1, 2).scan(2, 1).overlaps());
    }

    @Test
    void fractionsAreQuantisedByRounding() {
        float[][][] f = {{{0f, 0.5f / 255, 0.25f, 1f, 0.499f / 255}}};
        StackedMasks m = StackedMasks.ofFloats(f, 1, 5);
        assertTrue(m.scan(1, 255).isPresent(0, 1));
        byte[] out = new byte[5];
        m.segmentFrame(0, 1, 255, out);
        assertArrayEquals(new byte[] {0, 1, 64, (byte) 255, 0}, out);
        m.segmentFrame(0, 1, 1, out);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 0}, out, "BINARY keeps fractions >= 0.5");
    }

    @Test
    void tinyFractionsAloneLeaveTheFrameEmpty() {
        float[][][] f = {{{0.001f, 0f}}};
        assertFalse(StackedMasks.ofFloats(f, 1, 2).scan(1, 255).isPresent(0, 1), "0.001*255 rounds to 0");
        assertTrue(StackedMasks.ofFloats(f, 1, 2).scan(1, 255).isEmpty());
    }

    @Test
    void fractionOutsideUnitIntervalIsNamed() {
        float[][][] f = {{{0f, -0.1f}}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StackedMasks.ofFloats(f, 1, 2).scan(1, 255));
        assertTrue(e.getMessage().contains("-0.1") && e.getMessage().contains("segment 1") && e.getMessage().contains("column 2"), e.getMessage());
    }

    @Test
    void masksMustHaveTheSameShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StackedMasks.of(
                MaskPlanes.ofBytes(new byte[][] {{0, 0}}, 1, 2), MaskPlanes.ofBytes(new byte[][] {{0, 0}, {0, 0}}, 1, 2)));
        assertTrue(e.getMessage().contains("segment 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StackedMasks.of());
    }

    @Test
    void labelFrameCombinesDisjointMasksAndRefusesOverlaps() {
        byte[][][] m = {{{1, 0, 0}}, {{0, 0, 1}}};
        StackedMasks s = StackedMasks.ofBytes(m, 1, 3);
        s.scan(2, 1);
        byte[] labels = new byte[3];
        s.labelFrame(0, labels);
        assertArrayEquals(new byte[] {1, 0, 2}, labels);
        short[] wide = new short[3];
        s.labelFrame(0, wide);
        assertArrayEquals(new short[] {1, 0, 2}, wide);
        byte[][][] o = {{{1, 1, 0}}, {{0, 1, 0}}};
        StackedMasks so = StackedMasks.ofBytes(o, 1, 3);
        so.scan(2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> so.labelFrame(0, new byte[3]));
        assertTrue(e.getMessage().contains("overlap") && e.getMessage().contains("column 2"), e.getMessage());
    }

    @Test
    void packSegmentsMatchesSegmentFramesForEveryPixelKind() {
        int n = 37;
        byte[] b = new byte[n];
        short[] sh = new short[n];
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 3 == 0 ? 7 : 0);
            sh[i] = (short) (i % 5 == 0 ? 40000 : 0);
            f[i] = (i % 7) / 6f;
        }
        StackedMasks m = StackedMasks.of(MaskPlanes.ofBytes(new byte[][] {b}, 1, n),
                MaskPlanes.ofShorts(new short[][] {sh}, 1, n), MaskPlanes.ofFloats(new float[][] {f}, 1, n));
        m.scan(3, 1);
        byte[][] dst = new byte[4][(int) BitPacking.packedLength(n)];
        m.packSegments(0, new boolean[] {false, true, true, true}, dst);
        byte[] frame = new byte[n];
        for (int s = 1; s <= 3; s++) {
            m.segmentFrame(0, s, 1, frame);
            assertArrayEquals(BitPacking.pack(frame), dst[s], "segment " + s);
        }
        m.segmentFrame(0, 2, 1, frame);
        assertEquals(1, frame[0], "unsigned 16-bit 40000 is nonzero");
    }

    @Test
    void readRegionCopiesARectangle() {
        byte[] plane = new byte[12];
        for (int i = 0; i < 12; i++) plane[i] = (byte) i;
        MaskPlanes p = MaskPlanes.ofBytes(new byte[][] {plane}, 3, 4);
        byte[] dst = new byte[4];
        p.readRegion(0, 1, 1, 2, 2, dst);
        assertArrayEquals(new byte[] {5, 6, 9, 10}, dst);
        assertThrows(IllegalArgumentException.class, () -> p.readRegion(0, 3, 0, 2, 1, dst));
        assertThrows(IllegalArgumentException.class, () -> MaskPlanes.ofBytes(new byte[][] {new byte[5]}, 2, 2));
    }
}
