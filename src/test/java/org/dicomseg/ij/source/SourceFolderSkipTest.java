package org.dicomseg.ij.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.dicomseg.samples.CtSeriesWriter;
import org.dicomseg.samples.Phantom;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.VolumeGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source folder's files that are skipped (not DICOM, DICOM that cannot be read) are named in the
 * series' notes, and when skipping one leaves a gap in the slice spacing the folder is refused,
 * naming the file: otherwise the SEG would reference 199 of 200 slices with a hole where the
 * skipped one was. Fixture: a 200-slice CT series (2.5 mm apart) written by the samples' writer.
 */
class SourceFolderSkipTest {
    @TempDir
    Path dir;

    private List<Path> series() throws Exception {
        VolumeGeometry g = VolumeGeometry.centred(48, 40, 200, 0.8, 2.5);
        return new CtSeriesWriter(SampleStudy.deterministic(15), g, Phantom.standard()).zeroPixels(true).write(dir);
    }

    /** Keeps the preamble and DICM marker, garbles what follows: a DICOM file that cannot be read. */
    private static void damage(Path f) throws Exception {
        byte[] b = Files.readAllBytes(f);
        Arrays.fill(b, 132, Math.min(b.length, 400), (byte) 0xEE);
        Files.write(f, Arrays.copyOf(b, 400));
    }

    @Test
    void skippedFilesAreNamedAndAGapTheyLeaveIsRefused() throws Exception {
        List<Path> files = series();
        Files.writeString(dir.resolve("README.txt"), "exported by the archive");
        // Not DICOM, no gap: read, and the note names the file.
        SourceSeries s = SourceLocator.fromPath(dir.toString(), 40, 48, 200);
        assertEquals(200, s.planeCount());
        assertEquals(List.of("skipped 1 file(s) of folder " + dir + ": README.txt (not a DICOM file)"), s.notes());

        byte[] slice100 = Files.readAllBytes(files.get(99));
        // A damaged slice in the middle: the remaining 199 have a 5 mm step where 2.5 mm is the rule.
        damage(files.get(99));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SourceLocator.fromPath(dir.toString(), 40, 48, 199));
        assertTrue(e.getMessage().contains("have a gap of 5.00 mm between " + files.get(98).getFileName() + " and "
                + files.get(100).getFileName() + " where the slices are 2.50 mm apart"), e.getMessage());
        assertTrue(e.getMessage().contains(files.get(99).getFileName() + " (cannot be read: "), e.getMessage());
        assertTrue(e.getMessage().contains("README.txt (not a DICOM file)"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        // Naming one file of the series goes the same way (the series is found by scanning its folder).
        assertThrows(IllegalArgumentException.class, () -> SourceLocator.fromPath(files.get(0).toString(), 40, 48, 199));

        // The damaged slice at an end leaves no gap: read, with both skipped files named.
        Files.write(files.get(99), slice100);
        damage(files.get(199));
        s = SourceLocator.fromPath(dir.toString(), 40, 48, 199);
        assertEquals(199, s.planeCount());
        assertEquals(1, s.notes().size());
        assertTrue(s.notes().get(0).startsWith("skipped 2 file(s) of folder " + dir + ": " + files.get(199).getFileName()
                + " (cannot be read: "), s.notes().toString());
        assertTrue(s.notes().get(0).endsWith(", README.txt (not a DICOM file)"), s.notes().toString());
    }
}
