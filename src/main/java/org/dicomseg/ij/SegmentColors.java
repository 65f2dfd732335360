package org.dicomseg.ij;

import java.awt.Color;

import ij.process.LUT;

import org.dicomseg.model.CieLab;
import org.dicomseg.model.SegmentDescription;

/**
 * The display colour of a segment: its Recommended Display CIELab Value converted to sRGB, or,
 * when the file has none, a fixed, distinguishable palette colour chosen by Segment Number (so the
 * same segment gets the same colour every time it is opened). A colour the SEG (Recommended Display
 * CIELab Value, PS3.3 C.8.20.2) or the segment metadata gives always wins over the palette. Also builds
 * ImageJ LUTs from it.
 */
public final class SegmentColors {
    /**
     * Fallback colours, used in Segment Number order (24, then they repeat): a qualitative palette
     * chosen as Glasbey et al. do (Colour displays for categorical images, Color Res. Appl. 32, 2007):
     * greedily, each colour the one farthest from all before it, among the sRGB colours of a 17-step grid
     * with L* 50..80 and chroma ≥ 30 (bright on black, with headroom, not grey), starting from red. The
     * distance of two colours is the smaller of their CIEDE2000 difference (CIE 142-2001) and twice the
     * difference between their sum — what ImageJ's composite mode shows where two segments overlap —
     * and either of them, so that a segment inside another stays visible. Measured by
     * {@code SegmentColorsTest}: any two differ by ΔE00 ≥ 13, consecutive ones (also the 24th and the
     * 1st) by ≥ 19, the first eight by ≥ 23; an overlap differs from both segments by ≥ 7. (The earlier
     * palette had two colours 3 apart and segments 1 and 4, coral and orange-red, 11 apart.)
     */
    private static final int[] PALETTE = {
        0xFF0000, 0x00BB00, 0x00AAEE, 0x9966BB, 0x997711, 0x008877, 0xBBBBFF, 0xCCCC00, 0x44CCCC, 0xBB6677, 0xCC8866, 0x4477EE,
        0xAACC99, 0x668844, 0xDDBB88, 0x00BB88, 0xCC99CC, 0x2299AA, 0xDD8800, 0xDD2299, 0x999900, 0xCC00FF, 0x9988FF, 0xDDAA00
    };

    /** How many fallback colours there are before they repeat. */
    public static final int PALETTE_SIZE = PALETTE.length;

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
