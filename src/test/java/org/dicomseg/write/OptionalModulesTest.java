package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonObject;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.read.ReferencedSeries;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.samples.CtSeriesWriter;
import org.dicomseg.samples.Phantom;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.samples.VolumeGeometry;
import org.dicomseg.source.FurtherSources;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Dcmjs;
import org.dicomseg.testing.Highdicom;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.SyntheticSegs;

/**
 * The options highdicom 0.28.1 writes on request, written by ours: further source images, the
 * Contributing Equipment Sequence, the ICC profile and Palette Color Lookup Table UID beside a
 * palette, and the Multi-Resolution Pyramid module. Every file goes through the conformance gate
 * and is read by highdicom's default calls; the attributes are checked as pydicom/PixelMed read them.
 */
class OptionalModulesTest {
    @TempDir Path dir;

    static final int SLICES = 160, ROWS = 37, COLUMNS = 45;

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    /** A CT of 160 slices of 37 x 45 (the segmentation's sources) and, in the same study, a "T2" series of 40 slices. */
    private List<Path> ct(SampleStudy study, String key, int slices, Path folder) throws Exception {
        VolumeGeometry g = new VolumeGeometry(ROWS, COLUMNS, slices, 0.9, 0.8, 1.5, 1.5, new double[] {-20, -18, -100});
        return new CtSeriesWriter(study, g, new Phantom(60)).series(key, key.length(), key.toUpperCase()).zeroPixels(true)
                .write(Files.createDirectories(folder));
    }

    /** Labels 1..3 on slices 10-69 and 90-149: empty at both ends and in the middle; 2 overlaps nothing. */
    private static LabelMapMask labels() {
        byte[][] planes = new byte[SLICES][ROWS * COLUMNS];
        for (int z = 0; z < SLICES; z++) {
            if (z < 10 || (z >= 70 && z < 90) || z >= 150) continue;
            for (int r = 3; r < 30; r++) for (int c = 5; c < 40; c++) planes[z][r * COLUMNS + c] = (byte) (1 + (r + c + z) % 3);
        }
        return LabelMapMask.ofBytes(planes, ROWS, COLUMNS);
    }

    private static AttributeList header(Path seg) throws Exception {
        return SyntheticSegs.readAll(seg);
    }

    @Test
    void furtherSourceSeriesAreReferencedBesideTheSourcesAndOtherStudiesRefused() throws Exception {
        SampleStudy study = SampleStudy.deterministic(41);
        List<Path> t1 = ct(study, "t1", SLICES, dir.resolve("t1"));
        ct(study, "t2", 40, dir.resolve("t2"));
        Files.writeString(dir.resolve("t2").resolve("notes.txt"), "not DICOM"); // skipped by the folder reader
        SourceImages src = SourceImages.read(t1);
        List<org.dicomseg.source.SourceFile> t2 = FurtherSources.read(dir.resolve("t2"));
        assertEquals(40, t2.size());
        Path seg = dir.resolve("further.dcm");
        SegWriter.write(seg, labels(), SegTestData.descriptions(3), src, SegWriteOptions.builder()
                .segmentationType(SegmentationType.LABELMAP).furtherSourceImages(t2).build());
        Conformance.assertConformant(seg);

        AttributeList h = header(seg);
        SequenceAttribute sis = (SequenceAttribute) h.get(TagFromName.SourceImageSequence);
        assertEquals(40, sis.getNumberOfItems(), "one General Image Source Image item per further image");
        assertEquals(t2.get(0).sopInstanceUid(), Attribute.getSingleStringValueOrNull(sis.getItem(0).getAttributeList(),
                TagFromName.ReferencedSOPInstanceUID));
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            List<ReferencedSeries> series = r.metadata().referencedSeries();
            assertEquals(2, series.size(), "the T1 and the further T2 series");
            assertEquals(src.instancesBySeries().keySet().iterator().next(), series.get(0).seriesInstanceUid());
            assertEquals(SLICES, series.get(0).instances().size());
            assertEquals(t2.get(0).seriesInstanceUid(), series.get(1).seriesInstanceUid());
            assertEquals(40, series.get(1).instances().size());
        }
        // highdicom reads it, and its source-indexed read still lists the T1 frames only
        Highdicom.Result hd = Highdicom.read(seg, dir);
        assertEquals(0, hd.exitCode, hd.stderr);
        assertDcmjsParses(seg);

        // another study: refused before anything is written, naming the file and both studies
        List<Path> other = ct(SampleStudy.deterministic(42), "other", 5, dir.resolve("other"));
        Path refused = dir.resolve("refused.dcm");
        SegWriteException e = assertThrows(SegWriteException.class, () -> SegWriter.write(refused, labels(),
                SegTestData.descriptions(3), src, SegWriteOptions.builder().segmentationType(SegmentationType.LABELMAP)
                        .furtherSourceImages(FurtherSources.read(other.get(0))).build()));
        assertTrue(e.getMessage().contains(other.get(0).toString()) && e.getMessage().contains("study"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(refused));
    }

    @Test
    void contributingEquipmentFromTheApiAndThePredecessor() throws Exception {
        SampleStudy study = SampleStudy.deterministic(43);
        List<Path> t1 = ct(study, "ce", SLICES, dir.resolve("ce"));
        SourceImages src = SourceImages.read(t1);
        Path seg = dir.resolve("edited.dcm");
        ContributingEquipment qa = ContributingEquipment.of(ContributingEquipment.MODIFYING_EQUIPMENT, "Acme QA")
                .withModelName("QA-1").withSoftwareVersions("2.0\\2.0.1").withDeviceSerialNumber("77");
        Predecessor pre = Predecessor.of(study.studyInstanceUid(), "1.2.3.4.5", "1.2.3.4.5.6", "1.2.840.10008.5.1.4.1.1.66.4")
                .withEquipment("highdicom", "highdicom", "0.28.1");
        ct(study, "ce2", 10, dir.resolve("ce2"));
        SegWriter.write(seg, labels(), SegTestData.descriptions(3), src, SegWriteOptions.builder()
                .segmentationType(SegmentationType.BINARY).contributingEquipment(List.of(qa)).predecessor(pre)
                .furtherSourceImages(FurtherSources.read(dir.resolve("ce2"))).build());
        Conformance.assertConformant(seg);
        AttributeList h = header(seg);
        SequenceAttribute sis = (SequenceAttribute) h.get(TagFromName.SourceImageSequence);
        assertEquals(11, sis.getNumberOfItems(), "the predecessor, then 10 further images");
        assertEquals("1.2.3.4.5.6", Attribute.getSingleStringValueOrNull(sis.getItem(0).getAttributeList(), TagFromName.ReferencedSOPInstanceUID));
        SequenceAttribute ce = (SequenceAttribute) h.get(OptionalModules.CONTRIBUTING_EQUIPMENT_SEQUENCE);
        assertNotNull(ce);
        assertEquals(2, ce.getNumberOfItems());
        AttributeList first = ce.getItem(0).getAttributeList();
        assertEquals("Acme QA", Attribute.getSingleStringValueOrNull(first, TagFromName.Manufacturer));
        assertArrayEquals(new String[] {"2.0", "2.0.1"}, first.get(TagFromName.SoftwareVersions).getStringValues());
        assertEquals("109103", code(first));
        AttributeList second = ce.getItem(1).getAttributeList();
        assertEquals("highdicom", Attribute.getSingleStringValueOrNull(second, TagFromName.Manufacturer));
        assertEquals("0.28.1", Attribute.getSingleStringValueOrNull(second, TagFromName.SoftwareVersions));
        assertEquals("109102", code(second), "the predecessor's equipment processed images into a new instance");
        // pydicom/highdicom see the same items
        String out = Highdicom.python(String.join("\n",
                "import sys, highdicom as hd",
                "seg = hd.seg.segread(sys.argv[1])",
                "for it in seg.ContributingEquipmentSequence:",
                "    print(it.Manufacturer, it.PurposeOfReferenceCodeSequence[0].CodeValue, it.get('ManufacturerModelName'))"),
                seg.toString());
        assertEquals("Acme QA 109103 QA-1\nhighdicom 109102 highdicom", out.trim());
        assertEquals(0, Highdicom.read(seg, dir).exitCode);
        // dcmjs's loader places the BINARY frames on the T1 images as in a SEG without these items
        JsonObject js = Dcmjs.read(seg, Dcmjs.files(t1));
        assertFalse(js.has("toolStateError"), js::toString);
        long dcmjsVoxels = 0;
        for (com.google.gson.JsonElement c : js.getAsJsonObject("toolState").getAsJsonArray("counts")) {
            for (java.util.Map.Entry<String, com.google.gson.JsonElement> e : c.getAsJsonObject().entrySet()) dcmjsVoxels += e.getValue().getAsLong();
        }
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            assertEquals(r.segmentPixelCounts().values().stream().mapToLong(Long::longValue).sum(), dcmjsVoxels);
        }

        // a predecessor without a manufacturer records none
        assertNull(Predecessor.of(study.studyInstanceUid(), "1.2.3", "1.2.3.4", "1.2.840.10008.5.1.4.1.1.66.4")
                .withEquipment(" ", "x", "y").equipment());
    }

    /** dcmjs parses the SEG with its three segments (its loader does not take LABELMAP; DcmjsInteropTest). */
    private static void assertDcmjsParses(Path seg) {
        JsonObject ds = Dcmjs.read(seg, List.of()).getAsJsonObject("dataset");
        assertEquals(3, ds.getAsJsonArray("segments").size(), ds.toString());
    }

    private static String code(AttributeList item) {
        SequenceAttribute p = (SequenceAttribute) item.get(TagFromName.PurposeOfReferenceCodeSequence);
        return Attribute.getSingleStringValueOrNull(p.getItem(0).getAttributeList(), TagFromName.CodeValue);
    }

    @Test
    void iccProfileAndPaletteUidBesideThePalette() throws Exception {
        Path iccFile = Shared.root().resolve("oracle/site/highdicom/_icc_profiles/sRGB_v4_ICC_preference.icc");
        byte[] icc = Files.readAllBytes(iccFile);
        SampleStudy study = SampleStudy.deterministic(44);
        SourceImages src = SourceImages.read(ct(study, "icc", SLICES, dir.resolve("icc")));
        Path seg = dir.resolve("icc.dcm");
        String lutUid = org.dicomseg.model.Uids.create();
        SegWriter.write(seg, labels(), SegTestData.descriptions(3), src, SegWriteOptions.builder()
                .segmentationType(SegmentationType.LABELMAP).transferSyntax(OutputTransferSyntax.RLE_LOSSLESS)
                .paletteColorLut(true).iccProfile(icc).paletteColorLutUid(lutUid).build());
        Conformance.assertConformant(seg);
        AttributeList h = header(seg);
        assertArrayEquals(icc, h.get(OptionalModules.ICC_PROFILE).getByteValues());
        assertEquals(lutUid, Attribute.getSingleStringValueOrNull(h, OptionalModules.PALETTE_COLOR_LUT_UID));
        // highdicom applies palette and ICC profile (apply_icc_profile=True requires the profile)
        String out = Highdicom.python(String.join("\n",
                "import sys, numpy as np, highdicom as hd",
                "seg = hd.seg.segread(sys.argv[1])",
                "v = seg.get_volume(combine_segments=True, relabel=False, apply_palette_color_lut=True, apply_icc_profile=True)",
                "print(v.array.shape[-1], len(seg.ICCProfile), seg.PaletteColorLookupTableUID)"), seg.toString());
        assertEquals("3 " + icc.length + " " + lutUid, out.trim());
        assertDcmjsParses(seg);

        // refused: an ICC profile without the palette, a profile of a display (class 'mntr')
        assertThrows(IllegalArgumentException.class, () -> SegWriteOptions.builder().segmentationType(SegmentationType.LABELMAP)
                .iccProfile(icc).build());
        byte[] monitor = icc.clone();
        monitor[12] = 'm'; monitor[13] = 'n'; monitor[14] = 't'; monitor[15] = 'r';
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SegWriteOptions.builder()
                .segmentationType(SegmentationType.LABELMAP).paletteColorLut(true).iccProfile(monitor).build());
        assertTrue(e.getMessage().contains("mntr"), e.getMessage());
    }

    @Test
    void pyramidLevelsShareOnePyramidUidWithLabelAndDescription() throws Exception {
        SampleStudy study = SampleStudy.deterministic(45);
        List<Path> levels = new ArrayList<>();
        for (int f : new int[] {1, 2, 4}) {
            Path p = dir.resolve("level-" + f + ".dcm");
            new SlideWriter(study, 900 / f, 611 / f, 128).series("series/pyr").pixelSpacing(0.00025 * f).write(p);
            levels.add(p);
        }
        int w = 333, h = 257;
        byte[] labels = new byte[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) if ((x - 120) * (x - 120) + (y - 100) * (y - 100) < 80 * 80) labels[y * w + x] = 1;
        List<Path> outs = List.of(dir.resolve("p1.dcm"), dir.resolve("p2.dcm"), dir.resolve("p4.dcm"));
        SegWriteOptions o = SegWriteOptions.builder().segmentationType(SegmentationType.BINARY)
                .pyramidLabel("Tumour pyramid").pyramidDescription("Tumour outline on every level")
                .tiledGeometry(TiledGeometry.defaults().withRegionOffset(101, 77)).build();
        PyramidResult res = PyramidWriter.write(outs, LabelMapMask.ofBytes(new byte[][] {labels}, h, w), SegTestData.descriptions(1), levels, o);
        assertEquals(3, res.written().size(), res.notWritten().toString());
        Conformance.assertConformant(outs.toArray(new Path[0]));
        Set<String> uids = new java.util.HashSet<>();
        for (Path p : outs) {
            AttributeList hd = header(p);
            uids.add(Attribute.getSingleStringValueOrNull(hd, OptionalModules.PYRAMID_UID));
            assertEquals("Tumour pyramid", Attribute.getSingleStringValueOrNull(hd, OptionalModules.PYRAMID_LABEL));
            assertEquals("Tumour outline on every level", Attribute.getSingleStringValueOrNull(hd, OptionalModules.PYRAMID_DESCRIPTION));
            assertEquals(0, Highdicom.read(p, dir, "total").exitCode, p.toString());
        }
        assertEquals(1, uids.size(), "one Pyramid UID: " + uids);
        assertNotNull(uids.iterator().next());
        String read = Highdicom.python(String.join("\n",
                "import sys, highdicom as hd",
                "print(' '.join(str(hd.seg.segread(f).PyramidUID) for f in sys.argv[1:]))"),
                outs.get(0).toString(), outs.get(2).toString());
        assertEquals(uids.iterator().next() + " " + uids.iterator().next(), read.trim());

        // a Pyramid UID on a SEG that is not tiled is refused
        SourceImages ct = SourceImages.read(ct(study, "flat", 3, dir.resolve("flat")));
        assertThrows(IllegalArgumentException.class, () -> SegWriter.write(dir.resolve("flat.dcm"),
                LabelMapMask.ofBytes(new byte[3][ROWS * COLUMNS], ROWS, COLUMNS), SegTestData.descriptions(1), ct,
                SegWriteOptions.builder().pyramidUid(org.dicomseg.model.Uids.create()).build()));
    }
}
