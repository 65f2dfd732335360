package org.dicomseg.bench;

import java.io.IOException;
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

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.options.CommandLine;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.samples.BenchmarkSeries;
import org.dicomseg.source.SourceImages;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import org.dicomseg.write.SegWriter;

/**
 * Workload W3 (issue 19: 117 labels, 400 × 512², 7,854 BINARY frames, TotalSegmentator-like;
 * {@link W3Workload}) as whole operations in one JVM: write BINARY and LABELMAP + RLE from the label
 * map over a 400-slice CT series 1.25 mm apart; read each file back as a label map and as the five
 * segments the spec selects (one channel each, over all 400 planes). Each operation is warmed up
 * until the JIT compiler is quiet ({@link Warmup}), then timed {@code --runs} times; the median,
 * minimum, heap high-water mark and frames are printed, and every result is checked outside the
 * timing: frames written as the spec says, frames decoded (a read of five segments of the BINARY file
 * decodes only those segments' frames: the sum of their slices, 412 — not the 7,854), planes (all 400:
 * the five segments span the source grid) and voxels per label.
 *
 * <pre>java -Xmx6g -cp ... org.dicomseg.bench.W3Bench --workdir DIR --w3 shared/bench/w3-many-segments.json [--runs 7]
 *     [--warmup 3] [--jit-quiet 5] [--scale F] [--ops write-binary,write-labelmap-rle,read-binary-labelmap,
 *     read-labelmap-labelmap,read-binary-5,read-labelmap-5,cli-inputs]</pre>
 * {@code cli-inputs} (not timed) writes what the whole-process figures use: DIR/w3-labels.tif (the label
 * map as ImageJ's 8-bit TIFF stack), DIR/w3-labels.raw (the same bytes, z,y,x, for highdicom), the source
 * series DIR/w3-source and the two SEGs.
 */
public final class W3Bench {
    /** The timed operations, in the order of the tables. */
    public static final List<String> OPS = List.of("write-binary", "write-labelmap-rle", "read-binary-labelmap",
            "read-labelmap-labelmap", "read-binary-5", "read-labelmap-5");

    private final Path dir;
    private final W3Workload w3;
    private byte[][] planes;
    private SourceImages sources;
    private List<SegmentDescription> segments;

    private W3Bench(Path dir, W3Workload w3) {
        this.dir = dir;
        this.w3 = w3;
    }

    public static void main(String[] args) throws Exception {
        CommandLine a = CommandLine.parse(Arrays.asList(args),
                java.util.Set.of("workdir", "w3", "scale", "warmup", "jit-quiet", "runs", "ops"), java.util.Set.of());
        if (!a.positional().isEmpty()) throw new IllegalArgumentException("unexpected argument " + a.positional().get(0));
        double scale = Double.parseDouble(a.get("scale", "1"));
        Path dir = Paths.get(a.get("workdir", System.getProperty("java.io.tmpdir") + "/dicomseg-bench"));
        if (scale != 1) dir = dir.resolve("scale-" + scale);
        Files.createDirectories(dir);
        W3Workload w = W3Workload.load(Paths.get(a.get("w3", "../shared/bench/w3-many-segments.json"))).scaled(scale);
        W3Bench b = new W3Bench(dir, w);
        int runs = Integer.parseInt(a.get("runs", "7"));
        int warmup = Integer.parseInt(a.get("warmup", "3"));
        int quiet = Integer.parseInt(a.get("jit-quiet", "5"));
        List<String> ops = a.has("ops") ? Arrays.asList(a.get("ops").split(",")) : OPS;
        System.out.printf(Locale.ROOT, "W3 %d x %d x %d, %d labels%s; %d cores, max heap %d MiB, %s %s%n", w.depth(), w.height(), w.width(),
                w.segmentCount(), scale == 1 ? "" : " (scaled by " + scale + ")", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.println("| operation | median s | min s | heap peak MiB | frames | planes | warm-up runs |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String op : ops) b.run(op.trim(), runs, warmup, quiet);
    }

    private Path binary() { return dir.resolve("w3-binary.dcm"); }
    private Path labelmap() { return dir.resolve("w3-labelmap-rle.dcm"); }

    private void run(String op, int runs, int warmup, int quiet) throws Exception {
        if (op.equals("cli-inputs")) {
            cliInputs();
            return;
        }
        if (!OPS.contains(op)) throw new IllegalArgumentException("unknown operation " + op + "; known: " + OPS + " and cli-inputs");
        Path written = op.equals("write-binary") ? binary() : op.equals("write-labelmap-rle") ? labelmap() : null;
        if (written != null) prepareInputs();
        ensure(binary(), SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        ensure(labelmap(), SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS);
        Warmup.Body body = () -> once(op);
        int warmed = Warmup.untilJitQuiet(() -> {
            if (written != null) Files.deleteIfExists(written);
            body.run();
        }, warmup, quiet, 200);
        double[] t = new double[runs];
        long peak = 0;
        Object result = null;
        for (int i = 0; i < runs; i++) {
            result = null;
            if (written != null) Files.deleteIfExists(written);
            System.gc();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
            long t0 = System.nanoTime();
            result = once(op);
            t[i] = (System.nanoTime() - t0) / 1e9;
            long sum = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
            peak = Math.max(peak, sum);
        }
        Arrays.sort(t);
        String frames;
        String planesOut = "";
        if (result instanceof SegWriteResult) {
            int n = ((SegWriteResult) result).numberOfFrames();
            check(op + " frames written", n, op.equals("write-binary") ? w3.expectedBinaryFrames() : w3.expectedLabelmapFrames());
            frames = n + " written";
        } else {
            SegmentationVolume v = (SegmentationVolume) result;
            frames = v.framesRead() + " decoded";
            planesOut = Integer.toString(v.planes());
            checkRead(op, v);
        }
        System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %d | %s | %s | %d |%n", op, t[runs / 2], t[0], peak >> 20, frames, planesOut, warmed);
    }

    private Object once(String op) throws IOException {
        switch (op) {
            case "write-binary": return write(binary(), SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            case "write-labelmap-rle": return write(labelmap(), SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS);
            case "read-binary-labelmap": return read(binary(), ReconstructionOptions.defaults().combineToLabelMap());
            case "read-labelmap-labelmap": return read(labelmap(), ReconstructionOptions.defaults().combineToLabelMap());
            case "read-binary-5": return read(binary(), ReconstructionOptions.defaults().segments(w3.selectedSegments()));
            case "read-labelmap-5": return read(labelmap(), ReconstructionOptions.defaults().segments(w3.selectedSegments()));
            default: throw new IllegalArgumentException(op);
        }
    }

    /**
     * A read's result against the spec: all planes of the series; frames decoded (BINARY, five segments:
     * only theirs); voxels per label (label map: all 117; five segments: theirs, channel by channel).
     */
    private void checkRead(String op, SegmentationVolume v) {
        check(op + " planes", v.planes(), w3.depth());
        boolean five = op.endsWith("-5");
        int[] chosen = w3.selectedSegments();
        int expectFrames;
        if (op.startsWith("read-binary")) {
            if (five) {
                expectFrames = 0;
                for (int s : chosen) expectFrames += w3.slicesOf(s);
                if (w3.scale() != 1) expectFrames = -1;
            } else {
                expectFrames = w3.expectedBinaryFrames();
            }
        } else {
            expectFrames = w3.expectedLabelmapFrames();
        }
        check(op + " frames decoded", v.framesRead(), expectFrames);
        if (w3.scale() != 1) return;
        byte[][] truth = planes();
        long[] want = new long[256];
        long[] got = new long[256];
        for (int z = 0; z < v.planes(); z++) {
            for (byte b : truth[z]) want[b & 0xFF]++;
            if (five) {
                for (int c = 0; c < v.channels(); c++) {
                    if (v.isEmpty(c, z)) continue;
                    byte[] p = (byte[]) v.plane(c, z);
                    for (byte b : p) if (b != 0) got[v.segmentNumbers()[c]]++;
                }
            } else if (!v.isEmpty(0, z)) {
                for (byte b : (byte[]) v.plane(0, z)) got[b & 0xFF]++;
            }
        }
        int[] labels = five ? chosen : java.util.stream.IntStream.rangeClosed(1, w3.segmentCount()).toArray();
        for (int s : labels) {
            if (got[s] != want[s]) throw new IllegalStateException(op + ": label " + s + " has " + got[s] + " voxels, the label map " + want[s]);
        }
    }

    private static void check(String what, long got, long expected) {
        if (expected >= 0 && got != expected) throw new IllegalStateException(what + ": " + got + ", the W3 spec says " + expected);
    }

    private byte[][] planes() {
        if (planes == null) {
            planes = w3.planes();
            w3.verify(planes);
        }
        return planes;
    }

    /** The label map (checked against the spec), the 400-slice CT series (1.25 mm apart) and 117 descriptions. */
    private void prepareInputs() throws IOException {
        if (sources != null) return;
        planes();
        Path src = dir.resolve("w3-source");
        List<Path> files = List.of();
        if (Files.isDirectory(src)) {
            try (var s = Files.list(src)) {
                files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().collect(java.util.stream.Collectors.toList());
            }
        }
        if (files.size() != w3.depth()) files = BenchmarkSeries.write(src, w3.depth(), w3.height(), w3.width(), 1.25, BenchmarkSeries.Pixels.ZEROS, 19);
        sources = SourceImages.read(files);
        segments = new ArrayList<>();
        AlgorithmIdentification algo = new AlgorithmIdentification(Codes.ARTIFICIAL_INTELLIGENCE, "W3 ellipsoids", "1");
        for (int s = 1; s <= w3.segmentCount(); s++) {
            segments.add(SegmentDescription.builder(s, "Structure " + s).category(Codes.TISSUE).type(Codes.TISSUE)
                    .algorithmType(SegmentAlgorithmType.AUTOMATIC).algorithm(algo).build());
        }
    }

    private void ensure(Path file, SegmentationType type, OutputTransferSyntax ts) throws IOException {
        if (!Bench.writtenByThisBuild(file)) write(file, type, ts);
    }

    private SegWriteResult write(Path file, SegmentationType type, OutputTransferSyntax ts) throws IOException {
        prepareInputs();
        return SegWriter.write(file, LabelMapMask.ofBytes(planes, w3.height(), w3.width()), segments, sources,
                SegWriteOptions.builder().segmentationType(type).transferSyntax(ts).overwrite(true).seriesDescription("W3 " + type).build());
    }

    private static SegmentationVolume read(Path file, ReconstructionOptions o) throws IOException {
        try (SegmentationReader r = SegmentationReader.open(file)) {
            return Reconstructor.volume(r, o);
        }
    }

    /** Not timed: the inputs of the whole-process figures (label TIFF, raw label map, source series, both SEGs). */
    private void cliInputs() throws IOException {
        prepareInputs();
        Path tif = dir.resolve("w3-labels.tif");
        if (!Files.exists(tif)) {
            ij.ImageStack stack = new ij.ImageStack(w3.width(), w3.height());
            for (byte[] plane : planes) stack.addSlice(null, new ij.process.ByteProcessor(w3.width(), w3.height(), plane));
            org.dicomseg.samples.LabelImageWriter.write(new ij.ImagePlus("w3-labels", stack), tif);
        }
        Path raw = dir.resolve("w3-labels.raw");
        if (!Files.exists(raw)) {
            try (var out = Files.newOutputStream(raw)) {
                for (byte[] p : planes) out.write(p);
            }
        }
        ensure(binary(), SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        ensure(labelmap(), SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS);
        System.out.printf(Locale.ROOT, "| cli-inputs | %s, %s, %s, %s, %s |%n", tif, raw, dir.resolve("w3-source"), binary(), labelmap());
    }
}
