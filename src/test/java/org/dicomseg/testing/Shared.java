package org.dicomseg.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assumptions;

/** Locates {@code ../shared} (corpus, conformance tool, terminology) for tests. */
public final class Shared {
    private Shared() { }

    /** The shared folder: system property {@code dicomseg.shared}, else ../shared. */
    public static Path root() {
        String p = System.getProperty("dicomseg.shared");
        Path root = p != null ? Paths.get(p) : Paths.get("..", "shared");
        return root.toAbsolutePath().normalize();
    }

    /** A path under the shared corpus; the test fails if it is missing (CI has the corpus). */
    public static Path corpus(String relative) {
        Path f = root().resolve("corpus").resolve(relative);
        if (!Files.exists(f)) {
            throw new AssertionError("Corpus file missing: " + f + " (tests expect ../shared beside the checkout)");
        }
        return f;
    }

    /** Skips the calling test when the shared folder is absent (never the case in CI). */
    public static void assumePresent() {
        Assumptions.assumeTrue(Files.isDirectory(root().resolve("corpus")), "../shared/corpus not present");
    }
}
