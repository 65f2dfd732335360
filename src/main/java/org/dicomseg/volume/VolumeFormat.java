package org.dicomseg.volume;

import java.nio.file.Path;
import java.util.Locale;

/** The volume file formats, told by the file name: NIfTI ({@code .nii}, {@code .nii.gz}) and NRRD ({@code .nrrd}, {@code .nhdr}). */
public enum VolumeFormat {
    NIFTI, NRRD;

    /** The format of {@code file} by its name, or null when it is neither. */
    public static VolumeFormat of(Path file) {
        if (file == null || file.getFileName() == null) return null;
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".nii") || n.endsWith(".nii.gz")) return NIFTI;
        if (n.endsWith(".nrrd") || n.endsWith(".nhdr")) return NRRD;
        return null;
    }

    /** True when {@code file} is named as a NIfTI or NRRD file. */
    public static boolean isVolume(Path file) { return of(file) != null; }

    /**
     * The file beside a volume that holds its segment descriptions (dcmqi JSON): {@code Y.json} for
     * {@code Y.nii.gz}, {@code Y.nii}, {@code Y.nrrd} or {@code Y.nhdr}.
     */
    public static Path metadataFileOf(Path volume) {
        String n = volume.getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        for (String ext : new String[] {".nii.gz", ".nii", ".nrrd", ".nhdr"}) {
            if (lower.endsWith(ext)) return volume.resolveSibling(n.substring(0, n.length() - ext.length()) + ".json");
        }
        return volume.resolveSibling(n + ".json");
    }
}
