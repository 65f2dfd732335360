package org.dicomseg.ij.ui;

import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ij.Macro;
import ij.gui.GenericDialog;

import org.dicomseg.options.MacroKeys;
import org.dicomseg.options.OptionValues;

/**
 * Shows a list of {@link FormField}s and collects the answers. With a display (GUI, or a macro run
 * in a normal ImageJ) it is a plain {@code GenericDialog}, so ImageJ records every field and replays
 * {@code run("Command...", "key=value ...")} without showing it. Without a display (Fiji
 * {@code --headless}, unit tests) the values come straight from the macro options with ImageJ's
 * parsing ({@code Macro.getValue}; checkbox = bare key), and missing keys take the defaults.
 * Either way the result is one key → value map ({@link #values()}), which the commands hand to
 * {@code org.dicomseg.options}.
 */
public final class CommandForm {
    private final String title;
    private final List<FormField> fields = new ArrayList<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private String helpPage;
    private final Map<String, java.awt.Panel> panels = new LinkedHashMap<>();
    private final List<java.util.function.Consumer<GenericDialog>> decorators = new ArrayList<>();
    private final List<String[]> links = new ArrayList<>();
    private final Map<String, java.util.function.Function<String, String[]>> linkItems = new LinkedHashMap<>();

    public CommandForm(String title) { this.title = title; }

    /** Adds a field; returns this form. */
    public CommandForm add(FormField f) {
        if (f.key() != null) {
            for (FormField o : fields) {
                if (f.key().equals(o.key())) throw new IllegalArgumentException("Duplicate key '" + f.key() + "' in " + title);
            }
        }
        fields.add(f);
        return this;
    }

    /**
     * In the GUI only: when the user picks another item of choice {@code parentKey}, the items of
     * choice {@code childKey} become {@code itemsFor.apply(newParentItem)} (the current selection is
     * kept when it is still there). Macros and headless runs see the full item list declared for the
     * child, so every recorded value stays valid.
     */
    public CommandForm linkChoices(String parentKey, String childKey, java.util.function.Function<String, String[]> itemsFor) {
        links.add(new String[] {parentKey, childKey});
        linkItems.put(parentKey + "\u0000" + childKey, itemsFor);
        return this;
    }


    /** The declared fields, in order. */
    public List<FormField> fields() { return fields; }

    /** True when no dialog can be shown (headless JVM). */
    public static boolean headless() { return GraphicsEnvironment.isHeadless(); }

    /**
     * Shows the dialog or reads the macro options. Fields marked {@link FormField#hidden hidden}
     * are not shown: they take the macro option of their key, else their default. When the user
     * cancels, the command is not recorded ({@link Recording#forget()}).
     *
     * @return false when the user cancelled
     * @throws IllegalArgumentException for a choice value that is not allowed, or, headless, when
     *                                  there are no macro options at all
     */
    public boolean show() {
        values.clear();
        panels.clear();
        if (headless()) return readOptions(Macro.getOptions());
        GenericDialog gd = new GenericDialog(title);
        for (FormField f : fields) {
            if (f.isHidden()) continue;
            switch (f.kind()) {
                case STRING:
                    if (f.browse() == FormField.Browse.NONE) {
                        gd.addStringField(f.label(), f.defaultValue(), f.columns());
                    } else {
                        // ImageJ's file field (text + Browse in one row, recorded as a text field), with our chooser
                        gd.addFileField(f.label(), f.defaultValue(), f.columns());
                        PathChooser.attach(gd, f, title);
                    }
                    break;
                case CHOICE: gd.addChoice(f.label(), f.items(), f.defaultValue()); break;
                case CHECKBOX: gd.addCheckbox(f.label(), Boolean.parseBoolean(f.defaultValue())); break;
                case NUMBER: gd.addNumericField(f.label(), Double.parseDouble(f.defaultValue()), 0); break;
                case PANEL:
                    if (Macro.getOptions() == null) {
                        java.awt.Panel p = new java.awt.Panel(new java.awt.FlowLayout(java.awt.FlowLayout.LEFT, 4, 0));
                        gd.addPanel(p);
                        panels.put(f.key(), p);
                    }
                    break;
                default: gd.addMessage(f.label()); break;
            }
        }
        if (helpPage != null) gd.addHelp(HelpPages.html(helpPage));
        if (Macro.getOptions() == null) {
            if (!links.isEmpty()) addLinks(gd);
            for (java.util.function.Consumer<GenericDialog> d : decorators) d.accept(gd);
        }
        gd.showDialog();
        if (gd.wasCanceled()) {
            Recording.forget();
            return false;
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        String opts = Macro.getOptions() == null ? null : Macro.getOptions() + " ";
        for (FormField f : fields) {
            if (f.isHidden()) {
                hidden.put(f.key(), opts == null ? f.defaultValue() : Macro.getValue(opts, f.key(), f.defaultValue()));
                continue;
            }
            switch (f.kind()) {
                case STRING: values.put(f.key(), gd.getNextString().trim()); break;
                case CHOICE: values.put(f.key(), gd.getNextChoice()); break;
                case CHECKBOX: values.put(f.key(), Boolean.toString(gd.getNextBoolean())); break;
                case NUMBER:
                    double d = gd.getNextNumber();
                    if (Double.isNaN(d)) throw new IllegalArgumentException("'" + f.label() + "' must be a number");
                    values.put(f.key(), Long.toString(Math.round(d)));
                    break;
                default: break;
            }
        }
        OptionValues read = OptionValues.of(hidden);
        for (FormField f : fields) {
            if (f.isHidden()) values.put(f.key(), checked(f, read));
        }
        return true;
    }

    /**
     * In the GUI only (not in macros, not headless): lets {@code decorator} add to the dialog
     * before it is shown (e.g. a search box wired to a choice), after the fields are laid out.
     */
    public CommandForm decorate(java.util.function.Consumer<GenericDialog> decorator) {
        decorators.add(decorator);
        return this;
    }

    /** The GUI panel placed by {@link FormField#panel(String)} {@code id}, while the dialog is being built; else null. */
    public java.awt.Panel panel(String id) { return panels.get(id); }

    /**
     * The AWT component of the shown field {@code key} in {@code gd} (a TextField, Choice or
     * Checkbox), found by its place among the shown fields of its kind; null for hidden fields.
     */
    public java.awt.Component component(GenericDialog gd, String key) {
        int n = 0;
        FormField target = null;
        for (FormField f : fields) if (key.equals(f.key())) target = f;
        if (target == null || target.isHidden()) return null;
        for (FormField f : fields) {
            if (f == target) break;
            if (!f.isHidden() && f.kind() == target.kind()) n++;
        }
        switch (target.kind()) {
            case STRING: return (java.awt.Component) gd.getStringFields().get(n);
            case CHOICE: return (java.awt.Component) gd.getChoices().get(n);
            case CHECKBOX: return (java.awt.Component) gd.getCheckboxes().get(n);
            case NUMBER: return (java.awt.Component) gd.getNumericFields().get(n);
            default: return null;
        }
    }

    /** The dialog's Help button opens this bundled documentation page ({@link HelpPages}). */
    public CommandForm helpPage(String page) {
        HelpPages.require(page);
        this.helpPage = page;
        return this;
    }

    /** The help page of this form, or null. */
    public String helpPage() { return helpPage; }

    /** The dialog title. */
    public String title() { return title; }

    private void addLinks(GenericDialog gd) {
        Map<String, java.awt.Choice> byKey = new LinkedHashMap<>();
        int c = 0;
        for (FormField f : fields) {
            if (f.kind() == FormField.Kind.CHOICE) byKey.put(f.key(), (java.awt.Choice) gd.getChoices().get(c++));
        }
        // A plain ItemListener, not a DialogListener: GenericDialog expects a DialogListener to read
        // every field when OK is pressed and stops recording afterwards.
        for (String[] l : links) {
            java.awt.Choice parent = byKey.get(l[0]), child = byKey.get(l[1]);
            if (parent == null || child == null) continue;
            java.util.function.Function<String, String[]> itemsFor = linkItems.get(l[0] + "\u0000" + l[1]);
            parent.addItemListener(e -> {
                String keep = child.getSelectedItem();
                String[] items = itemsFor.apply(parent.getSelectedItem());
                child.removeAll();
                for (String it : items) child.add(it);
                if (keep != null && Arrays.asList(items).contains(keep)) child.select(keep);
            });
        }
    }

    /**
     * Reads the values from a macro option string (the headless path; public for tests): the text
     * of each field with ImageJ's parsing ({@code Macro.getValue}, checkbox = bare key), missing keys
     * at their defaults, then checked by {@link OptionValues} (a choice must be one of its items, a
     * number a number), so a macro gets the same messages as the command line.
     *
     * @throws org.dicomseg.options.InvalidOptionException naming the key, for a value that is not allowed
     */
    public boolean readOptions(String options) {
        if (options == null) {
            throw new IllegalArgumentException(title + " needs macro options when ImageJ runs without a display, e.g. "
                    + "run(\"" + title + "\", \"" + example() + "\")");
        }
        String opts = options + " ";
        Map<String, String> given = new LinkedHashMap<>();
        for (FormField f : fields) {
            if (f.kind() == FormField.Kind.MESSAGE || f.kind() == FormField.Kind.PANEL) continue;
            given.put(f.key(), f.kind() == FormField.Kind.CHECKBOX ? Boolean.toString(hasFlag(opts, f.key()))
                    : Macro.getValue(opts, f.key(), f.defaultValue()));
        }
        OptionValues read = OptionValues.of(given);
        for (FormField f : fields) {
            if (f.kind() != FormField.Kind.MESSAGE && f.kind() != FormField.Kind.PANEL) values.put(f.key(), checked(f, read));
        }
        return true;
    }

    /** The value of {@code f} in {@code read}, checked as the options package checks it. */
    private static String checked(FormField f, OptionValues read) {
        switch (f.kind()) {
            case NUMBER: return Integer.toString(read.number(f.key(), 0));
            case CHOICE: return read.choice(f.key(), Arrays.asList(f.items()), f.defaultValue());
            case CHECKBOX: return Boolean.toString(read.flag(f.key()));
            default: return read.string(f.key(), f.defaultValue());
        }
    }

    private static boolean hasFlag(String options, String key) {
        String o = " " + options.toLowerCase(Locale.ROOT).replaceAll("\\[[^\\]]*\\]", "[]") + " ";
        return o.contains(" " + key + " ") || o.contains(" " + key + "=true ");
    }

    private String example() {
        StringBuilder b = new StringBuilder();
        for (FormField f : fields) {
            if (f.kind() == FormField.Kind.STRING && (f.key().equals(MacroKeys.OUT) || f.key().equals(MacroKeys.SOURCE))) {
                b.append(b.length() > 0 ? " " : "").append(f.key()).append("=[...]");
            }
        }
        return b.toString();
    }

    /**
     * All values by key, in field order (checkboxes as "true"/"false"), after {@link #show()}: the
     * map the options package reads ({@code OptionValues.of(form.values())}).
     */
    public Map<String, String> values() { return new LinkedHashMap<>(values); }

    /** The value of a text field ("" when empty). */
    public String string(String key) { return require(key); }

    /** The selected item of a choice. */
    public String choice(String key) { return require(key); }

    /** A checkbox. */
    public boolean flag(String key) { return Boolean.parseBoolean(require(key)); }

    /** A number field. */
    public int number(String key) { return Integer.parseInt(require(key)); }

    private String require(String key) {
        String v = values.get(key);
        if (v == null) throw new IllegalStateException("No field '" + key + "' in " + title + " (or show() not called)");
        return v;
    }
}
