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
import java.util.List;
import java.util.Locale;

import org.dicomseg.options.CommandLine;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import org.dicomseg.write.SegWriter;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceImages;
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
 * inputs deterministically (and checks them against the spec), runs each operation after warm-up
 * runs, and prints the median and minimum time per operation, the JVM heap high-water mark during
 * the operation (sum of the heap pools' peak usage, reset before each run) and a memory-bandwidth
 * bound for comparison: the bytes the operation must read (the input file, or the label map a
 * write encodes) divided by the measured read bandwidth, plus the bytes it must write (the output
 * file, or the output planes actually allocated) divided by the measured write bandwidth; both
 * bandwidths are the best of one thread and all cores streaming over 128 MiB arrays. Beside the
 * bound, a floor: the input at the read bandwidth as in the bound, plus what no implementation on
 * this JVM and kernel avoids for the output, measured in the same process and conditions: for
 * writes, putting the output file's bytes into a new file (one {@code FileChannel} write from a
 * direct buffer); for reads, allocating the result's planes (the JVM zeroes them, and the garbage
 * collector moves them when they outgrow the young generation), on all cores, after the same
 * {@code System.gc()}. Write operations delete their output before
 * each timed run (outside the timing), so every run writes a new file.
 *
 * <p>Run through {@code scripts/bench}, which also measures whole-process time and peak RSS with
 * {@code /usr/bin/time -v}. Benchmarks are not tests: nothing here asserts a time.</p>
 *
 * <pre>
 * Bench [--workdir DIR] [--warmup N] [--jit-quiet K] [--runs N] [--ops op1,op2,...] [--w1 shared/bench/w1-ct-labelmap.json] [--scale F]
 *   --warmup N     at least N warm-up runs per operation (default 3), then more until the JIT compiler
 *                  added no compilation time during K runs in a row (--jit-quiet, default 5; 0 = exactly N),
 *                  at most 200 ({@link Warmup})
 *   --scale F   W1 shrunk by F along each axis (0 &lt; F &le; 1; smoke runs), in DIR/scale-F
 *   --bound off no bandwidth measurement (its 128 MiB arrays per core would count in a whole-process RSS)
 * </pre>
 */
public final class Bench {
    /** Operations of workload W1, in the order of the issue's table. */
    public static final List<String> W1_OPS = List.of(
            "w1-write-binary", "w1-write-labelmap-rle",
            "w1-read-binary-channels", "w1-read-binary-labelmap",
            "w1-read-labelmap-channels", "w1-read-labelmap-labelmap");
    /** JPEG-LS beside RLE on W1's label map (scripts/bench --jpegls; not in the default run). */
    public static final List<String> JPEG_LS_OPS = List.of(
            "w1-write-labelmap-rle", "w1-write-labelmap-jpegls", "w1-read-labelmap-labelmap", "w1-read-labelmap-jpegls");

    private final Path workdir;
    private final Path w1Spec;
    private final int warmup;
    private final int runs;
    private final PrintStream out;
    private W1Workload w1;
    private byte[][] w1Planes;
    private SourceImages w1Sources;
    private List<SegmentDescription> w1Segments;
    private double readBandwidth;
    private double writeBandwidth;
    private double copyBandwidth;
    private double scale = 1;
    private boolean bound = true;
    /** Warm-up goes on until this many runs in a row compiled nothing ({@link Warmup}); 0 = exactly {@link #warmup} runs. */
    private int jitQuiet = 5;
    private static final int MAX_WARMUP = 200;
    /** Warm-up runs of the floor measurements (plain allocation and file writes: little to compile). */
    private static final int FLOOR_WARMUP = 3;

    Bench(Path workdir, Path w1Spec, int warmup, int runs, PrintStream out) {
        this.workdir = workdir;
        this.w1Spec = w1Spec;
        this.warmup = warmup;
        this.runs = runs;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        CommandLine a = CommandLine.parse(Arrays.asList(args),
                java.util.Set.of("workdir", "w1", "scale", "warmup", "jit-quiet", "runs", "bound", "ops"), java.util.Set.of());
        if (!a.positional().isEmpty()) throw new IllegalArgumentException("unexpected argument " + a.positional().get(0));
        Path work = Paths.get(a.get("workdir", System.getProperty("java.io.tmpdir") + "/dicomseg-bench"));
        Path spec = Paths.get(a.get("w1", "../shared/bench/w1-ct-labelmap.json"));
        double scale = Double.parseDouble(a.get("scale", "1"));
        if (scale != 1) work = work.resolve("scale-" + scale);
        Bench b = new Bench(work, spec, Integer.parseInt(a.get("warmup", "3")),
                Integer.parseInt(a.get("runs", "7")), System.out);
        b.scale = scale;
        b.bound = !"off".equals(a.get("bound", "on"));
        b.jitQuiet = Integer.parseInt(a.get("jit-quiet", "5"));
        List<String> ops = a.has("ops") ? Arrays.asList(a.get("ops").split(",")) : W1_OPS;
        b.run(ops);
    }

    /** Runs the given operations and prints one result line each. */
    public void run(List<String> ops) throws IOException {
        Files.createDirectories(workdir);
        prepareW1();
        if (bound) measureBandwidth();
        out.printf(Locale.ROOT, "machine: %d cores, max heap %d MiB, %s %s; W1 %d x %d x %d%s; %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), w1.depth(), w1.height(), w1.width(),
                scale == 1 ? "" : " (scaled by " + scale + ")", !bound ? "memory bandwidth not measured"
                        : String.format(Locale.ROOT, "memory bandwidth read %.1f GB/s, write %.1f GB/s, copy %.1f GB/s"
                                + " (read + written bytes)", readBandwidth / 1e9, writeBandwidth / 1e9, copyBandwidth / 1e9));
        out.println("| operation | median s | min s | heap peak MiB | MB read | MB written | bound s | median / bound | floor s | median / floor | file MB | frames | warm-up runs |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (String op : ops) {
            runOne(op.trim());
        }
    }

    /** Loads the spec; the label map and sources are built only when a write needs them. */
    private void prepareW1() throws IOException {
        w1 = W1Workload.load(w1Spec).scaled(scale);
    }

    private void prepareW1Inputs() throws IOException {
        if (w1Planes != null) return;
        w1Planes = w1.planes();
        w1.verify(w1Planes);
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
        Path jpegls = workdir.resolve("w1-labelmap-jpegls.dcm");
        if (op.equals(CLI_INPUTS)) {
            writeCliInputs(binary, labelmap);
            return;
        }
        Op body;
        Path written = null; // deleted before each timed run
        switch (op) {
            case "w1-write-binary":
                prepareW1Inputs();
                written = binary;
                body = () -> write(binary, SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                break;
            case "w1-write-labelmap-rle":
                prepareW1Inputs();
                written = labelmap;
                body = () -> write(labelmap, SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS);
                break;
            case "w1-read-binary-channels":
                ensure(binary, SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                body = () -> read(binary, false);
                break;
            case "w1-read-binary-labelmap":
                ensure(binary, SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                body = () -> read(binary, true);
                break;
            case "w1-read-labelmap-channels":
                ensure(labelmap, SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS);
                body = () -> read(labelmap, false);
                break;
            case "w1-read-labelmap-labelmap":
                ensure(labelmap, SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS);
                body = () -> read(labelmap, true);
                break;
            case "w1-write-labelmap-jpegls": // issue 18: our JPEG-LS encoder against RLE on the same label map
                prepareW1Inputs();
                written = jpegls;
                body = () -> write(jpegls, SegmentationType.LABELMAP, OutputTransferSyntax.JPEG_LS_LOSSLESS);
                break;
            case "w1-read-labelmap-jpegls":
                ensure(jpegls, SegmentationType.LABELMAP, OutputTransferSyntax.JPEG_LS_LOSSLESS);
                body = () -> read(jpegls, true);
                break;
            default:
                throw new IllegalArgumentException("unknown operation " + op + "; known: " + W1_OPS + ", " + JPEG_LS_OPS
                        + " and " + CLI_INPUTS);
        }
        int warmed;
        try {
            warmed = Warmup.untilJitQuiet(body::run, warmup, jitQuiet, MAX_WARMUP);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        double[] times = new double[runs];
        long heapPeak = 0;
        Object result = null;
        for (int i = 0; i < runs; i++) {
            result = null;
            if (written != null) Files.deleteIfExists(written);
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
        long bytesIn;
        long bytesOut;
        if (result instanceof SegWriteResult) {
            SegWriteResult r = (SegWriteResult) result;
            file = String.format(Locale.ROOT, "%.1f", Files.size(r.file()) / 1e6);
            frames = Integer.toString(r.numberOfFrames());
            check(op, r.numberOfFrames(), op.equals("w1-write-binary") ? w1.expectedBinaryFrames() : w1.expectedLabelmapFrames());
            bytesIn = labelBytes();
            bytesOut = Files.size(r.file());
        } else {
            SegmentationVolume v = (SegmentationVolume) result;
            frames = v.framesRead() + " read";
            check(op, v.framesRead(), op.startsWith("w1-read-binary") ? w1.expectedBinaryFrames() : w1.expectedLabelmapFrames());
            bytesIn = Files.size(op.startsWith("w1-read-binary") ? binary : op.endsWith("-jpegls") ? jpegls : labelmap);
            bytesOut = outputBytes(v);
        }
        double limit = bytesIn / readBandwidth + bytesOut / writeBandwidth;
        // the input at the read bandwidth, as in the bound, plus the measured cost of the output
        double floor = !bound ? 0 : bytesIn / readBandwidth + (result instanceof SegWriteResult
                ? Floors.fileWrite(workdir, bytesOut, FLOOR_WARMUP, runs)
                : Floors.planes((int) (bytesOut / ((long) w1.width() * w1.height())), w1.width() * w1.height(), FLOOR_WARMUP, runs));
        out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %d | %.1f | %.1f | %s | %s | %s | %s | %s | %s | %d |%n", op, times[runs / 2], times[0],
                heapPeak >> 20, bytesIn / 1e6, bytesOut / 1e6, bound ? String.format(Locale.ROOT, "%.3f", limit) : "-",
                bound ? String.format(Locale.ROOT, "%.1f", times[runs / 2] / limit) : "-",
                bound ? String.format(Locale.ROOT, "%.3f", floor) : "-",
                bound ? String.format(Locale.ROOT, "%.1f", times[runs / 2] / floor) : "-", file, frames, warmed);
    }

    /**
     * Not timed: the inputs of the whole-process command-line figures ({@code scripts/bench --cli}):
     * the W1 label map as an 8-bit TIFF stack and as a NIfTI .nii.gz (what a user hands to {@code dicomseg export --labels}),
     * the source series and the two SEG files the read commands open.
     */
    private void writeCliInputs(Path binary, Path labelmap) throws IOException {
        prepareW1Inputs();
        Path tif = workdir.resolve("w1-labels.tif");
        if (!Files.exists(tif)) {
            ij.ImageStack stack = new ij.ImageStack(w1.width(), w1.height());
            for (byte[] plane : w1Planes) stack.addSlice(null, new ij.process.ByteProcessor(w1.width(), w1.height(), plane));
            org.dicomseg.samples.LabelImageWriter.write(new ij.ImagePlus("w1-labels", stack), tif);
        }
        Path nii = workdir.resolve("w1-labels.nii.gz");
        if (!Files.exists(nii)) writeNifti(nii);
        ensure(binary, SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        ensure(labelmap, SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS);
        out.printf(Locale.ROOT, "| %s | %s, %s, %s, %s, %s |%n", CLI_INPUTS, tif, nii, workdir.resolve("w1-source"), binary, labelmap);
    }

    /**
     * The W1 label map as a NIfTI-1 .nii.gz the way dcm2niix-derived pipelines (TotalSegmentator,
     * nnU-Net) hold it: columns along i, rows stored bottom-up along j, slices along k.
     */
    private void writeNifti(Path nii) throws IOException {
        org.dicomseg.source.SourceFrame f0 = w1Sources.frame(0);
        org.dicomseg.source.SourceFrame f1 = w1Sources.frame(1);
        double[] row = f0.orientation().row();
        double[] col = f0.orientation().column();
        double cs = f0.pixelMeasures().columnSpacing();
        double rs = f0.pixelMeasures().rowSpacing();
        double[] p0 = f0.position().toArray();
        double[] p1 = f1.position().toArray();
        double[] origin = new double[3];
        for (int d = 0; d < 3; d++) origin[d] = p0[d] + (w1.height() - 1) * rs * col[d];
        double[][] axes = {
            {row[0] * cs, row[1] * cs, row[2] * cs},
            {-col[0] * rs, -col[1] * rs, -col[2] * rs},
            {p1[0] - p0[0], p1[1] - p0[1], p1[2] - p0[2]}};
        org.dicomseg.volume.VolumeGrid grid = new org.dicomseg.volume.VolumeGrid(new int[] {w1.width(), w1.height(), w1.depth()}, origin, axes);
        int w = w1.width();
        int h = w1.height();
        byte[] flipped = new byte[w * h];
        org.dicomseg.volume.VolumeWriter.nifti(true).write(nii, grid, org.dicomseg.volume.VoxelType.UINT8, 1, (c, k) -> {
            for (int r = 0; r < h; r++) System.arraycopy(w1Planes[k], (h - 1 - r) * w, flipped, r * w, w);
            return flipped;
        });
    }

    /** The operation that only writes the inputs of the command-line figures. */
    public static final String CLI_INPUTS = "w1-cli-inputs";

    private static void check(String op, long frames, int expected) {
        if (expected >= 0 && frames != expected) {
            throw new IllegalStateException(op + ": " + frames + " frames, the W1 spec says " + expected);
        }
    }

    /** Bytes of the planes the result holds (planes no frame reached are not allocated). */
    private static long outputBytes(SegmentationVolume v) {
        int bytes = v.pixelType() == SegmentationVolume.PixelType.UINT8 ? 1 : v.pixelType() == SegmentationVolume.PixelType.UINT16 ? 2 : 4;
        long n = 0;
        for (int z = 0; z < v.planes(); z++) {
            for (int c = 0; c < v.channels(); c++) if (!v.isEmpty(c, z)) n += (long) v.width() * v.height() * bytes;
        }
        return n;
    }

    private long labelBytes() {
        return (long) w1.depth() * w1.width() * w1.height();
    }

    private void ensure(Path file, SegmentationType type, OutputTransferSyntax ts) throws IOException {
        if (!writtenByThisBuild(file)) write(file, type, ts);
    }

    /**
     * True when {@code file} exists and is newer than the writer's compiled code: a SEG left in the
     * bench folder by an older build (before a change to what the writer writes) is written again,
     * so that the other tools (highdicom) read what this build writes.
     */
    public static boolean writtenByThisBuild(Path file) throws IOException {
        if (!Files.exists(file)) return false;
        try {
            java.net.URL u = SegWriter.class.getResource("SegWriter.class");
            Path code = "jar".equals(u.getProtocol())
                    ? Path.of(SegWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    : Path.of(u.toURI());
            return Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(code)) > 0;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return true; // the code's age is unknown: keep the file, as before
        }
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

    /**
     * Streaming bandwidths over 128 MiB per thread (well beyond the caches), best of 5, each the
     * better of one thread and all cores: reading (a sum over a long[]), writing (Arrays.fill of a
     * byte[] already touched, so no page faults) and System.arraycopy (read + written bytes).
     */
    private void measureBandwidth() {
        int cores = Runtime.getRuntime().availableProcessors();
        int size = 128 << 20;
        long[][] src = new long[cores][size / 8];
        byte[][] dst = new byte[cores][size];
        byte[][] from = new byte[cores][size];
        for (int t = 0; t < cores; t++) {
            Arrays.fill(src[t], 1L);
            Arrays.fill(from[t], (byte) 1);
        }
        readBandwidth = 0;
        writeBandwidth = 0;
        copyBandwidth = 0;
        for (int threads : new int[] {1, cores}) {
            readBandwidth = Math.max(readBandwidth, (double) threads * size / best(threads, t -> {
                long sum = 0;
                for (long x : src[t]) sum += x;
                if (sum == 42) System.out.print("");
            }));
            writeBandwidth = Math.max(writeBandwidth, (double) threads * size / best(threads, t -> Arrays.fill(dst[t], (byte) 2)));
            copyBandwidth = Math.max(copyBandwidth, 2.0 * threads * size / best(threads,
                    t -> System.arraycopy(from[t], 0, dst[t], 0, size)));
        }
    }

    /** Best time of 5 runs of {@code body} on {@code threads} threads at once (thread index given). */
    private static double best(int threads, java.util.function.IntConsumer body) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            Thread[] ts = new Thread[threads];
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                int k = t;
                ts[t] = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    body.accept(k);
                });
                ts[t].start();
            }
            long t0 = System.nanoTime();
            go.countDown();
            for (Thread t : ts) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    @FunctionalInterface
    private interface Op {
        Object run() throws IOException;
    }
}
