package org.dicomseg.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dicomseg.codec.OutputTransferSyntax;
import org.dicomseg.codec.SegWriteOptions;
import org.dicomseg.codec.SegWriteResult;
import org.dicomseg.codec.SegWriter;
import org.dicomseg.codec.SegmentationReader;
import org.dicomseg.codec.SourceImages;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.samples.BenchmarkSeries;

/**
 * Whole-operation benchmark of the reference workloads (issue "Benchmarks"): generates its
 * inputs deterministically, runs each operation after warm-up runs, and prints the median and
 * minimum time per operation, the JVM heap high-water mark during the operation (sum of the heap
 * pools' peak usage, reset before each run) and a memory-bandwidth bound for comparison.
 *
 * <p>Run through {@code scripts/bench}, which also measures whole-process time and peak RSS with
 * {@code /usr/bin/time -v}. Benchmarks are not tests: nothing here asserts a time.</p>
 *
 * <pre>
 * Bench [--workdir DIR] [--warmup N] [--runs N] [--ops op1,op2,...] [--w1 shared/bench/w1-ct-labelmap.json]
 * </pre>
 */
public final class Bench {
    /** Operations of workload W1, in the order of the issue's table. */
    public static final List<String> W1_OPS = List.of(
            "w1-write-binary", "w1-write-labelmap-rle",
            "w1-read-binary-channels", "w1-read-binary-labelmap",
            "w1-read-labelmap-channels", "w1-read-labelmap-labelmap");

    private final Path workdir;
    private final Path w1Spec;
    private final int warmup;
    private final int runs;
    private final PrintStream out;
    private W1Workload w1;
    private byte[][] w1Planes;
    private SourceImages w1Sources;
    private List<SegmentDescription> w1Segments;
    private double bandwidth;

    Bench(Path workdir, Path w1Spec, int warmup, int runs, PrintStream out) {
        this.workdir = workdir;
        this.w1Spec = w1Spec;
        this.warmup = warmup;
        this.runs = runs;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        Path work = Paths.get(a.getOrDefault("workdir", System.getProperty("java.io.tmpdir") + "/dicomseg-bench"));
        Path spec = Paths.get(a.getOrDefault("w1", "../shared/bench/w1-ct-labelmap.json"));
        Bench b = new Bench(work, spec, Integer.parseInt(a.getOrDefault("warmup", "3")),
                Integer.parseInt(a.getOrDefault("runs", "7")), System.out);
        List<String> ops = a.containsKey("ops") ? Arrays.asList(a.get("ops").split(",")) : W1_OPS;
        b.run(ops);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: Bench [--workdir DIR] [--warmup N] [--runs N] [--ops a,b] [--w1 SPEC]");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    /** Runs the given operations and prints one result line each. */
    public void run(List<String> ops) throws IOException {
        Files.createDirectories(workdir);
        prepareW1();
        bandwidth = measureCopyBandwidth();
        out.printf(Locale.ROOT, "machine: %d cores, max heap %d MiB, %s %s; copy bandwidth %.1f GB/s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), bandwidth / 1e9);
        out.println("| operation | median s | min s | heap peak MiB | bandwidth bound s | file MB | frames |");
        out.println("|---|---|---|---|---|---|---|");
        for (String op : ops) {
            runOne(op.trim());
        }
    }

    /** Loads the spec; the label map and sources are built only when a write needs them. */
    private void prepareW1() throws IOException {
        w1 = W1Workload.load(w1Spec);
    }

    private void prepareW1Inputs() throws IOException {
        if (w1Planes != null) return;
        w1Planes = w1.planes();
        Path src = workdir.resolve("w1-source");
        List<Path> files;
        if (Files.isDirectory(src)) {
            try (var s = Files.list(src)) {
                files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().collect(java.util.stream.Collectors.toList());
            }
        } else {
            files = List.of();
        }
        if (files.size() != w1.depth()) {
            files = BenchmarkSeries.write(src, w1.depth(), w1.height(), w1.width(), BenchmarkSeries.Pixels.ZEROS, 7);
        }
        w1Sources = SourceImages.read(files);
        w1Segments = new ArrayList<>();
        AlgorithmIdentification algo = new AlgorithmIdentification(Codes.ARTIFICIAL_INTELLIGENCE, "W1 ellipsoids", "1");
        for (int s = 1; s <= w1.segmentCount(); s++) {
            w1Segments.add(SegmentDescription.builder(s, "Ellipsoid " + s).category(Codes.TISSUE).type(Codes.TISSUE)
                    .algorithmType(SegmentAlgorithmType.AUTOMATIC).algorithm(algo).build());
        }
    }

    private void runOne(String op) throws IOException {
        Path binary = workdir.resolve("w1-binary.dcm");
        Path labelmap = workdir.resolve("w1-labelmap-rle.dcm");
        Op body;
        long bytesTouched;
        switch (op) {
            case "w1-write-binary":
                prepareW1Inputs();
                body = () -> write(binary, SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                bytesTouched = labelBytes() + (long) w1.expectedBinaryFrames() * w1.width() * w1.height() / 8;
                break;
            case "w1-write-labelmap-rle":
                prepareW1Inputs();
                body = () -> write(labelmap, SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS);
                bytesTouched = 2 * labelBytes();
                break;
            case "w1-read-binary-channels":
                ensure(binary, SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                body = () -> read(binary, false);
                bytesTouched = Files.size(binary) + (long) w1.expectedBinaryFrames() * w1.width() * w1.height();
                break;
            case "w1-read-binary-labelmap":
                ensure(binary, SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                body = () -> read(binary, true);
                bytesTouched = Files.size(binary) + labelBytes();
                break;
            case "w1-read-labelmap-channels":
                ensure(labelmap, SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS);
                body = () -> read(labelmap, false);
                bytesTouched = labelBytes() + (long) w1.expectedBinaryFrames() * w1.width() * w1.height();
                break;
            case "w1-read-labelmap-labelmap":
                ensure(labelmap, SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS);
                body = () -> read(labelmap, true);
                bytesTouched = 2 * labelBytes();
                break;
            default:
                throw new IllegalArgumentException("unknown operation " + op + "; known: " + W1_OPS);
        }
        for (int i = 0; i < warmup; i++) body.run();
        double[] times = new double[runs];
        long heapPeak = 0;
        Object result = null;
        for (int i = 0; i < runs; i++) {
            result = null;
            System.gc();
            resetPeaks();
            long t0 = System.nanoTime();
            result = body.run();
            times[i] = (System.nanoTime() - t0) / 1e9;
            heapPeak = Math.max(heapPeak, heapPeak());
        }
        Arrays.sort(times);
        String file = "";
        String frames = "";
        if (result instanceof SegWriteResult) {
            SegWriteResult r = (SegWriteResult) result;
            file = String.format(Locale.ROOT, "%.1f", Files.size(r.file()) / 1e6);
            frames = Integer.toString(r.numberOfFrames());
        } else if (result instanceof SegmentationVolume) {
            frames = Long.toString(((SegmentationVolume) result).framesRead()) + " read";
        }
        out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %d | %.3f | %s | %s |%n", op, times[runs / 2], times[0],
                heapPeak >> 20, bytesTouched / bandwidth, file, frames);
    }

    private long labelBytes() {
        return (long) w1.depth() * w1.width() * w1.height();
    }

    private void ensure(Path file, SegmentationType type, OutputTransferSyntax ts) throws IOException {
        if (!Files.exists(file)) write(file, type, ts);
    }

    private SegWriteResult write(Path file, SegmentationType type, OutputTransferSyntax ts) throws IOException {
        prepareW1Inputs();
        return SegWriter.write(file, LabelMapMask.ofBytes(w1Planes, w1.height(), w1.width()), w1Segments, w1Sources,
                SegWriteOptions.builder().segmentationType(type).transferSyntax(ts).overwrite(true)
                        .seriesDescription("W1 " + type).build());
    }

    private SegmentationVolume read(Path file, boolean labelMap) throws IOException {
        try (SegmentationReader r = SegmentationReader.open(file)) {
            ReconstructionOptions o = ReconstructionOptions.defaults();
            if (labelMap) o.combineToLabelMap();
            return Reconstructor.volume(r, o);
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        }
    }

    private static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    /** Bytes per second of a large System.arraycopy (read + write counted once each). */
    private static double measureCopyBandwidth() {
        byte[] a = new byte[128 << 20];
        byte[] b = new byte[128 << 20];
        Arrays.fill(a, (byte) 1);
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            System.arraycopy(a, 0, b, 0, a.length);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return 2.0 * a.length / best;
    }

    @FunctionalInterface
    private interface Op {
        Object run() throws IOException;
    }
}
