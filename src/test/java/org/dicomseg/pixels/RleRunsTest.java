package org.dicomseg.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Run-by-run RLE decoding ({@link RleCodec#decodeRuns}, used to decode label maps straight into
 * planes) and decoding into reused buffers give exactly the bytes, and the errors, of
 * {@link RleCodec#decode(byte[], int, int)}.
 */
class RleRunsTest {

    /** Collects the runs into a frame, checking they arrive in order and cover it once. */
    private static final class Collect implements RleCodec.RunSink {
        final byte[] out;
        int next;

        Collect(int n) {
            out = new byte[n];
            Arrays.fill(out, (byte) 0x5A); // not zero: every byte must be written
        }

        @Override public void fill(int offset, int length, byte value) {
            assertEquals(next, offset, "runs in order");
            Arrays.fill(out, offset, offset + length, value);
            next = offset + length;
        }

        @Override public void literal(int offset, byte[] src, int srcOffset, int length) {
            assertEquals(next, offset, "runs in order");
            System.arraycopy(src, srcOffset, out, offset, length);
            next = offset + length;
        }
    }

    private static byte[] frame(Random r, int n) {
        byte[] f = new byte[n];
        int i = 0;
        while (i < n) {
            int len = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1 + r.nextInt(300);
            byte v = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(3));
            boolean noise = r.nextInt(5) == 0;
            for (int k = 0; k < len && i < n; k++) f[i++] = noise ? (byte) r.nextInt(256) : v;
        }
        return f;
    }

    @Test
    void runsRebuildTheFrame() {
        Random r = new Random(17);
        for (int t = 0; t < 300; t++) {
            int n = 1 + r.nextInt(t < 50 ? 40 : 5000);
            byte[] f = frame(r, n);
            byte[] enc = RleCodec.encode(f, n, 1);
            Collect c = new Collect(n);
            RleCodec.decodeRuns(enc, enc.length, n, c);
            assertEquals(n, c.next);
            assertArrayEquals(f, c.out);
            assertArrayEquals(f, RleCodec.decode(enc, 1, n));
            // into reused, larger buffers, with trailing garbage after the frame's bytes
            byte[] big = Arrays.copyOf(enc, enc.length + 37);
            Arrays.fill(big, enc.length, big.length, (byte) 0x7F);
            byte[] out = new byte[n + 11];
            RleCodec.decode(big, enc.length, 1, out, n);
            assertArrayEquals(f, Arrays.copyOf(out, n));
            c = new Collect(n);
            RleCodec.decodeRuns(big, enc.length, n, c);
            assertArrayEquals(f, c.out);
        }
    }

    @Test
    void sixteenBitIntoReusedBuffers() {
        Random r = new Random(5);
        for (int t = 0; t < 50; t++) {
            int n = 2 * (1 + r.nextInt(2000));
            byte[] f = frame(r, n);
            byte[] enc = RleCodec.encode(f, n, 2);
            byte[] out = new byte[n + 6];
            RleCodec.decode(enc, enc.length, 2, out, n);
            assertArrayEquals(f, Arrays.copyOf(out, n));
            assertArrayEquals(f, RleCodec.decode(enc, 2, n));
        }
    }

    /** Damaged frames: the same exception message either way. */
    @Test
    void corruptFramesFailAlike() {
        Random r = new Random(3);
        int checked = 0;
        for (int t = 0; t < 400; t++) {
            int n = 1 + r.nextInt(3000);
            byte[] enc = RleCodec.encode(frame(r, n), n, 1);
            byte[] bad;
            switch (t % 4) {
                case 0: bad = Arrays.copyOf(enc, Math.max(0, enc.length - 1 - r.nextInt(Math.max(1, enc.length - 60)))); break;
                case 1: bad = enc.clone(); bad[4] = (byte) r.nextInt(256); bad[5] = (byte) r.nextInt(3); break;
                case 2: bad = enc.clone(); bad[0] = 2; break;
                default: bad = enc.clone(); bad[64 + r.nextInt(bad.length - 64)] = (byte) r.nextInt(256); break;
            }
            String expected;
            byte[] decoded;
            try {
                decoded = RleCodec.decode(bad, 1, n);
                expected = null;
            } catch (CorruptPixelDataException e) {
                decoded = null;
                expected = e.getMessage();
            }
            Collect c = new Collect(n);
            if (expected == null) {
                RleCodec.decodeRuns(bad, bad.length, n, c);
                assertArrayEquals(decoded, c.out);
            } else {
                CorruptPixelDataException e = assertThrows(CorruptPixelDataException.class, () -> RleCodec.decodeRuns(bad, bad.length, n, new Collect(n)));
                assertEquals(expected, e.getMessage());
                checked++;
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(checked > 100, "damaged frames tried: " + checked);
    }
}
