package org.dicomseg.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs ImageJ in its own JVM under Xvfb ({@code timeout … xvfb-run -a java …}) for the tests that use
 * the plugin as users do: ImageJ {@code -batch}, a driver that starts ImageJ and clicks through its
 * dialogs, or an installed ImageJ's launcher script. Every run gets a home and a temporary folder of
 * its own, so that runs share no state: ImageJ reads {@code ~/.imagej/IJ_Prefs.txt} when it starts
 * (Options... settings, remembered paths, ImageJ's own options such as black background) and any
 * ImageJ on the machine that quits writes it; Java keeps {@code java.util.prefs} and its font cache
 * under {@code user.home}; ImageJ's "other instance" stub and the plugin's spool files go to
 * {@code java.io.tmpdir}. With the real ones, two builds testing at once, or a benchmark's ImageJ
 * quitting meanwhile, would hand their settings to a test's ImageJ, and tests would write into the
 * developer's home. Only the test's command line names the folders ({@code -Duser.home},
 * {@code -Djava.io.tmpdir}; {@code HOME}, {@code TMPDIR}, and {@code JAVA_TOOL_OPTIONS} for a launcher
 * script); the plugin and ImageJ run unchanged. The working folder is the private home as well:
 * ImageJ also takes {@code IJ_Prefs.txt} from {@code user.dir} when one is there.
 */
public final class XvfbImageJ {
    private final List<String> args = new ArrayList<>();
    private final boolean launcher;
    private final Map<String, String> env = new LinkedHashMap<>();
    private int seconds = 180;
    private boolean testClassPath = true;
    private Path home;

    private XvfbImageJ(List<String> args, boolean launcher) {
        this.args.addAll(args);
        this.launcher = launcher;
    }

    /** {@code java javaArgs} (JVM options, then the main class and its arguments), the tests' class path first. */
    public static XvfbImageJ java(List<String> javaArgs) {
        return new XvfbImageJ(javaArgs, false);
    }

    /** A launcher script that starts java itself (e.g. Debian's {@code /usr/bin/imagej}) and its arguments. */
    public static XvfbImageJ launcher(List<String> command) {
        return new XvfbImageJ(command, true);
    }

    /** Killed after this many seconds (default 180). */
    public XvfbImageJ timeout(int seconds) {
        this.seconds = seconds;
        return this;
    }

    /** Without the tests' class path: the arguments give the whole class path (an installed ImageJ, Fiji). */
    public XvfbImageJ ownClassPath() {
        this.testClassPath = false;
        return this;
    }

    /** Adds an environment variable (e.g. a password the macro must not contain). */
    public XvfbImageJ env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /**
     * The private home to use, kept afterwards (a launcher that finds ImageJ in the home, the test's
     * to delete); by default a fresh one is made and deleted after the run.
     */
    public XvfbImageJ home(Path home) {
        this.home = home;
        return this;
    }

    /** The command line, for the private home {@code home} (its {@code tmp} the temporary folder). */
    List<String> command(Path home) {
        List<String> cmd = new ArrayList<>(List.of("timeout", "-k", "10", Integer.toString(seconds), "xvfb-run", "-a"));
        if (!launcher) {
            cmd.addAll(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
            cmd.addAll(jvmOptions(home));
            if (testClassPath) cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
        }
        cmd.addAll(args);
        return cmd;
    }

    private static List<String> jvmOptions(Path home) {
        return List.of("-Duser.home=" + home, "-Djava.io.tmpdir=" + home.resolve("tmp"));
    }

    /** Runs it and returns stdout and stderr together; ImageJ's exit code says nothing, so none is checked. */
    public String run() throws IOException, InterruptedException {
        Path h = home != null ? home : Files.createTempDirectory("dicomseg-xvfb-home-");
        try {
            Files.createDirectories(h.resolve("tmp"));
            ProcessBuilder pb = new ProcessBuilder(command(h)).directory(h.toFile()).redirectErrorStream(true);
            pb.environment().put("HOME", h.toString());
            pb.environment().put("TMPDIR", h.resolve("tmp").toString());
            if (launcher) pb.environment().put("JAVA_TOOL_OPTIONS", String.join(" ", jvmOptions(h)));
            pb.environment().putAll(env);
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) { /* no input */ }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) p.destroyForcibly();
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            if (home == null) deleteTree(h);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
