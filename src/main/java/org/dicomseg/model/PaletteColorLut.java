package org.dicomseg.model;

import java.util.Arrays;
import java.util.List;

/**
 * A Palette Color Lookup Table (PS3.3 C.7.6.3 with Photometric Interpretation PALETTE COLOR, and
 * the Palette Color Lookup Table Module C.7.9; used by Label Map Segmentations, C.8.20.2): stored
 * value {@code firstMappedValue + i} is shown as entry {@code i}, an sRGB colour. Entries are kept
 * as 8-bit {@code 0xRRGGBB} values, as highdicom 0.28.1 writes them for segmentations (8 bits per
 * entry, first mapped value 0, entry 0 the background). Immutable.
 */
public final class PaletteColorLut {
    /** The most entries a LUT descriptor can state (65536 is written as 0, PS3.3 C.7.6.3.1.5). */
    public static final int MAX_ENTRIES = 65536;

    private final int firstMappedValue;
    private final int[] rgb;

    /**
     * @param firstMappedValue the stored value shown by the first entry, 0..65535
     * @param rgb              the entries, {@code 0xRRGGBB}, 1..65536 of them
     */
    public PaletteColorLut(int firstMappedValue, int[] rgb) {
        if (firstMappedValue < 0 || firstMappedValue > 0xFFFF) {
            throw new IllegalArgumentException("First mapped value " + firstMappedValue + " is outside 0..65535");
        }
        if (rgb == null || rgb.length == 0 || rgb.length > MAX_ENTRIES) {
            throw new IllegalArgumentException("A palette needs 1.." + MAX_ENTRIES + " entries, got " + (rgb == null ? 0 : rgb.length));
        }
        this.firstMappedValue = firstMappedValue;
        this.rgb = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) this.rgb[i] = rgb[i] & 0xFFFFFF;
    }

    /**
     * The palette of a label map with these segments: entry 0 (the background, Pixel Padding Value
     * 0) black, entry {@code n} the Recommended Display colour of segment {@code n} in sRGB, white
     * for a segment without one; then white entries no stored value uses: at least one, up to an
     * even number of entries (at most 65536). The 8-bit entries then fill whole OW words, and every
     * channel reaches 255 — dciodvfy (2022) calls 8-bit palette data whose maximum is below 128, or
     * whose entries do not fill the words exactly, "LookupTableData bad" / "wrong length".
     */
    public static PaletteColorLut ofSegments(List<SegmentDescription> segments) {
        int max = 0;
        for (SegmentDescription d : segments) max = Math.max(max, d.segmentNumber());
        int n = Math.min(MAX_ENTRIES, (max + 3) & ~1);
        int[] rgb = new int[n];
        java.util.Arrays.fill(rgb, max + 1, n, 0xFFFFFF);
        for (SegmentDescription d : segments) {
            CieLab c = d.recommendedDisplayCieLab();
            rgb[d.segmentNumber()] = c == null ? 0xFFFFFF : c.toRgbInt();
        }
        return new PaletteColorLut(0, rgb);
    }

    /** The stored value shown by the first entry (second value of the descriptors). */
    public int firstMappedValue() { return firstMappedValue; }

    /** Number of entries (first value of the descriptors; 0 there means 65536). */
    public int size() { return rgb.length; }

    /** All entries, {@code 0xRRGGBB}, in order. */
    public int[] entries() { return rgb.clone(); }

    /**
     * The colour of a stored value, {@code 0xRRGGBB}: values below the first mapped value take the
     * first entry, values beyond the last the last entry (PS3.3 C.7.6.3.1.5).
     */
    public int rgbOf(int storedValue) {
        int i = Math.min(Math.max(storedValue - firstMappedValue, 0), rgb.length - 1);
        return rgb[i];
    }

    /** One channel ({@code 0} red, {@code 1} green, {@code 2} blue) of every entry, as 8-bit values. */
    public byte[] channel(int c) {
        int shift = 16 - 8 * c;
        byte[] out = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) out[i] = (byte) (rgb[i] >> shift);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaletteColorLut && ((PaletteColorLut) o).firstMappedValue == firstMappedValue
                && Arrays.equals(((PaletteColorLut) o).rgb, rgb);
    }

    @Override
    public int hashCode() { return 31 * firstMappedValue + Arrays.hashCode(rgb); }

    @Override
    public String toString() { return "PaletteColorLut[" + rgb.length + " entries from " + firstMappedValue + "]"; }
}
