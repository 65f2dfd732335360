package org.dicomseg.ij.ui;

import java.awt.Button;
import java.awt.Component;
import java.awt.Container;
import java.awt.TextField;
import java.awt.event.ActionListener;
import java.io.File;

import javax.swing.JFileChooser;

import ij.IJ;
import ij.Prefs;
import ij.gui.GenericDialog;
import ij.io.OpenDialog;
import ij.io.SaveDialog;

/**
 * The "Browse" button of every path field ({@link FormField#path}): ImageJ's own file-field row
 * (text field and button, recorded as a text field), whose button opens a chooser of the field's
 * {@link FormField.Browse kind} that starts where the field points, else in the folder last chosen
 * for that key (kept in ImageJ's preferences, {@code dicomseg.folder.<key>}), else ImageJ's default
 * folder. The chosen path replaces the field's text.
 */
public final class PathChooser {
    /** Preference key prefix of the folder last chosen per field key. */
    static final String FOLDER_PREF = "dicomseg.folder.";

    private PathChooser() { }

    /** Rewires the Browse button of the file field just added to {@code gd} for {@code f}. */
    static void attach(GenericDialog gd, FormField f, String dialogTitle) {
        if (gd.getStringFields() == null || gd.getStringFields().isEmpty()) return;
        TextField text = (TextField) gd.getStringFields().lastElement();
        Container row = text.getParent();
        if (row == null) return;
        for (Component c : row.getComponents()) {
            if (c instanceof Button) {
                Button b = (Button) c;
                for (ActionListener l : b.getActionListeners()) b.removeActionListener(l);
                b.addActionListener(e -> {
                    String chosen = choose(f.browse(), dialogTitle + ": " + f.key(), text.getText().trim(), f.key(), gd);
                    if (chosen != null) text.setText(chosen);
                });
            }
        }
    }

    /** The folder last chosen for {@code key}, or "". */
    public static String rememberedFolder(String key) {
        return Prefs.get(FOLDER_PREF + key, "");
    }

    /** Remembers {@code path}'s folder (itself when it is one) as the start of {@code key}'s next chooser. */
    public static void remember(String key, String path) {
        if (path == null || path.isBlank()) return;
        File f = new File(path);
        File dir = f.isDirectory() ? f : f.getAbsoluteFile().getParentFile();
        if (dir != null) Prefs.set(FOLDER_PREF + key, dir.getPath());
    }

    /**
     * Where a chooser starts: the field's folder (the field itself when it names a folder, else its
     * parent) when it exists, else {@code remembered} when that exists, else null (ImageJ's default).
     */
    static String startFolder(String field, String remembered) {
        if (field != null && !field.isBlank()) {
            File f = new File(field);
            if (f.isDirectory()) return f.getPath();
            File p = f.getAbsoluteFile().getParentFile();
            if (p != null && p.isDirectory()) return p.getPath();
        }
        if (remembered != null && !remembered.isBlank() && new File(remembered).isDirectory()) return remembered;
        return null;
    }

    /** Shows the chooser of {@code kind}; returns the chosen path, or null when cancelled. */
    public static String choose(FormField.Browse kind, String title, String current, String key) {
        return choose(kind, title, current, key, null);
    }

    /** The chooser, in front of {@code parent} (the dialog of the field) when given. */
    static String choose(FormField.Browse kind, String title, String current, String key, Component parent) {
        String start = startFolder(current, rememberedFolder(key));
        String chosen;
        switch (kind) {
            case SAVE: {
                String name = current == null || current.isBlank() ? "" : new File(current).getName();
                int dot = name.lastIndexOf('.');
                SaveDialog sd = new SaveDialog(title, start, dot > 0 ? name.substring(0, dot) : name, dot > 0 ? name.substring(dot) : "");
                chosen = sd.getFileName() == null ? null : sd.getDirectory() + sd.getFileName();
                break;
            }
            case FOLDER: {
                if (start != null) OpenDialog.setDefaultDirectory(start);
                chosen = IJ.getDir(title);
                break;
            }
            case FILE_OR_FOLDER: {
                JFileChooser fc = new JFileChooser(start);
                fc.setDialogTitle(title);
                fc.setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
                chosen = fc.showOpenDialog(parent) == JFileChooser.APPROVE_OPTION ? fc.getSelectedFile().getPath() : null;
                break;
            }
            default: {
                if (start != null) OpenDialog.setDefaultDirectory(start);
                OpenDialog od = new OpenDialog(title, null);
                chosen = od.getFileName() == null ? null : od.getDirectory() + od.getFileName();
                break;
            }
        }
        if (chosen != null) remember(key, chosen);
        return chosen;
    }
}
