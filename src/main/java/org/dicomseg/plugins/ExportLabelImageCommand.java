package org.dicomseg.plugins;

import java.nio.file.Path;

import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.PlugIn;

import org.dicomseg.ij.IjProgress;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import org.dicomseg.ij.export.ExportPlan;
import org.dicomseg.ij.source.ImageFrameOfReference;
import org.dicomseg.ij.export.LabelImageExport;
import org.dicomseg.ij.export.OutputPaths;
import org.dicomseg.ij.open.ImportedImageProperties;
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
import org.dicomseg.ij.ui.VolumeExportSupport;

/**
 * Plugins &gt; DICOM SEG &gt; Export Label Image as SEG... (also File &gt; Save As &gt; DICOM SEG...):
 * writes the current image as a SEG. 8/16-bit = label map, multi-channel = one segment per channel,
 * 32-bit = fractional; or a NIfTI/NRRD file ({@code labels=[X.nii.gz]}, also with no image open). Macro: {@code run("Export Label Image as SEG...", "source=[...] out=[...]")};
 * every key is in {@link MacroKeys} and docs/macros.md.
 */
public class ExportLabelImageCommand implements PlugIn {
    /** Menu name (Plugins &gt; DICOM SEG). */
    public static final String COMMAND = "Export Label Image as SEG";

    @Override
    public void run(String arg) {
        ImagePlus imp = WindowManager.getCurrentImage();
        if (imp == null) {
            // No image: a NIfTI/NRRD file (labels=...), or the message that an image is needed.
            CommandErrors.run(COMMAND, ExportLabelImageCommand::exportVolume);
            return;
        }
        CommandErrors.run(COMMAND, () -> {
            if (export(imp) == null) Recording.forget(); // cancelled: nothing to replay
        });
    }

    /** The dialog (or macro options) for {@code imp}, with defaults detected from it. */
    static CommandForm form(ImagePlus imp, String detectedSource) {
        return form(imp, detectedSource, null);
    }

    /** The dialog, with the output suggested beside the detected sources. */
    static CommandForm form(ImagePlus imp, String detectedSource, SourceSeries guess) {
        CommandForm form = new CommandForm(COMMAND + "...");
        form.add(FormField.message("Image: " + imp.getTitle() + " (" + imp.getWidth() + "x" + imp.getHeight() + ", "
                + SourceLocator.planesOf(imp) + " planes, " + imp.getBitDepth() + "-bit"
                + (imp.getNChannels() > 1 ? ", " + imp.getNChannels() + " channels = segments" : "") + ")\n"
                + ExportSupport.sourceNote(guess)));
        ExportFields.add(form, detectedSource, OutputPaths.suggest(imp, guess, "segmentation"),
                imp.getBitDepth() == 32 ? SegmentationType.FRACTIONAL : SegmentationType.BINARY);
        VolumeExportSupport.addVolumeFields(form, "");
        return form.helpPage(HelpPages.EXPORT_LABEL_IMAGE);
    }

    /** Runs the export for {@code imp}; returns the result, or null when the user cancelled a dialog. */
    static SegWriteResult export(ImagePlus imp) throws Exception {
        SlidePlacement slide = SlidePlacement.of(imp);
        if (slide != null) return exportOnSlide(imp, slide);
        SourceSeries auto = SourceLocator.detect(imp);
        String detected = SourceLocator.textOf(auto);
        CommandForm form = form(imp, detected, auto);
        if (!form.show()) return null;
        if (!form.string(MacroKeys.LABELS).isBlank()) return exportVolume(form);
        DcmqiMetadata meta = SegmentMetadataProperty.resolve(imp, form.string(MacroKeys.META));
        boolean metaOfImage = form.string(MacroKeys.META).isBlank();
        int planes = SourceLocator.planesOf(imp);
        SourceSeries sources = ExportSupport.sources(imp, auto, form.string(MacroKeys.SOURCE), detected, imp.getWidth(), imp.getHeight(), planes);
        sources.requireMatches(imp.getTitle(), imp.getWidth(), imp.getHeight(), imp.getNSlices(), imp.getNFrames(),
                ImageFrameOfReference.of(imp));
        // an imported SEG, edited: the new SEG records the imported one as its predecessor
        SegWriteOptions[] options = {ImportedImageProperties.withPredecessor(ExportFields.toOptions(form, meta), imp)};
        Path out = ExportSupport.output(COMMAND, form.string(MacroKeys.OUT), options,
                ExportSupport.inputs(imp, "the segment metadata (" + MacroKeys.META + "=)", form.string(MacroKeys.META)));
        if (out == null) return null;
        IjProgress progress = IjProgress.start(null);
        ExportPlan plan = LabelImageExport.prepare(imp, meta, metaOfImage, progress, null);
        SegWriteResult written = ExportSupport.write(COMMAND, plan, sources, options[0], out, progress);
        ExportSupport.store(COMMAND, ExportFields.storeServer(form), written.file());
        return written;
    }

    /** The export of a NIfTI/NRRD file when no image is open; null when cancelled. */
    static SegWriteResult exportVolume() throws Exception {
        CommandForm form = VolumeExportSupport.form(COMMAND + "...");
        if (!form.show()) return null;
        if (form.string(MacroKeys.LABELS).isBlank()) {
            throw new IllegalStateException("There is no image open: open a label image, a multi-channel mask or a probability map"
                    + " first, or give a NIfTI/NRRD file (labels=...)");
        }
        return exportVolume(form);
    }

    /** The SEG of the NIfTI/NRRD file the form names, stored to the chosen server like the other exports; null when cancelled. */
    private static SegWriteResult exportVolume(CommandForm form) throws Exception {
        SegWriteResult written = VolumeExportSupport.export(COMMAND, form);
        if (written != null) ExportSupport.store(COMMAND, ExportFields.storeServer(form), written.file());
        return written;
    }

    /** The export of an image on a slide: a tiled SEG on its level or the finest; null when cancelled. */
    private static SegWriteResult exportOnSlide(ImagePlus imp, SlidePlacement slide) throws Exception {
        CommandForm form = SlideExportSupport.addSlideFields(form(imp, slide.location(), null), slide);
        SlideExportSupport.addTargetField(form);
        if (!form.show()) return null;
        DcmqiMetadata meta = SegmentMetadataProperty.resolve(imp, form.string(MacroKeys.META));
        SegWriteOptions[] options = {ImportedImageProperties.withPredecessor(
                SlideExportSupport.slideOptions(form, ExportFields.toOptions(form, meta)), imp)};
        Path out = ExportSupport.output(COMMAND, form.string(MacroKeys.OUT), options,
                ExportSupport.inputs(imp, "the segment metadata (" + MacroKeys.META + "=)", form.string(MacroKeys.META)));
        if (out == null) return null;
        IjProgress progress = IjProgress.start(null);
        SlideTarget target = SlideExportSupport.target(form, slide, imp);
        SegWriteResult written = SlideExportSupport.write(COMMAND, LabelImageExport.prepare(imp, meta, form.string(MacroKeys.META).isBlank(),
                progress, target), target.placement(), options[0],
                out, progress, form.flag(MacroKeys.PYRAMID));
        ExportSupport.store(COMMAND, ExportFields.storeServer(form), written.file());
        return written;
    }
}
