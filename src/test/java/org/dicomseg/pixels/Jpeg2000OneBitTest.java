package org.dicomseg.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * 1-bit JPEG 2000 frames (BINARY SEGs, PS3.5 A.4.4): the code stream declares precision 1,
 * unsigned (SIZ Ssiz = 0, as highdicom's OpenJPEG coder writes it; Bits Stored is 1), and decodes
 * to the 0/1 pixels it was made from — random, empty, full, single-pixel and odd-sized frames.
 * (HighdicomInteropTest decodes the same code streams with OpenJPEG through highdicom.)
 */
class Jpeg2000OneBitTest {
    private static final int SSIZ = 42; // SOC(2) SIZ(2) Lsiz(2) Rsiz(2) 8 x 4 bytes Csiz(2)

    private static void roundTrip(byte[] frame, int rows, int columns) {
        byte[] cs = Jpeg2000Codec.encode(frame, rows, columns, 1);
        assertEquals(0xFF4F, (cs[0] & 0xFF) << 8 | cs[1] & 0xFF, "SOC");
        assertEquals(0xFF51, (cs[2] & 0xFF) << 8 | cs[3] & 0xFF, "SIZ");
        assertEquals(1, cs[SSIZ - 1], "one component");
        assertEquals(0, cs[SSIZ], "Ssiz: unsigned, precision 1");
        assertArrayEquals(frame, Jpeg2000Codec.decode(cs, rows, columns, 1), rows + "x" + columns);
    }

    @Test
    void oneBitFramesRoundTripWithPrecisionOne() {
        Random r = new Random(13);
        int[][] sizes = {{47, 53}, {512, 512}, {1, 1}, {3, 700}, {64, 64}};
        for (int[] s : sizes) {
            int n = s[0] * s[1];
            byte[] random = new byte[n];
            for (int i = 0; i < n; i++) random[i] = (byte) (r.nextInt(5) == 0 ? 1 : 0);
            roundTrip(random, s[0], s[1]);
            roundTrip(new byte[n], s[0], s[1]);
            byte[] full = new byte[n];
            java.util.Arrays.fill(full, (byte) 1);
            roundTrip(full, s[0], s[1]);
            byte[] one = new byte[n];
            one[n / 2] = 1;
            roundTrip(one, s[0], s[1]);
        }
    }

    @Test
    void onlyZerosAndOnesAreOneBit() {
        byte[] f = new byte[16];
        f[3] = 2;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Jpeg2000Codec.encode(f, 4, 4, 1));
        assertEquals("A 1-bit frame holds 0 and 1 only; found 2", e.getMessage());
    }
}
