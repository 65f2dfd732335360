package org.dicomseg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The harnesses' option parser ({@link BenchArgs}): both spellings of a value, defaults, and a
 * typo, a repeat, a missing value or a stray argument is an error rather than a silent default.
 */
class BenchArgsTest {
    private static final Set<String> NAMES = Set.of("runs", "ops");

    @Test
    void readsBothSpellingsAndDefaults() {
        BenchArgs a = BenchArgs.parse(List.of("--runs", "3", "--ops=write,read"), NAMES);
        assertEquals("3", a.get("runs", "7"));
        assertEquals("write,read", a.get("ops"));
        assertTrue(a.has("ops"));
        BenchArgs none = BenchArgs.parse(List.of(), NAMES);
        assertEquals("7", none.get("runs", "7"));
        assertNull(none.get("ops"));
        assertFalse(none.has("ops"));
    }

    @Test
    void rejectsWhatTheHarnessDoesNotTake() {
        assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(List.of("--run", "3"), NAMES));
        assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(List.of("--runs", "3", "--runs", "4"), NAMES));
        assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(List.of("--runs"), NAMES));
        assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(List.of("3"), NAMES));
    }
}
