package org.dicomseg.ij.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.ij.source.DicomInfo;
import org.dicomseg.ij.source.SourceHeader;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.ij.source.SourceSeries;

/** Sources are ordered by position along the slice normal, never by file name, and mismatches are explained. */
class ExportSourceOrderTest {
    static final String CT2 = "pydicom/dicomdirtests/77654033/CT2";

    /** Copies the CT2 series under names whose order is not the spatial order. */
    static Path shuffledCopy(Path dir) throws Exception {
        Path src = Shared.corpus(CT2);
        // z: 17106 = -99.48, 17136 = 103.02, 17166 = 104.27, 17196 = 105.52
        Files.copy(src.resolve("17196"), dir.resolve("a.dcm"));
        Files.copy(src.resolve("17106"), dir.resolve("b.dcm"));
        Files.copy(src.resolve("17166"), dir.resolve("c.dcm"));
        Files.copy(src.resolve("17136"), dir.resolve("d.dcm"));
        Files.writeString(dir.resolve("notes.txt"), "not DICOM");
        return dir;
    }

    @Test void folderIsSortedByImagePosition(@TempDir Path dir) throws Exception {
        Shared.assumePresent();
        shuffledCopy(dir);
        SourceSeries s = SourceLocator.fromPath(dir.toString(), 16, 16, 4);
        List<String> names = new ArrayList<>();
        for (Path p : s.files()) names.add(p.getFileName().toString());
        assertEquals(List.of("b.dcm", "d.dcm", "c.dcm", "a.dcm"), names);
        assertEquals(4, s.planeCount());
        s.requireMatches("labels", 16, 16, 4, null);
    }

    @Test void sourcesAreParsedOnceAndReadFromFileAsFromHeaderText(@TempDir Path dir) throws Exception {
        Shared.assumePresent();
        shuffledCopy(dir);
        SourceSeries s = SourceLocator.fromPath(dir.toString(), 16, 16, 4);
        // The header read from the file says what ImageJ's header text of the same file says.
        for (SourceHeader h : s.headers()) {
            SourceHeader text = SourceHeader.of(h.file(), DicomInfo.parse(new ij.plugin.DICOM().getInfo(h.file().toString())));
            assertEquals(text.rows(), h.rows());
            assertEquals(text.columns(), h.columns());
            assertEquals(text.frames(), h.frames());
            assertEquals(text.sopClassUid(), h.sopClassUid());
            assertEquals(text.sopInstanceUid(), h.sopInstanceUid());
            assertEquals(text.seriesInstanceUid(), h.seriesInstanceUid());
            assertEquals(text.frameOfReferenceUid(), h.frameOfReferenceUid());
            assertEquals(text.instanceNumber(), h.instanceNumber());
            org.junit.jupiter.api.Assertions.assertArrayEquals(text.position().toArray(), h.position().toArray(), 1e-9);
            assertTrue(text.orientation().approximatelyEquals(h.orientation(), 1e-9));
        }
        // The writer's view of the sources comes from the headers parsed while locating them:
        // with the files gone, it is still complete (a second parse would fail).
        List<String> uids = new ArrayList<>();
        for (SourceHeader h : s.headers()) uids.add(h.sopInstanceUid());
        for (Path f : s.files()) Files.delete(f);
        org.dicomseg.source.SourceImages images = s.sourceImages();
        assertEquals(4, images.frameCount());
        for (int i = 0; i < 4; i++) assertEquals(uids.get(i), images.frame(i).sopInstanceUid());
    }

    @Test void oneFileStandsForItsSeries(@TempDir Path dir) throws Exception {
        Shared.assumePresent();
        shuffledCopy(dir);
        SourceSeries s = SourceLocator.fromPath(dir.resolve("c.dcm").toString(), 16, 16, 4);
        assertEquals(4, s.planeCount());
        assertEquals("b.dcm", s.files().get(0).getFileName().toString());
        SourceSeries single = SourceLocator.fromPath(dir.resolve("c.dcm").toString(), 16, 16, 1);
        assertEquals(1, single.planeCount());
    }

    @Test void mismatchSaysWhatDiffers(@TempDir Path dir) throws Exception {
        Shared.assumePresent();
        shuffledCopy(dir);
        SourceSeries s = SourceLocator.fromPath(dir.toString(), 16, 16, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.requireMatches("labels.tif", 16, 16, 5, null));
        assertTrue(e.getMessage().contains("slice count: the image has 5 slices, the sources have 4 images"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> s.requireMatches("labels.tif", 64, 64, 4, null));
        assertTrue(e2.getMessage().contains("size: the image is 64x64 pixels, the sources are 16x16"), e2.getMessage());
        assertTrue(!e2.getMessage().contains("slice count"), e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> s.requireMatches("labels.tif", 16, 16, 4, "1.2.3"));
        assertTrue(e3.getMessage().contains("frame of reference: the image has 1.2.3"), e3.getMessage());
    }

    @Test void emptyOrMissingSourceIsReported(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("x.txt"), "hello");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> SourceLocator.fromPath(dir.toString(), 4, 4, 1));
        assertTrue(e.getMessage().contains("No DICOM images"), e.getMessage());
        java.io.IOException e2 = assertThrows(java.io.IOException.class,
                () -> SourceLocator.fromPath(dir.resolve("nope").toString(), 4, 4, 1));
        assertTrue(e2.getMessage().contains("not found"), e2.getMessage());
    }

    static SourceHeader header(String name, int rows, int cols, String forUid, String pos, String ori) {
        String text = "0008,0016  SOP Class UID: 1.2.840.10008.5.1.4.1.1.2\n"
                + "0008,0018  SOP Instance UID: 1.2.3." + Math.abs(name.hashCode()) + "\n"
                + "0020,000E  Series Instance UID: 1.2.9\n"
                + "0020,0032  Image Position (Patient): " + pos + "\n"
                + "0020,0037  Image Orientation (Patient): " + ori + "\n"
                + "0020,0052  Frame of Reference UID: " + forUid + "\n"
                + "0028,0010  Rows: " + rows + "\n0028,0011  Columns: " + cols + "\n";
        return SourceHeader.of(Path.of(name), DicomInfo.parse(text));
    }

    @Test void obliqueAndSagittalStacksSortAlongTheirNormal() {
        // Sagittal: rows along +y, columns along -z, so the normal row x column is (-1, 0, 0):
        // the stack advances towards -x, whatever the file names say.
        String sag = "0\\1\\0\\0\\0\\-1";
        List<SourceHeader> hs = List.of(
                header("x3", 8, 8, "1.2", "3\\0\\0", sag),
                header("x1", 8, 8, "1.2", "1\\5\\5", sag),
                header("x2", 8, 8, "1.2", "2\\-7\\1", sag));
        List<Path> order = SourceSeries.spatiallyOrdered(hs, "test").files();
        assertEquals(List.of(Path.of("x3"), Path.of("x2"), Path.of("x1")), order);
    }

    @Test void inconsistentSourcesAreRefusedWithTheReason() {
        String ax = "1\\0\\0\\0\\1\\0";
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> SourceSeries.spatiallyOrdered(List.of(
                header("a", 8, 8, "1.2", "0\\0\\0", ax), header("b", 16, 8, "1.2", "0\\0\\1", ax)), "test"));
        assertTrue(size.getMessage().contains("differ in size") && size.getMessage().contains("8x16"), size.getMessage());
        IllegalArgumentException fr = assertThrows(IllegalArgumentException.class, () -> SourceSeries.spatiallyOrdered(List.of(
                header("a", 8, 8, "1.2", "0\\0\\0", ax), header("b", 8, 8, "1.3", "0\\0\\1", ax)), "test"));
        assertTrue(fr.getMessage().contains("different frames of reference") && fr.getMessage().contains("1.3"), fr.getMessage());
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> SourceSeries.spatiallyOrdered(List.of(
                header("a", 8, 8, "1.2", "0\\0\\2", ax), header("b", 8, 8, "1.2", "0\\0\\2", ax)), "test"));
        assertTrue(same.getMessage().contains("same position"), same.getMessage());
        IllegalArgumentException tilt = assertThrows(IllegalArgumentException.class, () -> SourceSeries.spatiallyOrdered(List.of(
                header("a", 8, 8, "1.2", "0\\0\\0", ax), header("b", 8, 8, "1.2", "0\\0\\1", "0\\1\\0\\0\\0\\-1")), "test"));
        assertTrue(tilt.getMessage().contains("not parallel"), tilt.getMessage());
    }
}
