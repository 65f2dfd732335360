package org.dicomseg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Typed code triplets: both notations, and clear refusals. */
class CodedConceptTest {
    @Test void parsesCaretAndStandardNotation() {
        CodedConcept caret = CodedConcept.parse(" 84640000^SCT^Nucleus ");
        assertEquals("84640000", caret.value());
        assertEquals("SCT", caret.schemeDesignator());
        assertEquals("Nucleus", caret.meaning());
        CodedConcept std = CodedConcept.parse("(84640000, SCT, \"Nucleus\")");
        assertEquals(caret, std);
        assertEquals("Nucleus", std.meaning());
        // toString writes the standard notation, which parses back
        assertEquals(std, CodedConcept.parse(std.toString()));
        // a meaning with commas survives the standard notation
        assertEquals("Kidney, left", CodedConcept.parse("(1, 99X, \"Kidney, left\")").meaning());
    }

    @Test void refusesIncompleteCodes() {
        for (String bad : new String[] {"", "84640000^SCT", "84640000 SCT Nucleus", "^SCT^Nucleus", "(1, SCT)"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodedConcept.parse(bad), bad);
            assertTrue(e.getMessage().contains("code") || e.getMessage().contains("Code"), e.getMessage());
        }
    }
}
