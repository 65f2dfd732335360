package org.dicomseg.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UnsignedLongAttribute;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.testing.FocalSlides;

/**
 * The focal planes of a slide level (PS3.3 C.8.12.4 Total Pixel Matrix Focal Planes, C.8.12.6.1
 * Z Offset in Slide Coordinate System): TILED_FULL by the implicit frame order and Spacing Between
 * Slices; TILED_SPARSE by the distinct Z offsets, by each tile position's k-th lowest Z when a
 * scanner focuses each tile on its own (a focus map), and one plane whatever the Z offsets when the
 * level states one focal plane or none.
 */
class TotalPixelMatrixFocalPlanesTest {
    @Test
    void fullAndSparseSlidesHaveTheirThreePlanes(@TempDir Path tmp) throws Exception {
        TotalPixelMatrix full = SourceImages.read(FocalSlides.slide(tmp.resolve("f"), false, 2)).totalPixelMatrix();
        assertArrayEquals(new double[] {0, 0.002, 0.004}, full.focalPlanes(), 1e-12);
        assertEquals(2, full.opticalPathCount());
        // tile 0 of focal plane 1 in optical paths 1 and 2: 12 tiles per plane, 3 planes per path
        assertArrayEquals(new int[] {13, 13 + 36}, full.framesAt(0, 0, 1));
        assertArrayEquals(new int[0], full.framesAt(0, 100, 1), "no tile starts there");
        TotalPixelMatrix sparse = SourceImages.read(FocalSlides.slide(tmp.resolve("s"), true, 1)).totalPixelMatrix();
        assertArrayEquals(new double[] {0.0015, 0.0035, 0.0055}, sparse.focalPlanes(), 1e-12);
        assertEquals(0.002, sparse.focalPlaneSpacing(), 1e-12);
    }

    @Test
    void aFocusMapIsToldApartByRank(@TempDir Path tmp) throws Exception {
        Path in = FocalSlides.slide(tmp.resolve("s"), true, 1);
        // each tile position focused on its own: up to 0.8 µm of jitter, more than the 0.1 µm that makes one plane
        Path out = jitter(in, tmp.resolve("jitter.dcm"), null);
        TotalPixelMatrix m = SourceImages.read(out).totalPixelMatrix();
        TotalPixelMatrix ref = SourceImages.read(in).totalPixelMatrix();
        assertEquals(3, m.focalPlaneCount());
        for (int k = 0; k < 3; k++) {
            for (long r = 0; r < 700; r += 256) for (long c = 0; c < 1000; c += 256) assertArrayEquals(ref.framesAt(r, c, k), m.framesAt(r, c, k));
        }
        // the same stated as one focal plane (or not stated): one plane, every tile's first frame
        Path one = jitter(in, tmp.resolve("one.dcm"), 1L);
        TotalPixelMatrix o = SourceImages.read(one).totalPixelMatrix();
        assertEquals(1, o.focalPlaneCount());
    }

    /** {@code in} with each frame's Z moved by a per-position jitter; Total Pixel Matrix Focal Planes set to {@code planes} when given. */
    private static Path jitter(Path in, Path out, Long planes) throws Exception {
        AttributeList l = new AttributeList();
        l.read(in.toFile());
        SequenceAttribute pf = (SequenceAttribute) l.get(TagFromName.PerFrameFunctionalGroupsSequence);
        for (int f = 0; f < pf.getNumberOfItems(); f++) {
            AttributeList pos = ((SequenceAttribute) pf.getItem(f).getAttributeList().get(TagFromName.PlanePositionSlideSequence))
                    .getItem(0).getAttributeList();
            int r = Attribute.getSingleIntegerValueOrDefault(pos, TagFromName.RowPositionInTotalImagePixelMatrix, 0);
            int c = Attribute.getSingleIntegerValueOrDefault(pos, TagFromName.ColumnPositionInTotalImagePixelMatrix, 0);
            double z = Attribute.getSingleDoubleValueOrDefault(pos, TagFromName.ZOffsetInSlideCoordinateSystem, 0);
            Attribute a = new DecimalStringAttribute(TagFromName.ZOffsetInSlideCoordinateSystem);
            a.addValue(z + ((r / 256 * 7 + c / 256 * 3) % 9) * 0.0001);
            pos.put(a);
        }
        if (planes != null) {
            Attribute n = new UnsignedLongAttribute(new AttributeTag(0x0048, 0x0303));
            n.addValue(planes);
            l.put(n);
        }
        l.removeGroupLengthAttributes();
        FileMetaInformation.addFileMetaInformation(l, TransferSyntax.ExplicitVRLittleEndian, "TEST");
        l.write(out.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        return out;
    }
}
