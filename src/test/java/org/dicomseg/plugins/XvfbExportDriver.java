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
 * <p>Arguments: ImageJ folder (with plugins/), sample-images folder, output folder.</p>
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
        System.setProperty("plugins.dir", ijDir.toString());
        Thread watchdog = new Thread(XvfbExportDriver::failOnMessageDialogs, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        new ImageJ(ImageJ.NO_SHOW);
        for (String c : new String[] {"Export Label Image as SEG...", "Export ROIs as SEG...", "Segment Metadata...", "DICOM SEG...",
                "DICOM SEG... "}) {
            Object cls = Menus.getCommands().get(c);
            System.out.println("MENU " + c + " = " + cls);
            System.out.println("MENU [" + c + "] = " + cls);
        }
        Recorder recorder = new Recorder();
        ImagePlus imp = IJ.openImage(samples.resolve("labels.tif").toString());
        imp.show();
        waitFor(() -> WindowManager.getCurrentImage() == imp, "image window");
        Path ct = samples.resolve("ct");

        // 1. Export Label Image as SEG... through its dialog.
        Map<String, String> v1 = new LinkedHashMap<>();
        v1.put(MacroKeys.SOURCE, ct.toString());
        v1.put(MacroKeys.OUT, out.resolve("gui-labels.dcm").toString());
        v1.put(MacroKeys.COMPRESSION, "rle");
        v1.put(MacroKeys.SERIES, "GUI labels");
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
        CommandForm first = new CommandForm("Segment Metadata...");
        first.add(FormField.message("x"));
        first.add(FormField.choice(MacroKeys.ACTION, "Action", SegmentMetadataCommand.ACTIONS, "edit"));
        first.add(FormField.number(MacroKeys.SEGMENT, "Segment", 1));
        first.add(FormField.string(MacroKeys.TEMPLATE, "Template", "", 40));
        CommandForm second = SegmentMetadataCommand.editForm(org.dicomseg.ij.export.SegmentMetadataEditor.current(imp).segments().get(0));
        runWithDialogs("Segment Metadata...", null, new Answer("Segment Metadata...", first, m1),
                new Answer("Segment Metadata (segment 1)", second, m2));
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

        String text = recorder.getText();
        Files.writeString(out.resolve("recorded.ijm"), text);
        System.out.println("RECORDED-BEGIN");
        System.out.println(text);
        System.out.println("RECORDED-END");
        System.out.println("DRIVER_DONE");
        System.exit(0);
    }

    /** Runs a menu command as a click would (own thread, recorder on) and answers its dialogs. */
    static void runWithDialogs(String command, Path expectedFile, Answer... answers) throws Exception {
        Deque<Answer> queue = new ArrayDeque<>(java.util.List.of(answers));
        int before = count(Recorder.getInstance().getText(), command);
        IJ.doCommand(command);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!queue.isEmpty()) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("No dialog '" + queue.peek().title + "'");
            GenericDialog gd = find(queue.peek().title);
            if (gd != null) {
                answer(gd, queue.poll());
            } else {
                Thread.sleep(50);
            }
        }
        waitFor(() -> count(Recorder.getInstance().getText(), command) > before, "recorder line of " + command);
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
        int s = 0, c = 0, b = 0, n = 0;
        for (FormField f : a.form.fields()) {
            String v = f.key() == null ? null : a.values.get(f.key());
            switch (f.kind()) {
                case STRING:
                    if (v != null) ((TextField) gd.getStringFields().get(s)).setText(v);
                    s++;
                    break;
                case CHOICE:
                    if (v != null) {
                        Choice ch = (Choice) gd.getChoices().get(c);
                        EventQueue.invokeAndWait(() -> {
                            ch.select(v);
                            // as a mouse selection does: tell the listeners (e.g. category -> type list)
                            java.awt.event.ItemEvent ev = new java.awt.event.ItemEvent(ch, java.awt.event.ItemEvent.ITEM_STATE_CHANGED,
                                    v, java.awt.event.ItemEvent.SELECTED);
                            for (java.awt.event.ItemListener l : ch.getItemListeners()) l.itemStateChanged(ev);
                        });
                        System.out.println("CHOICE " + f.key() + "=" + v + " items=" + ch.getItemCount());
                    }
                    c++;
                    break;
                case CHECKBOX:
                    if (v != null) ((Checkbox) gd.getCheckboxes().get(b)).setState(Boolean.parseBoolean(v));
                    b++;
                    break;
                case NUMBER:
                    if (v != null) ((TextField) gd.getNumericFields().get(n)).setText(v);
                    n++;
                    break;
                default:
                    break;
            }
        }
        EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(gd.getButtons()[0], ActionEvent.ACTION_PERFORMED, "OK")));
    }

    /** Any ImageJ message or error dialog means something went wrong: print its text and stop. */
    static void failOnMessageDialogs() {
        while (true) {
            for (Window w : Window.getWindows()) {
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
