package org.dicomseg.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time RLE encoder ({@link RleCodec#encode}) gives exactly the bytes of the plain
 * byte-by-byte PackBits encoder it replaced (kept here as the reference), for run structures
 * around every word and 128-byte boundary, and decodes back to the input.
 */
class RleEncodeTest {
    /** The previous encoder, byte by byte (PS3.5 G.3.1 as the writer has always applied it). */
    static byte[] reference(byte[] frame, int length, int bytesPerSample) {
        int samples = length / bytesPerSample;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[64], 0, 64);
        int[] offsets = new int[bytesPerSample];
        byte[] plane = bytesPerSample == 1 ? frame : new byte[samples];
        for (int seg = 0; seg < bytesPerSample; seg++) {
            offsets[seg] = out.size();
            int byteIndex = bytesPerSample - 1 - seg;
            if (bytesPerSample > 1) for (int i = 0; i < samples; i++) plane[i] = frame[i * bytesPerSample + byteIndex];
            int n = bytesPerSample == 1 ? length : samples;
            int i = 0;
            while (i < n) {
                int run = 1;
                while (i + run < n && run < 128 && plane[i + run] == plane[i]) run++;
                if (run >= 2) {
                    out.write(1 - run);
                    out.write(plane[i]);
                    i += run;
                    continue;
                }
                int start = i;
                int len = 0;
                while (i < n && len < 128) {
                    if (i + 1 < n && plane[i] == plane[i + 1]) break;
                    i++;
                    len++;
                }
                out.write(len - 1);
                out.write(plane, start, len);
            }
            if ((out.size() & 1) != 0) out.write(0);
        }
        byte[] r = out.toByteArray();
        r[0] = (byte) bytesPerSample;
        for (int seg = 0; seg < bytesPerSample; seg++) {
            for (int k = 0; k < 4; k++) r[4 + 4 * seg + k] = (byte) (offsets[seg] >>> (8 * k));
        }
        return r;
    }

    /** Runs of random lengths (1..maxRun) of random values from a small alphabet. */
    static byte[] runs(Random r, int n, int maxRun, int alphabet) {
        byte[] b = new byte[n];
        int i = 0;
        while (i < n) {
            int len = 1 + r.nextInt(maxRun);
            byte v = (byte) r.nextInt(alphabet);
            for (int k = 0; k < len && i < n; k++) b[i++] = v;
        }
        return b;
    }

    private static void check(byte[] frame, int length, int bps) {
        byte[] expected = reference(frame, length, bps);
        assertArrayEquals(expected, RleCodec.encode(frame, length, bps), "length " + length + " bps " + bps);
        byte[] out = new byte[RleCodec.maxEncodedLength(length, bps) + 5];
        Arrays.fill(out, (byte) 0x5A); // a dirty reused buffer
        int len = RleCodec.encode(frame, length, bps, out, new byte[length]);
        assertArrayEquals(expected, Arrays.copyOf(out, len));
        byte[] decoded = RleCodec.decode(expected, bps, length - length % bps);
        assertArrayEquals(Arrays.copyOf(frame, length - length % bps), decoded);
    }

    @Test
    void sameBytesAsTheByteByByteEncoder() {
        Random r = new Random(7);
        for (int n = 1; n <= 300; n++) {
            for (int maxRun : new int[] {1, 2, 3, 9, 17, 200}) {
                for (int alphabet : new int[] {2, 3, 256}) {
                    check(runs(r, n, maxRun, alphabet), n, 1);
                    if (n % 2 == 0) check(runs(r, n, maxRun, alphabet), n, 2);
                }
            }
        }
    }

    @Test
    void wholeFramesAndRunsAtTheLimits() {
        Random r = new Random(11);
        int n = 512 * 512;
        check(new byte[n], n, 1);                         // all background: replicate runs of 128
        check(runs(r, n, 400, 9), n, 1);                  // label-map-like
        check(runs(r, n, 2, 256), n, 1);                  // almost all literal
        byte[] noise = new byte[n];
        r.nextBytes(noise);
        check(noise, n, 1);
        check(noise, n, 2);
        for (int len : new int[] {127, 128, 129, 130, 255, 256, 257}) {
            byte[] b = new byte[len + 20];
            Arrays.fill(b, 0, len, (byte) 3);             // a run of exactly len, then literals
            for (int i = len; i < b.length; i++) b[i] = (byte) i;
            check(b, b.length, 1);
            for (int i = 0; i < len; i++) b[i] = (byte) i; // a literal of len, then a run
            Arrays.fill(b, len, b.length, (byte) 1);
            check(b, b.length, 1);
        }
    }

    @Test
    void maxEncodedLengthHoldsTheWorstCase() {
        Random r = new Random(3);
        for (int n : new int[] {1, 2, 127, 128, 129, 1000, 512 * 512}) {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) b[i] = (byte) i;  // no two equal neighbours: all literal
            assertEquals(true, RleCodec.encode(b, n, 1).length <= RleCodec.maxEncodedLength(n, 1));
            byte[] pairs = new byte[n];                   // x, y y, x, y y, ...: the 4/3 worst case
            for (int i = 0; i < n; i++) pairs[i] = (byte) (i % 3 == 0 ? 7 * (i / 3) + 1 : 7 * (i / 3) + 3);
            byte[] enc = RleCodec.encode(pairs, n, 1);
            assertArrayEquals(reference(pairs, n, 1), enc);
            assertEquals(true, enc.length <= RleCodec.maxEncodedLength(n, 1), "pairs " + n);
            byte[] noise = new byte[2 * n];
            r.nextBytes(noise);
            assertEquals(true, RleCodec.encode(noise, 2 * n, 2).length <= RleCodec.maxEncodedLength(2 * n, 2));
        }
    }
}
