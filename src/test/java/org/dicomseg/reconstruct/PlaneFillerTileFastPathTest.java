package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.dicomseg.read.FrameInfo;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceImages;
import org.dicomseg.write.TiledGeometry;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.testing.TiledSegs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tile fast paths of {@link PlaneFiller} (frames placed at an offset: packed bits spread row
 * by row at any bit alignment by {@link PackedBitsWriter#packedTile}, RLE runs cut at rows and
 * clipped by {@link RunSinks.Window}, tiles of one plane decoded on several threads by
 * {@link FrameBatches}) against a plain reference built here from
 * {@link SegmentationReader#readFrame} and the tile positions: tiles of 256 (aligned), 37 x 29 (odd: rows not byte aligned, clipped at
 * the matrix edge), BINARY native and RLE, LABELMAP native and RLE, FRACTIONAL RLE and native, to
 * channels and to a label map, whole matrix and regions at unaligned offsets, 1 and 2 threads.
 */
class PlaneFillerTileFastPathTest {
    @TempDir
    static Path tmp;

    private static final int W = 601;
    private static final int H = 433;
    private static Path slide;

    @BeforeAll
    static void slide() throws Exception {
        slide = tmp.resolve("slide.dcm");
        new SlideWriter(SampleStudy.deterministic(5), W, H, 128).headerOnly(true).write(slide);
    }

    /** Labels 0..3 in runs (long runs make full and empty tiles too). */
    private static byte[] labels(long seed) {
        Random r = new Random(seed);
        byte[] p = new byte[W * H];
        int i = 0;
        while (i < p.length) {
            int len = r.nextInt(5) == 0 ? 1 + r.nextInt(9) : 1 + r.nextInt(r.nextInt(8) == 0 ? 4000 : 90);
            int v = r.nextInt(2) == 0 ? 1 + r.nextInt(3) : 0;
            for (int k = 0; k < len && i < p.length; k++) p[i++] = (byte) v;
        }
        return p;
    }

    private static Path write(SegmentationType type, OutputTransferSyntax ts, int tileRows, int tileCols,
            DimensionOrganization org) throws Exception {
        byte[] labels = labels(tileRows * 31L + tileCols + type.ordinal());
        Path out = tmp.resolve(type + "-" + ts + "-" + tileRows + "x" + tileCols + "-" + org + ".dcm");
        SegWriteOptions o = SegWriteOptions.builder().segmentationType(type).transferSyntax(ts).overwrite(true)
                .tiledGeometry(TiledGeometry.defaults().withTileSize(tileRows, tileCols).withOrganization(org)).build();
        if (type == SegmentationType.FRACTIONAL) {
            float[][][] f = new float[3][1][W * H];
            for (int i = 0; i < labels.length; i++) if (labels[i] != 0) f[labels[i] - 1][0][i] = labels[i] / 3f;
            SegWriter.write(out, StackedMasks.ofFloats(f, H, W), TiledSegs.descriptions(3), SourceImages.read(slide), o);
        } else {
            SegWriter.write(out, LabelMapMask.ofBytes(new byte[][] {labels}, H, W), TiledSegs.descriptions(3), SourceImages.read(slide), o);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1} {2}x{3} {4}")
    @CsvSource({
        "BINARY, EXPLICIT_VR_LITTLE_ENDIAN, 256, 256, TILED_SPARSE", "BINARY, EXPLICIT_VR_LITTLE_ENDIAN, 37, 29, TILED_FULL",
        "BINARY, RLE_LOSSLESS, 37, 29, TILED_SPARSE", "BINARY, EXPLICIT_VR_LITTLE_ENDIAN, 64, 64, TILED_FULL",
        "LABELMAP, EXPLICIT_VR_LITTLE_ENDIAN, 37, 29, TILED_SPARSE", "LABELMAP, RLE_LOSSLESS, 37, 29, TILED_FULL",
        "LABELMAP, RLE_LOSSLESS, 256, 256, TILED_SPARSE",
        "FRACTIONAL, RLE_LOSSLESS, 37, 29, TILED_SPARSE", "FRACTIONAL, EXPLICIT_VR_LITTLE_ENDIAN, 64, 64, TILED_FULL",
    })
    void tilesAtAnOffsetMatchTheReference(SegmentationType type, OutputTransferSyntax ts, int tileRows, int tileCols,
            DimensionOrganization org) throws Exception {
        Path seg = write(type, ts, tileRows, tileCols, org);
        int[][] regions = {{0, 0, W, H}, {13, 7, 301, 222}, {W - 70, H - 51, 70, 51}, {8, 16, 250, 100}, {100, 0, 1, H}};
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            for (int[] g : regions) {
                for (int threads = 1; threads <= 2; threads++) {
                    for (boolean labelOut : new boolean[] {false, true}) {
                        ReconstructionOptions o = ReconstructionOptions.defaults().threads(threads).rescaleFractional(false);
                        if (labelOut) o.combineToLabelMap();
                        SegmentationVolume v = Reconstructor.region(r, g[0], g[1], g[2], g[3], o);
                        byte[][] ref = reference(r, type, g, labelOut);
                        String what = type + " " + ts + " region " + g[0] + "," + g[1] + " " + g[2] + "x" + g[3]
                                + " threads " + threads + (labelOut ? " label map" : " channels");
                        assertEquals(ref.length, v.channels(), what);
                        for (int c = 0; c < ref.length; c++) {
                            Object p = v.plane(c, 0);
                            byte[] got = p == null ? new byte[g[2] * g[3]] : (byte[]) p;
                            assertArrayEquals(ref[c], got, what + " channel " + c);
                        }
                    }
                }
            }
        }
    }

    /** Channels (or the one label map) of a region, tile by tile from readFrame, pixel by pixel. */
    private static byte[][] reference(SegmentationReader r, SegmentationType type, int[] g, boolean labelOut) throws Exception {
        byte[][] out = new byte[labelOut ? 1 : 3][g[2] * g[3]];
        int rows = r.rows(), cols = r.columns();
        List<FrameInfo> frames = r.frames();
        for (FrameInfo f : frames) {
            byte[] px = r.readFrame(f.frameNumber());
            int tx = f.columnPositionInTotalPixelMatrix() - 1 - g[0];
            int ty = f.rowPositionInTotalPixelMatrix() - 1 - g[1];
            int seg = type == SegmentationType.LABELMAP ? 0 : f.referencedSegmentNumber();
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    int px0 = tx + x, py0 = ty + y;
                    if (px0 < 0 || py0 < 0 || px0 >= g[2] || py0 >= g[3]) continue;
                    int v = px[y * cols + x] & 0xFF;
                    if (v == 0) continue;
                    int i = py0 * g[2] + px0;
                    if (type == SegmentationType.LABELMAP) {
                        if (labelOut) out[0][i] = (byte) v;
                        else out[v - 1][i] = 1;
                    } else if (labelOut) {
                        out[0][i] = (byte) seg;
                    } else {
                        out[seg - 1][i] = (byte) (type == SegmentationType.BINARY ? 1 : v);
                    }
                }
            }
        }
        return out;
    }
}
