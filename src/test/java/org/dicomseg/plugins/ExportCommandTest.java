package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

import org.dicomseg.write.SegWriteResult;
import org.dicomseg.ij.export.ExportDecoded;
import org.dicomseg.ij.export.ExportPlan;
import org.dicomseg.ij.export.LabelImageExport;
import org.dicomseg.ij.export.RoiPlacement;
import org.dicomseg.ij.export.RoiSetReader;
import org.dicomseg.ij.export.SegExport;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.ij.source.SourceSeries;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.dicomseg.task.CanceledException;
import org.dicomseg.task.OutputException;
import org.dicomseg.task.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export commands end to end, as a macro runs them without a display: sample images in,
 * conformant SEG out, decoded masks equal to the inputs pixel for pixel.
 */
class ExportCommandTest {
    static final Path SAMPLES = Paths.get("sample-images").toAbsolutePath();
    static final Path CT = SAMPLES.resolve("ct");

    @BeforeAll static void samplesExist() {
        assertTrue(Files.isDirectory(CT), "sample-images/ct missing: " + CT);
    }

    static ImagePlus labels() {
        ImagePlus imp = IJ.openImage(SAMPLES.resolve("labels.tif").toString());
        assertEquals(5, imp.getStackSize());
        return imp;
    }

    static String q(Path p) { return "[" + p + "]"; }

    static void assertSameAsLabels(ImagePlus imp, ExportDecoded d, int segments) {
        assertEquals(segments, d.segments.size());
        assertSameLabels(imp, d, segments);
    }

    /** Segments 1..segments of the SEG equal labels 1..segments of the image, pixel for pixel. */
    static void assertSameLabels(ImagePlus imp, ExportDecoded d, int segments) {
        for (int z = 0; z < 5; z++) {
            byte[] px = (byte[]) imp.getStack().getPixels(z + 1);
            for (int s = 1; s <= segments; s++) {
                byte[] m = d.masks[s][z];
                for (int i = 0; i < px.length; i++) {
                    if ((px[i] == s ? 1 : 0) != m[i]) {
                        throw new AssertionError("segment " + s + " plane " + (z + 1) + " pixel " + i + ": label " + px[i] + ", SEG " + m[i]);
                    }
                }
            }
        }
    }

    @Test void labelImageToBinarySegIsConformantAndExact(@TempDir Path dir) throws Exception {
        ImagePlus imp = labels();
        Path out = dir.resolve("labels-seg.dcm");
        SegWriteResult r = ExportMacroRunner.run(imp, "source=" + q(CT) + " out=" + q(out),
                () -> ExportLabelImageCommand.export(imp));
        assertEquals(out, r.file());
        Conformance.assertConformant(out);
        ExportDecoded d = ExportDecoded.read(out, SourceLocator.fromPath(CT.toString(), 64, 64, 5));
        assertEquals(SegmentationType.BINARY, d.type);
        assertSameAsLabels(imp, d, 3);
        assertEquals("Segment 1", d.segments.get(0).label());
        assertEquals(SegmentAlgorithmType.AUTOMATIC, d.segments.get(0).algorithmType());
        assertEquals(IJ.getVersion(), d.segments.get(0).algorithmIdentification().version());
    }

    @Test void labelmapRleJ2kAndKeepEmptyFrames(@TempDir Path dir) throws Exception {
        ImagePlus imp = labels();
        String[][] cases = {{"BINARY", "rle"}, {"BINARY", "j2k"}, {"LABELMAP", "none"}, {"LABELMAP", "rle"}, {"LABELMAP", "j2k"}, {"FRACTIONAL", "j2k"},
            {"BINARY", "deflate"}, {"LABELMAP", "deflate"}, {"LABELMAP", "jpegls"}, {"FRACTIONAL", "jpegls"}};
        SourceSeries src = SourceLocator.fromPath(CT.toString(), 64, 64, 5);
        for (String[] c : cases) {
            Path out = dir.resolve(c[0] + "-" + c[1] + ".dcm");
            ExportMacroRunner.run(imp, "source=" + q(CT) + " out=" + q(out) + " segmentation=" + c[0] + " compression=" + c[1] + " keep",
                    () -> ExportLabelImageCommand.export(imp));
            Conformance.assertConformant(out);
            ExportDecoded d = ExportDecoded.read(out, src);
            assertEquals(SegmentationType.valueOf(c[0]), d.type, c[0] + "/" + c[1]);
            if (!c[0].equals("FRACTIONAL")) assertSameAsLabels(imp, d, 3);
            if (c[0].equals("BINARY")) assertEquals(15, d.frames, "keep: 3 segments x 5 planes");
        }
    }

    @Test void sourcesAreMatchedByPositionNotFileName(@TempDir Path dir) throws Exception {
        Path shuffled = Files.createDirectory(dir.resolve("ct-shuffled"));
        for (int k = 1; k <= 5; k++) {
            Files.copy(CT.resolve(String.format("IM%04d.dcm", k)), shuffled.resolve("Z" + (6 - k) + ".dcm"));
        }
        ImagePlus imp = labels();
        Path out = dir.resolve("seg.dcm");
        ExportMacroRunner.run(imp, "source=" + q(shuffled) + " out=" + q(out), () -> ExportLabelImageCommand.export(imp));
        Conformance.assertConformant(out);
        SourceSeries src = SourceLocator.fromPath(shuffled.toString(), 64, 64, 5);
        assertEquals("Z5.dcm", src.files().get(0).getFileName().toString(), "IM0001 (lowest z) comes first");
        assertSameAsLabels(imp, ExportDecoded.read(out, src), 3);
    }

    @Test void enhancedCtSource(@TempDir Path dir) throws Exception {
        ImagePlus imp = labels();
        Path enh = SAMPLES.resolve("enhanced-ct").resolve("enhanced.dcm");
        Path out = dir.resolve("seg.dcm");
        ExportMacroRunner.run(imp, "source=" + q(enh) + " out=" + q(out), () -> ExportLabelImageCommand.export(imp));
        Conformance.assertConformant(out);
        assertSameAsLabels(imp, ExportDecoded.read(out, SourceLocator.fromPath(enh.toString(), 64, 64, 5)), 3);
    }

    @Test void metadataFileNamesTheSegments(@TempDir Path dir) throws Exception {
        Shared.assumePresent();
        Path json = Shared.corpus("dcmqi/doc/examples/seg-example_multiple_segments_single_input_file.json");
        ImagePlus imp = labels();
        Path out = dir.resolve("seg.dcm");
        ExportMacroRunner.run(imp, "source=" + q(CT) + " meta=" + q(json) + " out=" + q(out), () -> ExportLabelImageCommand.export(imp));
        Conformance.assertConformant(out);
        ExportDecoded d = ExportDecoded.read(out, SourceLocator.fromPath(CT.toString(), 64, 64, 5));
        assertEquals("Liver", d.segments.get(0).label());
        assertSameAsLabels(imp, d, 3);
    }

    @Test void describedButAbsentLabelIsASegmentWithoutFrames(@TempDir Path dir) throws Exception {
        Shared.assumePresent();
        org.dicomseg.dcmqi.DcmqiMetadata m = org.dicomseg.dcmqi.DcmqiMetadataReader.readFile(
                Shared.corpus("dcmqi/doc/examples/seg-example_multiple_segments_single_input_file.json"));
        m = org.dicomseg.ij.export.SegmentMetadataEditor.withSegment(m,
                org.dicomseg.ij.export.DefaultSegments.of(4, "Extra", true, null), 4);
        Path json = dir.resolve("meta4.json");
        org.dicomseg.dcmqi.DcmqiMetadataWriter.write(m, json);
        ImagePlus imp = labels();
        Path out = dir.resolve("seg.dcm");
        ExportMacroRunner.run(imp, "source=" + q(CT) + " meta=" + q(json) + " out=" + q(out), () -> ExportLabelImageCommand.export(imp));
        Conformance.assertConformant(out);
        ExportDecoded d = ExportDecoded.read(out, SourceLocator.fromPath(CT.toString(), 64, 64, 5));
        assertEquals(4, d.segments.size());
        assertEquals("Extra", d.segments.get(3).label());
        assertSameLabels(imp, d, 3);
        for (byte[] plane : d.masks[4]) for (byte b : plane) assertEquals(0, b, "segment 4 has no pixels");
    }

    @Test void probabilityMapIsFractional(@TempDir Path dir) throws Exception {
        ImagePlus lab = labels();
        ImageStack st = new ImageStack(64, 64);
        for (int z = 1; z <= 5; z++) {
            byte[] px = (byte[]) lab.getStack().getPixels(z);
            float[] f = new float[px.length];
            for (int i = 0; i < f.length; i++) f[i] = px[i] == 0 ? 0f : px[i] / 3f;
            st.addSlice(new FloatProcessor(64, 64, f));
        }
        ImagePlus prob = new ImagePlus("prob", st);
        Path out = dir.resolve("prob.dcm");
        ExportMacroRunner.run(prob, "source=" + q(CT) + " out=" + q(out) + " fractional_type=OCCUPANCY",
                () -> ExportLabelImageCommand.export(prob));
        Conformance.assertConformant(out);
        ExportDecoded d = ExportDecoded.read(out, SourceLocator.fromPath(CT.toString(), 64, 64, 5));
        assertEquals(SegmentationType.FRACTIONAL, d.type);
        for (int z = 0; z < 5; z++) {
            float[] f = (float[]) st.getPixels(z + 1);
            for (int i = 0; i < f.length; i++) assertEquals(Math.round(f[i] * 255), d.masks[1][z][i] & 0xFF);
        }
    }

    /** What ImageJ paints for the RoiSet, plane by plane: the reference for the ROI export. */
    static byte[][][] imageJReference(List<Roi> rois, List<String> names) {
        byte[][][] ref = new byte[names.size() + 1][5][];
        for (int s = 1; s <= names.size(); s++) {
            for (int z = 0; z < 5; z++) {
                ByteProcessor bp = new ByteProcessor(64, 64);
                bp.setValue(1);
                for (Roi r : rois) {
                    int p = r.getPosition();
                    if (r.getName().equals(names.get(s - 1)) && (p == 0 || p == z + 1)) bp.fill(r);
                }
                ref[s][z] = (byte[]) bp.getPixels();
            }
        }
        return ref;
    }

    @Test void roiSetWithoutImageUsesTheSourceGeometry(@TempDir Path dir) throws Exception {
        Path zip = SAMPLES.resolve("RoiSet.zip");
        Path out = dir.resolve("rois.dcm");
        ExportMacroRunner.run(null, "rois=" + q(zip) + " grouping=name source=" + q(CT) + " out=" + q(out),
                () -> ExportRoisCommand.export(null));
        Conformance.assertConformant(out);
        ExportDecoded d = ExportDecoded.read(out, SourceLocator.fromPath(CT.toString(), 64, 64, 5));
        List<String> names = List.of("liver", "lesion", "bone");
        assertEquals(3, d.segments.size());
        for (int s = 0; s < 3; s++) {
            assertEquals(names.get(s), d.segments.get(s).label());
            assertEquals(SegmentAlgorithmType.MANUAL, d.segments.get(s).algorithmType());
        }
        byte[][][] ref = imageJReference(RoiSetReader.read(zip), names);
        boolean overlapSomewhere = false;
        for (int s = 1; s <= 3; s++) {
            for (int z = 0; z < 5; z++) assertArrayEquals(ref[s][z], d.masks[s][z], "segment " + s + " plane " + (z + 1));
        }
        for (int i = 0; i < 64 * 64; i++) overlapSomewhere |= ref[1][2][i] != 0 && ref[2][2][i] != 0;
        assertTrue(overlapSomewhere, "lesion lies inside the liver: overlapping segments are kept");
    }

    @Test void roisOnAnImageEachRoiOwnSegment(@TempDir Path dir) throws Exception {
        ImagePlus imp = labels();
        Path zip = SAMPLES.resolve("RoiSet.zip");
        Path out = dir.resolve("each.dcm");
        ExportMacroRunner.run(imp, "rois=" + q(zip) + " grouping=each source=" + q(CT) + " out=" + q(out) + " compression=rle",
                () -> ExportRoisCommand.export(imp));
        Conformance.assertConformant(out);
        ExportDecoded d = ExportDecoded.read(out, SourceLocator.fromPath(CT.toString(), 64, 64, 5));
        assertEquals(RoiSetReader.read(zip).size(), d.segments.size());
    }

    @Test void roiExportTakesMetaByPosition(@TempDir Path dir) throws Exception {
        Shared.assumePresent();
        Path json = Shared.corpus("dcmqi/doc/examples/seg-example_multiple_segments.json");
        Path out = dir.resolve("rois-meta.dcm");
        ExportMacroRunner.run(null, "rois=" + q(SAMPLES.resolve("RoiSet.zip")) + " source=" + q(CT) + " meta=" + q(json)
                + " out=" + q(out), () -> ExportRoisCommand.export(null));
        Conformance.assertConformant(out);
        ExportDecoded d = ExportDecoded.read(out, SourceLocator.fromPath(CT.toString(), 64, 64, 5));
        assertEquals(List.of("Liver", "Thoracic spine", "Heart"),
                List.of(d.segments.get(0).label(), d.segments.get(1).label(), d.segments.get(2).label()));
        assertEquals(SegmentAlgorithmType.SEMIAUTOMATIC, d.segments.get(0).algorithmType());
        byte[][][] ref = imageJReference(RoiSetReader.read(SAMPLES.resolve("RoiSet.zip")), List.of("liver", "lesion", "bone"));
        for (int z = 0; z < 5; z++) assertArrayEquals(ref[3][z], d.masks[3][z], "bone plane " + (z + 1));
    }

    @Test void mismatchAndOverwriteAreRefusedClearly(@TempDir Path dir) throws Exception {
        ImagePlus imp = labels();
        ImagePlus four = new ImagePlus("four", imp.getStack().crop(0, 0, 0, 64, 64, 4));
        Path out = dir.resolve("x.dcm");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportMacroRunner.run(four,
                "source=" + q(CT) + " out=" + q(out), () -> ExportLabelImageCommand.export(four)));
        assertTrue(e.getMessage().contains("slice count: the image has 4 slices, the sources have 5 images"), e.getMessage());
        assertFalse(Files.exists(out));

        Files.writeString(out, "old");
        IllegalArgumentException ow = assertThrows(IllegalArgumentException.class, () -> ExportMacroRunner.run(imp,
                "source=" + q(CT) + " out=" + q(out), () -> ExportLabelImageCommand.export(imp)));
        assertTrue(ow.getMessage().contains("already exists") && ow.getMessage().contains("overwrite"), ow.getMessage());
        assertEquals("old", Files.readString(out));
        ExportMacroRunner.run(imp, "source=" + q(CT) + " out=" + q(out) + " overwrite", () -> ExportLabelImageCommand.export(imp));
        Conformance.assertConformant(out);

        Path shuffled = Files.createDirectory(dir.resolve("ct"));
        for (int k = 1; k <= 5; k++) Files.copy(CT.resolve(String.format("IM%04d.dcm", k)), shuffled.resolve("IM" + k + ".dcm"));
        Path source = shuffled.resolve("IM3.dcm");
        byte[] before = Files.readAllBytes(source);
        OutputException src = assertThrows(OutputException.class, () -> ExportMacroRunner.run(imp,
                "source=" + q(shuffled) + " out=" + q(source) + " overwrite", () -> ExportLabelImageCommand.export(imp)));
        assertTrue(src.getMessage().contains("source"), src.getMessage());
        assertArrayEquals(before, Files.readAllBytes(source));

        // BINARY + JPEG 2000 is written (1-bit code streams, as highdicom writes them), no longer refused.
        Path j2k = dir.resolve("j.dcm");
        ExportMacroRunner.run(imp, "source=" + q(CT) + " out=" + q(j2k) + " compression=j2k", () -> ExportLabelImageCommand.export(imp));
        Conformance.assertConformant(j2k);

        IllegalArgumentException choice = assertThrows(IllegalArgumentException.class, () -> ExportMacroRunner.run(imp,
                "source=" + q(CT) + " out=" + q(dir.resolve("c.dcm")) + " compression=zip", () -> ExportLabelImageCommand.export(imp)));
        assertTrue(choice.getMessage().contains("zip") && choice.getMessage().contains("compression"), choice.getMessage());

        ImagePlus notDicom = labels();
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> ExportMacroRunner.run(notDicom,
                "out=" + q(dir.resolve("n.dcm")), () -> ExportLabelImageCommand.export(notDicom)));
        assertTrue(none.getMessage().contains("source="), none.getMessage());
    }

    @Test void cancelLeavesNoFile(@TempDir Path dir) throws Exception {
        ImagePlus imp = labels();
        int[] reads = {0};
        Progress cancelLater = new Progress() {
            @Override public void progress(long done, long total) { reads[0]++; }
            @Override public boolean canceled() { return reads[0] >= 7; }
        };
        ExportPlan plan = LabelImageExport.prepare(imp, null, cancelLater);
        SourceSeries src = SourceLocator.fromPath(CT.toString(), 64, 64, 5);
        Path out = dir.resolve("cancelled.dcm");
        CanceledException e = assertThrows(CanceledException.class, () -> SegExport.write(plan, src, SegWriteOptions.defaults(), out));
        assertEquals("Export cancelled; no file was written", e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count(), "no output and no temporary file");
        }
        assertTrue(reads[0] >= 7);
    }

    @Test void headlessWithoutOptionsExplainsWhatIsNeeded() throws Exception {
        ImagePlus imp = labels();
        ij.WindowManager.setTempCurrentImage(imp);
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportLabelImageCommand.export(imp));
            assertTrue(e.getMessage().contains("macro options") && e.getMessage().contains("out="), e.getMessage());
        } finally {
            ij.WindowManager.setTempCurrentImage(null);
        }
    }

    @Test void roiPlacementUsedByCommandsCoversHyperstacks() {
        assertEquals(5, new RoiPlacement(2, 5, 1).planeCount());
    }
}
