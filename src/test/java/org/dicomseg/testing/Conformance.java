package org.dicomseg.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The conformance gate in tests: runs {@code ../shared/tools/seg-conformance} (dciodvfy from
 * dicom3tools) on files the tests wrote and fails with the validator's own error lines unless
 * every file passes with zero unforgiven errors.
 */
public final class Conformance {
    private Conformance() { }

    /** Asserts that every file passes the gate. */
    public static void assertConformant(Path... files) {
        Path tool = Shared.root().resolve("tools").resolve("seg-conformance");
        if (!Files.isExecutable(tool) && !Files.exists(tool)) {
            fail("Conformance tool missing: " + tool);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add(tool.toString());
        for (Path f : files) cmd.add(f.toAbsolutePath().toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("seg-conformance timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                fail("seg-conformance failed:\n" + text);
            }
        } catch (IOException e) {
            fail("Cannot run seg-conformance: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("Interrupted");
        }
    }

    /** Runs dciodvfy on a file and returns its whole output, for tests that look at warnings too. */
    public static String dciodvfy(Path file) {
        try {
            Process p = new ProcessBuilder("dciodvfy", file.toAbsolutePath().toString()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(120, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("Cannot run dciodvfy: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted");
        }
    }
}
