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
 * The highdicom 0.28.1 oracle ({@code ../shared/tools/highdicom-read}, see
 * {@code ../shared/oracle/README.md}) and its Python (pydicom 3.0.2) for independent checks of
 * written files. Not part of the product.
 */
public final class Highdicom {
    private Highdicom() { }

    /**
     * Runs highdicom-read on a SEG in a {@code --mode} ({@code auto}, {@code total}, {@code instances},
     * {@code frames}, {@code volume}); fails unless highdicom reads it and reconstructs the mask (exit 0);
     * returns the JSON it wrote.
     */
    public static String read(Path seg, Path json, String mode) {
        Path tool = Shared.root().resolve("tools").resolve("highdicom-read");
        String out = run(List.of("bash", tool.toString(), seg.toAbsolutePath().toString(), json.toAbsolutePath().toString(),
                "--mode", mode), null);
        try {
            return Files.readString(json);
        } catch (IOException e) {
            throw new AssertionError("highdicom-read wrote no JSON: " + out, e);
        }
    }

    /** Runs a Python snippet with the oracle's libraries (pydicom, highdicom) and returns its standard output. */
    public static String python(String code, String... args) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", code));
        cmd.addAll(List.of(args));
        return run(cmd, Shared.root().resolve("oracle").resolve("site").toString());
    }

    private static String run(List<String> cmd, String pythonPath) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (pythonPath != null) {
                pb.environment().put("PYTHONPATH", pythonPath);
                pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            }
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + cmd);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) fail(cmd.get(0) + " exited " + p.exitValue() + ":\n" + text);
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
