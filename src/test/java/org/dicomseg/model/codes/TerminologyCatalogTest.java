package org.dicomseg.model.codes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.dicomseg.model.CodedConcept;
import org.dicomseg.testing.Shared;

/**
 * The pick-lists of Segment Metadata...: the built-in tables alone, or joined with a lab's own
 * Slicer/dcmqi-format files (here dcmqi's DICOM master lists from ../shared/terminology, as a lab
 * would name them in Options...; the plugin ships none).
 */
class TerminologyCatalogTest {
    /** The built-in tables joined with dcmqi's two master lists, read from ../shared/terminology. */
    static TerminologyCatalog withDcmqiLists() throws IOException {
        Shared.assumePresent();
        Path dir = Shared.root().resolve("terminology");
        return TerminologyCatalog.of(TerminologyReader.read(dir.resolve("SegmentationCategoryTypeModifier-DICOM-Master.json")),
                TerminologyReader.read(dir.resolve("AnatomicRegionAndModifier-DICOM-Master.json")));
    }

    @Test void theBuiltInTablesAloneAreSearchable() {
        TerminologyCatalog cat = TerminologyCatalog.builtIn();
        assertEquals(CodeTables.types().size(), cat.types().size(), cat.toString());
        assertEquals(CodeTables.anatomicRegions().size(), cat.regions().size(), cat.toString());
        CodeEntry liver = cat.search("liver", 10).get(0);
        assertEquals(new CodedConcept("10200004", "SCT", "Liver"), liver.concept());
        assertArrayEquals(CodeTables.types().find(liver.concept()).orElseThrow().recommendedRgb(),
                cat.recommendedRgb(liver.concept()).orElseThrow(), "the built-in table's colour");
        assertTrue(cat.search("BLOOD vessel", 10).stream().anyMatch(e -> e.meaning().equals("Blood vessel")), "words, case ignored");
        assertTrue(cat.searchRegions("abdom", 10).stream().anyMatch(e -> e.meaning().equals("Abdomen")));
        assertTrue(cat.search("caudate", 10).isEmpty() && cat.search("lymphatic vessel", 10).isEmpty(),
                "no terminology file named: nothing but the built-in tables");
        assertTrue(cat.typesOf(cat.categories().findByMeaning("Anatomical Structure").orElseThrow().concept())
                .stream().anyMatch(e -> e.meaning().equals("Liver")));
    }

    @Test void aLabsDcmqiFormatFilesAreSearchable() throws IOException {
        TerminologyCatalog builtIn = TerminologyCatalog.builtIn();
        TerminologyCatalog cat = withDcmqiLists();
        assertTrue(cat.types().size() >= builtIn.types().size() + 400, cat + " vs " + builtIn);
        assertTrue(cat.regions().size() >= 500, cat.toString());
        // a type the built-in table does not have, with its code, category and recommended colour from dcmqi's list
        List<CodeEntry> hits = cat.search("caudate", 50);
        CodeEntry caudate = hits.stream().filter(e -> e.meaning().equals("Caudate nucleus")).findFirst().orElseThrow();
        assertTrue(builtIn.types().findByMeaning("Caudate nucleus").isEmpty(), "only in the terminology");
        assertEquals("SCT", caudate.schemeDesignator());
        assertEquals(List.of("anatomical structure"), cat.categoriesOf(caudate.concept()));
        CodeEntry lymph = cat.search("lymphatic vessel", 5).get(0);
        assertTrue(builtIn.types().findByMeaning("Lymphatic vessel").isEmpty(), "only in the terminology");
        assertArrayEquals(new int[] {111, 197, 131}, cat.recommendedRgb(lymph.concept()).orElseThrow(), "dcmqi's recommended colour");
        // words in any order, case ignored; starts-with first
        assertTrue(cat.search("ARTERY coronary", 500).size() > 10);
        assertTrue(cat.search("liver", 10).get(0).meaning().toLowerCase().startsWith("liver"));
        assertTrue(cat.search("zzzz", 10).isEmpty());
        assertTrue(cat.searchRegions("abdom", 50).stream().anyMatch(e -> e.meaning().equals("Abdomen")));
        assertTrue(cat.searchRegions("abdom", 50).size() > cat.searchRegions("abdom", 50).stream()
                .filter(e -> builtIn.regions().contains(e.concept())).count(), "regions only the anatomic terminology has");
        assertEquals(3, cat.search("artery", 3).size(), "at most max results");
    }

    @Test void theStandardsCurrentCodeWinsForAMeaning() throws IOException {
        TerminologyCatalog cat = withDcmqiLists();
        // dcmqi's list keeps (123037004, SCT) for Anatomical Structure; CID 7150 has (91723000, SCT) since 2019
        assertEquals("91723000", cat.categories().findByMeaning("Anatomical Structure").orElseThrow().value());
        CodedConcept anatomy = cat.categories().findByMeaning("Anatomical Structure").orElseThrow().concept();
        List<CodeEntry> types = cat.typesOf(anatomy);
        assertTrue(types.size() > 500, "the list's types are found under the category by meaning: " + types.size());
        CodeEntry liver = types.stream().filter(e -> e.meaning().equals("Liver")).findFirst().orElseThrow();
        assertEquals("10200004", liver.value());
        assertArrayEquals(CodeTables.types().find(liver.concept()).orElseThrow().recommendedRgb(),
                cat.recommendedRgb(liver.concept()).orElseThrow(), "a code both lists colour: the built-in table's colour");
        assertTrue(cat.typesOf(cat.categories().findByMeaning("Morphologically Abnormal Structure").orElseThrow().concept())
                .stream().noneMatch(e -> e.meaning().equals("Liver")));
    }

    @Test void aLabsOwnTerminologyJoinsTheBuiltInTables() throws Exception {
        String json = "{\"SegmentationCategoryTypeContextName\": \"Lab\", \"SegmentationCodes\": {\"Category\": [ {"
                + "\"CodeValue\": \"91723000\", \"CodingSchemeDesignator\": \"SCT\", \"CodeMeaning\": \"Anatomical Structure\","
                + "\"Type\": [ {\"CodeValue\": \"LAB-7\", \"CodingSchemeDesignator\": \"99LAB\", \"CodeMeaning\": \"Organoid core\","
                + "\"recommendedDisplayRGBValue\": [10, 200, 30]} ] } ] } }";
        Terminology lab = TerminologyReader.read(new StringReader(json), "lab.json");
        TerminologyCatalog cat = TerminologyCatalog.of(lab, null);
        CodeEntry core = cat.search("organoid", 5).get(0);
        assertEquals(new CodedConcept("LAB-7", "99LAB", "Organoid core"), core.concept());
        assertArrayEquals(new int[] {10, 200, 30}, cat.recommendedRgb(core.concept()).orElseThrow());
        assertTrue(cat.types().findByMeaning("Liver").isPresent(), "the built-in tables stay");
        assertTrue(cat.search("caudate", 5).isEmpty(), "only the named file joins the built-in tables");
        IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class, () -> TerminologyCatalog.of(null, lab));
        assertTrue(wrongKind.getMessage().contains("categories and types"), wrongKind.getMessage());
    }
}
