package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;

import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceImages;
import org.dicomseg.write.TiledGeometry;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.PixelKind;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.testing.TiledSegs;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A tiled BINARY SEG written from a lazy label source that says it can be read concurrently
 * ({@link MaskPlanes#supportsConcurrentReads()}: first pass and packing then run on several
 * threads, each with its own buffer) reads back exactly like the same labels written from memory:
 * odd tiles clipped at the matrix edge and 64² tiles, sparse and full, writer threads 1 and 2.
 */
class LazyTiledWriteTest {
    @TempDir
    static Path tmp;

    private static final int W = 601;
    private static final int H = 433;

    @ParameterizedTest(name = "{0}x{1} {2} threads {3}")
    @CsvSource({"37, 29, TILED_SPARSE, 1", "37, 29, TILED_SPARSE, 2", "64, 64, TILED_FULL, 2", "64, 64, TILED_SPARSE, 1"})
    void concurrentLazySourceWritesTheSameTiles(int tr, int tc, DimensionOrganization org, int threads) throws Exception {
        Path slide = tmp.resolve("slide-" + tr + "-" + org + threads + ".dcm");
        new SlideWriter(SampleStudy.deterministic(6), W, H, 128).headerOnly(true).write(slide);
        byte[] labels = new byte[W * H];
        Random r = new Random(tr * 7L + threads);
        for (int i = 0; i < labels.length;) {
            int len = 1 + r.nextInt(r.nextInt(6) == 0 ? 3000 : 70);
            int v = r.nextInt(2) == 0 ? 1 + r.nextInt(2) : 0;
            for (int k = 0; k < len && i < labels.length; k++) labels[i++] = (byte) v;
        }
        MaskPlanes lazy = new MaskPlanes() {
            @Override public int rows() { return H; }
            @Override public int columns() { return W; }
            @Override public int planes() { return 1; }
            @Override public PixelKind kind() { return PixelKind.UINT8; }
            @Override public boolean supportsConcurrentReads() { return true; }

            @Override public Object readPlane(int plane, Object dst) { return labels.clone(); }

            @Override public void readRegion(int plane, int x, int y, int width, int height, Object dst) {
                for (int row = 0; row < height; row++) System.arraycopy(labels, (y + row) * W + x, dst, row * width, width);
            }
        };
        SegWriteOptions o = SegWriteOptions.builder().threads(threads).overwrite(true)
                .tiledGeometry(TiledGeometry.defaults().withTileSize(tr, tc).withOrganization(org)).build();
        Path a = tmp.resolve("lazy.dcm"), b = tmp.resolve("memory.dcm");
        SegWriter.write(a, LabelMapMask.of(lazy), TiledSegs.descriptions(2), SourceImages.read(slide), o);
        SegWriter.write(b, LabelMapMask.ofBytes(new byte[][] {labels}, H, W), TiledSegs.descriptions(2), SourceImages.read(slide), o);
        try (SegmentationReader ra = SegmentationReader.open(a); SegmentationReader rb = SegmentationReader.open(b)) {
            assertEquals(rb.metadata().numberOfFrames(), ra.metadata().numberOfFrames());
            ReconstructionOptions ro = ReconstructionOptions.defaults().combineToLabelMap();
            byte[] got = (byte[]) Reconstructor.region(ra, 0, 0, W, H, ro).plane(0, 0);
            byte[] want = (byte[]) Reconstructor.region(rb, 0, 0, W, H, ro).plane(0, 0);
            assertArrayEquals(want, got);
            assertArrayEquals(labels, got);
            assertTrue(ra.frames().size() > 1);
        }
    }
}
