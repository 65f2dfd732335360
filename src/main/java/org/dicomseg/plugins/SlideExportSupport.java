package org.dicomseg.plugins;

import java.nio.file.Path;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;

import org.dicomseg.ij.IjProgress;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import ij.gui.Roi;

import org.dicomseg.ij.export.ExportPlan;
import org.dicomseg.ij.export.LabelImageExport;
import org.dicomseg.ij.export.RoiExport;
import org.dicomseg.ij.export.RoiGrouping;
import org.dicomseg.ij.export.RoiPlacement;
import org.dicomseg.ij.SegmentMetadataProperty;
import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.ij.export.SlideExport;
import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.ij.slide.SlideTarget;

/**
 * The export commands' path for an image opened from a slide ({@link SlidePlacement}, set by
 * {@link OpenSlideCommand}): no source series is looked for; the plan is written as a tiled SEG on
 * the level the image came from, at the image's offset (PS3.3 C.7.6.17.3), and reported like
 * every export.
 */
final class SlideExportSupport {
    /** Choices of {@link MacroKeys#TARGET}. */
    static final String[] TARGETS = {"image", "finest"};

    private SlideExportSupport() { }

    /** The slide the image lies on, or null for an ordinary image. */
    static SlidePlacement of(ImagePlus imp) {
        return SlidePlacement.of(imp);
    }

    /** The dialog's source note for a slide image. */
    static String note(SlidePlacement s) {
        return "On a DICOM slide: " + s + " — written as a tiled SEG there (the source field is not used)";
    }

    /** Export Label Image as SEG... for an image on a slide; null when the dialog was cancelled. */
    static SegWriteResult labelImage(String command, ImagePlus imp, SlidePlacement slide) throws Exception {
        CommandForm form = addSlideFields(ExportLabelImageCommand.form(imp, slide.file().toString(), null), slide);
        addTargetField(form);
        if (!form.show()) return null;
        DcmqiMetadata meta = SegmentMetadataProperty.resolve(imp, form.string(MacroKeys.META));
        SegWriteOptions[] options = {slideOptions(form, ExportFields.toOptions(form, meta))};
        Path out = ExportSupport.output(command, form.string(MacroKeys.OUT), options);
        if (out == null) return null;
        IjProgress progress = IjProgress.start(null);
        SlideTarget target = target(form, slide, imp);
        return write(command, LabelImageExport.prepare(imp, meta, progress, target), target.placement(), options[0], out, progress,
                form.flag(MacroKeys.PYRAMID));
    }

    /** Export ROIs as SEG... for an image on a slide: the ROIs are rasterised tile by tile on its grid. */
    static SegWriteResult rois(String command, ImagePlus imp, SlidePlacement slide) throws Exception {
        CommandForm form = addSlideFields(ExportRoisCommand.form(imp, slide.file().toString(), null), slide);
        addTargetField(form);
        if (!form.show()) return null;
        List<Roi> rois = ExportRoisCommand.rois(form.string(MacroKeys.ROIS));
        RoiGrouping grouping = RoiGrouping.parse(form.choice(MacroKeys.GROUPING));
        DcmqiMetadata meta = SegmentMetadataProperty.resolve(imp, form.string(MacroKeys.META));
        SegWriteOptions[] options = {slideOptions(form, ExportFields.toOptions(form, meta))};
        Path out = ExportSupport.output(command, form.string(MacroKeys.OUT), options);
        if (out == null) return null;
        IjProgress progress = IjProgress.start(null);
        SlideTarget target = target(form, slide, imp);
        ExportPlan plan = target.isOwn()
                ? RoiExport.prepare(rois, grouping, RoiPlacement.ofStack(1), imp.getWidth(), imp.getHeight(), meta, progress)
                : RoiExport.prepareScaled(rois, grouping, target.scaleX(), target.scaleY(), target.shiftX(), target.shiftY(),
                        target.width(), target.height(), meta, progress);
        return write(command, plan, target.placement(), options[0], out, progress, form.flag(MacroKeys.PYRAMID));
    }

    /** The level to write on: the image's own or the slide's finest. */
    static void addTargetField(CommandForm form) {
        form.add(FormField.choice(MacroKeys.TARGET, "Target level (image = the image's own; finest = full resolution)",
                TARGETS, TARGETS[0]));
    }

    private static SlideTarget target(CommandForm form, SlidePlacement slide, ImagePlus imp) throws java.io.IOException {
        return TARGETS[1].equals(form.choice(MacroKeys.TARGET))
                ? SlideTarget.finest(slide, imp.getWidth(), imp.getHeight()) : SlideTarget.own(slide, imp.getWidth(), imp.getHeight());
    }

    /** The slide-only fields: tile organisation and the pyramid checkbox. */
    static CommandForm addSlideFields(CommandForm form, SlidePlacement slide) {
        form.add(FormField.message(note(slide)));
        form.add(FormField.choice(MacroKeys.TILES, "Tiles (sparse = empty tiles left out)", new String[] {"sparse", "full"}, "sparse"));
        form.add(FormField.checkbox(MacroKeys.PYRAMID, "Pyramid (also a SEG on every coarser level)", false));
        return form;
    }

    static SegWriteOptions slideOptions(CommandForm form, SegWriteOptions o) {
        DimensionOrganization org = "full".equals(form.choice(MacroKeys.TILES)) ? DimensionOrganization.TILED_FULL
                : DimensionOrganization.TILED_SPARSE;
        return o.toBuilder().tiledGeometry(o.tiledGeometry().withOrganization(org)).build();
    }

    /** Writes (with the coarser levels when {@code pyramid}) and reports; returns the result for the image's level. */
    static SegWriteResult write(String command, ExportPlan plan, SlidePlacement slide, SegWriteOptions options, Path out,
                                IjProgress progress, boolean pyramid) throws java.io.IOException {
        for (String note : plan.notes()) IJ.log(command + ": " + note);
        IJ.showStatus(command + ": writing " + out.getFileName() + " (Esc cancels)");
        SegWriteResult r;
        try {
            if (pyramid) {
                List<SegWriteResult> all = SlideExport.writePyramid(plan, slide, options, out);
                for (SegWriteResult x : all.subList(1, all.size())) IJ.log(command + ": wrote " + x.file() + " (coarser level)");
                r = all.get(0);
            } else {
                r = SlideExport.write(plan, slide, options, out);
            }
        } finally {
            if (progress != null) progress.done();
        }
        IJ.log(command + ": wrote " + r.file() + " (tiled " + options.tiledGeometry().organization().dicomValue() + ", "
                + options.segmentationType() + ", " + plan.segments().size() + (plan.segments().size() == 1 ? " segment, " : " segments, ")
                + r.numberOfFrames() + (r.numberOfFrames() == 1 ? " frame" : " frames") + "; slide " + slide + ")");
        IJ.showStatus(command + ": wrote " + out.getFileName());
        return r;
    }
}
