package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ImageProcessor;
import ij.process.LUT;

import org.dicomseg.reconstruct.SegmentOverlapException;
import org.dicomseg.model.SegmentationType;
import org.junit.jupiter.api.Test;

class ImportLabelImageTest {

    @Test
    void segmentNumbersAsPixelValuesWithSegmentColours() {
        ImportedSegmentation v = ImportFixtures.binaryDisjoint();
        ImagePlus imp = new LabelImageBuilder().build(v, "labels");
        assertEquals(8, imp.getBitDepth());
        assertEquals(ImportFixtures.D, imp.getStackSize());
        int[] hist = new int[256];
        for (int z = 1; z <= imp.getStackSize(); z++) {
            ImageProcessor ip = imp.getStack().getProcessor(z);
            for (int i = 0; i < ip.getPixelCount(); i++) hist[ip.get(i)]++;
        }
        assertEquals(v.segment(1).nonZeroCount(), hist[1]);
        assertEquals(v.segment(2).nonZeroCount(), hist[2]);
        assertEquals(ImportFixtures.W * ImportFixtures.H * ImportFixtures.D - hist[1] - hist[2], hist[0]);
        LUT lut = imp.getProcessor().getLut();
        assertEquals(255, lut.getRed(1));
        assertEquals(0, lut.getGreen(1));
        assertEquals(255, lut.getGreen(2));
        assertEquals(0, lut.getRed(2));
        assertEquals(0, lut.getRed(0) + lut.getGreen(0) + lut.getBlue(0));
        assertEquals(0.5, imp.getCalibration().pixelWidth, 1e-9);
    }

    @Test
    void overlapIsRefusedWithAClearMessage() {
        ImportedSegmentation v = ImportFixtures.binary();
        SegmentOverlapException e = assertThrows(SegmentOverlapException.class, () -> new LabelImageBuilder().build(v, "x"));
        assertEquals(1, e.firstSegment());
        assertEquals(2, e.secondSegment());
        // Liver x1..4,y1..3 and Spine x3..6,y2..7 on plane 2 share x3..4, y2..3 = 4 pixels
        assertEquals(4, e.overlappingPixels());
        assertTrue(e.getMessage().contains("last wins"), e.getMessage());
        assertTrue(e.getMessage().contains("plane 2"), e.getMessage());
    }

    @Test
    void lastWinsPaintsLaterSegmentsOverEarlierOnes() {
        ImportedSegmentation v = ImportFixtures.binary();
        ImagePlus imp = new LabelImageBuilder().lastWins(true).build(v, "x");
        ImageProcessor p2 = imp.getStack().getProcessor(2);
        assertEquals(2, p2.get(3, 2)); // shared pixel: Spine (listed later) wins
        assertEquals(1, p2.get(1, 1)); // Liver only
        ImageProcessor p4 = imp.getStack().getProcessor(4);
        assertEquals(5, p4.get(2, 2)); // Lesion ring
        assertEquals(0, p4.get(5, 5)); // hole
    }

    @Test
    void segmentNumbersAbove255GiveA16BitImage() {
        byte[] p = ImportFixtures.rect(0, 0, 2, 2, 1);
        ImportedSegmentation v = ImportedSegmentation.builder(ImportFixtures.W, ImportFixtures.H, 1, SegmentationType.BINARY)
                .addSegment(ImportFixtures.segment(300, "Big", new int[] {0, 0, 255}), new byte[][] {p}).build();
        ImagePlus imp = new LabelImageBuilder().build(v, "x");
        assertEquals(16, imp.getBitDepth());
        assertEquals(300, imp.getProcessor().get(0, 0));
        assertEquals(300, imp.getDisplayRangeMax(), 1e-9);
        assertEquals(255, imp.getProcessor().getLut().getBlue(255));
    }

    @Test
    void fractionalSegmentsCountFromHalfTheMaximum() {
        ImportedSegmentation v = ImportFixtures.fractional();
        ImagePlus imp = new LabelImageBuilder().build(v, "x");
        ImageProcessor ip = imp.getStack().getProcessor(1);
        assertEquals(1, ip.get(0, 0));  // 200/200
        assertEquals(1, ip.get(0, 1));  // 100/200 = 50 %
        assertEquals(0, ip.get(0, 2));  // 40/200
    }
}
