package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DecimalStringAttribute;
import com.pixelmed.dicom.FloatSingleAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.TiledSegs;

/**
 * What the writer does with a slide's missing or defective attributes, on headers of the corpus's
 * Camelyon JPEG 2000 slide changed with PixelMed (the writer reads headers only): Slice Thickness
 * from Imaged Volume Depth (µm → mm) when the level has none, the level's own Slice Thickness kept
 * when it has one; a specimen without Specimen UID (Type 1, cannot be made up) and a preparation
 * content item without Value Type named in {@link SegWriteResult#warnings()}, the latter left out.
 */
class SlideSourceDefectsTest {
    static final AttributeTag IMAGED_VOLUME_DEPTH = new AttributeTag(0x0048, 0x0003);
    @TempDir static Path tmp;
    static Path slide;

    @BeforeAll
    static void slide() {
        Shared.assumePresent();
        slide = Shared.corpus("wsi/google-medical-imaging/multi_frame_jpeg2000_camelyon_challenge_image.dcm");
    }

    /** The slide's header (no Pixel Data) after {@code change}, written as {@code name}. */
    static Path header(String name, Change change) throws Exception {
        AttributeList l = new AttributeList();
        l.read(slide.toString(), TagFromName.PixelData);
        l.remove(TagFromName.PixelData);
        change.apply(l);
        l.removeGroupLengthAttributes();
        l.removeMetaInformationHeaderAttributes();
        com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(l, "1.2.840.10008.1.2.1", "TEST");
        Path out = tmp.resolve(name);
        l.write(out.toFile(), "1.2.840.10008.1.2.1", true, true);
        return out;
    }

    interface Change {
        void apply(AttributeList l) throws Exception;
    }

    static SegWriteResult write(Path source, String name) throws Exception {
        int w = 300, h = 200;
        return SegWriter.write(tmp.resolve(name), LabelMapMask.ofBytes(new byte[][] {TiledSegs.labels(w, h)}, h, w),
                TiledSegs.descriptions(2), SourceImages.read(source),
                SegWriteOptions.builder().tiledGeometry(TiledGeometry.defaults().withRegionOffset(33, 71)).build());
    }

    static AttributeList pixelMeasures(AttributeList l) {
        AttributeList shared = ((SequenceAttribute) l.get(TagFromName.SharedFunctionalGroupsSequence)).getItem(0).getAttributeList();
        return ((SequenceAttribute) shared.get(TagFromName.PixelMeasuresSequence)).getItem(0).getAttributeList();
    }

    @Test
    void sliceThicknessFromImagedVolumeDepth() throws Exception {
        Path src = header("depth.dcm", l -> {
            FloatSingleAttribute d = new FloatSingleAttribute(IMAGED_VOLUME_DEPTH);
            d.addValue(4.0f); // µm
            l.put(d);
        });
        SegWriteResult r = write(src, "depth-seg.dcm");
        Conformance.assertConformant(r.file());
        assertEquals(List.of(), r.warnings());
        try (SegmentationReader seg = SegmentationReader.open(r.file())) {
            assertEquals(0.004, seg.metadata().sliceThickness(), 1e-12);
        }
    }

    @Test
    void theLevelsOwnSliceThicknessIsKept() throws Exception {
        Path src = header("own.dcm", l -> {
            FloatSingleAttribute d = new FloatSingleAttribute(IMAGED_VOLUME_DEPTH);
            d.addValue(4.0f);
            l.put(d);
            DecimalStringAttribute t = new DecimalStringAttribute(TagFromName.SliceThickness);
            t.addValue(0.0035);
            pixelMeasures(l).put(t);
        });
        SegWriteResult r = write(src, "own-seg.dcm");
        Conformance.assertConformant(r.file());
        try (SegmentationReader seg = SegmentationReader.open(r.file())) {
            assertEquals(0.0035, seg.metadata().sliceThickness(), 1e-12);
        }
    }

    @Test
    void whatCannotBeRepairedIsNamed() throws Exception {
        Path src = header("defects.dcm", l -> {
            AttributeList specimen = ((SequenceAttribute) l.get(TagFromName.SpecimenDescriptionSequence)).getItem(0).getAttributeList();
            specimen.remove(TagFromName.SpecimenUID);
            AttributeList step = ((SequenceAttribute) specimen.get(new AttributeTag(0x0040, 0x0610))).getItem(0).getAttributeList();
            SequenceAttribute items = (SequenceAttribute) step.get(new AttributeTag(0x0040, 0x0612));
            AttributeList bad = new AttributeList(); // a TEXT item without Value Type and Concept Name
            com.pixelmed.dicom.UnlimitedTextAttribute text = new com.pixelmed.dicom.UnlimitedTextAttribute(new AttributeTag(0x0040, 0xA160));
            text.addValue("orphan");
            bad.put(text);
            items.addItem(bad);
        });
        SegWriteResult r = write(src, "defects-seg.dcm");
        assertEquals(2, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).startsWith(src + ": specimen 1 has 1 preparation content item(s) without Value Type"),
                r.warnings().get(0));
        assertTrue(r.warnings().get(1).startsWith(src + ": specimen 1 has no Specimen UID (0040,0554)"), r.warnings().get(1));
        // the defect named is the one the validator finds, and the only one (the bad content item is gone)
        String v = Conformance.dciodvfy(r.file());
        List<String> errors = v.lines().filter(x -> x.startsWith("Error")).collect(java.util.stream.Collectors.toList());
        assertEquals(1, errors.size(), v);
        assertTrue(errors.get(0).contains("SpecimenUID"), v);
    }
}
