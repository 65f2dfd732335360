package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ImageProcessor;

import org.dicomseg.model.CieLab;
import org.dicomseg.model.SegmentationType;
import org.junit.jupiter.api.Test;
import org.dicomseg.ij.SegmentColors;

class ImportHyperstackTest {

    @Test
    void oneChannelPerSegmentWithLabelsColoursAndBinaryValues() {
        ImportedSegmentation v = ImportFixtures.binary();
        ImagePlus imp = new HyperstackBuilder().build(v, "seg");
        assertEquals(3, imp.getNChannels());
        assertEquals(ImportFixtures.D, imp.getNSlices());
        assertEquals(1, imp.getNFrames());
        assertEquals(8, imp.getBitDepth());
        assertTrue(imp.isHyperStack());
        CompositeImage ci = assertInstanceOf(CompositeImage.class, imp);
        assertEquals(IJ.COMPOSITE, ci.getMode());
        // labels: every slice of channel c carries the segment label
        String[] labels = {"Liver", "Spine", "Lesion"};
        for (int z = 1; z <= ImportFixtures.D; z++) {
            for (int c = 1; c <= 3; c++) {
                assertEquals(labels[c - 1], imp.getStack().getSliceLabel(imp.getStackIndex(c, z, 1)));
            }
        }
        assertEquals(new Color(255, 0, 0), HyperstackBuilder.channelColor(imp, 1));
        assertEquals(new Color(0, 255, 0), HyperstackBuilder.channelColor(imp, 2));
        assertEquals(SegmentColors.palette(5), HyperstackBuilder.channelColor(imp, 3));
        // pixel values: 255 inside, 0 outside; counts per channel and plane equal the mask counts
        for (int c = 0; c < 3; c++) {
            ImportedSegmentation.Segment s = v.segments().get(c);
            for (int z = 0; z < ImportFixtures.D; z++) {
                ImageProcessor ip = imp.getStack().getProcessor(imp.getStackIndex(c + 1, z + 1, 1));
                int n = 0;
                for (int i = 0; i < ip.getPixelCount(); i++) {
                    int val = ip.get(i);
                    assertTrue(val == 0 || val == 255, "binary value " + val);
                    if (val == 255) n++;
                }
                assertEquals(ImportFixtures.count(s.plane(z)), n, "channel " + (c + 1) + " plane " + (z + 1));
            }
        }
        assertEquals("1,2,5", imp.getProp(HyperstackBuilder.SEGMENT_NUMBERS_PROPERTY));
        String info = (String) imp.getProperty("Info");
        assertNotNull(info);
        assertTrue(info.contains("Segment 5: Lesion"), info);
        assertTrue(info.contains("Transfer Syntax: Explicit VR Little Endian"), info);
    }

    @Test
    void calibrationLikeImageJsDicomOpener() {
        ImagePlus imp = new HyperstackBuilder().build(ImportFixtures.binary(), "seg");
        Calibration cal = imp.getCalibration();
        assertEquals("mm", cal.getUnit());
        assertEquals(0.5, cal.pixelWidth, 1e-9);   // column spacing
        assertEquals(0.8, cal.pixelHeight, 1e-9);  // row spacing
        assertEquals(2.5, cal.pixelDepth, 1e-9);   // from the positions, not Slice Thickness 2.0
        // no origin, as ImageJ's DICOM opener calibrates the source: pixel (0,0) of plane 1 measures (0, 0, 0)
        assertEquals(0.0, cal.getX(0), 1e-9);
        assertEquals(0.0, cal.getY(0), 1e-9);
        assertEquals(0.0, cal.getZ(0), 1e-9);
        assertEquals(2.5 * 3, cal.getZ(3), 1e-9);
    }

    @Test
    void fractionalAsProbabilitiesOrStoredValues() {
        ImportedSegmentation v = ImportFixtures.fractional();
        ImagePlus f = new HyperstackBuilder().build(v, "p");
        assertEquals(32, f.getBitDepth());
        ImageProcessor ip = f.getStack().getProcessor(1);
        assertEquals(1.0f, ip.getf(0), 1e-6);
        assertEquals(0.5f, ip.getf(ImportFixtures.W), 1e-6);
        assertEquals(0.2f, ip.getf(2 * ImportFixtures.W), 1e-6);
        assertEquals(0f, ip.getf(3 * ImportFixtures.W), 0);
        assertEquals(1.0, f.getDisplayRangeMax(), 1e-9);

        ImagePlus s = new HyperstackBuilder().fractionalAsStoredValues(true).build(v, "s");
        assertEquals(8, s.getBitDepth());
        ImageProcessor sp = s.getStack().getProcessor(1);
        assertEquals(200, sp.get(0));
        assertEquals(100, sp.get(ImportFixtures.W));
        assertEquals(200.0, s.getDisplayRangeMax(), 1e-9);
        // CIELab colour converted to RGB
        CieLab lab = v.segments().get(0).description().recommendedDisplayCieLab();
        assertEquals(new Color(lab.toRgbInt()), HyperstackBuilder.channelColor(s, 1));
    }

    @Test
    void moreThanEightSegmentsUseColorMode() {
        ImportedSegmentation.Builder b = ImportedSegmentation.builder(4, 4, 1, SegmentationType.BINARY);
        for (int n = 1; n <= 9; n++) {
            b.addSegment(ImportFixtures.segment(n, "S" + n, null), new byte[][] {null});
        }
        ImagePlus imp = new HyperstackBuilder().build(b.build(), "many");
        assertEquals(9, imp.getNChannels());
        assertEquals(IJ.COLOR, ((CompositeImage) imp).getMode());
        ImagePlus few = new HyperstackBuilder().build(ImportFixtures.binaryDisjoint(), "few");
        assertEquals(IJ.COMPOSITE, ((CompositeImage) few).getMode());
    }

    @Test
    void singleSegmentIsStillAHyperstackWithItsColour() {
        ImportedSegmentation v = ImportFixtures.binaryDisjoint();
        ImportedSegmentation one = v.select(java.util.List.of(v.segments().get(1)));
        ImagePlus imp = new HyperstackBuilder().build(one, "one");
        assertEquals(1, imp.getNChannels());
        assertEquals(ImportFixtures.D, imp.getNSlices());
        assertEquals(new Color(0, 255, 0), HyperstackBuilder.channelColor(imp, 1));
        assertEquals("Spine", imp.getStack().getSliceLabel(1));
    }

    /**
     * The display range of every channel is set from its LUT without scanning a plane: for an 8-bit mask it
     * is what ImageJ itself computes for a channel (reset on a ByteProcessor: 0..255, whatever the pixels),
     * and the other channels' ranges are the same as the first's.
     */
    @Test
    void everyChannelsDisplayRangeIsWhatImageJComputesForABinaryChannel() {
        CompositeImage ci = (CompositeImage) new HyperstackBuilder().build(ImportFixtures.binary(), "seg");
        for (int c = 1; c <= ci.getNChannels(); c++) {
            assertEquals(0.0, ci.getChannelLut(c).min, 0);
            assertEquals(255.0, ci.getChannelLut(c).max, 0);
            ImageProcessor ip = ci.getStack().getProcessor(ci.getStackIndex(c, 1, 1)).duplicate();
            ip.resetMinAndMax(); // ImageJ's own display range of the channel's first plane
            assertEquals(ip.getMin(), ci.getChannelLut(c).min, 0);
            assertEquals(ip.getMax(), ci.getChannelLut(c).max, 0);
        }
        assertEquals(1, ci.getChannel());
        assertEquals(0.0, ci.getDisplayRangeMin(), 0);
        assertEquals(255.0, ci.getDisplayRangeMax(), 0);
        assertEquals(255.0, ci.getProcessor().getMax(), 0);
        // ImageJ's resetDisplayRanges (the scan the builder no longer makes) leaves the same ranges
        CompositeImage again = (CompositeImage) new HyperstackBuilder().build(ImportFixtures.binary(), "again");
        again.resetDisplayRanges();
        for (int c = 1; c <= ci.getNChannels(); c++) {
            assertEquals(again.getChannelLut(c).min, ci.getChannelLut(c).min, 0);
            assertEquals(again.getChannelLut(c).max, ci.getChannelLut(c).max, 0);
        }
        // probabilities 0..1 and stored values 0..Maximum Fractional Value on every channel, not the data's range
        ImportedSegmentation frac = ImportFixtures.fractional();
        CompositeImage f = (CompositeImage) new HyperstackBuilder().build(frac, "p");
        CompositeImage s = (CompositeImage) new HyperstackBuilder().fractionalAsStoredValues(true).build(frac, "s");
        for (int c = 1; c <= f.getNChannels(); c++) {
            assertEquals(0.0, f.getChannelLut(c).min, 0);
            assertEquals(1.0, f.getChannelLut(c).max, 0);
            assertEquals(0.0, s.getChannelLut(c).min, 0);
            assertEquals(frac.maxFractionalValue(), s.getChannelLut(c).max, 0);
        }
        assertEquals(1.0, f.getProcessor().getMax(), 0);
    }

    /** Nothing is drawn while building; drawn when asked, the composite shows each segment in its colour. */
    @Test
    void theCompositeIsDrawnWhenShownWithEachSegmentInItsColour() {
        ImportedSegmentation v = ImportFixtures.binary();
        CompositeImage ci = (CompositeImage) new HyperstackBuilder().build(v, "seg");
        ij.process.ColorProcessor rgb = new ij.process.ColorProcessor(ci.getImage()); // plane 1: Liver only (red)
        byte[] liver = v.segments().get(0).plane(0);
        for (int i = 0; i < ImportFixtures.W * ImportFixtures.H; i++) {
            int[] px = rgb.getPixel(i % ImportFixtures.W, i / ImportFixtures.W, null);
            if (liver[i] != 0) assertEquals(java.util.List.of(255, 0, 0), java.util.List.of(px[0], px[1], px[2]), "pixel " + i);
            else assertEquals(java.util.List.of(0, 0, 0), java.util.List.of(px[0], px[1], px[2]), "pixel " + i);
        }
        // nine segments: colour mode, channel 1 drawn in its own colour
        ImportedSegmentation.Builder b = ImportedSegmentation.builder(4, 4, 1, SegmentationType.BINARY);
        for (int n = 1; n <= 9; n++) {
            byte[] p = new byte[16];
            p[n - 1] = 1;
            b.addSegment(ImportFixtures.segment(n, "S" + n, new int[] {0, 0, 255}), new byte[][] {p});
        }
        CompositeImage many = (CompositeImage) new HyperstackBuilder().build(b.build(), "many");
        ij.process.ColorProcessor m = new ij.process.ColorProcessor(many.getImage());
        assertEquals(java.util.List.of(0, 0, 255), java.util.List.of(m.getPixel(0, 0, null)[0], m.getPixel(0, 0, null)[1],
                m.getPixel(0, 0, null)[2]));
        assertEquals(0, m.getPixel(1, 0, null)[2]);
    }
}
