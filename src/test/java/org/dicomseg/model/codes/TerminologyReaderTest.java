package org.dicomseg.model.codes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;

import org.dicomseg.model.CodedConcept;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.Test;

class TerminologyReaderTest {

    private static Path terminology(String name) {
        Shared.assumePresent();
        return Shared.root().resolve("terminology").resolve(name);
    }

    @Test
    void readsTheDcmqiCategoryTypeMasterList() throws IOException {
        Terminology t = TerminologyReader.read(terminology("SegmentationCategoryTypeModifier-DICOM-Master.json"));
        assertEquals(Terminology.Kind.CATEGORY_TYPE, t.kind());
        assertEquals("Segmentation category and type - DICOM master list", t.name());
        assertEquals(8, t.roots().size());
        TerminologyEntry tissue = t.findRoot("tissue").get();
        assertEquals(new CodedConcept("85756007", "SCT", "Tissue"), tissue.concept());
        assertEquals("7150", tissue.cid());
        TerminologyEntry fat = tissue.children().get(0);
        assertEquals("Body fat", fat.concept().meaning());
        assertArrayEquals(new int[] {230, 220, 70}, fat.recommendedRgb());
        assertEquals("fat", fat.slicerLabel());
        TerminologyEntry anatomy = t.findRoot(new CodedConcept("123037004", "SCT", "x")).get();
        assertEquals(576, anatomy.children().size());
        assertTrue(anatomy.children().stream().anyMatch(x -> x.modifiers().stream()
                .anyMatch(m -> m.concept().meaning().equals("Left"))), "laterality modifiers are read");
        ContextGroup types = t.typesOf(tissue.concept());
        assertEquals(21, types.size());
        assertEquals(tissue.concept(), types.findByMeaning("muscle").get().parent());
        assertEquals(8, t.rootGroup().size());
        assertTrue(t.allTypes().size() > 600);
        assertTrue(t.conceptCount() > 1300);
    }

    @Test
    void readsTheAnatomicRegionMasterListAndSlicerGeneralAnatomy() throws IOException {
        Terminology regions = TerminologyReader.read(terminology("AnatomicRegionAndModifier-DICOM-Master.json"));
        assertEquals(Terminology.Kind.ANATOMIC, regions.kind());
        assertEquals(612, regions.roots().size());
        assertTrue(regions.rootGroup().findByMeaning("Liver").isPresent());

        Terminology slicer = TerminologyReader.read(terminology("SegmentationCategoryTypeModifier-SlicerGeneralAnatomy.json"));
        assertEquals(5, slicer.roots().size());
        assertEquals(165, slicer.findRoot("Anatomical Structure").get().children().size());
    }

    @Test
    void badFilesGiveMessagesWithTheirPath() {
        IOException e = assertThrows(IOException.class, () -> TerminologyReader.read(new StringReader("{"), "x.json"));
        assertTrue(e.getMessage().startsWith("x.json: not valid JSON"), e.getMessage());
        e = assertThrows(IOException.class, () -> TerminologyReader.read(new StringReader("{\"a\":1}"), "x.json"));
        assertTrue(e.getMessage().contains("not a Slicer/dcmqi terminology file"), e.getMessage());
        e = assertThrows(IOException.class, () -> TerminologyReader.read(new StringReader(
                "{\"SegmentationCodes\":{\"Category\":[{\"CodeValue\":\"1\",\"CodingSchemeDesignator\":\"SCT\","
                        + "\"Type\":[]}]}}"), "x.json"));
        assertTrue(e.getMessage().contains("$.SegmentationCodes.Category[0]: missing \"CodeMeaning\""), e.getMessage());
    }
}
