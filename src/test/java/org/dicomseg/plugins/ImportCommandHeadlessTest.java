package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.testing.Shared;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.ij.ui.FormField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import commands without a display (java.awt.headless=true): macro options are read straight
 * from the option string, exactly with the keys of {@link MacroKeys}, and failures are one Log line.
 */
class ImportCommandHeadlessTest {

    /** Runs {@code r} the way a macro does (ImageJ only hands options to threads named "Run$_..."), capturing stdout. */
    static String runAsMacro(String options, Runnable r) throws InterruptedException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Macro.setOptions(options);
            try {
                r.run();
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                Macro.setOptions(null);
            }
        }, "Run$_import_test");
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            t.start();
            t.join(60000);
        } finally {
            System.setOut(old);
        }
        if (failure.get() != null) throw new AssertionError("the command threw instead of reporting", failure.get());
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dialogLabelsRecordExactlyTheImportKeys() {
        Set<String> keys = ImportSegCommand.fields("", ImportOptions.Output.HYPERSTACK.choice()).stream().map(FormField::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of(MacroKeys.SEG, MacroKeys.SEGMENTS, MacroKeys.OUTPUT, MacroKeys.FRACTIONAL,
                MacroKeys.LAST_WINS, MacroKeys.OUT, MacroKeys.OPEN_SOURCE, MacroKeys.SOURCE_FOLDER,
                MacroKeys.IMPORT_REGION, MacroKeys.DOWNSAMPLE, MacroKeys.VOLUME)), keys);
        for (FormField f : ImportSegCommand.fields("", "hyperstack")) {
            assertEquals(f.key(), Macro.trimKey(f.label()), f.label());
        }
        assertEquals(MacroKeys.SEG, Macro.trimKey(SegInfoCommand.field("").label()));
    }

    @Test
    void roiSetZipFromMacroOptions(@TempDir Path dir) throws Exception {
        Path seg = Shared.corpus("dcmqi/segmentations/partial_overlaps.dcm");
        Path zip = dir.resolve("rois.zip");
        String log = runAsMacro("seg=[" + seg + "] segments=2-3 output=RoiSet.zip out=[" + zip + "]",
                () -> new ImportSegCommand().run(""));
        assertTrue(log.contains("wrote"), log);
        int expected = 0;
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            for (int n : new int[] {2, 3}) {
                for (int f : r.framesOfSegment(n)) {
                    byte[] px = r.readFrame(f);
                    boolean any = false;
                    for (byte b : px) any |= b != 0;
                    if (any) expected++;
                }
            }
        }
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertEquals(expected, z.size());
        }
    }

    @Test
    void hyperstackBecomesTheCurrentImageWithoutADisplay() throws Exception {
        Path seg = Shared.corpus("highdicom/seg_image_ct_binary_overlap.dcm");
        AtomicReference<ImagePlus> current = new AtomicReference<>();
        String log = runAsMacro("seg=[" + seg + "] output=hyperstack", () -> {
            new ImportSegCommand().run("");
            current.set(WindowManager.getCurrentImage());
            WindowManager.setTempCurrentImage(null);
        });
        assertEquals("", log.trim());
        ImagePlus imp = current.get();
        assertNotNull(imp);
        assertEquals(2, imp.getNChannels());
        assertEquals(4, imp.getNSlices());
    }

    @Test
    void problemsAreOneLogLineNamingTheCause(@TempDir Path dir) throws Exception {
        Path seg = Shared.corpus("dcmqi/segmentations/partial_overlaps.dcm");
        String overlap = runAsMacro("seg=[" + seg + "] output=[label image]", () -> new ImportSegCommand().run(""));
        assertEquals(1, overlap.trim().lines().count(), overlap);
        assertTrue(overlap.startsWith("Import DICOM SEG: ERROR: Segments 1 and 2 overlap"), overlap);

        String missingSegment = runAsMacro("seg=[" + seg + "] segments=9", () -> new ImportSegCommand().run(""));
        assertTrue(missingSegment.contains("Segment 9 is not in this file; it has segments 1,2,3,4,5"), missingSegment);

        Path notDicom = Files.writeString(dir.resolve("notes.dcm"), "not a DICOM file");
        String bad = runAsMacro("seg=[" + notDicom + "]", () -> new ImportSegCommand().run(""));
        assertEquals(1, bad.trim().lines().count(), bad);
        assertTrue(bad.contains("notes.dcm"), bad);
        assertTrue(!bad.contains("\tat "), "no stack trace: " + bad);

        String rm = runAsMacro("seg=[" + seg + "] output=[ROI Manager]", () -> new ImportSegCommand().run(""));
        assertTrue(rm.contains("output=RoiSet.zip"), rm);
    }

    @Test
    void segInfoPrintsTheTableHeadless() throws Exception {
        Path seg = Shared.corpus("dcmqi/segmentations/partial_overlaps.dcm");
        String out = runAsMacro("seg=[" + seg + "]", () -> new SegInfoCommand().run(""));
        assertTrue(out.contains("Transfer Syntax: Explicit VR Little Endian"), out);
        assertTrue(out.contains("Segments: 5"), out);
        SegInfoCommand.Report r = SegInfoCommand.report(seg);
        assertEquals(5, r.table.size());
        try (SegmentationReader reader = SegmentationReader.open(seg)) {
            for (int i = 0; i < 5; i++) {
                int n = (int) r.table.getValue("Segment", i);
                assertEquals((double) reader.segmentPixelCounts().get(n), r.table.getValue("Pixels", i), 0);
            }
        }
    }
}
