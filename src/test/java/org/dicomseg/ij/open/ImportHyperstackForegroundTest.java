package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ij.ImagePlus;
import ij.process.ImageProcessor;

import org.dicomseg.options.ImportOptions;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.task.Progress;
import org.dicomseg.testing.EditLoopFixture;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hyperstack import takes the reader's planes as they are (issue 19): BINARY frames are
 * unpacked straight into ImageJ's 0/255 and each channel's pixels are counted as they are written,
 * so no pass maps or counts the planes again. Checked on a W1-like case ({@link EditLoopFixture}:
 * 240 CT slices of 62 x 50, so every other 1-bit frame starts inside a byte; empty slices at both
 * ends and in the middle; "Lesion" inside "Liver"), BINARY native and RLE and as a LABELMAP, and on
 * corpus files (RLE, JPEG 2000, odd sizes, overlaps): every pixel against the fixture's geometry or
 * the reader's own count, and the Info text's "Pixels:" against the same counts.
 */
class ImportHyperstackForegroundTest {
    @TempDir static Path dir;
    private static EditLoopFixture fx;
    private static Path rle;
    private static Path labelMap;
    private static Path labelMapRle;
    private static final int ROWS = EditLoopFixture.ROWS, COLS = EditLoopFixture.COLUMNS, SLICES = EditLoopFixture.SLICES;

    @BeforeAll
    static void write() throws Exception {
        fx = EditLoopFixture.write(dir);
        EditLoopFixture.Variants v = fx.writeVariants();
        rle = v.binaryRle;
        labelMap = v.labelMap;
        labelMapRle = v.labelMapRle;
    }

    /** Fixture segment {@code n}'s pixels over all slices, from its geometry. */
    private static long expected(int n) {
        long k = 0;
        for (int z = 0; z < SLICES; z++) {
            for (int r = 0; r < ROWS; r++) for (int c = 0; c < COLS; c++) if (EditLoopFixture.inside(n, z, r, c)) k++;
        }
        return k;
    }

    /** The hyperstack File > Import > DICOM SEG makes of {@code seg} (the given segments). */
    private static ImagePlus importHyperstack(Path seg, String segments) throws Exception {
        ImportOptions o = ImportOptions.builder().output(ImportOptions.Output.HYPERSTACK).segments(segments).build();
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            ImportedSegmentation v = ImportSources.read(r, o, seg, List.of(), null, 0, 0, Progress.NONE);
            return new SegImporter(o, Progress.NONE).run(v, seg, "hyperstack").image();
        }
    }

    /**
     * Channel c of {@code imp} is fixture segment {@code fixture[c]} on all 240 slices: 255 inside,
     * 0 outside; the Info text's counts are the geometry's, by the file's Segment Numbers {@code numbers}.
     */
    private static void assertFixture(ImagePlus imp, int[] numbers, int[] fixture, String what) {
        assertEquals(fixture.length, imp.getNChannels(), what);
        assertEquals(SLICES, imp.getNSlices(), what + ": on the CT's planes, empty ones included");
        for (int c = 0; c < fixture.length; c++) {
            for (int z = 0; z < SLICES; z++) {
                ImageProcessor ip = imp.getStack().getProcessor(imp.getStackIndex(c + 1, z + 1, 1));
                for (int r = 0; r < ROWS; r++) {
                    for (int x = 0; x < COLS; x++) {
                        int want = EditLoopFixture.inside(fixture[c], z, r, x) ? 255 : 0;
                        if (ip.get(x, r) != want) assertEquals(want, ip.get(x, r), what + ": channel " + (c + 1) + " slice " + z + " (" + x + ", " + r + ")");
                    }
                }
            }
        }
        Map<Integer, Long> want = new TreeMap<>();
        for (int c = 0; c < fixture.length; c++) want.put(numbers[c], expected(fixture[c]));
        assertEquals(want, ImportLabelCountsTest.infoCounts((String) imp.getProperty("Info")), what + ": Info counts");
    }

    @Test
    void binaryNativeAndRle() throws Exception {
        for (Path seg : new Path[] {fx.seg, rle}) {
            assertFixture(importHyperstack(seg, ""), new int[] {1, 2, 3}, new int[] {1, 2, 3}, seg.getFileName().toString());
            assertFixture(importHyperstack(seg, "3,2"), new int[] {2, 3}, new int[] {2, 3}, seg.getFileName() + ", segments 2, 3");
        }
    }

    @Test
    void theReaderWritesTheMasksAndCountsThem() throws Exception {
        ImportOptions o = ImportOptions.builder().output(ImportOptions.Output.HYPERSTACK).build();
        try (SegmentationReader r = SegmentationReader.open(fx.seg)) {
            ImportedSegmentation v = ImportSources.read(r, o, fx.seg, List.of(), null, 0, 0, Progress.NONE);
            assertEquals(HyperstackBuilder.FOREGROUND, v.foreground(), "0/255 planes from the reader");
            for (ImportedSegmentation.Segment s : v.segments()) assertEquals(expected(s.number()), s.countedPixels(), s.label());
        }
        // other outputs keep the stored values
        ImportOptions rois = ImportOptions.builder().output(ImportOptions.Output.ROI_MANAGER).build();
        try (SegmentationReader r = SegmentationReader.open(fx.seg)) {
            ImportedSegmentation v = ImportSources.read(r, rois, fx.seg, List.of(), null, 0, 0, Progress.NONE);
            assertEquals(1, v.foreground());
            for (ImportedSegmentation.Segment s : v.segments()) {
                for (int z = 0; z < v.depth(); z++) {
                    byte[] p = s.plane(z);
                    if (p != null) for (byte b : p) assertTrue(b == 0 || b == 1, "stored value " + b);
                }
            }
        }
    }

    @Test
    void labelMapNativeAndRle() throws Exception {
        for (Path seg : new Path[] {labelMap, labelMapRle}) {
            assertFixture(importHyperstack(seg, ""), new int[] {1, 2}, new int[] {1, 3}, seg.getFileName().toString());
        }
    }

    /** Pixels of channel {@code c} (1-based) of {@code imp} that are not zero; all are 0 or 255. */
    private static long channelCount(ImagePlus imp, int c) {
        long n = 0;
        for (int z = 1; z <= imp.getNSlices(); z++) {
            ImageProcessor ip = imp.getStack().getProcessor(imp.getStackIndex(c, z, 1));
            for (int i = 0; i < ip.getPixelCount(); i++) {
                int v = ip.get(i);
                if (v != 0 && v != 255) assertEquals(255, v, "channel " + c + " slice " + z);
                if (v != 0) n++;
            }
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pydicom-data/liver_rle.dcm", "pydicom-data/liver_j2k.dcm", "dcmqi/segmentations/liver.dcm",
        "dcmqi/segmentations/23x38x3/seg/label.seg", "highdicom/seg_image_ct_binary_overlap.dcm",
        "dcmqi/segmentations/partial_overlaps.dcm"})
    void corpusFilesAgainstTheReadersCounts(String rel) throws Exception {
        Shared.assumePresent();
        Path seg = Shared.corpus(rel);
        Map<Integer, Long> counts;
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            counts = r.segmentPixelCounts();
        }
        ImagePlus imp;
        try (SegmentationReader r = SegmentationReader.open(seg)) { // on the SEG's own planes, as ImportCorpusTest
            ImportedSegmentation v = ImportReader.read(r, org.dicomseg.options.SegmentSelection.parse(""), Progress.NONE);
            imp = new SegImporter(ImportOptions.builder().build(), Progress.NONE).run(v, seg, "hyperstack").image();
        }
        Map<Integer, Long> info = ImportLabelCountsTest.infoCounts((String) imp.getProperty("Info"));
        assertEquals(new TreeMap<>(counts), info, rel + ": Info counts");
        String[] numbers = imp.getProp(HyperstackBuilder.SEGMENT_NUMBERS_PROPERTY).split(",");
        long total = 0;
        for (int c = 1; c <= imp.getNChannels(); c++) {
            long n = channelCount(imp, c);
            assertEquals((long) counts.get(Integer.parseInt(numbers[c - 1])), n, rel + " channel " + c);
            total += n;
        }
        assertTrue(total > 0, rel + ": something set");
    }
}
