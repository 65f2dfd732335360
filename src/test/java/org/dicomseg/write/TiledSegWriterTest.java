package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegmentationMetadata;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceImages;
import org.dicomseg.source.TotalPixelMatrix;
import org.dicomseg.testing.IndependentDecode;
import org.dicomseg.testing.SegTestData;

/**
 * Tiled SEGs on slides (PS3.3 C.7.6.17.3, C.8.12.4): written over the Total Pixel Matrix of the
 * corpus' tiny slides and of a generated 1000 x 700 slide with 256 tiles, TILED_SPARSE and
 * TILED_FULL, BINARY/FRACTIONAL/LABELMAP, native and RLE; every file passes the conformance gate
 * and reads back (whole matrix and regions) to exactly the mask that was written, at the right
 * place of the slide.
 */
class TiledSegWriterTest {
    @TempDir static Path tmp;
    static Path bigSlide;
    static SlideWriter bigWriter;

    @BeforeAll
    static void slide() throws Exception {
        Shared.assumePresent();
        bigWriter = new SlideWriter(SampleStudy.deterministic(7), 1000, 700, 256);
        bigSlide = tmp.resolve("slide-1000x700.dcm");
        bigWriter.write(bigSlide);
    }

    /** Labels: 1 = a disk, 2 = a bar (not overlapping), 0 elsewhere. */
    static byte[] labels(int w, int h) {
        byte[] px = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - w * 0.35, dy = y - h * 0.4;
                if (dx * dx + dy * dy <= (w * 0.2) * (w * 0.2)) px[y * w + x] = 1;
                else if (y >= h * 0.7 && y < h * 0.8 && x >= w * 0.1) px[y * w + x] = 2;
            }
        }
        return px;
    }

    static List<SegmentDescription> two() { return SegTestData.descriptions(2); }

    static SegWriteOptions options(SegmentationType type, OutputTransferSyntax ts, DimensionOrganization org, long row, long col) {
        return SegWriteOptions.builder().segmentationType(type).transferSyntax(ts)
                .tiledGeometry(TiledGeometry.defaults().withOrganization(org).withRegionOffset(row, col)).build();
    }

    static SegmentationMask mask(SegmentationType type, byte[] labels, int w, int h) {
        if (type != SegmentationType.FRACTIONAL) return LabelMapMask.ofBytes(new byte[][] {labels}, h, w);
        float[][][] f = new float[2][1][w * h];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0) f[labels[i] - 1][0][i] = labels[i] == 1 ? 1f : 0.5f;
        }
        return StackedMasks.ofFloats(f, h, w);
    }

    /** The label image read back from {@code seg} over a region of its total pixel matrix. */
    static byte[] readLabels(Path seg, int x, int y, int w, int h) throws Exception {
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            SegmentationVolume v = Reconstructor.region(r, x, y, w, h, ReconstructionOptions.defaults().combineToLabelMap());
            Object p = v.plane(0, 0);
            if (p instanceof byte[]) return (byte[]) p;
            short[] s = (short[]) p;
            byte[] b = new byte[s.length];
            for (int i = 0; i < s.length; i++) b[i] = (byte) s[i];
            return b;
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "BINARY, EXPLICIT_VR_LITTLE_ENDIAN, TILED_SPARSE", "BINARY, RLE_LOSSLESS, TILED_FULL",
        "BINARY, EXPLICIT_VR_LITTLE_ENDIAN, TILED_FULL", "BINARY, RLE_LOSSLESS, TILED_SPARSE",
        "LABELMAP, EXPLICIT_VR_LITTLE_ENDIAN, TILED_SPARSE", "LABELMAP, RLE_LOSSLESS, TILED_FULL",
        "FRACTIONAL, RLE_LOSSLESS, TILED_SPARSE", "FRACTIONAL, EXPLICIT_VR_LITTLE_ENDIAN, TILED_FULL",
    })
    void corpusSlideWholeMatrix(SegmentationType type, OutputTransferSyntax ts, DimensionOrganization org) throws Exception {
        Path src = Shared.corpus("highdicom/sm_image.dcm");
        byte[] labels = labels(50, 50);
        Path out = tmp.resolve("sm-" + type + "-" + ts + "-" + org + ".dcm");
        SegWriteResult res = SegWriter.write(out, mask(type, labels, 50, 50), two(), SourceImages.read(src),
                options(type, ts, org, 0, 0));
        Conformance.assertConformant(out);
        try (SegmentationReader r = SegmentationReader.open(out)) {
            SegmentationMetadata m = r.metadata();
            assertEquals(org, m.dimensionOrganizationType());
            assertEquals(50, m.totalPixelMatrixRows());
            assertEquals(50, m.totalPixelMatrixColumns());
            assertEquals(10, m.rows());
            assertEquals(10, m.columns());
            assertArrayEquals(new double[] {0, -1, 0, -1, 0, 0}, m.imageOrientationSlide(), 0);
            int segs = type == SegmentationType.LABELMAP ? 1 : 2;
            if (org == DimensionOrganization.TILED_FULL) assertEquals(25 * segs, res.numberOfFrames());
            else assertTrue(res.numberOfFrames() < 25 * segs, "empty tiles omitted: " + res.numberOfFrames());
            for (FrameInfo f : r.frames()) {
                assertEquals(0, (f.rowPositionInTotalPixelMatrix() - 1) % 10);
                assertEquals(0, (f.columnPositionInTotalPixelMatrix() - 1) % 10);
            }
        }
        byte[] back = readLabels(out, 0, 0, 50, 50);
        if (type == SegmentationType.FRACTIONAL) {
            try (SegmentationReader r = SegmentationReader.open(out)) {
                SegmentationVolume v = Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults());
                byte[] s1 = v.bytePlane(0, 0), s2 = v.bytePlane(1, 0);
                for (int i = 0; i < labels.length; i++) {
                    assertEquals(labels[i] == 1 ? 255 : 0, s1[i] & 0xFF, "segment 1 at " + i);
                    assertEquals(labels[i] == 2 ? 128 : 0, s2[i] & 0xFF, "segment 2 at " + i);
                }
            }
        } else {
            assertArrayEquals(labels, back);
        }
        // a region across tile borders reads the same pixels
        byte[] region = readLabels(out, 7, 13, 31, 22);
        for (int y = 0; y < 22; y++) {
            for (int x = 0; x < 31; x++) {
                int want = type == SegmentationType.FRACTIONAL ? (labels[(13 + y) * 50 + 7 + x] == 0 ? 0 : -1) : labels[(13 + y) * 50 + 7 + x];
                if (want >= 0) assertEquals(want, region[y * 31 + x], "region pixel " + x + "," + y);
            }
        }
    }

    @Test
    void headerHasSlideGeometrySpecimenAndReferences() throws Exception {
        Path src = Shared.corpus("highdicom/sm_image_grayscale.dcm");
        Path out = tmp.resolve("grey-header.dcm");
        SegWriter.write(out, mask(SegmentationType.BINARY, labels(50, 50), 50, 50), two(), SourceImages.read(src),
                options(SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, DimensionOrganization.TILED_SPARSE, 0, 0));
        Conformance.assertConformant(out);
        SourceImages s = SourceImages.read(src);
        TotalPixelMatrix tpm = s.totalPixelMatrix();
        try (SegmentationReader r = SegmentationReader.open(out)) {
            SegmentationMetadata m = r.metadata();
            assertEquals(s.frameOfReferenceUid(), m.frameOfReferenceUid());
            assertArrayEquals(new double[] {0.000499, 0.000499}, m.pixelSpacing(), 1e-9);
            for (FrameInfo f : r.frames()) {
                int row = f.rowPositionInTotalPixelMatrix() - 1, col = f.columnPositionInTotalPixelMatrix() - 1;
                // source tile frame number on the source's TILED_FULL grid (5 tiles across)
                assertEquals(s.frame(0).sopInstanceUid(), f.sources().get(0).sopInstanceUid());
                assertArrayEquals(new int[] {row / 10 * 5 + col / 10 + 1}, f.sources().get(0).frameNumbers());
                double[] xyz = tpm.slidePosition(row, col);
                assertArrayEquals(xyz, f.slidePosition(), 1e-6);
            }
        }
        String dump = Conformance.dciodvfy(out);
        assertTrue(!dump.contains("Error"), dump);
        com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
        l.read(out.toString(), com.pixelmed.dicom.TagFromName.PixelData);
        assertEquals("S19-1_A_1_1", com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(l, com.pixelmed.dicom.TagFromName.ContainerIdentifier));
        assertTrue(l.get(com.pixelmed.dicom.TagFromName.SpecimenDescriptionSequence) != null);
        assertEquals("TILED_SPARSE", com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(l, com.pixelmed.dicom.TagFromName.DimensionOrganizationType));
        assertEquals(java.util.Set.of("YES"), spatialLocationsPreserved(l), "SEG tiles are the source's tiles (PS3.3 C.7.6.1.1.3)");
    }

    /** Spatial Locations Preserved of every per-frame Source Image item. */
    private static java.util.Set<String> spatialLocationsPreserved(com.pixelmed.dicom.AttributeList l) {
        java.util.Set<String> values = new java.util.HashSet<>();
        com.pixelmed.dicom.SequenceAttribute pf = (com.pixelmed.dicom.SequenceAttribute) l.get(
                com.pixelmed.dicom.TagFromName.PerFrameFunctionalGroupsSequence);
        for (int f = 0; f < pf.getNumberOfItems(); f++) {
            com.pixelmed.dicom.SequenceAttribute d = (com.pixelmed.dicom.SequenceAttribute) pf.getItem(f).getAttributeList()
                    .get(com.pixelmed.dicom.TagFromName.DerivationImageSequence);
            com.pixelmed.dicom.SequenceAttribute si = (com.pixelmed.dicom.SequenceAttribute) d.getItem(0).getAttributeList()
                    .get(com.pixelmed.dicom.TagFromName.SourceImageSequence);
            for (int i = 0; i < si.getNumberOfItems(); i++) {
                values.add(com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(si.getItem(i).getAttributeList(),
                        com.pixelmed.dicom.TagFromName.SpatialLocationsPreserved));
            }
        }
        return values;
    }

    @Test
    void regionOfTheSlideLandsAtItsOffset() throws Exception {
        Path src = Shared.corpus("highdicom/sm_image_grayscale.dcm");
        int w = 23, h = 17, col = 7, row = 12;
        byte[] labels = labels(w, h);
        for (DimensionOrganization org : DimensionOrganization.values()) {
            if (org != DimensionOrganization.TILED_FULL && org != DimensionOrganization.TILED_SPARSE) continue;
            Path out = tmp.resolve("region-" + org + ".dcm");
            SegWriter.write(out, mask(SegmentationType.BINARY, labels, w, h), two(), SourceImages.read(src),
                    options(SegmentationType.BINARY, OutputTransferSyntax.RLE_LOSSLESS, org, row, col));
            Conformance.assertConformant(out);
            byte[] all = readLabels(out, 0, 0, 50, 50);
            for (int y = 0; y < 50; y++) {
                for (int x = 0; x < 50; x++) {
                    boolean in = x >= col && x < col + w && y >= row && y < row + h;
                    int want = in ? labels[(y - row) * w + x - col] : 0;
                    assertEquals(want, all[y * 50 + x], "pixel " + x + "," + y + " (" + org + ")");
                }
            }
            byte[] region = readLabels(out, col, row, w, h);
            assertArrayEquals(labels, region);
        }
        assertThrows(SegWriteException.class, () -> SegWriter.write(tmp.resolve("too-far.dcm"),
                mask(SegmentationType.BINARY, labels, w, h), two(), SourceImages.read(src),
                options(SegmentationType.BINARY, OutputTransferSyntax.RLE_LOSSLESS, DimensionOrganization.TILED_SPARSE, 40, 40)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"TILED_SPARSE, BINARY", "TILED_FULL, BINARY", "TILED_SPARSE, LABELMAP", "TILED_FULL, FRACTIONAL"})
    void generatedSlideWith256Tiles(DimensionOrganization org, SegmentationType type) throws Exception {
        int w = 1000, h = 700;
        byte[] tissue = new byte[w * h];
        long count = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (bigWriter.isTissue(x, y)) { tissue[y * w + x] = 1; count++; }
                else if (x >= 900 && y >= 600) tissue[y * w + x] = 2;
            }
        }
        SourceImages src = SourceImages.read(bigSlide);
        assertEquals(256, src.totalPixelMatrix().tileRows());
        Path out = tmp.resolve("big-" + org + "-" + type + ".dcm");
        SegWriteResult res = SegWriter.write(out, mask(type, tissue, w, h), two(), src,
                options(type, OutputTransferSyntax.RLE_LOSSLESS, org, 0, 0));
        Conformance.assertConformant(out);
        int segs = type == SegmentationType.LABELMAP ? 1 : 2;
        if (org == DimensionOrganization.TILED_FULL) assertEquals(4 * 3 * segs, res.numberOfFrames());
        else assertTrue(res.numberOfFrames() < 4 * 3 * segs, "frames " + res.numberOfFrames());
        byte[] back = readLabels(out, 0, 0, w, h);
        if (type != SegmentationType.FRACTIONAL) assertArrayEquals(tissue, back);
        else for (int i = 0; i < back.length; i++) assertEquals(tissue[i] != 0, back[i] != 0, "pixel " + i);
        long n = 0;
        for (byte b : back) if (b == 1) n++;
        assertEquals(count, n);
        byte[] region = readLabels(out, 250, 200, 300, 120);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 300; x++) {
                assertEquals(tissue[(200 + y) * w + 250 + x] != 0, region[y * 300 + x] != 0);
            }
        }
        try (SegmentationReader r = SegmentationReader.open(out)) {
            SegmentationVolume v = Reconstructor.region(r, 260, 260, 200, 200, ReconstructionOptions.defaults());
            // tile (1,1) only: one frame per segment present in it
            assertTrue(v.framesRead() <= segs, "frames read " + v.framesRead());
        }
    }

    @Test
    void notASlideWritesNoTiles() throws Exception {
        SourceImages ct = SourceImages.read(Shared.corpus("highdicom/ct_image.dcm"));
        assertNull(ct.totalPixelMatrix());
    }

    @Test
    void corpusTiledSegsLandOnTheirSourceTiles() throws Exception {
        Path src = Shared.corpus("highdicom/sm_image.dcm");
        TotalPixelMatrix tpm = SourceImages.read(src).totalPixelMatrix();
        for (String name : new String[] {"seg_image_sm_dots.dcm", "seg_image_sm_numbers.dcm", "seg_image_sm_dots_tiled_full.dcm",
                "seg_image_sm_control_labelmap_palette_color.dcm"}) {
            Path seg = Shared.corpus("highdicom/" + name);
            Map<Integer, Long> expected = IndependentDecode.counts(seg);
            try (SegmentationReader r = SegmentationReader.open(seg)) {
                assertEquals(tpm.rows(), r.metadata().totalPixelMatrixRows(), name);
                assertEquals(tpm.columns(), r.metadata().totalPixelMatrixColumns(), name);
                for (FrameInfo f : r.frames()) {
                    int row = f.rowPositionInTotalPixelMatrix() - 1, col = f.columnPositionInTotalPixelMatrix() - 1;
                    assertEquals(0, row % tpm.tileRows(), name);
                    assertEquals(0, col % tpm.tileColumns(), name);
                    assertTrue(row < tpm.rows() && col < tpm.columns(), name);
                    // (highdicom 0.4's Referenced Frame Numbers follow a transposed tile order and its slide
                    // offsets vary X with columns: neither is checked here, positions in the matrix are.)
                }
                boolean lm = r.segmentationType() == SegmentationType.LABELMAP;
                SegmentationVolume v = Reconstructor.totalPixelMatrix(r, lm
                        ? ReconstructionOptions.defaults().combineToLabelMap() : ReconstructionOptions.defaults());
                if (lm) {
                    Object p = v.plane(0, 0);
                    for (Map.Entry<Integer, Long> e : expected.entrySet()) {
                        if (e.getKey() == 0) continue;
                        long c = 0;
                        if (p instanceof byte[]) { for (byte b : (byte[]) p) if ((b & 0xFF) == e.getKey()) c++; }
                        else for (short s : (short[]) p) if ((s & 0xFFFF) == e.getKey()) c++;
                        assertEquals(e.getValue(), c, name + " label " + e.getKey());
                    }
                } else {
                    int[] segs = v.segmentNumbers();
                    for (int ch = 0; ch < segs.length; ch++) {
                        assertEquals(expected.get(segs[ch]), v.countNonZero(ch), name + " segment " + segs[ch]);
                    }
                }
            }
        }
    }

    @Test
    void tileSizeOtherThanTheSourcesStillLandsRight() throws Exception {
        int w = 1000, h = 700;
        byte[] tissue = new byte[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) if (bigWriter.isTissue(x, y)) tissue[y * w + x] = 1;
        byte[] region = new byte[333 * 211];
        for (int y = 0; y < 211; y++) System.arraycopy(tissue, (250 + y) * w + 123, region, y * 333, 333);
        Path out = tmp.resolve("tiles-100.dcm");
        SegWriter.write(out, LabelMapMask.ofBytes(new byte[][] {region}, 211, 333), SegTestData.descriptions(1), SourceImages.read(bigSlide),
                SegWriteOptions.builder().tiledGeometry(TiledGeometry.defaults().withTileSize(100).withRegionOffset(250, 123)).build());
        Conformance.assertConformant(out);
        try (SegmentationReader r = SegmentationReader.open(out)) {
            assertEquals(100, r.metadata().rows());
            for (FrameInfo f : r.frames()) {
                assertEquals(0, (f.rowPositionInTotalPixelMatrix() - 1) % 100);
                assertEquals(0, f.sources().get(0).frameNumbers().length, "source tiles are 256: no frame number");
            }
        }
        com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
        l.read(out.toString(), com.pixelmed.dicom.TagFromName.PixelData);
        assertEquals(java.util.Set.of("NO"), spatialLocationsPreserved(l), "100-pixel tiles are not the source's 256-pixel tiles");
        assertArrayEquals(region, readLabels(out, 123, 250, 333, 211));
    }
}
