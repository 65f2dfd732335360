package org.dicomseg.ij.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.options.InvalidOptionException;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.write.SegWriteOptions;

/**
 * The headless path of a dialog: a macro option string becomes the key → value map the options
 * package reads, with ImageJ's parsing (brackets, bare checkbox keys) and the options package's checks.
 */
class CommandFormTest {
    private static CommandForm exportForm() {
        CommandForm form = new CommandForm("Export test...");
        ExportFields.add(form, "", "", SegmentationType.BINARY);
        return form;
    }

    @Test
    void macroOptionsBecomeOneMapInFieldOrder() {
        CommandForm form = exportForm();
        form.readOptions("source=[/data/ct] out=[/tmp/my seg.dcm] segmentation=labelmap compression=RLE "
                + "series=[Liver, v2] series_number=12.4 keep");
        Map<String, String> v = form.values();
        assertEquals(MacroKeys.SOURCE, v.keySet().iterator().next());
        assertEquals("/tmp/my seg.dcm", v.get(MacroKeys.OUT));
        assertEquals("LABELMAP", v.get(MacroKeys.SEGMENTATION), "a choice is recorded as the item is spelt");
        assertEquals("rle", v.get(MacroKeys.COMPRESSION));
        assertEquals("Liver, v2", v.get(MacroKeys.SERIES));
        assertEquals("12", v.get(MacroKeys.SERIES_NUMBER));
        assertEquals("true", v.get(MacroKeys.KEEP));
        assertEquals("false", v.get(MacroKeys.OVERWRITE));

        SegWriteOptions o = ExportFields.toOptions(form, null);
        assertEquals(SegmentationType.LABELMAP, o.segmentationType());
        assertEquals(OutputTransferSyntax.RLE_LOSSLESS, o.transferSyntax());
        assertEquals("Liver, v2", o.seriesDescription());
        assertEquals(12, o.seriesNumber());
        assertFalse(o.omitEmptyFrames());
        assertFalse(o.overwrite());
        assertTrue(o.softwareVersions().contains(" ImageJ " + ij.IJ.getVersion()), o.softwareVersions());
    }

    @Test
    void compressionSaysWhatPydicomCannotReadAndBinaryRleLogsIt() {
        CommandForm form = exportForm();
        java.util.List<FormField> fields = form.fields();
        int c = 0;
        while (!MacroKeys.COMPRESSION.equals(fields.get(c).key())) c++;
        FormField help = fields.get(c + 1);
        assertEquals(FormField.Kind.MESSAGE, help.kind(), "the compression choice's help text follows it");
        assertTrue(help.label().contains("pydicom/highdicom cannot read BINARY (1-bit) RLE"), help.label());

        form.readOptions("out=[a.dcm] segmentation=BINARY compression=rle");
        java.io.PrintStream before = System.out;
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            ExportFields.toOptions(form, null); // headless: IJ.log prints to stdout
        } finally {
            System.setOut(before);
        }
        String logged = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(logged.contains("warning: BINARY with RLE Lossless") && logged.contains("pydicom and highdicom"), logged);
    }

    @Test
    void aBadMacroValueNamesItsKey() {
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> exportForm().readOptions("out=[a.dcm] compression=zip"));
        assertEquals("\"zip\" is not a valid choice for \"compression\": use one of [none, rle, j2k, jpegls, deflate]", e.getMessage());
        InvalidOptionException n = assertThrows(InvalidOptionException.class,
                () -> exportForm().readOptions("out=[a.dcm] instance=first"));
        assertEquals("instance=first is not a number", n.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> exportForm().readOptions(null));
        assertTrue(none.getMessage().contains("run(\"Export test...\", \"source=[...] out=[...]\")"), none.getMessage());
    }

    @Test
    void aLabelMustRecordAsItsKey() {
        // ImageJ records a field by its label's first word: a label that would record another key is refused
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FormField.string(MacroKeys.OUT, "Output file", "", 10));
        assertTrue(e.getMessage().contains("'output'"), e.getMessage());
    }
}
