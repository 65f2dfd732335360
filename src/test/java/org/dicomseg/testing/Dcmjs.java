package org.dicomseg.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Assumptions;

/**
 * dcmjs — the DICOM library under OHIF's and Cornerstone's SEG loading — as an independent reader
 * in the tests: runs {@code src/test/js/dcmjs-read-seg.js} with Node.js on a SEG and its source
 * images and returns its JSON (dcmjs's parse of the data set, and what
 * {@code adapters.Cornerstone.Segmentation.generateToolState} — dcmjs's own default loader — made
 * of the pixels: voxel counts per source image and segment, or its refusal).
 *
 * <p>The dcmjs version is pinned by {@code src/test/js/package-lock.json}; {@code scripts/bootstrap}
 * installs it with {@code npm ci}, and so does the first test that needs it when bootstrap has not
 * run. Tests are skipped with a visible message only when Node.js or npm is missing outside CI; in CI
 * ({@code CI=true}) a missing dcmjs fails them.</p>
 */
public final class Dcmjs {
    private Dcmjs() { }

    private static final Path DIR = Paths.get("src", "test", "js").toAbsolutePath();
    private static final Path SCRIPT = DIR.resolve("dcmjs-read-seg.js");
    private static volatile boolean ready;

    /** Makes sure Node.js and the pinned dcmjs are there (installing dcmjs once if needed), else skips or fails. */
    public static synchronized void assumeAvailable() {
        if (ready) return;
        String why = null;
        if (!onPath("node") || !onPath("npm")) {
            why = "Node.js/npm not installed (scripts/bootstrap installs them): dcmjs interop tests skipped";
        } else if (!Files.isDirectory(DIR.resolve("node_modules").resolve("dcmjs"))) {
            String out = run(List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"), DIR, 300);
            if (!Files.isDirectory(DIR.resolve("node_modules").resolve("dcmjs"))) why = "npm ci could not install dcmjs:\n" + out;
        }
        if (why != null) {
            if ("true".equals(System.getenv("CI"))) fail(why);
            System.err.println("SKIPPED: " + why);
            Assumptions.assumeTrue(false, why);
        }
        ready = true;
    }

    /**
     * What dcmjs makes of {@code seg} over {@code sources} (single-frame files, or a multi-frame file
     * given with its frame count through {@link #multiFrame}), in the order given: the
     * {@code toolState.counts} array follows it.
     */
    public static JsonObject read(Path seg, List<String> sources) {
        assumeAvailable();
        List<String> cmd = new ArrayList<>(List.of("node", SCRIPT.toString(), seg.toAbsolutePath().toString()));
        cmd.addAll(sources);
        String out = run(cmd, DIR, 300);
        String last = out.strip();
        int nl = last.lastIndexOf('\n');
        if (nl >= 0) last = last.substring(nl + 1);
        try {
            return JsonParser.parseString(last).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new AssertionError("dcmjs could not read " + seg + ":\n" + out, e);
        }
    }

    /** The argument naming a multi-frame source of {@code frames} frames. */
    public static String multiFrame(Path file, int frames) {
        return file.toAbsolutePath() + "?frames=" + frames;
    }

    /** The arguments naming single-frame sources. */
    public static List<String> files(List<Path> files) {
        List<String> l = new ArrayList<>();
        for (Path f : files) l.add(f.toAbsolutePath().toString());
        return l;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Paths.get(d, tool))) return true;
        }
        return false;
    }

    private static String run(List<String> cmd, Path dir, int seconds) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", cmd) + " timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0 && cmd.get(0).equals("node")) fail(String.join(" ", cmd) + " failed:\n" + text);
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted");
        }
    }
}
