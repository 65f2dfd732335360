package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ij.ImagePlus;
import ij.measure.ResultsTable;

import org.dicomseg.options.ImportOptions;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.task.Progress;
import org.dicomseg.testing.EditLoopFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pixel counts of an imported label image's Info text and of SEG Info's table (issue 19: taken
 * while the label map is made, or while the channels are merged, never in a pass of their own) are
 * each segment's pixels: checked on {@link EditLoopFixture} (240 slices, empty slices at both ends
 * and in the middle, "Lesion" inside "Liver") against the counts of the fixture's own geometry.
 */
class ImportLabelCountsTest {
    @TempDir static Path dir;
    private static EditLoopFixture fx;

    @BeforeAll
    static void write() throws Exception {
        fx = EditLoopFixture.write(dir);
    }

    /** Segment n's pixels over all slices, from the fixture's geometry. */
    private static long expected(int n) {
        long k = 0;
        for (int z = 0; z < EditLoopFixture.SLICES; z++) {
            for (int r = 0; r < EditLoopFixture.ROWS; r++) {
                for (int c = 0; c < EditLoopFixture.COLUMNS; c++) if (EditLoopFixture.inside(n, z, r, c)) k++;
            }
        }
        return k;
    }

    /** Segment Number to the "Pixels:" of its block in an Info text. */
    static Map<Integer, Long> infoCounts(String info) {
        Map<Integer, Long> out = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^Segment (\\d+): [^\\n]*\\n(?:  [^\\n]*\\n)*?  Pixels: (\\d+)$").matcher(info);
        while (m.find()) out.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
        return out;
    }

    private static ImportedSegmentation read(ImportOptions o) throws Exception {
        try (SegmentationReader r = SegmentationReader.open(fx.seg)) {
            return ImportSources.read(r, o, fx.seg, List.of(), null, 0, 0, Progress.NONE);
        }
    }

    @Test
    void labelImageFromTheLabelMapCountsEachSegment() throws Exception {
        ImportedSegmentation v = read(ImportOptions.builder().output(ImportOptions.Output.LABEL_IMAGE).segments("1,3").build());
        assertNotNull(v.labelMap(), "Liver and Kidney do not overlap: read as one label map");
        assertEquals(EditLoopFixture.SLICES, v.depth(), "on the CT's planes, empty ones included");
        ImagePlus imp = new LabelImageBuilder().build(v, "labels");
        Map<Integer, Long> want = Map.of(1, expected(1), 3, expected(3));
        assertEquals(new TreeMap<>(want), infoCounts((String) imp.getProperty("Info")));
        ResultsTable rt = SegInfoTable.of(v);
        for (int row = 0; row < rt.size(); row++) {
            int n = (int) rt.getValue(SegInfoTable.NUMBER, row);
            assertEquals((double) want.get(n), rt.getValue(SegInfoTable.PIXELS, row), "table, segment " + n);
        }
    }

    @Test
    void mergedLabelImageCountsEachSegmentsOwnPixels() throws Exception {
        // Lesion inside Liver: read as channels, merged with "last wins"; each segment's count is its own pixels
        ImportedSegmentation v = read(ImportOptions.builder().output(ImportOptions.Output.LABEL_IMAGE).lastWins(true).build());
        assertNull(v.labelMap());
        ImagePlus imp = new LabelImageBuilder().lastWins(true).build(v, "labels");
        assertEquals(new TreeMap<>(Map.of(1, expected(1), 2, expected(2), 3, expected(3))),
                infoCounts((String) imp.getProperty("Info")));
        // the hyperstack of the same file says the same
        ImagePlus hs = new HyperstackBuilder().build(v, "channels");
        assertEquals(infoCounts((String) imp.getProperty("Info")), infoCounts((String) hs.getProperty("Info")));
    }
}
