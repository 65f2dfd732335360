package org.dicomseg.plugins;

import java.awt.GraphicsEnvironment;

import ij.IJ;
import ij.macro.Interpreter;

/**
 * Turns a failure into exactly one message for the user, never a stack trace: an {@code IJ.error}
 * dialog in the GUI, a log line starting with the command name when no dialog may be shown (headless,
 * or a macro in batch mode, where a dialog would hang the run).
 */
public final class CommandErrors {
    private CommandErrors() { }

    /** The message a user sees for {@code t}. */
    public static String message(Throwable t) {
        String m = t.getMessage();
        if (t instanceof IllegalArgumentException || t instanceof java.io.IOException || t instanceof IllegalStateException) {
            return m != null && !m.isBlank() ? m : t.getClass().getSimpleName();
        }
        if (t instanceof OutOfMemoryError) {
            return "Out of memory: increase ImageJ's memory (Edit > Options > Memory & Threads)";
        }
        return "Unexpected " + t.getClass().getSimpleName() + (m != null ? ": " + m : "")
                + " (please report this, with the Log window's content)";
    }

    /** True when a dialog must not be shown. */
    public static boolean quiet() {
        return GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode();
    }

    /** Reports {@code t} for {@code command}. */
    public static void report(String command, Throwable t) {
        String msg = message(t);
        if (quiet()) IJ.log(command + ": ERROR: " + msg);
        else IJ.error(command, msg);
    }
}
