package org.dicomseg.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The one command-line parser ({@link CommandLine}) of the {@code dicomseg} sub-commands and the
 * benchmark harnesses: both spellings of a value, switches, positional arguments, defaults, and a
 * typo, a repeat or a missing value is an error naming the option rather than a silent default.
 */
class CommandLineTest {
    private static final Set<String> VALUED = Set.of("runs", "ops");
    private static final Set<String> FLAGS = Set.of("json");

    @Test
    void readsBothSpellingsSwitchesPositionalsAndDefaults() {
        CommandLine a = CommandLine.parse(List.of("seg.dcm", "--runs", "3", "--ops=write,read", "--json"), VALUED, FLAGS);
        assertEquals("3", a.get("runs", "7"));
        assertEquals("write,read", a.get("ops"));
        assertTrue(a.has("ops"));
        assertTrue(a.flag("json"));
        assertEquals(List.of("seg.dcm"), a.positional());
        CommandLine none = CommandLine.parse(List.of(), VALUED, FLAGS);
        assertEquals("7", none.get("runs", "7"));
        assertNull(none.get("ops"));
        assertFalse(none.has("ops"));
        assertFalse(none.flag("json"));
        assertTrue(none.positional().isEmpty());
    }

    @Test
    void rejectsWhatTheProgramDoesNotTake() {
        assertEquals("unknown option --run",
                assertThrows(InvalidOptionException.class, () -> CommandLine.parse(List.of("--run", "3"), VALUED, FLAGS)).getMessage());
        assertEquals("--runs is given twice", assertThrows(InvalidOptionException.class,
                () -> CommandLine.parse(List.of("--runs", "3", "--runs", "4"), VALUED, FLAGS)).getMessage());
        InvalidOptionException missing = assertThrows(InvalidOptionException.class,
                () -> CommandLine.parse(List.of("--runs"), VALUED, FLAGS));
        assertEquals("--runs needs a value", missing.getMessage());
        assertEquals("runs", missing.key());
        assertEquals("--json takes no value", assertThrows(InvalidOptionException.class,
                () -> CommandLine.parse(List.of("--json=yes"), VALUED, FLAGS)).getMessage());
        assertEquals("--ops is required", assertThrows(InvalidOptionException.class,
                () -> CommandLine.parse(List.of(), VALUED, FLAGS).require("ops")).getMessage());
    }
}
