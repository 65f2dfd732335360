package org.dicomseg.write;

import java.nio.file.Path;
import java.util.List;

/**
 * One golden-output case: a name (the key in the golden list), whether it fixes the Content
 * Date/Time to {@link GoldenCases#FIXED_TIME} (then the masked clock values are checked too) and
 * the body that writes it. {@link GoldenOutputsTest} runs each body twice, into two folders, so the
 * body must write only below the folder it is given and derive everything else deterministically.
 */
final class GoldenCase {
    final String name;
    /** Whether the Content Date/Time was fixed to {@link GoldenCases#FIXED_TIME} (checked on the masked values). */
    final boolean fixedTime;
    final Body body;

    GoldenCase(String name, boolean fixedTime, Body body) {
        this.name = name;
        this.fixedTime = fixedTime;
        this.body = body;
    }

    /** Writes a case. */
    @FunctionalInterface
    interface Body {
        /** Writes the case's output(s) into {@code dir}; {@code slides} holds generated slide levels. */
        Outputs write(Path dir, List<Path> slides) throws Exception;
    }

    /** What a case wrote, in order, and the source files it was derived from. */
    static final class Outputs {
        final List<Path> files;
        final List<Path> sources;

        Outputs(List<Path> files, List<Path> sources) {
            this.files = files;
            this.sources = sources;
        }
    }
}
