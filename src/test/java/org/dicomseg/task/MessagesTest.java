package org.dicomseg.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Messages}: one printable line, no Java class names, no huge numbers. */
class MessagesTest {
    @Test
    void controlCharactersAreEscaped() {
        assertEquals("a\\nb\\rc\\td\\x1b[2Je\\x00f\\x7f", Messages.oneLine("a\nb\rc\td\u001b[2Je\u0000f\u007f"));
        assertEquals("plain text: 12 frames, 1.2.840.10008.1.2.5", Messages.oneLine("plain text: 12 frames, 1.2.840.10008.1.2.5"));
    }

    @Test
    void hugeNumbersAndTextAreShortened() {
        String m = Messages.oneLine("Number of Frames is " + "9".repeat(65_000) + "; expected 1..2147483647");
        assertEquals("Number of Frames is 99999999... (a 65000-digit number); expected 1..2147483647", m);
        String uuidUid = "2.25.329800735698586629295641978511506172918"; // 39-digit component: kept
        assertEquals("Study Instance UID " + uuidUid, Messages.oneLine("Study Instance UID " + uuidUid));
        String longText = Messages.oneLine("x".repeat(5000));
        assertTrue(longText.length() < 1100 && longText.endsWith("... (5000 characters)"), longText);
    }

    @Test
    void javaClassNamesAreLeftOut() {
        assertEquals("Could not write a.tif: No space left on device",
                Messages.oneLine("Could not write a.tif: java.io.IOException: No space left on device"));
        assertEquals("File saving error: \"No space left on device\"",
                Messages.oneLine("File saving error (IOException): \"No space left on device\""));
        assertEquals("the file ends too early (truncated or damaged)", Messages.of(new java.io.EOFException()));
        assertEquals("inner cause", Messages.of(new RuntimeException(new IllegalStateException("inner cause"))));
        assertFalse(Messages.of(new NullPointerException()).contains("NullPointer"));
    }
}
