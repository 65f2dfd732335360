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
import org.dicomseg.options.MacroKeys;
import org.dicomseg.ij.ui.CommandForm;
import org.dicomseg.ij.ui.FormField;

/**
 * plugins.config is loadable by ImageJ (unique command names: ImageJ refuses a duplicate with an
 * error dialog at start-up; every class a PlugIn) and every export dialog field records as its
 * MacroKeys constant. Names are compared exactly, spaces included: File > Save As > "DICOM SEG... "
 * differs from File > Import > "DICOM SEG..." by its trailing space, ImageJ's own trick
 * ("Image Sequence... ").
 */
class ExportPluginsConfigTest {
    @Test void commandNamesAreUniqueAndClassesArePlugIns() throws Exception {
        Map<String, String> seen = new HashMap<>();
        for (String line : Files.readAllLines(Paths.get("plugins.config"))) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String[] parts = t.split(",", 3);
            assertEquals(3, parts.length, line);
            String name = quoted(parts[1], line);
            String cls = parts[2].trim().replaceAll("\\(.*\\)$", "");
            String old = seen.put(name, line);
            if (old != null) fail("ImageJ cannot install two commands named " + name + ":\n" + old + "\n" + line);
            assertTrue(PlugIn.class.isAssignableFrom(Class.forName(cls)), cls);
        }
        assertTrue(seen.containsKey("Export Label Image as SEG..."));
        assertTrue(seen.containsKey("Export ROIs as SEG..."));
        assertTrue(seen.containsKey("Segment Metadata..."));
        // the menu contract: File > Import > DICOM SEG... and File > Save As > DICOM SEG...
        assertTrue(seen.get("DICOM SEG...").startsWith("File>Import,"), seen.get("DICOM SEG..."));
        assertTrue(seen.get("DICOM SEG...").contains("ImportSegCommand"), seen.get("DICOM SEG..."));
        assertTrue(seen.get("DICOM SEG... ").startsWith("File>Save As,"), seen.get("DICOM SEG... "));
        assertTrue(seen.get("DICOM SEG... ").contains("ExportLabelImageCommand(\"save\")"), seen.get("DICOM SEG... "));
    }

    /** The command name between the quotes, exactly (ImageJ keeps spaces inside them). */
    private static String quoted(String field, String line) {
        String f = field.trim();
        assertTrue(f.length() >= 2 && f.startsWith("\"") && f.endsWith("\""), "command name not in quotes: " + line);
        return f.substring(1, f.length() - 1);
    }

    @Test void anExactDuplicateNameIsStillRefused() {
        Map<String, String> names = new HashMap<>();
        names.put(quoted(" \"DICOM SEG...\"", "a"), "a");
        assertTrue(names.containsKey(quoted("\"DICOM SEG...\" ", "b")), "same name, same key");
        assertTrue(!names.containsKey(quoted("\"DICOM SEG... \"", "c")), "a trailing space inside the quotes is another name");
    }

    @Test void everyExportFieldUsesAMacroKey() throws Exception {
        Set<String> keys = new HashSet<>();
        for (Field f : MacroKeys.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) keys.add((String) f.get(null));
        }
        ImagePlus imp = ij.IJ.createImage("x", "8-bit black", 4, 4, 2);
        List<CommandForm> forms = List.of(ExportLabelImageCommand.form(imp, ""), ExportRoisCommand.form(imp, ""),
                SegmentMetadataCommand.editForm(org.dicomseg.ij.export.DefaultSegments.of(1, "a", true, null)),
                org.dicomseg.ij.ui.SegOptions.form(OptionsCommand.COMMAND));
        for (CommandForm form : forms) {
            for (FormField f : form.fields()) {
                if (f.kind() == FormField.Kind.MESSAGE || f.kind() == FormField.Kind.PANEL) continue; // not values
                assertTrue(keys.contains(f.key()), "key " + f.key() + " is not in MacroKeys");
                assertEquals(f.key(), ij.Macro.trimKey(f.label()), "label '" + f.label() + "' records as its key");
            }
        }
    }

    /**
     * ImageJ keys commands by name and a plugin's command replaces one of ImageJ's of the same name:
     * none of ours may be named like a command of ImageJ itself (IJ_Props.txt), e.g. Options...
     * (Process > Binary) — ours is "Options... ".
     */
    @Test void noCommandTakesTheNameOfAnImageJCommand() throws Exception {
        java.util.Properties props = new java.util.Properties();
        try (java.io.InputStream in = ij.IJ.class.getResourceAsStream("/IJ_Props.txt")) {
            props.load(in);
        }
        Set<String> imagej = new HashSet<>();
        for (String v : props.stringPropertyNames()) {
            String value = props.getProperty(v);
            if (value.startsWith("\"")) imagej.add(value.substring(1, value.indexOf('"', 1)));
        }
        assertTrue(imagej.contains("Options..."), "IJ_Props.txt read: " + imagej.size() + " commands");
        Map<String, String> ours = new HashMap<>();
        for (String line : Files.readAllLines(Paths.get("plugins.config"))) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) continue;
            String name = quoted(t.split(",")[1], line);
            ours.put(name, line);
            assertTrue(!imagej.contains(name), "plugins.config names an ImageJ command: " + line);
        }
        assertTrue(ours.get(OptionsCommand.MENU_COMMAND).startsWith("Plugins>DICOM SEG,"), ours.toString());
        assertTrue(ours.get(OptionsCommand.MENU_COMMAND).contains("OptionsCommand"), ours.toString());
    }
}
