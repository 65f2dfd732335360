package org.dicomseg.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzz target for Jazzer (libFuzzer for the JVM), run outside Maven by
 * {@code scripts/fuzz-jazzer}: the same oracle as {@link ReaderFuzzer#exercise} — a
 * {@link SegReadException} is a refusal, anything else escaping (a RuntimeException, an Error, a
 * run over libFuzzer's {@code -timeout}) is a finding. Needs no Jazzer class at compile time.
 */
public final class ReaderFuzzTarget {
    private static Path file;

    private ReaderFuzzTarget() { }

    /** Called once by Jazzer. */
    public static void fuzzerInitialize() {
        java.util.logging.LogManager.getLogManager().reset();
        try {
            file = Files.createTempFile("dicomseg-jazzer-", ".dcm");
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called by Jazzer for each input. */
    public static void fuzzerTestOneInput(byte[] data) throws IOException {
        Files.write(file, data);
        try {
            ReaderFuzzer.exercise(file);
        } catch (SegReadException expected) {
            // refused with the documented exception: fine
        }
    }
}
