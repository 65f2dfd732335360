package org.dicomseg.ij.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ij.IJ;

import org.dicomseg.ij.IjProgress;
import org.dicomseg.ij.open.VolumeImport;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.options.OptionValues;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.source.SourceFrame;

/**
 * Import SEG... with {@code volume=[Y.nii.gz]}: the SEG written as a NIfTI/NRRD volume plus
 * {@code Y.json} ({@link VolumeImport}) instead of opened, the same core as
 * {@code dicomseg import SEG --out Y.nii.gz}: {@code output=[label image]} gives a label map (overlaps
 * refused unless {@code last_wins}), any other output one component per segment; with
 * {@code source_folder} (a folder or a file of the source series), on the source series' grid.
 */
public final class VolumeImportSupport {
    private VolumeImportSupport() { }

    /** Writes {@code seg} to {@code volume} with the import dialog's values; logs what was written. */
    public static VolumeImport.Result write(String title, Path seg, Path volume, Map<String, String> values) throws Exception {
        ImportOptions o = ImportOptions.of(OptionValues.of(values));
        VolumeImport.Layout layout = o.output() == ImportOptions.Output.LABEL_IMAGE ? VolumeImport.Layout.LABELS : VolumeImport.Layout.SEGMENTS;
        boolean lastWins = Boolean.parseBoolean(values.getOrDefault(MacroKeys.LAST_WINS, "false"));
        String folder = values.getOrDefault(MacroKeys.SOURCE_FOLDER, "").trim();
        List<SourceFrame> grid = null;
        if (!folder.isEmpty()) {
            try (SegmentationReader r = SegmentationReader.open(seg)) {
                int referenced = r.metadata().referencedSeries().stream().mapToInt(s -> s.instances().size()).sum();
                grid = SourceLocator.fromPath(folder, r.columns(), r.rows(), Math.max(2, referenced)).sourceImages().frames();
            }
        }
        IjProgress progress = IjProgress.start("Writing " + volume.getFileName());
        VolumeImport.Result r;
        try {
            r = VolumeImport.write(seg, volume, layout, o.segments(), lastWins, false, grid, progress);
        } finally {
            progress.done();
        }
        IJ.log(title + ": wrote " + r.volume() + " (" + r.summary() + ") and " + r.metadata().getFileName());
        for (String note : r.notes()) IJ.log(title + ": " + note);
        return r;
    }
}
