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
import org.dicomseg.web.Credentials;
import org.dicomseg.web.ServerSettings;
import org.dicomseg.write.SegWriteOptions;

/**
 * Export against a remote series vs. the same export from local files (issue 16, "Speed"): the W1
 * label image (300 × 512 × 512) exported as BINARY over its 300-slice CT source, the source given
 * either as the local folder or as the series' DICOMweb URL on a local Orthanc (only the series'
 * WADO-RS metadata is read). In one JVM, alternating local and remote runs after a warm-up until
 * the JIT compiler is quiet; prints the median and minimum of each and the ratio remote / local.
 * The label image is opened once, before timing (both exports need it alike). A third timing, the
 * series' metadata request alone, shows how much of the remote export is the server's answer.
 *
 * <pre>WebBench --labels w1-labels.tif --local DIR --remote URL --out DIR [--runs 7] [--jit-quiet 5]</pre>
 * Credentials from DICOMSEG_USER / DICOMSEG_PASSWORD. Run by {@code scripts/bench --web}.
 */
public final class WebBench {
    private WebBench() { }

    public static void main(String[] args) throws Exception {
        CommandLine a = CommandLine.parse(Arrays.asList(args), java.util.Set.of("labels", "local", "remote", "out", "runs", "jit-quiet"),
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
        org.dicomseg.web.DicomWebUrl url = org.dicomseg.web.DicomWebUrl.parse(remote);
        Warmup.Body metadataRun = () -> server.client(url).metadata(url);
        int warm = Warmup.untilJitQuiet(() -> {
            localRun.run();
            remoteRun.run();
        }, 3, quiet, 60);
        double[] tl = new double[runs];
        double[] tr = new double[runs];
        double[] tm = new double[runs];
        for (int i = 0; i < runs; i++) {
            tl[i] = time(localRun);
            tr[i] = time(remoteRun);
            tm[i] = time(metadataRun);
        }
        Arrays.sort(tl);
        Arrays.sort(tr);
        Arrays.sort(tm);
        double ml = tl[runs / 2];
        double mr = tr[runs / 2];
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MiB, %s %s; %d x %d x %d label image, %d source slices%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), planes, labels.getHeight(), labels.getWidth(), planes);
        System.out.println("| export BINARY, source | median s | min s | runs | warm-up rounds |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| local folder (%s) | %.3f | %.3f | %d | %d |%n", local, ml, tl[0], runs, warm);
        System.out.printf(Locale.ROOT, "| DICOMweb series (WADO-RS metadata) | %.3f | %.3f | %d | %d |%n", mr, tr[0], runs, warm);
        System.out.printf(Locale.ROOT, "| of which: the metadata request alone (server, transfer, JSON parse) | %.3f | %.3f | %d | |%n",
                tm[runs / 2], tm[0], runs);
        System.out.printf(Locale.ROOT, "remote / local (median): %.2f%n", mr / ml);
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
