package org.dicomseg.write;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherWordAttribute;

import org.dicomseg.dicom.DataSetBuilder;
import org.dicomseg.dicom.SegTags;
import org.dicomseg.model.PaletteColorLut;

/**
 * Writes a {@link PaletteColorLut} as the Red, Green and Blue Palette Color Lookup Table
 * Descriptors (0028,1101-1103; US: number of entries, 0 for 65536; first mapped value; 8 bits per
 * entry) and Data (0028,1201-1203; OW, the 8-bit entries packed two to a word, low byte first,
 * padded with a zero byte to an even length), PS3.3 C.7.6.3.1.5-6 and C.7.9, as highdicom 0.28.1's
 * {@code PaletteColorLUT} does for segmentations.
 */
final class PaletteEncoder {
    private PaletteEncoder() { }

    static void write(AttributeList l, PaletteColorLut lut) {
        int n = lut.size() == PaletteColorLut.MAX_ENTRIES ? 0 : lut.size();
        DataSetBuilder.us(l, SegTags.RED_PALETTE_DESCRIPTOR, n, lut.firstMappedValue(), 8);
        DataSetBuilder.us(l, SegTags.GREEN_PALETTE_DESCRIPTOR, n, lut.firstMappedValue(), 8);
        DataSetBuilder.us(l, SegTags.BLUE_PALETTE_DESCRIPTOR, n, lut.firstMappedValue(), 8);
        data(l, SegTags.RED_PALETTE_DATA, lut.channel(0));
        data(l, SegTags.GREEN_PALETTE_DATA, lut.channel(1));
        data(l, SegTags.BLUE_PALETTE_DATA, lut.channel(2));
    }

    private static void data(AttributeList l, AttributeTag t, byte[] entries) {
        short[] words = new short[(entries.length + 1) / 2];
        for (int i = 0; i < entries.length; i++) {
            words[i / 2] |= (short) ((entries[i] & 0xFF) << (8 * (i % 2)));
        }
        OtherWordAttribute a = new OtherWordAttribute(t);
        try {
            a.setValues(words);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        l.put(a);
    }
}
