package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import ij.process.ByteProcessor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.source.slide.SlideLevel;
import org.dicomseg.source.slide.SlideRegionReader;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.FocalSlides;
import org.dicomseg.testing.Shared;

/**
 * Slides with several focal planes through the commands, as a macro runs them: Open DICOM Slide...
 * opens a region as a Z stack (one slice per focal plane, increasing Z, TILED_FULL and TILED_SPARSE
 * sources); Export Label Image as SEG... and Export ROIs as SEG... from it write one tiled SEG with
 * the focal planes (and with {@code pyramid}, one per level of the same focal planes); a stack of
 * another depth is refused in one line and leaves no file; a slide with two optical paths opens its
 * first and writes frames referencing the tile in both.
 */
class FocalPlaneSlideCommandTest {
    private static final int X = 150, Y = 100, W = 600, H = 450, Z = FocalSlides.PLANES;
    @TempDir static Path tmp;
    static Path full;
    static Path sparse;

    @BeforeAll
    static void slides() throws Exception {
        Shared.assumePresent();
        full = FocalSlides.slide(tmp.resolve("full"), false, 1);
        sparse = FocalSlides.slide(tmp.resolve("sparse"), true, 1);
        // a coarser level of the TILED_FULL slide with the same three focal planes (for the pyramid)
        new SlideWriter(SampleStudy.deterministic(31), 500, 350, 256).series("series/focal-full").pixelSpacing(0.0005)
                .focalPlanes(Z, FocalSlides.SPACING, 0).write(full.resolveSibling("level-2.dcm"));
    }

    static String q(Path p) { return "[" + p + "]"; }

    static ImagePlus open(Path slide) throws Exception {
        return ExportMacroRunner.run(null, "slide=" + q(slide.getParent()) + " level=1 x=" + X + " y=" + Y + " width=" + W + " height=" + H,
                OpenSlideCommand::open);
    }

    @Test
    void openDicomSlideGivesOneSlicePerFocalPlane() throws Exception {
        for (Path slide : List.of(full, sparse)) {
            ImagePlus imp = open(slide);
            assertEquals(Z, imp.getNSlices(), slide.toString());
            assertEquals(1, imp.getNChannels());
            assertEquals(2.0, imp.getCalibration().pixelDepth, 1e-9, "focal plane spacing in µm");
            SlideLevel level = SlideSeries.scan(slide).level(0);
            double[] zs = level.matrix().focalPlanes();
            SlidePlacement p = SlidePlacement.of(imp);
            assertArrayEquals(zs, p.focalPlanes(), 1e-12);
            for (int z = 0; z < Z; z++) {
                assertArrayEquals(SlideRegionReader.read(level, z, X, Y, W, H).pixels(), (byte[]) imp.getStack().getPixels(z + 1),
                        slide + " focal plane " + z);
                assertTrue(imp.getStack().getSliceLabel(z + 1).startsWith("Z "), imp.getStack().getSliceLabel(z + 1));
            }
            // the planes differ (the tissue narrows with depth) and are in increasing Z: the first is the widest
            assertTrue(tissue(imp, 1) > tissue(imp, 2) && tissue(imp, 2) > tissue(imp, 3), slide.toString());
        }
    }

    private static int tissue(ImagePlus imp, int slice) {
        byte[] px = (byte[]) imp.getStack().getPixels(slice);
        int n = 0;
        for (byte b : px) if ((b & 0xFF) < 200) n++;
        return n;
    }

    /** The region of {@link FocalSlides#labels} as a Z stack carrying {@code region}'s placement. */
    static ImagePlus labels(ImagePlus region) {
        ImageStack st = new ImageStack(W, H);
        for (int z = 0; z < Z; z++) {
            ByteProcessor bp = new ByteProcessor(W, H);
            for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) bp.set(x, y, FocalSlides.label(X + x, Y + y, z));
            st.addSlice("", bp);
        }
        ImagePlus labels = new ImagePlus("focal-labels", st);
        SlidePlacement.of(region).applyTo(labels);
        return labels;
    }

    @Test
    void exportLabelImageWritesEveryFocalPlane() throws Exception {
        for (Path slide : List.of(full, sparse)) {
            ImagePlus labels = labels(open(slide));
            String tiles = slide == full ? "full" : "sparse";
            Path out = tmp.resolve("labels-" + tiles + ".dcm");
            ExportMacroRunner.run(labels, "out=" + q(out) + " segmentation=LABELMAP compression=rle tiles=" + tiles,
                    () -> ExportLabelImageCommand.export(labels));
            Conformance.assertConformant(out);
            try (SegmentationReader seg = SegmentationReader.open(out)) {
                assertEquals(Z, seg.metadata().totalPixelMatrixFocalPlanes());
                assertEquals(slide == full ? DimensionOrganization.TILED_FULL : DimensionOrganization.TILED_SPARSE,
                        seg.metadata().dimensionOrganizationType());
                SegmentationVolume v = Reconstructor.region(seg, X, Y, W, H, ReconstructionOptions.defaults().combineToLabelMap());
                assertEquals(Z, v.planes());
                for (int z = 0; z < Z; z++) {
                    byte[] got = v.isEmpty(0, z) ? new byte[W * H] : v.bytePlane(0, z);
                    assertArrayEquals((byte[]) labels.getStack().getPixels(z + 1), got, slide + " focal plane " + z);
                }
            }
        }
    }

    @Test
    void exportRoisGoesToTheirSlices() throws Exception {
        ImagePlus region = open(sparse);
        Roi oval = new OvalRoi(40, 30, 200, 150);
        oval.setName("tumour");
        oval.setPosition(2); // focal plane 2 only
        Path roiFile = tmp.resolve("tumour.roi");
        RoiEncoder.save(oval, roiFile.toString());
        Path out = tmp.resolve("rois-seg.dcm");
        ExportMacroRunner.run(region, "rois=" + q(roiFile) + " grouping=name out=" + q(out), () -> ExportRoisCommand.export(region));
        Conformance.assertConformant(out);
        ByteProcessor want = new ByteProcessor(W, H);
        want.setColor(1);
        want.fill(oval);
        try (SegmentationReader seg = SegmentationReader.open(out)) {
            SegmentationVolume v = Reconstructor.region(seg, X, Y, W, H, ReconstructionOptions.defaults());
            assertEquals(Z, v.planes(), "the empty focal planes are kept");
            assertArrayEquals((byte[]) want.getPixels(), v.bytePlane(0, 1));
            for (int z : new int[] {0, 2}) {
                byte[] p = v.isEmpty(0, z) ? new byte[W * H] : v.bytePlane(0, z);
                for (byte b : p) assertEquals(0, b, "focal plane " + z + " is empty");
            }
        }
    }

    @Test
    void importNextToTheSlideExportsBackOntoTheSameFocalPlanes() throws Exception {
        ImagePlus labels = labels(open(sparse));
        Path seg = sparse.resolveSibling("edit-seg.dcm"); // beside the slide: the import finds its level
        ExportMacroRunner.run(labels, "out=" + q(seg) + " segmentation=BINARY", () -> ExportLabelImageCommand.export(labels));
        java.util.concurrent.atomic.AtomicReference<ImagePlus> current = new java.util.concurrent.atomic.AtomicReference<>();
        ImportCommandHeadlessTest.runAsMacro("seg=" + q(seg) + " output=[label image] region=[" + X + "," + Y + "," + W + "," + H + "]", () -> {
            ij.WindowManager.setTempCurrentImage(null);
            new ImportSegCommand().run("");
            current.set(ij.WindowManager.getCurrentImage());
            ij.WindowManager.setTempCurrentImage(null);
        });
        ImagePlus imported = current.get();
        assertEquals(Z, imported.getNSlices());
        SlidePlacement p = SlidePlacement.of(imported);
        assertArrayEquals(SlideSeries.scan(sparse).level(0).matrix().focalPlanes(), p.focalPlanes(), 1e-12);
        Path back = tmp.resolve("edit-back.dcm");
        ExportMacroRunner.run(imported, "out=" + q(back) + " segmentation=LABELMAP", () -> ExportLabelImageCommand.export(imported));
        Conformance.assertConformant(back);
        try (SegmentationReader r = SegmentationReader.open(back)) {
            SegmentationVolume v = Reconstructor.region(r, X, Y, W, H, ReconstructionOptions.defaults().combineToLabelMap());
            for (int z = 0; z < Z; z++) {
                assertArrayEquals((byte[]) labels.getStack().getPixels(z + 1), v.isEmpty(0, z) ? new byte[W * H] : v.bytePlane(0, z),
                        "focal plane " + z);
            }
        }
    }

    @Test
    void pyramidWritesEachLevelsFocalPlanes() throws Exception {
        ImagePlus labels = labels(open(full));
        Path out = tmp.resolve("pyr-seg.dcm");
        ExportMacroRunner.run(labels, "out=" + q(out) + " tiles=sparse pyramid", () -> ExportLabelImageCommand.export(labels));
        Path coarse = tmp.resolve("pyr-seg-level-2.dcm");
        Conformance.assertConformant(out, coarse);
        try (SegmentationReader seg = SegmentationReader.open(coarse)) {
            assertEquals(Z, seg.metadata().totalPixelMatrixFocalPlanes());
            assertEquals(500, seg.metadata().totalPixelMatrixColumns());
            SegmentationVolume v = Reconstructor.region(seg, X / 2, Y / 2, W / 2, H / 2, ReconstructionOptions.defaults().combineToLabelMap());
            assertEquals(Z, v.planes());
            // the coarse disc centre (slide pixel 400, 350): the disc (1) on the first focal plane, the band crossing it (2) on the
            // second, nothing on the third
            int at = (350 / 2 - Y / 2) * (W / 2) + (400 / 2 - X / 2);
            assertEquals(1, v.bytePlane(0, 0)[at]);
            assertEquals(2, v.bytePlane(0, 1)[at]);
            assertTrue(v.isEmpty(0, 2) || v.bytePlane(0, 2)[at] == 0);
        }
    }

    @Test
    void aStackOfAnotherDepthIsRefusedInOneLine() throws Exception {
        ImagePlus labels = labels(open(full));
        labels.getStack().deleteLastSlice();
        labels.setStack(labels.getStack());
        Path out = tmp.resolve("two.dcm");
        Exception e = assertThrows(Exception.class, () -> ExportMacroRunner.run(labels, "out=" + q(out),
                () -> ExportLabelImageCommand.export(labels)));
        assertEquals("The image has 2 slices but the slide level " + full + " has 3 focal planes: give one slice per focal plane,"
                + " in increasing Z", e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void twoOpticalPathsOpenTheFirstAndReferenceBoth() throws Exception {
        Path two = FocalSlides.slide(tmp.resolve("paths"), true, 2);
        ImagePlus region = open(two);
        assertEquals(Z, region.getNSlices());
        SlideLevel level = SlideSeries.scan(two).level(0);
        assertEquals(2, level.matrix().opticalPathCount());
        ImagePlus labels = labels(region);
        Path out = tmp.resolve("paths-seg.dcm");
        ExportMacroRunner.run(labels, "out=" + q(out) + " segmentation=BINARY", () -> ExportLabelImageCommand.export(labels));
        Conformance.assertConformant(out);
        try (SegmentationReader seg = SegmentationReader.open(out)) {
            assertEquals(1, seg.metadata().numberOfOpticalPaths(), "SEG frames carry no optical path");
            int both = 0;
            for (FrameInfo f : seg.frames()) {
                int row = f.rowPositionInTotalPixelMatrix() - 1, col = f.columnPositionInTotalPixelMatrix() - 1;
                int focal = (int) Math.round((f.slidePosition()[2] - FocalSlides.SPARSE_FIRST_Z) / FocalSlides.SPACING);
                int[] want = level.matrix().framesAt(row, col, focal);
                assertArrayEquals(want, f.sources().get(0).frameNumbers());
                if (want.length == 2) both++;
            }
            assertTrue(both > 0, "frames reference the tile in both optical paths");
            SegmentationVolume v = Reconstructor.region(seg, X, Y, W, H, ReconstructionOptions.defaults().combineToLabelMap());
            assertEquals(Z, v.planes());
            for (int z = 0; z < Z; z++) {
                byte[] got = v.isEmpty(0, z) ? new byte[W * H] : v.bytePlane(0, z);
                assertArrayEquals((byte[]) labels.getStack().getPixels(z + 1), got, "focal plane " + z);
            }
        }
    }
}
