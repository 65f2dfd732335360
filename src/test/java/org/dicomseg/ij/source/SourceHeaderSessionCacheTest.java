package org.dicomseg.ij.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ImageJ exports and the importer's source search read headers through the session's cache
 * ({@link org.dicomseg.source.SourceHeaderCache#shared()}): a second export against the same folder
 * parses nothing, and a folder whose files changed is read again — the series chosen from it is the
 * new one.
 */
class SourceHeaderSessionCacheTest {
    private static final Path CT = Paths.get("sample-images/ct");

    @TempDir Path dir;

    @Test
    void folderScansReuseHeadersUntilAFileChanges() throws Exception {
        Path ct = Files.createDirectories(dir.resolve("ct"));
        try (var s = Files.list(CT)) {
            for (Path f : (Iterable<Path>) s::iterator) Files.copy(f, ct.resolve(f.getFileName()));
        }
        SourceSeries first = SourceLocator.fromPath(ct.toString(), 0, 0, 5);
        SourceSeries again = SourceLocator.fromPath(ct.toString(), 0, 0, 5);
        assertEquals(5, again.headers().size());
        for (int i = 0; i < 5; i++) {
            assertSame(first.headers().get(i).parsed(), again.headers().get(i).parsed(), "served from the session's cache");
        }
        // replace one slice by another file of the same series (another position), keeping name and time
        Path f = first.headers().get(0).file();
        Path other = first.headers().get(4).file();
        FileTime t = Files.getLastModifiedTime(f);
        Path tmp = dir.resolve("swap");
        Files.copy(other, tmp);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(f, t);
        SourceHeader h = SourceHeader.read(f);
        assertNotSame(first.headers().get(0).parsed(), h.parsed());
        assertEquals(first.headers().get(4).sopInstanceUid(), h.sopInstanceUid(), "the file's new content, not the cached header");
    }
}
