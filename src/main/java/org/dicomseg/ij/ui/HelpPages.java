package org.dicomseg.ij.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import ij.gui.HTMLDialog;

/**
 * The documentation shipped with the plugin: one HTML page per command in the jar
 * ({@code /org/dicomseg/help/<page>.html}), shown by ImageJ's own HTML viewer (a dialog's Help
 * button, {@code GenericDialog.addHelp}, or {@link #open}). Works offline and in every ImageJ;
 * nothing points to the web.
 */
public final class HelpPages {
    /** File › Import › DICOM SEG..., Plugins › DICOM SEG › Import SEG.... */
    public static final String IMPORT = "import";
    /** SEG Info.... */
    public static final String SEG_INFO = "seg-info";
    /** Export Label Image as SEG... (and File › Save As › DICOM SEG...). */
    public static final String EXPORT_LABEL_IMAGE = "export-label-image";
    /** Export ROIs as SEG.... */
    public static final String EXPORT_ROIS = "export-rois";
    /** Segment Metadata... (both dialogs). */
    public static final String SEGMENT_METADATA = "segment-metadata";
    /** Options.... */
    public static final String OPTIONS = "options";
    /** Open DICOM Slide.... */
    public static final String OPEN_SLIDE = "open-slide";
    /** Every page shipped. */
    public static final List<String> ALL = List.of(IMPORT, SEG_INFO, EXPORT_LABEL_IMAGE, EXPORT_ROIS, SEGMENT_METADATA, OPTIONS,
            OPEN_SLIDE);

    private HelpPages() { }

    /** Fails unless {@code page} is shipped. */
    static void require(String page) {
        if (!ALL.contains(page)) throw new IllegalArgumentException("No help page '" + page + "' (pages: " + ALL + ")");
    }

    /** The HTML text of {@code page} (starts with {@code <html>}, as GenericDialog's Help expects). */
    public static String html(String page) {
        require(page);
        String res = "/org/dicomseg/help/" + page + ".html";
        try (InputStream in = HelpPages.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalStateException("Help page missing from the plugin jar: " + res);
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return s.startsWith("<html>") ? s : "<html>" + s + "</html>";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read help page " + res, e);
        }
    }

    /** Opens the help page of a command in ImageJ's HTML viewer (non-modal). */
    public static void open(String page, String title) {
        new HTMLDialog(title + " Help", html(page), false);
    }
}
