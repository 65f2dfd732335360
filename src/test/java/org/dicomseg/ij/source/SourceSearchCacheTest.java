package org.dicomseg.ij.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.dicomseg.read.ReferencedSeries;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.read.SourceImageReference;
import org.dicomseg.source.SourceHeaderCache;
import org.dicomseg.task.Progress;
import org.dicomseg.testing.EditLoopFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source series a SEG refers to is searched for once per session (issue 19): a second search
 * beside the same SEG finds the same series without walking the folder or looking at its files,
 * and a source file that is deleted, replaced (a new file under the same name, even with the same
 * modification time) or moved away is noticed: the folder is searched again and the result is the
 * folder's new content. Fixture: {@link EditLoopFixture} (a 240-slice CT in {@code ct/}, the SEG in
 * {@code seg/} beside it).
 */
class SourceSearchCacheTest {
    @TempDir Path dir;
    private EditLoopFixture fx;
    private Set<String> instances;
    private Set<String> series;

    @BeforeEach
    void write() throws Exception {
        fx = EditLoopFixture.write(java.nio.file.Files.createDirectories(dir.resolve("case")));
        instances = new LinkedHashSet<>();
        series = new LinkedHashSet<>();
        try (SegmentationReader r = SegmentationReader.open(fx.seg)) {
            for (ReferencedSeries s : r.metadata().referencedSeries()) {
                series.add(s.seriesInstanceUid());
                for (SourceImageReference i : s.instances()) instances.add(i.sopInstanceUid());
            }
        }
        assertTrue(instances.size() > 100, "the SEG references its CT images");
        SourceSearchCache.shared().clear();
    }

    private SegSourceSearch.Found search() throws Exception {
        return new SegSourceSearch(instances, series).besideSeg(fx.seg, Progress.NONE);
    }

    private static List<Path> files(SegSourceSearch.Found f) {
        return f.series().headers().stream().map(SourceHeader::file).collect(Collectors.toList());
    }

    /** Header lookups (cache hits and misses) of the session's header cache so far. */
    private static long lookups() {
        return SourceHeaderCache.shared().hits() + SourceHeaderCache.shared().misses();
    }

    @Test
    void aSecondSearchIsAnsweredWithoutLookingAtTheFiles() throws Exception {
        SegSourceSearch.Found first = search();
        assertNotNull(first);
        assertEquals(EditLoopFixture.SLICES, first.series().headers().size(), "the whole CT series, empty slices included");
        long hits = SourceSearchCache.shared().hits(), lookups = lookups();
        SegSourceSearch.Found again = search();
        assertSame(first, again, "the same series, not searched again");
        assertEquals(hits + 1, SourceSearchCache.shared().hits(), "one search answered from the cache");
        // only the SEG's own folder (where the CT is not: not kept) was looked at again, its one file
        assertTrue(lookups() - lookups <= 2, "headers looked up again: " + (lookups() - lookups));
        // a file beside the SEG that is not of the series changes (a log): still the same series, not searched again
        Files.writeString(fx.ctDir.resolve("notes.txt"), "x");
        assertNotSame(first, search(), "a file added to the series' folder: searched again");
        SegSourceSearch.Found withNotes = search();
        Files.writeString(fx.ctDir.resolve("notes.txt"), "changed, longer than before");
        assertSame(withNotes, search(), "a changed file that is still not an image of the series");
    }

    @Test
    void aDeletedSourceFileIsNoticed() throws Exception {
        SegSourceSearch.Found first = search();
        Path last = EditLoopFixture.ctFiles(fx.ctDir).get(EditLoopFixture.SLICES - 1);
        assertTrue(files(first).contains(last));
        Files.delete(last);
        long misses = SourceSearchCache.shared().misses();
        SegSourceSearch.Found again = search();
        assertTrue(SourceSearchCache.shared().misses() > misses, "searched again");
        // the SEG may not reference the (empty) last slice: then the series is found without it, else not at all
        assertTrue(again == null || !files(again).contains(last), "the deleted file is not among the sources");
        assertEquals(instances.size() < EditLoopFixture.SLICES, again != null);
    }

    @Test
    void aReplacedSourceFileIsNoticedEvenWithTheSameTime() throws Exception {
        SegSourceSearch.Found first = search();
        // slice 5 replaced by the file of slice 6 (another position), name and modification time kept
        Path f = EditLoopFixture.ctFiles(fx.ctDir).get(5), other = EditLoopFixture.ctFiles(fx.ctDir).get(6);
        FileTime t = Files.getLastModifiedTime(f);
        Path tmp = dir.resolve("swap");
        Files.copy(other, tmp);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(f, t);
        long misses = SourceSearchCache.shared().misses();
        SegSourceSearch.Found again = search();
        assertTrue(SourceSearchCache.shared().misses() > misses, "searched again");
        assertNotSame(first, again, "not the series found before");
        if (again != null) {
            String uid6 = first.series().headers().stream().filter(h -> h.file().equals(other)).findFirst().get().sopInstanceUid();
            long copies = again.series().headers().stream().filter(h -> h.sopInstanceUid().equals(uid6)).count();
            assertEquals(1, copies, "slice 6's image once, the old slice 5 gone");
            assertTrue(again.series().headers().size() < first.series().headers().size());
        }
    }

    @Test
    void aMovedSeriesIsFoundWhereItIsNow() throws Exception {
        SegSourceSearch.Found first = search();
        assertTrue(files(first).get(0).startsWith(fx.ctDir));
        Path elsewhere = fx.ctDir.getParent().resolve("moved");
        Files.move(fx.ctDir, elsewhere);
        SegSourceSearch.Found moved = search();
        assertNotNull(moved, "still beside the SEG, in another folder");
        assertEquals(EditLoopFixture.SLICES, moved.series().headers().size());
        for (Path f : files(moved)) assertTrue(f.startsWith(elsewhere), f + " is where the series is now");
        Files.move(elsewhere, dir.resolve("away")); // out of the SEG's folder and its parent
        assertNull(search(), "no longer beside the SEG: not found, nothing stale");
    }
}
