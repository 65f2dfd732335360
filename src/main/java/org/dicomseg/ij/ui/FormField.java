package org.dicomseg.ij.ui;

import java.util.Arrays;
import java.util.List;

import ij.Macro;

/**
 * One field of a command dialog: its macro key, the dialog label (whose first word, lower-cased,
 * is what ImageJ's recorder writes, so it must give exactly the key), its kind and default. Fields
 * are declared once and shown by {@link CommandForm} either as a {@code GenericDialog} (GUI, or a
 * macro in a normal ImageJ) or read straight from the macro options (headless).
 */
public final class FormField {
    /** What the field holds. */
    public enum Kind { STRING, CHOICE, CHECKBOX, NUMBER, MESSAGE, PANEL }

    /**
     * For text fields holding a path: which "Browse" button the GUI dialog adds (none headless):
     * an existing file, a folder, a file to write, or either a file or a folder (a DICOM series).
     */
    public enum Browse { NONE, FILE, FOLDER, SAVE, FILE_OR_FOLDER }

    private final String key;
    private final String label;
    private final Kind kind;
    private final String defaultValue;
    private final String[] items;
    private final int columns;
    private final Browse browse;
    private final boolean hidden;

    private FormField(String key, String label, Kind kind, String defaultValue, String[] items, int columns) {
        this(key, label, kind, defaultValue, items, columns, Browse.NONE, false);
    }

    private FormField(String key, String label, Kind kind, String defaultValue, String[] items, int columns, Browse browse,
            boolean hidden) {
        if (kind != Kind.MESSAGE && kind != Kind.PANEL && !Macro.trimKey(label).equals(key)) {
            throw new IllegalArgumentException("Dialog label '" + label + "' would record as '" + Macro.trimKey(label)
                    + "', not '" + key + "'");
        }
        if (kind == Kind.CHOICE && !Arrays.asList(items).contains(defaultValue)) {
            throw new IllegalArgumentException("Default '" + defaultValue + "' of " + key + " is not one of " + Arrays.toString(items));
        }
        this.key = key;
        this.label = label;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.items = items;
        this.columns = columns;
        this.browse = browse;
        this.hidden = hidden;
    }

    /** A text field (paths are always text fields: Fiji's headless mode stubs out file choosers). */
    public static FormField string(String key, String label, String dflt, int columns) {
        return new FormField(key, label, Kind.STRING, dflt == null ? "" : dflt, null, columns);
    }

    /**
     * A text field for a path with a "Browse" button for a file ({@link Browse#FILE}) or a folder
     * ({@link Browse#FOLDER}) in the GUI; still a text field with the same key for macros and headless runs.
     */
    public static FormField path(String key, String label, String dflt, int columns, Browse browse) {
        return new FormField(key, label, Kind.STRING, dflt == null ? "" : dflt, null, columns, browse, false);
    }

    /**
     * This field, not shown in the dialog: its value is the macro option when a macro gives the key,
     * else {@code dflt} (e.g. a value kept in ImageJ's preferences by Options...). For settings that
     * are rarely changed per run but must stay scriptable.
     */
    public FormField hidden(String dflt) {
        if (kind == Kind.MESSAGE || kind == Kind.PANEL || kind == Kind.CHECKBOX) throw new IllegalArgumentException("Only a value field can be hidden: " + key);
        return new FormField(key, label, kind, dflt == null ? "" : dflt, items, columns, browse, true);
    }

    /** A drop-down list. */
    public static FormField choice(String key, String label, String[] items, String dflt) {
        return new FormField(key, label, Kind.CHOICE, dflt, items.clone(), 0);
    }

    /** A drop-down list of the options package's choices. */
    public static FormField choice(String key, String label, List<String> items, String dflt) {
        return choice(key, label, items.toArray(new String[0]), dflt);
    }

    /** A checkbox; in a macro the bare key means checked, its absence unchecked (ImageJ's rule). */
    public static FormField checkbox(String key, String label, boolean dflt) {
        return new FormField(key, label, Kind.CHECKBOX, Boolean.toString(dflt), null, 0);
    }

    /** A whole number. */
    public static FormField number(String key, String label, int dflt) {
        return new FormField(key, label, Kind.NUMBER, Integer.toString(dflt), null, 0);
    }

    /** A line of text in the dialog (no value). */
    public static FormField message(String text) {
        return new FormField(null, text, Kind.MESSAGE, null, null, 0);
    }

    /**
     * A place in the GUI dialog for controls that are not values (e.g. a search box), filled by
     * {@link CommandForm#decorate}; {@code id} names it ({@link CommandForm#panel}). Not recorded;
     * absent in macros and headless.
     */
    public static FormField panel(String id) {
        return new FormField(id, id, Kind.PANEL, null, null, 0);
    }

    public String key() { return key; }
    public String label() { return label; }
    public Kind kind() { return kind; }
    public String defaultValue() { return defaultValue; }
    public String[] items() { return items == null ? null : items.clone(); }
    public int columns() { return columns; }
    /** The GUI's browse button of a path field, {@link Browse#NONE} for other fields. */
    public Browse browse() { return browse; }
    /** True when the dialog does not show the field ({@link #hidden}); macros still set it by its key. */
    public boolean isHidden() { return hidden; }
}
