package org.dicomseg.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dicomseg.ij.source.SegSourceSearch;
import org.dicomseg.source.SourceHeaderCache;

/**
 * {@code import --source FOLDER}: the headers of the files directly in the folder are read into the
 * session's {@link SourceHeaderCache} on a thread of their own while the command parses the SEG's
 * header on the main thread (W3: 400 CT headers beside a 7,854-frame SEG); the source search
 * ({@link SegSourceSearch}) then finds them in the cache. Only a speed-up: whatever it
 * does not read (a file in a sub-folder, a failure) the search reads as before.
 */
final class SourcePrefetch {
    private SourcePrefetch() { }

    /** The started reader thread, or null when {@code folder} is null or not a folder. */
    static Thread start(Path folder) {
        if (folder == null || !Files.isDirectory(folder)) return null;
        Thread t = new Thread(() -> {
            List<Path> files;
            try (Stream<Path> s = Files.list(folder)) {
                files = s.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)).sorted()
                        .limit(SegSourceSearch.MAX_FILES).collect(Collectors.toList()); // no more than the search reads
            } catch (IOException | RuntimeException e) {
                return; // the search reads the folder itself and says what is wrong
            }
            SourceHeaderCache.shared().probeAll(files);
        }, "dicomseg-source-prefetch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for {@code t} (null: nothing to wait for); an interrupt is kept for the caller. */
    static void join(Thread t) {
        if (t == null) return;
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
