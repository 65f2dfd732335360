package org.dicomseg.ij.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.dicomseg.model.SegmentationType;
import org.dicomseg.options.MacroKeys;

/** The documentation shipped in the jar: one page per command, naming every macro key of its dialogs, nothing on the web. */
class HelpPagesTest {
    @Test void everyPageIsShippedAndOffline() {
        for (String page : HelpPages.ALL) {
            String html = HelpPages.html(page);
            assertTrue(html.startsWith("<html>") && html.endsWith("</html>"), page);
            assertTrue(html.contains("<h2>"), page + " has a title");
            assertFalse(html.contains("example.org") || html.contains("http://") || html.contains("https://"), page + " points to the web");
            assertTrue(html.contains("run(\""), page + " shows a macro line");
        }
        assertThrows(IllegalArgumentException.class, () -> HelpPages.html("nope"));
    }

    @Test void pagesNameEveryMacroKeyOfTheirDialogs() {
        CommandForm export = new CommandForm("x").helpPage(HelpPages.EXPORT_LABEL_IMAGE);
        ExportFields.add(export, "", "", SegmentationType.BINARY);
        assertKeys(HelpPages.EXPORT_LABEL_IMAGE, export);
        assertKeys(HelpPages.OPTIONS, SegOptions.form("Options"));
        assertTrue(HelpPages.html(HelpPages.EXPORT_ROIS).contains("<code>" + MacroKeys.ROIS + "</code>"));
        for (String k : List.of(MacroKeys.SEG, MacroKeys.SEGMENTS, MacroKeys.OUTPUT, MacroKeys.FRACTIONAL, MacroKeys.LAST_WINS,
                MacroKeys.OPEN_SOURCE, MacroKeys.SOURCE_FOLDER, MacroKeys.IMPORT_REGION, MacroKeys.DOWNSAMPLE)) {
            assertTrue(HelpPages.html(HelpPages.IMPORT).contains("<code>" + k + "</code>"), "import page names " + k);
        }
        for (String k : List.of(MacroKeys.ACTION, MacroKeys.SEGMENT, MacroKeys.TEMPLATE, MacroKeys.LABEL, MacroKeys.CATEGORY,
                MacroKeys.CATEGORY_CODE, MacroKeys.TYPE, MacroKeys.TYPE_CODE, MacroKeys.REGION, MacroKeys.REGION_CODE,
                MacroKeys.ALGORITHM, MacroKeys.ALGORITHM_NAME, MacroKeys.ALGORITHM_VERSION, MacroKeys.TRACKING_ID,
                MacroKeys.TRACKING_UID, MacroKeys.COLOR)) {
            assertTrue(HelpPages.html(HelpPages.SEGMENT_METADATA).contains("<code>" + k + "</code>"), "segment metadata page names " + k);
        }
    }

    private static void assertKeys(String page, CommandForm form) {
        String html = HelpPages.html(page);
        for (FormField f : form.fields()) {
            if (f.kind() == FormField.Kind.MESSAGE || f.kind() == FormField.Kind.PANEL) continue;
            assertTrue(html.contains("<code>" + f.key() + "</code>"), page + " names " + f.key());
        }
    }
}
