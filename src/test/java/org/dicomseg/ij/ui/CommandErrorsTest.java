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
}
