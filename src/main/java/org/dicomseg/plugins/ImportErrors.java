package org.dicomseg.plugins;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

import ij.IJ;
import ij.macro.Interpreter;

import org.dicomseg.codec.SegReadException;
import org.dicomseg.ij.SegmentOverlapException;

/**
 * Turns what went wrong in an import command into exactly one message for the user: an
 * {@code IJ.error} dialog in the GUI, or one "DICOM SEG: ..." line in the Log in batch mode and
 * headless runs (a dialog would hang a batch run). Never a stack trace: the messages of the reader
 * and the adapters are written for users.
 */
public final class ImportErrors {
    private ImportErrors() { }

    /** True when no dialog should be shown: headless, or a batch-mode macro. */
    public static boolean batch() {
        return GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode();
    }

    /** The user-facing text for {@code e}. */
    public static String message(Throwable e) {
        if (e instanceof SegReadException || e instanceof SegmentOverlapException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "File not found: " + e.getMessage();
        }
        if (e instanceof IOException) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (e instanceof OutOfMemoryError) {
            return "Not enough memory for this segmentation: load fewer segments (segments=...), or raise ImageJ's memory"
                    + " limit (Edit > Options > Memory & Threads).";
        }
        String m = e.getMessage();
        return "Unexpected " + e.getClass().getSimpleName() + (m != null ? ": " + m : "")
                + " (please report this with the file, if you can share it)";
    }

    /** Reports {@code e} once, titled {@code command}. */
    public static void report(String command, Throwable e) {
        show(command, message(e));
    }

    /** Shows {@code message} once, titled {@code command}. */
    public static void show(String command, String message) {
        if (batch()) {
            IJ.log("DICOM SEG: " + command + ": " + message);
        } else {
            IJ.error(command, message);
        }
    }
}
