package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.EditLoopFixture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edit loop through the menus, by macro, in a real ImageJ under Xvfb, as a user runs it on a
 * W1-like case ({@link EditLoopFixture}): File &gt; Import &gt; DICOM SEG... (no source folder: the CT
 * is next to the SEG) → clear Liver on three planes and draw it on an empty one, Image &gt; Stacks &gt;
 * Delete Slice (the Lesion channel), Add Slice (a new channel, labelled "Spleen", drawn on six
 * planes) → File &gt; Save As &gt; DICOM SEG... with nothing but the output file.
 */
class EditLoopMacroXvfbTest {
    @BeforeAll
    static void needsXvfb() {
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/xvfb-run")), "xvfb-run is not installed");
    }

    @Test
    void importEditExportByMenus(@TempDir Path dir) throws Exception {
        EditLoopFixture fx = EditLoopFixture.write(dir);
        Path edited = dir.resolve("out/edited.dcm");
        Files.createDirectories(edited.getParent());
        String macro = String.join("\n",
                "run(\"DICOM SEG...\", \"seg=[" + fx.seg + "] output=hyperstack\");",
                "getDimensions(w, h, c, z, t);",
                "print(\"DIMS \" + w + \" \" + h + \" \" + c + \" \" + z);",
                "print(\"SOURCE \" + Property.get(\"DICOMSEG.source\"));",
                "setColor(0);",
                "Stack.setChannel(1);",
                "for (s = 30; s <= 32; s++) { Stack.setSlice(s); run(\"Select All\"); fill(); }",
                "setColor(255);",
                "Stack.setSlice(5); makeRectangle(2, 2, 4, 3); fill();",
                "run(\"Select None\");",
                "Stack.setChannel(2);",
                "run(\"Delete Slice\", \"delete=channel\");",
                "Stack.setChannel(2);",
                "run(\"Add Slice\", \"add=channel\");",
                "Stack.setChannel(3);",
                "for (s = 1; s <= z; s++) { Stack.setSlice(s); setMetadata(\"Label\", \"Spleen\"); }",
                "for (s = 120; s <= 125; s++) { Stack.setSlice(s); makeRectangle(50, 2, 8, 6); fill(); }",
                "run(\"Select None\");",
                "getDimensions(w, h, c, z, t);",
                "print(\"EDITED \" + c + \" \" + z);",
                "run(\"DICOM SEG... \", \"out=[" + edited + "]\");",
                "print(\"EXPORTED \" + File.exists(\"" + edited + "\"));");
        List<String> out = ImportMacroXvfbTest.runMacro(dir, macro);
        assertEquals("DIMS 62 50 3 240", line(out, "DIMS "));
        assertEquals("SOURCE " + fx.ctDir.toAbsolutePath(), line(out, "SOURCE "));
        assertEquals("EDITED 3 240", line(out, "EDITED "));
        assertEquals("EXPORTED 1", line(out, "EXPORTED "), String.join("\n", out));
        String log = String.join("\n", out);   // ImageJ -batch prints the Log to the output
        assertTrue(log.contains("Planes: the 240 source images of folder " + fx.ctDir.toAbsolutePath()), log);
        assertTrue(log.contains("'Spleen' added"), log);
        assertTrue(log.contains("'Lesion' no longer in the image: left out"), log);
        Conformance.assertConformant(edited);
        fx.assertEdited(edited, "Spleen");
    }

    private static String line(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + String.join("\n", lines)));
    }
}
