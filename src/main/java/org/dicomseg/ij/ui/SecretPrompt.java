package org.dicomseg.ij.ui;

import java.awt.GraphicsEnvironment;

import javax.swing.JOptionPane;
import javax.swing.JPasswordField;

import ij.Macro;

/**
 * Asks for a password or token in a masked field that ImageJ's recorder never sees (a Swing
 * dialog, not a GenericDialog), so a secret never lands in a recorded macro. Macros and headless
 * runs are never asked: they get null, and the environment ({@code DICOMSEG_PASSWORD},
 * {@code DICOMSEG_TOKEN}) serves instead.
 */
public final class SecretPrompt {
    private SecretPrompt() { }

    /** The secret typed, "" when left empty, null when cancelled or when no one can be asked. */
    public static String ask(String title, String what) {
        if (GraphicsEnvironment.isHeadless() || Macro.getOptions() != null) return null;
        JPasswordField field = new JPasswordField(24);
        int r = JOptionPane.showConfirmDialog(null, new Object[] {what, field}, title, JOptionPane.OK_CANCEL_OPTION,
                JOptionPane.PLAIN_MESSAGE);
        if (r != JOptionPane.OK_OPTION) return null;
        char[] c = field.getPassword();
        String s = new String(c);
        java.util.Arrays.fill(c, '\0');
        return s;
    }
}
