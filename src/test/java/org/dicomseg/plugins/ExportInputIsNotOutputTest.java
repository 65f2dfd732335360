package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import ij.IJ;
import ij.ImagePlus;

import org.dicomseg.task.OutputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export commands (macro options, as the dialogs fill them) refuse an output that is one of
 * their inputs, even with {@code overwrite} and however spelt: the file the label image was opened
 * from, the RoiSet.zip, the metadata JSON. The inputs stay byte for byte as they were. The same rule
 * as the command line ({@code AtomicOutput.checkNotAnInput}, {@code cli.CliInputIsNotOutputTest}).
 */
class ExportInputIsNotOutputTest {
    static final Path SAMPLES = Paths.get("sample-images").toAbsolutePath();
    static final Path CT = SAMPLES.resolve("ct");

    static String q(Path p) { return "[" + p + "]"; }

    @Test
    void theDialogsRefuseAnInputAsOutput(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path tif = Files.copy(SAMPLES.resolve("labels.tif"), in.resolve("labels.tif"));
        Path zip = Files.copy(SAMPLES.resolve("RoiSet.zip"), in.resolve("RoiSet.zip"));
        Path json = Files.copy(SAMPLES.resolve("labels-meta.json"), in.resolve("meta.json"));
        Path link = Files.createSymbolicLink(dir.resolve("link.tif"), tif);
        byte[][] before = {Files.readAllBytes(tif), Files.readAllBytes(zip), Files.readAllBytes(json)};
        ImagePlus imp = IJ.openImage(tif.toString());

        for (Path out : new Path[] {tif, link, in.resolve("../in/labels.tif")}) {
            OutputException e = assertThrows(OutputException.class, () -> ExportMacroRunner.run(imp,
                    "source=" + q(CT) + " out=" + q(out) + " overwrite", () -> ExportLabelImageCommand.export(imp)));
            assertTrue(e.getMessage().contains("is the file of the image being exported"), e.getMessage());
        }
        OutputException m = assertThrows(OutputException.class, () -> ExportMacroRunner.run(imp,
                "source=" + q(CT) + " meta=" + q(json) + " out=" + q(json) + " overwrite", () -> ExportLabelImageCommand.export(imp)));
        assertTrue(m.getMessage().contains("is the segment metadata (meta=)"), m.getMessage());
        OutputException r = assertThrows(OutputException.class, () -> ExportMacroRunner.run(null,
                "rois=" + q(zip) + " grouping=name source=" + q(CT) + " out=" + q(zip) + " overwrite",
                () -> ExportRoisCommand.export(null)));
        assertTrue(r.getMessage().contains("is the ROI set (rois=)"), r.getMessage());

        assertArrayEquals(before[0], Files.readAllBytes(tif));
        assertArrayEquals(before[1], Files.readAllBytes(zip));
        assertArrayEquals(before[2], Files.readAllBytes(json));
    }
}
