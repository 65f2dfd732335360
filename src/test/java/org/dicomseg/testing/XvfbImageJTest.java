package org.dicomseg.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ImageJ that {@link XvfbImageJ} starts keeps its state to itself: its home (where ImageJ reads
 * and writes {@code .imagej/IJ_Prefs.txt}), its temporary folder and its working folder are a folder
 * made for the run, not the developer's home nor another run's, and the folder is gone afterwards.
 */
class XvfbImageJTest {
    @Test void everyRunHasAHomeOfItsOwn(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/xvfb-run")), "xvfb-run is not installed");
        Path macro = dir.resolve("where.ijm");
        Files.writeString(macro, String.join("\n",
                "print(\"HOME \" + getDirectory(\"home\"));",
                "print(\"TEMP \" + getDirectory(\"temp\"));",
                "print(\"CWD \" + call(\"java.lang.System.getProperty\", \"user.dir\"));",
                "print(\"PREFS \" + call(\"ij.Prefs.getPrefsDir\"));",
                "print(\"OPTIONS \" + call(\"ij.Prefs.getString\", \"prefs.options\", \"none\"));", ""));
        Map<String, String> first = where(XvfbImageJ.java(List.of("ij.ImageJ", "-batch", macro.toString())).timeout(120).run());
        Map<String, String> second = where(XvfbImageJ.java(List.of("ij.ImageJ", "-batch", macro.toString())).timeout(120).run());

        Path realHome = Paths.get(System.getenv().getOrDefault("HOME", "/nonexistent")).toAbsolutePath();
        for (Map<String, String> run : List.of(first, second)) {
            Path home = Paths.get(run.get("HOME"));
            assertFalse(home.startsWith(realHome) || realHome.startsWith(home), "not the developer's home: " + run);
            assertFalse(home.startsWith(Paths.get(System.getProperty("user.home"))), "not the tests' JVM's home either: " + run);
            assertEquals(home.resolve(".imagej"), Paths.get(run.get("PREFS")), "IJ_Prefs.txt is read from and saved to the run's home");
            assertTrue(Paths.get(run.get("TEMP")).startsWith(home) && Paths.get(run.get("CWD")).equals(home), run.toString());
            assertEquals("none", run.get("OPTIONS"), "ImageJ started without anyone's IJ_Prefs.txt");
            assertFalse(Files.exists(home), "the run's home is deleted afterwards: " + home);
        }
        assertNotEquals(first.get("HOME"), second.get("HOME"), "two runs share no home");
    }

    /** The macro's "KEY value" lines. */
    private static Map<String, String> where(String log) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : log.split("\\R")) {
            for (String k : List.of("HOME", "TEMP", "CWD", "PREFS", "OPTIONS")) {
                if (line.startsWith(k + " ")) m.put(k, line.substring(k.length() + 1).trim());
            }
        }
        assertEquals(5, m.size(), "the macro printed where ImageJ keeps its state:\n" + log);
        return m;
    }
}
