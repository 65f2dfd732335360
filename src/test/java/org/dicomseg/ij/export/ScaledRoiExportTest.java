package org.dicomseg.ij.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.gui.ShapeRoi;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.read.FrameInfo;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.write.TiledGeometry;
import org.dicomseg.plugins.OpenSlideCommand;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.Conformance;
import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.ij.slide.SlideTarget;
import org.dicomseg.task.Progress;

/**
 * ROIs drawn on a 4× downsampled slide level, exported at full resolution: the oval's pixel count
 * matches its analytic area, every pixel matches the ellipse test at pixel centres, the SEG holds
 * exactly the tiles the oval touches, and tile-by-tile rasterising gives the pixels of the whole plane.
 */
class ScaledRoiExportTest {
    @TempDir static Path tmp;
    static Path fine;
    static SlideSeries series;

    @BeforeAll
    static void pyramid() throws Exception {
        Shared.assumePresent();
        Path dir = Files.createDirectories(tmp.resolve("slide"));
        SampleStudy study = SampleStudy.deterministic(31);
        fine = dir.resolve("level-1.dcm");
        new SlideWriter(study, 1024, 768, 64).series("series/scaled").pixelSpacing(0.00025).write(fine);
        new SlideWriter(study, 256, 192, 64).series("series/scaled").pixelSpacing(0.001).write(dir.resolve("level-4x.dcm"));
        series = SlideSeries.scan(dir);
    }

    static boolean inside(double px, double py, double cx, double cy, double rx, double ry) {
        double dx = (px - cx) / rx, dy = (py - cy) / ry;
        return dx * dx + dy * dy < 1;
    }

    @Test
    void ovalOnACoarseLevelBecomesAFullResolutionTiledSeg() throws Exception {
        ImagePlus coarse = OpenSlideCommand.open(series, 2, 20, 16, 200, 150);
        SlidePlacement p = SlidePlacement.of(coarse);
        SlideTarget t = SlideTarget.finest(p, coarse.getWidth(), coarse.getHeight());
        assertEquals(4.0, t.scaleX(), 1e-9);
        assertEquals(80, t.placement().x());
        assertEquals(64, t.placement().y());
        assertEquals(800, t.width());
        assertEquals(600, t.height());

        Roi oval = new OvalRoi(50, 30, 81, 61);
        oval.setName("tumour");
        ExportPlan plan = RoiExport.prepareScaled(List.of(oval), RoiGrouping.NAME, t.scaleX(), t.scaleY(), t.width(), t.height(),
                null, Progress.NONE);
        Path out = tmp.resolve("oval-seg.dcm");
        SegWriteResult r = SlideExport.write(plan, t.placement(), SegWriteOptions.builder().tiledGeometry(TiledGeometry.defaults()).build(), out);
        Conformance.assertConformant(out);

        // analytic ellipse at level 0: centre and radii × 4, relative to the target region
        double cx = (50 + 40.5) * 4, cy = (30 + 30.5) * 4, rx = 40.5 * 4, ry = 30.5 * 4;
        try (SegmentationReader seg = SegmentationReader.open(out)) {
            assertEquals(1024, seg.metadata().totalPixelMatrixColumns());
            assertEquals(0.00025, seg.metadata().pixelSpacing()[1], 1e-12);
            SegmentationVolume v = Reconstructor.region(seg, 80, 64, 800, 600, ReconstructionOptions.defaults());
            byte[] px = v.bytePlane(0, 0);
            long count = 0, mismatches = 0;
            Set<Long> tilesTouched = new HashSet<>();
            for (int y = 0; y < 600; y++) {
                for (int x = 0; x < 800; x++) {
                    boolean in = inside(x + 0.5, y + 0.5, cx, cy, rx, ry);
                    if (px[y * 800 + x] != 0) count++;
                    if (in != (px[y * 800 + x] != 0)) mismatches++;
                    if (in) tilesTouched.add(((long) (y + 64) / 64) << 32 | (x + 80) / 64);
                }
            }
            double area = Math.PI * rx * ry;
            assertEquals(area, count, area * 0.002, "pixel count vs analytic area " + area);
            assertTrue(mismatches <= 2, mismatches + " pixels differ from the ellipse test at pixel centres");
            assertEquals(count, v.countNonZero(0));
            // the SEG's tiles are exactly those the oval touches
            Set<Long> written = new HashSet<>();
            for (FrameInfo f : seg.frames()) {
                written.add(((long) (f.rowPositionInTotalPixelMatrix() - 1) / 64) << 32 | (f.columnPositionInTotalPixelMatrix() - 1) / 64);
            }
            assertEquals(tilesTouched, written);
            assertEquals(written.size(), r.numberOfFrames());
        }
        // tile by tile gives the same pixels as the whole plane
        ScaledRoiMaskPlanes m = new ScaledRoiMaskPlanes(new RoiSegment("x", List.of(oval), List.of(1), null), 4, 4, 800, 600);
        byte[] whole = (byte[]) m.readPlane(0, null);
        byte[] tile = new byte[64 * 64];
        for (int ty = 0; ty < 600; ty += 64) {
            for (int tx = 0; tx < 800; tx += 64) {
                int tw = Math.min(64, 800 - tx), th = Math.min(64, 600 - ty);
                m.readRegion(0, tx, ty, tw, th, tile);
                for (int yy = 0; yy < th; yy++) {
                    for (int xx = 0; xx < tw; xx++) assertEquals(whole[(ty + yy) * 800 + tx + xx], tile[yy * tw + xx]);
                }
            }
        }
    }

    @Test
    void polygonsAndCompositesScaleLikeTheirOutlines() {
        // a triangle and a rectangle with a hole, at scale 2: compare with pixel-centre tests
        PolygonRoi tri = new PolygonRoi(new float[] {10, 40, 10}, new float[] {10, 10, 30}, Roi.POLYGON);
        ShapeRoi holed = new ShapeRoi(new Roi(50, 5, 30, 30)).not(new ShapeRoi(new Roi(60, 15, 10, 10)));
        ScaledRoiMaskPlanes m = new ScaledRoiMaskPlanes(new RoiSegment("s", List.of(tri, holed), List.of(1, 2), null), 2, 2, 200, 100);
        byte[] all = (byte[]) m.readPlane(0, null);
        int bad = 0;
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 200; x++) {
                double ix = (x + 0.5) / 2, iy = (y + 0.5) / 2;
                boolean inTri = ix >= 10 && iy >= 10 && iy - 10 < (40 - ix) * 20 / 30.0;
                boolean inHoled = ix >= 50 && ix < 80 && iy >= 5 && iy < 35 && !(ix >= 60 && ix < 70 && iy >= 15 && iy < 25);
                if ((inTri || inHoled) != (all[y * 200 + x] != 0)) bad++;
            }
        }
        assertEquals(0, bad, bad + " pixels differ");
        // a sub-pixel shift (rounded region offset) moves the outline: [20.6, 30.6) holds the centres of columns 20..29 + 1
        ScaledRoiMaskPlanes shifted = new ScaledRoiMaskPlanes(new RoiSegment("r", List.of(new Roi(10, 10, 5, 5)), List.of(1), null),
                2, 2, 0.6, 0, 40, 40);
        byte[] sp = (byte[]) shifted.readPlane(0, null);
        for (int x = 0; x < 40; x++) assertEquals(x >= 21 && x <= 30 ? 1 : 0, sp[25 * 40 + x], "column " + x);
        // a region equals the same window of the whole plane
        byte[] part = new byte[37 * 23];
        m.readRegion(0, 95, 11, 37, 23, part);
        for (int y = 0; y < 23; y++) for (int x = 0; x < 37; x++) assertEquals(all[(11 + y) * 200 + 95 + x], part[y * 37 + x]);
    }
}
