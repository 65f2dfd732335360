package org.dicomseg.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.img.Img;
import net.imglib2.img.cell.CellImgFactory;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.real.FloatType;

import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceImages;
import org.dicomseg.write.TiledGeometry;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.testing.Conformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cell images as writer input: regions read exactly, and a tiled SEG written from one round-trips. */
class ImgLib2MaskPlanesTest {
    @TempDir
    Path tmp;

    private static int label(long x, long y) {
        long dx = x - 500, dy = y - 350;
        if (dx * dx + dy * dy < 300L * 300L) return 1;
        return x > 900 && y > 600 ? 2 : 0;
    }

    private static Img<UnsignedByteType> cellLabels(int w, int h) {
        Img<UnsignedByteType> img = new CellImgFactory<>(new UnsignedByteType(), 64).create(w, h);
        Cursor<UnsignedByteType> c = img.localizingCursor();
        while (c.hasNext()) {
            c.fwd();
            c.get().set(label(c.getLongPosition(0), c.getLongPosition(1)));
        }
        return img;
    }

    @Test
    void readsRegionsRowMajor() {
        Img<UnsignedByteType> img = cellLabels(1000, 700);
        ImgLib2MaskPlanes<UnsignedByteType> m = ImgLib2MaskPlanes.of(img);
        assertEquals(PixelKind.UINT8, m.kind());
        assertEquals(700, m.rows());
        assertEquals(1000, m.columns());
        assertEquals(1, m.planes());
        byte[] region = new byte[130 * 70];
        m.readRegion(0, 880, 590, 120, 70, region);
        for (int y = 0; y < 70; y++) {
            for (int x = 0; x < 120; x++) {
                assertEquals(label(880 + x, 590 + y), region[y * 120 + x], "pixel " + x + "," + y);
            }
        }
        byte[] plane = (byte[]) m.readPlane(0, null);
        assertEquals(label(500, 350), plane[350 * 1000 + 500]);
        assertThrows(IllegalArgumentException.class, () -> m.readRegion(0, 990, 0, 20, 1, new byte[20]));
        Img<FloatType> f = new CellImgFactory<>(new FloatType(), 16).create(4, 3, 2);
        assertEquals(PixelKind.FLOAT32, ImgLib2MaskPlanes.of(f).kind());
        assertEquals(2, ImgLib2MaskPlanes.of(f).planes());
    }

    @Test
    void tiledSegFromACellImageRoundTrips() throws Exception {
        int w = 1000, h = 700;
        SlideWriter slide = new SlideWriter(SampleStudy.deterministic(11), w, h, 256);
        Path src = tmp.resolve("slide.dcm");
        slide.write(src);
        List<SegmentDescription> segs = List.of(
                SegmentDescription.builder(1, "tissue").category(Codes.TISSUE).type(Codes.TISSUE)
                        .algorithmType(SegmentAlgorithmType.MANUAL).build(),
                SegmentDescription.builder(2, "corner").category(Codes.TISSUE).type(Codes.TISSUE)
                        .algorithmType(SegmentAlgorithmType.MANUAL).build());
        Path out = tmp.resolve("cells.dcm");
        SegWriter.write(out, LabelMapMask.of(ImgLib2MaskPlanes.of(cellLabels(w, h))), segs, SourceImages.read(src),
                SegWriteOptions.builder().tiledGeometry(TiledGeometry.defaults()
                        .withOrganization(DimensionOrganization.TILED_SPARSE)).build());
        Conformance.assertConformant(out);
        try (SegmentationReader r = SegmentationReader.open(out)) {
            SegmentationVolume v = Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults().combineToLabelMap());
            byte[] back = v.bytePlane(0, 0);
            byte[] expected = new byte[w * h];
            for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) expected[y * w + x] = (byte) label(x, y);
            assertArrayEquals(expected, back);
        }
    }
}
