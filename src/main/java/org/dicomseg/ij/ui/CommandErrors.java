package org.dicomseg.ij.ui;

import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

import ij.IJ;
import ij.macro.Interpreter;

import org.dicomseg.reconstruct.SegmentOverlapException;
import org.dicomseg.task.CanceledException;
import org.dicomseg.task.Messages;

/**
 * Turns what went wrong in a command (import, export, SEG Info, segment metadata) into exactly one
 * message for the user, never a stack trace: an {@code IJ.error} dialog titled with the command in
 * the GUI, or one {@code "<Command>: ERROR: <message>"} line in the Log when no dialog may be shown
 * (headless, or a macro in batch mode, where a dialog would hang the run). The messages of the
 * reader, the writer and the adapters are written for users and are shown as they are, made one
 * printable line ({@link Messages#oneLine}: control characters escaped, huge numbers shortened).
 */
public final class CommandErrors {
    private CommandErrors() { }

    /** True when no dialog may be shown: headless, or a batch-mode macro. */
    public static boolean quiet() {
        return GraphicsEnvironment.isHeadless() || Interpreter.isBatchMode();
    }

    /** The message a user sees for {@code t}. */
    public static String message(Throwable t) {
        return Messages.oneLine(rawMessage(t));
    }

    private static String rawMessage(Throwable t) {
        String m = t.getMessage();
        if (t instanceof NoSuchFileException) {
            return "File not found: " + m;
        }
        // The failure roots (an input that cannot be read: InputException; an output that cannot be
        // written: OutputException), other I/O failures, overlaps and bad arguments: their messages are
        // written for users and name the file and the problem.
        if (t instanceof IOException || t instanceof java.io.UncheckedIOException || t instanceof SegmentOverlapException
                || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException) {
            return m != null && !m.isBlank() ? m : Messages.of(t);
        }
        if (t instanceof OutOfMemoryError) {
            return "Not enough memory: raise ImageJ's memory limit (Edit > Options > Memory & Threads), or import fewer"
                    + " segments (segments=...).";
        }
        // No Java class name for the user; the detail stays for a bug report.
        return "Unexpected internal failure" + (m != null && !m.isBlank() ? " (" + m + ")" : "")
                + "; please report this with the Log window's content and the file, if you can share it";
    }

    /** The work of a command, which may fail or be canceled. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} for {@code command}: a cancellation (Esc) is not an error, its message goes
     * to the status bar and the Log; any other failure is {@linkplain #report reported} once.
     *
     * @return true when the body finished
     */
    public static boolean run(String command, Body body) {
        try {
            body.run();
            return true;
        } catch (CanceledException e) {
            Recording.forget();
            IJ.showStatus(command + ": " + e.getMessage());
            IJ.log(command + ": " + e.getMessage());
        } catch (Exception | OutOfMemoryError e) {
            report(command, e);
        }
        return false;
    }

    /** Reports {@code t} once, for {@code command}. */
    public static void report(String command, Throwable t) {
        show(command, message(t));
    }

    /**
     * Shows {@code message} once: a dialog titled {@code command} with its lines wrapped to
     * {@value #WIDTH} characters, or one Log line when {@link #quiet()}. A failed command is not
     * recorded ({@link Recording#forget()}).
     */
    public static void show(String command, String message) {
        Recording.forget();
        if (quiet()) {
            IJ.log(command + ": ERROR: " + message);
        } else {
            IJ.error(command, wrap(message, WIDTH));
        }
    }

    /** Longest line of an error dialog, in characters (about 600 pixels in ImageJ's dialog font). */
    public static final int WIDTH = 90;

    /**
     * {@code text} with every line longer than {@code width} broken: at the last blank before the
     * limit, else (a long path) after the last '/', '\', ',' or ';' before it, else at the limit.
     * Existing line breaks are kept.
     */
    public static String wrap(String text, int width) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (out.length() > 0) out.append('\n');
            String rest = line;
            while (rest.length() > width) {
                int cut = rest.lastIndexOf(' ', width);
                boolean blank = cut > 0;
                if (!blank) {
                    for (char c : new char[] {'/', '\\', ',', ';'}) cut = Math.max(cut, rest.lastIndexOf(c, width - 1));
                    cut = cut > 0 ? cut + 1 : width;
                }
                out.append(rest, 0, cut).append('\n');
                rest = blank ? rest.substring(cut + 1) : rest.substring(cut);
            }
            out.append(rest);
        }
        return out.toString();
    }
}
