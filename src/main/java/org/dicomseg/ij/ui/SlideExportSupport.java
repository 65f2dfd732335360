package org.dicomseg.ij.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;

import org.dicomseg.ij.IjProgress;
import org.dicomseg.ij.export.ExportPlan;
import org.dicomseg.ij.export.SlideExport;
import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.ij.slide.SlideTarget;
import org.dicomseg.options.ExportOptions;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.options.OptionValues;
import org.dicomseg.write.PyramidResult;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;

/**
 * The export dialogs' parts for an image opened from a slide ({@link SlidePlacement}, set by Open
 * DICOM Slide...): no source series is looked for; the plan is written as a tiled SEG on the level
 * the image came from (or the slide's finest), at the image's offset (PS3.3 C.7.6.17.3), and
 * reported like every export.
 */
public final class SlideExportSupport {
    private SlideExportSupport() { }

    /** The dialog's source note for a slide image. */
    static String note(SlidePlacement s) {
        return "On a DICOM slide: " + s + " — written as a tiled SEG there (the source field is not used)";
    }

    /** The level to write on: the image's own or the slide's finest ({@link ExportOptions#TARGET_LEVELS}). */
    public static void addTargetField(CommandForm form) {
        form.add(FormField.choice(MacroKeys.TARGET, "Target level (image = the image's own; finest = full resolution)",
                ExportOptions.TARGET_LEVELS, ExportOptions.TARGET_LEVELS.get(0)));
    }

    /** Where the form (after {@link CommandForm#show()}) says to write for {@code imp} on {@code slide}. */
    public static SlideTarget target(CommandForm form, SlidePlacement slide, ImagePlus imp) throws IOException {
        return ExportOptions.targetsFinestLevel(OptionValues.of(form.values()))
                ? SlideTarget.finest(slide, imp.getWidth(), imp.getHeight()) : SlideTarget.own(slide, imp.getWidth(), imp.getHeight());
    }

    /** The slide-only fields: tile organisation, the pyramid checkbox and the pyramid's label and description. */
    public static CommandForm addSlideFields(CommandForm form, SlidePlacement slide) {
        form.add(FormField.message(note(slide)));
        form.add(FormField.choice(MacroKeys.TILES, "Tiles (sparse = empty tiles left out)", ExportOptions.TILE_ORGANIZATIONS,
                ExportOptions.TILE_ORGANIZATIONS.get(0)));
        form.add(FormField.checkbox(MacroKeys.PYRAMID, "Pyramid (also a SEG on every coarser level)", false));
        form.add(FormField.string(MacroKeys.PYRAMID_LABEL, "Pyramid_label (with pyramid; blank = none)", "", 20));
        form.add(FormField.string(MacroKeys.PYRAMID_DESCRIPTION, "Pyramid_description (with pyramid; blank = none)", "", 30));
        return form;
    }

    /** {@code o} with the tile organisation the form chose. */
    public static SegWriteOptions slideOptions(CommandForm form, SegWriteOptions o) {
        return ExportOptions.withTileOrganization(o, OptionValues.of(form.values()));
    }

    /**
     * Writes (with the coarser levels when {@code pyramid}) and reports; returns the result for the
     * image's level. Ends {@code progress} (the command's) when it returns or fails.
     */
    public static SegWriteResult write(String command, ExportPlan plan, SlidePlacement slide, SegWriteOptions options, Path out,
                                       IjProgress progress, boolean pyramid) throws IOException {
        for (String note : plan.notes()) IJ.log(command + ": " + note);
        IJ.showStatus(command + ": writing " + out.getFileName() + " (Esc cancels)");
        SegWriteResult r;
        try {
            if (pyramid) {
                PyramidResult all = SlideExport.writePyramid(plan, slide, options, out);
                List<SegWriteResult> written = all.written();
                for (SegWriteResult x : written.subList(1, written.size())) IJ.log(command + ": wrote " + x.file() + " (coarser level)");
                for (String w : all.notWritten()) IJ.log(command + ": WARNING: pyramid level not written: " + w);
                r = written.get(0);
            } else {
                r = SlideExport.write(plan, slide, options, out);
            }
        } finally {
            if (progress != null) progress.done();
        }
        for (String w : r.warnings()) IJ.log(command + ": WARNING: " + w);
        IJ.log(command + ": wrote " + r.file() + " (tiled " + options.tiledGeometry().organization().dicomValue() + ", "
                + options.segmentationType() + ", " + plan.segments().size() + (plan.segments().size() == 1 ? " segment, " : " segments, ")
                + r.numberOfFrames() + (r.numberOfFrames() == 1 ? " frame" : " frames") + "; slide " + slide + ")");
        IJ.showStatus(command + ": wrote " + out.getFileName());
        return r;
    }
}
