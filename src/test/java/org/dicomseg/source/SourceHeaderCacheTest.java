package org.dicomseg.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.dicomseg.task.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session's cache of source headers (issue 19) serves a file's header again only while the
 * file is the one that was read: same size, modification time and file key. Each test changes a
 * real CT header (its SOP Instance UID, a string of the same length) in one of those ways and
 * checks that the new UID is served, so a cache returning stale headers fails them.
 */
class SourceHeaderCacheTest {
    private static final Path CT = Paths.get("sample-images/ct");

    @TempDir Path dir;

    private Path copyOfCt(String name) throws Exception {
        Path f = dir.resolve(name);
        Files.copy(CT.resolve("IM0001.dcm"), f);
        return f;
    }

    /** The file with the last digit of its SOP Instance UID changed: same size, other UID. */
    private static String changeUid(Path f, String uid, boolean replaceFile) throws Exception {
        byte[] b = Files.readAllBytes(f);
        byte[] old = uid.getBytes(StandardCharsets.US_ASCII);
        char last = uid.charAt(uid.length() - 1);
        char other = last == '9' ? '1' : (char) (last + 1);
        String changed = uid.substring(0, uid.length() - 1) + other;
        int found = 0;
        for (int at = indexOf(b, old, 0); at >= 0; at = indexOf(b, old, at + 1), found++) {
            System.arraycopy(changed.getBytes(StandardCharsets.US_ASCII), 0, b, at, old.length); // File Meta and data set
        }
        assertTrue(found > 0, "UID in the file");
        if (replaceFile) {
            Path tmp = f.resolveSibling(f.getFileName() + ".new");
            Files.write(tmp, b);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.write(f, b); // same inode, rewritten in place
        }
        return changed;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) if (hay[i + k] != needle[k]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void unchangedFileIsParsedOnce() throws Exception {
        SourceHeaderCache c = new SourceHeaderCache(10);
        Path f = copyOfCt("a.dcm");
        SourceFile first = c.read(f);
        assertSame(first, c.read(f), "the same parsed header");
        assertSame(first, c.read(dir.resolve(".").resolve("a.dcm")), "keyed by the normalized absolute path");
        assertEquals(SourceFile.read(f).sopInstanceUid(), first.sopInstanceUid());
        assertTrue(c.isDicomFile(f));
        assertEquals(first.sopClassUid(), c.mediaStorageSopClassUid(f));
        assertEquals(1, c.size());
    }

    @Test
    void fileRewrittenWithANewModificationTimeIsReadAgain() throws Exception {
        SourceHeaderCache c = new SourceHeaderCache(10);
        Path f = copyOfCt("b.dcm");
        String uid = c.read(f).sopInstanceUid();
        FileTime before = Files.getLastModifiedTime(f);
        String changed = changeUid(f, uid, false);
        Files.setLastModifiedTime(f, FileTime.fromMillis(before.toMillis() + 2000));
        assertEquals(changed, c.read(f).sopInstanceUid(), "same size, same inode, later modification time");
    }

    @Test
    void fileReplacedWithTheSameSizeAndTimeIsReadAgain() throws Exception {
        SourceHeaderCache c = new SourceHeaderCache(10);
        Path f = copyOfCt("c.dcm");
        String uid = c.read(f).sopInstanceUid();
        FileTime before = Files.getLastModifiedTime(f);
        long size = Files.size(f);
        String changed = changeUid(f, uid, true);
        Files.setLastModifiedTime(f, before); // e.g. a copy that keeps times (cp -p, rsync)
        assertEquals(size, Files.size(f));
        assertEquals(changed, c.read(f).sopInstanceUid(), "another file (file key) under the same name");
    }

    @Test
    void fileOfAnotherSizeIsReadAgainAndADeletedOneIsGone() throws Exception {
        SourceHeaderCache c = new SourceHeaderCache(10);
        Path f = copyOfCt("d.dcm");
        SourceFile first = c.read(f);
        FileTime before = Files.getLastModifiedTime(f);
        Files.copy(CT.resolve("IM0002.dcm"), f, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(f, before);
        assertNotEquals(first.sopInstanceUid(), c.read(f).sopInstanceUid());
        assertEquals(SourceFile.read(CT.resolve("IM0002.dcm")).sopInstanceUid(), c.read(f).sopInstanceUid());
        Files.delete(f);
        InputException e = assertThrows(InputException.class, () -> c.read(f));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(c.isDicomFile(f));
        assertNull(c.mediaStorageSopClassUid(f));
        assertEquals(0, c.size(), "a deleted file leaves the cache");
    }

    @Test
    void notDicomIsRememberedWithItsMessageAndFixedWhenTheFileIs() throws Exception {
        SourceHeaderCache c = new SourceHeaderCache(10);
        Path f = dir.resolve("e.dcm");
        Files.writeString(f, "not a DICOM file at all");
        String expected = assertThrows(InputException.class, () -> SourceFile.read(f)).getMessage();
        assertEquals(expected, assertThrows(InputException.class, () -> c.read(f)).getMessage());
        assertEquals(expected, assertThrows(InputException.class, () -> c.read(f)).getMessage(), "served again, same message");
        assertFalse(c.isDicomFile(f));
        Files.copy(CT.resolve("IM0003.dcm"), f, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(c.isDicomFile(f));
        assertEquals(SourceFile.read(CT.resolve("IM0003.dcm")).sopInstanceUid(), c.read(f).sopInstanceUid());
    }

    @Test
    void boundedLeastRecentlyUsedFirstAndPrefetchFillsIt() throws Exception {
        SourceHeaderCache c = new SourceHeaderCache(3);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Path f = dir.resolve("f" + i + ".dcm");
            Files.copy(CT.resolve("IM000" + i + ".dcm"), f);
            files.add(f);
        }
        SourceFile one = c.read(files.get(0));
        c.read(files.get(1));
        c.read(files.get(0)); // used again: files.get(1) is now the eldest
        c.read(files.get(2));
        c.read(files.get(3));
        assertEquals(3, c.size());
        assertSame(one, c.read(files.get(0)), "kept: recently used");
        long misses = c.misses();
        c.read(files.get(1));
        assertEquals(misses + 1, c.misses(), "dropped, read again");

        SourceHeaderCache all = new SourceHeaderCache(100);
        List<Path> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Path f = dir.resolve("g" + i + ".dcm");
            Files.copy(CT.resolve("IM000" + (1 + i % 5) + ".dcm"), f);
            many.add(f);
        }
        many.add(dir.resolve("g-none.txt"));
        Files.writeString(many.get(many.size() - 1), "text");
        List<SourceHeaderCache.Probe> probes = all.probeAll(many); // on several threads
        assertEquals(41, all.size());
        assertEquals(41, probes.size());
        assertFalse(probes.get(40).isDicom(), "the text file");
        for (int i = 0; i < 40; i++) assertEquals(SourceFile.read(many.get(i)).sopInstanceUid(), probes.get(i).header().sopInstanceUid(), "in order");
        long before = all.misses();
        for (int i = 0; i < 40; i++) assertEquals(SourceFile.read(many.get(i)).sopInstanceUid(), all.read(many.get(i)).sopInstanceUid());
        assertEquals(before, all.misses(), "every header was read by probeAll");
    }
}
