package org.dicomseg.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporary outputs do not outlive their process: stopped with SIGTERM (what Ctrl-C's SIGINT
 * does too: the JVM runs its shutdown hooks), a writer's {@code .part} file is deleted by the
 * shutdown hook; killed with SIGKILL (no hook runs), it stays, named with the dead process's id, and
 * the next write into that folder sweeps it. A {@code .part} file of a live process and other files
 * are left alone. The writer is a separate JVM ({@link Writer}) stopped half-way through a 16 MB file.
 */
class AtomicOutputSignalTest {
    @TempDir
    Path dir;

    /** Writes 16 MB to the temporary file of {@code args[0]}, says "writing", then waits to be stopped. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            AtomicOutput.write(Paths.get(args[0]), true, temp -> {
                try (OutputStream o = Files.newOutputStream(temp)) {
                    o.write(new byte[16 << 20]);
                }
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private Process start(Path out) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), Writer.class.getName(), out.toString()).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("writing", r.readLine());
        return p;
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void sigtermRemovesTheTemporaryFileAndSigkillLeavesOneTheNextRunSweeps() throws Exception {
        Path out = dir.resolve("seg.tif");
        Process term = start(out);
        assertEquals(1, files().size());
        assertTrue(files().get(0).matches("\\.seg\\.tif\\.dicomseg-" + term.pid() + "-[0-9a-z]+\\.part"), files().toString());
        term.destroy(); // SIGTERM
        assertTrue(term.waitFor(60, TimeUnit.SECONDS));
        assertEquals(List.of(), files(), "no .part after SIGTERM");

        Process kill = start(out);
        kill.destroyForcibly(); // SIGKILL
        assertTrue(kill.waitFor(60, TimeUnit.SECONDS));
        List<String> left = files();
        assertEquals(1, left.size(), "SIGKILL leaves the .part");
        // a .part of a live process (this one) and a user's file are not swept
        String mine = ".other.tif.dicomseg-" + ProcessHandle.current().pid() + "-abc.part";
        Files.write(dir.resolve(mine), new byte[1]);
        Files.write(dir.resolve("notes.part"), new byte[1]);
        AtomicOutput.write(dir.resolve("next.tif"), false, temp -> Files.write(temp, new byte[] {1, 2, 3}));
        assertEquals(List.of(mine, "next.tif", "notes.part"), files());
    }
}
