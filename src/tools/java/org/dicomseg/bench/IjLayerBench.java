package org.dicomseg.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.Macro;
import ij.WindowManager;

import org.dicomseg.options.CommandLine;
import org.dicomseg.plugins.ExportLabelImageCommand;
import org.dicomseg.plugins.ImportSegCommand;
import org.dicomseg.source.SourceHeaderCache;

/**
 * The ImageJ layer in process (issue 19), beside {@code scripts/bench --ij}'s ImageJ under Xvfb:
 * the two menu commands run exactly as a macro runs them ({@code run("DICOM SEG...", ...)},
 * {@code run("Export Label Image as SEG...", ...)}: the macro options on a "Run$_" thread), without
 * a display, so what is measured is the command, not the window. Per operation: the first run
 * (first use in this JVM), then warm-up until the JIT compiler is quiet, then the timed runs: median
 * and minimum time, the heap high-water mark of a run (sum of the heap pools' peak usage after a
 * {@code System.gc()} and a reset: an upper bound, garbage not yet collected and the copies of a
 * collection in progress included), the live peak (the most heap in use after any garbage
 * collection during the run, or after the {@code System.gc()} that follows it, result open, minus
 * the heap in use before: what the run needed at once, as far as collections show it) and what the
 * result keeps (used heap after a {@code System.gc()}, result open, minus before). Beside the
 * hyperstack, the floor: allocating its output planes ({@code channels x planes} byte planes of the
 * SEG's size, as ImageJ's {@code newImage} does) in the same JVM and conditions.
 *
 * <pre>
 * IjLayerBench --seg W1.dcm --labels W1.tif --source CT_DIR --out OUT.dcm [--runs 11] [--ops hyperstack,labels,export]
 *              [--channels 8] [--planes 300]
 * </pre>
 * Run with {@code -Djava.awt.headless=true}. Benchmarks are not tests: nothing here asserts a time.
 */
public final class IjLayerBench {
    private IjLayerBench() { }

    public static void main(String[] args) throws Exception {
        CommandLine a = CommandLine.parse(Arrays.asList(args),
                java.util.Set.of("seg", "labels", "source", "out", "runs", "ops", "channels", "planes", "search-seg"), java.util.Set.of());
        Path seg = Paths.get(a.get("seg"));
        Path labels = Paths.get(a.get("labels"));
        Path source = Paths.get(a.get("source"));
        Path out = Paths.get(a.get("out"));
        int runs = Integer.parseInt(a.get("runs", "11"));
        int channels = Integer.parseInt(a.get("channels", "8"));
        int planes = Integer.parseInt(a.get("planes", "300"));
        List<String> ops = Arrays.asList(a.get("ops", "hyperstack,labels,export").split(","));
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MiB, %s %s, ImageJ %s, headless%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), IJ.getVersion());
        System.out.println("| operation | first use s | median s | min s | heap peak MiB | live peak MiB | kept MiB | warm-up runs |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        watchCollections();
        for (String op : ops) {
            switch (op.trim()) {
                case "hyperstack":
                    measure("import hyperstack", () -> importSeg(seg, "hyperstack"), runs);
                    measure("floor: allocate " + channels + " x " + planes + " planes", () -> floor(seg, channels, planes), runs);
                    break;
                case "labels":
                    measure("import label image", () -> importSeg(seg, "[label image]"), runs);
                    break;
                case "export":
                    ImagePlus imp = IJ.openImage(labels.toString());
                    if (imp == null) throw new IllegalArgumentException("cannot open " + labels);
                    measure("export label image (BINARY)", () -> {
                        Files.deleteIfExists(out);
                        asMacro(imp, new ExportLabelImageCommand(), "source=[" + source + "] out=[" + out
                                + "] segmentation=BINARY compression=none");
                        if (!Files.isRegularFile(out)) throw new IllegalStateException("the export wrote nothing");
                        return null;
                    }, runs);
                    System.out.printf(Locale.ROOT, "source header cache: %d files, %d hits, %d misses%n",
                            SourceHeaderCache.shared().size(), SourceHeaderCache.shared().hits(), SourceHeaderCache.shared().misses());
                    break;
                case "search": {
                    // the importer's source search from a SEG whose folder holds no sources: its folder, then its parent, 3 levels deep
                    Path where = Paths.get(a.get("search-seg"));
                    java.util.Set<String> instances = new java.util.LinkedHashSet<>(), series = new java.util.LinkedHashSet<>();
                    try (org.dicomseg.read.SegmentationReader r = org.dicomseg.read.SegmentationReader.open(where)) {
                        for (org.dicomseg.read.ReferencedSeries rs : r.metadata().referencedSeries()) {
                            series.add(rs.seriesInstanceUid());
                            for (org.dicomseg.read.SourceImageReference i : rs.instances()) instances.add(i.sopInstanceUid());
                        }
                    }
                    long files;
                    try (java.util.stream.Stream<Path> st = Files.walk(where.toAbsolutePath().getParent().getParent(),
                            org.dicomseg.ij.source.SegSourceSearch.MAX_DEPTH)) {
                        files = st.filter(Files::isRegularFile).count();
                    }
                    SourceHeaderCache.shared().clear();
                    // each run walks the folders (the headers in the session's cache after the first): the series not kept
                    measure("source search beside " + where.getFileName() + " (" + files + " files in its parent, 3 levels)", () -> {
                        org.dicomseg.ij.source.SourceSearchCache.shared().clear();
                        org.dicomseg.ij.source.SegSourceSearch.Found f = new org.dicomseg.ij.source.SegSourceSearch(instances, series)
                                .besideSeg(where, org.dicomseg.task.Progress.NONE);
                        if (f == null) throw new IllegalStateException("sources not found");
                        return null;
                    }, runs);
                    // as a second import in the session finds it: the series found before, its files' stamps checked
                    measure("the same search again in the session (SourceSearchCache)", () -> {
                        org.dicomseg.ij.source.SegSourceSearch.Found f = new org.dicomseg.ij.source.SegSourceSearch(instances, series)
                                .besideSeg(where, org.dicomseg.task.Progress.NONE);
                        if (f == null) throw new IllegalStateException("sources not found");
                        return null;
                    }, runs);
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown operation " + op);
            }
        }
        System.exit(0);
    }

    /** The body of one run: returns what the operation made (kept while the memory is read), or null. */
    @FunctionalInterface
    interface Op {
        Object run() throws Exception;
    }

    private static void measure(String name, Op op, int runs) throws Exception {
        long t0 = System.nanoTime();
        close(op.run());
        double first = (System.nanoTime() - t0) / 1e9;
        int warm = Warmup.untilJitQuiet(() -> close(op.run()), 3, 5, 30);
        List<Double> times = new ArrayList<>();
        List<Long> peaks = new ArrayList<>();
        List<Long> kept = new ArrayList<>();
        List<Long> live = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            System.gc();
            long before = used();
            resetPeaks();
            LIVE_PEAK.set(0);
            long s = System.nanoTime();
            Object result = op.run();
            times.add((System.nanoTime() - s) / 1e9);
            peaks.add(peak());
            System.gc();
            long after = used();
            kept.add(after - before);
            live.add(Math.max(LIVE_PEAK.get(), after) - before);
            close(result);
        }
        Collections.sort(times);
        Collections.sort(peaks);
        Collections.sort(kept);
        Collections.sort(live);
        System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d | %d | %d | %d |%n", name, first, times.get(times.size() / 2),
                times.get(0), peaks.get(peaks.size() / 2) >> 20, live.get(live.size() / 2) >> 20, kept.get(kept.size() / 2) >> 20, warm);
    }

    /** File > Import > DICOM SEG... as a macro runs it; returns the image it opened. */
    private static ImagePlus importSeg(Path seg, String output) throws Exception {
        WindowManager.setTempCurrentImage(null);
        asMacro(null, new ImportSegCommand(), "seg=[" + seg + "] output=" + output);
        ImagePlus imp = WindowManager.getCurrentImage();
        if (imp == null) throw new IllegalStateException("the import opened nothing (see the Log)");
        return imp;
    }

    /** What the hyperstack's pixels cost at least: its planes allocated (zeroed by the JVM) into a stack. */
    private static ImagePlus floor(Path seg, int channels, int planes) {
        int w = 512, h = 512;
        ImageStack st = new ImageStack(w, h);
        for (int i = 0; i < channels * planes; i++) st.addSlice(null, new byte[w * h]);
        return new ImagePlus("floor", st);
    }

    private static void close(Object o) {
        if (o instanceof ImagePlus) {
            ((ImagePlus) o).flush();
            WindowManager.setTempCurrentImage(null);
        }
    }

    /** Runs {@code command} on a thread named "Run$_..." with the macro options, as ImageJ's {@code run(...)} does. */
    private static void asMacro(ImagePlus current, ij.plugin.PlugIn command, String options) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<ImagePlus> opened = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Macro.setOptions(options);
            WindowManager.setTempCurrentImage(current);
            try {
                command.run("");
                opened.set(WindowManager.getCurrentImage());
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                Macro.setOptions(null);
            }
        }, "Run$_bench");
        t.start();
        t.join();
        if (failure.get() != null) throw new IllegalStateException(failure.get());
        if (current == null) WindowManager.setTempCurrentImage(opened.get());
    }

    /** The most heap in use after a collection since it was last reset. */
    private static final java.util.concurrent.atomic.AtomicLong LIVE_PEAK = new java.util.concurrent.atomic.AtomicLong();

    /** Records the heap in use after every garbage collection (the collector's own figures) into {@link #LIVE_PEAK}. */
    private static void watchCollections() {
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof javax.management.NotificationEmitter)) continue;
            ((javax.management.NotificationEmitter) gc).addNotificationListener((n, hb) -> {
                if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
                com.sun.management.GarbageCollectionNotificationInfo info = com.sun.management.GarbageCollectionNotificationInfo
                        .from((javax.management.openmbean.CompositeData) n.getUserData());
                long after = 0;
                for (java.lang.management.MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) after += u.getUsed();
                long a = after;
                LIVE_PEAK.accumulateAndGet(a, Math::max);
            }, null, null);
        }
    }

    private static long used() {
        long n = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) n += p.getUsage().getUsed();
        return n;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }

    private static long peak() {
        long n = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) n += p.getPeakUsage().getUsed();
        return n;
    }
}
