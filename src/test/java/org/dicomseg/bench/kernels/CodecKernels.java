package org.dicomseg.bench.kernels;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.dicomseg.pixels.BitPacking;
import org.dicomseg.pixels.RleCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH micro-benchmarks of the codec kernels on one 512×512 frame shaped like W1's masks (a
 * filled ellipse, ~25 % foreground): bit packing and unpacking at a byte-aligned and an odd bit
 * offset, and RLE encoding and decoding of the packed frame and of an 8-bit label frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecKernels {
    private static final int N = 512 * 512;
    private byte[] mask;
    private byte[] labels;
    private byte[] packed;
    private byte[] packedOdd;
    private byte[] unpacked;
    private byte[] rlePacked;
    private byte[] rleLabels;

    @Setup
    public void setup() {
        mask = new byte[N];
        labels = new byte[N];
        Random r = new Random(1);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 512; x++) {
                double dx = (x - 256) / 150.0, dy = (y - 256) / 110.0;
                boolean in = dx * dx + dy * dy <= 1;
                mask[y * 512 + x] = (byte) (in ? 1 : 0);
                labels[y * 512 + x] = (byte) (in ? 1 + (x > 256 ? 1 : 0) : 0);
            }
        }
        packed = BitPacking.pack(mask);
        packedOdd = new byte[(int) BitPacking.packedLength(N + 3)];
        unpacked = new byte[N];
        rlePacked = RleCodec.encode(packed, packed.length, 1);
        rleLabels = RleCodec.encode(labels, labels.length, 1);
        r.nextInt();
    }

    @Benchmark
    public byte[] packAligned() {
        byte[] out = new byte[packed.length];
        BitPacking.pack(mask, 0, N, out, 0);
        return out;
    }

    @Benchmark
    public byte[] packOddOffset() {
        java.util.Arrays.fill(packedOdd, (byte) 0);
        BitPacking.pack(mask, 0, N, packedOdd, 3);
        return packedOdd;
    }

    @Benchmark
    public byte[] unpackAligned() {
        BitPacking.unpack(packed, 0, unpacked, 0, N);
        return unpacked;
    }

    @Benchmark
    public byte[] rleEncodePacked() {
        return RleCodec.encode(packed, packed.length, 1);
    }

    @Benchmark
    public byte[] rleDecodePacked() {
        return RleCodec.decode(rlePacked, 1, packed.length);
    }

    @Benchmark
    public byte[] rleEncodeLabels() {
        return RleCodec.encode(labels, labels.length, 1);
    }

    @Benchmark
    public byte[] rleDecodeLabels() {
        return RleCodec.decode(rleLabels, 1, labels.length);
    }
}
