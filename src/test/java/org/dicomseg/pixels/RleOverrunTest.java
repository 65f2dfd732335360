package org.dicomseg.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * PackBits segments (PS3.5 G.3.1) that decode to more bytes than the frame holds are refused by
 * both RLE decoders, the array one ({@link RleCodec#decode}, every segment of a 16-bit frame) and
 * the run-by-run one ({@link RleCodec#decodeRuns}, 8-bit label maps); an even-length padding byte
 * and no-op headers after the last run are not.
 */
class RleOverrunTest {
    private static final RleCodec.RunSink NOTHING = new RleCodec.RunSink() {
        @Override public void fill(int offset, int length, byte value) { }
        @Override public void literal(int offset, byte[] src, int srcOffset, int length) { }
    };

    @Test
    void runsPastTheFrameAreRefusedByBothDecoders() {
        byte[] frame = new byte[99];
        Arrays.fill(frame, (byte) 7);
        byte[] good = RleCodec.encode(frame, frame.length, 1);
        assertArrayEquals(frame, RleCodec.decode(good, 1, 99));
        RleCodec.decodeRuns(good, good.length, 99, NOTHING);
        // the same runs for a frame one byte shorter: the last run crosses its end
        CorruptPixelDataException e = assertThrows(CorruptPixelDataException.class, () -> RleCodec.decode(good, 1, 98));
        assertTrue(e.getMessage().contains("RLE segment 1 decodes to more bytes (at least 99) than the frame holds (98)"), e.getMessage());
        assertThrows(CorruptPixelDataException.class, () -> RleCodec.decodeRuns(good, good.length, 98, NOTHING));
        // a literal run crossing the end
        byte[] literal = new byte[64 + 6];
        literal[0] = 1;
        literal[4] = 64;
        literal[64] = 4; // 5 literal bytes for a 3-byte frame
        assertThrows(CorruptPixelDataException.class, () -> RleCodec.decode(literal, 1, 3));
        assertThrows(CorruptPixelDataException.class, () -> RleCodec.decodeRuns(literal, literal.length, 3, NOTHING));
    }

    @Test
    void everySegmentOfASixteenBitFrameIsChecked() {
        byte[] frame = new byte[2 * 50];
        for (int i = 0; i < frame.length; i++) frame[i] = (byte) (i % 3);
        byte[] good = RleCodec.encode(frame, frame.length, 2);
        assertArrayEquals(frame, RleCodec.decode(good, 2, frame.length));
        // append whole runs to the last (low byte) segment: it decodes to more than 50 bytes
        byte[] longer = Arrays.copyOf(good, good.length + 2);
        longer[good.length] = (byte) -9;
        longer[good.length + 1] = 5;
        CorruptPixelDataException e = assertThrows(CorruptPixelDataException.class, () -> RleCodec.decode(longer, 2, frame.length));
        assertTrue(e.getMessage().contains("RLE segment 2 decodes to more bytes"), e.getMessage());
        // (each segment of good, 50 literal bytes + header = 51, ends in the writer's padding byte: decoded above)
        assertTrue((good.length & 1) == 0);
        // no-op headers (-128) after the last run are fine too
        byte[] frame8 = {1, 1, 1, 2};
        byte[] noOps = {1, 0, 0, 0, 64, 0, 0, 0};
        noOps = Arrays.copyOf(noOps, 64 + 6);
        noOps[64] = (byte) -2; // 3 x 1
        noOps[65] = 1;
        noOps[66] = 0; // 1 literal
        noOps[67] = 2;
        noOps[68] = (byte) -128;
        noOps[69] = (byte) -128;
        assertArrayEquals(frame8, RleCodec.decode(noOps, 1, 4));
    }
}
