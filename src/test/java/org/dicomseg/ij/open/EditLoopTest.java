package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.Calibration;
import ij.plugin.FolderOpener;
import ij.process.ImageProcessor;

import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.ij.SegmentMetadataProperty;
import org.dicomseg.ij.export.ExportPlan;
import org.dicomseg.ij.export.LabelImageExport;
import org.dicomseg.ij.export.RoiExport;
import org.dicomseg.ij.export.RoiGrouping;
import org.dicomseg.ij.export.RoiPlacement;
import org.dicomseg.ij.export.RoiSetReader;
import org.dicomseg.ij.export.SegExport;
import org.dicomseg.ij.source.PlaneSources;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.ij.source.SourceSeries;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.task.Progress;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.EditLoopFixture;
import org.dicomseg.write.SegWriteOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edit loop through the Java API, on a W1-like case ({@link EditLoopFixture}: 240 CT slices,
 * a SEG without its empty first, middle and last slices, overlapping segments): import (no source
 * given: the CT is the SEG's neighbour) → the planes of the CT, in order, lined up with ImageJ's own
 * opening of the CT → change one segment on a few planes, add one, remove one → export with no
 * source and no metadata argument → a new SEG of the same study on the same CT, untouched segments
 * described as before, the edits in it, conformant.
 */
class EditLoopTest {
    @TempDir static Path dir;
    static EditLoopFixture fx;

    @BeforeAll static void fixture() throws Exception {
        fx = EditLoopFixture.write(dir);
    }

    static SegImporter.Result importSeg(ImportOptions o) throws Exception {
        try (SegmentationReader r = SegmentationReader.open(fx.seg)) {
            ImportedSegmentation v = ImportSources.read(r, o, fx.seg, List.of(), null, 0, 0, Progress.NONE);
            return new SegImporter(o, Progress.NONE).run(v, fx.seg, "ai-seg.dcm");
        }
    }

    @Test void hyperstackOnTheSourceGridEditedAndExportedWithoutArguments() throws Exception {
        SegImporter.Result res = importSeg(ImportOptions.builder().output(ImportOptions.Output.HYPERSTACK).build());
        ImagePlus imp = res.image();
        // exactly the CT's planes, empty first, middle and last planes included
        assertEquals(EditLoopFixture.SLICES, imp.getNSlices());
        assertEquals(3, imp.getNChannels());
        assertTrue(res.notes().stream().anyMatch(n -> n.startsWith("Planes: the 240 source images of folder " + fx.ctDir)),
                res.notes().toString());
        for (int z : new int[] {0, 19, 20, 99, 100, 109, 110, 199, 200, 239}) {
            for (int n = 1; n <= 3; n++) {
                int[] rc = EditLoopFixture.rect(n);
                int v = imp.getStack().getProcessor(imp.getStackIndex(n, z + 1, 1)).get(rc[2], rc[0]);
                assertEquals(EditLoopFixture.onSlice(n, z) ? 255 : 0, v, "segment " + n + " plane " + (z + 1));
            }
        }
        // lined up with the CT as ImageJ opens it: same plane for the same SOP Instance, same calibration
        ImagePlus ct = FolderOpener.open(fx.ctDir.toString(), "");
        assertEquals(ct.getStackSize(), imp.getNSlices());
        List<String> uids = PlaneSources.instances(imp);
        for (int z : new int[] {1, 120, 240}) {
            String label = ct.getStack().getSliceLabel(z);
            assertTrue(label.contains("0008,0018  SOP Instance UID: " + uids.get(z - 1)), "plane " + z);
        }
        Calibration a = ct.getCalibration(), b = imp.getCalibration();
        assertEquals(a.getUnit(), b.getUnit());
        assertEquals(a.pixelWidth, b.pixelWidth, 1e-9);
        assertEquals(a.pixelHeight, b.pixelHeight, 1e-9);
        assertEquals(a.pixelDepth, b.pixelDepth, 1e-9);
        assertEquals(a.xOrigin, b.xOrigin, 1e-9);
        assertEquals(a.yOrigin, b.yOrigin, 1e-9);
        assertEquals(a.zOrigin, b.zOrigin, 1e-9);
        // patient coordinates in the properties
        assertEquals(-150 + 1.25 * 119, PlaneSources.position(imp, 119)[2], 1e-6);
        assertEquals(fx.ctDir.toAbsolutePath().toString(), imp.getProp(SourceLocator.SOURCE_PROPERTY));

        // edit: Liver cleared on planes 30-32 and drawn on empty plane 5; Lesion removed; Spleen added
        for (int z = 30; z <= 32; z++) {
            ImageProcessor ip = imp.getStack().getProcessor(imp.getStackIndex(1, z, 1));
            ip.setColor(0);
            ip.fill();
        }
        ImageProcessor p5 = imp.getStack().getProcessor(imp.getStackIndex(1, 5, 1));
        p5.setRoi(new Roi(2, 2, 4, 3));
        p5.setValue(255);
        p5.fill();
        // (the menu commands Delete Slice / Add Slice are run by macro in EditLoopMacroXvfbTest)
        replaceChannels(imp, 2, true);
        assertEquals(2, imp.getNChannels());
        replaceChannels(imp, 0, false);
        assertEquals(3, imp.getNChannels());
        for (int z = 120; z <= 125; z++) {
            ImageProcessor ip = imp.getStack().getProcessor(imp.getStackIndex(3, z, 1));
            ip.setRoi(new Roi(50, 2, 8, 6));
            ip.setValue(255);
            ip.fill();
        }
        for (int z = 1; z <= imp.getNSlices(); z++) imp.getStack().setSliceLabel("Spleen", imp.getStackIndex(3, z, 1));

        // export: no source, no metadata argument
        SourceSeries sources = SourceLocator.ofImage(imp);
        assertNotNull(sources);
        DcmqiMetadata meta = SegmentMetadataProperty.get(imp);
        ExportPlan plan = LabelImageExport.prepare(imp, meta, true, Progress.NONE, null);
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("'Spleen' added")), plan.notes().toString());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("'Lesion' no longer in the image")), plan.notes().toString());
        Path edited = dir.resolve("edited-hyperstack.dcm");
        SegExport.write(plan, sources, ImportedImageProperties.withPredecessor(
                SegWriteOptions.builder().segmentationType(plan.suggestedType()).build(), imp), edited);
        Conformance.assertConformant(edited);
        fx.assertEdited(edited, "Spleen");
    }

    @Test void renamedChannelsAndRoisKeepTheirCodes() throws Exception {
        ImagePlus imp = importSeg(ImportOptions.builder().output(ImportOptions.Output.HYPERSTACK).build()).image();
        for (int z = 1; z <= imp.getNSlices(); z++) imp.getStack().setSliceLabel("Left kidney", imp.getStackIndex(3, z, 1));
        ExportPlan plan = LabelImageExport.prepare(imp, SegmentMetadataProperty.get(imp), true, Progress.NONE, null);
        assertEquals(fx.descriptions.get(2).toBuilder().label("Left kidney").build(), plan.segments().get(2));
        assertEquals(fx.descriptions.get(0), plan.segments().get(0));
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("Renamed segment 'Kidney' -> 'Left kidney'")), plan.notes().toString());

        Path zip = dir.resolve("renamed.zip");
        importSeg(ImportOptions.builder().output(ImportOptions.Output.ROI_SET_ZIP).roiZip(zip).build());
        List<Roi> rois = RoiSetReader.read(zip);
        for (Roi r : rois) if (r.getName().startsWith("Lesion z")) r.setName(r.getName().replace("Lesion", "Metastasis"));
        ExportPlan byRoi = RoiExport.prepare(rois, RoiGrouping.NAME, RoiPlacement.ofStack(EditLoopFixture.SLICES),
                EditLoopFixture.COLUMNS, EditLoopFixture.ROWS, null);
        assertEquals(3, byRoi.segments().size());
        assertEquals(fx.descriptions.get(1).toBuilder().label("Metastasis").build(), byRoi.segments().get(1));
        assertEquals(fx.descriptions.get(2), byRoi.segments().get(2));
    }

    @Test void oneSegmentAsAHyperstackKeepsItsDescription() throws Exception {
        // one BINARY segment: a one-channel 0/255 mask, exported as a label image of value 255
        ImagePlus imp = importSeg(ImportOptions.builder().output(ImportOptions.Output.HYPERSTACK).segments("3").build()).image();
        assertEquals(1, imp.getNChannels());
        ExportPlan plan = LabelImageExport.prepare(imp, SegmentMetadataProperty.get(imp), true, Progress.NONE, null);
        assertEquals(List.of(fx.descriptions.get(2).toBuilder().segmentNumber(1).build()), plan.segments());
        assertTrue(plan.notes().isEmpty(), plan.notes().toString());
    }

    @Test void labelImageEditedAndExportedWithoutArguments() throws Exception {
        // Liver and Kidney do not overlap: a label image holds both exactly
        SegImporter.Result res = importSeg(ImportOptions.builder().output(ImportOptions.Output.LABEL_IMAGE).segments("1,3").build());
        ImagePlus imp = res.image();
        assertEquals(EditLoopFixture.SLICES, imp.getNSlices());
        ImageProcessor p5 = imp.getStack().getProcessor(5);
        p5.setRoi(new Roi(2, 2, 4, 3));
        p5.setValue(1);
        p5.fill();
        for (int z = 30; z <= 32; z++) {
            ImageProcessor ip = imp.getStack().getProcessor(z);
            ip.setRoi(new Roi(0, 0, EditLoopFixture.COLUMNS, EditLoopFixture.ROWS));
            ip.setValue(0);
            ip.fill();
        }
        for (int z = 150; z <= 219; z++) {   // Kidney (3) removed
            ImageProcessor ip = imp.getStack().getProcessor(z + 1);
            for (int i = 0; i < ip.getPixelCount(); i++) if (ip.get(i) == 3) ip.set(i, 0);
        }
        for (int z = 120; z <= 125; z++) {   // label 7 added
            ImageProcessor ip = imp.getStack().getProcessor(z);
            ip.setRoi(new Roi(50, 2, 8, 6));
            ip.setValue(7);
            ip.fill();
        }
        ExportPlan plan = LabelImageExport.prepare(imp, SegmentMetadataProperty.get(imp), true, Progress.NONE, null);
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("Label value [7] added")), plan.notes().toString());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("'Kidney' (label 3) no longer in the image")), plan.notes().toString());
        Path edited = dir.resolve("edited-labels.dcm");
        SegExport.write(plan, SourceLocator.ofImage(imp), ImportedImageProperties.withPredecessor(SegWriteOptions.builder().build(), imp),
                edited);
        Conformance.assertConformant(edited);
        fx.assertPredecessor(edited);
        try (SegmentationReader r = SegmentationReader.open(edited)) {
            assertEquals(2, r.segments().size());
            assertEquals(fx.descriptions.get(0), r.getSegmentDescription(1));
            assertEquals("Segment 2", r.getSegmentDescription(2).label());
            assertEquals("ImageJ label value 7", r.getSegmentDescription(2).description());
        }
    }

    @Test void roiSetTracedOnTheFullGridExportsBackOnTheSamePlanes() throws Exception {
        Path zip = dir.resolve("rois.zip");
        importSeg(ImportOptions.builder().output(ImportOptions.Output.ROI_SET_ZIP).roiZip(zip).segments("3").build());
        List<Roi> rois = RoiSetReader.read(zip);
        // one ROI per plane of Kidney, on its plane of the full stack
        assertEquals(70, rois.size());
        assertEquals(151, rois.get(0).getPosition());
        assertEquals("Kidney z151", rois.get(0).getName());
        rois.remove(rois.size() - 1);                  // drop the ROI of plane 220
        Roi extra = new Roi(2, 2, 5, 5);               // a new segment drawn on CT slice 10
        extra.setName("Marker");
        extra.setPosition(10);
        rois.add(extra);
        SourceSeries ct = SourceLocator.fromPath(fx.ctDir.toString(), EditLoopFixture.COLUMNS, EditLoopFixture.ROWS,
                EditLoopFixture.SLICES);
        ExportPlan plan = RoiExport.prepare(rois, RoiGrouping.NAME, RoiPlacement.ofStack(ct.planeCount()), ct.width(), ct.height(), null);
        assertEquals(2, plan.segments().size());
        SegmentDescription kidney = plan.segments().get(0);
        assertEquals(fx.descriptions.get(2), kidney.toBuilder().segmentNumber(3).build());
        assertEquals(Codes.TISSUE, plan.segments().get(1).type());
        Path edited = dir.resolve("edited-rois.dcm");
        SegExport.write(plan, ct, SegWriteOptions.builder().build(), edited);
        Conformance.assertConformant(edited);
        ImagePlus back;
        try (SegmentationReader r = SegmentationReader.open(edited)) {
            ImportOptions o = ImportOptions.builder().build();
            back = new SegImporter(o, Progress.NONE).run(ImportSources.read(r, o, edited, List.of(), null, 0, 0, Progress.NONE),
                    edited, "back").image();
        }
        assertEquals(EditLoopFixture.SLICES, back.getNSlices());
        assertEquals(255, back.getStack().getProcessor(back.getStackIndex(2, 10, 1)).get(3, 3));
        assertEquals(0, back.getStack().getProcessor(back.getStackIndex(2, 11, 1)).get(3, 3));
        int[] k = EditLoopFixture.KIDNEY;
        assertEquals(255, back.getStack().getProcessor(back.getStackIndex(1, 219, 1)).get(k[2], k[0]));
        assertEquals(0, back.getStack().getProcessor(back.getStackIndex(1, 220, 1)).get(k[2], k[0]));
    }

    /** Removes channel {@code remove} (1-based), or adds an empty last channel, keeping the image and its properties. */
    static void replaceChannels(ImagePlus imp, int remove, boolean delete) {
        int nc = imp.getNChannels(), nz = imp.getNSlices();
        ij.ImageStack st = new ij.ImageStack(imp.getWidth(), imp.getHeight());
        for (int z = 1; z <= nz; z++) {
            for (int c = 1; c <= nc; c++) {
                if (delete && c == remove) continue;
                int i = imp.getStackIndex(c, z, 1);
                st.addSlice(imp.getStack().getSliceLabel(i), imp.getStack().getProcessor(i));
            }
            if (!delete) st.addSlice(null, new ij.process.ByteProcessor(imp.getWidth(), imp.getHeight()));
        }
        imp.setStack(st, delete ? nc - 1 : nc + 1, nz, 1);
    }

}
