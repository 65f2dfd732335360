package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.dicom.SegTags;
import org.dicomseg.model.PaletteColorLut;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Highdicom;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.testing.SegTestData.Input;
import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.WrittenSeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LABELMAP with a Palette Color Lookup Table (PS3.3 C.7.6.3, C.7.9): written from the segments'
 * colours as highdicom 0.28.1 writes it, passed through the conformance gate, read by highdicom and
 * mapped to RGB by pydicom's {@code apply_color_lut} (independent of our code), and read back by our
 * reader as the palette and the segments' colours.
 */
class PaletteLabelMapTest {
    @TempDir
    Path dir;

    /**
     * Prints "stored value r g b" for every stored value of the file, as highdicom's reader
     * ({@code get_volume(combine_segments=True, relabel=False, apply_palette_color_lut=True)} beside
     * the same call without the palette) or pydicom's {@code apply_color_lut} maps it. (pydicom 3.0.2
     * indexes an 8-bit LUT with 8-bit indices, so it wraps stored values above 255: it checks 8-bit
     * label maps only.)
     */
    private static final String PALETTE = String.join("\n",
            "import sys, numpy as np, pydicom, highdicom as hd",
            "from pydicom.pixels import apply_color_lut",
            "if sys.argv[2] == 'pydicom':",
            "    ds = pydicom.dcmread(sys.argv[1])",
            "    a = ds.pixel_array",
            "    rgb = apply_color_lut(a, ds)",
            "else:",
            "    seg = hd.seg.segread(sys.argv[1])",
            "    a = seg.get_volume(combine_segments=True, relabel=False).array",
            "    rgb = seg.get_volume(combine_segments=True, relabel=False, apply_palette_color_lut=True).array",
            "for v in np.unique(a):",
            "    i = np.argwhere(a == v)[0]",
            "    c = rgb[tuple(i)]",
            "    print(int(v), int(c[0]), int(c[1]), int(c[2]))");

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    private Path write(String name, Input in, int planes, Sources src, OutputTransferSyntax ts) throws Exception {
        Path out = dir.resolve(name);
        SegWriter.write(out, SegTestData.mask(in, planes, src.rows, src.columns), SegTestData.descriptions(in.segments()),
                src.read(), SegWriteOptions.builder().segmentationType(SegmentationType.LABELMAP).transferSyntax(ts)
                        .paletteColorLut(true).build());
        return out;
    }

    @Test
    void eightBitLabelMapCarriesTheSegmentColoursAsItsPalette() throws Exception {
        Path seg = write("palette8.dcm", Input.LABEL_MAP, 3, Sources.CT_23X38, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Conformance.assertConformant(seg);
        List<SegmentDescription> segs = SegTestData.descriptions(3);
        PaletteColorLut expected = PaletteColorLut.ofSegments(segs);

        WrittenSeg w = new WrittenSeg(seg);
        assertEquals("PALETTE COLOR", w.string(TagFromName.PhotometricInterpretation));
        assertArrayEquals(new int[] {6, 0, 8}, w.header.get(SegTags.RED_PALETTE_DESCRIPTOR).getIntegerValues());
        assertArrayEquals(new int[] {6, 0, 8}, w.header.get(SegTags.BLUE_PALETTE_DESCRIPTOR).getIntegerValues());
        // 6 8-bit entries (background, 3 segments, 2 unused white) in 3 OW words, low byte first
        byte[] red = w.header.get(SegTags.RED_PALETTE_DATA).getByteValues(false);
        assertArrayEquals(expected.channel(0), red);
        assertEquals(0, red[0], "background entry is black");
        SequenceAttribute items = (SequenceAttribute) w.header.get(TagFromName.SegmentSequence);
        for (int i = 0; i < items.getNumberOfItems(); i++) {
            AttributeList item = items.getItem(i).getAttributeList();
            assertNull(item.get(SegTags.RECOMMENDED_DISPLAY_CIELAB_VALUE), "no CIELab value beside a palette (highdicom refuses both)");
        }

        // highdicom and pydicom map each stored label to the colour of its segment
        for (String reader : List.of("highdicom", "pydicom")) {
            Map<Integer, Integer> seen = colours(seg, reader);
            assertEquals(4, seen.size(), reader + ": " + seen);
            for (Map.Entry<Integer, Integer> e : seen.entrySet()) {
                assertEquals(expected.rgbOf(e.getKey()), (int) e.getValue(), reader + ", label " + e.getKey());
            }
        }
        Highdicom.Result hd = Highdicom.read(seg, dir, "volume");
        assertEquals(0, hd.exitCode, hd.stderr);
        assertTrue(hd.json.toString().contains("\"LABELMAP\""), hd.json.toString());

        try (SegmentationReader r = SegmentationReader.open(seg)) {
            assertEquals("PALETTE COLOR", r.metadata().photometricInterpretation());
            assertEquals(expected, r.metadata().paletteColorLut());
            for (SegmentDescription d : r.segments()) {
                assertNotNull(d.recommendedDisplayCieLab(), "segment " + d.segmentNumber() + " takes its palette colour");
                assertClose(expected.rgbOf(d.segmentNumber()), d.recommendedDisplayCieLab().toRgbInt(), d.segmentNumber());
            }
            assertTrue(r.metadata().warnings().isEmpty(), r.metadata().warnings().toString());
        }
    }

    @Test
    void sixteenBitLabelMapHasAnEntryPerSegment() throws Exception {
        Path seg = write("palette16.dcm", Input.LABEL_MAP_16, 4, Sources.CT2, OutputTransferSyntax.RLE_LOSSLESS);
        Conformance.assertConformant(seg);
        WrittenSeg w = new WrittenSeg(seg);
        assertEquals(16, w.bitsAllocated);
        assertArrayEquals(new int[] {302, 0, 8}, w.header.get(SegTags.GREEN_PALETTE_DESCRIPTOR).getIntegerValues());
        PaletteColorLut expected = PaletteColorLut.ofSegments(SegTestData.descriptions(300));
        Map<Integer, Integer> seen = colours(seg, "highdicom");
        assertTrue(seen.size() > 100, "labels seen: " + seen.size());
        for (Map.Entry<Integer, Integer> e : seen.entrySet()) {
            assertEquals(expected.rgbOf(e.getKey()), (int) e.getValue(), "label " + e.getKey());
        }
        Highdicom.Result hd = Highdicom.read(seg, dir, "volume");
        assertEquals(0, hd.exitCode, hd.stderr);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            assertEquals(expected, r.metadata().paletteColorLut());
            assertClose(expected.rgbOf(300), r.getSegmentDescription(300).recommendedDisplayCieLab().toRgbInt(), 300);
        }
    }

    @Test
    void monochromeLabelMapHasNoPalette() throws Exception {
        Path seg = dir.resolve("mono.dcm");
        SegWriter.write(seg, SegTestData.mask(Input.LABEL_MAP, 3, 38, 23), SegTestData.descriptions(3), Sources.CT_23X38.read(),
                SegWriteOptions.builder().segmentationType(SegmentationType.LABELMAP).build());
        WrittenSeg w = new WrittenSeg(seg);
        assertEquals("MONOCHROME2", w.string(TagFromName.PhotometricInterpretation));
        assertNull(w.header.get(SegTags.RED_PALETTE_DESCRIPTOR));
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            assertNull(r.metadata().paletteColorLut());
        }
    }

    @Test
    void paletteIsRefusedForOtherTypes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegWriteOptions.builder().segmentationType(SegmentationType.BINARY).paletteColorLut(true).build());
        assertTrue(e.getMessage().contains("LABELMAP"), e.getMessage());
    }

    private static void assertClose(int expectedRgb, int actualRgb, int segment) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int d = Math.abs(((expectedRgb >> shift) & 0xFF) - ((actualRgb >> shift) & 0xFF));
            assertTrue(d <= 1, "segment " + segment + ": " + Integer.toHexString(actualRgb) + " vs palette " + Integer.toHexString(expectedRgb));
        }
    }

    private static Map<Integer, Integer> colours(Path seg, String reader) {
        Map<Integer, Integer> m = new HashMap<>();
        for (String line : Highdicom.python(PALETTE, seg.toString(), reader).split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length != 4) continue;
            m.put(Integer.parseInt(f[0]), (Integer.parseInt(f[1]) << 16) | (Integer.parseInt(f[2]) << 8) | Integer.parseInt(f[3]));
        }
        return m;
    }
}
