package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

import org.dicomseg.testing.EditLoopFixture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File &gt; Import &gt; DICOM SEG as a label image, again and again in one ImageJ under Xvfb, as a user
 * does (issue 19: the second import takes the source series and the SEG's header from the session's
 * caches, and the pixel counts of the Info text from the reconstruction). Each import must show what
 * the files hold now: the counts those of {@link EditLoopFixture}'s geometry, and after the SEG is
 * rewritten in place by the macro (the same size, within the same second) its new segment label.
 */
class ImportAgainMacroXvfbTest {
    @BeforeAll
    static void needsXvfb() {
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/xvfb-run")), "xvfb-run is not installed");
    }

    private static long pixels(int n) {
        long k = 0;
        for (int z = 0; z < EditLoopFixture.SLICES; z++) {
            for (int r = 0; r < EditLoopFixture.ROWS; r++) {
                for (int c = 0; c < EditLoopFixture.COLUMNS; c++) if (EditLoopFixture.inside(n, z, r, c)) k++;
            }
        }
        return k;
    }

    @Test
    void eachImportShowsTheFilesAsTheyAreNow(@TempDir Path dir) throws Exception {
        EditLoopFixture fx = EditLoopFixture.write(Files.createDirectories(dir.resolve("case")));
        // the same SEG with segment 3 labelled "KIDNEY": same size, to be copied over the SEG by the macro
        byte[] b = Files.readAllBytes(fx.seg);
        String text = new String(b, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("Kidney");
        assertTrue(at > 0);
        System.arraycopy("KIDNEY".getBytes(StandardCharsets.US_ASCII), 0, b, at, 6);
        Path renamed = Files.write(dir.resolve("renamed.dcm"), b);
        String seg = fx.seg.toString();
        String importOnce = String.join("\n",
                "  run(\"DICOM SEG...\", \"seg=[" + seg + "] segments=1,3 output=[label image]\");",
                "  lines = split(getMetadata(\"Info\"), \"\\n\");",
                "  s = \"\";",
                "  for (i = 0; i < lines.length; i++) if (startsWith(lines[i], \"Segment \") || startsWith(lines[i], \"  Pixels:\")) s = s + lines[i] + \";\";",
                "  print(tag + \" \" + nSlices + \" \" + s);",
                "  close();");
        String macro = String.join("\n",
                "function importOnce(tag) {", importOnce, "}",
                "importOnce(\"FIRST\");",
                "importOnce(\"AGAIN\");",
                "File.copy(\"" + renamed + "\", \"" + seg + "\");",
                "importOnce(\"REWRITTEN\");");
        List<String> out = ImportMacroXvfbTest.runMacro(dir, macro);
        String segments = "Segment 1: Liver;  Pixels: " + pixels(1) + ";Segment 3: %s;  Pixels: " + pixels(3) + ";";
        String first = line(out, "FIRST ");
        assertEquals("FIRST " + EditLoopFixture.SLICES + " " + String.format(segments, "Kidney"), first);
        assertEquals(first.replace("FIRST", "AGAIN"), line(out, "AGAIN "));
        assertEquals("REWRITTEN " + EditLoopFixture.SLICES + " " + String.format(segments, "KIDNEY"), line(out, "REWRITTEN "));
    }

    private static String line(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + lines.stream().collect(Collectors.joining("\n"))));
    }
}
