package org.dicomseg.bench.kernels;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.dicomseg.pixels.BitPacking;
import org.dicomseg.pixels.RleCodec;
import org.dicomseg.mask.LabelMapMask;
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
 * JMH micro-benchmarks of label-map splitting and combining on one 512×512 plane shaped like a W1
 * slice (eight labelled ellipses, ~25 % foreground): the writer's first pass over a label plane
 * ({@link LabelMapMask#scan}) and its one-pass split into eight packed BINARY frames
 * ({@link BitPacking#packLabels}); the reader's run-by-run RLE decoding of a label frame
 * ({@link RleCodec#decodeRuns}) into a label map and split into eight channels, next to the
 * decode-then-copy it replaces.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LabelKernels {
    private static final int W = 512;
    private static final int N = W * W;
    private byte[] labels;
    private byte[][] labelPlanes;
    private int[] segmentOfLabel;
    private byte[][] packed;
    private byte[] rleLabels;
    private byte[] labelMap;
    private byte[][] channels;

    @Setup
    public void setup() {
        labels = new byte[N];
        double[][] e = {{150, 140, 90, 70}, {360, 150, 80, 100}, {130, 370, 100, 60}, {380, 380, 70, 70},
                        {256, 256, 40, 50}, {60, 256, 30, 60}, {450, 256, 40, 30}, {256, 60, 60, 25}};
        for (int k = 0; k < e.length; k++) {
            for (int y = 0; y < W; y++) {
                for (int x = 0; x < W; x++) {
                    double dx = (x - e[k][0]) / e[k][2], dy = (y - e[k][1]) / e[k][3];
                    if (dx * dx + dy * dy <= 1) labels[y * W + x] = (byte) (k + 1);
                }
            }
        }
        labelPlanes = new byte[][] {labels};
        segmentOfLabel = new int[256];
        for (int v = 1; v <= 8; v++) segmentOfLabel[v] = v;
        packed = new byte[9][];
        for (int s = 1; s <= 8; s++) packed[s] = new byte[N / 8];
        rleLabels = RleCodec.encode(labels, N, 1);
        labelMap = new byte[N];
        channels = new byte[8][N];
    }

    /** The writer's first pass over one label plane: which labels occur. */
    @Benchmark
    public Object scanLabelPlane() {
        return LabelMapMask.ofBytes(labelPlanes, W, W).scan(8, 1);
    }

    /** One label plane split into eight packed BINARY frames in one pass. */
    @Benchmark
    public byte[][] packLabels() {
        for (int s = 1; s <= 8; s++) Arrays.fill(packed[s], (byte) 0);
        BitPacking.packLabels(labels, N, segmentOfLabel, packed);
        return packed;
    }

    /** For comparison: decode the RLE label frame into a new array (what the reader did before). */
    @Benchmark
    public byte[] rleDecodeLabels() {
        return RleCodec.decode(rleLabels, 1, N);
    }

    /** RLE label frame run by run into a label map: one fill per run of a label, background runs skipped. */
    @Benchmark
    public byte[] rleRunsIntoLabelMap() {
        RleCodec.decodeRuns(rleLabels, rleLabels.length, N, new RleCodec.RunSink() {
            @Override public void fill(int offset, int length, byte value) {
                if (value != 0) Arrays.fill(labelMap, offset, offset + length, value);
            }

            @Override public void literal(int offset, byte[] src, int srcOffset, int length) {
                for (int i = 0; i < length; i++) {
                    byte v = src[srcOffset + i];
                    if (v != 0) labelMap[offset + i] = v;
                }
            }
        });
        return labelMap;
    }

    /** RLE label frame run by run, split into eight 0/1 channels in one pass. */
    @Benchmark
    public byte[][] rleRunsSplitIntoChannels() {
        RleCodec.decodeRuns(rleLabels, rleLabels.length, N, new RleCodec.RunSink() {
            @Override public void fill(int offset, int length, byte value) {
                if (value != 0) Arrays.fill(channels[value - 1], offset, offset + length, (byte) 1);
            }

            @Override public void literal(int offset, byte[] src, int srcOffset, int length) {
                for (int i = 0; i < length; i++) {
                    int v = src[srcOffset + i];
                    if (v != 0) channels[v - 1][offset + i] = 1;
                }
            }
        });
        return channels;
    }
}
