package org.dicomseg.options;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The import's options from filled values (dialog, macro or command line) and their parsers. */
class ImportOptionsTest {
    @Test
    void filledValuesBecomeTheOptions() {
        ImportOptions o = ImportOptions.of(OptionValues.of(Map.of(MacroKeys.SEGMENTS, "3, 1-2", MacroKeys.OUTPUT, "label image",
                MacroKeys.FRACTIONAL, "true", MacroKeys.LAST_WINS, "", MacroKeys.OPEN_SOURCE, "false",
                MacroKeys.OUT, " /tmp/r.zip ", MacroKeys.SOURCE_FOLDER, "/data/ct", MacroKeys.IMPORT_REGION, "10,20,300,400",
                MacroKeys.DOWNSAMPLE, "4")));
        assertEquals(List.of(1, 2, 3), o.segments().resolve(List.of(1, 2, 3, 4)));
        assertEquals(ImportOptions.Output.LABEL_IMAGE, o.output());
        assertTrue(o.fractionalAsStoredValues());
        assertTrue(o.lastWins());
        assertFalse(o.openSource());
        assertEquals(Paths.get("/tmp/r.zip"), o.roiZip());
        assertEquals(Paths.get("/data/ct"), o.sourceFolder());
        assertArrayEquals(new int[] {10, 20, 300, 400}, o.region());
        assertEquals(4, o.downsample());
    }

    @Test
    void absentValuesAreTheDefaults() {
        ImportOptions o = ImportOptions.of(OptionValues.of(Map.of()));
        assertTrue(o.segments().all());
        assertEquals(ImportOptions.Output.HYPERSTACK, o.output());
        assertFalse(o.fractionalAsStoredValues() || o.lastWins() || o.openSource());
        assertNull(o.roiZip());
        assertNull(o.sourceFolder());
        assertNull(o.region());
        assertEquals(0, o.downsample());
        assertEquals(Path.of("/data/case_RoiSet.zip"), o.roiZipFor(Path.of("/data/case.dcm")));
    }

    @Test
    void toBuilderMakesAVariantAndLeavesTheOriginal() {
        int[] r = {1, 2, 3, 4};
        ImportOptions o = ImportOptions.builder().output(ImportOptions.Output.LABEL_IMAGE).lastWins(true).region(r).downsample(2).build();
        r[0] = 99;
        assertArrayEquals(new int[] {1, 2, 3, 4}, o.region(), "the options keep their own copy of the region");
        o.region()[1] = 99;
        assertArrayEquals(new int[] {1, 2, 3, 4}, o.region(), "the getter hands out a copy");
        ImportOptions zip = o.toBuilder().output(ImportOptions.Output.ROI_SET_ZIP).roiZip("/tmp/r.zip").build();
        assertEquals(ImportOptions.Output.ROI_SET_ZIP, zip.output());
        assertEquals(Paths.get("/tmp/r.zip"), zip.roiZip());
        assertTrue(zip.lastWins());
        assertArrayEquals(new int[] {1, 2, 3, 4}, zip.region());
        assertEquals(2, zip.downsample());
        assertEquals(ImportOptions.Output.LABEL_IMAGE, o.output());
        assertNull(o.roiZip());
        assertEquals(ImportOptions.defaults().toString(), ImportOptions.of(OptionValues.of(Map.of())).toString());
    }

    @Test
    void badValuesNameTheirKey() {
        InvalidOptionException r = assertThrows(InvalidOptionException.class,
                () -> ImportOptions.of(OptionValues.of(Map.of(MacroKeys.IMPORT_REGION, "1,2"))));
        assertEquals(MacroKeys.IMPORT_REGION, r.key());
        assertEquals("region must be x,y,width,height, not '1,2'", r.getMessage());
        InvalidOptionException d = assertThrows(InvalidOptionException.class,
                () -> ImportOptions.of(OptionValues.of(Map.of(MacroKeys.DOWNSAMPLE, "half"))));
        assertEquals(MacroKeys.DOWNSAMPLE, d.key());
        assertEquals("downsample must be a whole number, not 'half'", d.getMessage());
        InvalidOptionException s = assertThrows(InvalidOptionException.class,
                () -> ImportOptions.of(OptionValues.of(Map.of(MacroKeys.SEGMENTS, "liver"))));
        assertEquals(MacroKeys.SEGMENTS, s.key());
        assertTrue(s.getMessage().contains("'liver'"), s.getMessage());
        InvalidOptionException out = assertThrows(InvalidOptionException.class,
                () -> ImportOptions.of(OptionValues.of(Map.of(MacroKeys.OUTPUT, "movie"))));
        assertEquals(MacroKeys.OUTPUT, out.key());
    }

    @Test
    void regionAndDownsampleParsers() {
        assertArrayEquals(new int[] {1, 2, 0, 0}, ImportOptions.parseRegion("[1, 2, 0, 0]"));
        assertNull(ImportOptions.parseRegion(" "));
        assertThrows(IllegalArgumentException.class, () -> ImportOptions.builder().region("1,2,3"));
        assertThrows(IllegalArgumentException.class, () -> ImportOptions.builder().region("1,2,-3,4"));
        assertThrows(IllegalArgumentException.class, () -> ImportOptions.builder().downsample("-2"));
        assertEquals(0, ImportOptions.builder().downsample("auto").build().downsample());
        assertEquals(3, ImportOptions.builder().downsample("3").build().downsample());
    }

    @Test
    void outputChoicesParse() {
        assertEquals(ImportOptions.Output.LABEL_IMAGE, ImportOptions.Output.parse("label image"));
        assertEquals(ImportOptions.Output.ROI_SET_ZIP, ImportOptions.Output.parse("RoiSet.zip"));
        assertEquals(ImportOptions.Output.ROI_MANAGER, ImportOptions.Output.parse("roi manager"));
        assertEquals(ImportOptions.Output.HYPERSTACK, ImportOptions.Output.parse(""));
        assertThrows(IllegalArgumentException.class, () -> ImportOptions.Output.parse("movie"));
        assertArrayEquals(new String[] {"hyperstack", "label image", "ROI Manager", "RoiSet.zip"}, ImportOptions.Output.choices());
    }

    @Test
    void segmentSelectionParsesListsAndRanges() {
        assertTrue(SegmentSelection.parse("all").all());
        assertTrue(SegmentSelection.parse(null).all());
        assertEquals(List.of(1, 2, 5), SegmentSelection.parse("5,1-2").resolve(List.of(1, 2, 3, 5)));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SegmentSelection.parse("1,3-4").resolve(List.of(1, 2, 5)));
        assertTrue(missing.getMessage().contains("Segments 3,4 are not in this file"), missing.getMessage());
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class, () -> SegmentSelection.parse("liver"));
        assertTrue(g.getMessage().contains("'liver'"), g.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SegmentSelection.parse("5-2"));
    }
}
