package org.dicomseg.cli;

import java.io.OutputStream;
import java.io.PrintStream;

import org.dicomseg.dicom.PixelMedLogging;

/**
 * Keeps library chatter off the command line's stderr, so that a damaged input gives the one
 * {@code dicomseg: <file>: <problem>} line and nothing else. PixelMed's logging is turned off
 * ({@link PixelMedLogging}) and the "Error: ..." lines it prints to System.err directly are dropped
 * with everything else written there: the reader's exception already says what is wrong.
 * {@code DICOMSEG_DEBUG=1} in the environment keeps all of it.
 */
final class QuietLibraries {
    private QuietLibraries() { }

    /**
     * Silences library logging and output; returns the real stderr, which the CLI's own messages go to.
     * Must run before any PixelMed class is loaded (its loggers read their level once).
     */
    static PrintStream install() {
        PrintStream realErr = System.err;
        if (System.getenv("DICOMSEG_DEBUG") != null) return realErr;
        PixelMedLogging.silence();
        System.setErr(new PrintStream(OutputStream.nullOutputStream(), true));
        return realErr;
    }
}
