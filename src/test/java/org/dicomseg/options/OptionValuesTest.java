package org.dicomseg.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The typed reads every form shares: text, checkbox, choice, number. */
class OptionValuesTest {
    @Test
    void textIsTrimmedAndAbsentIsTheDefault() {
        OptionValues v = OptionValues.of(Map.of("out", "  /tmp/a b.dcm "));
        assertEquals("/tmp/a b.dcm", v.string("out", "x"));
        assertEquals("dflt", v.string("source", "dflt"));
    }

    @Test
    void checkboxIsOnWhenPresentBareOrTrue() {
        OptionValues v = OptionValues.of(Map.of("a", "", "b", "true", "c", "TRUE", "d", "false"));
        assertTrue(v.flag("a"));
        assertTrue(v.flag("b"));
        assertTrue(v.flag("c"));
        assertFalse(v.flag("d"));
        assertFalse(v.flag("absent"));
    }

    @Test
    void choiceIsMatchedIgnoringCaseAndReturnedAsListed() {
        OptionValues v = OptionValues.of(Map.of("output", "label IMAGE"));
        assertEquals("label image", v.choice("output", List.of("hyperstack", "label image"), "hyperstack"));
        assertEquals("hyperstack", v.choice("other", List.of("hyperstack", "label image"), "hyperstack"));
    }

    @Test
    void numbersAreRoundedAndBadOnesNameTheKeyAsShown() {
        OptionValues v = OptionValues.of(Map.of("level", "2.6", "x", "left", "y", "1e12"), key -> "--" + key);
        assertEquals(3, v.number("level", 1));
        assertEquals(7, v.number("absent", 7));
        InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> v.number("x", 0));
        assertEquals("--x=left is not a number", e.getMessage());
        assertEquals("x", e.key());
        assertEquals("--y=1e12 is out of range", assertThrows(InvalidOptionException.class, () -> v.number("y", 0)).getMessage());
    }
}
