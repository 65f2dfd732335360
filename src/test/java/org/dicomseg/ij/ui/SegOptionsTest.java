package org.dicomseg.ij.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import ij.IJ;
import ij.Prefs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.dicomseg.model.SegmentationType;
import org.dicomseg.options.ExportOptions;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.write.SegWriteOptions;

/**
 * Options...: values kept in ImageJ's preferences feed every export; a macro key given to an export
 * overrides them; a blank Software Versions is stamped when written, so it is never frozen.
 */
class SegOptionsTest {
    @AfterEach void forget() {
        SegOptions.reset();
    }

    private static CommandForm exportForm() {
        CommandForm form = new CommandForm("Export test...");
        ExportFields.add(form, "", "", SegmentationType.BINARY);
        return form;
    }

    @Test void keptValuesReachTheExportAndMacroKeysOverrideThem() {
        SegOptions.set(Map.of(MacroKeys.SERIES, "Liver study", MacroKeys.SERIES_NUMBER, "301", MacroKeys.MANUFACTURER, "Lab 7",
                MacroKeys.SERIAL, "SN-1"));
        assertEquals("Liver study", Prefs.get("dicomseg.options.series", null), "kept in IJ_Prefs under dicomseg.options.<key>");

        CommandForm kept = exportForm();
        kept.readOptions("out=[a.dcm]");
        SegWriteOptions o = ExportFields.toOptions(kept, null);
        assertEquals("Liver study", o.seriesDescription());
        assertEquals(301, o.seriesNumber());
        assertEquals("Lab 7", o.manufacturer());
        assertEquals("SN-1", o.deviceSerialNumber());
        assertEquals(ExportOptions.defaultSoftwareVersions(IJ.getVersion()), o.softwareVersions(), "blank: stamped when written");

        CommandForm given = exportForm();
        given.readOptions("out=[a.dcm] series=[Other] manufacturer=[Lab 9] software=[my pipeline 3]");
        SegWriteOptions g = ExportFields.toOptions(given, null);
        assertEquals("Other", g.seriesDescription(), "the macro key wins over the kept value");
        assertEquals("Lab 9", g.manufacturer());
        assertEquals("my pipeline 3", g.softwareVersions());
        assertEquals(301, g.seriesNumber(), "keys not given keep the kept value");
    }

    @Test void theExportDialogShowsTheEssentialsOnly() {
        CommandForm form = exportForm();
        StringBuilder shown = new StringBuilder();
        for (FormField f : form.fields()) {
            if (f.kind() != FormField.Kind.MESSAGE && !f.isHidden()) shown.append(f.key()).append(' ');
        }
        assertEquals("source out store segmentation fractional_type compression meta further keep palette overwrite ", shown.toString());
        for (String k : SegOptions.EXPORT_KEYS) {
            assertTrue(form.fields().stream().anyMatch(f -> k.equals(f.key()) && f.isHidden()), k + " is a hidden macro key");
        }
        for (FormField f : form.fields()) {
            if (f.key() != null && (f.key().equals(MacroKeys.SOURCE) || f.key().equals(MacroKeys.OUT) || f.key().equals(MacroKeys.META))) {
                assertTrue(f.browse() != FormField.Browse.NONE, f.key() + " has a Browse button");
            }
        }
    }

    @Test void theOptionsFormKeepsWhatAMacroGives() {
        CommandForm f = SegOptions.form("DICOM SEG Options");
        f.readOptions("series=[Study A] series_number=12 creator=[Doe^Jane] software=[] terminology=[]");
        SegOptions.set(f.values());
        assertEquals("Study A", SegOptions.get(MacroKeys.SERIES));
        assertEquals("12", SegOptions.get(MacroKeys.SERIES_NUMBER));
        assertEquals("Doe^Jane", SegOptions.get(MacroKeys.CREATOR));
        assertNull(Prefs.get("dicomseg.options.manufacturer", null), "a value at its built-in default is not stored");
        assertEquals(SegOptions.builtInDefaults().get(MacroKeys.MANUFACTURER), SegOptions.get(MacroKeys.MANUFACTURER));
        SegOptions.reset();
        assertEquals(SegOptions.builtInDefaults().get(MacroKeys.SERIES), SegOptions.get(MacroKeys.SERIES));
        assertThrows(IllegalArgumentException.class, () -> SegOptions.get(MacroKeys.OUT));
        assertThrows(org.dicomseg.options.InvalidOptionException.class, () -> SegOptions.form("x").readOptions("series_number=many"));
    }

    /** The ICC profile kept in Options... is written by the exports that write a palette, and only by them. */
    @Test void keptIccProfileGoesWithThePalette() throws Exception {
        org.dicomseg.testing.Shared.assumePresent();
        java.nio.file.Path icc = org.dicomseg.testing.Shared.root().resolve("oracle/site/highdicom/_icc_profiles/sRGB_v4_ICC_preference.icc");
        CommandForm f = SegOptions.form("DICOM SEG Options");
        f.readOptions("icc=[" + icc + "]");
        SegOptions.set(f.values());
        assertTrue(exportForm().fields().stream().anyMatch(x -> MacroKeys.ICC.equals(x.key()) && x.isHidden()), "icc is a hidden macro key");
        CommandForm palette = exportForm();
        palette.readOptions("out=[a.dcm] segmentation=LABELMAP palette");
        org.junit.jupiter.api.Assertions.assertArrayEquals(java.nio.file.Files.readAllBytes(icc), ExportFields.toOptions(palette, null).iccProfile());
        CommandForm plain = exportForm();
        plain.readOptions("out=[a.dcm] segmentation=LABELMAP");
        assertNull(ExportFields.toOptions(plain, null).iccProfile(), "no palette, no profile");
    }
}
