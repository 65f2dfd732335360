package org.dicomseg.read;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.dicomseg.testing.SegTestData.Input;
import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.SyntheticSegs;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;

/**
 * A seeded, structure-aware mutation fuzzer for {@link SegmentationReader} (the test tree's own:
 * deterministic for a given seed, no native agent). Seeds are small SEGs of the shared corpus and
 * SEGs our writer makes; each execution applies 1-3 mutations to one seed ({@link DicomMutator}) —
 * bit flips, interesting bytes, byte inserts and deletes, truncation, splices from another seed,
 * and, on the element structure found by a tolerant scan, changed value lengths and VRs, changed
 * tags, duplicated and removed elements and items (sequence items, Pixel Data fragments), and
 * absurd numbers in Rows, Columns, Number of Frames, Bits Allocated, Segment Numbers and the like.
 *
 * <p>Oracle ({@link #exercise}): opening, reading every frame, {@code segmentPixelCounts} and the
 * reconstruction either succeed or throw {@link SegReadException}. Anything else — another
 * exception, an Error such as OutOfMemoryError or StackOverflowError, or a run longer than the
 * per-file time bound — is a crash. The reconstructor's documented refusals
 * ({@link IllegalArgumentException} thrown by {@code org.dicomseg.reconstruct} for frames that are
 * not one volume, and its overlap exception) count as refusals.</p>
 *
 * <p>Long run: {@code java -cp ... org.dicomseg.read.ReaderFuzzer [executions] [seed] [crashDir]}
 * or system property {@code dicomseg.fuzz.executions}; see docs/robustness.md.</p>
 */
public final class ReaderFuzzer {
    /** Per-file time bound: a run longer than this is a hang (confirmed once with a longer bound). */
    static final long HANG_MILLIS = Long.getLong("dicomseg.fuzz.hangMillis", 2000);

    /** Corpus SEGs used as seeds (all small). */
    static final String[] CORPUS_SEEDS = {
        "highdicom/seg_image_ct_binary.dcm",
        "highdicom/seg_image_ct_binary_single_frame.dcm",
        "highdicom/seg_image_ct_binary_fractional.dcm",
        "highdicom/seg_image_ct_binary_overlap.dcm",
        "dcmqi/segmentations/sparse-labelmap-noppv.dcm",
        "pydicom-data/liver_deflate.dcm",
        "pydicom-data/liver_j2k.dcm",
        "pydicom-data/liver_rle.dcm",
        "highdicom/seg_image_sm_numbers.dcm",
        "highdicom/seg_image_sm_dots_tiled_full.dcm",
        "dcmjs/QIICR_Test3/tumor_User1_Manual_Trial1.dcm",
        "pydicom-data/liver_expb.dcm",
        "pydicom-data/liver_nonbyte_aligned.dcm",
    };

    /** What one execution did. */
    enum Verdict { READ, REFUSED, CRASH, HANG }

    /** The result of one execution. */
    static final class Result {
        final Verdict verdict;
        final String detail;     // refusal message, or crash signature
        final Throwable thrown;

        Result(Verdict v, String detail, Throwable thrown) {
            this.verdict = v;
            this.detail = detail;
            this.thrown = thrown;
        }

        @Override public String toString() { return verdict + ": " + detail; }
    }

    /** One seed: a name and its bytes. */
    public static final class Seed {
        public final String name;
        public final byte[] bytes;

        public Seed(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes;
        }
    }

    private ReaderFuzzer() { }

    // ------------------------------------------------------------------ oracle

    /**
     * Opens, reads all frames, counts segment pixels and reconstructs. Returns normally when the file
     * was read; throws {@link SegReadException} when it was refused; anything else is a crash.
     */
    static void exercise(Path file) throws SegReadException {
        try (SegmentationReader r = SegmentationReader.open(file)) {
            for (int f = 1; f <= r.numberOfFrames(); f++) {
                if (r.metadata().bitsAllocated == 16) r.readFrameShorts(f);
                else r.readFrame(f);
            }
            r.segmentPixelCounts();
            try {
                SegmentationMetadata m = r.metadata();
                if (m.isTiled()) {
                    long area = (long) m.totalPixelMatrixRows() * m.totalPixelMatrixColumns();
                    if (area <= 16L << 20) {
                        Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults().threads(1));
                    } else {
                        Reconstructor.region(r, 0, 0, Math.min(m.columns, m.totalPixelMatrixColumns()),
                                Math.min(m.rows, m.totalPixelMatrixRows()), ReconstructionOptions.defaults().threads(1));
                    }
                } else {
                    Reconstructor.volume(r, ReconstructionOptions.defaults().threads(1));
                }
            } catch (IllegalArgumentException | org.dicomseg.reconstruct.SegmentOverlapException e) {
                StackTraceElement[] st = e.getStackTrace();
                if (st.length == 0 || !st[0].getClassName().startsWith("org.dicomseg.reconstruct")) throw e;
                // documented refusal of the reconstructor: frames that are not one volume
            }
        } catch (IOException e) {
            if (e instanceof SegReadException) throw (SegReadException) e;
            throw new IllegalStateException("close failed", e);
        }
    }

    /** A crash signature: the type and the first frames of our code. */
    public static String signature(Throwable t) {
        StringBuilder sb = new StringBuilder(t.getClass().getSimpleName());
        int n = 0;
        for (StackTraceElement e : t.getStackTrace()) {
            if (n == 0 || e.getClassName().startsWith("org.dicomseg")) {
                sb.append(n == 0 ? " at " : " < ").append(e.getClassName().replaceFirst(".*\\.", "")).append('.')
                        .append(e.getMethodName()).append(':').append(e.getLineNumber());
                if (++n == 3) break;
            }
        }
        return sb.toString();
    }

    /** Runs {@link #exercise} with the hang bound; the executor's thread is replaced after a hang. */
    static final class Runner implements AutoCloseable {
        private ExecutorService pool = newPool();

        private static ExecutorService newPool() {
            return Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(null, r, "dicomseg-fuzz", 16L << 20);
                t.setDaemon(true);
                return t;
            });
        }

        Result run(Path file) {
            Result r = runOnce(file, HANG_MILLIS);
            if (r.verdict == Verdict.HANG) r = runOnce(file, 10 * HANG_MILLIS); // confirm: not just a slow machine
            return r;
        }

        private Result runOnce(Path file, long millis) {
            Future<Result> f = pool.submit(() -> {
                try {
                    exercise(file);
                    return new Result(Verdict.READ, "", null);
                } catch (SegReadException e) {
                    return new Result(Verdict.REFUSED, e.getMessage(), e);
                } catch (Throwable t) {
                    return new Result(Verdict.CRASH, signature(t), t);
                }
            });
            try {
                return f.get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                pool.shutdownNow();
                pool = newPool();
                return new Result(Verdict.HANG, "no result within " + millis + " ms", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                return new Result(Verdict.CRASH, signature(e.getCause()), e.getCause());
            }
        }

        @Override public void close() { pool.shutdownNow(); }
    }

    // ------------------------------------------------------------------ seeds

    /** The corpus seeds plus SEGs our writer makes (native, RLE, JPEG 2000, JPEG-LS; BINARY, FRACTIONAL, LABELMAP). */
    public static List<Seed> seeds(Path work) throws Exception {
        List<Seed> seeds = new ArrayList<>();
        for (String s : CORPUS_SEEDS) seeds.add(new Seed(s, Files.readAllBytes(Shared.corpus(s))));
        Object[][] written = {
            {SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Input.STACKED_OVERLAPPING},
            {SegmentationType.BINARY, OutputTransferSyntax.RLE_LOSSLESS, Input.LABEL_MAP},
            {SegmentationType.FRACTIONAL, OutputTransferSyntax.JPEG_2000_LOSSLESS, Input.STACKED_FRACTIONAL},
            {SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS, Input.LABEL_MAP},
            {SegmentationType.LABELMAP, OutputTransferSyntax.JPEG_2000_LOSSLESS, Input.LABEL_MAP},
            {SegmentationType.LABELMAP, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Input.LABEL_MAP_16},
            {SegmentationType.LABELMAP, OutputTransferSyntax.JPEG_LS_LOSSLESS, Input.LABEL_MAP_16},
            {SegmentationType.LABELMAP, OutputTransferSyntax.JPEG_LS_LOSSLESS, Input.LABEL_MAP}, // 8-bit: decoded as runs
            {SegmentationType.FRACTIONAL, OutputTransferSyntax.JPEG_LS_LOSSLESS, Input.STACKED_FRACTIONAL},
        };
        Sources src = Sources.CT_23X38;
        SourceImages images = src.read();
        for (Object[] w : written) {
            SegmentationType type = (SegmentationType) w[0];
            OutputTransferSyntax ts = (OutputTransferSyntax) w[1];
            Input in = (Input) w[2];
            SegWriteOptions.Builder ob = SegWriteOptions.builder().segmentationType(type).transferSyntax(ts);
            if (type == SegmentationType.FRACTIONAL) ob.fractionalType(FractionalType.PROBABILITY).maxFractionalValue(255);
            Path out = work.resolve("seed-" + type + "-" + ts + "-" + in + ".dcm");
            SegWriter.write(out, SegTestData.mask(in, src.planes, src.rows, src.columns),
                    SegTestData.descriptions(in.segments()), images, null, ob.build());
            seeds.add(new Seed("writer/" + out.getFileName(), Files.readAllBytes(out)));
        }
        // a Deflated Explicit VR Little Endian data set (PS3.5 A.5): InflatedDataSet's paths
        Path deflated = SyntheticSegs.reencode(Shared.corpus("highdicom/seg_image_ct_binary.dcm"),
                work.resolve("seed-deflated-data-set.dcm"), SyntheticSegs.DEFLATED);
        seeds.add(new Seed("deflated/" + deflated.getFileName(), Files.readAllBytes(deflated)));
        return seeds;
    }

    // ------------------------------------------------------------------ campaign

    /** Figures of a run. */
    static final class Stats {
        long executions;
        long read;
        long refused;
        long crashes;
        long hangs;
        long ooms;
        final Map<String, String> uniqueCrashes = new LinkedHashMap<>(); // signature -> first input description
        final Map<String, Integer> refusalKinds = new LinkedHashMap<>();

        @Override public String toString() {
            return executions + " executions: " + read + " read, " + refused + " refused, " + crashes + " crashes ("
                    + uniqueCrashes.size() + " unique), " + hangs + " hangs, " + ooms + " OOMs";
        }
    }

    /**
     * Runs {@code executions} mutated inputs from the seeds with a deterministic random seed; crashing
     * and hanging inputs are written to {@code crashDir} when it is not null.
     */
    static Stats campaign(List<Seed> seeds, long executions, long randomSeed, Path work, Path crashDir, PrintStream progress)
            throws IOException {
        Stats st = new Stats();
        Random rnd = new Random(randomSeed);
        Path file = work.resolve("fuzz-input.dcm");
        try (Runner runner = new Runner()) {
            for (long i = 0; i < executions; i++) {
                Seed seed = seeds.get(rnd.nextInt(seeds.size()));
                List<String> log = new ArrayList<>();
                byte[] input = DicomMutator.mutate(seed.bytes, seeds, rnd, log);
                Files.write(file, input);
                Result r = runner.run(file);
                st.executions++;
                switch (r.verdict) {
                    case READ: st.read++; break;
                    case REFUSED: {
                        st.refused++;
                        String k = r.detail.replaceFirst("^[^:]*: ", "").replaceAll("[0-9]+", "N");
                        if (k.length() > 90) k = k.substring(0, 90);
                        st.refusalKinds.merge(k, 1, Integer::sum);
                        break;
                    }
                    default: {
                        if (r.verdict == Verdict.HANG) st.hangs++;
                        else st.crashes++;
                        if (r.thrown instanceof OutOfMemoryError) st.ooms++;
                        String sig = r.verdict == Verdict.HANG ? "HANG" : r.detail;
                        boolean fresh = !st.uniqueCrashes.containsKey(sig);
                        st.uniqueCrashes.putIfAbsent(sig, seed.name + ": " + String.join("; ", log));
                        if (crashDir != null && fresh) {
                            Files.createDirectories(crashDir);
                            Path c = crashDir.resolve("crash-" + st.uniqueCrashes.size() + ".dcm");
                            Files.write(c, input);
                            Files.writeString(crashDir.resolve("crash-" + st.uniqueCrashes.size() + ".txt"),
                                    sig + "\n" + seed.name + ": " + String.join("; ", log) + "\n" + stack(r.thrown));
                        }
                        if (progress != null && fresh) progress.println("CRASH " + sig + " <- " + seed.name + ": " + log);
                    }
                }
                if (progress != null && (i + 1) % 1000 == 0) progress.println(st);
            }
        }
        return st;
    }

    private static String stack(Throwable t) {
        if (t == null) return "";
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    /**
     * Long run: {@code [executions] [randomSeed] [crashDir]}, or {@code --write-seeds DIR}; system property
     * {@code dicomseg.fuzz.only} keeps the seeds whose name contains it (e.g. {@code JPEG_LS}).
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--write-seeds")) { // seed folder for Jazzer (scripts/fuzz --jazzer)
            Path dir = Files.createDirectories(Paths.get(args[1]));
            String only = System.getProperty("dicomseg.fuzz.only", ""); // FUZZ_ONLY=JPEG_LS scripts/fuzz --jazzer
            for (Seed s : seeds(Files.createTempDirectory("dicomseg-fuzz"))) {
                if (!s.name.contains(only)) continue;
                Files.write(dir.resolve(s.name.replace('/', '_')), s.bytes);
            }
            System.exit(0);
        }
        long executions = args.length > 0 ? Long.parseLong(args[0]) : Long.getLong("dicomseg.fuzz.executions", 20000);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : Long.getLong("dicomseg.fuzz.seed", 20261125);
        Path crashDir = args.length > 2 ? Paths.get(args[2]) : Paths.get("target-fuzz-crashes");
        java.util.logging.LogManager.getLogManager().reset();
        Path work = Files.createTempDirectory("dicomseg-fuzz");
        List<Seed> seeds = seeds(work);
        String only = System.getProperty("dicomseg.fuzz.only", ""); // e.g. JPEG_LS: the seeds whose name holds it
        if (!only.isEmpty()) seeds.removeIf(s -> !s.name.contains(only));
        if (seeds.isEmpty()) throw new IllegalArgumentException("no seed name contains " + only);
        long t0 = System.nanoTime();
        Stats st = campaign(seeds, executions, seed, work, crashDir, System.out);
        long secs = (System.nanoTime() - t0) / 1_000_000_000L;
        System.out.println("FINAL " + st + " in " + secs + " s, " + seeds.size() + " seeds, random seed " + seed
                + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB");
        st.uniqueCrashes.forEach((k, v) -> System.out.println("  " + k + "\n      first: " + v));
        System.out.println("refusals by kind:");
        st.refusalKinds.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(60)
                .forEach(e -> System.out.println("  " + e.getValue() + "  " + e.getKey()));
        System.exit(0);
    }
}
