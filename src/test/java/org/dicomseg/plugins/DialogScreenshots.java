package org.dicomseg.plugins;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.io.File;

import javax.imageio.ImageIO;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;

/**
 * Takes the screenshots of the command dialogs shown in the README and docs (run under Xvfb:
 * {@code xvfb-run -a java -cp ... org.dicomseg.plugins.DialogScreenshots docs/img}). Each command
 * is started as a user would from its menu; once its dialog is up, the dialog window is captured
 * and closed with Esc. Not a test: a tool for keeping the documentation's pictures current.
 */
public final class DialogScreenshots {
    private DialogScreenshots() { }

    public static void main(String[] args) throws Exception {
        File outDir = new File(args.length > 0 ? args[0] : "docs/img");
        outDir.mkdirs();
        new ImageJ();
        ImagePlus labels = IJ.openImage("sample-images/labels.tif");
        labels.show();
        shoot(outDir, "export_label_image_dialog.png", () -> new ExportLabelImageCommand().run(""));
        shoot(outDir, "export_rois_dialog.png", () -> new ExportRoisCommand().run(""));
        shoot(outDir, "options_dialog.png", () -> new OptionsCommand().run(""));
        // as after a first import: the dialog remembers the last SEG (and its chooser starts in that folder)
        File seg = new File("../shared/corpus/highdicom/seg_image_ct_binary_overlap.dcm").getCanonicalFile();
        if (seg.isFile()) ij.Prefs.set("dicomseg.import.path", seg.getPath());
        shoot(outDir, "import_dialog.png", () -> new ImportSegCommand().run(""));
        shoot(outDir, "seg_info_dialog.png", () -> new SegInfoCommand().run(""));
        shoot(outDir, "segment_metadata_dialog.png", () -> new SegmentMetadataCommand().run(""));
        shoot(outDir, "segment_metadata_edit_dialog.png", () -> new SegmentMetadataCommand().run(""), 1);
        searchText = "liver";
        shoot(outDir, "segment_metadata_search.png", () -> new SegmentMetadataCommand().run(""), 1);
        searchText = null;
        shoot(outDir, "help_page.png", () -> org.dicomseg.ij.ui.HelpPages.open(org.dicomseg.ij.ui.HelpPages.EXPORT_LABEL_IMAGE,
                "Export Label Image as SEG..."), 0, false);
        System.exit(0);
    }

    /** Text typed into the edit dialog's search box before the capture, or null. */
    private static String searchText;

    private static void shoot(File dir, String name, Runnable command) throws Exception {
        shoot(dir, name, command, 0);
    }

    private static void shoot(File dir, String name, Runnable command, int confirmFirst) throws Exception {
        shoot(dir, name, command, confirmFirst, true);
    }

    /** Captures the dialog that is up after confirming {@code confirmFirst} dialogs with Enter. */
    private static void shoot(File dir, String name, Runnable command, int confirmFirst, boolean modal) throws Exception {
        Robot robot = new Robot();
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < confirmFirst; i++) {
                    Thread.sleep(3000);
                    for (Window w : Window.getWindows()) {
                        if (w.isShowing() && w instanceof java.awt.Dialog && ((java.awt.Dialog) w).isModal()) w.toFront();
                    }
                    robot.keyPress(KeyEvent.VK_ENTER);
                    robot.keyRelease(KeyEvent.VK_ENTER);
                }
                Thread.sleep(4000);
                Window dialog = null;
                for (Window w : Window.getWindows()) {
                    if (w.isShowing() && w instanceof java.awt.Dialog && (((java.awt.Dialog) w).isModal() || !modal)) dialog = w;
                }
                if (dialog != null && searchText != null) {
                    Window d = dialog;
                    java.awt.EventQueue.invokeAndWait(() -> {
                        for (java.awt.TextField box : XvfbExportDriver.textFields(d)) {
                            if (((ij.gui.GenericDialog) d).getStringFields().contains(box)) continue;
                            box.setText(searchText);
                            java.awt.event.TextEvent ev = new java.awt.event.TextEvent(box, java.awt.event.TextEvent.TEXT_VALUE_CHANGED);
                            for (java.awt.event.TextListener l : box.getTextListeners()) l.textValueChanged(ev);
                            break; // the type search box only
                        }
                    });
                    Thread.sleep(1000);
                }
                for (int wait = 0; dialog != null && dialog.getX() + dialog.getY() == 0 && wait < 100; wait++) Thread.sleep(100);
                Rectangle r = dialog != null && dialog.getWidth() > 50 ? dialog.getBounds()
                        : new Rectangle(0, 0, 1280, 1024);
                BufferedImage img = robot.createScreenCapture(r);
                ImageIO.write(img, "png", new File(dir, name));
                System.out.println("captured " + name + " " + r + " " + (dialog == null ? "" : ((java.awt.Dialog) dialog).getTitle()));
                if (dialog != null) {
                    dialog.toFront();
                    robot.keyPress(KeyEvent.VK_ESCAPE);
                    robot.keyRelease(KeyEvent.VK_ESCAPE);
                    Thread.sleep(500);
                    if (dialog.isShowing()) dialog.dispose();
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        t.start();
        command.run();
        t.join();
        for (Window w : Window.getWindows()) if (w.isShowing() && w instanceof java.awt.Dialog) w.dispose();
    }
}
