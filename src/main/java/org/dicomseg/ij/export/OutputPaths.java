package org.dicomseg.ij.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import ij.ImagePlus;
import ij.io.FileInfo;
import org.dicomseg.ij.source.SourceSeries;

/** Suggests where an export is written when the user does not say: next to the image, never inside the source series folder. */
public final class OutputPaths {
    private OutputPaths() { }

    /**
     * {@code <folder>/<image title without extension>-seg.dcm}; the folder is the image's own folder
     * unless that is the source folder (then its parent), else the source folder's parent, else the
     * user's home folder.
     */
    public static String suggest(ImagePlus imp, SourceSeries sources, String fallbackName) {
        return suggest(imp, sources, fallbackName, "-seg.dcm");
    }

    /** As {@link #suggest(ImagePlus, SourceSeries, String)} with another file name ending, e.g. "-rois-seg.dcm". */
    public static String suggest(ImagePlus imp, SourceSeries sources, String fallbackName, String suffix) {
        String title = imp != null ? imp.getTitle() : fallbackName;
        String base = title == null || title.isBlank() ? "segmentation" : title.trim();
        int dot = base.lastIndexOf('.');
        if (dot > 0) base = base.substring(0, dot);
        base = base.replaceAll("[\\\\/:*?\"<>|\\s]+", "_");
        Path sourceFolder = sources != null && !sources.files().isEmpty() ? sources.files().get(0).toAbsolutePath().getParent() : null;
        Path folder = null;
        FileInfo fi = imp != null ? imp.getOriginalFileInfo() : null;
        if (fi != null && fi.directory != null && !fi.directory.isEmpty() && Files.isDirectory(Paths.get(fi.directory))) {
            folder = Paths.get(fi.directory).toAbsolutePath().normalize();
        }
        if (folder != null && sourceFolder != null && folder.equals(sourceFolder.normalize()) && sources.files().size() > 1) {
            folder = folder.getParent();
        }
        if (folder == null && sourceFolder != null) folder = sourceFolder.getParent() != null ? sourceFolder.getParent() : sourceFolder;
        if (folder == null) folder = Paths.get(System.getProperty("user.home"));
        return folder.resolve(base + suffix).toString();
    }
}
