package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ImageProcessor;

import org.dicomseg.reconstruct.SegmentOverlapException;
import org.dicomseg.read.SegReadException;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.dicomseg.ij.SegmentColors;
import org.dicomseg.options.SegmentSelection;
import org.dicomseg.task.CanceledException;
import org.dicomseg.task.Progress;

/** Imports real SEGs from the shared corpus and checks the ImageJ views against the reader's own counts. */
class ImportCorpusTest {

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    static ImportedSegmentation read(String rel) throws IOException {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus(rel))) {
            return ImportReader.read(r, SegmentSelection.parse(""), Progress.NONE);
        }
    }

    static Map<Integer, Long> readerCounts(String rel) throws IOException {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus(rel))) {
            return r.segmentPixelCounts();
        }
    }

    /** Pixels of channel {@code c} (1-based) that are not zero, over all planes. */
    static long channelCount(ImagePlus imp, int c) {
        long n = 0;
        for (int z = 1; z <= imp.getNSlices(); z++) {
            ImageProcessor ip = imp.getStack().getProcessor(imp.getStackIndex(c, z, 1));
            for (int i = 0; i < ip.getPixelCount(); i++) if (ip.getf(i) != 0) n++;
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "highdicom/seg_image_ct_binary_overlap.dcm", "highdicom/seg_image_ct_binary.dcm",
        "highdicom/seg_image_ct_binary_fractional.dcm", "dcmqi/segmentations/partial_overlaps.dcm",
        "dcmqi/segmentations/23x38x3/seg/label.seg", "dcmqi/segmentations/sparse-labelmap-noppv.dcm",
        "dcmjs/QIICR_Test3/tumor_User1_Manual_Trial1.dcm", "highdicom/seg_image_sm_numbers.dcm",
        "highdicom/seg_image_sm_dots_tiled_full.dcm", "pydicom-data/liver_rle.dcm",
        "highdicom/seg_image_sm_control_labelmap_palette_color.dcm"})
    void hyperstackChannelsHoldExactlyTheReadersPixelCounts(String rel) throws IOException {
        ImportedSegmentation v = read(rel);
        Map<Integer, Long> expected = readerCounts(rel);
        ImagePlus imp = new HyperstackBuilder().build(v, rel);
        assertEquals(v.segments().size(), imp.getNChannels());
        assertEquals(v.depth(), imp.getNSlices());
        for (int c = 1; c <= imp.getNChannels(); c++) {
            ImportedSegmentation.Segment s = v.segments().get(c - 1);
            assertEquals((long) expected.get(s.number()), channelCount(imp, c), rel + " segment " + s.number());
            assertEquals(s.label(), imp.getStack().getSliceLabel(imp.getStackIndex(c, 1, 1)));
            assertEquals(SegmentColors.of(s.description()), HyperstackBuilder.channelColor(imp, c));
        }
        long total = 0;
        for (long n : expected.values()) total += n;
        assertTrue(total > 0, rel + " has no foreground at all: the comparison would prove nothing");
    }

    @Test
    void partialOverlapsNeedsLastWinsForALabelImageAndRoisMatchCounts() throws IOException {
        ImportedSegmentation v = read("dcmqi/segmentations/partial_overlaps.dcm");
        assertEquals(5, v.segments().size());
        assertThrows(SegmentOverlapException.class, () -> new LabelImageBuilder().build(v, "x"));
        ImagePlus labels = new LabelImageBuilder().lastWins(true).build(v, "x");
        assertEquals(8, labels.getBitDepth());
        List<Roi> rois = new RoiTracer().trace(v);
        Map<Integer, Long> expected = readerCounts("dcmqi/segmentations/partial_overlaps.dcm");
        for (ImportedSegmentation.Segment s : v.segments()) {
            long inRois = rois.stream().filter(r -> Integer.toString(s.number()).equals(r.getProperty(RoiTracer.SEGMENT_PROPERTY)))
                    .mapToLong(ImportRoiTest::pixels).sum();
            assertEquals((long) expected.get(s.number()), inRois, "segment " + s.number());
        }
    }

    @Test
    void liverGeometryGivesImageJCalibration() throws IOException {
        ImportedSegmentation v = read("dcmqi/segmentations/liver.dcm");
        ImagePlus imp = new HyperstackBuilder().build(v, "liver");
        assertEquals(512, imp.getWidth());
        assertEquals(3, imp.getNSlices());
        assertEquals("mm", imp.getCalibration().getUnit());
        double[] ps = v.geometry().pixelSpacing();
        assertEquals(ps[1], imp.getCalibration().pixelWidth, 1e-9);
        assertEquals(ps[0], imp.getCalibration().pixelHeight, 1e-9);
        // like ImageJ's DICOM opener: no origin, voxel depth |z(last) - z(first)| / (planes - 1)
        assertEquals(0.0, imp.getCalibration().getX(0), 1e-9);
        assertEquals(0.0, imp.getCalibration().getZ(0), 1e-9);
        double[] p0 = v.geometry().position(0), p2 = v.geometry().position(2);
        assertEquals(Math.abs(p2[2] - p0[2]) / 2, imp.getCalibration().pixelDepth, 1e-9);
        // planes increase along z
        assertTrue(v.geometry().position(2)[2] > v.geometry().position(0)[2]);
        assertTrue(((String) imp.getProperty("Info")).contains("Segment 1: "));
    }

    @Test
    void sparseLabelMapFillsTheMissingPlaneAndSkipsBackground() throws IOException {
        ImportedSegmentation v = read("dcmqi/segmentations/sparse-labelmap-noppv.dcm");
        assertEquals(SegmentationType.LABELMAP, v.type());
        assertEquals(3, v.depth());
        assertTrue(v.segments().stream().noneMatch(s -> s.number() == 0));
        int empty = 0, emptyZ = -1;
        for (int z = 0; z < 3; z++) {
            if (v.segments().get(0).plane(z) == null) { empty++; emptyZ = z; }
        }
        assertEquals(1, empty);
        // the filled-in plane has no source reference but an interpolated position 2.5 mm from its neighbours
        assertNull(v.geometry().referencedInstance(emptyZ));
        assertNotNull(v.geometry().position(emptyZ));
        assertEquals(2.5, Math.abs(v.geometry().position(1)[2] - v.geometry().position(0)[2]), 1e-3);
        assertEquals(2.5, Math.abs(v.geometry().position(2)[2] - v.geometry().position(1)[2]), 1e-3);
    }

    @Test
    void selectionReadsOnlyChosenSegments() throws IOException {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("dcmqi/segmentations/partial_overlaps.dcm"))) {
            r.resetFramesRead();
            ImportedSegmentation v = ImportReader.read(r, SegmentSelection.parse("2,4"), Progress.NONE);
            assertEquals(List.of(2, 4), v.segments().stream().map(ImportedSegmentation.Segment::number).collect(java.util.stream.Collectors.toList()));
            long framesOf2and4 = r.framesOfSegment(2).length + r.framesOfSegment(4).length;
            assertEquals(framesOf2and4, r.framesRead());
            assertTrue(r.framesRead() < r.numberOfFrames());
        }
    }

    @Test
    void escCancelsWhileReadingFrames() throws IOException {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus("dcmqi/segmentations/partial_overlaps.dcm"))) {
            Progress cancelAfterTwo = new Progress() {
                int calls;
                @Override public void progress(long done, long total) { calls++; }
                @Override public boolean canceled() { return calls >= 2; }
            };
            CanceledException e = assertThrows(CanceledException.class,
                    () -> ImportReader.read(r, SegmentSelection.parse(""), cancelAfterTwo));
            assertEquals("import canceled; nothing was opened", e.getMessage());
            // stopped at the third frame: the two placed frames may still be waiting for their batch decode
            assertTrue(r.framesRead() <= 2, "decoded " + r.framesRead() + " frames");
            assertTrue(r.numberOfFrames() > 3);
        }
    }

    @Test
    void fractionalCorpusFileBecomesProbabilities() throws IOException {
        ImportedSegmentation v = read("highdicom/seg_image_ct_binary_fractional.dcm");
        ImagePlus imp = new HyperstackBuilder().build(v, "f");
        assertEquals(32, imp.getBitDepth());
        float max = 0;
        for (int z = 1; z <= imp.getNSlices(); z++) {
            ImageProcessor ip = imp.getStack().getProcessor(z);
            for (int i = 0; i < ip.getPixelCount(); i++) max = Math.max(max, ip.getf(i));
        }
        assertEquals(1.0f, max, 1e-6);
    }

    @Test
    void unreadableFileIsTheReadersTypedException(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path notDicom = dir.resolve("x.dcm");
        java.nio.file.Files.writeString(notDicom, "hello");
        SegReadException e = assertThrows(SegReadException.class, () -> SegmentationReader.open(notDicom));
        assertNotNull(e.getMessage());
    }

    @Test
    void slideSegmentsUseTheTotalPixelMatrixAndPaletteColours() throws IOException {
        ImportedSegmentation v = read("highdicom/seg_image_sm_dots.dcm");
        assertEquals(50, v.width());
        assertEquals(50, v.height());
        assertEquals(1, v.depth());
        ImagePlus imp = new HyperstackBuilder().build(v, "dots");
        assertEquals(50, imp.getNChannels());
        assertEquals(ij.IJ.COLOR, ((ij.CompositeImage) imp).getMode());
        Color c = HyperstackBuilder.channelColor(imp, 1);
        assertEquals(SegmentColors.of(v.segments().get(0).description()), c);
    }

    /**
     * highdicom's PALETTE COLOR label map: its Palette Color Lookup Table is the ImageJ LUT of the
     * label image (entry n = the colour of label n, exactly) and gives each hyperstack channel its colour.
     */
    @Test
    void paletteColourTableBecomesTheLabelImageLutAndTheChannelColours() throws IOException {
        String rel = "highdicom/seg_image_sm_control_labelmap_palette_color.dcm";
        org.dicomseg.model.PaletteColorLut lut;
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus(rel))) {
            lut = r.metadata().paletteColorLut();
        }
        assertNotNull(lut);
        ImportedSegmentation v = read(rel);
        ImagePlus labels = new LabelImageBuilder().build(v, "palette");
        assertEquals(8, labels.getBitDepth());
        java.awt.image.IndexColorModel cm = (java.awt.image.IndexColorModel) labels.getProcessor().getColorModel();
        ImagePlus hyper = new HyperstackBuilder().build(v, "palette");
        for (int c = 1; c <= v.segments().size(); c++) {
            int n = v.segments().get(c - 1).number();
            assertEquals(lut.rgbOf(n), cm.getRGB(n) & 0xFFFFFF, "label " + n);
            assertEquals(new Color(lut.rgbOf(n)), HyperstackBuilder.channelColor(hyper, c), "channel of segment " + n);
        }
    }
}
