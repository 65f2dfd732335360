package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ij.ImagePlus;
import ij.plugin.PlugIn;

import org.junit.jupiter.api.Test;

/**
 * plugins.config is loadable by ImageJ (unique command names: ImageJ refuses a duplicate with an
 * error dialog at start-up; every class a PlugIn) and every export dialog field records as its
 * MacroKeys constant.
 */
class ExportPluginsConfigTest {
    @Test void commandNamesAreUniqueAndClassesArePlugIns() throws Exception {
        Map<String, String> seen = new HashMap<>();
        for (String line : Files.readAllLines(Paths.get("plugins.config"))) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] parts = t.split(",", 3);
            assertEquals(3, parts.length, line);
            String name = parts[1].trim();
            String cls = parts[2].trim().replaceAll("\\(.*\\)$", "");
            String old = seen.put(name, line);
            if (old != null) fail("ImageJ cannot install two commands named " + name + ":\n" + old + "\n" + line);
            assertTrue(PlugIn.class.isAssignableFrom(Class.forName(cls)), cls);
        }
        assertTrue(seen.containsKey("\"Export Label Image as SEG...\""));
        assertTrue(seen.containsKey("\"Export ROIs as SEG...\""));
        assertTrue(seen.containsKey("\"Segment Metadata...\""));
    }

    @Test void everyExportFieldUsesAMacroKey() throws Exception {
        Set<String> keys = new HashSet<>();
        for (Field f : MacroKeys.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) keys.add((String) f.get(null));
        }
        ImagePlus imp = ij.IJ.createImage("x", "8-bit black", 4, 4, 2);
        List<CommandForm> forms = List.of(ExportLabelImageCommand.form(imp, ""), ExportRoisCommand.form(imp, ""),
                SegmentMetadataCommand.editForm(org.dicomseg.ij.DefaultSegments.of(1, "a", true, null)));
        for (CommandForm form : forms) {
            for (FormField f : form.fields()) {
                if (f.kind() == FormField.Kind.MESSAGE) continue;
                assertTrue(keys.contains(f.key()), "key " + f.key() + " is not in MacroKeys");
                assertEquals(f.key(), ij.Macro.trimKey(f.label()), "label '" + f.label() + "' records as its key");
            }
        }
        // A label whose first word is not the key is refused when the field is declared.
        assertTrue(assertThrowsIae(() -> FormField.string(MacroKeys.OUT, "Output file", "", 10)).contains("'output'"));
    }

    private static String assertThrowsIae(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected IllegalArgumentException");
    }
}
