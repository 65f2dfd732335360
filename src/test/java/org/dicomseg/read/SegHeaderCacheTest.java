package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

import org.dicomseg.source.FileStamp;
import org.dicomseg.testing.EditLoopFixture;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SEG opened again in the same session is not parsed again (issue 19: the header and the
 * Per-frame Functional Groups were a tenth of a warm label image import), and a SEG that changed is
 * never served from what was parsed before — even when it was rewritten in place with the same
 * size, the same inode and the same modification time (faster than the clock's tick), where no
 * file stamp can tell: the bytes before Pixel Data are compared on every open. Frames are always
 * read from the file.
 */
class SegHeaderCacheTest {
    @TempDir static Path dir;
    private static EditLoopFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        if (fx == null) fx = EditLoopFixture.write(dir.resolve("case"));
        SegHeaderCache.shared().clear();
    }

    private static Path copy(Path seg, String name) throws Exception {
        Path f = dir.resolve(name);
        Files.copy(seg, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return f;
    }

    /** Overwrites bytes at {@code pos} in place (same inode, same size) and puts the modification time back. */
    private static void patch(Path f, long pos, byte[] bytes) throws Exception {
        FileTime t = Files.getLastModifiedTime(f);
        FileStamp before = FileStamp.of(f);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), pos);
        }
        Files.setLastModifiedTime(f, t);
        assertEquals(before, FileStamp.of(f), "size, time and inode as before: no stamp can tell");
    }

    private static long indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) if (hay[i + k] != needle[k]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void aSecondOpenUsesTheFirstParse() throws Exception {
        Path f = copy(fx.seg, "again.dcm");
        try (SegmentationReader a = SegmentationReader.open(f); SegmentationReader b = SegmentationReader.open(f)) {
            assertEquals(1, SegHeaderCache.shared().misses());
            assertEquals(1, SegHeaderCache.shared().hits());
            assertSame(a.metadata(), b.metadata(), "the parse of the first open");
            assertEquals(a.frames(), b.frames());
            try (SegmentationReader plain = SegmentationReader.open(f, false)) { // PixelMed's parse, no cache
                assertEquals(plain.frames().size(), b.frames().size());
                assertEquals(plain.metadata().sopInstanceUid(), b.metadata().sopInstanceUid());
                for (int k = 1; k <= plain.frames().size(); k++) assertArrayEquals(plain.readFrame(k), b.readFrame(k), "frame " + k);
            }
        }
    }

    @Test
    void aHeaderRewrittenInPlaceWithTheSameSizeAndTimeIsParsedAgain() throws Exception {
        Path f = copy(fx.seg, "rewritten.dcm");
        try (SegmentationReader r = SegmentationReader.open(f)) {
            assertEquals("Lesion", r.getSegmentDescription(2).label());
        }
        long pos = indexOf(Files.readAllBytes(f), "Lesion".getBytes(StandardCharsets.US_ASCII));
        assertTrue(pos > 0);
        patch(f, pos, "Tumour".getBytes(StandardCharsets.US_ASCII));
        try (SegmentationReader r = SegmentationReader.open(f)) {
            assertEquals("Tumour", r.getSegmentDescription(2).label(), "the file as it is now");
        }
        assertEquals(0, SegHeaderCache.shared().hits());
        assertEquals(2, SegHeaderCache.shared().misses());
    }

    @Test
    void framesAreReadFromTheFileAsItIsNow() throws Exception {
        Path f = copy(fx.seg, "pixels.dcm");
        byte[] before;
        int last;
        try (SegmentationReader r = SegmentationReader.open(f)) {
            last = r.frames().size();
            before = r.readFrame(last);
        }
        long size = Files.size(f);
        patch(f, size - 2, new byte[] {(byte) 0xA5, (byte) 0x5A}); // the last frame's last bits (native Pixel Data ends the file)
        try (SegmentationReader r = SegmentationReader.open(f); SegmentationReader plain = SegmentationReader.open(f, false)) {
            assertEquals(1, SegHeaderCache.shared().hits(), "the header did not change");
            byte[] now = r.readFrame(last);
            assertFalse(java.util.Arrays.equals(before, now), "the new pixels");
            assertArrayEquals(plain.readFrame(last), now);
        }
    }

    @Test
    void encapsulatedFramesAreLocatedAgain() throws Exception {
        Shared.assumePresent();
        Path f = copy(Shared.corpus("pydicom-data/liver_rle.dcm"), "rle.dcm");
        try (SegmentationReader a = SegmentationReader.open(f); SegmentationReader b = SegmentationReader.open(f);
                SegmentationReader plain = SegmentationReader.open(f, false)) {
            assertEquals(1, SegHeaderCache.shared().hits());
            for (int k = 1; k <= plain.frames().size(); k++) assertArrayEquals(plain.readFrame(k), b.readFrame(k), "frame " + k);
        }
    }
}
