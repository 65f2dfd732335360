package org.dicomseg.ij.ui;

import java.nio.file.Path;
import java.util.Map;

import ij.IJ;

import org.dicomseg.ij.IjProgress;
import org.dicomseg.ij.open.VolumeImport;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.options.OptionValues;

/**
 * Import SEG... with {@code volume=[Y.nii.gz]}: the SEG written as a NIfTI/NRRD volume plus
 * {@code Y.json} ({@link VolumeImport}) instead of opened, the same core as
 * {@code dicomseg import SEG --out Y.nii.gz}: {@code output=[label image]} gives a label map (overlaps
 * refused unless {@code last_wins}), any other output one component per segment.
 */
public final class VolumeImportSupport {
    private VolumeImportSupport() { }

    /** Writes {@code seg} to {@code volume} with the import dialog's values; logs what was written. */
    public static VolumeImport.Result write(String title, Path seg, Path volume, Map<String, String> values) throws Exception {
        ImportOptions o = ImportOptions.of(OptionValues.of(values));
        VolumeImport.Layout layout = o.output() == ImportOptions.Output.LABEL_IMAGE ? VolumeImport.Layout.LABELS : VolumeImport.Layout.SEGMENTS;
        boolean lastWins = Boolean.parseBoolean(values.getOrDefault(MacroKeys.LAST_WINS, "false"));
        IjProgress progress = IjProgress.start("Writing " + volume.getFileName());
        VolumeImport.Result r;
        try {
            r = VolumeImport.write(seg, volume, layout, o.segments(), lastWins, false, progress);
        } finally {
            progress.done();
        }
        IJ.log(title + ": wrote " + r.volume() + " (" + r.summary() + ") and " + r.metadata().getFileName());
        for (String note : r.notes()) IJ.log(title + ": " + note);
        return r;
    }
}
