package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on damaged input, as a user runs it (a separate JVM, so that what PixelMed
 * prints or logs to the process's stderr is seen): exactly one {@code dicomseg: <file>: <problem>}
 * line on stderr, exit status 1, no stack trace, and no output or temporary file left behind.
 */
class CliHostileInputTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    /** Exit status, stdout, stderr of {@code dicomseg args...} in a new JVM. */
    private static String[] cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DICOMSEG_DEBUG");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "dicomseg did not finish");
        return new String[] {String.valueOf(p.exitValue()), new String(out, StandardCharsets.UTF_8),
            new String(err, StandardCharsets.UTF_8)};
    }

    private static void assertOneLine(String[] r, String file, String problem) {
        assertEquals("1", r[0], "exit status; stderr: " + r[2]);
        String err = r[2];
        assertTrue(err.endsWith("\n"), err);
        assertEquals(1, err.split("\n", -1).length - 1, "exactly one line on stderr:\n" + err);
        assertTrue(err.startsWith("dicomseg: " + file + ": "), err);
        assertTrue(err.contains(problem), "'" + problem + "' not in " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("SEVERE"), err);
    }

    /**
     * A SEG whose header PixelMed gives up on half-way (an element length running past the end of
     * the file: PixelMed logs a SEVERE record with a stack trace through SLF4J / java.util.logging)
     * and one with a duplicated element (PixelMed prints "Error: Illegal duplicate tag" to stderr).
     */
    @Test
    void damagedFilesGiveOneLineAndExitOne() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.dcm"), "This is not DICOM.\n".repeat(40));
        assertOneLine(cli("info", text.toString()), "notes.dcm", "not a DICOM file");

        byte[] ct = Files.readAllBytes(Shared.corpus("highdicom/seg_image_ct_binary.dcm")); // implicit VR LE
        byte[] studyDate = {0x08, 0x00, 0x20, 0x00};
        int at = indexOf(ct, studyDate, 132);
        assertTrue(at > 0);
        byte[] longValue = ct.clone();
        longValue[at] = 0x09; // a private (0009,1020), read as UN ...
        longValue[at + 2] = 0x20;
        longValue[at + 3] = 0x10;
        longValue[at + 4] = 0x31; // ... of length 0x31313131: past the end of the file
        longValue[at + 5] = 0x31;
        longValue[at + 6] = 0x31;
        longValue[at + 7] = 0x31;
        Path damaged = Files.write(tmp.resolve("damaged.dcm"), longValue);
        String[] r = cli("info", damaged.toString());
        // PixelMed logs and stops at the element; the reader's own walk names it
        assertOneLine(r, "damaged.dcm", "element (0009,1020) at offset 486 has a value length of 825307441 bytes, past the end of the file");

        int len = (ct[at + 4] & 0xFF) | (ct[at + 5] & 0xFF) << 8;
        byte[] element = Arrays.copyOfRange(ct, at, at + 8 + len);
        byte[] twice = new byte[ct.length + element.length];
        System.arraycopy(ct, 0, twice, 0, at + element.length);
        System.arraycopy(element, 0, twice, at + element.length, element.length);
        System.arraycopy(ct, at + element.length, twice, at + 2 * element.length, ct.length - at - element.length);
        Path dup = Files.write(tmp.resolve("duplicate.dcm"), twice);
        r = cli("info", dup.toString());
        assertEquals("0", r[0], r[2]); // a duplicated Study Date is tolerated...
        assertEquals("", r[2]);        // ...silently
    }

    @Test
    void importOfADamagedSegLeavesNoFileBehind() throws Exception {
        byte[] all = Files.readAllBytes(Shared.corpus("pydicom-data/liver_rle.dcm"));
        Path cut = Files.write(tmp.resolve("cut.dcm"), Arrays.copyOf(all, all.length - 300));
        Path outDir = Files.createDirectories(tmp.resolve("out"));
        Path tif = outDir.resolve("seg.tif");
        String[] r = cli("import", cut.toString(), "--out", tif.toString());
        assertOneLine(r, "cut.dcm", "truncated");
        try (Stream<Path> s = Files.list(outDir)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).collect(Collectors.toList()), "no output, no .part file");
        }
    }

    @Test
    void importNeverReplacesTheSegItselfNorAnExistingFileUnlessAsked() throws Exception {
        Path seg = Files.copy(Shared.corpus("highdicom/seg_image_ct_binary.dcm"), tmp.resolve("seg.dcm"));
        byte[] before = Files.readAllBytes(seg);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8), e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, Main.run(List.of("import", seg.toString(), "--out", seg.toString(), "--overwrite"), o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--out must not be the SEG itself"), err.toString(StandardCharsets.UTF_8));
        assertTrue(Arrays.equals(before, Files.readAllBytes(seg)));

        Path tif = Files.writeString(tmp.resolve("existing.tif"), "keep me");
        err.reset();
        assertEquals(2, Main.run(List.of("import", seg.toString(), "--out", tif.toString()), o, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("exists; add --overwrite"), err.toString(StandardCharsets.UTF_8));
        assertEquals("keep me", Files.readString(tif));
        assertEquals(0, Main.run(List.of("import", seg.toString(), "--out", tif.toString(), "--overwrite"), o, e),
                err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.size(tif) > 100);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("existing.tif", "seg.dcm"), s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
    }

    @Test
    void exportThatFailsLeavesNoFileBehind() throws Exception {
        Path outDir = Files.createDirectories(tmp.resolve("out"));
        Path seg = outDir.resolve("x.dcm");
        // the label image has another size than the source series: refused, nothing written
        String[] r = cli("export", "--labels", "sample-images/labels.tif", "--source",
                Shared.corpus("highdicom/ct_image.dcm").toString(), "--out", seg.toString());
        assertEquals("1", r[0], r[2]);
        assertEquals(1, r[2].split("\n", -1).length - 1, r[2]);
        assertFalse(r[2].contains("\tat "), r[2]);
        try (Stream<Path> s = Files.list(outDir)) {
            assertEquals(0, s.count());
        }
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
