package org.dicomseg.dicom;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns off PixelMed's logging. PixelMed reports what it tolerates or gives up on while parsing a
 * damaged file through SLF4J when an SLF4J binding is on the class path (Debian's pixelmed jar pulls
 * in slf4j-jdk14, i.e. java.util.logging, whose SEVERE records carry stack traces), and through its
 * own fallback logger when none is (System.err, configured by the {@code org.slf4j.simpleLogger.*}
 * system properties). Both are silenced here; the "Error: ..." lines PixelMed prints to System.err
 * directly are the caller's to redirect. Callers whose own exceptions already say what is wrong (the
 * command line) use this so that a damaged input gives one message, not a log.
 */
public final class PixelMedLogging {
    /** Held so that java.util.logging does not forget the level (its loggers are weakly referenced). */
    private static final Logger PIXELMED = Logger.getLogger("com.pixelmed");

    private PixelMedLogging() { }

    /**
     * Silences both logging routes. Must run before any PixelMed class is loaded (its loggers read
     * their level once); an explicitly set {@code org.slf4j.simpleLogger.defaultLogLevel} is kept.
     */
    public static void silence() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        }
        PIXELMED.setLevel(Level.OFF);
    }
}
