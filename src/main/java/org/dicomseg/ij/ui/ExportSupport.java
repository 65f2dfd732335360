package org.dicomseg.ij.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.io.FileInfo;
import ij.plugin.frame.Recorder;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dicomseg.dicom.AtomicOutput;
import org.dicomseg.ij.IjProgress;
import org.dicomseg.task.OutputException;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import org.dicomseg.ij.export.ExportPlan;
import org.dicomseg.ij.export.SegExport;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.ij.source.SourceSeries;
import org.dicomseg.options.MacroKeys;

/**
 * Steps shared by the export commands: sources, output confirmation (a dialog in the GUI, refused
 * in a macro), writing and logging to ImageJ's Log and status line.
 */
public final class ExportSupport {
    private ExportSupport() { }

    /**
     * The sources for an export: the image's own DICOM files (exact slice order) when the field
     * still shows what was detected, else the typed folder or file in spatial order.
     *
     * @param imp          the open image, or null
     * @param auto         the sources detected from the image before the dialog, or null
     * @param field        the source field's value
     * @param detected     what the field showed by default (detected from the image), or ""
     * @param width        plane width the sources must have (for choosing among series)
     * @param height       plane height
     * @param planes       number of planes
     */
    public static SourceSeries sources(ImagePlus imp, SourceSeries auto, String field, String detected, int width, int height,
            int planes) throws IOException {
        if (imp != null && (field.isEmpty() || field.equals(detected))) {
            SourceSeries s = auto != null ? auto : SourceLocator.ofImage(imp);
            if (s != null) return s;
        }
        if (field.isEmpty()) {
            throw new IllegalArgumentException((imp != null ? "'" + imp.getTitle() + "' was not read from DICOM files, so" : "Without an image")
                    + " the source images must be given: " + MacroKeys.SOURCE + "=[folder or file of the DICOM series"
                    + " the segmentation belongs to]");
        }
        if (imp == null) return fromField(field, width, height, planes);
        if (org.dicomseg.web.DicomWebUrl.isUrl(field)) {
            return SourceLocator.fromPath(imp, field, org.dicomseg.ij.ServerRegistry.settingsFor(field));
        }
        return SourceLocator.fromPath(imp, field);
    }

    /**
     * The source series named by a source field without an image: a folder or file, or a DICOMweb
     * series URL read with the credentials Servers... keeps for its server.
     */
    public static SourceSeries fromField(String field, int width, int height, int planes) throws IOException {
        if (org.dicomseg.web.DicomWebUrl.isUrl(field.trim())) {
            return SourceLocator.fromPath(field, width, height, planes, org.dicomseg.ij.ServerRegistry.settingsFor(field.trim()));
        }
        return SourceLocator.fromPath(field, width, height, planes);
    }

    /** One line for the dialog saying whether the image's DICOM source images were found. */
    public static String sourceNote(SourceSeries detected) {
        if (detected == null) return "DICOM source images: not known from the image, give their folder or a file below";
        return "DICOM source images found: " + detected.planeCount() + (detected.planeCount() == 1 ? " image" : " images")
                + " (" + detected.origin() + ")";
    }

    /**
     * The output path; refuses one that is any of {@code inputs} (described by their keys; the
     * source images are checked by the writer), asks before replacing a file in the GUI (and
     * records the answer), refuses otherwise.
     */
    public static Path output(String command, String field, SegWriteOptions[] options, Map<String, Path> inputs)
            throws OutputException {
        if (field.isEmpty()) throw new IllegalArgumentException("No output file given (" + MacroKeys.OUT + "=...)");
        Path out = Paths.get(field);
        for (Map.Entry<String, Path> in : inputs.entrySet()) AtomicOutput.checkNotAnInput(out, in.getValue(), in.getKey());
        if (Files.isDirectory(out)) throw new IllegalArgumentException("Output " + out + " is a folder; give a file name");
        if (Files.exists(out) && !options[0].overwrite()) {
            boolean macro = Macro.getOptions() != null || CommandErrors.quiet();
            if (macro) {
                throw new IllegalArgumentException("Output file " + out + " already exists; add '" + MacroKeys.OVERWRITE
                        + "' to the options to replace it");
            }
            if (!IJ.showMessageWithCancel(command, CommandErrors.wrap("Replace the existing file?\n" + out, CommandErrors.WIDTH))) return null;
            options[0] = options[0].toBuilder().overwrite(true).build();
            if (Recorder.record) Recorder.recordOption(MacroKeys.OVERWRITE);
        }
        return out;
    }

    /**
     * Stores the written {@code file} to the server named {@code server} (Servers...), when not
     * null, and logs the outcome; an IOException (one line naming the server and why) when it was
     * not stored — the file stays written.
     */
    public static void store(String command, String server, Path file) throws IOException {
        if (server == null) return;
        IJ.showStatus(command + ": storing " + file.getFileName() + " to " + server);
        for (String line : org.dicomseg.ij.ServerRegistry.store(server, file, null)) IJ.log(command + ": " + line);
        IJ.showStatus(command + ": stored " + file.getFileName() + " to " + server);
    }

    /**
     * The inputs of an export other than its source images, for {@link #output}: the file the image
     * was opened from ("the image being exported"), and the typed paths of the other fields (empty
     * ones are left out). {@code fields} alternates a description and a field's value.
     */
    public static Map<String, Path> inputs(ImagePlus imp, String... fields) {
        Map<String, Path> m = new LinkedHashMap<>();
        FileInfo fi = imp != null ? imp.getOriginalFileInfo() : null;
        if (fi != null && fi.directory != null && fi.fileName != null && !fi.fileName.isEmpty()) {
            m.put("the file of the image being exported", Paths.get(fi.directory, fi.fileName));
        }
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (fields[i + 1] != null && !fields[i + 1].isBlank()) m.put(fields[i], Paths.get(fields[i + 1].trim()));
        }
        return m;
    }

    /** Writes and reports; returns the result. Ends {@code progress} (the command's) when it returns or fails. */
    public static SegWriteResult write(String command, ExportPlan plan, SourceSeries sources, SegWriteOptions options, Path out,
            IjProgress progress) throws IOException {
        for (String note : sources.notes()) IJ.log(command + ": " + note);
        for (String note : plan.notes()) IJ.log(command + ": " + note);
        IJ.showStatus(command + ": writing " + out.getFileName() + " (Esc cancels)");
        SegWriteResult r;
        try {
            r = SegExport.write(plan, sources, options, out);
        } finally {
            if (progress != null) progress.done();
        }
        IJ.log(command + ": wrote " + r.file() + " (" + options.segmentationType() + ", " + plan.segments().size()
                + (plan.segments().size() == 1 ? " segment, " : " segments, ") + r.numberOfFrames()
                + (r.numberOfFrames() == 1 ? " frame" : " frames") + (r.segmentsOverlap() ? ", segments overlap" : "")
                + "; sources: " + sources.origin() + ")");
        IJ.showStatus(command + ": wrote " + out.getFileName());
        return r;
    }
}
