package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.source.SourceImages;
import org.dicomseg.source.TotalPixelMatrix;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Highdicom;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.TiledSegs;

/**
 * Tiled SEGs over the three third-party whole-slide images of the corpus (CMU-1 JPEG pyramid
 * converted by wsi2dcm, Camelyon JPEG and JPEG 2000 from Google's test data), none of which has
 * Slice Thickness and one of which lacks a Type 2 attribute in its Specimen Description: BINARY /
 * LABELMAP / FRACTIONAL, TILED_SPARSE / TILED_FULL, native / RLE, each at a region offset that is
 * not tile-aligned. Every file passes the conformance gate; highdicom 0.28.1 opens it and its Total
 * Pixel Matrix equals the mask placed at the offset, bit for bit (BINARY + RLE, which pydicom cannot
 * decode, is checked with the project's reader, which reads every file back too). What the slides
 * lack is written anyway (Slice Thickness, the empty Issuer of the Specimen Identifier Sequence),
 * and the Camelyon JPEG slide's Specimen Description without Container Identifier is named in a
 * warning.
 */
class CorpusSlideSegTest {
    @TempDir static Path tmp;

    /** A slide of the corpus, the region written on it (column, row, width, height). */
    enum Slide {
        CMU_LEVEL_1("wsi/dicom-wsi-sample/cmu-1-small-region/level-1-frames-0-9.dcm", 137, 211, 700, 900),
        CAMELYON_JPEG("wsi/google-medical-imaging/multi_frame_jpeg_camelyon_challenge_image.dcm", 101, 77, 900, 550),
        CAMELYON_J2K("wsi/google-medical-imaging/multi_frame_jpeg2000_camelyon_challenge_image.dcm", 333, 45, 1200, 700);

        final String file;
        final int x, y, w, h;

        Slide(String file, int x, int y, int w, int h) {
            this.file = file;
            this.x = x;
            this.y = y;
            this.w = w;
            this.h = h;
        }

        Path path() { return Shared.corpus(file); }
    }

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    @Test
    void cmuLevel() throws Exception {
        everyKind(Slide.CMU_LEVEL_1, "binary-sparse", "labelmap-full-rle");
    }

    @Test
    void camelyonJpeg() throws Exception {
        everyKind(Slide.CAMELYON_JPEG, "fractional-sparse-rle", "labelmap-full-rle");
    }

    @Test
    void camelyonJpeg2000() throws Exception {
        everyKind(Slide.CAMELYON_J2K, "binary-sparse", "fractional-sparse-rle");
    }

    /**
     * BINARY sparse native, LABELMAP full RLE, FRACTIONAL sparse RLE, BINARY full RLE on {@code s};
     * all through the gate, the first two ({@code oracle} picks which on this slide, to keep the
     * suite quick) through highdicom, BINARY + RLE through the project's reader.
     */
    static void everyKind(Slide s, String... oracle) throws Exception {
        byte[] labels = TiledSegs.labels(s.w, s.h);
        SourceImages src = SourceImages.read(s.path());
        TotalPixelMatrix level = src.totalPixelMatrix();
        long levelRows = level.rows(), levelCols = level.columns();
        String name = s.name().toLowerCase();
        Map<String, Path> segs = new LinkedHashMap<>();
        List<SegWriteResult> results = new ArrayList<>();
        SegmentationMask lm = LabelMapMask.ofBytes(new byte[][] {labels}, s.h, s.w);
        segs.put("binary-sparse", tmp.resolve(name + "-binary-sparse.dcm"));
        segs.put("labelmap-full-rle", tmp.resolve(name + "-labelmap-full-rle.dcm"));
        segs.put("fractional-sparse-rle", tmp.resolve(name + "-fractional-sparse-rle.dcm"));
        segs.put("binary-full-rle", tmp.resolve(name + "-binary-full-rle.dcm"));
        results.add(write(segs.get("binary-sparse"), lm, 2, src, s, SegmentationType.BINARY, DimensionOrganization.TILED_SPARSE,
                OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        results.add(write(segs.get("labelmap-full-rle"), lm, 2, src, s, SegmentationType.LABELMAP, DimensionOrganization.TILED_FULL,
                OutputTransferSyntax.RLE_LOSSLESS));
        results.add(write(segs.get("fractional-sparse-rle"), fractions(labels, s.w, s.h), 1, src, s, SegmentationType.FRACTIONAL,
                DimensionOrganization.TILED_SPARSE, OutputTransferSyntax.RLE_LOSSLESS));
        results.add(write(segs.get("binary-full-rle"), lm, 2, src, s, SegmentationType.BINARY, DimensionOrganization.TILED_FULL,
                OutputTransferSyntax.RLE_LOSSLESS));
        Conformance.assertConformant(segs.values().toArray(new Path[0]));

        // what the slides lack is written anyway: Slice Thickness (here the level's pixel spacing)
        for (Path seg : segs.values()) {
            try (SegmentationReader r = SegmentationReader.open(seg)) {
                assertEquals(Math.min(level.rowSpacing(), level.columnSpacing()), r.metadata().sliceThickness(), 0, seg + ": Slice Thickness");
            }
        }
        // a defect that cannot be repaired is named: the Camelyon JPEG slide describes its specimen without a Container Identifier
        for (SegWriteResult r : results) {
            if (s == Slide.CAMELYON_JPEG) {
                assertEquals(1, r.warnings().size(), r.warnings().toString());
                assertTrue(r.warnings().get(0).contains("Container Identifier (0040,0512)"), r.warnings().get(0));
                assertTrue(r.warnings().get(0).contains(s.path().toString()), r.warnings().get(0));
            } else {
                assertEquals(List.of(), r.warnings());
            }
        }

        List<Path> read = new ArrayList<>();
        for (String kind : oracle) read.add(segs.get(kind));
        List<Highdicom.TotalPixelMatrix> matrices = Highdicom.totalPixelMatrices(read, tmp);
        for (int k = 0; k < oracle.length; k++) {
            String kind = oracle[k];
            Path seg = read.get(k);
            Highdicom.TotalPixelMatrix t = matrices.get(k);
            if (kind.startsWith("fractional")) {
                assertPlaced(t, levelRows, levelCols, s, 1, (label, ch) -> label == 1 ? 255 : label == 2 ? 102 : 0, seg);
            } else {
                assertPlaced(t, levelRows, levelCols, s, 2, (label, ch) -> label == ch + 1 ? 1 : 0, seg);
            }
        }
        // every SEG through the project's reader: the whole Total Pixel Matrix, one label per pixel
        for (Map.Entry<String, Path> e : segs.entrySet()) {
            try (SegmentationReader r = SegmentationReader.open(e.getValue())) {
                Object plane = Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults().combineToLabelMap()).plane(0, 0);
                byte[] all = (byte[]) plane;
                boolean fractional = e.getKey().startsWith("fractional");
                for (int row = 0; row < levelRows; row++) {
                    for (int col = 0; col < levelCols; col++) {
                        int want = expectedLabel(labels, s, row, col);
                        if (fractional) want = want == 0 ? 0 : 1;
                        if (all[row * (int) levelCols + col] != want) {
                            assertEquals(want, all[row * (int) levelCols + col], e.getValue() + " at " + col + "," + row);
                        }
                    }
                }
            }
        }
    }

    interface Expect {
        int value(int label, int channel);
    }

    static int expectedLabel(byte[] labels, Slide s, int row, int col) {
        int x = col - s.x, y = row - s.y;
        return x < 0 || y < 0 || x >= s.w || y >= s.h ? 0 : labels[y * s.w + x];
    }

    static void assertPlaced(Highdicom.TotalPixelMatrix t, long rows, long cols, Slide s, int channels, Expect e, Path seg) {
        assertEquals(rows, t.rows, seg + ": Total Pixel Matrix Rows");
        assertEquals(cols, t.columns, seg + ": Total Pixel Matrix Columns");
        assertEquals(channels, t.segments, seg + ": segments");
        byte[] labels = TiledSegs.labels(s.w, s.h);
        for (int ch = 0; ch < channels; ch++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int want = e.value(expectedLabel(labels, s, r, c), ch);
                    if (t.value(ch, r, c) != want) {
                        assertEquals(want, t.value(ch, r, c), seg + ": segment channel " + ch + " at column " + c + ", row " + r);
                    }
                }
            }
        }
    }

    /** One segment: 1.0 in the disc of {@link TiledSegs#labels}, 0.4 in its block (stored 255 and 102). */
    static SegmentationMask fractions(byte[] labels, int w, int h) {
        float[] f = new float[labels.length];
        for (int i = 0; i < f.length; i++) f[i] = labels[i] == 1 ? 1f : labels[i] == 2 ? 0.4f : 0f;
        return StackedMasks.ofFloats(new float[][][] {{f}}, h, w);
    }

    static SegWriteResult write(Path out, SegmentationMask mask, int segments, SourceImages src, Slide s, SegmentationType type,
                      DimensionOrganization org, OutputTransferSyntax ts) throws Exception {
        SegWriteOptions.Builder b = SegWriteOptions.builder().segmentationType(type).transferSyntax(ts)
                .tiledGeometry(TiledGeometry.defaults().withOrganization(org).withRegionOffset(s.y, s.x));
        if (type == SegmentationType.FRACTIONAL) b.fractionalType(FractionalType.PROBABILITY).maxFractionalValue(255);
        return SegWriter.write(out, mask, TiledSegs.descriptions(segments), src, b.build());
    }
}
