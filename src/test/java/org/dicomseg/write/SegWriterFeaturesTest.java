package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.PixelMeasures;
import org.dicomseg.model.PlanePosition;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationGeometry;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.testing.WrittenSeg;
import org.dicomseg.task.Progress;

/** Writer features beyond the variant matrix: options, numbering, empty frames, geometry details. */
class SegWriterFeaturesTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    private static LabelMapMask ct2Labels(int... valuesAtPixel0) {
        byte[][] p = new byte[4][256];
        for (int i = 0; i < valuesAtPixel0.length; i++) p[i][0] = (byte) valuesAtPixel0[i];
        return LabelMapMask.ofBytes(p, 16, 16);
    }

    @Test
    void gappedLabelsBecomeConsecutiveSegments() throws Exception {
        byte[][] p = new byte[4][256];
        p[0][0] = 5;
        p[0][1] = 9;
        p[3][2] = 9;
        Path out = dir.resolve("gapped.dcm");
        SegWriter.write(out, LabelMapMask.of(MaskPlanes.ofBytes(p, 16, 16), Map.of(5, 1, 9, 2)), SegTestData.descriptions(2),
                Sources.CT2.read(), SegWriteOptions.defaults());
        Conformance.assertConformant(out);
        WrittenSeg seg = new WrittenSeg(out);
        assertEquals(3, seg.frames);
        assertEquals(1, seg.segmentOf(0));
        assertEquals(2, seg.segmentOf(1));
        assertEquals(2, seg.segmentOf(2));
        assertEquals(1, seg.pixels[0][0]);
        assertEquals(1, seg.pixels[1][1]);
        assertEquals(1, seg.pixels[2][2]);
        assertEquals(1, seg.pixels[0][0] + seg.pixels[0][1] + seg.pixels[0][2]);
    }

    @Test
    void keepsEmptyFramesOnRequest() throws Exception {
        Path out = dir.resolve("all.dcm");
        SegWriter.write(out, ct2Labels(1), SegTestData.descriptions(2), Sources.CT2.read(),
                SegWriteOptions.builder().omitEmptyFrames(false).build());
        Conformance.assertConformant(out);
        WrittenSeg seg = new WrittenSeg(out);
        assertEquals(8, seg.frames, "4 planes x 2 segments");
        int ones = 0;
        for (int[] f : seg.pixels) for (int v : f) ones += v;
        assertEquals(1, ones);
    }

    @Test
    void anAllEmptyMaskStillHasOneFrame() throws Exception {
        for (SegmentationType t : SegmentationType.values()) {
            Path out = dir.resolve("empty-" + t + ".dcm");
            SegWriter.write(out, ct2Labels(), SegTestData.descriptions(1), Sources.CT2.read(),
                    SegWriteOptions.builder().segmentationType(t).build());
            Conformance.assertConformant(out);
            WrittenSeg seg = new WrittenSeg(out);
            assertEquals(1, seg.frames, t.name());
            for (int v : seg.pixels[0]) assertEquals(0, v);
        }
    }

    @Test
    void optionsAndIdentifiersAreWritten() throws Exception {
        String series = "1.2.826.0.1.3680043.9.7433.99.1";
        String sop = "1.2.826.0.1.3680043.9.7433.99.2";
        SegWriteOptions o = SegWriteOptions.builder().seriesDescription("Liver seg").seriesNumber(42).instanceNumber(7)
                .contentLabel("LIVER").contentDescription("manual contour").contentCreatorName("Doe^Jane")
                .manufacturer("ACME").manufacturerModelName("Segmenter").softwareVersions("9.9").deviceSerialNumber("SN1")
                .seriesInstanceUid(series).sopInstanceUid(sop).contentDateTime(LocalDateTime.of(2024, 2, 29, 13, 14, 15)).build();
        Path out = dir.resolve("options.dcm");
        SegWriteResult r = SegWriter.write(out, ct2Labels(1), SegTestData.descriptions(1), Sources.CT2.read(), o);
        assertEquals(sop, r.sopInstanceUid());
        Conformance.assertConformant(out);
        WrittenSeg seg = new WrittenSeg(out);
        assertEquals(series, seg.string(TagFromName.SeriesInstanceUID));
        assertEquals(sop, seg.string(TagFromName.SOPInstanceUID));
        assertEquals(sop, seg.string(TagFromName.MediaStorageSOPInstanceUID));
        assertEquals("Liver seg", seg.string(TagFromName.SeriesDescription));
        assertEquals("42", seg.string(TagFromName.SeriesNumber));
        assertEquals("7", seg.string(TagFromName.InstanceNumber));
        assertEquals("LIVER", seg.string(TagFromName.ContentLabel));
        assertEquals("manual contour", seg.string(TagFromName.ContentDescription));
        assertEquals("Doe^Jane", seg.string(TagFromName.ContentCreatorName));
        assertEquals("ACME", seg.string(TagFromName.Manufacturer));
        assertEquals("Segmenter", seg.string(TagFromName.ManufacturerModelName));
        assertEquals("9.9", seg.string(TagFromName.SoftwareVersions));
        assertEquals("SN1", seg.string(TagFromName.DeviceSerialNumber));
        assertEquals("20240229", seg.string(TagFromName.ContentDate));
        assertTrue(seg.string(TagFromName.ContentTime).startsWith("131415"));
        // copied from the source (pydicom CT2)
        assertEquals("Doe^Archibald", seg.string(TagFromName.PatientName));
        assertEquals("77654033", seg.string(TagFromName.PatientID));
        assertEquals("1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.1", seg.string(TagFromName.StudyInstanceUID));
        assertEquals("19950903", seg.string(TagFromName.StudyDate));
        assertEquals("2", seg.string(TagFromName.AccessionNumber));
        assertEquals("1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.4", seg.string(TagFromName.FrameOfReferenceUID));
        assertNull(seg.header.get(TagFromName.SpecificCharacterSet), "plain ASCII needs no character set");
    }

    @Test
    void segmentDescriptionsAreEncodedWithAlgorithmAndTracking() throws Exception {
        SegmentDescription d = SegmentDescription.builder(1, "Tumour \u00e9l\u00e8ve")
                .category(CodedConcept.sct("49755003", "Morphologically abnormal structure"))
                .type(CodedConcept.sct("108369006", "Neoplasm"))
                .addAnatomicRegion(CodedConcept.sct("10200004", "Liver"))
                .algorithmType(SegmentAlgorithmType.AUTOMATIC)
                .algorithm(new AlgorithmIdentification(CodedConcept.dcm("123110", "Artificial Intelligence"), "Net", "2.1"))
                .trackingId("lesion 1").trackingUid("1.2.826.0.1.3680043.9.7433.99.3").colorRgb(255, 0, 0).build();
        Path out = dir.resolve("desc.dcm");
        SegWriter.write(out, ct2Labels(1), List.of(d), Sources.CT2.read(), SegWriteOptions.defaults());
        Conformance.assertConformant(out);
        WrittenSeg seg = new WrittenSeg(out);
        assertEquals("ISO_IR 192", seg.string(TagFromName.SpecificCharacterSet));
        AttributeList item = ((SequenceAttribute) seg.header.get(TagFromName.SegmentSequence)).getItem(0).getAttributeList();
        assertEquals("Tumour \u00e9l\u00e8ve", Attribute.getSingleStringValueOrNull(item, TagFromName.SegmentLabel));
        assertEquals("AUTOMATIC", Attribute.getSingleStringValueOrNull(item, TagFromName.SegmentAlgorithmType));
        assertEquals("lesion 1", Attribute.getSingleStringValueOrNull(item, TagFromName.TrackingID));
        assertEquals("1.2.826.0.1.3680043.9.7433.99.3", Attribute.getSingleStringValueOrNull(item, TagFromName.TrackingUID));
        assertArrayEquals(d.recommendedDisplayCieLab().toArray(), item.get(TagFromName.RecommendedDisplayCIELabValue).getIntegerValues());
        String dump = new String(new ProcessBuilder("dcmdump", "+U8", out.toString()).start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(dump.contains("Tumour \u00e9l\u00e8ve"), "UTF-8 label as dcmdump sees it");
        assertTrue(dump.contains("(0062,0009) LO [Net]"), "Segment Algorithm Name");
        assertTrue(dump.contains("(0066,0031) LO [2.1]"), "Algorithm Version");
        assertTrue(dump.contains("(0062,0020) UT [lesion 1]"), "Tracking ID");
    }

    @Test
    void evenlySpacedSourcesStateSpacingBetweenSlicesAndStacks() throws Exception {
        Path out = dir.resolve("spacing.dcm");
        byte[][] p = new byte[3][38 * 23];
        for (byte[] pl : p) pl[0] = 1;
        SegWriter.write(out, LabelMapMask.ofBytes(p, 38, 23), SegTestData.descriptions(1), Sources.CT_23X38.read(),
                SegWriteOptions.defaults());
        Conformance.assertConformant(out);
        WrittenSeg seg = new WrittenSeg(out);
        AttributeList shared = ((SequenceAttribute) seg.header.get(TagFromName.SharedFunctionalGroupsSequence)).getItem(0).getAttributeList();
        AttributeList pm = ((SequenceAttribute) shared.get(TagFromName.PixelMeasuresSequence)).getItem(0).getAttributeList();
        assertEquals(2.5, pm.get(TagFromName.SpacingBetweenSlices).getDoubleValues()[0], 1e-6);
        assertEquals(2.5, pm.get(TagFromName.SliceThickness).getDoubleValues()[0], 1e-6);
        assertArrayEquals(new double[] {0.7, 0.7}, pm.get(TagFromName.PixelSpacing).getDoubleValues(), 1e-9);
        for (int f = 0; f < 3; f++) {
            AttributeList content = seg.frameGroup(f, TagFromName.FrameContentSequence);
            assertEquals("1", Attribute.getSingleStringValueOrNull(content, TagFromName.StackID));
            assertEquals(f + 1, Attribute.getSingleIntegerValueOrDefault(content, TagFromName.InStackPositionNumber, -1));
            assertEquals(f + 1, content.get(TagFromName.DimensionIndexValues).getIntegerValues()[1]);
        }
        // CT2 is not evenly spaced (-99.48, 103.02, 104.27, 105.52): no Spacing Between Slices.
        Path out2 = dir.resolve("uneven.dcm");
        SegWriter.write(out2, ct2Labels(1, 1, 1, 1), SegTestData.descriptions(1), Sources.CT2.read(), SegWriteOptions.defaults());
        AttributeList shared2 = ((SequenceAttribute) new WrittenSeg(out2).header.get(TagFromName.SharedFunctionalGroupsSequence))
                .getItem(0).getAttributeList();
        assertNull(((SequenceAttribute) shared2.get(TagFromName.PixelMeasuresSequence)).getItem(0).getAttributeList()
                .get(TagFromName.SpacingBetweenSlices));
    }

    @Test
    void customGeometryReferencesTheSlicesAPlaneCrosses() throws Exception {
        // Planes on CT2 slices 2 and 4 (z = 103.02, 105.52) with 0.6 mm thickness reference exactly those;
        // a plane at 104.0 with 2 mm thickness lies within 1 mm of slices 2 (103.02) and 3 (104.27).
        List<PlanePosition> pos = List.of(new PlanePosition(-125, -128.100006, 103.019997), new PlanePosition(-125, -128.100006, 105.519997),
                new PlanePosition(-125, -128.100006, 104.0));
        byte[][] p = new byte[3][64];
        for (byte[] pl : p) pl[10] = 1;
        Path out = dir.resolve("custom.dcm");
        SegWriter.write(out, LabelMapMask.ofBytes(p, 8, 8), SegTestData.descriptions(1), Sources.CT2.read(),
                new SegmentationGeometry(pos, null, new PixelMeasures(2.0, 2.0, 0.6)), SegWriteOptions.defaults());
        Conformance.assertConformant(out);
        WrittenSeg seg = new WrittenSeg(out);
        assertEquals(3, seg.frames);
        assertEquals(List.of(Sources.CT2.sopInstanceUid(1)), refs(seg, 0));
        assertEquals(List.of(Sources.CT2.sopInstanceUid(3)), refs(seg, 1));
        Path out2 = dir.resolve("custom2.dcm");
        SegWriter.write(out2, LabelMapMask.ofBytes(new byte[][] {p[0]}, 8, 8), SegTestData.descriptions(1), Sources.CT2.read(),
                new SegmentationGeometry(List.of(pos.get(2)), null, new PixelMeasures(2.0, 2.0, 2.0)), SegWriteOptions.defaults());
        assertEquals(List.of(Sources.CT2.sopInstanceUid(1), Sources.CT2.sopInstanceUid(2)), refs(new WrittenSeg(out2), 0));
        AttributeList shared = ((SequenceAttribute) seg.header.get(TagFromName.SharedFunctionalGroupsSequence)).getItem(0).getAttributeList();
        AttributeList ori = ((SequenceAttribute) shared.get(TagFromName.PlaneOrientationSequence)).getItem(0).getAttributeList();
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, ori.get(TagFromName.ImageOrientationPatient).getDoubleValues(), 1e-9,
                "orientation from the sources when not given");
    }

    private static List<String> refs(WrittenSeg seg, int frame) {
        List<String> l = new java.util.ArrayList<>();
        for (AttributeList r : seg.sourcesOf(frame)) l.add(Attribute.getSingleStringValueOrNull(r, TagFromName.ReferencedSOPInstanceUID));
        return l;
    }

    @Test
    void nativeBinaryLengthIsPaddedToEven() throws Exception {
        // 3 frames x 874 bits = 2622 bits = 327.75 -> 328 bytes (even); 1 frame: 110 bytes -> even; 5x5x1: 4 bytes (25 bits).
        Path out = dir.resolve("pad.dcm");
        byte[][] p = new byte[3][38 * 23];
        p[0][873] = 1;
        p[1][0] = 1;
        p[2][437] = 1;
        SegWriter.write(out, LabelMapMask.ofBytes(p, 38, 23), SegTestData.descriptions(1), Sources.CT_23X38.read(), SegWriteOptions.defaults());
        WrittenSeg seg = new WrittenSeg(out);
        assertEquals(3, seg.frames);
        assertEquals(1, seg.pixels[0][873]);
        assertEquals(1, seg.pixels[1][0]);
        assertEquals(1, seg.pixels[2][437]);
        byte[] all = Files.readAllBytes(out);
        assertEquals(0, all.length % 2);
        // 2 of 3 frames: 1748 bits = 218.5 -> 219 bytes, padded to 220.
        byte[][] q = new byte[3][38 * 23];
        q[0][5] = 1;
        q[2][873] = 1;
        Path out2 = dir.resolve("pad2.dcm");
        SegWriter.write(out2, LabelMapMask.ofBytes(q, 38, 23), SegTestData.descriptions(1), Sources.CT_23X38.read(), SegWriteOptions.defaults());
        Conformance.assertConformant(out2);
        WrittenSeg seg2 = new WrittenSeg(out2);
        assertEquals(2, seg2.frames);
        assertEquals(1, seg2.pixels[1][873]);
    }

    @Test
    void dcmtkDecodesTheRleFramesToTheSamePixels() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dcmdrle")), "dcmtk dcmdrle not installed");
        for (SegTestData.Input in : new SegTestData.Input[] {SegTestData.Input.LABEL_MAP_16, SegTestData.Input.STACKED_FRACTIONAL}) {
            SegmentationType type = in == SegTestData.Input.LABEL_MAP_16 ? SegmentationType.LABELMAP : SegmentationType.FRACTIONAL;
            Path out = dir.resolve("rle-" + in + ".dcm");
            SegWriter.write(out, SegTestData.mask(in, 3, 38, 23), SegTestData.descriptions(in.segments()), Sources.CT_23X38.read(),
                    SegWriteOptions.builder().segmentationType(type).transferSyntax(OutputTransferSyntax.RLE_LOSSLESS).build());
            Path decoded = dir.resolve("dcmtk-" + in + ".dcm");
            Process p = new ProcessBuilder("dcmdrle", out.toString(), decoded.toString()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), log);
            WrittenSeg ours = new WrittenSeg(out);
            WrittenSeg theirs = new WrittenSeg(decoded);
            assertEquals(ours.frames, theirs.frames);
            for (int f = 0; f < ours.frames; f++) assertArrayEquals(ours.pixels[f], theirs.pixels[f], in + " frame " + (f + 1));
        }
    }

    @Test
    void reportsProgressUpToTheFrameCount() throws Exception {
        List<int[]> calls = new java.util.ArrayList<>();
        SegWriteResult r = SegWriter.write(dir.resolve("progress.dcm"), SegTestData.mask(SegTestData.Input.STACKED_OVERLAPPING, 4, 16, 16),
                SegTestData.descriptions(3), Sources.CT2.read(),
                SegWriteOptions.builder().progress(new Progress() {
                    @Override public void progress(long done, long total) { calls.add(new int[] {(int) done, (int) total}); }
                    @Override public boolean canceled() { return false; }
                }).build());
        assertEquals(0, calls.get(0)[0]);
        int[] last = calls.get(calls.size() - 1);
        assertEquals(r.numberOfFrames(), last[0]);
        assertEquals(r.numberOfFrames(), last[1]);
        for (int i = 1; i < calls.size(); i++) assertTrue(calls.get(i)[0] >= calls.get(i - 1)[0], "monotonic");
        assertTrue(calls.size() >= 3, "one call per non-empty plane at least");
    }
}
