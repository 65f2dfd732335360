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

    /**
     * The search beside a SEG stops after the first folder that completes the referenced images: an
     * image of the same series in a later folder beside it (here one more slice, another SOP Instance
     * UID) is not read, nor is anything else there.
     */
    @Test
    void theSearchStopsAtTheFirstFolderThatHoldsTheSeries() throws Exception {
        Path study = dir.resolve("study");
        Path seg = Files.createDirectories(study.resolve("seg")).resolve("seg.dcm");
        Files.writeString(seg, "not read");
        Path ct = Files.createDirectories(study.resolve("ct"));
        java.util.Set<String> uids = new java.util.LinkedHashSet<>();
        String seriesUid = null;
        try (var s = Files.list(CT)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Files.copy(f, ct.resolve(f.getFileName()));
                SourceHeader h = SourceHeader.read(f);
                uids.add(h.sopInstanceUid());
                seriesUid = h.seriesInstanceUid();
            }
        }
        Path later = Files.createDirectories(study.resolve("zz-more"));
        byte[] b = Files.readAllBytes(CT.resolve("IM0001.dcm"));
        String uid = SourceHeader.read(CT.resolve("IM0001.dcm")).sopInstanceUid();
        String other = uid.substring(0, uid.length() - 1) + (uid.endsWith("9") ? "1" : (char) (uid.charAt(uid.length() - 1) + 1));
        String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).replace(uid, other);
        Files.write(later.resolve("extra.dcm"), text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(other, SourceHeader.read(later.resolve("extra.dcm")).sopInstanceUid(), "an image of the same series");
        assertEquals(seriesUid, SourceHeader.read(later.resolve("extra.dcm")).seriesInstanceUid());

        java.util.Set<String> series = java.util.Set.of(seriesUid);
        SegSourceSearch.Found found = new SegSourceSearch(uids, series).besideSeg(seg, org.dicomseg.task.Progress.NONE);
        assertEquals(5, found.series().headers().size(), "the series in ct/, not the slice in zz-more/");
        assertEquals(ct.toAbsolutePath(), found.location());
        // without the stop the extra slice would have joined (and, on IM0001's position, clashed): as it does in ct/ itself
        Files.move(later.resolve("extra.dcm"), ct.resolve("extra.dcm"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SegSourceSearch(uids, series).besideSeg(seg, org.dicomseg.task.Progress.NONE));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("extra.dcm"), e.getMessage());
    }
}
