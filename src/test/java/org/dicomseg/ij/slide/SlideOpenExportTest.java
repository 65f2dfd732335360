package org.dicomseg.ij.slide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.write.TiledGeometry;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.plugins.OpenSlideCommand;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.source.slide.SlideLevel;
import org.dicomseg.source.slide.SlideRegionReader;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.dicomseg.ij.export.ExportPlan;
import org.dicomseg.ij.export.LabelImageExport;
import org.dicomseg.ij.export.RoiExport;
import org.dicomseg.ij.export.RoiGrouping;
import org.dicomseg.ij.export.RoiMaskPlanes;
import org.dicomseg.ij.export.RoiPlacement;
import org.dicomseg.ij.export.RoiSegment;
import org.dicomseg.ij.export.SlideExport;

/**
 * Opening slides (levels, regions; native, JPEG baseline, JPEG-LS) and exporting from
 * the opened image: label images and ROIs drawn on a region become tiled SEGs that land on the
 * region's pixels of the level.
 */
class SlideOpenExportTest {
    @TempDir static Path tmp;
    static Path pyramid;
    static SlideWriter big;
    static SlideWriter small;

    @BeforeAll
    static void slides() throws Exception {
        Shared.assumePresent();
        pyramid = Files.createDirectories(tmp.resolve("pyramid"));
        SampleStudy study = SampleStudy.deterministic(11);
        big = new SlideWriter(study, 1000, 700, 256).rgb(true).series("series/pyramid");
        small = new SlideWriter(study, 500, 350, 256).rgb(true).series("series/pyramid").pixelSpacing(0.0005);
        big.write(pyramid.resolve("level-1.dcm"));
        small.write(pyramid.resolve("level-2.dcm"));
    }

    @Test
    void levelsAreListedLargestFirst() throws Exception {
        SlideSeries s = SlideSeries.scan(pyramid);
        assertEquals(2, s.levels().size());
        assertEquals(1000, s.level(0).width());
        assertEquals(700, s.level(0).height());
        assertEquals(500, s.level(1).width());
        assertEquals(0.0005, s.level(1).matrix().columnSpacing(), 1e-12);
        assertEquals(2, SlideSeries.scan(pyramid.resolve("level-2.dcm")).levels().size(), "a file stands for its series");
        assertTrue(s.level(0).describe().contains("1000 x 700"), s.level(0).describe());
    }

    @Test
    void regionOfAGeneratedLevelHasTheSlidePixels() throws Exception {
        SlideSeries s = SlideSeries.scan(pyramid);
        ImagePlus imp = OpenSlideCommand.open(s, 1, 300, 200, 400, 300);
        assertEquals(400, imp.getWidth());
        assertEquals(300, imp.getHeight());
        assertTrue(imp.getProcessor() instanceof ColorProcessor);
        for (int y = 0; y < 300; y += 7) {
            for (int x = 0; x < 400; x += 5) {
                int c = imp.getProcessor().getPixel(x, y) & 0xFFFFFF;
                int want = big.isTissue(300 + x, 200 + y) ? (180 << 16 | 90 << 8 | 170) : 0xF0F0F0;
                assertEquals(want, c, "pixel " + x + "," + y);
            }
        }
        SlidePlacement p = SlidePlacement.of(imp);
        assertEquals(300, p.x());
        assertEquals(200, p.y());
        assertEquals(1, p.level());
        assertEquals(s.level(0).frameOfReferenceUid(), p.frameOfReferenceUid());
        assertEquals(0.25, imp.getCalibration().pixelWidth, 1e-9);
        // whole level by default: width/height 0
        ImagePlus whole = OpenSlideCommand.open(s, 2, 0, 0, 0, 0);
        assertEquals(500, whole.getWidth());
        assertEquals(350, whole.getHeight());
    }

    @Test
    void corpusSlidesOpenJpegLsIncluded() throws Exception {
        Path sm = Shared.corpus("highdicom/sm_image.dcm");
        SlideLevel level = SlideLevel.read(sm);
        ImagePlus imp = OpenSlideCommand.open(SlideSeries.scan(sm), indexOf(SlideSeries.scan(sm), sm), 0, 0, 0, 0);
        assertEquals(50, imp.getWidth());
        // compare with PixelMed's own reading of the native tiles (TILED_FULL, 5 x 5 tiles of 10 x 10 RGB)
        AttributeList l = new AttributeList();
        l.read(sm.toString());
        byte[] px = l.get(TagFromName.PixelData).getByteValues();
        for (int y = 0; y < 50; y += 3) {
            for (int x = 0; x < 50; x += 3) {
                int frame = (y / 10) * 5 + x / 10;
                int i = frame * 300 + ((y % 10) * 10 + x % 10) * 3;
                int want = (px[i] & 0xFF) << 16 | (px[i + 1] & 0xFF) << 8 | (px[i + 2] & 0xFF);
                assertEquals(want, imp.getProcessor().getPixel(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
            }
        }
        assertEquals(50, level.height());
        Path grey = Shared.corpus("highdicom/sm_image_grayscale.dcm");
        ImagePlus g = org.dicomseg.ij.slide.SlideImageOpener.open(SlideLevel.read(grey), 1, 5, 5, 20, 20);
        assertEquals(20, g.getWidth());
        assertEquals(SlideLevel.read(grey).bitsAllocated() == 16 ? 16 : 8, g.getBitDepth());
        // the JPEG-LS copy of the same slide (highdicom's sm_image_jpegls.dcm) opens with the same pixels
        // (tile by tile against dcmtk's dcmdjpls in source.slide.CorpusTileDecodeTest)
        Path jls = Shared.corpus("highdicom/sm_image_jpegls.dcm");
        ImagePlus lossless = OpenSlideCommand.open(SlideSeries.scan(jls), indexOf(SlideSeries.scan(jls), jls), 0, 0, 0, 0);
        assertEquals(50, lossless.getWidth());
        assertEquals(50, lossless.getHeight());
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 50; x++) {
                assertEquals(imp.getProcessor().getPixel(x, y) & 0xFFFFFF, lossless.getProcessor().getPixel(x, y) & 0xFFFFFF,
                        "pixel " + x + "," + y);
            }
        }
    }

    static int indexOf(SlideSeries s, Path file) throws IOException {
        for (int i = 0; i < s.levels().size(); i++) {
            if (Files.isSameFile(s.level(i).file(), file)) return i + 1;
        }
        throw new AssertionError(file + " not among the levels");
    }

    @Test
    void jpegBaselineTilesDecode() throws Exception {
        for (boolean rgb : new boolean[] {false, true}) {
            SlideWriter w = new SlideWriter(SampleStudy.deterministic(3), 600, 300, 256).rgb(rgb).jpeg(true)
                    .series("series/jpeg-" + rgb);
            Path f = tmp.resolve("jpeg-" + rgb + ".dcm");
            w.write(f);
            SlideLevel level = SlideLevel.read(f);
            assertEquals("1.2.840.10008.1.2.4.50", level.transferSyntaxUid());
            ImagePlus imp = org.dicomseg.ij.slide.SlideImageOpener.open(level, 1, 100, 50, 400, 200);
            int bad = 0;
            for (int y = 0; y < 200; y++) {
                for (int x = 0; x < 400; x++) {
                    boolean tissue = w.isTissue(100 + x, 50 + y);
                    int v = rgb ? (imp.getProcessor().getPixel(x, y) >> 8) & 0xFF : imp.getProcessor().getPixel(x, y);
                    int want = rgb ? (tissue ? 90 : 240) : (tissue ? 107 : 235);
                    if (Math.abs(v - want) > 20) bad++;
                }
            }
            assertTrue(bad < 400 * 200 / 100, bad + " pixels far from the slide (rgb " + rgb + ")");
        }
    }

    @Test
    void labelImageDrawnOnARegionLandsOnTheLevel() throws Exception {
        SlideSeries s = SlideSeries.scan(pyramid);
        ImagePlus region = OpenSlideCommand.open(s, 1, 300, 200, 400, 300);
        // threshold the tissue into a label image that carries the region's placement
        ByteProcessor labels = new ByteProcessor(400, 300);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                int c = region.getProcessor().getPixel(x, y);
                if (((c >> 8) & 0xFF) < 128) labels.set(x, y, 1);
                else if (x > 350 && y > 250) labels.set(x, y, 2);
            }
        }
        ImagePlus lab = new ImagePlus("labels", labels);
        SlidePlacement.of(region).applyTo(lab);
        for (DimensionOrganization org : new DimensionOrganization[] {DimensionOrganization.TILED_SPARSE, DimensionOrganization.TILED_FULL}) {
            Path out = tmp.resolve("labels-" + org + ".dcm");
            SegWriteOptions o = SegWriteOptions.builder().tiledGeometry(TiledGeometry.defaults().withOrganization(org)).build();
            SegWriteResult r = SlideExport.write(LabelImageExport.prepare(lab, null), SlidePlacement.of(lab), o, out);
            Conformance.assertConformant(out);
            try (SegmentationReader seg = SegmentationReader.open(out)) {
                assertEquals(1000, seg.metadata().totalPixelMatrixColumns());
                SegmentationVolume v = Reconstructor.region(seg, 300, 200, 400, 300, ReconstructionOptions.defaults().combineToLabelMap());
                assertArrayEquals((byte[]) labels.getPixels(), v.bytePlane(0, 0), org.toString());
                SegmentationVolume all = Reconstructor.totalPixelMatrix(seg, ReconstructionOptions.defaults().combineToLabelMap());
                long outside = 0;
                byte[] a = all.bytePlane(0, 0);
                for (int y = 0; y < 700; y++) {
                    for (int x = 0; x < 1000; x++) {
                        boolean in = x >= 300 && x < 700 && y >= 200 && y < 500;
                        if (!in && a[y * 1000 + x] != 0) outside++;
                    }
                }
                assertEquals(0, outside, "nothing outside the region");
            }
            assertTrue(r.numberOfFrames() > 0);
        }
    }

    @Test
    void roisDrawnOnARegionLandOnTheLevel() throws Exception {
        SlideSeries s = SlideSeries.scan(pyramid);
        ImagePlus region = OpenSlideCommand.open(s, 1, 256, 256, 300, 200);
        Roi oval = new OvalRoi(20, 30, 150, 100);
        oval.setName("tumour");
        ExportPlan plan = RoiExport.prepare(List.of(oval), RoiGrouping.NAME, RoiPlacement.ofStack(1), 300, 200, null);
        Path out = tmp.resolve("rois.dcm");
        SlideExport.write(plan, SlidePlacement.of(region), SegWriteOptions.defaults(), out);
        Conformance.assertConformant(out);
        ByteProcessor want = new ByteProcessor(300, 200);
        want.setColor(1);
        want.fill(oval);
        try (SegmentationReader seg = SegmentationReader.open(out)) {
            SegmentationVolume v = Reconstructor.region(seg, 256, 256, 300, 200, ReconstructionOptions.defaults());
            assertArrayEquals((byte[]) want.getPixels(), v.bytePlane(0, 0));
            // the oval's bounding box starts in tile (1,1): only tiles (1,1) and (1,2)... no tile left of column 256
            for (var f : seg.frames()) {
                assertTrue(f.columnPositionInTotalPixelMatrix() >= 257 && f.rowPositionInTotalPixelMatrix() >= 257);
            }
        }
    }

    @Test
    void sparseAndJpeg2000LevelsDecodeExactly() throws Exception {
        SlideWriter w = new SlideWriter(SampleStudy.deterministic(5), 800, 600, 128).sparse(true).series("series/sparse");
        Path sparse = tmp.resolve("sparse.dcm");
        w.write(sparse);
        SlideWriter j = new SlideWriter(SampleStudy.deterministic(5), 800, 600, 128).jpeg2000(true).series("series/j2k");
        Path j2k = tmp.resolve("j2k.dcm");
        j.write(j2k);
        SlideLevel ls = SlideLevel.read(sparse);
        assertTrue(ls.frames() < 35, "background tiles left out: " + ls.frames());
        ImagePlus a = org.dicomseg.ij.slide.SlideImageOpener.open(ls, 1, 0, 0, 800, 600);
        ImagePlus b = org.dicomseg.ij.slide.SlideImageOpener.open(SlideLevel.read(j2k), 1, 0, 0, 800, 600);
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 800; x++) {
                boolean tissue = w.isTissue(x, y);
                int want = tissue ? 100 + ((x ^ y) & 15) : 235;
                assertEquals(want, b.getProcessor().get(x, y), "JPEG 2000 pixel " + x + "," + y);
                int tileHasTissue = ls.matrix().frameAt(y / 128 * 128, x / 128 * 128);
                assertEquals(tileHasTissue > 0 ? want : 0, a.getProcessor().get(x, y), "sparse pixel " + x + "," + y);
            }
        }
        // a tiled SEG on the sparse level references the source tiles by their frame numbers
        ByteProcessor lab = new ByteProcessor(800, 600);
        for (int y = 0; y < 600; y++) for (int x = 0; x < 800; x++) if (w.isTissue(x, y)) lab.set(x, y, 1);
        ImagePlus li = new ImagePlus("lab", lab);
        SlidePlacement.of(a).applyTo(li);
        Path out = tmp.resolve("on-sparse.dcm");
        SlideExport.write(LabelImageExport.prepare(li, null), SlidePlacement.of(li), SegWriteOptions.defaults(), out);
        Conformance.assertConformant(out);
        try (SegmentationReader seg = SegmentationReader.open(out)) {
            assertEquals(ls.frames(), seg.frames().size(), "one SEG tile per stored source tile");
            for (var f : seg.frames()) {
                int row = f.rowPositionInTotalPixelMatrix() - 1, col = f.columnPositionInTotalPixelMatrix() - 1;
                assertArrayEquals(new int[] {ls.matrix().frameAt(row, col)}, f.sources().get(0).frameNumbers());
                assertArrayEquals(ls.matrix().slidePosition(row, col), f.slidePosition(), 1e-6);
            }
            SegmentationVolume v = Reconstructor.totalPixelMatrix(seg, ReconstructionOptions.defaults());
            assertArrayEquals((byte[]) lab.getPixels(), v.bytePlane(0, 0));
        }
    }

    @Test
    void roiRegionsRasteriseLikeTheWholePlane() {
        Roi oval = new OvalRoi(13, 21, 97, 61);
        Roi rect = new Roi(-5, 70, 40, 60);
        Roi poly = new ij.gui.PolygonRoi(new int[] {60, 130, 90, 140}, new int[] {5, 40, 110, 128}, 4, Roi.POLYGON);
        Roi composite = new ij.gui.ShapeRoi(new OvalRoi(70, 60, 60, 60)).not(new ij.gui.ShapeRoi(new OvalRoi(85, 75, 20, 20)));
        RoiMaskPlanes m = new RoiMaskPlanes(new RoiSegment("s", List.of(oval, rect, poly, composite), List.of(1, 2, 3, 4), null),
                RoiPlacement.ofStack(1), 150, 130);
        byte[] whole = (byte[]) m.readPlane(0, null);
        for (int[] r : new int[][] {{0, 0, 150, 130}, {7, 9, 33, 41}, {100, 100, 50, 30}, {64, 0, 64, 64}, {149, 129, 1, 1}}) {
            byte[] part = new byte[r[2] * r[3]];
            m.readRegion(0, r[0], r[1], r[2], r[3], part);
            for (int y = 0; y < r[3]; y++) {
                for (int x = 0; x < r[2]; x++) {
                    assertEquals(whole[(r[1] + y) * 150 + r[0] + x], part[y * r[2] + x], "pixel " + (r[0] + x) + "," + (r[1] + y));
                }
            }
        }
    }
}
