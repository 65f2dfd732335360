package org.dicomseg.source.slide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Looking for the slide a tiled SEG was drawn on (the import of a region at full resolution does,
 * to place it) reads the File Meta Information of the other files in the folder, not their
 * headers: a file that is not DICOM, or whose Media Storage SOP Class UID is another class (a SEG,
 * a CT), is passed over by its first bytes. (Was: every file's header parsed by PixelMed; next to
 * highdicom's 50 x 50 slide SEG, a 20 x 20 region import took 1.28 GB and ~20 s, a downsampled
 * view of the whole 90 MB.) The bytes after the File Meta Information of the passed-over files
 * are garbage here: parsing them would fail, and the scan must not try.
 */
class SlideScanCostTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    /** {@code corpusFile} with everything after its File Meta Information replaced by 1 MB of 0xFF. */
    private Path garbled(String corpusFile, String name) throws Exception {
        byte[] b = Files.readAllBytes(Shared.corpus(corpusFile));
        int metaEnd = 144 + ((b[140] & 0xFF) | (b[141] & 0xFF) << 8 | (b[142] & 0xFF) << 16 | (b[143] & 0xFF) << 24);
        byte[] out = Arrays.copyOf(b, metaEnd + (1 << 20));
        Arrays.fill(out, metaEnd, out.length, (byte) 0xFF);
        return Files.write(dir.resolve(name), out);
    }

    @Test
    void otherFilesArePassedOverByTheirFileMetaInformation() throws Exception {
        Path slide = Files.copy(Shared.corpus("highdicom/sm_image_numbers.dcm"), dir.resolve("slide.dcm"));
        Path seg = garbled("highdicom/seg_image_sm_numbers.dcm", "seg.dcm");
        Path ct = garbled("highdicom/ct_image.dcm", "ct.dcm");
        Path text = Files.writeString(dir.resolve("notes.txt"), "not DICOM");
        assertTrue(SlideLevel.mayBeSlide(slide));
        assertFalse(SlideLevel.mayBeSlide(seg));
        assertFalse(SlideLevel.mayBeSlide(ct));
        assertFalse(SlideLevel.mayBeSlide(text));
        SlideSeries s = SlideSeries.scan(dir);
        assertEquals(1, s.levels().size());
        assertEquals(slide, s.level(0).file());
    }
}
