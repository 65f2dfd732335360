package org.dicomseg.plugins;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.Roi;
import ij.plugin.PlugIn;
import ij.plugin.frame.RoiManager;

import org.dicomseg.ij.IjProgress;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import org.dicomseg.ij.export.ExportPlan;
import org.dicomseg.ij.source.ImageFrameOfReference;
import org.dicomseg.ij.export.OutputPaths;
import org.dicomseg.ij.export.RoiExport;
import org.dicomseg.ij.export.RoiGrouping;
import org.dicomseg.ij.export.RoiPlacement;
import org.dicomseg.ij.export.RoiSetReader;
import org.dicomseg.ij.SegmentMetadataProperty;
import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.ij.slide.SlideTarget;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.ij.source.SourceSeries;
import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.ij.ui.CommandForm;
import org.dicomseg.ij.ui.FormField;
import org.dicomseg.ij.ui.HelpPages;
import org.dicomseg.ij.ui.Recording;
import org.dicomseg.ij.ui.CommandErrors;
import org.dicomseg.ij.ui.ExportFields;
import org.dicomseg.ij.ui.ExportSupport;
import org.dicomseg.ij.ui.SlideExportSupport;

/**
 * Plugins &gt; DICOM SEG &gt; Export ROIs as SEG...: the ROI Manager's ROIs, or a RoiSet.zip (works
 * without a display), as segments grouped by ROI name, ROI group or one per ROI. The planes and the
 * size come from the current image when one is open, else from the source series.
 */
public class ExportRoisCommand implements PlugIn {
    /** Menu name (Plugins &gt; DICOM SEG). */
    public static final String COMMAND = "Export ROIs as SEG";

    @Override
    public void run(String arg) {
        CommandErrors.run(COMMAND, () -> {
            if (export(WindowManager.getCurrentImage()) == null) Recording.forget(); // cancelled: nothing to replay
        });
    }

    /** The dialog (or macro options). */
    static CommandForm form(ImagePlus imp, String detectedSource) {
        return form(imp, detectedSource, null);
    }

    /** The dialog, with the output suggested beside the detected sources. */
    static CommandForm form(ImagePlus imp, String detectedSource, SourceSeries guess) {
        CommandForm form = new CommandForm(COMMAND + "...");
        RoiManager rm = RoiManager.getInstance();
        int inManager = rm != null ? rm.getCount() : 0;
        form.add(FormField.message((inManager > 0 ? "ROI Manager: " + inManager + " ROIs" : "ROI Manager empty: give a RoiSet.zip")
                + (imp != null ? "; image: " + imp.getTitle() : "; no image: size and slices come from the source") + "\n"
                + ExportSupport.sourceNote(guess)));
        form.add(FormField.path(MacroKeys.ROIS, "ROIs (RoiSet.zip or .roi; empty = ROI Manager)", "", 40, FormField.Browse.FILE));
        form.add(FormField.choice(MacroKeys.GROUPING, "Grouping (segment per ROI name, group or each)", RoiGrouping.keys(),
                RoiGrouping.NAME.key()));
        ExportFields.add(form, detectedSource, OutputPaths.suggest(imp, guess, "rois", "-rois-seg.dcm"), SegmentationType.BINARY);
        return form.helpPage(HelpPages.EXPORT_ROIS);
    }

    /** Runs the export; returns the result, or null when the user cancelled a dialog. */
    static SegWriteResult export(ImagePlus imp) throws Exception {
        SlidePlacement slide = SlidePlacement.of(imp);
        if (slide != null) return exportOnSlide(imp, slide);
        SourceSeries auto = SourceLocator.detect(imp);
        String detected = SourceLocator.textOf(auto);
        CommandForm form = form(imp, detected, auto);
        if (!form.show()) return null;
        List<Roi> rois = rois(form.string(MacroKeys.ROIS));
        RoiGrouping grouping = RoiGrouping.parse(form.choice(MacroKeys.GROUPING));
        DcmqiMetadata meta = SegmentMetadataProperty.resolve(imp, form.string(MacroKeys.META));
        String sourceField = form.string(MacroKeys.SOURCE);
        SourceSeries sources;
        RoiPlacement placement;
        int width, height;
        if (imp != null) {
            width = imp.getWidth();
            height = imp.getHeight();
            placement = new RoiPlacement(imp.getNChannels(), imp.getNSlices(), imp.getNFrames());
            sources = ExportSupport.sources(imp, auto, sourceField, detected, width, height, placement.planeCount());
            sources.requireMatches(imp.getTitle(), width, height, imp.getNSlices(), imp.getNFrames(), ImageFrameOfReference.of(imp));
        } else {
            sources = ExportSupport.sources(null, null, sourceField, "", 0, 0, 0);
            width = sources.width();
            height = sources.height();
            placement = RoiPlacement.ofStack(sources.planeCount());
        }
        SegWriteOptions[] options = {ExportFields.toOptions(form, meta)};
        Path out = ExportSupport.output(COMMAND, form.string(MacroKeys.OUT), options,
                ExportSupport.inputs(imp, "the ROI set (" + MacroKeys.ROIS + "=)", form.string(MacroKeys.ROIS),
                        "the segment metadata (" + MacroKeys.META + "=)", form.string(MacroKeys.META)));
        if (out == null) return null;
        IjProgress progress = IjProgress.start(null);
        ExportPlan plan = RoiExport.prepare(rois, grouping, placement, width, height, meta, form.string(MacroKeys.META).isBlank(),
                progress);
        SegWriteResult written = ExportSupport.write(COMMAND, plan, sources, options[0], out, progress);
        ExportSupport.store(COMMAND, ExportFields.storeServer(form), written.file());
        return written;
    }

    /** The export for an image on a slide: the ROIs are rasterised tile by tile on its grid; null when cancelled. */
    private static SegWriteResult exportOnSlide(ImagePlus imp, SlidePlacement slide) throws Exception {
        CommandForm form = SlideExportSupport.addSlideFields(form(imp, slide.location(), null), slide);
        SlideExportSupport.addTargetField(form);
        if (!form.show()) return null;
        List<Roi> rois = rois(form.string(MacroKeys.ROIS));
        RoiGrouping grouping = RoiGrouping.parse(form.choice(MacroKeys.GROUPING));
        DcmqiMetadata meta = SegmentMetadataProperty.resolve(imp, form.string(MacroKeys.META));
        SegWriteOptions[] options = {SlideExportSupport.slideOptions(form, ExportFields.toOptions(form, meta))};
        Path out = ExportSupport.output(COMMAND, form.string(MacroKeys.OUT), options,
                ExportSupport.inputs(imp, "the ROI set (" + MacroKeys.ROIS + "=)", form.string(MacroKeys.ROIS),
                        "the segment metadata (" + MacroKeys.META + "=)", form.string(MacroKeys.META)));
        if (out == null) return null;
        IjProgress progress = IjProgress.start(null);
        SlideTarget target = SlideExportSupport.target(form, slide, imp);
        if (!target.isOwn() && imp.getStackSize() > 1) {
            throw new IllegalArgumentException("Only a single-plane image can be written on another slide level; '" + imp.getTitle()
                    + "' has " + imp.getStackSize() + " planes");
        }
        // the image's slices are the level's focal planes (one for most slides): a ROI goes to its slice
        ExportPlan plan = target.isOwn()
                ? RoiExport.prepare(rois, grouping, new RoiPlacement(imp.getNChannels(), imp.getNSlices(), imp.getNFrames()),
                        imp.getWidth(), imp.getHeight(), meta, progress)
                : RoiExport.prepareScaled(rois, grouping, target.scaleX(), target.scaleY(), target.shiftX(), target.shiftY(),
                        target.width(), target.height(), meta, progress);
        SegWriteResult written = SlideExportSupport.write(COMMAND, plan, target.placement(), options[0], out, progress, form.flag(MacroKeys.PYRAMID));
        ExportSupport.store(COMMAND, ExportFields.storeServer(form), written.file());
        return written;
    }

    /** ROIs from a file, or from the ROI Manager when {@code path} is empty. */
    static List<Roi> rois(String path) throws java.io.IOException {
        if (!path.isEmpty()) return RoiSetReader.read(Paths.get(path));
        RoiManager rm = RoiManager.getInstance();
        if (rm == null || rm.getCount() == 0) {
            throw new IllegalArgumentException("The ROI Manager is empty: add ROIs (Analyze > Tools > ROI Manager, 't'),"
                    + " or give a RoiSet.zip with " + MacroKeys.ROIS + "=[path]");
        }
        return Arrays.asList(rm.getRoisAsArray());
    }
}
