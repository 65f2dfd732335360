package org.dicomseg.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PhantomTest {
    @Test
    void labelsAndHuAgreeAtKnownPoints() {
        Phantom p = Phantom.standard();
        assertEquals(Phantom.AIR_HU, p.huAt(0, 100, 0));
        assertEquals(Phantom.BODY_HU, p.huAt(60, 0, 0));
        assertEquals(Phantom.LIVER_HU, p.huAt(-30, -10, 0));
        assertEquals(Phantom.LESION_HU, p.huAt(-55, -10, 0));
        assertEquals(Phantom.BONE_HU, p.huAt(0, 55, 123));
        assertEquals(Phantom.LIVER, p.labelAt(-50, -10, 14));
        assertEquals(Phantom.BACKGROUND, p.labelAt(-50, -10, 16), "beyond the liver's z extent");
        assertEquals(Phantom.LESION, p.labelAt(-55, -10, 8.9));
        assertEquals(Phantom.LIVER, p.labelAt(-55, -10, 9.1), "beyond the lesion's z extent (0.6 × 15)");
        assertEquals(Phantom.BACKGROUND, p.labelAt(0, 100, 0));
    }

    @Test
    void renderingFollowsTheGeometry() {
        VolumeGeometry g = VolumeGeometry.centred(64, 64, 5, 4, 5);
        assertArrayEquals(new double[] {-126, -126, -10}, g.position(0), 0);
        assertArrayEquals(new double[] {-126, -126, 10}, g.position(4), 0);
        assertEquals(-30, g.x(24), 0);
        assertEquals(54, g.y(45), 0);
        Phantom p = Phantom.standard();
        byte[] lab = p.labels(g, 2);
        int[] hu = p.hu(g, 2, 0, 0);
        assertEquals(Phantom.LESION, lab[29 * 64 + 18]);
        assertEquals(Phantom.LESION_HU, hu[29 * 64 + 18]);
        assertEquals(Phantom.BONE, lab[45 * 64 + 31]);
        assertArrayEquals(p.hu(g, 1, 5, 9), p.hu(g, 1, 5, 9), "noise is deterministic");
    }

    @Test
    void encodingsRoundTripAndClamp() {
        int[] hu = {-1000, 0, 60, 700, 3071, -2000, 70000};
        short[] u = HuEncoding.UNSIGNED.encode(hu);
        short[] s = HuEncoding.SIGNED.encode(hu);
        for (int i = 0; i < 5; i++) {
            assertEquals(hu[i], HuEncoding.UNSIGNED.decode(u[i]));
            assertEquals(hu[i], HuEncoding.SIGNED.decode(s[i]));
        }
        assertEquals(-1024, HuEncoding.UNSIGNED.decode(u[5]), "clamped at stored 0");
        assertEquals(65535 - 1024, HuEncoding.UNSIGNED.decode(u[6]));
        assertEquals(Short.MAX_VALUE, HuEncoding.SIGNED.decode(s[6]));
    }

    @Test
    void rejectsInvalidGeometry() {
        assertThrows(IllegalArgumentException.class, () -> VolumeGeometry.centred(0, 64, 5, 4, 5));
        assertThrows(IllegalArgumentException.class, () -> VolumeGeometry.centred(64, 64, 5, -1, 5));
        assertThrows(IllegalArgumentException.class, () -> new Phantom(0));
    }
}
