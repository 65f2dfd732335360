package org.dicomseg.bench;

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
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import org.dicomseg.write.SegWriter;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceImages;
import org.dicomseg.write.TiledGeometry;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;

/**
 * Workload W2 (issue 7) as whole operations: a lazily computed {@link W2Workload} tissue mask on a
 * header-only VL Whole Slide Microscopy level with 256 × 256 tiles, written as a tiled BINARY SEG
 * (TILED_SPARSE, empty tiles omitted; TILED_FULL), then read back whole and as a 4,000 × 4,000
 * region. Each operation runs {@code --runs} times after one warm-up; the median is printed with
 * frames, file size, tiles decoded and the heap high-water mark of the operation. The time of a
 * read includes opening the file (header parsing); the time of the reconstruction alone is printed
 * as "decode"; the check of the result (tissue pixels counted) is outside the timing.
 *
 * <pre>java -Xmx1g -cp ... org.dicomseg.bench.W2Bench --dir /tmp/w2 [--size 30000] [--runs 3] [--warmup 1] [--jit-quiet K] [--floor on]
 *     [--ops write-sparse,write-full,read-sparse,read-full,region,write-sparse-memory,read-sparse-into,read-full-into]
 *     [--write-threads 1]</pre>
 * ({@code read-*-into}: the whole matrix into one buffer allocated once, outside the timing, and
 * reused by every run: {@link Reconstructor#totalPixelMatrixInto}.)
 * (the whole-matrix reads hold one 8-bit matrix: {@code size²} bytes of heap; above 46,340² the
 * matrix no longer fits one Java array: use {@code --size 40000 --ops write-sparse,region}, the
 * issue 5 variant.)
 */
public final class W2Bench {
    private W2Bench() { }

    public static void main(String[] args) throws Exception {
        CommandLine a = CommandLine.parse(Arrays.asList(args),
                java.util.Set.of("dir", "size", "runs", "warmup", "jit-quiet", "floor", "write-threads", "ops"), java.util.Set.of());
        if (!a.positional().isEmpty()) throw new IllegalArgumentException("unexpected argument " + a.positional().get(0));
        Path dir = Paths.get(a.get("dir", "/tmp/w2"));
        int size = Integer.parseInt(a.get("size", "30000"));
        int runs = Integer.parseInt(a.get("runs", "3"));
        int warmup = Integer.parseInt(a.get("warmup", "1"));
        int jitQuiet = Integer.parseInt(a.get("jit-quiet", "0")); // see Warmup: more warm-up until the JIT is quiet
        boolean floors = "on".equals(a.get("floor", "off")); // off for whole-process figures: a floor adds its own file or matrix
        writeThreads = Integer.parseInt(a.get("write-threads", "1"));
        List<String> ops = Arrays.asList(a.get("ops", "write-sparse,write-full,read-sparse,read-full,region").split(","));
        Files.createDirectories(dir);
        Path src = dir.resolve("w2-level-" + size + ".dcm");
        if (!Files.exists(src)) new SlideWriter(SampleStudy.deterministic(2), size, size, 256).rgb(true).headerOnly(true).write(src);
        W2Workload w = new W2Workload(size);
        List<SegmentDescription> seg = List.of(SegmentDescription.builder(1, "Tissue")
                .category(CodedConcept.sct("91723000", "Anatomical structure")).type(CodedConcept.sct("85756007", "Tissue"))
                .algorithmType(SegmentAlgorithmType.MANUAL).build());
        System.out.printf(Locale.ROOT, "W2 %d x %d, 256 tiles, %d cores, max heap %d MiB, %s%n", size, size,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        for (String op : ops) {
            double[] t = new double[runs];
            double[] dec = new double[runs];
            String detail = "";
            int warmed = Warmup.untilJitQuiet(() -> {
                prepare(dir, op);
                run(op, dir, src, w, seg);
            }, warmup, jitQuiet, 200);
            for (int i = 0; i < runs; i++) {
                prepare(dir, op);
                resetPeaks();
                long t0 = System.nanoTime();
                detail = run(op, dir, src, w, seg);
                double s = (System.nanoTime() - t0) / 1e9;
                t[i] = s - checkSeconds;
                dec[i] = decodeSeconds;
            }
            if (warmed != warmup) detail += ", " + warmed + " warm-up runs";
            Arrays.sort(t);
            Arrays.sort(dec);
            if (op.startsWith("read") || op.equals("region")) {
                detail += String.format(Locale.ROOT, ", decode median %.3f s (min %.3f)", dec[runs / 2], dec[0]);
            }
            Path written = output(dir, op);
            if (floors && written != null) { // the kernel's part: the file's bytes into a new file (Floors)
                double floor = Floors.fileWrite(dir, Files.size(written), 1, runs);
                detail += String.format(Locale.ROOT, ", file-write floor %.3f s (median / floor %.1f)", floor, t[runs / 2] / floor);
            } else if (floors && (op.equals("read-sparse") || op.equals("read-full"))) { // the JVM's zeroing of the new matrix
                double floor = Floors.planes(1, Math.multiplyExact(w.size(), w.size()), 1, runs);
                detail += String.format(Locale.ROOT, ", allocation floor %.3f s (median / floor %.1f)", floor, t[runs / 2] / floor);
            }
            System.out.printf(Locale.ROOT, "%-13s median %.3f s (min %.3f, max %.3f), heap peak %d MiB, %s%n", op, t[runs / 2], t[0],
                    t[runs - 1], peakHeap() >> 20, detail);
        }
    }

    /** Before each run, not timed: each write makes a new file, as W1's; the heap is collected. */
    private static void prepare(Path dir, String op) throws java.io.IOException {
        Path written = output(dir, op);
        if (written != null) Files.deleteIfExists(written);
        System.gc();
    }

    /** The file a write operation makes, else null. */
    private static Path output(Path dir, String op) {
        switch (op) {
            case "write-sparse": return dir.resolve("w2-sparse.dcm");
            case "write-full": return dir.resolve("w2-full.dcm");
            case "write-sparse-memory": return dir.resolve("w2-sparse-memory.dcm");
            default: return null;
        }
    }

    /** Fails the benchmark when a read does not give the workload's tissue pixels (a benchmark of a wrong result is worthless). */
    private static long checked(long counted, long expected, String what) {
        if (counted != expected) {
            throw new IllegalStateException(what + ": " + counted + " tissue pixels read, the workload has " + expected);
        }
        return counted;
    }

    private static int writeThreads = 1;
    private static byte[] memoryMask;
    private static byte[] intoBuffer;

    /** The lazy W2 mask copied into one row-major byte array (needs size² bytes of heap). */
    private static byte[] materialise(W2Workload w) {
        int n = w.size();
        byte[] all = new byte[Math.multiplyExact(n, n)];
        int band = 256;
        byte[] tmp = new byte[n * band];
        org.dicomseg.mask.MaskPlanes p = w.planes();
        for (int y = 0; y < n; y += band) {
            int h = Math.min(band, n - y);
            p.readRegion(0, 0, y, n, h, tmp);
            System.arraycopy(tmp, 0, all, y * n, n * h);
        }
        return all;
    }
    private static double decodeSeconds;
    private static double checkSeconds;

    private static String run(String op, Path dir, Path src, W2Workload w, List<SegmentDescription> seg) throws Exception {
        switch (op) {
            case "write-sparse":
            case "write-full": {
                DimensionOrganization org = op.equals("write-full") ? DimensionOrganization.TILED_FULL : DimensionOrganization.TILED_SPARSE;
                checkSeconds = 0;
                SegWriteOptions o = SegWriteOptions.builder().overwrite(true).threads(writeThreads)
                        .tiledGeometry(TiledGeometry.defaults().withOrganization(org)).build();
                Path out = dir.resolve("w2-" + (org == DimensionOrganization.TILED_FULL ? "full" : "sparse") + ".dcm");
                SegWriteResult r = SegWriter.write(out, LabelMapMask.of(w.planes()), seg, SourceImages.read(src), o);
                return r.numberOfFrames() + " frames, " + String.format(Locale.ROOT, "%.1f MB", Files.size(out) / 1e6);
            }
            case "write-sparse-memory": {
                // The mask held whole as one 8-bit plane (as an ImageJ user with a big label image has it);
                // built once, in the warm-up run, so the timed runs measure the writer only.
                if (memoryMask == null) memoryMask = materialise(w);
                checkSeconds = 0;
                SegWriteOptions o = SegWriteOptions.builder().overwrite(true).threads(writeThreads)
                        .tiledGeometry(TiledGeometry.defaults().withOrganization(DimensionOrganization.TILED_SPARSE)).build();
                Path out = dir.resolve("w2-sparse-memory.dcm");
                SegWriteResult r = SegWriter.write(out, LabelMapMask.ofBytes(new byte[][] {memoryMask}, w.size(), w.size()),
                        seg, SourceImages.read(src), o);
                return r.numberOfFrames() + " frames, " + String.format(Locale.ROOT, "%.1f MB", Files.size(out) / 1e6)
                        + ", mask in memory " + (memoryMask.length >> 20) + " MiB";
            }
            case "read-sparse":
            case "read-full": {
                Path f = dir.resolve("w2-" + (op.equals("read-full") ? "full" : "sparse") + ".dcm");
                try (SegmentationReader r = SegmentationReader.open(f)) {
                    long t0 = System.nanoTime();
                    SegmentationVolume v = Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults());
                    long t1 = System.nanoTime();
                    decodeSeconds = (t1 - t0) / 1e9;
                    String d = v.framesRead() + " tiles decoded, "
                            + checked(v.countNonZero(0), w.tissuePixels(0, 0, w.size(), w.size()), op) + " tissue pixels (checked)";
                    checkSeconds = (System.nanoTime() - t1) / 1e9;
                    return d;
                }
            }
            case "read-sparse-into":
            case "read-full-into": {
                // The whole matrix into one caller-owned buffer reused across runs (numpy's out=): allocated
                // once, outside the timing (in the warm-up run); each run overwrites all of it.
                Path f = dir.resolve("w2-" + (op.equals("read-full-into") ? "full" : "sparse") + ".dcm");
                if (intoBuffer == null) intoBuffer = new byte[Math.multiplyExact(w.size(), w.size())];
                try (SegmentationReader r = SegmentationReader.open(f)) {
                    long t0 = System.nanoTime();
                    SegmentationVolume v = Reconstructor.totalPixelMatrixInto(r, ReconstructionOptions.defaults(), intoBuffer);
                    long t1 = System.nanoTime();
                    decodeSeconds = (t1 - t0) / 1e9;
                    String d = v.framesRead() + " tiles decoded, "
                            + checked(v.countNonZero(0), w.tissuePixels(0, 0, w.size(), w.size()), op) + " tissue pixels (checked), reused buffer";
                    checkSeconds = (System.nanoTime() - t1) / 1e9;
                    return d;
                }
            }
            case "region": {
                try (SegmentationReader r = SegmentationReader.open(dir.resolve("w2-sparse.dcm"))) {
                    int x = w.size() / 3, y = w.size() / 3;
                    long t0 = System.nanoTime();
                    SegmentationVolume v = Reconstructor.region(r, x, y, 4000, 4000, ReconstructionOptions.defaults());
                    long t1 = System.nanoTime();
                    decodeSeconds = (t1 - t0) / 1e9;
                    checked(v.countNonZero(0), w.tissuePixels(x, y, 4000, 4000), op);
                    checkSeconds = (System.nanoTime() - t1) / 1e9;
                    return "4000 x 4000 at " + x + "," + y + ": " + v.framesRead() + " tiles decoded (of "
                            + ((4000 + 255) / 256 + 1) * ((4000 + 255) / 256 + 1) + " at most), tissue pixels checked";
                }
            }
            default:
                throw new IllegalArgumentException("Unknown op " + op);
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
    }

    private static long peakHeap() {
        long n = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) n += p.getPeakUsage().getUsed();
        }
        return n;
    }
}
