package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dicomseg.source.SourceHeaderCache;
import org.dicomseg.testing.EditLoopFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import --source FOLDER} reads the folder's headers while the SEG is parsed
 * ({@link SourcePrefetch}): afterwards every file of the folder is in the session's header cache,
 * so the source search reads none of them again; a missing folder or none starts nothing.
 */
class SourcePrefetchTest {
    @TempDir Path dir;

    @Test void theFoldersHeadersAreInTheCacheAfterwards() throws Exception {
        EditLoopFixture fx = EditLoopFixture.write(dir);
        Files.writeString(fx.ctDir.resolve("notes.txt"), "not DICOM"); // read too, found not to be DICOM
        List<Path> files;
        try (Stream<Path> s = Files.list(fx.ctDir)) {
            files = s.sorted().collect(Collectors.toList());
        }
        SourceHeaderCache cache = SourceHeaderCache.shared();
        cache.clear();
        Thread t = SourcePrefetch.start(fx.ctDir);
        assertNotNull(t);
        SourcePrefetch.join(t);
        long hits = cache.hits(), misses = cache.misses();
        List<SourceHeaderCache.Probe> again = cache.probeAll(files);
        assertEquals(files.size(), cache.hits() - hits, "every header from the cache");
        assertEquals(0, cache.misses() - misses, "none read again");
        assertEquals(EditLoopFixture.SLICES, again.stream().filter(p -> p.header() != null).count());
        assertNull(SourcePrefetch.start(null));
        assertNull(SourcePrefetch.start(dir.resolve("absent")));
        assertNull(SourcePrefetch.start(files.get(0)), "a file, not a folder: the search reads it itself");
        SourcePrefetch.join(null);
    }
}
