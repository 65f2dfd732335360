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

    @Test
    void theSearchWalksThreeLevelsAndSkipsHiddenEntriesAndTheGivenTree() throws Exception {
        Path top = dir.resolve("top");
        Path seen1 = Files.createDirectories(top.resolve("a/b/c")).resolve("x.dcm"); // depth 4: beyond the walk
        Path seen2 = Files.createDirectories(top.resolve("a/b")).resolve("y.dcm");   // depth 3
        Path hiddenDir = Files.createDirectories(top.resolve(".git/objects")).resolve("z.dcm");
        Path hiddenFile = top.resolve(".DS_Store");
        Path skipped = Files.createDirectories(top.resolve("seg")).resolve("s.dcm");
        for (Path f : new Path[] {seen1, seen2, hiddenDir, hiddenFile, skipped}) Files.writeString(f, "x");
        Path plain = top.resolve("p.dcm");
        Files.writeString(plain, "x");
        assertEquals(java.util.List.of(seen2, plain), SegSourceSearch.filesUnder(top, top.resolve("seg")));
    }
}
