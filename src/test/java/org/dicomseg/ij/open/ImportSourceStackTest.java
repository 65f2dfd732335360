package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;
import ij.util.DicomTools;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.ij.source.DicomHeaderInfo;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.options.SegmentSelection;
import org.dicomseg.task.Progress;

/** Finding and opening the source series of corpus SEGs, in the SEG's plane order. */
class ImportSourceStackTest {

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    private static ImportedSegmentation read(Path seg) throws IOException {
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            return ImportReader.read(r, SegmentSelection.parse(""), Progress.NONE);
        }
    }

    @Test
    void liverSourcesFoundBelowTheSegFolderAndOpenedInPlaneOrder() throws IOException {
        Path seg = Shared.corpus("dcmqi/segmentations/liver.dcm");
        ImportedSegmentation v = read(seg);
        ImportOptions o = ImportOptions.builder().openSource(true).build();
        SegImporter.Result r = new SegImporter(o, Progress.NONE).run(v, seg, "liver");
        assertTrue(r.notes().isEmpty(), r.notes().toString());
        ImagePlus src = r.sourceImage();
        assertNotNull(src);
        assertEquals(3, src.getStackSize());
        assertEquals(512, src.getWidth());
        for (int z = 1; z <= 3; z++) {
            // slice z is the file the SEG's plane z references
            String uid = DicomTools.getTag(imageOfSlice(src, z), "0008,0018");
            assertNotNull(uid, "slice " + z + " has a DICOM header");
            assertEquals(v.geometry().referencedInstance(z - 1), uid.trim());
        }
        assertEquals(r.image().getCalibration().pixelWidth, src.getCalibration().pixelWidth, 1e-9);
        assertEquals(r.image().getCalibration().zOrigin, src.getCalibration().zOrigin, 1e-9);
        assertEquals(r.image().getNSlices(), src.getStackSize());
        // what the export commands look for to find the source series again
        String folder = Shared.corpus("dcmqi/segmentations/ct-3slice").toAbsolutePath().toString();
        assertEquals(folder, r.image().getProp(SourceLocator.SOURCE_PROPERTY));
        assertEquals(folder, src.getProp(SourceLocator.SOURCE_PROPERTY));
    }

    private static ImagePlus imageOfSlice(ImagePlus stack, int z) {
        ImagePlus one = new ImagePlus("s", stack.getStack().getProcessor(z));
        String label = stack.getStack().getSliceLabel(z);
        one.setProperty("Info", label.substring(label.indexOf('\n') + 1));
        return one;
    }

    @Test
    void highdicomSourcesFoundInAGivenFolderAndFilledPlanesMatchedByPosition() throws IOException {
        Path seg = Shared.corpus("highdicom/seg_image_ct_binary.dcm");
        ImportedSegmentation v = read(seg);
        Path folder = Shared.corpus("pydicom/dicomdirtests/77654033/CT2");
        ImportOptions o = ImportOptions.builder().openSource(true).sourceFolder(folder).output(ImportOptions.Output.ROI_MANAGER).build();
        SegImporter.Result r = new SegImporter(o, Progress.NONE).run(v, seg, "ct");
        assertNull(r.image());
        assertFalse(r.rois().isEmpty());
        assertNotNull(r.sourceImage(), r.notes().toString());
        assertEquals(v.depth(), r.sourceImage().getStackSize());
        // the CT is 16-bit with ImageJ's Hounsfield calibration kept
        assertTrue(r.sourceImage().getCalibration().calibrated());
    }

    @Test
    void missingSourcesAreANoteNotAFailure(@TempDir Path empty) throws IOException {
        Path seg = Shared.corpus("dcmqi/segmentations/liver.dcm");
        Files.writeString(empty.resolve("readme.txt"), "not DICOM");
        ImportOptions o = ImportOptions.builder().openSource(true).sourceFolder(empty).build();
        SegImporter.Result r = new SegImporter(o, Progress.NONE).run(read(seg), seg, "liver");
        assertNull(r.sourceImage());
        assertNotNull(r.image());
        assertEquals(1, r.notes().size());
        assertTrue(r.notes().get(0).contains("0 of 3 planes"), r.notes().get(0));
    }

    @Test
    void headerOfASourceFile() {
        DicomHeaderInfo h = DicomHeaderInfo.read(Shared.corpus("dcmqi/segmentations/ct-3slice/01.dcm"));
        assertNotNull(h);
        assertEquals(512, h.rows());
        assertEquals(512, h.columns());
        assertEquals(-126.69, h.position()[2], 1e-3);
        assertNull(DicomHeaderInfo.read(Shared.root().resolve("corpus/README.md")));
    }

    @Test
    void roiSetZipDefaultsToTheSegFolder(@TempDir Path dir) throws IOException {
        Path seg = Files.copy(Shared.corpus("highdicom/seg_image_ct_binary.dcm"), dir.resolve("ct seg.dcm"));
        SegImporter.Result r = new SegImporter(ImportOptions.builder().output(ImportOptions.Output.ROI_SET_ZIP).build(), Progress.NONE)
                .run(read(seg), seg, "ct");
        assertEquals(dir.resolve("ct seg_RoiSet.zip"), r.roiZip());
        assertTrue(Files.size(r.roiZip()) > 100);
        assertEquals(List.of(), r.notes());
    }
}
