package org.dicomseg.plugins;

import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.EventQueue;
import java.awt.TextField;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.Menus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;
import ij.plugin.frame.RoiManager;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.ij.ui.CommandForm;
import org.dicomseg.ij.ui.FormField;

/**
 * Runs in its own JVM under Xvfb (see {@link ExportXvfbTest}): starts ImageJ with our jar in its
 * plugins folder, opens the Recorder, and uses the export commands the way a person does: menu
 * command (IJ.doCommand, ImageJ's menu path, recording on), a real dialog whose fields a helper
 * thread fills in before pressing OK. Writes what the Recorder recorded to {@code recorded.ijm}.
 *
 * <p>Arguments: ImageJ folder (with plugins/), sample-images folder, output folder, and the folder of
 * the lab's Slicer/dcmqi terminology files that Options... names (../shared/terminology).</p>
 */
public final class XvfbExportDriver {
    private XvfbExportDriver() { }

    /** A dialog to answer: its title and the values of some fields, by macro key. */
    static final class Answer {
        final String title;
        final CommandForm form;
        final Map<String, String> values;

        Answer(String title, CommandForm form, Map<String, String> values) {
            this.title = title;
            this.form = form;
            this.values = values;
        }
    }

    public static void main(String[] args) throws Exception {
        Path ijDir = Paths.get(args[0]);
        Path samples = Paths.get(args[1]);
        Path out = Paths.get(args[2]);
        Path terms = Paths.get(args[3]);
        System.setProperty("plugins.dir", ijDir.toString());
        Thread watchdog = new Thread(XvfbExportDriver::failOnMessageDialogs, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        new ImageJ(ImageJ.NO_SHOW);
        for (String c : new String[] {"Export Label Image as SEG...", "Export ROIs as SEG...", "Segment Metadata...", "DICOM SEG...",
                "DICOM SEG... ", "Options... ", "Options..."}) {
            Object cls = Menus.getCommands().get(c);
            System.out.println("MENU " + c + " = " + cls);
            System.out.println("MENU [" + c + "] = " + cls);
        }
        Recorder recorder = new Recorder();
        ImagePlus imp = IJ.openImage(samples.resolve("labels.tif").toString());
        imp.show();
        waitFor(() -> WindowManager.getCurrentImage() == imp, "image window");
        Path ct = samples.resolve("ct");

        // 0. Options...: the series description and manufacturer every export writes, kept in ImageJ's preferences,
        // and the lab's terminology files (dcmqi's DICOM master lists) that Segment Metadata... searches beside its own tables.
        Map<String, String> o0 = new LinkedHashMap<>();
        o0.put(MacroKeys.SERIES, "GUI labels");
        o0.put(MacroKeys.MANUFACTURER, "GUI lab");
        o0.put(MacroKeys.TERMINOLOGY, terms.resolve("SegmentationCategoryTypeModifier-DICOM-Master.json").toString());
        o0.put(MacroKeys.ANATOMIC, terms.resolve("AnatomicRegionAndModifier-DICOM-Master.json").toString());
        runWithDialogs(OptionsCommand.MENU_COMMAND, null,
                new Answer(OptionsCommand.COMMAND, org.dicomseg.ij.ui.SegOptions.form(OptionsCommand.COMMAND), o0));

        // 1. Export Label Image as SEG... through its dialog (every Browse button opens a chooser first).
        checkBrowse = true;
        Map<String, String> v1 = new LinkedHashMap<>();
        v1.put(MacroKeys.SOURCE, ct.toString());
        v1.put(MacroKeys.OUT, out.resolve("gui-labels.dcm").toString());
        v1.put(MacroKeys.COMPRESSION, "rle");
        runWithDialogs("Export Label Image as SEG...", out.resolve("gui-labels.dcm"),
                new Answer("Export Label Image as SEG...", ExportLabelImageCommand.form(imp, ""), v1));

        // 2. Segment Metadata... (two dialogs), then export again with it.
        Map<String, String> m1 = new LinkedHashMap<>();
        m1.put(MacroKeys.ACTION, "edit");
        m1.put(MacroKeys.SEGMENT, "1");
        Map<String, String> m2 = new LinkedHashMap<>();
        m2.put(MacroKeys.LABEL, "Liver");
        m2.put(MacroKeys.CATEGORY, "Anatomical Structure");
        m2.put(MacroKeys.TYPE, "Liver");
        m2.put(MacroKeys.TRACKING_ID, "liver-1");
        m2.put(MacroKeys.TRACKING_UID, "1.2.826.0.1.3680043.10.511.1");
        m2.put(MacroKeys.COLOR, "#a0522d");
        CommandForm first = new CommandForm("Segment Metadata...").helpPage(org.dicomseg.ij.ui.HelpPages.SEGMENT_METADATA);
        first.add(FormField.message("x"));
        first.add(FormField.choice(MacroKeys.ACTION, "Action", SegmentMetadataCommand.ACTIONS, "edit"));
        first.add(FormField.number(MacroKeys.SEGMENT, "Segment", 1));
        first.add(FormField.string(MacroKeys.TEMPLATE, "Template", "", 40));
        CommandForm second = SegmentMetadataCommand.editForm(org.dicomseg.ij.export.SegmentMetadataEditor.current(imp).segments().get(0));
        runWithDialogs("Segment Metadata...", null, new Answer("Segment Metadata...", first, m1),
                new Answer("Segment Metadata (segment 1)", second, m2));
        // ... and segment 2 found by the search box in the lab's terminology (not in the built-in tables): its category and colour follow
        Map<String, String> s1 = new LinkedHashMap<>(m1);
        s1.put(MacroKeys.SEGMENT, "2");
        Map<String, String> s2 = new LinkedHashMap<>();
        s2.put(SEARCH, "hyoid");
        s2.put(MacroKeys.TYPE, "Hyoid bone");
        s2.put("search_region", "abdom");
        s2.put(MacroKeys.REGION, "Abdomen");
        CommandForm second2 = SegmentMetadataCommand.editForm(org.dicomseg.ij.export.SegmentMetadataEditor.current(imp).segments().get(1));
        runWithDialogs("Segment Metadata...", null, new Answer("Segment Metadata...", first, s1),
                new Answer("Segment Metadata (segment 2)", second2, s2));
        Map<String, String> v2 = new LinkedHashMap<>(v1);
        v2.put(MacroKeys.OUT, out.resolve("gui-labels-meta.dcm").toString());
        v2.put(MacroKeys.SEGMENTATION, "LABELMAP");
        v2.put(MacroKeys.COMPRESSION, "none");
        v2.put(MacroKeys.PALETTE, "true");
        runWithDialogs("Export Label Image as SEG...", out.resolve("gui-labels-meta.dcm"),
                new Answer("Export Label Image as SEG...", ExportLabelImageCommand.form(imp, ""), v2));

        // 3. Export ROIs as SEG... from the ROI Manager.
        RoiManager rm = RoiManager.getRoiManager();
        rm.runCommand("Open", samples.resolve("RoiSet.zip").toString());
        Map<String, String> v3 = new LinkedHashMap<>();
        v3.put(MacroKeys.SOURCE, ct.toString());
        v3.put(MacroKeys.OUT, out.resolve("gui-rois.dcm").toString());
        v3.put(MacroKeys.GROUPING, "name");
        v3.put(MacroKeys.KEEP, "true");
        runWithDialogs("Export ROIs as SEG...", out.resolve("gui-rois.dcm"),
                new Answer("Export ROIs as SEG...", ExportRoisCommand.form(imp, ""), v3));

        // 4. Export again onto an existing file: the GUI asks, and the recorder keeps the answer.
        Map<String, String> v4 = new LinkedHashMap<>(v1);
        long before = Files.getLastModifiedTime(out.resolve("gui-labels.dcm")).toMillis();
        Thread.sleep(1100);
        runWithDialogs("Export Label Image as SEG...", null,
                new Answer("Export Label Image as SEG...", ExportLabelImageCommand.form(imp, ""), v4),
                new Answer("Export Label Image as SEG", new CommandForm("confirm"), Map.of()));
        waitFor(() -> Files.getLastModifiedTime(out.resolve("gui-labels.dcm")).toMillis() > before, "rewritten gui-labels.dcm");

        // 5. A cancelled and a failed command leave nothing in the Recorder; the error's lines are wrapped.
        String beforeFailures = recorder.getText();
        cancelDialog("Export Label Image as SEG...", "Export Label Image as SEG...");
        Map<String, String> bad = new LinkedHashMap<>(v1);
        bad.put(MacroKeys.SOURCE, out.resolve("no-such-series/" + "x".repeat(150)).toString());
        bad.put(MacroKeys.OUT, out.resolve("gui-failed.dcm").toString());
        expectedError = "Export Label Image as SEG";
        runWithDialogs("Export Label Image as SEG...", null, false,
                new Answer("Export Label Image as SEG...", ExportLabelImageCommand.form(imp, ""), bad));
        waitFor(() -> expectedError == null, "the error dialog");
        Thread.sleep(1500);
        System.out.println("FAILURES_RECORDED " + !recorder.getText().equals(beforeFailures));

        // 6. Import remembers the last SEG: the next dialog shows it and its Browse chooser starts in its folder.
        Map<String, String> i1 = new LinkedHashMap<>();
        i1.put(MacroKeys.SEG, out.resolve("gui-labels.dcm").toString());
        CommandForm importForm = new CommandForm(ImportSegCommand.TITLE).helpPage(org.dicomseg.ij.ui.HelpPages.IMPORT);
        ImportSegCommand.fields("", "hyperstack").forEach(importForm::add);
        runWithDialogs("Import SEG...", null, new Answer(ImportSegCommand.TITLE, importForm, i1));
        waitFor(() -> WindowManager.getImage("gui-labels.dcm") != null, "imported gui-labels.dcm");
        IJ.doCommand("Import SEG...");
        waitFor(() -> find(ImportSegCommand.TITLE) != null, "import dialog again");
        GenericDialog again = find(ImportSegCommand.TITLE);
        System.out.println("IMPORT_REMEMBERS " + ((TextField) again.getStringFields().get(0)).getText());
        java.awt.Button browse = null;
        for (java.awt.Component k : ((TextField) again.getStringFields().get(0)).getParent().getComponents()) {
            if (k instanceof java.awt.Button) browse = (java.awt.Button) k;
        }
        java.awt.Button b0 = browse;
        EventQueue.invokeLater(() -> {
            for (java.awt.event.ActionListener l : b0.getActionListeners()) l.actionPerformed(new ActionEvent(b0, ActionEvent.ACTION_PERFORMED, "Browse"));
        });
        waitFor(() -> chooser() != null, "the Browse chooser");
        Window ch = chooser();
        String dir = ch instanceof java.awt.FileDialog ? ((java.awt.FileDialog) ch).getDirectory() : chooserFolder(ch);
        System.out.println("CHOOSER_STARTS " + dir);
        EventQueue.invokeLater(ch::dispose);
        waitFor(() -> chooser() == null, "chooser closed");
        Thread.sleep(500);
        EventQueue.invokeAndWait(() -> again.actionPerformed(new ActionEvent(again.getButtons()[1], ActionEvent.ACTION_PERFORMED, "Cancel")));

        String text = recorder.getText();
        Files.writeString(out.resolve("recorded.ijm"), text);
        System.out.println("RECORDED-BEGIN");
        System.out.println(text);
        System.out.println("RECORDED-END");
        System.out.println("DRIVER_DONE");
        System.exit(0);
    }

    /** Set to press every Browse button of the next dialog (each chooser must open; it is closed). */
    static volatile boolean checkBrowse;

    /** Presses the Browse button beside {@code field}, if any; prints where the chooser starts, closes it. */
    static void browse(GenericDialog gd, TextField field) throws Exception {
        java.awt.Button button = null;
        for (java.awt.Component k : field.getParent().getComponents()) if (k instanceof java.awt.Button) button = (java.awt.Button) k;
        if (button == null || field.getParent() == gd) return;
        java.awt.Button b = button;
        EventQueue.invokeLater(() -> {
            for (java.awt.event.ActionListener l : b.getActionListeners()) l.actionPerformed(new ActionEvent(b, ActionEvent.ACTION_PERFORMED, "Browse"));
        });
        waitFor(() -> chooser() != null, "a chooser for '" + field.getText() + "'");
        Window ch = chooser();
        String dir = ch instanceof java.awt.FileDialog ? ((java.awt.FileDialog) ch).getDirectory() : chooserFolder(ch);
        System.out.println("BROWSE " + gd.getTitle() + " field='" + field.getText() + "' chooser=" + ch.getClass().getSimpleName()
                + " '" + ((java.awt.Dialog) ch).getTitle() + "' starts=" + dir);
        EventQueue.invokeLater(ch::dispose);
        waitFor(() -> chooser() == null, "chooser closed");
        Thread.sleep(300);
    }

    /** The search box's pseudo key in an {@link Answer} (not a macro key: the search box is not recorded). */
    static final String SEARCH = "search";
    /** The title of an error dialog the driver expects next (closed and measured, not fatal); null when none. */
    static volatile String expectedError;

    /** Runs a menu command as a click would (own thread, recorder on) and answers its dialogs. */
    static void runWithDialogs(String command, Path expectedFile, Answer... answers) throws Exception {
        runWithDialogs(command, expectedFile, true, answers);
    }

    /** Starts {@code command} and presses Cancel in its dialog {@code title}. */
    static void cancelDialog(String command, String title) throws Exception {
        IJ.doCommand(command);
        waitFor(() -> find(title) != null, "dialog " + title);
        GenericDialog gd = find(title);
        EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(gd.getButtons()[1], ActionEvent.ACTION_PERFORMED, "Cancel")));
        waitFor(() -> find(title) == null, "cancelled " + title);
        System.out.println("CANCELLED " + command);
    }

    static void runWithDialogs(String command, Path expectedFile, boolean recorded, Answer... answers) throws Exception {
        Deque<Answer> queue = new ArrayDeque<>(java.util.List.of(answers));
        int before = count(Recorder.getInstance().getText(), command);
        IJ.doCommand(command);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!queue.isEmpty()) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("No dialog '" + queue.peek().title + "'");
            GenericDialog gd = find(queue.peek().title);
            if (gd != null) {
                if (queue.peek().form.helpPage() != null) help(gd);
                if (checkBrowse) {
                    checkBrowse = false;
                    for (Object o : gd.getStringFields()) browse(gd, (TextField) o);
                }
                answer(gd, queue.poll());
            } else {
                Thread.sleep(50);
            }
        }
        if (recorded) waitFor(() -> count(Recorder.getInstance().getText(), command) > before, "recorder line of " + command);
        if (expectedFile != null) waitFor(() -> Files.exists(expectedFile), expectedFile.toString());
        System.out.println("RAN " + command);
    }

    static int count(String text, String command) {
        int n = 0, i = 0;
        String needle = "run(\"" + command + "\"";
        while ((i = text.indexOf(needle, i)) >= 0) { n++; i += needle.length(); }
        return n;
    }

    static GenericDialog find(String title) {
        for (Window w : Window.getWindows()) {
            if (w instanceof GenericDialog && w.isShowing() && title.equals(((GenericDialog) w).getTitle())) return (GenericDialog) w;
        }
        return null;
    }

    /** Fills the fields named in the answer (by their position among fields of the same kind), then presses OK. */
    static void answer(GenericDialog gd, Answer a) throws Exception {
        int s = 0, c = 0, b = 0, n = 0, panels = 0;
        for (FormField f : a.form.fields()) {
            if (f.isHidden()) continue; // not in the dialog
            String v = f.key() == null ? null : a.values.get(f.key());
            switch (f.kind()) {
                case PANEL:
                    if (v != null) search(gd, v, panels);
                    panels++;
                    break;
                case STRING:
                    if (v != null) setText((TextField) gd.getStringFields().get(s), v);
                    s++;
                    break;
                case CHOICE:
                    if (v != null) {
                        Choice ch = (Choice) gd.getChoices().get(c);
                        int[] items = new int[1];
                        EventQueue.invokeAndWait(() -> {
                            ch.select(v);
                            // as a mouse selection does: tell the listeners (e.g. category -> type list)
                            java.awt.event.ItemEvent ev = new java.awt.event.ItemEvent(ch, java.awt.event.ItemEvent.ITEM_STATE_CHANGED,
                                    v, java.awt.event.ItemEvent.SELECTED);
                            for (java.awt.event.ItemListener l : ch.getItemListeners()) l.itemStateChanged(ev);
                            items[0] = ch.getItemCount();
                        });
                        System.out.println("CHOICE " + f.key() + "=" + v + " items=" + items[0]);
                    }
                    c++;
                    break;
                case CHECKBOX:
                    if (v != null) ((Checkbox) gd.getCheckboxes().get(b)).setState(Boolean.parseBoolean(v));
                    b++;
                    break;
                case NUMBER:
                    if (v != null) setText((TextField) gd.getNumericFields().get(n), v);
                    n++;
                    break;
                default:
                    break;
            }
        }
        for (Object o : gd.getStringFields() == null ? java.util.List.of() : gd.getStringFields()) {
            TextField t = (TextField) o;
            if (t.getText().startsWith("#")) System.out.println("COLOR_FIELD " + t.getText());
        }
        EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(gd.getButtons()[0], ActionEvent.ACTION_PERFORMED, "OK")));
    }

    /** The file chooser that is up (ImageJ's OpenDialog: an AWT FileDialog or a Swing JFileChooser dialog), or null. */
    static Window chooser() {
        for (Window w : Window.getWindows()) {
            if (!w.isShowing()) continue;
            if (w instanceof java.awt.FileDialog) return w;
            if (w instanceof javax.swing.JDialog && findChooser(w) != null) return w;
        }
        return null;
    }

    static javax.swing.JFileChooser findChooser(java.awt.Container c) {
        for (java.awt.Component k : c.getComponents()) {
            if (k instanceof javax.swing.JFileChooser) return (javax.swing.JFileChooser) k;
            if (k instanceof java.awt.Container) {
                javax.swing.JFileChooser f = findChooser((java.awt.Container) k);
                if (f != null) return f;
            }
        }
        return null;
    }

    static String chooserFolder(Window w) {
        javax.swing.JFileChooser f = findChooser(w);
        return f == null ? null : f.getCurrentDirectory().getPath();
    }

    /** Presses the dialog's Help button; its page must open in ImageJ's HTML viewer (then closed). */
    static void help(GenericDialog gd) throws Exception {
        java.awt.Button help = null;
        for (java.awt.Button b : gd.getButtons()) if (b != null && "Help".equals(b.getLabel())) help = b;
        if (help == null) throw new IllegalStateException("No Help button in " + gd.getTitle());
        java.awt.Button h = help;
        EventQueue.invokeLater(() -> gd.actionPerformed(new ActionEvent(h, ActionEvent.ACTION_PERFORMED, "Help")));
        String title = gd.getTitle() + " Help";
        waitFor(() -> {
            for (Window w : Window.getWindows()) if (w instanceof ij.gui.HTMLDialog && w.isShowing()) return true;
            return false;
        }, title);
        for (Window w : Window.getWindows()) {
            if (w instanceof ij.gui.HTMLDialog && w.isShowing()) {
                String text = htmlText(w);
                System.out.println("HELP '" + ((java.awt.Dialog) w).getTitle() + "' " + text.length() + " chars, starts: "
                        + text.replaceAll("\\s+", " ").trim().substring(0, Math.min(60, text.trim().length())));
                EventQueue.invokeAndWait(w::dispose);
            }
        }
    }

    static String htmlText(java.awt.Container c) {
        StringBuilder b = new StringBuilder();
        for (java.awt.Component k : c.getComponents()) {
            if (k instanceof javax.swing.JEditorPane) {
                javax.swing.JEditorPane p = (javax.swing.JEditorPane) k;
                try {
                    b.append(p.getDocument().getText(0, p.getDocument().getLength()));
                } catch (javax.swing.text.BadLocationException e) {
                    throw new IllegalStateException(e);
                }
            } else if (k instanceof java.awt.Container) {
                b.append(htmlText((java.awt.Container) k));
            }
        }
        return b.toString();
    }

    /** Types {@code text} into the dialog's search box (the text field that is not a recorded field), as a user does. */
    static void search(GenericDialog gd, String text, int index) throws Exception {
        java.util.List<TextField> boxes = new java.util.ArrayList<>();
        for (TextField t : textFields(gd)) if (gd.getStringFields() == null || !gd.getStringFields().contains(t)) boxes.add(t);
        TextField box = boxes.size() > index ? boxes.get(index) : null;
        if (box == null) throw new IllegalStateException("no search box in " + gd.getTitle());
        TextField b = box;
        EventQueue.invokeAndWait(() -> {
            b.setText(text);
            java.awt.event.TextEvent ev = new java.awt.event.TextEvent(b, java.awt.event.TextEvent.TEXT_VALUE_CHANGED);
            for (java.awt.event.TextListener l : b.getTextListeners()) l.textValueChanged(ev);
        });
        // setText also queued a TextEvent: its listener runs the search again on the event thread, emptying and
        // refilling the list; read the list on that thread after it (read meanwhile, it may have 0 or 1 items)
        Choice type = (Choice) gd.getChoices().get(index + 1); // the choice after the box: type, region
        String[] seen = new String[2];
        EventQueue.invokeAndWait(() -> {
            seen[0] = Integer.toString(type.getItemCount());
            seen[1] = type.getItemCount() > 0 ? type.getItem(0) : null;
        });
        System.out.println("SEARCH " + text + " items=" + seen[0] + " first=" + seen[1]);
    }

    /** Sets a field's text on the event thread (AWT text fields are Swing components underneath). */
    static void setText(TextField field, String text) throws Exception {
        EventQueue.invokeAndWait(() -> field.setText(text));
    }

    static java.util.List<TextField> textFields(java.awt.Container c) {
        java.util.List<TextField> l = new java.util.ArrayList<>();
        for (java.awt.Component k : c.getComponents()) {
            if (k instanceof TextField) l.add((TextField) k);
            else if (k instanceof java.awt.Container) l.addAll(textFields((java.awt.Container) k));
        }
        return l;
    }

    /** Any ImageJ message or error dialog means something went wrong: print its text and stop. */
    static void failOnMessageDialogs() {
        while (true) {
            for (Window w : Window.getWindows()) {
                if (w instanceof ij.gui.MessageDialog && w.isShowing() && expectedError != null
                        && expectedError.equals(((java.awt.Dialog) w).getTitle())) {
                    int longest = 0;
                    for (String line : lines(w)) longest = Math.max(longest, line.length());
                    System.out.println("ERROR_DIALOG width=" + w.getWidth() + " longest=" + longest + " lines=" + lines(w).size()
                            + ": " + text(w));
                    w.dispose();
                    expectedError = null;
                    continue;
                }
                if (w instanceof ij.gui.MessageDialog && w.isShowing()) {
                    System.out.println("UNEXPECTED DIALOG '" + ((java.awt.Dialog) w).getTitle() + "': " + text(w));
                    System.out.flush();
                    Runtime.getRuntime().halt(3);
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static java.util.List<String> lines(java.awt.Container c) {
        java.util.List<String> l = new java.util.ArrayList<>();
        for (java.awt.Component k : c.getComponents()) {
            try {
                java.lang.reflect.Field f = k.getClass().getDeclaredField("lines");
                f.setAccessible(true);
                l.addAll(java.util.Arrays.asList((String[]) f.get(k)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                if (k instanceof java.awt.Container) l.addAll(lines((java.awt.Container) k));
            }
        }
        return l;
    }

    static String text(java.awt.Container c) {
        StringBuilder b = new StringBuilder();
        for (java.awt.Component k : c.getComponents()) {
            try {
                java.lang.reflect.Field f = k.getClass().getDeclaredField("lines");
                f.setAccessible(true);
                b.append(String.join(" ", (String[]) f.get(k)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                if (k instanceof java.awt.Container) b.append(text((java.awt.Container) k));
            }
        }
        return b.toString();
    }

    interface Check { boolean ok() throws Exception; }

    static void waitFor(Check c, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!c.ok()) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("Timed out waiting for " + what);
            Thread.sleep(50);
        }
    }
}
