package org.dicomseg.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CodecPrimitivesTest {

    @Test
    void packsLsbFirstContinuouslyAcrossFrames() {
        // Two frames of 3x3 = 9 pixels: the second starts at bit 9, inside byte 1.
        byte[] f1 = {1, 0, 0, 0, 0, 0, 0, 1, 1};
        byte[] f2 = {1, 1, 0, 0, 0, 0, 0, 0, 1};
        byte[] out = new byte[(int) BitPacking.packedLength(18)];
        BitPacking.pack(f1, 0, 9, out, 0);
        BitPacking.pack(f2, 0, 9, out, 9);
        assertEquals(3, out.length);
        assertEquals((byte) 0b1000_0001, out[0]);
        assertEquals((byte) 0b0000_0111, out[1]); // bit 8 = f1[8], bits 9,10 = f2[0], f2[1]
        assertEquals((byte) 0b0000_0010, out[2]); // bit 17 = f2[8]
        byte[] back = new byte[9];
        BitPacking.unpack(out, 9, back, 0, 9);
        assertArrayEquals(f2, back);
        assertEquals(6, BitPacking.countOnes(out, 0, 18));
    }

    /** The set bits of any run of bits, word by word or not: every start offset 0..15 and length 0..700 against a bit-by-bit count. */
    @Test
    void countOnesAtEveryOffsetAndLength() {
        Random r = new Random(19);
        byte[] packed = new byte[100];
        r.nextBytes(packed);
        for (int off = 0; off < 16; off++) {
            for (int len = 0; len <= 700; len++) {
                long naive = 0;
                for (long b = off; b < off + len; b++) naive += (packed[(int) (b >>> 3)] >> (b & 7)) & 1;
                assertEquals(naive, BitPacking.countOnes(packed, off, len), "offset " + off + ", " + len + " bits");
            }
        }
    }

    @Test
    void packUnpackRandomAtEveryOffset() {
        Random r = new Random(7);
        for (int off = 0; off < 16; off++) {
            byte[] px = new byte[101];
            for (int i = 0; i < px.length; i++) px[i] = (byte) (r.nextInt(3) == 0 ? 1 : 0);
            byte[] packed = new byte[(int) BitPacking.packedLength(off + px.length)];
            BitPacking.pack(px, 0, px.length, packed, off);
            byte[] back = new byte[px.length];
            BitPacking.unpack(packed, off, back, 0, px.length);
            assertArrayEquals(px, back, "offset " + off);
        }
    }

    @Test
    void rleRoundTripsOneEightAndSixteenBit() {
        Random r = new Random(3);
        byte[] runs = new byte[5000];
        for (int i = 0; i < runs.length; i++) runs[i] = (byte) ((i / 300) % 2 == 0 ? 0 : r.nextInt(4));
        for (int bps : new int[] {1, 2}) {
            byte[] enc = RleCodec.encode(runs, runs.length, bps);
            assertEquals(bps, enc[0]);
            assertArrayEquals(runs, RleCodec.decode(enc, bps, runs.length));
        }
        byte[] zeros = new byte[4096];
        byte[] enc = RleCodec.encode(zeros, zeros.length, 1);
        assertEquals(true, enc.length < 200, "long zero runs compress");
        assertArrayEquals(zeros, RleCodec.decode(enc, 1, zeros.length));
    }

    @Test
    void rleRefusesCorruptData() {
        byte[] enc = RleCodec.encode(new byte[100], 100, 1);
        assertThrows(CorruptPixelDataException.class, () -> RleCodec.decode(Arrays.copyOf(enc, 40), 1, 100));
        assertThrows(CorruptPixelDataException.class, () -> RleCodec.decode(Arrays.copyOf(enc, 65), 1, 100));
        assertThrows(CorruptPixelDataException.class, () -> RleCodec.decode(enc, 2, 100));
    }

    @Test
    void jpeg2000IsLossless() {
        Random r = new Random(5);
        byte[] f8 = new byte[37 * 23];
        for (int i = 0; i < f8.length; i++) f8[i] = (byte) r.nextInt(256);
        assertArrayEquals(f8, Jpeg2000Codec.decode(Jpeg2000Codec.encode(f8, 23, 37, 8), 23, 37, 8));
        byte[] f16 = new byte[2 * 16 * 20];
        for (int i = 0; i < f16.length; i += 2) {
            int v = r.nextInt(Jpeg2000Codec.MAX_16_BIT_VALUE + 1);
            f16[i] = (byte) v;
            f16[i + 1] = (byte) (v >> 8);
        }
        assertArrayEquals(f16, Jpeg2000Codec.decode(Jpeg2000Codec.encode(f16, 16, 20, 16), 16, 20, 16));
        f16[1] = (byte) 0x80; // 32768 + x: would not survive, so it is refused
        assertThrows(IllegalArgumentException.class, () -> Jpeg2000Codec.encode(f16, 16, 20, 16));
        byte[] cs = Jpeg2000Codec.encode(f8, 23, 37, 8);
        assertEquals((byte) 0xFF, cs[0]);
        assertEquals((byte) 0x4F, cs[1], "bare code stream starts with SOC");
        assertThrows(CorruptPixelDataException.class, () -> Jpeg2000Codec.decode(Arrays.copyOf(cs, 20), 23, 37, 8));
    }
}
