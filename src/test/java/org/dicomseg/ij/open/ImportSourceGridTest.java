package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import ij.ImagePlus;
import ij.plugin.FolderOpener;

import org.dicomseg.ij.source.PlaneSources;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceImages;
import org.dicomseg.task.InputException;
import org.dicomseg.task.Progress;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.EditLoopFixture;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where an import finds its source series, and what it does when it does not. */
class ImportSourceGridTest {
    @TempDir static Path dir;
    static EditLoopFixture fx;

    @BeforeAll static void fixture() throws Exception {
        fx = EditLoopFixture.write(dir);
    }

    private static ImportedSegmentation read(Path seg, ImportOptions o, List<ImagePlus> open) throws Exception {
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            return ImportSources.read(r, o, seg, open, null, 0, 0, Progress.NONE);
        }
    }

    /** The SEG copied to a folder of its own, away from the CT. */
    private static Path alone() throws Exception {
        Path lonely = Files.createDirectories(dir.resolve("alone/deeper"));
        return Files.copy(fx.seg, lonely.resolve("ai-seg.dcm"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test void withoutSourcesTheGapsOfARegularSpacingAreFilledAndTheLogSaysSo() throws Exception {
        ImportedSegmentation v = read(alone(), ImportOptions.defaults(), List.of());
        // slices 20..219 hold frames; 100..109 (empty) are filled in; 0..19 and 220..239 cannot be known
        assertEquals(200, v.depth());
        assertNull(v.sourceLocation());
        assertTrue(v.notes().get(0).startsWith("Source images not found (searched "), v.notes().toString());
        assertTrue(v.notes().stream().anyMatch(n -> n.equals("10 empty plane(s) inserted where the regular spacing has no frames")),
                v.notes().toString());
        assertNull(v.segment(1).plane(85));
        assertTrue(v.segment(1).plane(90) != null);
    }

    @Test void anOpenImageOfTheSeriesIsTheGridInItsOwnOrder() throws Exception {
        ImagePlus ct = FolderOpener.open(fx.ctDir.toString(), "");
        // reversed, as an image sorted the other way would be
        ij.ImageStack rev = new ij.ImageStack(ct.getWidth(), ct.getHeight());
        for (int i = ct.getStackSize(); i >= 1; i--) rev.addSlice(ct.getStack().getSliceLabel(i), ct.getStack().getProcessor(i));
        ImagePlus reversed = new ImagePlus("CT reversed", rev);
        reversed.setFileInfo(ct.getOriginalFileInfo());
        ImportedSegmentation v = read(alone(), ImportOptions.defaults(), List.of(reversed));
        assertEquals(EditLoopFixture.SLICES, v.depth());
        assertTrue(v.notes().get(0).startsWith("Planes: the 240 source images of the open image 'CT reversed'"), v.notes().toString());
        for (int z = 0; z < EditLoopFixture.SLICES; z++) {
            boolean liver = EditLoopFixture.onSlice(1, EditLoopFixture.SLICES - 1 - z);
            assertEquals(liver, v.segment(1).plane(z) != null, "plane " + z);
        }
    }

    @Test void anEarlierImportOpenInImageJRecordsWhereTheSourcesAre() throws Exception {
        ImagePlus earlier = new SegImporter(ImportOptions.defaults(), Progress.NONE)
                .run(read(fx.seg, ImportOptions.defaults(), List.of()), fx.seg, "earlier").image();
        ImportedSegmentation v = read(alone(), ImportOptions.defaults(), List.of(earlier));
        assertEquals(EditLoopFixture.SLICES, v.depth());
        assertTrue(v.notes().get(0).startsWith("Planes: the 240 source images of the open image 'earlier'"), v.notes().toString());
    }

    @Test void aGivenFileStandsForItsSeries() throws Exception {
        ImportedSegmentation v = read(alone(), ImportOptions.builder().sourceFolder(fx.ctDir.resolve("IM0007.dcm")).build(), List.of());
        assertEquals(EditLoopFixture.SLICES, v.depth());
        assertEquals(fx.ctDir.toAbsolutePath(), v.sourceLocation());
        InputException e = assertThrows(InputException.class,
                () -> read(alone(), ImportOptions.builder().sourceFolder(dir.resolve("alone")).build(), List.of()));
        assertTrue(e.getMessage().contains("not all in " + dir.resolve("alone")), e.getMessage());
    }

    @Test void theGridIsInTheOrderImageJStacksTheSeries() throws Exception {
        // a series whose Instance Numbers run against z (as in most CTs: head first, z falling)
        Path ct = Files.createDirectories(dir.resolve("reversed/ct"));
        List<Path> files = new java.util.ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            Path f = ct.resolve("IM000" + k + ".dcm");
            org.dicomseg.testing.SyntheticSegs.withInteger(Paths.get("sample-images/ct/IM000" + k + ".dcm"), f,
                    com.pixelmed.dicom.TagFromName.InstanceNumber, 6 - k);
            files.add(f);
        }
        SourceImages src = SourceImages.read(files);          // IM0001 (z = -10) first
        int rows = src.frame(0).rows(), cols = src.frame(0).columns();
        byte[][][] masks = new byte[1][5][];
        for (int z = 0; z < 5; z++) masks[0][z] = new byte[rows * cols];
        masks[0][0][0] = 1;                                   // a pixel on IM0001 only
        Path seg = Files.createDirectories(dir.resolve("reversed/seg")).resolve("seg.dcm");
        SegWriter.write(seg, StackedMasks.ofBytes(masks, rows, cols), List.of(SegmentDescription.builder(1, "Dot")
                .category(org.dicomseg.model.codes.Codes.TISSUE).type(org.dicomseg.model.codes.Codes.TISSUE)
                .algorithmType(org.dicomseg.model.SegmentAlgorithmType.MANUAL).build()), src, SegWriteOptions.builder().build());
        ImportedSegmentation v = read(seg, ImportOptions.defaults(), List.of());
        ImagePlus imageJ = FolderOpener.open(ct.toString(), "");
        assertEquals("IM0005.dcm", imageJ.getStack().getSliceLabel(1).split("\n")[0]);   // Instance Number 1 first
        for (int z = 0; z < 5; z++) {
            assertTrue(imageJ.getStack().getSliceLabel(z + 1).contains("SOP Instance UID: " + v.geometry().referencedInstance(z)),
                    "plane " + (z + 1));
        }
        assertNull(v.segment(1).plane(0));
        assertEquals(v.foreground(), v.segment(1).plane(4)[0] & 0xFF); // IM0001 is ImageJ's slice 5
    }

    @Test void aMultiFrameSourceGivesOnePlanePerFrame() throws Exception {
        Path enhanced = Paths.get("sample-images/enhanced-ct/enhanced.dcm").toAbsolutePath();
        Path folder = Files.createDirectories(dir.resolve("mf/ct"));
        Files.copy(enhanced, folder.resolve("enhanced.dcm"));
        SourceImages src = SourceImages.read(folder.resolve("enhanced.dcm"));
        int rows = src.frame(0).rows(), cols = src.frame(0).columns(), n = src.frameCount();
        byte[][][] masks = new byte[1][n][];
        for (int z = 0; z < n; z++) masks[0][z] = new byte[rows * cols];
        masks[0][2][cols * 3 + 4] = 1;                // only frame 3 has a pixel
        Path seg = Files.createDirectories(dir.resolve("mf/seg")).resolve("one.dcm");
        SegWriter.write(seg, StackedMasks.ofBytes(masks, rows, cols), List.of(SegmentDescription.builder(1, "Dot")
                .category(org.dicomseg.model.codes.Codes.TISSUE).type(org.dicomseg.model.codes.Codes.TISSUE)
                .algorithmType(org.dicomseg.model.SegmentAlgorithmType.MANUAL).build()), src, SegWriteOptions.builder().build());
        Conformance.assertConformant(seg);
        ImportedSegmentation v = read(seg, ImportOptions.defaults(), List.of());
        assertEquals(n, v.depth());
        assertEquals(v.foreground(), v.segment(1).plane(2)[cols * 3 + 4] & 0xFF);
        assertNull(v.segment(1).plane(0));
        ImagePlus imp = new SegImporter(ImportOptions.defaults(), Progress.NONE).run(v, seg, "mf").image();
        List<String> uids = PlaneSources.instances(imp);
        assertEquals(n, uids.size());
        assertEquals(1, uids.stream().distinct().count());
        // the export finds the multi-frame file again, one plane per frame
        assertEquals(n, SourceLocator.ofImage(imp).planeCount());
    }
}
