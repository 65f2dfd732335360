package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.TiledSegs;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.dicomseg.write.TiledGeometry;

/**
 * A tiled (slide) SEG whose tiles lie at two focal planes (Z Offset in Slide Coordinate System 0
 * and 0.002 mm, Total Pixel Matrix Focal Planes 2; PS3.3 C.8.12.4, C.8.12.6.1) reads as a Z stack
 * of two planes, each tile in the plane of its Z offset; the downsampled view keeps one plane.
 * The file: a LABELMAP SEG our writer made on a slide level, its frames duplicated with PixelMed
 * for the second focal plane with other labels (1 and 2 swapped).
 */
public class FocalPlanesReadTest {
    private static final int W = 300, H = 200;
    private static final AttributeTag FOCAL_PLANES = new AttributeTag(0x0048, 0x0303);

    @Test
    void tilesAtTwoFocalPlanesReadAsTwoPlanes(@TempDir Path dir) throws Exception {
        Path level = TiledSegs.pyramid(dir).get(0);
        Path one = dir.resolve("one-plane.dcm");
        byte[] labels = TiledSegs.labels(W, H);
        SegWriter.write(one, LabelMapMask.ofBytes(new byte[][] {labels}, H, W), TiledSegs.descriptions(2), SourceImages.read(level),
                SegWriteOptions.builder().segmentationType(SegmentationType.LABELMAP)
                        .transferSyntax(OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)
                        .tiledGeometry(TiledGeometry.defaults().withRegionOffset(64, 100)).build());
        Path two = twoFocalPlanes(one, dir.resolve("two-planes.dcm"));

        try (SegmentationReader r = SegmentationReader.open(two)) {
            assertEquals(2, r.metadata().totalPixelMatrixFocalPlanes());
            SegmentationVolume v = Reconstructor.region(r, 100, 64, W, H, ReconstructionOptions.defaults());
            assertEquals(2, v.planes());
            assertTrue(v.notes().stream().anyMatch(n -> n.startsWith("2 focal planes")), v.notes().toString());
            for (int z = 0; z < 2; z++) {
                for (int s = 1; s <= 2; s++) {
                    byte[] got = v.isEmpty(s - 1, z) ? new byte[W * H] : v.bytePlane(s - 1, z);
                    for (int i = 0; i < W * H; i++) {
                        int label = z == 0 ? labels[i] : swap(labels[i]);
                        if ((got[i] != 0) != (label == s)) {
                            throw new AssertionError("focal plane " + z + " segment " + s + " pixel " + i + " is " + got[i]);
                        }
                    }
                }
            }
            // Import: a Z stack of the two focal planes, as a hyperstack and as a label image
            for (ImportOptions.Output output : new ImportOptions.Output[] {ImportOptions.Output.HYPERSTACK, ImportOptions.Output.LABEL_IMAGE}) {
                ImportOptions o = ImportOptions.builder().output(output).region(new int[] {100, 64, W, H}).build();
                org.dicomseg.ij.open.ImportedSegmentation s = org.dicomseg.ij.open.ImportReader.read(r, o, null, 0, 0,
                        org.dicomseg.task.Progress.NONE);
                ij.ImagePlus imp = new org.dicomseg.ij.open.SegImporter(o, org.dicomseg.task.Progress.NONE).run(s, two, "two").image();
                assertEquals(2, imp.getNSlices(), output.toString());
                assertEquals(1, imp.getNFrames());
                for (int z = 0; z < 2; z++) {
                    Object px = imp.getStack().getPixels(imp.getStackIndex(1, z + 1, 1));
                    for (int i = 0; i < W * H; i++) {
                        int label = z == 0 ? labels[i] : swap(labels[i]);
                        int got = ((byte[]) px)[i] & 0xFF;
                        int want = output == ImportOptions.Output.HYPERSTACK ? (label == 1 ? 255 : 0) : label;
                        if (got != want) throw new AssertionError(output + " focal plane " + z + " pixel " + i + " is " + got);
                    }
                }
            }
            // the downsampled view reduces blocks of one plane: both focal planes' tiles share it, as before
            SegmentationVolume d = DownsampledView.region(r, 100, 64, W, H, 2, ReconstructionOptions.defaults());
            assertEquals(1, d.planes());
            assertTrue(d.notes().stream().anyMatch(n -> n.contains("several focal planes")), d.notes().toString());
        }
    }

    private static int swap(int label) {
        return label == 1 ? 2 : label == 2 ? 1 : 0;
    }

    /** {@code in}'s frames at Z offset 0, then copies of them at Z offset 0.002 mm with labels 1 and 2 swapped. */
    public static Path twoFocalPlanes(Path in, Path out) throws Exception {
        AttributeList l = new AttributeList();
        l.read(in.toFile());
        int frames = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.NumberOfFrames, 0);
        byte[] px = l.get(TagFromName.PixelData).getByteValues();
        int frameBytes = px.length / frames;
        SequenceAttribute pf = (SequenceAttribute) l.get(TagFromName.PerFrameFunctionalGroupsSequence);
        SequenceAttribute both = new SequenceAttribute(TagFromName.PerFrameFunctionalGroupsSequence);
        byte[] all = new byte[2 * frames * frameBytes];
        for (int copy = 0; copy < 2; copy++) {
            for (int f = 0; f < frames; f++) {
                AttributeList item = new AttributeList();
                item.read(new com.pixelmed.dicom.DicomInputStream(new java.io.ByteArrayInputStream(bytesOf(pf.getItem(f).getAttributeList())),
                        TransferSyntax.ExplicitVRLittleEndian, false));
                AttributeList slide = ((SequenceAttribute) item.get(TagFromName.PlanePositionSlideSequence)).getItem(0).getAttributeList();
                Attribute z = new com.pixelmed.dicom.DecimalStringAttribute(TagFromName.ZOffsetInSlideCoordinateSystem);
                z.addValue(copy == 0 ? "0" : "0.002");
                slide.put(z);
                both.addItem(item);
                for (int i = 0; i < frameBytes; i++) {
                    int v = px[f * frameBytes + i] & 0xFF;
                    all[(copy * frames + f) * frameBytes + i] = (byte) (copy == 0 ? v : swap(v));
                }
            }
        }
        l.put(both);
        Attribute n = new com.pixelmed.dicom.IntegerStringAttribute(TagFromName.NumberOfFrames);
        n.addValue(2 * frames);
        l.put(n);
        Attribute fp = new com.pixelmed.dicom.UnsignedLongAttribute(FOCAL_PLANES);
        fp.addValue(2);
        l.put(fp);
        OtherByteAttribute data = new OtherByteAttribute(TagFromName.PixelData);
        data.setValues(all);
        l.put(data);
        l.removeGroupLengthAttributes();
        l.remove(TagFromName.DataSetTrailingPadding);
        FileMetaInformation.addFileMetaInformation(l, TransferSyntax.ExplicitVRLittleEndian, "TEST");
        l.write(out.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
        return out;
    }

    private static byte[] bytesOf(AttributeList item) throws java.io.IOException, DicomException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        com.pixelmed.dicom.DicomOutputStream o = new com.pixelmed.dicom.DicomOutputStream(b, null, TransferSyntax.ExplicitVRLittleEndian);
        item.write(o);
        o.flush();
        return b.toByteArray();
    }

}
