package org.dicomseg.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps library chatter off the command line's stderr, so that a damaged input gives the one
 * {@code dicomseg: <file>: <problem>} line and nothing else. PixelMed reports what it tolerates or
 * gives up on while parsing a damaged file in three ways: through SLF4J when an SLF4J binding is on
 * the class path (Debian's pixelmed jar pulls in slf4j-jdk14, i.e. java.util.logging, whose SEVERE
 * records carry stack traces), through its own fallback logger when none is (System.err, configured
 * by the {@code org.slf4j.simpleLogger.*} system properties), and by printing "Error: ..." lines
 * to System.err directly. The reader's exception already says what is wrong, so all three are
 * silenced for the CLI process; {@code DICOMSEG_DEBUG=1} in the environment keeps them.
 */
final class QuietLibraries {
    /** Held so that java.util.logging does not forget the level (its loggers are weakly referenced). */
    private static final Logger PIXELMED = Logger.getLogger("com.pixelmed");

    private QuietLibraries() { }

    /**
     * Silences library logging and output; returns the real stderr, which the CLI's own messages go to.
     * Must run before any PixelMed class is loaded (its loggers read their level once).
     */
    static PrintStream install() {
        PrintStream realErr = System.err;
        if (System.getenv("DICOMSEG_DEBUG") != null) return realErr;
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        }
        PIXELMED.setLevel(Level.OFF);
        System.setErr(new PrintStream(OutputStream.nullOutputStream(), true));
        return realErr;
    }
}
