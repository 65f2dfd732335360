package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.samples.BenchmarkSeries;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Nibabel;
import org.dicomseg.testing.Nrrd;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import SEG --out Y.nii.gz|Y.nrrd [--as labels|segments]}: read back by nibabel (affine and
 * voxels) and by an independent NRRD reader, the dcmqi JSON beside it picked up again by
 * {@code export --labels Y.nii.gz}, overlapping segments refused for a label map unless
 * {@code --last-wins}, and nothing left behind on a refusal.
 */
class VolumeImportCliTest {
    static final int PLANES = VolumeExportCliTest.PLANES;
    static final int ROWS = VolumeExportCliTest.ROWS;
    static final int COLUMNS = VolumeExportCliTest.COLUMNS;

    @TempDir
    static Path dir;
    static Path ct;
    static List<Path> ctFiles;
    static Path labelSeg;
    static Path overlapSeg;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void fixtures() throws Exception {
        ct = Files.createDirectories(dir.resolve("ct"));
        ctFiles = BenchmarkSeries.write(ct, PLANES, ROWS, COLUMNS, BenchmarkSeries.Pixels.ZEROS, 23);
        ImageStack stack = new ImageStack(COLUMNS, ROWS);
        byte[][] a = new byte[PLANES][ROWS * COLUMNS];
        byte[][] b = new byte[PLANES][ROWS * COLUMNS];
        for (int p = 0; p < PLANES; p++) {
            byte[] plane = new byte[ROWS * COLUMNS];
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLUMNS; c++) {
                    int v = VolumeExportCliTest.label(p, r, c);
                    plane[r * COLUMNS + c] = (byte) v;
                    a[p][r * COLUMNS + c] = (byte) (v == 1 ? 1 : 0);
                    b[p][r * COLUMNS + c] = (byte) (v == 1 && c > 40 || v == 2 ? 1 : 0); // overlaps segment 1 where c > 40
                }
            }
            stack.addSlice(new ByteProcessor(COLUMNS, ROWS, plane));
        }
        Path tif = dir.resolve("labels.tif");
        assertTrue(new FileSaver(new ImagePlus("labels", stack)).saveAsTiffStack(tif.toString()));
        labelSeg = dir.resolve("labels-seg.dcm");
        assertEquals(0, Main.run(List.of("export", "--labels", tif.toString(), "--source", ct.toString(), "--out", labelSeg.toString()),
                new PrintStream(new ByteArrayOutputStream()), System.err));
        overlapSeg = dir.resolve("overlap-seg.dcm");
        List<SegmentDescription> d = new ArrayList<>();
        for (int s = 1; s <= 2; s++) {
            d.add(SegmentDescription.builder(s, s == 1 ? "Liver" : "Lesion").category(Codes.TISSUE).type(Codes.TISSUE)
                    .algorithmType(SegmentAlgorithmType.MANUAL).build());
        }
        SegWriter.write(overlapSeg, StackedMasks.of(MaskPlanes.ofBytes(a, ROWS, COLUMNS), MaskPlanes.ofBytes(b, ROWS, COLUMNS)), d,
                SourceImages.read(ctFiles), SegWriteOptions.builder().segmentationType(SegmentationType.BINARY).build());
        Conformance.assertConformant(labelSeg, overlapSeg);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Planes 10..140 hold labels: the SEG's frames span them, and the volume is those planes. */
    static int[] expectedLabels(int first, int last) {
        int[] seg = {0, 1, 2, 0, 0, 3};
        int[] v = new int[(last - first + 1) * ROWS * COLUMNS];
        int i = 0;
        for (int p = first; p <= last; p++) for (int r = 0; r < ROWS; r++) for (int c = 0; c < COLUMNS; c++) v[i++] = seg[VolumeExportCliTest.label(p, r, c)];
        return v;
    }

    @Test
    void niftiLabelMapReadsBackInNibabelWithTheSourcesAffineAndExportsBackToTheSameSegments() throws Exception {
        Path nii = dir.resolve("y.nii.gz");
        assertEquals(0, run("import", labelSeg.toString(), "--out", nii.toString()), err.toString());
        assertTrue(Files.exists(dir.resolve("y.json")));
        JsonObject n = Nibabel.read(nii);
        JsonArray shape = n.getAsJsonArray("shape");
        assertEquals(List.of(COLUMNS, ROWS, 131), List.of(shape.get(0).getAsInt(), shape.get(1).getAsInt(), shape.get(2).getAsInt()));
        assertEquals("uint8", n.get("dtype").getAsString());
        assertEquals(1, n.get("sform_code").getAsInt());
        assertEquals(1, n.get("qform_code").getAsInt());
        double[] o = VolumeExportCliTest.origin();
        double[] sp = VolumeExportCliTest.spacing();
        double[][] expected = {{-sp[0], 0, 0, -o[0]}, {0, -sp[1], 0, -o[1]}, {0, 0, sp[2], o[2] + 10 * sp[2]}, {0, 0, 0, 1}};
        JsonArray aff = n.getAsJsonArray("affine");
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) assertEquals(expected[r][c], aff.get(r).getAsJsonArray().get(c).getAsDouble(), 1e-4, "affine " + r + "," + c);
        }
        assertEquals(Nibabel.labelHash(expectedLabels(10, 140)), n.get("sha256").getAsString());

        Path back = dir.resolve("back.dcm");
        assertEquals(0, run("export", "--labels", nii.toString(), "--source", ct.toString(), "--out", back.toString()), err.toString());
        assertTrue(out.toString().contains("Segment metadata from y.json beside y.nii.gz"), out.toString());
        assertTrue(out.toString().contains("19 source plane(s) outside the file are empty"), out.toString());
        Conformance.assertConformant(back);
        try (SegmentationReader a = SegmentationReader.open(labelSeg); SegmentationReader b = SegmentationReader.open(back)) {
            assertSameDescriptions(a.segments(), b.segments());
            assertEquals(a.segmentPixelCounts(), b.segmentPixelCounts());
            assertEquals(a.numberOfFrames(), b.numberOfFrames());
        }
    }

    @Test
    void onTheSourceGridTheVolumeHasTheSeriesExtentAndExportsBackExactly() throws Exception {
        Path nii = dir.resolve("grid.nii.gz");
        assertEquals(0, run("import", labelSeg.toString(), "--out", nii.toString(), "--source", ct.toString()), err.toString());
        JsonObject n = Nibabel.read(nii);
        JsonArray shape = n.getAsJsonArray("shape");
        assertEquals(List.of(COLUMNS, ROWS, PLANES), List.of(shape.get(0).getAsInt(), shape.get(1).getAsInt(), shape.get(2).getAsInt()));
        double[] o = VolumeExportCliTest.origin();
        assertEquals(o[2], n.getAsJsonArray("affine").get(2).getAsJsonArray().get(3).getAsDouble(), 1e-4);
        assertEquals(Nibabel.labelHash(expectedLabels(0, PLANES - 1)), n.get("sha256").getAsString());
        Path back = dir.resolve("grid-back.dcm");
        assertEquals(0, run("export", "--labels", nii.toString(), "--source", ct.toString(), "--out", back.toString()), err.toString());
        assertFalse(out.toString().contains("outside the file are empty"), out.toString());
        Conformance.assertConformant(back);
        try (SegmentationReader a = SegmentationReader.open(labelSeg); SegmentationReader b = SegmentationReader.open(back)) {
            assertEquals(a.segmentPixelCounts(), b.segmentPixelCounts());
            assertEquals(a.numberOfFrames(), b.numberOfFrames());
        }
    }

    @Test
    void segmentsAsA4dNrrdOneComponentPerSegment() throws Exception {
        Path nrrd = dir.resolve("s.nrrd");
        assertEquals(0, run("import", overlapSeg.toString(), "--out", nrrd.toString(), "--as", "segments"), err.toString());
        Nrrd v = Nrrd.read(nrrd);
        assertArrayEquals(new int[] {COLUMNS, ROWS, 131, 2}, v.sizes);
        assertEquals("left-posterior-superior", v.fields.get("space"));
        double[] o = VolumeExportCliTest.origin();
        assertArrayEquals(new double[] {o[0], o[1], o[2] + 10 * VolumeExportCliTest.spacing()[2]}, v.origin, 1e-5);
        int n = COLUMNS * ROWS * 131;
        for (int i = 0; i < n; i++) {
            int p = 10 + i / (ROWS * COLUMNS);
            int r = i / COLUMNS % ROWS;
            int c = i % COLUMNS;
            int lab = VolumeExportCliTest.label(p, r, c);
            assertEquals(lab == 1 ? 1 : 0, v.values[i], "segment 1 at " + p + "," + r + "," + c);
            assertEquals(lab == 1 && c > 40 || lab == 2 ? 1 : 0, v.values[n + i], "segment 2 at " + p + "," + r + "," + c);
        }
        // and back: a 4-D volume gives one segment per component, described by s.json
        Path back = dir.resolve("s-back.dcm");
        assertEquals(0, run("export", "--labels", nrrd.toString(), "--source", ct.toString(), "--out", back.toString()), err.toString());
        Conformance.assertConformant(back);
        try (SegmentationReader a = SegmentationReader.open(overlapSeg); SegmentationReader b = SegmentationReader.open(back)) {
            assertSameDescriptions(a.segments(), b.segments());
            assertEquals(a.segmentPixelCounts(), b.segmentPixelCounts());
        }
    }

    @Test
    void segmentsAsA4dNiftiReadByNibabel() throws Exception {
        Path nii = dir.resolve("s4.nii.gz");
        assertEquals(0, run("import", overlapSeg.toString(), "--out", nii.toString(), "--as", "segments"), err.toString());
        JsonObject n = Nibabel.read(nii);
        JsonArray shape = n.getAsJsonArray("shape");
        assertEquals(List.of(COLUMNS, ROWS, 131, 2), List.of(shape.get(0).getAsInt(), shape.get(1).getAsInt(), shape.get(2).getAsInt(),
                shape.get(3).getAsInt()));
        int[] expected = new int[2 * 131 * ROWS * COLUMNS];
        int i = 0;
        for (int s = 1; s <= 2; s++) {
            for (int p = 10; p <= 140; p++) {
                for (int r = 0; r < ROWS; r++) {
                    for (int c = 0; c < COLUMNS; c++) {
                        int lab = VolumeExportCliTest.label(p, r, c);
                        expected[i++] = s == 1 ? (lab == 1 ? 1 : 0) : (lab == 1 && c > 40 || lab == 2 ? 1 : 0);
                    }
                }
            }
        }
        assertEquals(Nibabel.labelHash(expected), n.get("sha256").getAsString());
    }

    @Test
    void overlapsAreRefusedForALabelMapUnlessLastWins() throws Exception {
        Path nii = dir.resolve("o.nii");
        assertEquals(1, run("import", overlapSeg.toString(), "--out", nii.toString()));
        assertTrue(err.toString().contains("Segments 1 and 2 overlap"), err.toString());
        assertEquals(1, err.toString().trim().lines().count());
        assertFalse(Files.exists(nii));
        assertFalse(Files.exists(dir.resolve("o.json")));
        assertEquals(0, run("import", overlapSeg.toString(), "--out", nii.toString(), "--last-wins"), err.toString());
        JsonObject n = Nibabel.read(nii);
        assertEquals("uint8", n.get("dtype").getAsString());
        int[] expected = new int[131 * ROWS * COLUMNS];
        int i = 0;
        for (int p = 10; p <= 140; p++) {
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLUMNS; c++) {
                    int lab = VolumeExportCliTest.label(p, r, c);
                    expected[i++] = lab == 1 && c > 40 || lab == 2 ? 2 : lab == 1 ? 1 : 0;
                }
            }
        }
        assertEquals(Nibabel.labelHash(expected), n.get("sha256").getAsString());
    }

    /**
     * What the dcmqi JSON carries: label, description, category, type, algorithm type and name,
     * colour (dcmqi's schema has no algorithm family or version: those come back as the reader's defaults).
     */
    static void assertSameDescriptions(List<SegmentDescription> a, List<SegmentDescription> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            SegmentDescription x = a.get(i);
            SegmentDescription y = b.get(i);
            assertEquals(x.segmentNumber(), y.segmentNumber());
            assertEquals(x.label(), y.label());
            assertEquals(x.description(), y.description());
            assertEquals(x.category(), y.category());
            assertEquals(x.type(), y.type());
            assertEquals(x.algorithmType(), y.algorithmType());
            assertEquals(x.algorithmIdentification() == null ? null : x.algorithmIdentification().name(),
                    y.algorithmIdentification() == null ? null : y.algorithmIdentification().name());
            assertEquals(x.recommendedDisplayCieLab(), y.recommendedDisplayCieLab());
        }
    }
}
