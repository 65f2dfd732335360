package org.dicomseg.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ImageConverter;
import ij.process.StackConverter;

import org.dicomseg.options.InvalidOptionException;
import org.dicomseg.read.DicomMutator;
import org.dicomseg.read.ReaderFuzzer;

/**
 * The seeded mutation fuzzer of the command line's {@code import} and {@code export} (the paths
 * ReaderFuzzer does not reach: the importer with {@code --as}, {@code --region},
 * {@code --downsample}, {@code --segments}; the exporter's label TIFF, RoiSet.zip, metadata JSON and
 * source images). Each execution mutates one input ({@link DicomMutator}: byte-level mutations for
 * any file, structure-aware ones for DICOM) and runs the command as {@code dicomseg} does, with
 * random flags.
 *
 * <p>Oracle: the command succeeds; or it fails with an input/output failure (an
 * {@link IOException}, or an {@link IllegalArgumentException}/{@link IllegalStateException} thrown
 * by our own code) whose line ({@link Main#failure}) is one line without Java class names and not
 * the "unexpected internal failure" of a bug; or it is a usage error (exit 2). Anything else — a
 * RuntimeException of a library or the JDK, an Error (OutOfMemoryError, StackOverflowError), a run
 * over the time bound — is a crash; so is a {@code .part} file or, after a failure, an output
 * left in the output folder.</p>
 *
 * <p>{@code java -cp ... org.dicomseg.cli.CommandFuzzer import|export [executions] [seed] [crashDir]}
 * (scripts/fuzz --import / --export); {@code CommandFuzzTest} runs a few hundred in the suite.</p>
 */
public final class CommandFuzzer {
    /** Per-execution time bound. */
    static final long HANG_MILLIS = Long.getLong("dicomseg.fuzz.hangMillis", 10_000);

    /** Which command is fuzzed. */
    public enum Target { IMPORT, EXPORT }

    /** The figures of a run. */
    static final class Stats {
        long executions;
        long ok;
        long refused;
        long usage;
        long crashes;
        long hangs;
        long ooms;
        long leftovers;
        final Map<String, String> uniqueCrashes = new LinkedHashMap<>();
        final Map<String, Integer> refusalKinds = new LinkedHashMap<>();

        @Override public String toString() {
            return executions + " executions: " + ok + " ok, " + refused + " refused, " + usage + " usage errors, " + crashes
                    + " crashes (" + uniqueCrashes.size() + " unique), " + hangs + " hangs, " + ooms + " OOMs, " + leftovers
                    + " left files";
        }
    }

    private final Target target;
    private final Path work;
    private final List<ReaderFuzzer.Seed> seeds = new ArrayList<>();
    private final Path sources;
    private final Path out;
    private ExecutorService pool = newPool();

    CommandFuzzer(Target target, Path work) throws Exception {
        this.target = target;
        this.work = work;
        this.out = Files.createDirectories(work.resolve("out"));
        this.sources = Files.createDirectories(work.resolve("ct"));
        Path samples = Paths.get("sample-images");
        try (Stream<Path> s = Files.list(samples.resolve("ct"))) {
            for (Path f : s.sorted().collect(Collectors.toList())) Files.copy(f, sources.resolve(f.getFileName()));
        }
        if (target == Target.IMPORT) {
            seeds.addAll(ReaderFuzzer.seeds(Files.createDirectories(work.resolve("seeds"))));
        } else {
            seeds.add(new ReaderFuzzer.Seed("labels.tif", Files.readAllBytes(samples.resolve("labels.tif"))));
            ImagePlus imp = IJ.openImage(samples.resolve("labels.tif").toString());
            new StackConverter(imp).convertToGray16();
            Path l16 = work.resolve("labels16.tif");
            IJ.saveAsTiff(imp, l16.toString());
            seeds.add(new ReaderFuzzer.Seed("labels16.tif", Files.readAllBytes(l16)));
            ImagePlus one = IJ.openImage(samples.resolve("labels.tif").toString());
            one.setSlice(3);
            ImagePlus slice = new ImagePlus("p", one.getProcessor().duplicate());
            new ImageConverter(slice).convertToGray32();
            Path p32 = work.resolve("prob.tif");
            IJ.saveAsTiff(slice, p32.toString());
            seeds.add(new ReaderFuzzer.Seed("prob.tif", Files.readAllBytes(p32)));
            seeds.add(new ReaderFuzzer.Seed("RoiSet.zip", Files.readAllBytes(samples.resolve("RoiSet.zip"))));
            seeds.add(new ReaderFuzzer.Seed("labels-meta.json", Files.readAllBytes(samples.resolve("labels-meta.json"))));
            try (Stream<Path> s = Files.list(sources)) {
                Path ct = s.sorted().findFirst().orElseThrow();
                seeds.add(new ReaderFuzzer.Seed("ct/" + ct.getFileName(), Files.readAllBytes(ct)));
            }
        }
    }

    private static ExecutorService newPool() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "dicomseg-command-fuzz", 16L << 20);
            t.setDaemon(true);
            return t;
        });
    }

    /** One execution's arguments and what to put back afterwards. */
    private final class Execution {
        final List<String> args = new ArrayList<>();
        final String seedName;
        Path restore;
        byte[] restoreBytes;

        Execution(Random rnd, List<String> log) throws IOException {
            ReaderFuzzer.Seed seed = seeds.get(rnd.nextInt(seeds.size()));
            seedName = seed.name;
            byte[] input = DicomMutator.mutate(seed.bytes, seeds, rnd, log);
            Path seg = out.resolve("result" + (rnd.nextBoolean() ? ".tif" : ".dcm"));
            if (target == Target.IMPORT) {
                Path file = Files.write(work.resolve("input.dcm"), input);
                args.addAll(List.of("import", file.toString(), "--out", out.resolve("imported.tif").toString(), "--overwrite"));
                switch (rnd.nextInt(8)) {
                    case 0: args.addAll(List.of("--as", "labels")); break;
                    case 1: args.addAll(List.of("--as", "rois")); break;
                    case 2: args.addAll(List.of("--region", rnd.nextInt(40) + "," + rnd.nextInt(40) + "," + (1 + rnd.nextInt(60)) + ","
                            + (1 + rnd.nextInt(60)))); break;
                    case 3: args.addAll(List.of("--downsample", String.valueOf(2 + rnd.nextInt(7)))); break;
                    case 4: args.addAll(List.of("--as", "labels", "--downsample", String.valueOf(2 + rnd.nextInt(3)))); break;
                    case 5: args.addAll(List.of("--segments", "1", "--last-wins")); break;
                    default: break;
                }
                return;
            }
            String ct = sources.toString();
            if (seed.name.startsWith("ct/")) { // a damaged source image in the folder
                restore = sources.resolve(seed.name.substring(3));
                restoreBytes = seed.bytes;
                Files.write(restore, input);
                args.addAll(List.of("export", "--labels", "sample-images/labels.tif", "--source", ct));
            } else if (seed.name.endsWith(".zip")) {
                Path f = Files.write(work.resolve("rois.zip"), input);
                args.addAll(List.of("export", "--rois", f.toString(), "--source", ct));
            } else if (seed.name.endsWith(".json")) {
                Path f = Files.write(work.resolve("meta.json"), input);
                args.addAll(List.of("export", "--labels", "sample-images/labels.tif", "--source", ct, "--meta", f.toString()));
            } else {
                Path f = Files.write(work.resolve("labels.tif"), input);
                args.addAll(List.of("export", "--labels", f.toString(), "--source", ct));
            }
            args.addAll(List.of("--out", out.resolve("seg.dcm").toString(), "--overwrite"));
            switch (rnd.nextInt(5)) {
                case 0: args.addAll(List.of("--type", "LABELMAP", "--compression", "rle")); break;
                case 1: args.addAll(List.of("--compression", "rle")); break;
                case 2: args.addAll(List.of("--keep-empty")); break;
                default: break;
            }
        }

        void undo() throws IOException {
            if (restore != null) Files.write(restore, restoreBytes);
        }
    }

    /** What one execution came to: "ok", "refused: ...", "usage", or a crash signature. */
    private String runOnce(List<String> args, long millis) {
        Future<String> f = pool.submit(() -> {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            PrintStream ps = new PrintStream(o, true, StandardCharsets.UTF_8);
            try {
                if (args.get(0).equals("import")) ImportCommand.run(args.subList(1, args.size()), ps);
                else ExportCommand.run(args.subList(1, args.size()), ps, ps);
                return "ok";
            } catch (CliException | InvalidOptionException e) {
                return "usage";
            } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                StackTraceElement[] st = e.getStackTrace();
                boolean ours = e instanceof IOException || e instanceof java.io.UncheckedIOException
                        || (st.length > 0 && st[0].getClassName().startsWith("org.dicomseg"));
                String line = Main.failure(args, e);
                if (!ours || line.contains("unexpected internal failure") || line.contains("Exception")) {
                    return "CRASH " + ReaderFuzzer.signature(e) + " | " + line;
                }
                return "refused: " + line;
            } catch (Throwable t) {
                return "CRASH " + ReaderFuzzer.signature(t);
            }
        });
        try {
            return f.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            pool.shutdownNow();
            pool = newPool();
            return "HANG";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return "CRASH " + ReaderFuzzer.signature(e.getCause());
        }
    }

    /** Runs {@code executions} mutated inputs; crashing inputs go to {@code crashDir} when not null. */
    Stats campaign(long executions, long randomSeed, Path crashDir, PrintStream progress) throws IOException {
        Stats st = new Stats();
        Random rnd = new Random(randomSeed);
        for (long i = 0; i < executions; i++) {
            List<String> log = new ArrayList<>();
            Execution x = new Execution(rnd, log);
            String r = runOnce(x.args, HANG_MILLIS);
            if (r.equals("HANG")) r = runOnce(x.args, 5 * HANG_MILLIS);
            x.undo();
            st.executions++;
            List<String> left;
            try (Stream<Path> s = Files.list(out)) {
                left = s.map(p -> p.getFileName().toString()).collect(Collectors.toList());
            }
            boolean leftover = left.stream().anyMatch(n -> n.endsWith(".part")) || !r.equals("ok") && !left.isEmpty();
            if (leftover) st.leftovers++;
            for (String n : left) Files.deleteIfExists(out.resolve(n));
            if (r.equals("ok")) {
                st.ok++;
            } else if (r.equals("usage")) {
                st.usage++;
            } else if (r.startsWith("refused: ")) {
                st.refused++;
                String k = r.substring(9).replaceFirst("^[^ ]*(input|rois|labels|meta)[^ ]*: ", "").replaceAll("[0-9]+", "N")
                        .replace(work.toString(), "WORK");
                if (k.length() > 90) k = k.substring(0, 90);
                st.refusalKinds.merge(k, 1, Integer::sum);
            }
            if (r.startsWith("CRASH") || r.equals("HANG") || leftover) {
                if (r.equals("HANG")) st.hangs++;
                else if (r.startsWith("CRASH")) st.crashes++;
                if (r.contains("OutOfMemoryError")) st.ooms++;
                String sig = leftover && !r.startsWith("CRASH") && !r.equals("HANG") ? "LEFT " + left : r;
                boolean fresh = !st.uniqueCrashes.containsKey(sig);
                st.uniqueCrashes.putIfAbsent(sig, x.seedName + " " + x.args + ": " + String.join("; ", log));
                if (crashDir != null && fresh) {
                    Files.createDirectories(crashDir);
                    int n = st.uniqueCrashes.size();
                    Path input = x.args.get(0).equals("import") ? Paths.get(x.args.get(1)) : work.resolve(x.seedName.replace('/', '_'));
                    if (Files.exists(input)) Files.copy(input, crashDir.resolve("crash-" + n + ".input"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    Files.writeString(crashDir.resolve("crash-" + n + ".txt"), sig + "\n" + st.uniqueCrashes.get(sig) + "\n");
                }
                if (progress != null && fresh) progress.println("CRASH " + sig + " <- " + st.uniqueCrashes.get(sig));
            }
            if (progress != null && (i + 1) % 1000 == 0) progress.println(st);
        }
        return st;
    }

    void close() {
        pool.shutdownNow();
    }

    /** {@code import|export [executions] [seed] [crashDir]}. */
    public static void main(String[] args) throws Exception {
        Target target = Target.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
        long executions = args.length > 1 ? Long.parseLong(args[1]) : 20000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261206;
        Path crashDir = args.length > 3 ? Paths.get(args[3]) : Paths.get("target-fuzz-crashes-" + args[0]);
        java.util.logging.LogManager.getLogManager().reset();
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        Path work = Files.createTempDirectory("dicomseg-cmdfuzz");
        CommandFuzzer f = new CommandFuzzer(target, work);
        long t0 = System.nanoTime();
        Stats st = f.campaign(executions, seed, crashDir, System.out);
        long secs = (System.nanoTime() - t0) / 1_000_000_000L;
        System.out.println("FINAL " + target + " " + st + " in " + secs + " s, " + f.seeds.size() + " seeds, random seed " + seed
                + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB");
        st.uniqueCrashes.forEach((k, v) -> System.out.println("  " + k + "\n      first: " + v));
        System.out.println("refusals by kind:");
        st.refusalKinds.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(40)
                .forEach(e -> System.out.println("  " + e.getValue() + "  " + e.getKey()));
        f.close();
        System.exit(0);
    }
}
