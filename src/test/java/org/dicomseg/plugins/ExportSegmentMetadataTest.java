package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;

import org.dicomseg.ij.export.ExportDecoded;
import org.dicomseg.ij.SegmentMetadataProperty;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.model.CieLab;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.testing.Conformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment Metadata... edits what the exports write; templates round-trip through dcmqi JSON. */
class ExportSegmentMetadataTest {
    static final String EDIT_LIVER = "action=edit segment=1 label=Liver category=[Anatomical Structure] type=Liver region=Abdomen"
            + " algorithm=SEMIAUTOMATIC algorithm_name=Threshold algorithm_version=2.0 tracking_id=L-1 color=#ff0000";

    @Test void editedSegmentReachesTheSeg(@TempDir Path dir) throws Exception {
        ImagePlus imp = ExportCommandTest.labels();
        DcmqiMetadata m = ExportMacroRunner.run(imp, EDIT_LIVER, () -> SegmentMetadataCommand.apply(imp));
        assertEquals(3, m.segments().size(), "the other labels keep their defaults");
        assertNotNull(imp.getProp(SegmentMetadataProperty.PROPERTY), "stored on the image");
        SegmentDescription liver = m.segments().get(0);
        assertEquals("10200004", liver.type().value());
        assertEquals("91723000", liver.category().value());
        assertEquals("818981001", liver.anatomicRegions().get(0).value());
        assertEquals("L-1", liver.trackingId());
        assertNotNull(liver.trackingUid(), "a new Tracking UID comes with the Tracking ID");
        assertEquals(CieLab.fromRgb(255, 0, 0), liver.recommendedDisplayCieLab());

        Path out = dir.resolve("seg.dcm");
        ExportMacroRunner.run(imp, "source=[" + ExportCommandTest.CT + "] out=[" + out + "]", () -> ExportLabelImageCommand.export(imp));
        Conformance.assertConformant(out);
        ExportDecoded d = ExportDecoded.read(out, SourceLocator.fromPath(ExportCommandTest.CT.toString(), 64, 64, 5));
        assertEquals("Liver", d.segments.get(0).label());
        assertEquals(SegmentAlgorithmType.SEMIAUTOMATIC, d.segments.get(0).algorithmType());
        assertEquals("Threshold", d.segments.get(0).algorithmIdentification().name());
        assertEquals(liver.trackingUid(), d.segments.get(0).trackingUid());
        assertEquals("Segment 2", d.segments.get(1).label());
        ExportCommandTest.assertSameAsLabels(imp, d, 3);
    }

    @Test void codesOutsideTheListsAreTyped(@TempDir Path dir) throws Exception {
        ImagePlus imp = ExportCommandTest.labels();
        DcmqiMetadata m = ExportMacroRunner.run(imp, "action=edit segment=2 label=Nuclei category_code=[91723000^SCT^Anatomical Structure]"
                + " type_code=[84640000^SCT^Nucleus] region_code=[(39607008, SCT, \"Lung\")] algorithm=MANUAL",
                () -> SegmentMetadataCommand.apply(imp));
        SegmentDescription nuclei = m.segments().get(1);
        assertEquals(new org.dicomseg.model.CodedConcept("84640000", "SCT", "Nucleus"), nuclei.type());
        assertEquals("Nucleus", nuclei.type().meaning());
        assertEquals("39607008", nuclei.anatomicRegions().get(0).value());
        Path out = dir.resolve("seg.dcm");
        ExportMacroRunner.run(imp, "source=[" + ExportCommandTest.CT + "] out=[" + out + "]", () -> ExportLabelImageCommand.export(imp));
        Conformance.assertConformant(out);
        ExportDecoded d = ExportDecoded.read(out, SourceLocator.fromPath(ExportCommandTest.CT.toString(), 64, 64, 5));
        assertEquals("84640000", d.segments.get(1).type().value());
        assertEquals("Nucleus", d.segments.get(1).type().meaning());
        assertEquals("Lung", d.segments.get(1).anatomicRegions().get(0).meaning());
        // Editing again without typing keeps the typed code (the list offers the current meaning).
        DcmqiMetadata again = ExportMacroRunner.run(imp, "action=edit segment=2 label=Nuclei2 type=Nucleus category=[Anatomical Structure]"
                + " region=Lung algorithm=MANUAL", () -> SegmentMetadataCommand.apply(imp));
        assertEquals("84640000", again.segments().get(1).type().value());
        assertEquals("39607008", again.segments().get(1).anatomicRegions().get(0).value());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ExportMacroRunner.run(imp,
                "action=edit segment=1 type_code=[84640000 SCT Nucleus]", () -> SegmentMetadataCommand.apply(imp)));
        assertTrue(bad.getMessage().contains("type_code") && bad.getMessage().contains("value^scheme^meaning"), bad.getMessage());
    }

    @Test void roiSegmentsAreDescribedByNameAndReachTheRoiExport(@TempDir Path dir) throws Exception {
        ImagePlus imp = ExportCommandTest.labels();
        Path zip = Path.of("sample-images/RoiSet.zip");
        java.util.List<String> names = new java.util.ArrayList<>();
        for (ij.gui.Roi r : org.dicomseg.ij.export.RoiSetReader.read(zip)) if (!names.contains(r.getName())) names.add(r.getName());
        assertTrue(names.size() >= 2, names.toString());
        DcmqiMetadata m = ExportMacroRunner.run(imp, "action=rois rois=[" + zip + "]", () -> SegmentMetadataCommand.apply(imp));
        java.util.List<String> labels = new java.util.ArrayList<>();
        for (SegmentDescription d : m.segments()) labels.add(d.label());
        assertEquals(names, labels, "one segment per ROI name, in order");
        assertEquals(SegmentAlgorithmType.MANUAL, m.segments().get(0).algorithmType());
        // describe the first ROI, then export the ROIs: the SEG carries the description
        ExportMacroRunner.run(imp, "action=edit segment=1 label=[" + names.get(0) + "] category=[Anatomical Structure] type=Liver"
                + " algorithm=MANUAL", () -> SegmentMetadataCommand.apply(imp));
        Path out = dir.resolve("rois.dcm");
        ExportMacroRunner.run(imp, "rois=[" + zip + "] grouping=name source=[" + ExportCommandTest.CT + "] out=[" + out + "]",
                () -> ExportRoisCommand.export(imp));
        Conformance.assertConformant(out);
        ExportDecoded d = ExportDecoded.read(out, SourceLocator.fromPath(ExportCommandTest.CT.toString(), 64, 64, 5));
        assertEquals(names.get(0), d.segments.get(0).label());
        assertEquals("10200004", d.segments.get(0).type().value(), "Liver");
        // describing the ROIs again keeps what was edited
        DcmqiMetadata again = ExportMacroRunner.run(imp, "action=rois rois=[" + zip + "]", () -> SegmentMetadataCommand.apply(imp));
        assertEquals("10200004", again.segments().get(0).type().value());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> ExportMacroRunner.run(imp,
                "action=rois", () -> SegmentMetadataCommand.apply(imp)));
        assertTrue(empty.getMessage().contains("ROI Manager is empty"), empty.getMessage());
    }

    @Test void saveClearLoadRoundTrip(@TempDir Path dir) throws Exception {
        ImagePlus imp = ExportCommandTest.labels();
        ExportMacroRunner.run(imp, EDIT_LIVER, () -> SegmentMetadataCommand.apply(imp));
        Path json = dir.resolve("template.json");
        ExportMacroRunner.run(imp, "action=save template=[" + json + "]", () -> SegmentMetadataCommand.apply(imp));
        assertTrue(Files.readString(json).contains("\"SegmentLabel\": \"Liver\""));
        ExportMacroRunner.run(imp, "action=clear", () -> SegmentMetadataCommand.apply(imp));
        assertNull(SegmentMetadataProperty.get(imp));
        ImagePlus other = ExportCommandTest.labels();
        DcmqiMetadata loaded = ExportMacroRunner.run(other, "action=load template=[" + json + "]", () -> SegmentMetadataCommand.apply(other));
        assertEquals("Liver", loaded.segments().get(0).label());
        assertEquals("Liver", SegmentMetadataProperty.get(other).segments().get(0).label());
    }

    @Test void typeChoicesFollowTheCategoryInTheDialog() throws Exception {
        java.util.List<String> anatomy = java.util.List.of(SegmentMetadataCommand.typesOfCategory("Anatomical Structure"));
        assertTrue(anatomy.contains("Liver") && !anatomy.contains("Lesion"), anatomy.toString());
        java.util.List<String> abnormal = java.util.List.of(SegmentMetadataCommand.typesOfCategory("Morphologically Abnormal Structure"));
        assertTrue(abnormal.contains("Lesion") && !abnormal.contains("Liver"), abnormal.toString());
        assertTrue(SegmentMetadataCommand.typesOfCategory("no such category").length > 100, "unknown category: every type");
    }

    @Test void addingASegmentAndBadInput() throws Exception {
        ImagePlus imp = ExportCommandTest.labels();
        DcmqiMetadata m = ExportMacroRunner.run(imp, "action=edit segment=4 label=Kidney type=Kidney category=[Anatomical Structure]"
                + " algorithm=MANUAL", () -> SegmentMetadataCommand.apply(imp));
        assertEquals(4, m.segments().size());
        assertEquals(4, m.labelMappings().get(3).labelId());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExportMacroRunner.run(imp, "action=edit segment=9", () -> SegmentMetadataCommand.apply(imp)));
        assertTrue(e.getMessage().contains("Segment 9 does not exist"), e.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> ExportMacroRunner.run(imp,
                "action=edit segment=1 color=nocolour", () -> SegmentMetadataCommand.apply(imp)));
        assertTrue(c.getMessage().contains("nocolour"), c.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> ExportMacroRunner.run(imp,
                "action=edit segment=1 type=[Flux capacitor]", () -> SegmentMetadataCommand.apply(imp)));
        assertTrue(t.getMessage().contains("Flux capacitor"), t.getMessage());
    }
}
