package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.process.ByteProcessor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.ij.export.ExportPlan;
import org.dicomseg.ij.export.LabelImageExport;
import org.dicomseg.ij.export.RoiExport;
import org.dicomseg.ij.export.RoiGrouping;
import org.dicomseg.ij.export.RoiPlacement;
import org.dicomseg.ij.export.SlideExport;
import org.dicomseg.ij.slide.SlideImageOpener;
import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.TotalPixelMatrix;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.task.Progress;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Highdicom;
import org.dicomseg.testing.Shared;
import org.dicomseg.write.PyramidResult;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import org.dicomseg.write.TiledGeometry;

/**
 * The corpus slides end to end through the ImageJ-side Java API (what the commands call, headless):
 * {@link SlideImageOpener} opens a region of a level (not tile-aligned) → an oval and a polygon
 * ({@link RoiExport}) and a label image carrying the region's {@link SlidePlacement}
 * ({@link LabelImageExport}) → {@link SlideExport} writes tiled SEGs (the label image as a pyramid)
 * → gate → highdicom's Total Pixel Matrix equals the mask at the offset → {@link ImportReader} /
 * {@link SegImporter} bring each SEG back as a label image on the slide image's pixels, equal to
 * what was drawn.
 */
class CorpusSlideImageJTest {
    @TempDir static Path tmp;

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    @Test
    void cmuLevelTwoRegionWithPyramid() throws Exception {
        // level 2 of 12 (1,110 x 1,483): the pyramid gets all ten coarser levels
        roundTrip("cmu", "wsi/dicom-wsi-sample/cmu-1-small-region/level-1-frames-0-9.dcm", 2, 77, 301, 900, 1000,
                SegmentationType.LABELMAP, DimensionOrganization.TILED_SPARSE, OutputTransferSyntax.RLE_LOSSLESS, 10);
    }

    @Test
    void camelyonJpeg2000Region() throws Exception {
        roundTrip("j2k", "wsi/google-medical-imaging/multi_frame_jpeg2000_camelyon_challenge_image.dcm", 1, 203, 99, 1300, 600,
                SegmentationType.BINARY, DimensionOrganization.TILED_FULL, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 0);
    }

    static void roundTrip(String name, String file, int levelIndex, int x, int y, int w, int h, SegmentationType type,
                          DimensionOrganization org, OutputTransferSyntax ts, int coarser) throws Exception {
        SlideSeries series = SlideSeries.scan(Shared.corpus(file));
        ImagePlus region = SlideImageOpener.open(series.level(levelIndex - 1), levelIndex, x, y, w, h);
        assertEquals(w, region.getWidth());
        SlidePlacement at = SlidePlacement.of(region);
        assertEquals(x, at.x());
        TotalPixelMatrix level = series.level(levelIndex - 1).matrix();

        // ROIs: tumour (oval), stroma (polygon), as ImageJ fills them
        Roi oval = new OvalRoi(w / 10, h / 8, w / 3, h / 2);
        oval.setName("tumour");
        Roi poly = new PolygonRoi(new int[] {w / 2, w - 7, w - 40, w / 2 + 30}, new int[] {h / 5, h / 4, h - 9, h - 60}, 4, Roi.POLYGON);
        poly.setName("stroma");
        ByteProcessor roiLabels = new ByteProcessor(w, h);
        roiLabels.setColor(1);
        roiLabels.fill(oval);
        roiLabels.setColor(2);
        roiLabels.fill(poly);
        ExportPlan rois = RoiExport.prepare(List.of(oval, poly), RoiGrouping.NAME, RoiPlacement.ofStack(1), w, h, null);
        Path roiSeg = tmp.resolve(name + "-rois.dcm");
        SegWriteResult r = SlideExport.write(rois, at, options(type, org, ts), roiSeg);
        assertEquals(roiSeg, r.file());

        // a label image with the region's placement, as a pyramid
        ByteProcessor bp = new ByteProcessor(w, h);
        for (int j = 0; j < h; j++) for (int i = 0; i < w; i++) bp.set(i, j, (i / 37 + j / 53) % 5 == 0 ? 2 : (i * i + j * j) % 97 < 20 ? 1 : 0);
        ImagePlus lab = new ImagePlus(name + "-labels", bp);
        at.applyTo(lab);
        Path labelSeg = tmp.resolve(name + "-labels.dcm");
        PyramidResult p = SlideExport.writePyramid(LabelImageExport.prepare(lab, null), at,
                options(SegmentationType.LABELMAP, DimensionOrganization.TILED_FULL, OutputTransferSyntax.RLE_LOSSLESS), labelSeg);
        assertTrue(p.complete(), p.notWritten().toString());
        assertEquals(1 + coarser, p.written().size(), "one SEG per level from the image's level down");
        List<Path> written = new ArrayList<>(List.of(roiSeg));
        for (SegWriteResult l : p.written()) written.add(l.file());
        Conformance.assertConformant(written.toArray(new Path[0]));

        // highdicom: the ROI SEG's Total Pixel Matrix is the filled ROIs at the region's offset
        if (!(type == SegmentationType.BINARY && ts == OutputTransferSyntax.RLE_LOSSLESS)) {
            Highdicom.TotalPixelMatrix t = Highdicom.totalPixelMatrix(roiSeg, tmp);
            assertEquals(level.rows(), t.rows);
            assertEquals(level.columns(), t.columns);
            byte[] drawn = (byte[]) roiLabels.getPixels();
            for (int s = 0; s < 2; s++) {
                for (int row = 0; row < t.rows; row++) {
                    for (int col = 0; col < t.columns; col++) {
                        int i = col - x, j = row - y;
                        int want = i >= 0 && j >= 0 && i < w && j < h && drawn[j * w + i] == s + 1 ? 1 : 0;
                        if (t.value(s, row, col) != want) assertEquals(want, t.value(s, row, col), roiSeg + " segment " + (s + 1) + " at " + col + "," + row);
                    }
                }
            }
        }

        // back into ImageJ on the slide image's pixels: what was drawn
        assertArrayEquals((byte[]) roiLabels.getPixels(), importOnto(roiSeg, at, w, h), "ROIs back");
        assertArrayEquals((byte[]) bp.getPixels(), importOnto(labelSeg, at, w, h), "labels back");
    }

    static SegWriteOptions options(SegmentationType type, DimensionOrganization org, OutputTransferSyntax ts) {
        return SegWriteOptions.builder().segmentationType(type).transferSyntax(ts)
                .tiledGeometry(TiledGeometry.defaults().withOrganization(org)).build();
    }

    /** The SEG imported as a label image following the slide image (its region, its pixel size). */
    static byte[] importOnto(Path seg, SlidePlacement at, int w, int h) throws Exception {
        ImportOptions o = ImportOptions.builder().output(ImportOptions.Output.LABEL_IMAGE).build();
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            ImportedSegmentation v = ImportReader.read(r, o, at, w, h, Progress.NONE);
            ImagePlus imp = new SegImporter(o, Progress.NONE).run(v, seg, seg.getFileName().toString()).image();
            assertEquals(w, imp.getWidth());
            assertEquals(h, imp.getHeight());
            assertEquals(at.x(), SlidePlacement.of(imp).x(), "the import lies on the slide image's pixels");
            return (byte[]) imp.getProcessor().convertToByteProcessor(false).getPixels();
        }
    }
}
