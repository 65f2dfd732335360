package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.io.RoiEncoder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.ij.ui.FormField;
import org.dicomseg.ij.ui.SlideExportSupport;

/**
 * Export ROIs as SEG... from an image of a coarse slide level with {@code target=finest}: the SEG is
 * written on the finest level at the scaled offset, the oval at full resolution; {@code target=image}
 * (the default) keeps the image's level.
 */
class SlideRoiTargetCommandTest {
    @Test
    void finestTargetWritesOnTheFullResolutionLevel(@TempDir Path tmp) throws Exception {
        Shared.assumePresent();
        Path dir = Files.createDirectories(tmp.resolve("slide"));
        SampleStudy study = SampleStudy.deterministic(41);
        new SlideWriter(study, 1024, 768, 128).series("series/target").pixelSpacing(0.00025).write(dir.resolve("level-1.dcm"));
        new SlideWriter(study, 256, 192, 128).series("series/target").pixelSpacing(0.001).write(dir.resolve("level-2.dcm"));
        ImagePlus coarse = ExportMacroRunner.run(null, "slide=[" + dir + "] level=2 x=10 y=20 width=150 height=100",
                OpenSlideCommand::open);
        Roi oval = new OvalRoi(30, 20, 60, 40);
        oval.setName("tumour");
        Path roiFile = tmp.resolve("tumour.roi");
        RoiEncoder.save(oval, roiFile.toString());

        Path out = tmp.resolve("fine-seg.dcm");
        ExportMacroRunner.run(coarse, "rois=[" + roiFile + "] grouping=name out=[" + out + "] target=finest",
                () -> ExportRoisCommand.export(coarse));
        Path own = tmp.resolve("own-seg.dcm");
        ExportMacroRunner.run(coarse, "rois=[" + roiFile + "] grouping=name out=[" + own + "]", () -> ExportRoisCommand.export(coarse));
        Conformance.assertConformant(out, own);
        try (SegmentationReader seg = SegmentationReader.open(out)) {
            assertEquals(1024, seg.metadata().totalPixelMatrixColumns());
            long n = Reconstructor.region(seg, 40, 80, 600, 400, ReconstructionOptions.defaults()).countNonZero(0);
            double area = Math.PI * 120 * 80;
            assertEquals(area, n, area * 0.003);
            assertEquals(n, Reconstructor.totalPixelMatrix(seg, ReconstructionOptions.defaults()).countNonZero(0), "all inside the region");
        }
        try (SegmentationReader seg = SegmentationReader.open(own)) {
            assertEquals(256, seg.metadata().totalPixelMatrixColumns());
        }
        for (FormField f : SlideExportSupport.addSlideFields(ExportRoisCommand.form(coarse, "", null),
                org.dicomseg.ij.slide.SlidePlacement.of(coarse)).fields()) {
            if (f.kind() != FormField.Kind.MESSAGE) assertEquals(f.key(), ij.Macro.trimKey(f.label()));
        }
        assertTrue(ij.Macro.trimKey("Target level (image = the image's own; finest = full resolution)").equals(MacroKeys.TARGET));
    }

    @Test
    void labelImageOnACoarseLevelIsWrittenAtFullResolutionByNearestNeighbour(@TempDir Path tmp) throws Exception {
        Shared.assumePresent();
        Path dir = Files.createDirectories(tmp.resolve("slide"));
        SampleStudy study = SampleStudy.deterministic(42);
        new SlideWriter(study, 1024, 768, 128).series("series/target").pixelSpacing(0.00025).write(dir.resolve("level-1.dcm"));
        new SlideWriter(study, 256, 192, 128).series("series/target").pixelSpacing(0.001).write(dir.resolve("level-2.dcm"));
        ImagePlus coarse = ExportMacroRunner.run(null, "slide=[" + dir + "] level=2 x=10 y=20 width=150 height=100",
                OpenSlideCommand::open);
        // a label image of the coarse region: two labels, one touching the region's edges
        ij.process.ByteProcessor bp = new ij.process.ByteProcessor(150, 100);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 150; x++) bp.set(x, y, x < 7 && y < 5 ? 2 : (x - 70) * (x - 70) + 4 * (y - 50) * (y - 50) < 900 ? 1 : 0);
        }
        ImagePlus labels = new ImagePlus("labels", bp);
        org.dicomseg.ij.slide.SlidePlacement.of(coarse).applyTo(labels);
        Path out = tmp.resolve("labels-fine.dcm");
        ExportMacroRunner.run(labels, "out=[" + out + "] target=finest", () -> ExportLabelImageCommand.export(labels));
        Conformance.assertConformant(out);
        try (SegmentationReader seg = SegmentationReader.open(out)) {
            assertEquals(1024, seg.metadata().totalPixelMatrixColumns());
            byte[] all = Reconstructor.totalPixelMatrix(seg, ReconstructionOptions.defaults().combineToLabelMap()).bytePlane(0, 0);
            // level-2 pixel (10 + i, 20 + j) covers level-1 pixels 4 * (10 + i) .. + 3: each one has its label
            for (int y = 0; y < 768; y++) {
                for (int x = 0; x < 1024; x++) {
                    int i = x / 4 - 10, j = y / 4 - 20;
                    int want = i >= 0 && i < 150 && j >= 0 && j < 100 ? bp.get(i, j) : 0;
                    assertEquals(want, all[y * 1024 + x] & 0xFF, "level-1 pixel " + x + "," + y);
                }
            }
        }
        // a stack cannot be written on another level: a clear error, no file
        ij.ImageStack two = new ij.ImageStack(150, 100);
        two.addSlice(bp.duplicate());
        two.addSlice(bp.duplicate());
        ImagePlus stack = new ImagePlus("stack", two);
        org.dicomseg.ij.slide.SlidePlacement.of(coarse).applyTo(stack);
        Path none = tmp.resolve("stack-fine.dcm");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ExportMacroRunner.run(stack, "out=[" + none + "] target=finest", () -> ExportLabelImageCommand.export(stack)));
        assertTrue(e.getMessage().contains("single-plane"), e.getMessage());
        assertTrue(!Files.exists(none));
    }
}
