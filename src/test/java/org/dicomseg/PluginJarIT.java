package org.dicomseg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin jar holds the plugin and nothing else: no benchmark harness or sample generator (the
 * tools of {@code src/tools/java}), no test class or test helper, and ImageJ's menu file
 * {@code plugins.config} at its root, where ImageJ looks for it. Run by maven-failsafe in
 * {@code mvn verify}, after {@code package} has built the jar named by the system property
 * {@code dicomseg.pluginJar} (set in the pom).
 */
class PluginJarIT {
    private static List<String> entries;
    private static Path jar;

    @BeforeAll
    static void readJar() throws IOException {
        String p = System.getProperty("dicomseg.pluginJar");
        assertTrue(p != null, "system property dicomseg.pluginJar (set by the failsafe configuration in pom.xml)");
        jar = Paths.get(p);
        assertTrue(Files.isRegularFile(jar), jar + " was not built");
        List<String> names = new ArrayList<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(f.entries())) names.add(e.getName());
        }
        entries = names;
    }

    @Test
    void holdsNoToolOrTestClass() {
        List<String> stray = new ArrayList<>();
        for (String e : entries) {
            String file = e.substring(e.lastIndexOf('/') + 1);
            if (e.startsWith("org/dicomseg/bench/") || e.startsWith("org/dicomseg/samples/")
                    || e.startsWith("org/dicomseg/testing/")
                    || (file.endsWith(".class") && file.contains("Test"))) {
                stray.add(e);
            }
        }
        assertEquals(List.of(), stray, "entries of " + jar.getFileName() + " that belong to the tools or the tests");
    }

    @Test
    void holdsPluginsConfigAtTheRootAndThePlugin() {
        assertTrue(entries.contains("plugins.config"), "plugins.config at the root of " + jar.getFileName());
        assertTrue(entries.contains("org/dicomseg/write/SegWriter.class"), "the writer's front door");
        assertTrue(entries.contains("org/dicomseg/cli/Main.class"), "the command line's entry point");
    }

    @Test
    void isAReleaseAndCarriesItsDocumentationAndNotices() {
        String name = jar.getFileName().toString();
        assertTrue(name.matches("DICOM_SEG-\\d+\\.\\d+\\.\\d+\\.jar"), "a release version, not a SNAPSHOT: " + name);
        for (String e : new String[] {"docs/install.md", "docs/macros.md", "docs/reader.md", "META-INF/THIRD-PARTY-NOTICES.txt",
                "META-INF/NOTICE-PixelMed.txt"}) {
            assertTrue(entries.contains(e), e + " in " + name + " (the dialogs' help names the documentation shipped with the plugin)");
        }
        assertTrue(!entries.contains("docs/status.md"), "status.md is the project's working notes, not user documentation");
        // the code tables are the project's own (from PS3.16); third-party terminology files are the user's to bring
        assertTrue(entries.stream().noneMatch(e -> e.endsWith(".json") && (e.contains("terminology") || e.contains("DICOM-Master"))
                || e.contains("NOTICE-dcmqi")), "no dcmqi/Slicer terminology file in " + name);
        assertTrue(entries.contains("org/dicomseg/codes/cid7151.tsv"), "the built-in tables in " + name);
    }

    @Test
    void stampsItsOwnVersionIntoTheSegsItWrites() throws Exception {
        String name = jar.getFileName().toString();
        String version = name.substring("DICOM_SEG-".length(), name.length() - ".jar".length());
        java.util.List<java.net.URL> urls = new ArrayList<>(List.of(jar.toUri().toURL()));
        try (java.util.stream.Stream<Path> libs = Files.list(jar.resolveSibling("lib"))) {
            for (Path l : (Iterable<Path>) libs::iterator) urls.add(l.toUri().toURL());
        }
        try (java.net.URLClassLoader cl = new java.net.URLClassLoader(urls.toArray(new java.net.URL[0]), ClassLoader.getPlatformClassLoader())) {
            Class<?> options = cl.loadClass("org.dicomseg.write.SegWriteOptions");
            Object built = options.getMethod("builder").invoke(null);
            Object o = built.getClass().getMethod("build").invoke(built);
            assertEquals(version, options.getMethod("softwareVersions").invoke(o), "Software Versions (0018,1020) by default");
        }
    }
}
