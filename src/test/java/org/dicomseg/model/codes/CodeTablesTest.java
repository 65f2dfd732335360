package org.dicomseg.model.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dicomseg.model.CodedConcept;
import org.junit.jupiter.api.Test;

class CodeTablesTest {

    @Test
    void everyBuiltInTableLoadsWithoutDuplicates() throws IOException {
        for (String cid : CodeTables.BUILT_IN) {
            ContextGroup g = CodeTables.group(cid);
            assertEquals(cid, g.cid());
            assertFalse(g.name().isBlank(), "CID " + cid + " has a name");
            assertTrue(g.size() > 0, "CID " + cid + " is not empty");
            // ContextGroup drops repeated codes silently: compare with the raw line count.
            try (InputStream in = CodeTables.class.getResourceAsStream("/org/dicomseg/codes/cid" + cid + ".tsv")) {
                long lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(l -> !l.isBlank() && !l.startsWith("#")).count();
                assertEquals(lines, g.size(), "CID " + cid + " lists a code twice");
            }
            Set<String> meanings = new HashSet<>();
            for (CodeEntry e : g.entries()) {
                assertTrue(meanings.add(e.meaning().toLowerCase()), "CID " + cid + " repeats meaning " + e.meaning());
            }
        }
    }

    @Test
    void everyTypeHasACategoryFromCid7150() {
        for (CodeEntry e : CodeTables.types().entries()) {
            assertNotNull(e.parent(), e + " has a category");
            assertTrue(CodeTables.categories().contains(e.parent()), e + " category is in CID 7150");
            assertEquals(CodeTables.categories().find(e.parent()).get().meaning(), e.parent().meaning());
        }
        List<CodeEntry> tissues = CodeTables.typesOf(Codes.TISSUE);
        assertTrue(tissues.stream().anyMatch(t -> t.meaning().equals("Muscle")));
        assertTrue(CodeTables.typesOf(Codes.ANATOMICAL_STRUCTURE).stream().anyMatch(t -> t.concept().equals(Codes.LIVER)));
    }

    @Test
    void findsByMeaningIgnoringCaseAndByCode() {
        ContextGroup types = CodeTables.types();
        assertEquals("10200004", types.findByMeaning("  lIvEr ").get().value());
        assertEquals("Liver", types.find("10200004", "SCT").get().meaning());
        assertTrue(types.find("10200004", "DCM").isEmpty(), "scheme is part of the key");
        assertTrue(types.findByMeaning("no such thing").isEmpty());
        assertTrue(types.search("neoplasm").size() >= 3);
        assertTrue(types.contains(new CodedConcept("84640000", "SCT", "any meaning")));
        assertEquals("Artificial Intelligence", CodeTables.lookup("123110", "DCM").get().meaning());
        assertThrows(IllegalArgumentException.class, () -> CodeTables.group("9999"));
        assertThrows(IllegalStateException.class, () -> types.require("1", "SCT"));
    }

    @Test
    void wellKnownDefaultsComeFromTheTables() {
        assertEquals(new CodedConcept("85756007", "SCT", "Tissue"), Codes.TISSUE);
        assertEquals("Tissue", Codes.TISSUE.meaning());
        assertEquals("Organ", Codes.ORGAN.meaning());
        assertEquals("Liver", Codes.LIVER.meaning());
        assertEquals("Artificial Intelligence", Codes.ARTIFICIAL_INTELLIGENCE.meaning());
        assertEquals("DCM", Codes.ARTIFICIAL_INTELLIGENCE.schemeDesignator());
        assertEquals("Manual Processing", Codes.MANUAL_PROCESSING.meaning());
        assertEquals("Left", Codes.LEFT.meaning());
        assertEquals("Right", Codes.RIGHT.meaning());
        assertEquals("Cell", Codes.CELL.meaning());
        assertEquals("Nucleus", Codes.NUCLEUS.meaning());
        assertTrue(CodeTables.types().contains(Codes.TISSUE), "Tissue is also a type (CID 7165)");
        assertTrue(CodeTables.algorithmFamilies().contains(Codes.HISTOGRAM_ANALYSIS));
        org.dicomseg.model.SegmentDescription d = Codes.defaultSegment(3).build();
        assertEquals("Segment 3", d.label());
        assertEquals(Codes.TISSUE, d.category());
        assertEquals(Codes.TISSUE, d.type());
    }

    @Test
    void coloursAreOptionalAndConvertToCieLab() {
        CodeEntry liver = CodeTables.types().find(Codes.LIVER).get();
        assertNotNull(liver.recommendedRgb());
        int[] back = liver.recommendedCieLab().toRgb();
        for (int i = 0; i < 3; i++) assertTrue(Math.abs(back[i] - liver.recommendedRgb()[i]) <= 1);
        CodeEntry organ = CodeTables.types().find(Codes.ORGAN).get();
        assertEquals(null, organ.recommendedRgb());
        assertEquals(null, organ.recommendedCieLab());
    }

    @Test
    void readerReportsMalformedLinesWithTheirNumber() {
        IOException e = assertThrows(IOException.class, () -> CodeTableReader.read(
                new StringReader("#!\t1\tTest\n1\tSCT\n"), "t.tsv", null));
        assertTrue(e.getMessage().contains("t.tsv line 2"), e.getMessage());
        e = assertThrows(IOException.class, () -> CodeTableReader.read(
                new StringReader("#!\t1\tTest\n1\tSCT\tOne\t1,2\n"), "t.tsv", null));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("r,g,b"), e.getMessage());
        e = assertThrows(IOException.class, () -> CodeTableReader.read(new StringReader("1\tSCT\tOne\n"), "t.tsv", null));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }
}
