package org.dicomseg.ij.export;

import java.awt.Color;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.process.LUT;

/**
 * Segment colours an image suggests: for a label image, the LUT colour of each label value (when
 * the LUT is not plain grey); for a multi-channel image, each channel's LUT colour.
 */
public final class ImageColors {
    private ImageColors() { }

    /** The colour label {@code value} is displayed in, or null for a greyscale LUT. */
    public static Color ofLabel(ImagePlus imp, int value) {
        LUT lut = imp.getProcessor().getLut();
        if (lut == null || isGrey(lut)) return null;
        double min = imp.getDisplayRangeMin(), max = imp.getDisplayRangeMax();
        int index;
        if (imp.getBitDepth() == 8 && min == 0 && max == 255) {
            index = value;
        } else {
            index = max > min ? (int) Math.round((value - min) * 255.0 / (max - min)) : value;
        }
        index = Math.max(0, Math.min(255, index));
        Color c = new Color(lut.getRGB(index));
        return c.getRed() + c.getGreen() + c.getBlue() == 0 ? null : c;
    }

    private static boolean isGrey(LUT lut) {
        for (int i = 0; i < 256; i++) {
            int rgb = lut.getRGB(i);
            int r = (rgb >> 16) & 0xFF, g = (rgb >> 8) & 0xFF, b = rgb & 0xFF;
            if (r != g || g != b) return false;
        }
        return true;
    }

    /** The colour of channel {@code channel} (1-based): its LUT's brightest entry, or null when grey. */
    public static Color ofChannel(ImagePlus imp, int channel) {
        LUT lut = null;
        if (imp instanceof CompositeImage) lut = ((CompositeImage) imp).getChannelLut(channel);
        else if (imp.getNChannels() == 1) lut = imp.getProcessor().getLut();
        if (lut == null || isGrey(lut)) return null;
        Color c = new Color(lut.getRGB(255));
        return c.getRed() + c.getGreen() + c.getBlue() == 0 ? null : c;
    }
}
