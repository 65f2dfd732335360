package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.dicomseg.model.PaletteColorLut;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.testing.Highdicom;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * highdicom's PALETTE COLOR label map from the corpus: the reader's Palette Color Lookup Table is
 * the one pydicom reads from the file (descriptors and every entry), and each segment (highdicom
 * writes no Recommended Display CIELab Value beside a palette) takes the colour of its entry.
 */
class SegmentationReaderPaletteTest {
    private static final String FILE = "highdicom/seg_image_sm_control_labelmap_palette_color.dcm";

    /** Prints the descriptor, then one "r g b" line per entry, as pydicom reads them. */
    private static final String PYDICOM_LUT = String.join("\n",
            "import sys, pydicom",
            "ds = pydicom.dcmread(sys.argv[1], stop_before_pixels=True)",
            "d = ds.RedPaletteColorLookupTableDescriptor",
            "print(d[0], d[1], d[2])",
            "for i in range(d[0]):",
            "    print(ds.RedPaletteColorLookupTableData[i], ds.GreenPaletteColorLookupTableData[i], ds.BluePaletteColorLookupTableData[i])");

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    @Test
    void highdicomPaletteIsReadEntryByEntryAndColoursTheSegments() throws Exception {
        Path file = Shared.corpus(FILE);
        String[] lines = Highdicom.python(PYDICOM_LUT, file.toString()).trim().split("\n");
        String[] d = lines[0].trim().split(" ");
        assertEquals("8", d[2], "highdicom writes 8-bit entries");
        int n = Integer.parseInt(d[0]);
        try (SegmentationReader r = SegmentationReader.open(file)) {
            assertEquals("PALETTE COLOR", r.metadata().photometricInterpretation());
            PaletteColorLut lut = r.metadata().paletteColorLut();
            assertNotNull(lut);
            assertEquals(n, lut.size());
            assertEquals(Integer.parseInt(d[1]), lut.firstMappedValue());
            for (int i = 0; i < n; i++) {
                String[] c = lines[i + 1].trim().split(" ");
                int rgb = (Integer.parseInt(c[0]) << 16) | (Integer.parseInt(c[1]) << 8) | Integer.parseInt(c[2]);
                assertEquals(rgb, lut.entries()[i], "entry " + i);
            }
            int coloured = 0;
            for (SegmentDescription s : r.segments()) {
                if (s.segmentNumber() == 0) continue; // the background segment highdicom describes keeps no colour
                assertNotNull(s.recommendedDisplayCieLab(), "segment " + s.segmentNumber());
                int want = lut.rgbOf(s.segmentNumber()), got = s.recommendedDisplayCieLab().toRgbInt();
                for (int shift = 0; shift <= 16; shift += 8) {
                    assertTrue(Math.abs(((want >> shift) & 0xFF) - ((got >> shift) & 0xFF)) <= 1,
                            "segment " + s.segmentNumber() + ": " + Integer.toHexString(got) + " vs " + Integer.toHexString(want));
                }
                coloured++;
            }
            assertEquals(20, coloured);
            assertTrue(r.metadata().warnings().isEmpty(), r.metadata().warnings().toString());
        }
    }
}
