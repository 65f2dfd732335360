package org.dicomseg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What a release promises (issue 14): a real version in the pom (no SNAPSHOT), and no placeholder
 * address (example.org/.com/.net) in the pom, the documentation, the sources, the scripts or the macros —
 * help points to the documentation shipped with the plugin. docs/install.md names the version's jar.
 */
class ReleaseMetadataTest {
    static final Pattern PLACEHOLDER = Pattern.compile("(?i)\\bexample\\.(org|com|net)\\b");

    static String version() throws IOException {
        String pom = Files.readString(Paths.get("pom.xml"));
        Matcher m = Pattern.compile("</parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertTrue(m.find(), "the project's version in pom.xml");
        return m.group(1);
    }

    @Test
    void theVersionIsARelease() throws IOException {
        String v = version();
        assertTrue(v.matches("\\d+\\.\\d+\\.\\d+"), "pom.xml version " + v + " is not a release version");
        assertTrue(Files.readString(Paths.get("docs/install.md")).contains("DICOM_SEG-" + v + ".jar"), "docs/install.md names DICOM_SEG-" + v + ".jar");
    }

    @Test
    void noPlaceholderAddresses() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> roots = List.of(Paths.get("pom.xml"), Paths.get("README.md"), Paths.get("plugins.config"), Paths.get("docs"),
                Paths.get("src/main"), Paths.get("scripts"), Paths.get("macros"));
        for (Path root : roots) {
            assertTrue(Files.exists(root), root.toString());
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String n = f.getFileName().toString();
                    if (n.endsWith(".png") || n.endsWith(".jpg")) continue;
                    String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    Matcher m = PLACEHOLDER.matcher(text);
                    while (m.find()) found.add(f + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found, "placeholder addresses");
        assertFalse(version().contains("SNAPSHOT"));
    }
}
