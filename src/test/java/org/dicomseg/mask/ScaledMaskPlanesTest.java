package org.dicomseg.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Nearest-neighbour views: every region equals the per-pixel rule, for all pixel kinds and odd scales. */
class ScaledMaskPlanesTest {
    /** The rule, written independently: the source pixel whose square holds the target pixel's centre. */
    private static int source(int t, double scale, double shift, int size) {
        double centre = t + 0.5;
        for (int s = 0; s < size; s++) {
            if (centre >= s * scale + shift && centre < (s + 1) * scale + shift) return s;
        }
        return centre < shift ? 0 : size - 1;
    }

    @Test void regionsFollowTheCentreRule() {
        Random rnd = new Random(7);
        int sw = 37, sh = 23;
        byte[] b = new byte[sw * sh];
        short[] s = new short[sw * sh];
        float[] f = new float[sw * sh];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rnd.nextInt(256);
            s[i] = (short) rnd.nextInt(65536);
            f[i] = rnd.nextFloat();
        }
        MaskPlanes[] sources = {MaskPlanes.ofBytes(new byte[][] {b}, sh, sw), MaskPlanes.ofShorts(new short[][] {s}, sh, sw),
            MaskPlanes.ofFloats(new float[][] {f}, sh, sw)};
        double[][] scales = {{4, 4, 0, 0}, {2.5, 3.25, 0.4, 0.3}, {1, 1, 0, 0}, {0.5, 0.5, 0, 0}};
        for (MaskPlanes src : sources) {
            for (double[] sc : scales) {
                int w = (int) Math.ceil(sw * sc[0]), h = (int) Math.ceil(sh * sc[1]);
                ScaledMaskPlanes v = new ScaledMaskPlanes(src, 0, sc[0], sc[1], sc[2], sc[3], w, h);
                Object whole = v.readPlane(0, null);
                for (int k = 0; k < 20; k++) {
                    int x = rnd.nextInt(w), y = rnd.nextInt(h), rw = 1 + rnd.nextInt(w - x), rh = 1 + rnd.nextInt(h - y);
                    Object region = src.kind().newArray(rw * rh);
                    v.readRegion(0, x, y, rw, rh, region);
                    for (int j = 0; j < rh; j++) {
                        for (int i = 0; i < rw; i++) {
                            int si = source(x + i, sc[0], sc[2], sw), sj = source(y + j, sc[1], sc[3], sh);
                            double want = value(src.readPlane(0, null), sj * sw + si);
                            assertEquals(want, value(region, j * rw + i), 0, src.kind() + " scale " + sc[0] + " at " + (x + i) + "," + (y + j));
                            assertEquals(want, value(whole, (y + j) * w + x + i), 0);
                        }
                    }
                }
            }
        }
    }

    private static double value(Object a, int i) {
        if (a instanceof byte[]) return ((byte[]) a)[i] & 0xFF;
        if (a instanceof short[]) return ((short[]) a)[i] & 0xFFFF;
        return ((float[]) a)[i];
    }

    @Test void uniformRegionsAreAnsweredExactly() {
        // a label image of blocks: many regions of the scaled view are uniform, many are not
        int sw = 40, sh = 30;
        byte[] b = new byte[sw * sh];
        for (int y = 0; y < sh; y++) for (int x = 0; x < sw; x++) b[y * sw + x] = (byte) (x < 20 ? (y < 10 ? 0 : 1) : x * y % 7 == 0 ? 2 : 0);
        MaskPlanes src = MaskPlanes.ofBytes(new byte[][] {b}, sh, sw);
        ScaledMaskPlanes v = new ScaledMaskPlanes(src, 0, 4, 4, 0.5, 0.25, 160, 120);
        byte[] whole = (byte[]) v.readPlane(0, null);
        Random rnd = new Random(3);
        int uniform = 0;
        for (int k = 0; k < 3000; k++) {
            int x = rnd.nextInt(160), y = rnd.nextInt(120), w = 1 + rnd.nextInt(Math.min(40, 160 - x)), h = 1 + rnd.nextInt(Math.min(40, 120 - y));
            int first = whole[y * 160 + x] & 0xFF;
            boolean same = true;
            for (int j = 0; j < h && same; j++) for (int i = 0; i < w && same; i++) same = (whole[(y + j) * 160 + x + i] & 0xFF) == first;
            int answer = v.uniformValue(0, x, y, w, h);
            assertEquals(same ? first : -1, answer, "region " + x + "," + y + " " + w + "x" + h);
            if (same) uniform++;
        }
        assertTrue(uniform > 300, "the test saw uniform regions: " + uniform);
    }

    @Test void badArgumentsAreRefused() {
        MaskPlanes src = MaskPlanes.ofBytes(new byte[][] {new byte[4]}, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> new ScaledMaskPlanes(src, 1, 2, 2, 0, 0, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> new ScaledMaskPlanes(src, 0, 0, 2, 0, 0, 4, 4));
        ScaledMaskPlanes v = new ScaledMaskPlanes(src, 0, 2, 2, 0, 0, 4, 4);
        assertThrows(IllegalArgumentException.class, () -> v.readRegion(0, 2, 2, 3, 3, new byte[9]));
    }
}
