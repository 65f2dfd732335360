package org.dicomseg.ij;

import java.awt.Color;

import ij.process.LUT;

import org.dicomseg.model.CieLab;
import org.dicomseg.model.SegmentDescription;

/**
 * The display colour of a segment: its Recommended Display CIELab Value converted to sRGB, or,
 * when the file has none, a fixed, distinguishable palette colour chosen by Segment Number (so the
 * same segment gets the same colour every time it is opened). Also builds ImageJ LUTs from it.
 */
public final class SegmentColors {
    /** Fallback colours (Slicer-like, bright on black), used in Segment Number order. */
    private static final int[] PALETTE = {
        0xF08080, 0x80AE80, 0x6FB8D2, 0xD8654F, 0xDD82C5, 0x90EE90, 0xDCF514, 0x4E3FD4, 0xF4D631, 0x00A2FF,
        0xFF8C00, 0xB15EFF, 0x00CED1, 0xFF1493, 0x7FFF00, 0xFFD700
    };

    private SegmentColors() { }

    /** The colour of this segment. */
    public static Color of(SegmentDescription d) {
        CieLab lab = d.recommendedDisplayCieLab();
        if (lab != null) {
            return new Color(lab.toRgbInt());
        }
        return palette(d.segmentNumber());
    }

    /** The fallback colour for a Segment Number (numbers start at 1; 0 and below wrap like 1). */
    public static Color palette(int segmentNumber) {
        int i = Math.floorMod(Math.max(segmentNumber, 1) - 1, PALETTE.length);
        return new Color(PALETTE[i]);
    }

    /** A LUT from black to this colour, for one channel of a hyperstack. */
    public static LUT channelLut(Color c) {
        return LUT.createLutFromColor(c);
    }

    /**
     * A LUT in which index {@code i} is the colour of the segment numbered {@code i} and everything
     * else (index 0 = background) is black: the LUT of an 8-bit label image with display range 0..255.
     */
    public static LUT labelLut(Iterable<SegmentDescription> segments) {
        return labelLut(segments, 255);
    }

    /**
     * The label LUT for display range {@code 0..maxValue}: LUT index {@code j} shows the colour of
     * segment {@code round(j * maxValue / 255)}. With {@code maxValue = 255} (8-bit) every index is
     * exact; a 16-bit label image with more than 255 segments shares LUT entries between neighbours.
     */
    public static LUT labelLut(Iterable<SegmentDescription> segments, int maxValue) {
        int max = Math.max(1, maxValue);
        java.util.Map<Integer, Color> byNumber = new java.util.HashMap<>();
        for (SegmentDescription d : segments) {
            if (d.segmentNumber() >= 1) byNumber.put(d.segmentNumber(), of(d));
        }
        byte[] r = new byte[256], g = new byte[256], b = new byte[256];
        for (int j = 1; j < 256; j++) {
            int n = (int) Math.round(j * (double) max / 255.0);
            Color c = byNumber.get(n);
            if (c == null) continue;
            r[j] = (byte) c.getRed();
            g[j] = (byte) c.getGreen();
            b[j] = (byte) c.getBlue();
        }
        return new LUT(r, g, b);
    }
}
