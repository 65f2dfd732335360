package org.dicomseg.source;

import java.io.IOException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.task.InputException;

class SourceImagesTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    @Test
    void seriesOfSingleFrameImages() throws IOException {
        SourceImages s = Sources.CT2.read();
        assertEquals(4, s.frameCount());
        assertEquals("1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.4", s.frameOfReferenceUid());
        assertEquals("1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.1", s.studyInstanceUid());
        SourceFrame f = s.frame(1);
        assertFalse(f.multiFrame());
        assertEquals(1, f.frameNumber());
        assertEquals("1.2.840.10008.5.1.4.1.1.2", f.sopClassUid());
        assertEquals(16, f.rows());
        assertArrayEquals(new double[] {-125, -128.100006, 103.019997}, f.position().toArray(), 1e-6);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, f.orientation().toArray(), 1e-9);
        assertEquals(0.488281, f.pixelMeasures().rowSpacing(), 1e-9);
        assertEquals(1.25, f.pixelMeasures().sliceThickness(), 1e-9);
        assertEquals("Doe^Archibald", s.headerValue(0x0010, 0x0010));
        assertEquals("1.000000\\0.000000\\0.000000\\0.000000\\1.000000\\0.000000", s.headerValue(0x0020, 0x0037));
        assertNull(s.headerValue(0x0008, 0x0090), "empty Referring Physician's Name");
        assertNull(s.headerValue(0x0009, 0x0001), "absent");
    }

    @Test
    void enhancedMultiFrameUsesPerFrameAndSharedGroups() throws IOException {
        SourceImages s = Sources.ENHANCED_CT.read();
        assertEquals(2, s.frameCount());
        for (int i = 0; i < 2; i++) {
            SourceFrame f = s.frame(i);
            assertTrue(f.multiFrame());
            assertEquals(i + 1, f.frameNumber());
            assertEquals("1.3.6.1.4.1.5962.1.1.10.3.1.1166562673.14401", f.sopInstanceUid());
            assertArrayEquals(new double[] {-1, 0, 0, 0, 1, 0}, f.orientation().toArray(), 1e-9, "shared orientation");
            assertEquals(0.388672, f.pixelMeasures().columnSpacing(), 1e-9);
            assertEquals(10.0, f.pixelMeasures().sliceThickness(), 1e-9);
        }
        assertArrayEquals(new double[] {99.5, -301.5, -159}, s.frame(0).position().toArray(), 1e-9);
        assertArrayEquals(new double[] {99.5, -301.5, -149}, s.frame(1).position().toArray(), 1e-9);
    }

    @Test
    void legacyConvertedMultiFrameMatchesItsSingleFrames() throws IOException {
        SourceImages mf = Sources.MULTIFRAME_23X38.read();
        SourceImages single = Sources.CT_23X38.read();
        assertEquals(3, mf.frameCount());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(single.frame(i).position().toArray(), mf.frame(i).position().toArray(), 1e-6);
            assertEquals(38, mf.frame(i).rows());
            assertEquals(23, mf.frame(i).columns());
        }
        assertEquals(single.frameOfReferenceUid(), mf.frameOfReferenceUid());
    }

    @Test
    void projectionImageHasNoGeometry() throws IOException {
        SourceImages s = Sources.PROJECTION_DX.read();
        assertNull(s.frameOfReferenceUid());
        assertNull(s.frame(0).position());
        assertNull(s.frame(0).orientation());
        assertEquals(1.2, s.frame(0).pixelMeasures().rowSpacing(), 1e-9);
    }

    @Test
    void readsHeadersOnlyNeverPixelData() throws Exception {
        // A copy cut off in the middle of Pixel Data still reads: the parser stops before it.
        byte[] all = Files.readAllBytes(Shared.corpus("pydicom/CT_small.dcm"));
        Path cut = dir.resolve("cut.dcm");
        Files.write(cut, Arrays.copyOf(all, all.length - 20000));
        SourceImages s = SourceImages.read(cut);
        assertEquals(128, s.frame(0).rows());
        assertEquals(cut, s.files().get(0));
    }

    @Test
    void missingFileIsNamed() {
        Path none = dir.resolve("nope.dcm");
        InputException e = assertThrows(InputException.class, () -> SourceImages.read(none));
        assertTrue(e.getMessage().contains(none.toString()), e.getMessage());
        assertThrows(InputException.class, () -> SourceImages.read(java.util.List.of()));
    }
}
