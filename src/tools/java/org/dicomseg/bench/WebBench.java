package org.dicomseg.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;

import ij.IJ;
import ij.ImagePlus;

import org.dicomseg.ij.export.ExportPlan;
import org.dicomseg.ij.export.LabelImageExport;
import org.dicomseg.ij.export.SegExport;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.ij.source.SourceSeries;
import org.dicomseg.options.CommandLine;
import org.dicomseg.source.SourceHeaderCache;
import org.dicomseg.source.web.RemoteSeriesCache;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.ServerSettings;
import org.dicomseg.write.SegWriteOptions;

/**
 * Export against a remote series vs. the same export from local files (issue 16, "Speed"): the W1
 * label image (300 × 512 × 512) exported as BINARY over its 300-slice CT source, the source given
 * either as the local folder or as the series' DICOMweb URL on a local Orthanc (only the series'
 * WADO-RS metadata is read). The label image is opened once, before timing (both exports need it
 * alike).
 *
 * <p>In process (the default): after a warm-up until the JIT compiler is quiet, alternating runs of
 * <b>warm</b> exports — the local one with its 300 headers in the session's
 * {@code source.SourceHeaderCache} (checked against size/mtime/inode), the remote one with its
 * headers in {@code source.web.RemoteSeriesCache} (checked by one validation request) — which is
 * what a second export in a running Fiji does, and of <b>uncached</b> exports (each cache cleared
 * before each run: 300 local headers parsed, or the series' metadata asked for); plus the metadata
 * request alone and the validation request alone. Prints medians, minima and the two ratios.</p>
 *
 * <p>{@code --cold local|remote}: one export, timed from the first call into the plugin, in this
 * fresh JVM (no header cache, no JIT): run once per JVM by {@code scripts/bench --web}.</p>
 *
 * <pre>WebBench --labels w1-labels.tif --local DIR --remote URL --out DIR [--runs 7] [--jit-quiet 5] [--cold local|remote]</pre>
 * Credentials from DICOMSEG_USER / DICOMSEG_PASSWORD. Run by {@code scripts/bench --web}.
 */
public final class WebBench {
    private WebBench() { }

    public static void main(String[] args) throws Exception {
        CommandLine a = CommandLine.parse(Arrays.asList(args), java.util.Set.of("labels", "local", "remote", "out", "runs", "jit-quiet", "cold"),
                java.util.Set.of());
        ImagePlus labels = IJ.openImage(a.require("labels"));
        if (labels == null) throw new IllegalArgumentException("cannot open " + a.get("labels"));
        String local = a.require("local");
        String remote = a.require("remote");
        Path out = Files.createDirectories(Paths.get(a.require("out")));
        int runs = Integer.parseInt(a.get("runs", "7"));
        int quiet = Integer.parseInt(a.get("jit-quiet", "5"));
        ServerSettings server = ServerSettings.builder().credentials(Credentials.resolve(null, null)).build();
        int planes = SourceLocator.planesOf(labels);
        Warmup.Body localRun = () -> export(labels, SourceLocator.fromPath(local, labels.getWidth(), labels.getHeight(), planes), out.resolve("local.dcm"));
        Warmup.Body remoteRun = () -> export(labels, SourceLocator.fromPath(remote, labels.getWidth(), labels.getHeight(), planes, server),
                out.resolve("remote.dcm"));
        String cold = a.get("cold", null);
        if (cold != null) {
            if (!cold.equals("local") && !cold.equals("remote")) throw new IllegalArgumentException("--cold local or --cold remote, not " + cold);
            double t = time(cold.equals("local") ? localRun : remoteRun);
            System.out.printf(Locale.ROOT, "cold %s %.3f%n", cold, t);
            return;
        }
        org.dicomseg.web.DicomWebUrl url = org.dicomseg.web.DicomWebUrl.parse(remote);
        Warmup.Body metadataRun = () -> server.client(url).metadata(url);
        Warmup.Body validationRun = () -> org.dicomseg.source.web.RemoteSeries.read(server.client(url), url);
        Warmup.Body localUncached = () -> {
            SourceHeaderCache.shared().clear();
            localRun.run();
        };
        Warmup.Body remoteUncached = () -> {
            RemoteSeriesCache.shared().clear();
            remoteRun.run();
        };
        int warm = Warmup.untilJitQuiet(() -> {
            localRun.run();
            remoteRun.run();
            localUncached.run();
            remoteUncached.run();
        }, 3, quiet, 60);
        double[][] t = new double[6][runs];
        for (int i = 0; i < runs; i++) {
            // warm first: the caches hold what the uncached runs of the round before (or the warm-up) read
            t[0][i] = time(localRun);
            t[1][i] = time(remoteRun);
            t[2][i] = time(localUncached);
            t[3][i] = time(remoteUncached);
            t[4][i] = time(metadataRun);
            t[5][i] = time(validationRun);
        }
        long hits = RemoteSeriesCache.shared().hits();
        remoteRun.run();
        boolean served = RemoteSeriesCache.shared().hits() == hits + 1;
        for (double[] x : t) Arrays.sort(x);
        int m = runs / 2;
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MiB, %s %s; %d x %d x %d label image, %d source slices; load average %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), planes, labels.getHeight(), labels.getWidth(), planes, loadAverage());
        System.out.println("| export BINARY, in process | median s | min s | runs | warm-up rounds |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| local folder, warm (headers in SourceHeaderCache) | %.3f | %.3f | %d | %d |%n", t[0][m], t[0][0], runs, warm);
        System.out.printf(Locale.ROOT, "| DICOMweb series, warm (headers in RemoteSeriesCache: one validation request) | %.3f | %.3f | %d | %d |%n",
                t[1][m], t[1][0], runs, warm);
        System.out.printf(Locale.ROOT, "| local folder, SourceHeaderCache cleared before each run (300 headers parsed) | %.3f | %.3f | %d | |%n",
                t[2][m], t[2][0], runs);
        System.out.printf(Locale.ROOT, "| DICOMweb series, RemoteSeriesCache cleared before each run (WADO-RS metadata) | %.3f | %.3f | %d | |%n",
                t[3][m], t[3][0], runs);
        System.out.printf(Locale.ROOT, "| the metadata request alone (server, transfer, JSON parse) | %.3f | %.3f | %d | |%n", t[4][m], t[4][0], runs);
        System.out.printf(Locale.ROOT, "| the validation request alone (RemoteSeries.read on a cache hit) | %.3f | %.3f | %d | |%n", t[5][m], t[5][0], runs);
        System.out.printf(Locale.ROOT, "remote / local, warm vs warm (median): %.2f%n", t[1][m] / t[0][m]);
        System.out.printf(Locale.ROOT, "remote / local, uncached vs uncached (median): %.2f%n", t[3][m] / t[2][m]);
        System.out.println("a warm remote export is served from RemoteSeriesCache: " + (served ? "yes" : "NO (validation failed: the figures are not warm)"));
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double time(Warmup.Body body) throws Exception {
        long t0 = System.nanoTime();
        body.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void export(ImagePlus labels, SourceSeries sources, Path out) throws Exception {
        Files.deleteIfExists(out);
        ExportPlan plan = LabelImageExport.prepare(labels, null);
        SegWriteOptions o = SegWriteOptions.builder().overwrite(true).build();
        SegExport.write(plan, sources, o, out);
    }
}
