package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.dicomseg.testing.Conformance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./dicomseg} launcher and the class-data-sharing archive the build makes
 * ({@code scripts/cds-archive}, run by {@code mvn package}), as a user runs it: a separate process of the
 * shell script at the repository root. The build's archive is used (the command-line classes come from
 * it); a build folder with no archive, with the archive of another build (stale: other jars), with an
 * archive but no stamp, or with a damaged archive whose stamp claims it fits, still runs every command
 * with the same output, nothing on stderr when it works, and exactly one {@code dicomseg: ...} line when
 * the input is bad. Run by
 * maven-failsafe after {@code package} (the jar named by {@code dicomseg.pluginJar}, its {@code lib/}
 * and the archive beside it).
 */
class LauncherCdsIT {
    private static Path build;
    private static Path root;

    @TempDir
    Path tmp;

    @BeforeAll
    static void packaged() {
        String p = System.getProperty("dicomseg.pluginJar");
        assertTrue(p != null, "system property dicomseg.pluginJar (set by the failsafe configuration in pom.xml)");
        build = Paths.get(p).toAbsolutePath().getParent();
        root = Paths.get("").toAbsolutePath();
        assertTrue(Files.isRegularFile(root.resolve("dicomseg")), "run from the repository root");
    }

    /** Exit status, stdout, stderr of {@code ./dicomseg args} with {@code buildDir}, extra environment {@code env}. */
    private static String[] launch(Path buildDir, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("dicomseg").toString()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        pb.environment().remove("DICOMSEG_DEBUG");
        pb.environment().remove("DICOMSEG_JAVA_OPTS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().put("DICOMSEG_BUILD_DIR", buildDir.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "dicomseg did not finish");
        return new String[] {String.valueOf(p.exitValue()), new String(out, StandardCharsets.UTF_8),
            new String(err, StandardCharsets.UTF_8)};
    }

    private static String[] launch(Path buildDir, String... args) throws Exception {
        return launch(buildDir, Map.of(), args);
    }

    /** A build folder of its own: copies of the jar and lib/ (fresh times: no rebuild, and the build's archive no longer fits). */
    private Path copyOfBuild(String name) throws IOException {
        Path b = Files.createDirectories(tmp.resolve(name));
        Path jar = Paths.get(System.getProperty("dicomseg.pluginJar"));
        Files.copy(jar, b.resolve(jar.getFileName()));
        Files.createDirectories(b.resolve("lib"));
        try (Stream<Path> s = Files.list(build.resolve("lib"))) {
            for (Path f : (Iterable<Path>) s::iterator) Files.copy(f, b.resolve("lib").resolve(f.getFileName()));
        }
        return b;
    }

    /** The stamp the launcher would compute for {@code buildDir} (scripts/cds-stamp, the functions both scripts use). */
    private static String stampOf(Path buildDir) throws Exception {
        Path jar;
        try (Stream<Path> s = Files.list(buildDir)) {
            jar = s.filter(f -> f.getFileName().toString().matches("DICOM_SEG-.*\\.jar")
                    && !f.getFileName().toString().matches(".*-(sources|javadoc|tests)\\.jar")).findFirst().orElseThrow();
        }
        Process p = new ProcessBuilder("bash", "-c", ". scripts/cds-stamp; dicomseg_cds_stamp \"$(dicomseg_classpath \"$0\" \"$1\")\"",
                jar.toString(), buildDir.resolve("lib").toString()).directory(root.toFile()).start();
        String stamp = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(stamp.contains(jar.toString()), stamp);
        return stamp;
    }

    /** A SEG exported from the sample images by the launcher under test, conformant. */
    private Path exportSample(Path buildDir, String name) throws Exception {
        Path seg = tmp.resolve(name);
        String[] r = launch(buildDir, "export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct",
                "--out", seg.toString(), "--meta", "sample-images/labels-meta.json");
        assertEquals("0", r[0], r[2]);
        assertEquals("", r[2], "nothing on stderr");
        assertTrue(r[1].contains("wrote " + seg), r[1]);
        Conformance.assertConformant(seg);
        return seg;
    }

    /** info on a good SEG and on a text file: the output, and on failure exactly one stderr line. */
    private void assertCommandsWork(Path buildDir, Path seg) throws Exception {
        String[] info = launch(buildDir, "info", seg.toString(), "--json");
        assertEquals("0", info[0], info[2]);
        assertEquals("", info[2], "nothing on stderr");
        assertTrue(info[1].contains("\"segmentationType\": \"BINARY\"") || info[1].contains("\"segmentationType\":\"BINARY\""), info[1]);

        Path text = Files.writeString(tmp.resolve("notes.dcm"), "This is not DICOM.\n".repeat(40));
        String[] bad = launch(buildDir, "info", text.toString());
        assertEquals("1", bad[0], bad[2]);
        assertEquals(1, bad[2].split("\n", -1).length - 1, "exactly one line on stderr:\n" + bad[2]);
        assertTrue(bad[2].startsWith("dicomseg: ") && bad[2].contains("notes.dcm"), bad[2]);
        assertFalse(bad[2].contains("Exception") || bad[2].contains("cds") || bad[2].contains("shared"), bad[2]);
    }

    @Test
    void theBuildsArchiveIsUsed() throws Exception {
        assumeFalse(Boolean.getBoolean("dicomseg.cds.skip"), "the build was told to make no archive");
        Path archive = build.resolve("dicomseg.jsa");
        assertTrue(Files.isRegularFile(archive), "mvn package made no " + archive + " (scripts/cds-archive)");
        assertEquals(stampOf(build), Files.readString(build.resolve("dicomseg.jsa.stamp")), "the stamp the build wrote");
        Path log = tmp.resolve("classes.log");
        String[] r = launch(build, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log), "info",
                exportSample(build, "used.dcm").toString());
        assertEquals("0", r[0], r[2]);
        String loaded = Files.readString(log);
        assertTrue(loaded.contains("org.dicomseg.cli.Main source: shared objects file"),
                "the launcher's main class comes from the archive:\n" + loaded.lines().filter(l -> l.contains("org.dicomseg.cli")).findFirst().orElse(""));
        assertCommandsWork(build, tmp.resolve("used.dcm"));
    }

    @Test
    void noArchiveStaleArchiveOrDamagedArchiveStillRun() throws Exception {
        Path none = copyOfBuild("none");
        assertCommandsWork(none, exportSample(none, "none.dcm"));

        Path stale = copyOfBuild("stale");
        if (Files.isRegularFile(build.resolve("dicomseg.jsa"))) {
            // the build's archive and stamp, beside other jars (same names, other times): the stamp no longer fits
            Files.copy(build.resolve("dicomseg.jsa"), stale.resolve("dicomseg.jsa"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.copy(build.resolve("dicomseg.jsa.stamp"), stale.resolve("dicomseg.jsa.stamp"));
        }
        assertCommandsWork(stale, exportSample(stale, "stale.dcm"));

        Path unstamped = copyOfBuild("unstamped");
        Files.write(unstamped.resolve("dicomseg.jsa"), new byte[] {1, 2, 3}); // an archive without its stamp: not used
        assertCommandsWork(unstamped, exportSample(unstamped, "unstamped.dcm"));

        Path damaged = copyOfBuild("damaged");
        byte[] junk = new byte[64 * 1024];
        new java.util.Random(19).nextBytes(junk);
        Files.write(damaged.resolve("dicomseg.jsa"), junk);
        Files.writeString(damaged.resolve("dicomseg.jsa.stamp"), stampOf(damaged)); // the launcher believes it fits
        assertCommandsWork(damaged, exportSample(damaged, "damaged.dcm"));
    }
}
