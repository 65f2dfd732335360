package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ij.ImagePlus;
import ij.process.ByteProcessor;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Nrrd;
import org.dicomseg.testing.Shared;
import org.dicomseg.write.SegWriteResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fiji commands with NIfTI/NRRD files, by macro options without a display: Export Label Image
 * as SEG... with {@code labels=[X.nrrd]} (no image open, or instead of the open image), and Import
 * SEG... with {@code volume=[Y.nii.gz]} (a label map for {@code output=[label image]}, else one
 * component per segment), beside {@code Y.json}.
 */
class VolumeCommandHeadlessTest {
    static String q(Object p) { return "[" + p + "]"; }

    @Test
    void exportLabelImageTakesANrrdWithOrWithoutAnOpenImage(@TempDir Path dir) throws Exception {
        Shared.assumePresent();
        Path nrrd = Shared.corpus("dcmqi/segmentations/liver_seg.nrrd");
        Path ct = Shared.corpus("dcmqi/segmentations/ct-3slice");
        Path a = dir.resolve("a.dcm");
        SegWriteResult r = ExportMacroRunner.run(null, "labels=" + q(nrrd) + " source=" + q(ct) + " out=" + q(a),
                ExportLabelImageCommand::exportVolume);
        assertEquals(3, r.numberOfFrames());
        ImagePlus other = new ImagePlus("other", new ByteProcessor(7, 5));
        Path b = dir.resolve("b.dcm");
        ExportMacroRunner.run(other, "labels=" + q(nrrd) + " source=" + q(ct) + " out=" + q(b) + " segmentation=LABELMAP",
                () -> ExportLabelImageCommand.export(other));
        Conformance.assertConformant(a, b);
        try (SegmentationReader ra = SegmentationReader.open(a); SegmentationReader rb = SegmentationReader.open(b)) {
            assertEquals(Map.of(1, 107098L), ra.segmentPixelCounts());
            assertEquals(107098L, rb.segmentPixelCounts().get(1));
            assertEquals("LABELMAP", rb.segmentationType().name());
        }
    }

    @Test
    void importWritesAVolumeAndItsJsonInsteadOfOpening(@TempDir Path dir) throws Exception {
        Shared.assumePresent();
        Path seg = Shared.corpus("dcmqi/segmentations/partial_overlaps.dcm");
        Path nrrd = dir.resolve("p.nrrd");
        String log = ImportCommandHeadlessTest.runAsMacro("seg=" + q(seg) + " segments=2-3 output=hyperstack volume=" + q(nrrd),
                () -> new ImportSegCommand().run(""));
        assertTrue(log.contains("wrote " + nrrd), log);
        assertTrue(Files.exists(dir.resolve("p.json")));
        Nrrd v = Nrrd.read(nrrd);
        assertEquals(4, v.sizes.length);
        assertEquals(2, v.sizes[3]);
        long[] ones = new long[2];
        int n = v.sizes[0] * v.sizes[1] * v.sizes[2];
        for (int c = 0; c < 2; c++) for (int i = 0; i < n; i++) ones[c] += v.values[c * n + i];
        assertEquals(11888, ones[0]);
        assertEquals(10743, ones[1]);
        // on the source grid (source_folder): one plane per source image
        Path onGrid = dir.resolve("g.nii");
        log = ImportCommandHeadlessTest.runAsMacro("seg=" + q(Shared.corpus("dcmqi/segmentations/liver.dcm")) + " output=[label image]"
                + " source_folder=" + q(Shared.corpus("dcmqi/segmentations/ct-3slice")) + " volume=" + q(onGrid), () -> new ImportSegCommand().run(""));
        assertTrue(log.contains("label map 512x512x3"), log);
        // overlapping segments as a label map: refused in one line, nothing written
        Path nii = dir.resolve("l.nii.gz");
        log = ImportCommandHeadlessTest.runAsMacro("seg=" + q(seg) + " output=[label image] volume=" + q(nii), () -> new ImportSegCommand().run(""));
        assertTrue(log.contains("overlap"), log);
        assertFalse(Files.exists(nii));
        assertFalse(Files.exists(dir.resolve("l.json")));
    }
}
