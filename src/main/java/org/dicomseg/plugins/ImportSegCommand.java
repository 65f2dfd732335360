package org.dicomseg.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Prefs;
import ij.WindowManager;
import ij.gui.Roi;
import ij.plugin.PlugIn;
import ij.plugin.frame.RoiManager;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.ij.IjProgress;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.options.OptionValues;
import org.dicomseg.ij.open.SegImporter;
import org.dicomseg.ij.open.ImportedSegmentation;
import org.dicomseg.ij.open.ImportSources;
import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.ij.ui.VolumeImportSupport;
import org.dicomseg.ij.ui.CommandForm;
import org.dicomseg.ij.ui.FormField;
import org.dicomseg.ij.ui.HelpPages;
import org.dicomseg.ij.ui.PathChooser;
import org.dicomseg.ij.ui.Recording;
import org.dicomseg.ij.ui.CommandErrors;

/**
 * File &gt; Import &gt; DICOM SEG... and Plugins &gt; DICOM SEG &gt; Import SEG...: reads a DICOM
 * Segmentation and shows it as a hyperstack (one channel per segment), a label image, ROIs in the
 * ROI Manager or a RoiSet.zip, optionally with the source images it was drawn on.
 *
 * <p>Thin on purpose: the dialog (recordable; every key is in {@link MacroKeys}) fills
 * {@link ImportOptions}, {@link ImportReader} reads the file, {@link SegImporter} makes the output, and
 * this class only shows it. Errors become one message ({@link CommandErrors}); Esc cancels.</p>
 */
public class ImportSegCommand implements PlugIn {
    /** Window title of the dialog and of error messages. */
    public static final String TITLE = "Import DICOM SEG";
    private static final String PREF_PATH = "dicomseg.import.path";
    private static final String PREF_OUTPUT = "dicomseg.import.output";

    /** The dialog's fields; their labels record exactly the {@link MacroKeys} constants. */
    static List<FormField> fields(String lastPath, String lastOutput) {
        return List.of(
                FormField.path(MacroKeys.SEG, "SEG file", lastPath, 45, FormField.Browse.FILE),
                FormField.string(MacroKeys.SEGMENTS, "Segments (blank = all, e.g. 1,3-5)", "", 12),
                FormField.choice(MacroKeys.OUTPUT, "Output", ImportOptions.Output.choices(), lastOutput),
                FormField.checkbox(MacroKeys.FRACTIONAL, "Fractional segments as 8-bit stored values (not 32-bit 0..1)", false),
                FormField.checkbox(MacroKeys.LAST_WINS, "Last_wins where segments overlap (label image)", false),
                FormField.path(MacroKeys.OUT, "Out file for RoiSet.zip (blank = next to the SEG)", "", 45, FormField.Browse.SAVE),
                FormField.checkbox(MacroKeys.OPEN_SOURCE, "Open_source images as well (matched by SOP Instance UID)", false),
                FormField.path(MacroKeys.SOURCE_FOLDER, "Source_folder or file of the source series (blank = an open image, else near the SEG)", "", 45,
                        FormField.Browse.FOLDER),
                FormField.string(MacroKeys.IMPORT_REGION, "Region of a tiled SEG: x,y,width,height (blank = the open slide image's, else whole)", "", 24),
                FormField.string(MacroKeys.DOWNSAMPLE, "Downsample factor of a tiled SEG (blank = fit 2048 pixels; 1 = full resolution)", "", 6),
                FormField.path(MacroKeys.VOLUME, "Volume (write to NIfTI .nii/.nii.gz or NRRD .nrrd instead of opening; blank = open)", "", 45,
                        FormField.Browse.SAVE));
    }

    @Override
    public void run(String arg) {
        Map<String, String> v;
        try {
            v = ask(arg);
        } catch (IllegalArgumentException e) {
            CommandErrors.report(TITLE, e);
            return;
        }
        if (v == null) return; // cancelled
        Path seg = Paths.get(v.get(MacroKeys.SEG));
        String volume = v.getOrDefault(MacroKeys.VOLUME, "").trim();
        if (!volume.isEmpty()) {
            CommandErrors.run(TITLE, () -> VolumeImportSupport.write(TITLE, seg, Paths.get(volume), v));
            return;
        }
        if (ImportOptions.Output.parse(v.get(MacroKeys.OUTPUT)) == ImportOptions.Output.ROI_MANAGER
                && java.awt.GraphicsEnvironment.isHeadless()) {
            CommandErrors.show(TITLE, "The ROI Manager needs a display; without one use output=RoiSet.zip (and out=[...]).");
            return;
        }
        ImportOptions o;
        try {
            o = ImportOptions.of(OptionValues.of(v));
        } catch (IllegalArgumentException e) {
            CommandErrors.report(TITLE, e);
            return;
        }
        importFile(seg, o);
    }

    /** Reads {@code seg} with {@code o} and shows the result; reports errors itself. Returns true on success. */
    public static boolean importFile(Path seg, ImportOptions o) {
        return importFile(seg, o, title(seg));
    }

    /** {@link #importFile(Path, ImportOptions)}, the image titled {@code title} (e.g. a SEG read from a server). */
    static boolean importFile(Path seg, ImportOptions o, String title) {
        return importWith(() -> SegmentationReader.open(seg), seg, o, title, "Reading " + seg.getFileName());
    }

    /** {@link #importFile(Path, ImportOptions, String)} of an opened reader (a SEG read frame by frame from a server); closes it. */
    static boolean importReader(SegmentationReader reader, ImportOptions o, String title) {
        return importWith(() -> reader, null, o, title, "Reading " + title);
    }

    private interface Opener {
        SegmentationReader open() throws java.io.IOException;
    }

    private static boolean importWith(Opener opener, Path seg, ImportOptions o, String title, String status) {
        IjProgress progress = IjProgress.start(status);
        try {
            return CommandErrors.run(TITLE, () -> {
                try (SegmentationReader r = opener.open()) {
                    ImagePlus open = WindowManager.getCurrentImage();
                    SlidePlacement slide = SlidePlacement.of(open);
                    ImportedSegmentation v = ImportSources.read(r, o, seg, openImages(), slide, slide == null ? 0 : open.getWidth(),
                            slide == null ? 0 : open.getHeight(), progress.phase("Reading frames"));
                    SegImporter.Result res = new SegImporter(o, progress.phase("Building")).run(v, seg, title);
                    show(res, o);
                    IJ.showStatus("DICOM SEG: " + v.segments().size() + " segment" + (v.segments().size() == 1 ? "" : "s")
                            + ", " + v.depth() + " plane" + (v.depth() == 1 ? "" : "s"));
                }
            });
        } finally {
            progress.done();
        }
    }

    /** The images open in ImageJ (batch-mode images included): one may be the SEG's source series. */
    private static List<ImagePlus> openImages() {
        List<ImagePlus> out = new java.util.ArrayList<>();
        int[] ids = WindowManager.getIDList();
        if (ids != null) for (int id : ids) {
            ImagePlus imp = WindowManager.getImage(id);
            if (imp != null) out.add(imp);
        }
        return out;
    }

    private static void show(SegImporter.Result res, ImportOptions o) {
        if (res.sourceImage() != null) display(res.sourceImage());
        if (res.image() != null) display(res.image());
        if (o.output() == ImportOptions.Output.ROI_MANAGER) {
            // getInstance() is the hidden batch-mode manager inside batch macros; getRoiManager() opens the window
            RoiManager rm = RoiManager.getInstance();
            if (rm == null) rm = RoiManager.getRoiManager();
            for (Roi roi : res.rois()) rm.addRoi(roi);
        }
        if (res.roiZip() != null) {
            IJ.log("DICOM SEG: wrote " + res.rois().size() + " ROIs to " + res.roiZip());
        }
        for (String note : res.notes()) IJ.log("DICOM SEG: " + note);
    }

    /**
     * Shows {@code imp}; without a display (plain ImageJ headless; Fiji --headless patches show())
     * it becomes the thread's current image, so the next macro or script line can save it.
     */
    static void display(ImagePlus imp) {
        try {
            imp.show();
        } catch (java.awt.HeadlessException e) {
            WindowManager.setTempCurrentImage(imp);
        }
    }

    private static String title(Path seg) {
        return seg.getFileName().toString();
    }

    /**
     * The dialog (GUI, or a macro with a display: GenericDialog reads the macro options), or the
     * macro options directly when headless. Returns null when cancelled.
     */
    private Map<String, String> ask(String arg) {
        String lastPath = arg != null && !arg.isBlank() ? arg : Prefs.get(PREF_PATH, "");
        String lastOutput = Prefs.get(PREF_OUTPUT, ImportOptions.Output.HYPERSTACK.choice());
        if (!java.util.Arrays.asList(ImportOptions.Output.choices()).contains(lastOutput)) {
            lastOutput = ImportOptions.Output.HYPERSTACK.choice();
        }
        CommandForm form = new CommandForm(TITLE).helpPage(HelpPages.IMPORT);
        fields(lastPath, lastOutput).forEach(form::add);
        if (!form.show()) return null;
        Map<String, String> values = form.values();
        String path = values.get(MacroKeys.SEG);
        if (path == null || path.isBlank()) {
            if (Macro.getOptions() == null && !CommandForm.headless()) {
                path = PathChooser.choose(FormField.Browse.FILE, "Open DICOM SEG", "", MacroKeys.SEG);
                if (path == null) {
                    Recording.forget();
                    return null;
                }
            } else {
                throw new IllegalArgumentException("Say which SEG file to import: seg=[/path/to/file.dcm]");
            }
        }
        if (!Files.isRegularFile(Paths.get(path))) {
            throw new IllegalArgumentException("SEG file not found: " + path);
        }
        values.put(MacroKeys.SEG, path);
        if (Macro.getOptions() == null) {
            Prefs.set(PREF_PATH, path);
            PathChooser.remember(MacroKeys.SEG, path);
            Prefs.set(PREF_OUTPUT, values.get(MacroKeys.OUTPUT));
        }
        return values;
    }
}
