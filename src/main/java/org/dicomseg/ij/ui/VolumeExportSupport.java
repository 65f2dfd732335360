package org.dicomseg.ij.ui;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import ij.IJ;

import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.dcmqi.DcmqiMetadataReader;
import org.dicomseg.ij.IjProgress;
import org.dicomseg.ij.export.ExportPlan;
import org.dicomseg.ij.export.VolumeExport;
import org.dicomseg.ij.source.SourceSeries;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.options.ExportOptions;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.options.OptionValues;
import org.dicomseg.volume.LabelVolume;
import org.dicomseg.volume.VolumeGrid;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;

/**
 * Export Label Image as SEG... for a NIfTI or NRRD file ({@code labels=[X.nii.gz]}) instead of an
 * open image: the fields ({@link MacroKeys#LABELS}, {@link MacroKeys#GEOMETRY} and those of every
 * export) and the export itself, the same core as {@code dicomseg export --labels X.nii.gz}
 * ({@link VolumeExport}).
 */
public final class VolumeExportSupport {
    private VolumeExportSupport() { }

    /** Adds the volume fields (a file to export instead of the image; where its planes lie). */
    public static CommandForm addVolumeFields(CommandForm form, String labels) {
        form.add(FormField.path(MacroKeys.LABELS, "Labels (NIfTI .nii/.nii.gz or NRRD .nrrd/.nhdr; blank = the image)", labels, 40,
                FormField.Browse.FILE));
        form.add(FormField.choice(MacroKeys.GEOMETRY, "Geometry (source = matched to the source images; file = the file's own grid)",
                ExportOptions.GEOMETRIES, ExportOptions.GEOMETRIES.get(0)));
        return form;
    }

    /** The form of a volume export when no image is open. */
    public static CommandForm form(String title) {
        CommandForm form = new CommandForm(title).helpPage(HelpPages.EXPORT_LABEL_IMAGE);
        form.add(FormField.message("A NIfTI or NRRD label map, probability map or 4-D volume of segments; its planes are matched"
                + "\nto the source images by position (whatever its axis order), or kept on its own grid."));
        addVolumeFields(form, "");
        ExportFields.add(form, "", "", SegmentationType.BINARY);
        return form;
    }

    /** Exports the volume named in the filled {@code form}; returns the result, or null when the user cancelled. */
    public static SegWriteResult export(String command, CommandForm form) throws Exception {
        Path in = Paths.get(form.string(MacroKeys.LABELS).trim());
        List<String> notes = new ArrayList<>();
        String metaField = form.string(MacroKeys.META).trim();
        DcmqiMetadata meta = VolumeExport.metadataFor(in, metaField.isEmpty() ? null : DcmqiMetadataReader.readFile(Paths.get(metaField)), notes);
        boolean own = ExportOptions.keepsFileGeometry(OptionValues.of(form.values()));
        try (LabelVolume v = LabelVolume.read(in)) {
            VolumeGrid g = v.grid();
            SourceSeries sources = ExportSupport.fromField(form.string(MacroKeys.SOURCE), g.size(0), g.size(1), g.size(2));
            IjProgress progress = IjProgress.start(null);
            VolumeExport export;
            SegWriteOptions[] options = new SegWriteOptions[1];
            try {
                export = VolumeExport.prepare(v, sources, meta, own, notes, progress);
                ExportPlan plan = export.plan();
                options[0] = ExportFields.toOptions(form, meta);
                if (plan.suggestedType() == SegmentationType.FRACTIONAL) { // float voxels are fractions
                    options[0] = options[0].toBuilder().segmentationType(plan.suggestedType()).build();
                }
            } catch (Exception | Error e) {
                progress.done();
                throw e;
            }
            Path out = ExportSupport.output(command, form.string(MacroKeys.OUT), options,
                    ExportSupport.inputs(null, "the label volume (" + MacroKeys.LABELS + "=)", in.toString(),
                            "the segment metadata (" + MacroKeys.META + "=)", metaField));
            if (out == null) {
                progress.done();
                return null;
            }
            for (String note : sources.notes()) IJ.log(command + ": " + note);
            for (String note : export.plan().notes()) IJ.log(command + ": " + note);
            SegWriteResult r;
            try {
                r = export.write(options[0], out);
            } finally {
                progress.done();
            }
            IJ.log(command + ": wrote " + r.file() + " (" + options[0].segmentationType() + ", " + export.plan().segments().size()
                    + " segment(s), " + r.numberOfFrames() + " frame(s); from " + in.getFileName() + "; sources: " + sources.origin() + ")");
            return r;
        }
    }
}
