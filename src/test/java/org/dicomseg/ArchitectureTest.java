package org.dicomseg;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of docs/architecture.md, checked on the plugin's main classes only (the class
 * folder that holds {@code org.dicomseg.write.SegWriter}: neither the tests nor the tools of
 * {@code src/tools/java} are imported). A failure names the class and the dependency that breaks a
 * rule; the fix is to move the code to the floor it belongs to, not to add an exception here.
 */
class ArchitectureTest {
    /** The core: no ImageJ, no GUI; usable from a headless server, the CLI and any other front end. */
    private static final String[] CORE = {
        "org.dicomseg.model..", "org.dicomseg.task..", "org.dicomseg.pixels..", "org.dicomseg.dicom..",
        "org.dicomseg.source..", "org.dicomseg.mask..", "org.dicomseg.volume..", "org.dicomseg.write..", "org.dicomseg.read..",
        "org.dicomseg.reconstruct..", "org.dicomseg.dcmqi..", "org.dicomseg.options..", "org.dicomseg.web..",
    };
    /** The packages that may use PixelMed's data-set classes: the file format and the readers and writers of files. */
    private static final String[] PIXELMED_USERS = {
        "org.dicomseg.dicom..", "org.dicomseg.read..", "org.dicomseg.write..", "org.dicomseg.source..",
    };
    /** Longest main source file, in lines: a class longer than this has more than one job. */
    private static final int MAX_LINES = 600;

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() throws URISyntaxException {
        Path classes = Paths.get(org.dicomseg.write.SegWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        main = new ClassFileImporter().importPath(classes);
        assertTrue(main.contain("org.dicomseg.write.SegWriter"), "main classes imported from " + classes);
    }

    @Test
    void modelDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.dicomseg.model..")
                .should().dependOnClassesThat(resideInAPackage("org.dicomseg..").and(not(resideInAPackage("org.dicomseg.model.."))))
                .because("model is the vocabulary every floor speaks, so it cannot use any of them")
                .check(main);
        noClasses().that().resideInAPackage("org.dicomseg.model")
                .should().dependOnClassesThat().resideInAPackage("org.dicomseg.model.codes..")
                .because("model.codes (the code tables and terminologies) may use model, not the other way")
                .check(main);
    }

    @Test
    void taskDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.dicomseg.task..")
                .should().dependOnClassesThat(resideInAPackage("org.dicomseg..").and(not(resideInAPackage("org.dicomseg.task.."))))
                .because("task is the contract of a long task that every floor shares, so it cannot use any of them")
                .check(main);
    }

    @Test
    void coreNeverUsesImageJOrGui() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("ij..", "org.dicomseg.ij..", "org.dicomseg.plugins..",
                        "javax.swing..", "java.applet..")
                .orShould().dependOnClassesThat(resideInAPackage("java.awt..").and(not(resideInAPackage("java.awt.image.."))))
                .because("the core runs headless and outside ImageJ; java.awt.image (BufferedImage, Raster) is the pixel"
                        + " container of javax.imageio, which the JPEG 2000 and JPEG codecs use, not a GUI class")
                .check(main);
    }

    @Test
    void pixelMedOnlyInTheFileLayers() {
        noClasses().that().resideOutsideOfPackages(PIXELMED_USERS)
                .should().dependOnClassesThat().resideInAPackage("com.pixelmed..")
                .because("PixelMed's data sets stay behind the file format, source, read and write packages")
                .check(main);
    }

    @Test
    void cliNeverDependsOnPlugins() {
        noClasses().that().resideInAPackage("org.dicomseg.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.dicomseg.plugins..")
                .because("the command line shares the core and ij.*, not the ImageJ commands")
                .check(main);
    }

    @Test
    void nothingDependsOnTheCliOrTheTools() {
        noClasses().that().resideOutsideOfPackage("org.dicomseg.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.dicomseg.cli..", "org.dicomseg.bench..",
                        "org.dicomseg.samples..")
                .because("the CLI is a front end (top floor) and the tools live outside the plugin jar")
                .check(main);
    }

    @Test
    void noDependencyGoesUpAFloor() {
        LayeredArchitecture floors = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("model").definedBy("org.dicomseg.model..", "org.dicomseg.task..")
                .layer("pixels, dicom, web").definedBy("org.dicomseg.pixels..", "org.dicomseg.dicom..", "org.dicomseg.web..")
                .layer("source, mask").definedBy("org.dicomseg.source..", "org.dicomseg.mask..", "org.dicomseg.volume..")
                .layer("write, read").definedBy("org.dicomseg.write..", "org.dicomseg.read..")
                .layer("reconstruct").definedBy("org.dicomseg.reconstruct..")
                .layer("dcmqi, options").definedBy("org.dicomseg.dcmqi..", "org.dicomseg.options..")
                .layer("ij").definedBy("org.dicomseg.ij..")
                .layer("plugins").definedBy("org.dicomseg.plugins..")
                .layer("cli").definedBy("org.dicomseg.cli..")
                .whereLayer("model").mayNotAccessAnyLayer()
                .whereLayer("pixels, dicom, web").mayOnlyAccessLayers("model")
                .whereLayer("source, mask").mayOnlyAccessLayers("model", "pixels, dicom, web")
                .whereLayer("write, read").mayOnlyAccessLayers("model", "pixels, dicom, web", "source, mask")
                .whereLayer("reconstruct").mayOnlyAccessLayers("model", "pixels, dicom, web", "source, mask", "write, read")
                .whereLayer("dcmqi, options").mayOnlyAccessLayers("model", "pixels, dicom, web", "source, mask", "write, read",
                        "reconstruct")
                .whereLayer("ij").mayOnlyAccessLayers("model", "pixels, dicom, web", "source, mask", "write, read",
                        "reconstruct", "dcmqi, options")
                .whereLayer("plugins").mayOnlyAccessLayers("model", "pixels, dicom, web", "source, mask", "write, read",
                        "reconstruct", "dcmqi, options", "ij")
                .whereLayer("cli").mayOnlyAccessLayers("model", "pixels, dicom, web", "source, mask", "write, read",
                        "reconstruct", "dcmqi, options", "ij");
        floors.because("a package uses only the floors below its own (docs/architecture.md)").check(main);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.dicomseg.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void noMainClassIsTooLong() throws IOException {
        Path root = Paths.get("src", "main", "java");
        assertTrue(Files.isDirectory(root), "run from the project folder: " + root.toAbsolutePath());
        Map<String, Long> tooLong = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                long lines;
                try (Stream<String> s = Files.lines(f)) {
                    lines = s.count();
                }
                String name = root.relativize(f).toString().replace('\\', '/');
                if (lines > MAX_LINES) tooLong.put(name, lines);
            }
        }
        assertEquals(Map.of(), tooLong, "main source files over " + MAX_LINES + " lines: split them by job");
    }

    @Test
    void everyPackageSaysWhatLivesThere() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path root : List.of(Paths.get("src", "main", "java"), Paths.get("src", "tools", "java"))) {
            try (Stream<Path> dirs = Files.walk(root)) {
                for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                    boolean hasClasses;
                    try (Stream<Path> files = Files.list(dir)) {
                        hasClasses = files.anyMatch(f -> f.toString().endsWith(".java"));
                    }
                    if (hasClasses && !Files.exists(dir.resolve("package-info.java"))) missing.add(dir.toString());
                }
            }
        }
        assertEquals(List.of(), missing, "packages without a package-info.java (what lives there, the front door, what it may use)");
    }
}
