package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;
import ij.measure.Calibration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.plugins.OpenSlideCommand;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.TiledSegs;
import org.dicomseg.ij.export.LabelImageExport;
import org.dicomseg.ij.export.SlideExport;
import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.task.Progress;

/**
 * Importing tiled (slide) SEGs: a region, a downsampled view (any foreground per segment; most
 * frequent label for label images), the default that fits 2048 pixels and says so, and the
 * default that follows the open slide image so the segments overlay it; calibration in µm with the
 * origin at the region offset. Expected pixels come from the label pattern the SEGs were written from.
 */
class ImportTiledTest {
    @TempDir static Path tmp;
    static List<Path> levels;
    static Path binary;
    static Path labelmap;
    static final int X0 = 301, Y0 = 203, W = 400, H = 300;

    @BeforeAll
    static void segs() throws Exception {
        Shared.assumePresent();
        levels = TiledSegs.pyramid(Files.createDirectories(tmp.resolve("slide")));
        binary = TiledSegs.write(tmp.resolve("binary.dcm"), levels.get(0), SegmentationType.BINARY, X0, Y0, W, H);
        labelmap = TiledSegs.write(tmp.resolve("labelmap.dcm"), levels.get(0), SegmentationType.LABELMAP, X0, Y0, W, H);
    }

    /** Label of matrix pixel (X, Y) of the fine level. */
    static int truth(int x, int y) {
        int mx = x - X0, my = y - Y0;
        return mx < 0 || my < 0 || mx >= W || my >= H ? 0 : TiledSegs.label(mx, my, W, H);
    }

    static boolean anyInBlock(int segment, int x, int y, int f) {
        for (int yy = y; yy < Math.min(y + f, TiledSegs.H); yy++) {
            for (int xx = x; xx < Math.min(x + f, TiledSegs.W); xx++) if (truth(xx, yy) == segment) return true;
        }
        return false;
    }

    static SegImporter.Result importWith(Path seg, ImportOptions o, SlidePlacement slide, int sw, int sh) throws Exception {
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            ImportedSegmentation v = ImportReader.read(r, o, slide, sw, sh, Progress.NONE);
            return new SegImporter(o, Progress.NONE).run(v, seg, seg.getFileName().toString());
        }
    }

    @Test
    void regionDownsampledHasAnyForegroundAndSlideCalibration() throws Exception {
        int x = 250, y = 150, w = 500, h = 400, f = 4;
        SegImporter.Result res = importWith(binary, ImportOptions.builder().region(x + "," + y + "," + w + "," + h).downsample(f).build(), null, 0, 0);
        ImagePlus imp = res.image();
        assertEquals(125, imp.getWidth());
        assertEquals(100, imp.getHeight());
        assertEquals(2, imp.getNChannels());
        for (int c = 1; c <= 2; c++) {
            imp.setPositionWithoutUpdate(c, 1, 1);
            for (int j = 0; j < 100; j++) {
                for (int i = 0; i < 125; i++) {
                    int want = anyInBlock(c, x + i * f, y + j * f, f) ? 255 : 0;
                    assertEquals(want, imp.getStack().getProcessor(imp.getStackIndex(c, 1, 1)).get(i, j), "segment " + c + " pixel " + i + "," + j);
                }
            }
        }
        Calibration cal = imp.getCalibration();
        assertEquals("micron", cal.getUnit());
        assertEquals(1.0, cal.pixelWidth, 1e-9);
        assertEquals(1.0, cal.pixelHeight, 1e-9);
        assertEquals(x * 0.25, cal.getX(0), 1e-9, "calibrated x = position in the matrix in µm");
        assertEquals(y * 0.25, cal.getY(0), 1e-9);
        assertEquals("250,150,500,400", imp.getProp(SegImporter.REGION_PROPERTY));
        assertEquals("4", imp.getProp(SegImporter.DOWNSAMPLE_PROPERTY));
        assertTrue(res.notes().stream().anyMatch(n -> n.contains("region x=250 y=150 500x400") && n.contains("downsampled by 4")),
                res.notes().toString());
    }

    @Test
    void fullResolutionRegionIsPixelExact() throws Exception {
        SegImporter.Result res = importWith(labelmap, ImportOptions.builder().output(ImportOptions.Output.LABEL_IMAGE)
                .region(X0 + "," + Y0 + "," + W + "," + H).downsample(1).build(), null, 0, 0);
        ImagePlus imp = res.image();
        assertEquals(W, imp.getWidth());
        byte[] want = TiledSegs.labels(W, H);
        byte[] got = (byte[]) imp.getProcessor().getPixels();
        for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], "pixel " + (i % W) + "," + (i / W));
        assertEquals(0.25, imp.getCalibration().pixelWidth, 1e-9);
        assertEquals(null, SlidePlacement.of(imp), "no slide next to the SEG: no placement");
    }

    @Test
    void importNextToItsSlideCarriesThePlacementAndExportsBack() throws Exception {
        Path seg = Files.copy(labelmap, levels.get(0).getParent().resolve("labelmap-next-to-slide.dcm"));
        int x = X0 - 40, y = Y0 - 30, w = W + 60, h = H + 50;
        ImagePlus imp = importWith(seg, ImportOptions.builder().output(ImportOptions.Output.LABEL_IMAGE)
                .region(x + "," + y + "," + w + "," + h).downsample(1).build(), null, 0, 0).image();
        SlidePlacement p = SlidePlacement.of(imp);
        assertEquals(levels.get(0).toAbsolutePath(), p.file());
        assertEquals(1, p.level());
        assertEquals(x, p.x());
        assertEquals(y, p.y());
        // edit the import, then export it: it lands on the level where the import came from
        imp.getProcessor().setValue(3);
        imp.getProcessor().fill(new ij.gui.Roi(0, 0, 10, 10));
        Path out = tmp.resolve("edited.dcm");
        SlideExport.write(LabelImageExport.prepare(imp, null), p, org.dicomseg.write.SegWriteOptions.builder().build(), out);
        org.dicomseg.testing.Conformance.assertConformant(out);
        try (SegmentationReader r = SegmentationReader.open(out)) {
            org.dicomseg.reconstruct.SegmentationVolume v = org.dicomseg.reconstruct.Reconstructor.totalPixelMatrix(r,
                    org.dicomseg.reconstruct.ReconstructionOptions.defaults().combineToLabelMap());
            byte[] all = v.bytePlane(0, 0);
            byte[] edited = (byte[]) imp.getProcessor().getPixels();
            for (int yy = 0; yy < TiledSegs.H; yy++) {
                for (int xx = 0; xx < TiledSegs.W; xx++) {
                    boolean in = xx >= x && xx < x + w && yy >= y && yy < y + h;
                    int want = in ? edited[(yy - y) * w + (xx - x)] & 0xFF : 0;
                    assertEquals(want, all[yy * TiledSegs.W + xx] & 0xFF, "matrix pixel " + xx + "," + yy);
                }
            }
            assertEquals(3, all[y * TiledSegs.W + x], "the edit is at the region's corner");
        }
        // downsampled, the import is not on the level's pixel grid: no placement
        ImagePlus coarse = importWith(seg, ImportOptions.builder().output(ImportOptions.Output.LABEL_IMAGE).downsample(2).build(), null, 0, 0).image();
        assertEquals(null, SlidePlacement.of(coarse));
        Files.delete(seg);
    }

    @Test
    void downsampledLabelImageKeepsTheMostFrequentLabel() throws Exception {
        int f = 3;
        SegImporter.Result res = importWith(binary, ImportOptions.builder().output(ImportOptions.Output.LABEL_IMAGE).downsample(f).build(), null, 0, 0);
        ImagePlus imp = res.image();
        int ow = (TiledSegs.W + f - 1) / f, oh = (TiledSegs.H + f - 1) / f;
        assertEquals(ow, imp.getWidth());
        assertEquals(oh, imp.getHeight());
        for (int j = 0; j < oh; j++) {
            for (int i = 0; i < ow; i++) {
                int[] n = new int[3];
                for (int yy = j * f; yy < Math.min(j * f + f, TiledSegs.H); yy++) {
                    for (int xx = i * f; xx < Math.min(i * f + f, TiledSegs.W); xx++) n[truth(xx, yy)]++;
                }
                int want = n[1] == 0 && n[2] == 0 ? 0 : n[2] > n[1] ? 2 : 1;
                assertEquals(want, imp.getProcessor().get(i, j), "pixel " + i + "," + j);
            }
        }
    }

    @Test
    void defaultFitsTwoThousandPixelsAndSaysSo() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("wide"));
        Path level = dir.resolve("wide.dcm");
        new SlideWriter(SampleStudy.deterministic(22), 4100, 300, 256).write(level);
        Path seg = TiledSegs.write(dir.resolve("wide-seg.dcm"), level, SegmentationType.BINARY, 3000, 20, 1000, 250);
        SegImporter.Result res = importWith(seg, ImportOptions.defaults(), null, 0, 0);
        assertEquals(1367, res.image().getWidth());
        assertEquals(100, res.image().getHeight());
        assertTrue(res.notes().stream().anyMatch(n -> n.contains("whole 4100x300") && n.contains("downsampled by 3 to fit 2048")),
                res.notes().toString());
        // one segment's pixels survive at the right place: the line x == 20 of the mask is at matrix column 3020
        res.image().setPositionWithoutUpdate(2, 1, 1);
        assertEquals(255, res.image().getStack().getProcessor(2).get(3020 / 3, 100 / 3));
    }

    @Test
    void openSlideImageGivesRegionAndPixelSize() throws Exception {
        ImagePlus slide = OpenSlideCommand.open(SlideSeries.scan(levels.get(0)), 2, 100, 80, 250, 200);
        SlidePlacement p = SlidePlacement.of(slide);
        SegImporter.Result res = importWith(binary, ImportOptions.defaults(), p, slide.getWidth(), slide.getHeight());
        ImagePlus imp = res.image();
        assertEquals(250, imp.getWidth());
        assertEquals(200, imp.getHeight());
        assertEquals(slide.getCalibration().pixelWidth, imp.getCalibration().pixelWidth, 1e-9);
        assertEquals(slide.getCalibration().xOrigin, imp.getCalibration().xOrigin, 1e-9);
        assertEquals(slide.getCalibration().yOrigin, imp.getCalibration().yOrigin, 1e-9);
        assertEquals("200,160,500,400", imp.getProp(SegImporter.REGION_PROPERTY));
        for (int j = 0; j < 200; j += 3) {
            for (int i = 0; i < 250; i += 2) {
                int want = anyInBlock(1, 200 + 2 * i, 160 + 2 * j, 2) ? 255 : 0;
                assertEquals(want, imp.getStack().getProcessor(1).get(i, j), "pixel " + i + "," + j);
            }
        }
        assertTrue(res.notes().get(0).contains("open slide image's region (level 2"), res.notes().toString());
        // on the slide image's pixel grid: the import carries its placement (an export lands on the same pixels)
        SlidePlacement q = SlidePlacement.of(imp);
        assertEquals(p.file(), q.file());
        assertEquals(p.level(), q.level());
        assertEquals(p.x(), q.x());
        assertEquals(p.y(), q.y());
        assertEquals(p.sopInstanceUid(), q.sopInstanceUid());
        // an explicit region wins over the slide image
        SegImporter.Result explicit = importWith(binary, ImportOptions.builder().region("0,0,100,100").downsample(1).build(), p, 250, 200);
        assertEquals(100, explicit.image().getWidth());
    }

    @Test
    void wrongRequestsAreClearErrors() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> importWith(binary, ImportOptions.builder().region("900,0,200,10").build(), null, 0, 0));
        Path ct = Shared.corpus("highdicom/seg_image_ct_binary_overlap.dcm");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> importWith(ct, ImportOptions.builder().downsample(2).build(), null, 0, 0));
        assertTrue(e.getMessage().contains("tiled"), e.getMessage());
    }
}
