package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import ij.ImagePlus;
import ij.WindowManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.ij.open.SegImporter;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.TiledSegs;

/**
 * Import SEG... on a tiled SEG from a macro: {@code region=[x,y,w,h] downsample=N}, and without
 * them the region of the open slide image (Open DICOM Slide...), with the choice in the Log.
 */
class ImportTiledCommandTest {
    @Test
    void macroKeysAndSlideDefault(@TempDir Path tmp) throws Exception {
        Shared.assumePresent();
        List<Path> levels = TiledSegs.pyramid(Files.createDirectories(tmp.resolve("slide")));
        Path seg = TiledSegs.write(tmp.resolve("seg.dcm"), levels.get(0), SegmentationType.BINARY, 301, 203, 400, 300);
        AtomicReference<ImagePlus> current = new AtomicReference<>();
        String log = ImportCommandHeadlessTest.runAsMacro("seg=[" + seg + "] region=[300,200,400,300] downsample=4", () -> {
            WindowManager.setTempCurrentImage(null);
            new ImportSegCommand().run("");
            current.set(WindowManager.getCurrentImage());
            WindowManager.setTempCurrentImage(null);
        });
        assertTrue(log.contains("DICOM SEG: Tiled SEG: region x=300 y=200 400x300, downsampled by 4"), log);
        assertNotNull(current.get());
        assertEquals(100, current.get().getWidth());
        assertEquals("4", current.get().getProp(SegImporter.DOWNSAMPLE_PROPERTY));

        ImagePlus slide = OpenSlideCommand.open(SlideSeries.scan(levels.get(0)), 2, 150, 100, 200, 150);
        String log2 = ImportCommandHeadlessTest.runAsMacro("seg=[" + seg + "]", () -> {
            WindowManager.setTempCurrentImage(slide);
            new ImportSegCommand().run("");
            current.set(WindowManager.getCurrentImage());
            WindowManager.setTempCurrentImage(null);
        });
        assertTrue(log2.contains("open slide image's region"), log2);
        assertEquals(200, current.get().getWidth());
        assertEquals(150, current.get().getHeight());
        assertEquals("300,200,400,300", current.get().getProp(SegImporter.REGION_PROPERTY));
    }
}
