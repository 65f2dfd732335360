package org.dicomseg.ij.open;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import ij.ImagePlus;
import ij.gui.Roi;
import org.dicomseg.ij.source.DicomHeaderInfo;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.task.Progress;

/**
 * Carries out an import on a decoded {@link ImportedSegmentation}: selects the segments, makes the requested
 * output (hyperstack, label image or ROIs, written to a RoiSet.zip when asked) and optionally opens
 * the source images. Shows nothing: the command decides what to display, so the same code serves
 * the GUI, macros, tests and the CLI.
 */
public final class SegImporter {
    /** Image property of an imported tiled SEG: the region {@code x,y,width,height} of the Total Pixel Matrix it shows. */
    public static final String REGION_PROPERTY = "DICOMSEG.import.region";
    /** Image property of an imported tiled SEG: the downsampling factor (1 = full resolution). */
    public static final String DOWNSAMPLE_PROPERTY = "DICOMSEG.import.downsample";
    private final ImportOptions options;
    private final Progress progress;
    private boolean writeOnly;

    /**
     * @param options  what to make
     * @param progress reports each output plane; a cancel (Esc) stops the import with a
     *                 {@link org.dicomseg.task.CanceledException} saying "import canceled; nothing was opened"
     */
    public SegImporter(ImportOptions options, Progress progress) {
        this.options = options;
        this.progress = ImportCancellation.of(progress);
    }

    /**
     * The image is written to a file and dropped, never shown or edited (the command line): a
     * hyperstack's empty planes may then be one shared array ({@link HyperstackBuilder#shareEmptyPlanes}).
     */
    public SegImporter writeOnly(boolean b) {
        this.writeOnly = b;
        return this;
    }

    /** What an import produced; fields not asked for are null/empty. */
    public static final class Result {
        private ImagePlus image;
        private List<Roi> rois = Collections.emptyList();
        private Path roiZip;
        private ImagePlus sourceImage;
        private final List<String> notes = new ArrayList<>();

        /** The hyperstack or label image, or null for ROI outputs. */
        public ImagePlus image() { return image; }
        /** The ROIs (ROI outputs), else empty. */
        public List<Roi> rois() { return rois; }
        /** The RoiSet.zip written, or null. */
        public Path roiZip() { return roiZip; }
        /** The source images as a stack, or null when not asked for or not found. */
        public ImagePlus sourceImage() { return sourceImage; }
        /** Things the user should know (e.g. source images not found); one line each. */
        public List<String> notes() { return notes; }
    }

    /**
     * Imports {@code full} (all segments of the file, as read) according to the options.
     *
     * @param segPath the SEG file (for default output names and source search), or null
     * @param title   title of the image to create
     */
    public Result run(ImportedSegmentation full, Path segPath, String title) throws IOException {
        ImportedSegmentation v = full.select(full.segments(options.segments()));
        Result r = new Result();
        switch (options.output()) {
            case HYPERSTACK:
                // The volume is read for this image only: its planes become the stack's pixels.
                r.image = new HyperstackBuilder().fractionalAsStoredValues(options.fractionalAsStoredValues())
                        .adoptPlanes(true).shareEmptyPlanes(writeOnly).progress(progress).build(v, title);
                break;
            case LABEL_IMAGE:
                r.image = new LabelImageBuilder().lastWins(options.lastWins()).progress(progress).build(v, title);
                break;
            case ROI_MANAGER:
                r.rois = new RoiTracer().progress(progress).trace(v);
                break;
            case ROI_SET_ZIP:
                r.rois = new RoiTracer().progress(progress).trace(v);
                if (segPath == null && options.roiZip() == null) {
                    throw new IllegalArgumentException("Say where to write the RoiSet.zip");
                }
                r.roiZip = segPath == null ? options.roiZip() : options.roiZipFor(segPath);
                RoiSetWriter.write(r.rois, r.roiZip);
                break;
            default:
                throw new IllegalStateException("Unknown output " + options.output());
        }
        if (options.output() != ImportOptions.Output.HYPERSTACK && options.output() != ImportOptions.Output.LABEL_IMAGE
                && r.rois.isEmpty()) {
            r.notes.add("The selected segments are empty: no ROIs were made.");
        }
        r.notes.addAll(v.notes());
        Path sourceFolder = v.sourceLocation();
        if (options.openSource()) {
            Path opened = openSource(v, segPath, title, r);
            if (sourceFolder == null) sourceFolder = opened;
        }
        if (v.tiledPlan() != null) {
            r.notes.add("Tiled SEG: " + v.tiledPlan().reason() + ".");
            if (r.image != null) {
                r.image.setCalibration(SegCalibration.ofTiled(v.geometry(), v.tiledPlan()));
                TiledImportPlan p = v.tiledPlan();
                r.image.setProp(REGION_PROPERTY, p.x() + "," + p.y() + "," + p.width() + "," + p.height());
                r.image.setProp(DOWNSAMPLE_PROPERTY, Integer.toString(p.factor()));
                // On the slide's pixel grid: exporting the (edited) import writes back to the same place.
                if (v.slidePlacement() != null) v.slidePlacement().applyTo(r.image);
            }
        }
        ImportedImageProperties.apply(r.image, v, options.output(), sourceFolder);
        ImportedImageProperties.apply(r.sourceImage, v, null, sourceFolder);
        return r;
    }

    /** Opens the source series into {@code r}; returns the folder of its files, or null. */
    private Path openSource(ImportedSegmentation v, Path segPath, String title, Result r) throws IOException {
        if (v.sourceFiles().size() == v.depth()) {
            // the planes are the source series': open exactly its files, in plane order
            r.sourceImage = SourceStackOpener.open(new SourceStackOpener.Match(v.sourceFiles().toArray(new Path[0])), v,
                    title + " source", progress);
            return v.sourceLocation();
        }
        Path located = v.sourceLocation() == null ? null
                : java.nio.file.Files.isDirectory(v.sourceLocation()) ? v.sourceLocation() : v.sourceLocation().getParent();
        List<Path> folders = located != null ? List.of(located) : options.sourceFolder() != null ? List.of(options.sourceFolder())
                : segPath != null ? SourceStackOpener.defaultFolders(segPath) : List.of();
        if (folders.isEmpty()) {
            r.notes.add("No folder to search for source images.");
            return null;
        }
        List<DicomHeaderInfo> found = SourceStackOpener.scan(folders, segPath, progress);
        SourceStackOpener.Match m = SourceStackOpener.match(v, found);
        if (!m.complete()) {
            int matched = m.planeCount() - m.missingPlanes().size();
            r.notes.add("Source images not opened: " + matched + " of " + m.planeCount()
                    + " planes matched a DICOM file in " + folders.get(0)
                    + (folders.size() > 1 ? " and other folders" : "")
                    + " (set the source folder to where the referenced series is).");
            return null;
        }
        r.sourceImage = SourceStackOpener.open(m, v, title + " source", progress);
        return m.file(0).toAbsolutePath().getParent();
    }
}
