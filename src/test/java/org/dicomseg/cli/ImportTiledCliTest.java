package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.model.SegmentationType;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.TiledSegs;

/** {@code dicomseg import} of a tiled SEG with {@code --region} and {@code --downsample}. */
class ImportTiledCliTest {
    @Test
    void regionAndDownsample(@TempDir Path tmp) throws Exception {
        Shared.assumePresent();
        List<Path> levels = TiledSegs.pyramid(Files.createDirectories(tmp.resolve("slide")));
        Path seg = TiledSegs.write(tmp.resolve("seg.dcm"), levels.get(0), SegmentationType.LABELMAP, 301, 203, 400, 300);
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        Path tif = tmp.resolve("view.tif");
        int rc = Main.run(List.of("import", seg.toString(), "--out", tif.toString(), "--as", "labels",
                "--region", "301,203,400,300", "--downsample", "2"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, text + err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("200x150"), text);
        assertTrue(text.contains("note: Tiled SEG: region x=301 y=203 400x300, downsampled by 2"), text);
        ImagePlus imp = IJ.openImage(tif.toString());
        assertEquals(200, imp.getWidth());
        assertEquals(150, imp.getHeight());
        assertEquals(0.5, imp.getCalibration().pixelWidth, 1e-9);
        // the disc's centre (mask 140, 135) is label 1
        assertEquals(1, imp.getProcessor().get(70, 67));

        int bad = Main.run(List.of("import", seg.toString(), "--out", tmp.resolve("b.tif").toString(), "--region", "1,2"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(bad != 0);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("x,y,width,height"), err.toString(StandardCharsets.UTF_8));
    }
}
