package org.dicomseg.read;

import java.util.List;

import org.dicomseg.dicom.DataSetView;
import org.dicomseg.model.PaletteColorLut;

/**
 * Reads the Palette Color Lookup Table of a PALETTE COLOR label map (PS3.3 C.7.6.3.1.5-6, C.7.9):
 * the Red, Green and Blue Descriptors (number of entries, 0 meaning 65536; first mapped value; 8
 * or 16 bits per entry) and Data (OW; 8-bit entries packed two to a word, low byte first, as
 * highdicom writes them; 16-bit entries scaled to 8 bits by their high byte, or taken as they are
 * when none exceeds 255, as some writers store 8-bit colours in 16-bit entries). A palette that
 * cannot be read is left out with a warning (the segments then keep their own colours), never a
 * failure: the label values are readable without it.
 */
final class PaletteParser {
    private PaletteParser() { }

    /** The palette, or null (not PALETTE COLOR, or unreadable: then a warning says why). */
    static PaletteColorLut parse(DataSetView list, String photometricInterpretation, List<String> warnings) {
        if (photometricInterpretation == null || !"PALETTE COLOR".equals(photometricInterpretation.trim())) return null;
        if (list.has(HeaderTags.SEGMENTED_RED_PALETTE_COLOR_LOOKUP_TABLE_DATA)) {
            warnings.add("Segmented Palette Color Lookup Table Data is not supported; the palette is ignored");
            return null;
        }
        int[][] channels = new int[3][];
        int entries = -1;
        int first = -1;
        int[] descriptors = {HeaderTags.RED_PALETTE_COLOR_LOOKUP_TABLE_DESCRIPTOR, HeaderTags.GREEN_PALETTE_COLOR_LOOKUP_TABLE_DESCRIPTOR,
            HeaderTags.BLUE_PALETTE_COLOR_LOOKUP_TABLE_DESCRIPTOR};
        int[] data = {HeaderTags.RED_PALETTE_COLOR_LOOKUP_TABLE_DATA, HeaderTags.GREEN_PALETTE_COLOR_LOOKUP_TABLE_DATA,
            HeaderTags.BLUE_PALETTE_COLOR_LOOKUP_TABLE_DATA};
        String[] names = {"Red", "Green", "Blue"};
        for (int c = 0; c < 3; c++) {
            int[] d = AttributeValues.ints(list, descriptors[c]);
            if (d.length != 3) {
                warnings.add("PALETTE COLOR without a valid " + names[c] + " Palette Color Lookup Table Descriptor; the palette is ignored");
                return null;
            }
            int n = (d[0] & 0xFFFF) == 0 ? PaletteColorLut.MAX_ENTRIES : d[0] & 0xFFFF;
            int f = d[1] & 0xFFFF;
            if ((entries >= 0 && (n != entries || f != first)) || (d[2] != 8 && d[2] != 16)) {
                warnings.add("The Palette Color Lookup Table Descriptors disagree or state " + d[2]
                        + " bits per entry (8 or 16 expected); the palette is ignored");
                return null;
            }
            entries = n;
            first = f;
            channels[c] = values(list.has(data[c]) ? list.words(data[c]) : null, n, d[2]);
            if (channels[c] == null) {
                warnings.add(names[c] + " Palette Color Lookup Table Data is missing or shorter than its "
                        + n + " entries; the palette is ignored");
                return null;
            }
        }
        int[] rgb = new int[entries];
        for (int i = 0; i < entries; i++) rgb[i] = (channels[0][i] << 16) | (channels[1][i] << 8) | channels[2][i];
        return new PaletteColorLut(first, rgb);
    }

    /** The 8-bit values of one channel's entries, or null when the data is missing or short. */
    private static int[] values(short[] words, int n, int bits) {
        if (words == null) return null;
        int[] out = new int[n];
        if (bits == 8) {
            if (words.length * 2 < n) return null;
            for (int i = 0; i < n; i++) out[i] = (words[i / 2] >> (8 * (i % 2))) & 0xFF;
            return out;
        }
        if (words.length < n) return null;
        boolean eightBitValues = true;
        for (int i = 0; i < n; i++) if ((words[i] & 0xFFFF) > 0xFF) eightBitValues = false;
        for (int i = 0; i < n; i++) out[i] = eightBitValues ? words[i] & 0xFF : (words[i] >> 8) & 0xFF;
        return out;
    }
}
