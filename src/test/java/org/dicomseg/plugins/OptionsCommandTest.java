package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.ij.export.ExportDecoded;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.ij.ui.SegOptions;
import org.dicomseg.model.CieLab;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;

/**
 * Options... by macro, as {@code run("Options... ", "...")} runs it: the kept series and equipment
 * attributes reach the SEG an export writes (a key given to the export wins), and Segment Metadata...
 * offers the built-in tables, joined with the lab's own terminology files when Options... names them,
 * with their recommended colours.
 */
class OptionsCommandTest {
    @AfterEach void forget() {
        SegOptions.reset();
    }

    @Test void keptAttributesReachTheWrittenSeg(@TempDir Path dir) throws Exception {
        ImagePlus imp = ExportCommandTest.labels();
        assertTrue(ExportMacroRunner.run(imp, "series=[Kept series] series_number=77 manufacturer=[Lab 7] model=[M1]"
                + " software=[] serial=[SN-9] creator=[Doe^Jane]", OptionsCommand::apply));
        Path kept = dir.resolve("kept.dcm"), given = dir.resolve("given.dcm");
        ExportMacroRunner.run(imp, "source=[" + ExportCommandTest.CT + "] out=[" + kept + "]", () -> ExportLabelImageCommand.export(imp));
        ExportMacroRunner.run(imp, "source=[" + ExportCommandTest.CT + "] out=[" + given + "] series=[Given] software=[pipeline 2]",
                () -> ExportLabelImageCommand.export(imp));
        Conformance.assertConformant(kept, given);
        List<String> a = dump(kept), b = dump(given);
        assertTrue(a.stream().anyMatch(l -> l.startsWith("(0008,103e)") && l.contains("[Kept series]")), String.join("\n", a));
        assertTrue(a.stream().anyMatch(l -> l.startsWith("(0020,0011)") && l.contains("[77]")));
        assertTrue(a.stream().anyMatch(l -> l.startsWith("(0008,0070)") && l.contains("[Lab 7]")));
        assertTrue(a.stream().anyMatch(l -> l.startsWith("(0018,1000)") && l.contains("[SN-9]")));
        assertTrue(a.stream().anyMatch(l -> l.startsWith("(0070,0084)") && l.contains("[Doe^Jane]")));
        assertTrue(a.stream().anyMatch(l -> l.startsWith("(0018,1020)") && l.contains("ImageJ " + ij.IJ.getVersion())),
                "blank software: stamped when written");
        assertTrue(b.stream().anyMatch(l -> l.startsWith("(0008,103e)") && l.contains("[Given]")), "the export's key wins");
        assertTrue(b.stream().anyMatch(l -> l.startsWith("(0018,1020)") && l.contains("[pipeline 2]")));
        assertTrue(b.stream().anyMatch(l -> l.startsWith("(0008,0070)") && l.contains("[Lab 7]")), "others stay kept");
    }

    @Test void segmentMetadataSearchesTheBuiltInTablesOrTheLabsTerminology(@TempDir Path dir) throws Exception {
        Shared.assumePresent();
        ImagePlus imp = ExportCommandTest.labels();
        // no terminology named: the built-in tables only, so a type only dcmqi's list has is refused
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ExportMacroRunner.run(imp,
                "action=edit segment=2 label=Lymph category=Tissue type=[Lymphatic vessel]", () -> SegmentMetadataCommand.apply(imp)));
        assertTrue(unknown.getMessage().contains("Lymphatic vessel"), unknown.getMessage());
        // the lab names dcmqi's DICOM master lists (as brought from Slicer): their types join the built-in ones,
        // with their recommended colour when no colour is given
        Path terms = Shared.root().resolve("terminology");
        ExportMacroRunner.run(imp, "terminology=[" + terms.resolve("SegmentationCategoryTypeModifier-DICOM-Master.json")
                + "] anatomic=[" + terms.resolve("AnatomicRegionAndModifier-DICOM-Master.json") + "]", OptionsCommand::apply);
        DcmqiMetadata m = ExportMacroRunner.run(imp, "action=edit segment=2 label=Lymph category=Tissue"
                + " type=[Lymphatic vessel]", () -> SegmentMetadataCommand.apply(imp));
        SegmentDescription lymph = m.segments().get(1);
        assertEquals("Lymphatic vessel", lymph.type().meaning());
        assertEquals("SCT", lymph.type().schemeDesignator());
        assertEquals(CieLab.fromRgb(111, 197, 131), lymph.recommendedDisplayCieLab(), "dcmqi's recommended colour");

        Path lab = Files.writeString(dir.resolve("lab-terms.json"), "{\"SegmentationCategoryTypeContextName\": \"Lab\","
                + " \"SegmentationCodes\": {\"Category\": [ {\"CodeValue\": \"91723000\", \"CodingSchemeDesignator\": \"SCT\","
                + " \"CodeMeaning\": \"Anatomical Structure\", \"Type\": [ {\"CodeValue\": \"LAB-7\", \"CodingSchemeDesignator\": \"99LAB\","
                + " \"CodeMeaning\": \"Organoid core\", \"recommendedDisplayRGBValue\": [10, 200, 30]} ] } ] } }");
        ExportMacroRunner.run(imp, "terminology=[" + lab + "]", OptionsCommand::apply);
        DcmqiMetadata o = ExportMacroRunner.run(imp, "action=edit segment=3 label=Core category=[Anatomical Structure]"
                + " type=[Organoid core]", () -> SegmentMetadataCommand.apply(imp));
        assertEquals(new CodedConcept("LAB-7", "99LAB", "Organoid core"), o.segments().get(2).type());
        assertEquals(CieLab.fromRgb(10, 200, 30), o.segments().get(2).recommendedDisplayCieLab());

        Path out = dir.resolve("seg.dcm");
        ExportMacroRunner.run(imp, "source=[" + ExportCommandTest.CT + "] out=[" + out + "]", () -> ExportLabelImageCommand.export(imp));
        Conformance.assertConformant(out);
        ExportDecoded d = ExportDecoded.read(out, SourceLocator.fromPath(ExportCommandTest.CT.toString(), 64, 64, 5));
        assertEquals("Lymphatic vessel", d.segments.get(1).type().meaning());
        assertEquals("LAB-7", d.segments.get(2).type().value());
        java.awt.Color c = new java.awt.Color(d.segments.get(2).recommendedDisplayCieLab().toRgbInt());
        assertArrayEquals(new int[] {10, 200, 30}, new int[] {c.getRed(), c.getGreen(), c.getBlue()}, "the colour written");

        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"nothing\": 1}");
        IllegalArgumentException notFound = assertThrows(IllegalArgumentException.class,
                () -> ExportMacroRunner.run(imp, "terminology=[" + dir.resolve("none.json") + "]", OptionsCommand::apply));
        assertTrue(notFound.getMessage().contains("none.json"), notFound.getMessage());
        java.io.IOException notTerms = assertThrows(java.io.IOException.class,
                () -> ExportMacroRunner.run(imp, "terminology=[" + bad + "]", OptionsCommand::apply));
        assertTrue(notTerms.getMessage().contains("bad.json") && notTerms.getMessage().contains("terminology"), notTerms.getMessage());
        assertEquals(lab.toString(), SegOptions.get(MacroKeys.TERMINOLOGY), "a refused file leaves the setting as it was");
    }

    static List<String> dump(Path f) throws Exception {
        Process p = new ProcessBuilder("dcmdump", "+L", "-q", f.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        List<String> l = new java.util.ArrayList<>();
        for (String line : text.split("\r?\n")) l.add(line.trim());
        return l;
    }
}
