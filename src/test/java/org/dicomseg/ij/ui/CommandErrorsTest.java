package org.dicomseg.ij.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.dicomseg.read.SegReadException;
import org.dicomseg.reconstruct.SegmentOverlapException;

/** What a user reads when a command fails: one message, never a stack trace. */
class CommandErrorsTest {
    @Test
    void userMessages() {
        SegReadException read = new SegReadException(Path.of("x.dcm"), "not a DICOM file");
        assertEquals(read.getMessage(), CommandErrors.message(read));
        assertTrue(read.getMessage().contains("x.dcm"), read.getMessage());
        assertTrue(CommandErrors.message(new SegmentOverlapException(1, 2, 0, 0, 1, 3)).contains("last wins"));
        assertTrue(CommandErrors.message(new OutOfMemoryError()).contains("segments="));
        assertTrue(CommandErrors.message(new NullPointerException("boom")).startsWith("Unexpected internal failure (boom); please report"));
        // no Java class names, one printable line
        assertTrue(!CommandErrors.message(new NullPointerException("boom")).contains("NullPointerException"));
        assertEquals("x\\n.dcm\\x1b[31m: bad", CommandErrors.message(new java.io.IOException("x\n.dcm\u001b[31m: bad")));
    }

    /** Issue 14: an error dialog's line was 1,663 pixels wide; every line now fits {@value CommandErrors#WIDTH} characters. */
    @Test
    void longMessagesAreWrappedForTheDialog() {
        String path = "/data/study-2024-11-03/patient-0042/series-1.2.840.113619.2.55.3.604688119.971.1200000000.123/CT";
        String message = "Without an image the source images must be given: source=[folder or file of the DICOM series the"
                + " segmentation belongs to]; the folder " + path + "/does-not-exist was not found\nsecond line";
        String wrapped = CommandErrors.wrap(message, CommandErrors.WIDTH);
        for (String line : wrapped.split("\n")) {
            assertTrue(line.length() <= CommandErrors.WIDTH, line.length() + ": " + line);
        }
        assertEquals(message.replaceAll("\\s+", ""), wrapped.replaceAll("\\s+", ""), "no character lost");
        assertTrue(wrapped.contains("\nsecond line"), "line breaks of the message are kept");
        assertTrue(wrapped.contains("/patient-0042/"), "a long path breaks after a separator: " + wrapped);
        assertEquals("short", CommandErrors.wrap("short", CommandErrors.WIDTH));
        String unbroken = "x".repeat(200);
        assertEquals(unbroken.substring(0, 90) + "\n" + unbroken.substring(90, 180) + "\n" + unbroken.substring(180),
                CommandErrors.wrap(unbroken, 90));
    }
}
