package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import ij.process.ByteProcessor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.write.SegWriteResult;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.testing.Conformance;
import org.dicomseg.ij.ui.FormField;

/**
 * The slide loop through the commands, as a macro runs them: Open DICOM Slide... (a region of a
 * level) then Export Label Image as SEG... / Export ROIs as SEG... from it write tiled SEGs on the
 * level at the region's place, without a source key.
 */
class SlideCommandTest {
    @TempDir static Path tmp;
    static Path slide;
    static SlideWriter writer;

    @BeforeAll
    static void slide() throws Exception {
        writer = new SlideWriter(SampleStudy.deterministic(21), 1000, 700, 256).series("series/cmd");
        slide = Files.createDirectories(tmp.resolve("slide")).resolve("level.dcm");
        writer.write(slide);
        new SlideWriter(SampleStudy.deterministic(21), 500, 350, 256).series("series/cmd").pixelSpacing(0.0005)
                .write(slide.resolveSibling("level-2.dcm"));
    }

    static String q(Path p) { return "[" + p + "]"; }

    static ImagePlus openRegion() throws Exception {
        return ExportMacroRunner.run(null, "slide=" + q(slide.getParent()) + " level=1 x=300 y=200 width=400 height=300",
                OpenSlideCommand::open);
    }

    @Test
    void openFieldsUseMacroKeys() throws Exception {
        for (FormField f : OpenSlideCommand.pathForm("").fields()) assertEquals(f.key(), ij.Macro.trimKey(f.label()));
        for (FormField f : OpenSlideCommand.levelForm(org.dicomseg.source.slide.SlideSeries.scan(slide)).fields()) {
            if (f.kind() != FormField.Kind.MESSAGE) assertEquals(f.key(), ij.Macro.trimKey(f.label()));
        }
        ImagePlus imp = openRegion();
        assertEquals(400, imp.getWidth());
        assertEquals(300, imp.getHeight());
        assertEquals("300", imp.getProp(SlidePlacement.X));
        assertEquals("200", imp.getProp(SlidePlacement.Y));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportMacroRunner.run(null,
                "slide=" + q(slide) + " level=3 x=0 y=0 width=0 height=0", OpenSlideCommand::open));
        assertTrue(e.getMessage().contains("levels 1..2"), e.getMessage());
    }

    @Test
    void exportLabelImageFromARegionWritesATiledSeg() throws Exception {
        ImagePlus region = openRegion();
        ByteProcessor bp = new ByteProcessor(400, 300);
        for (int y = 0; y < 300; y++) for (int x = 0; x < 400; x++) if (writer.isTissue(300 + x, 200 + y)) bp.set(x, y, 1);
        ImagePlus labels = new ImagePlus("tissue", bp);
        SlidePlacement.of(region).applyTo(labels);
        Path out = tmp.resolve("tissue-seg.dcm");
        SegWriteResult r = ExportMacroRunner.run(labels, "out=" + q(out), () -> ExportLabelImageCommand.export(labels));
        assertEquals(out, r.file());
        Conformance.assertConformant(out);
        try (SegmentationReader seg = SegmentationReader.open(out)) {
            assertEquals(DimensionOrganization.TILED_SPARSE, seg.metadata().dimensionOrganizationType());
            assertEquals(700, seg.metadata().totalPixelMatrixRows());
            SegmentationVolume v = Reconstructor.region(seg, 300, 200, 400, 300, ReconstructionOptions.defaults());
            assertArrayEquals((byte[]) bp.getPixels(), v.bytePlane(0, 0));
        }
    }

    @Test
    void exportRoisFromARegionWritesATiledSeg() throws Exception {
        ImagePlus region = openRegion();
        Roi oval = new OvalRoi(40, 30, 200, 150);
        oval.setName("tumour");
        Path roiFile = tmp.resolve("tumour.roi");
        RoiEncoder.save(oval, roiFile.toString());
        Path out = tmp.resolve("rois-seg.dcm");
        ExportMacroRunner.run(region, "rois=" + q(roiFile) + " grouping=name out=" + q(out), () -> ExportRoisCommand.export(region));
        Conformance.assertConformant(out);
        ByteProcessor want = new ByteProcessor(400, 300);
        want.setColor(1);
        want.fill(oval);
        try (SegmentationReader seg = SegmentationReader.open(out)) {
            SegmentationVolume v = Reconstructor.region(seg, 300, 200, 400, 300, ReconstructionOptions.defaults());
            assertArrayEquals((byte[]) want.getPixels(), v.bytePlane(0, 0));
            assertEquals(List.of("tumour"), seg.segments().stream().map(s -> s.label()).collect(java.util.stream.Collectors.toList()));
        }
    }

    @Test
    void exportWithPyramidAndFullTilesWritesEveryLevel() throws Exception {
        ImagePlus region = openRegion();
        ByteProcessor bp = new ByteProcessor(400, 300);
        for (int y = 0; y < 300; y++) for (int x = 0; x < 400; x++) if (writer.isTissue(300 + x, 200 + y)) bp.set(x, y, 1);
        ImagePlus labels = new ImagePlus("tissue", bp);
        SlidePlacement.of(region).applyTo(labels);
        Path out = tmp.resolve("pyr-seg.dcm");
        ExportMacroRunner.run(labels, "out=" + q(out) + " tiles=full pyramid", () -> ExportLabelImageCommand.export(labels));
        Path coarse = tmp.resolve("pyr-seg-level-2.dcm");
        Conformance.assertConformant(out, coarse);
        try (SegmentationReader seg = SegmentationReader.open(coarse)) {
            assertEquals(DimensionOrganization.TILED_FULL, seg.metadata().dimensionOrganizationType());
            assertEquals(500, seg.metadata().totalPixelMatrixColumns());
            SegmentationVolume v = Reconstructor.region(seg, 150, 100, 200, 150, ReconstructionOptions.defaults());
            byte[] p = v.bytePlane(0, 0);
            for (int y = 0; y < 150; y++) {
                for (int x = 0; x < 200; x++) {
                    int any = 0;
                    for (int d = 0; d < 4; d++) any |= bp.get(2 * x + (d & 1), 2 * y + (d >> 1));
                    assertEquals(any, p[y * 200 + x], "coarse pixel " + x + "," + y);
                }
            }
        }
    }
}
