package org.dicomseg.ij.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;

import org.dicomseg.source.SourceFile;
import org.dicomseg.source.SourceHeaderCache;
import org.dicomseg.source.web.RemoteSeries;
import org.dicomseg.task.InputException;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.DicomWebUrl;
import org.dicomseg.web.ServerSettings;
import org.dicomseg.task.Messages;

/**
 * Finds the source DICOM images of an export. For an open image it looks, in this order, at the
 * DICOM SEG importer's property {@value #SOURCE_PROPERTY} (a folder or file), at the slice labels of
 * an image sequence read by ImageJ's DICOM reader (first line = file name, in the image's folder:
 * the exact file of every slice), and at the file the image was opened from
 * ({@code getOriginalFileInfo()}, plus the rest of its series in the same folder when the image has
 * more slices than the file has frames). A path typed by the user ({@code source=}) may name a
 * folder or a file; a folder with several series is narrowed to the one that fits the image.
 */
public final class SourceLocator {
    /** ImagePlus property naming the DICOM folder or file an image belongs to (set by the importer; honoured here). */
    public static final String SOURCE_PROPERTY = "DICOMSEG.source";

    private SourceLocator() { }

    /**
     * The DICOM sources of {@code imp} in slice order, or null when nothing shows that the image
     * came from DICOM.
     */
    public static SourceSeries ofImage(ImagePlus imp) throws IOException {
        int planes = planesOf(imp);
        String prop = imp.getProp(SOURCE_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            List<String> recorded = PlaneSources.complete(imp, planes);
            if (recorded != null) return byInstances(Paths.get(prop.trim()), recorded, "'" + imp.getTitle() + "'");
            return fromPath(prop.trim(), imp.getWidth(), imp.getHeight(), planes);
        }
        SourceSeries bySlice = fromSliceLabels(imp);
        if (bySlice != null) return bySlice;
        FileInfo fi = imp.getOriginalFileInfo();
        if (fi != null && fi.directory != null && fi.fileName != null && !fi.fileName.isEmpty()) {
            Path f = Paths.get(fi.directory, fi.fileName);
            if (SourceHeader.isDicomFile(f)) return fromPath(f.toString(), imp.getWidth(), imp.getHeight(), planes);
        }
        return null;
    }

    /**
     * The sources of an image whose planes' SOP Instance UIDs are recorded ({@link PlaneSources}),
     * found in {@code where} (a folder, searched {@value SegSourceSearch#MAX_DEPTH} levels deep, or
     * a file in it): plane i gets the file with the i-th UID, whatever the files' number or order.
     * One multi-frame source is recorded as its UID once per frame.
     *
     * @param what the image, for messages
     * @throws InputException when a recorded image is not there
     */
    public static SourceSeries byInstances(Path where, List<String> uids, String what) throws IOException {
        Path folder = Files.isRegularFile(where) ? where.toAbsolutePath().getParent() : where;
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InputException("The source folder recorded on " + what + " does not exist: " + where);
        }
        java.util.Set<String> wanted = new java.util.HashSet<>(uids);
        Map<String, SourceHeader> found = new java.util.HashMap<>();
        List<Path> files = SegSourceSearch.filesUnder(folder, null);
        if (files == null) throw new InputException("The source folder recorded on " + what + " cannot be read: " + folder);
        for (Path f : files) {
            if (found.size() == wanted.size()) break;
            if (!SourceHeader.isDicomFile(f) || SourceHeader.isNonImage(f)) continue;
            SourceHeader h;
            try {
                h = SourceHeader.read(f);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            if (!h.isSegmentation() && wanted.contains(h.sopInstanceUid())) found.putIfAbsent(h.sopInstanceUid(), h);
        }
        List<String> missing = new ArrayList<>();
        for (String u : wanted) if (!found.containsKey(u)) missing.add(u);
        if (!missing.isEmpty()) {
            throw new InputException(missing.size() + " of the " + wanted.size() + " source images recorded on " + what
                    + " are not in " + folder + " (e.g. SOP Instance UID " + missing.get(0)
                    + "); give the folder of the series with " + org.dicomseg.options.MacroKeys.SOURCE + "=");
        }
        String origin = "the images recorded on " + what + ", in " + folder;
        if (wanted.size() == 1 && uids.size() > 1) {
            SourceHeader h = found.get(uids.get(0));
            if (h.frames() != uids.size()) {
                throw new InputException(what + " has " + uids.size() + " planes recorded on " + h.file().getFileName()
                        + ", which has " + h.frames() + " frames");
            }
            return SourceSeries.inGivenOrder(List.of(h), origin);
        }
        List<SourceHeader> ordered = new ArrayList<>();
        for (String u : uids) ordered.add(found.get(u));
        return SourceSeries.inGivenOrder(ordered, origin);
    }

    /** A short text for dialogs: the folder or file the sources were found in, or "" when unknown. */
    public static String defaultSourceText(ImagePlus imp) {
        return textOf(detect(imp));
    }

    /** {@link #ofImage}, or null when nothing is found or the files cannot be read (no exception). */
    public static SourceSeries detect(ImagePlus imp) {
        try {
            return imp == null ? null : ofImage(imp);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The folder (several files) or file (one) of {@code s}, or "" for null. */
    public static String textOf(SourceSeries s) {
        if (s == null) return "";
        if (s.isRemote()) {
            DicomWebUrl u = DicomWebUrl.parse(s.headers().get(0).location());
            return DicomWebUrl.of(u.base(), u.study(), u.series(), null).toString();
        }
        List<Path> f = s.files();
        if (f.size() == 1) return f.get(0).toString();
        Path parent = f.get(0).getParent();
        return parent == null ? f.get(0).toString() : parent.toString();
    }

    /**
     * Exported planes of an image: its z slices times its time frames (planes time point by time
     * point: plane {@code t * slices + z}; time frames alone when there is one slice).
     */
    public static int planesOf(ImagePlus imp) {
        return imp.getNSlices() * imp.getNFrames();
    }

    private static SourceSeries fromSliceLabels(ImagePlus imp) throws IOException {
        ImageStack stack = imp.getStack();
        FileInfo fi = imp.getOriginalFileInfo();
        String dir = fi != null ? fi.directory : null;
        int planes = planesOf(imp);
        if (dir == null || dir.isEmpty() || planes < 2 && imp.getStackSize() < 2) return null;
        int slices = imp.getNSlices();
        List<SourceHeader> headers = new ArrayList<>();
        for (int p = 0; p < planes; p++) {
            int index = imp.getStackIndex(1, p % slices + 1, p / slices + 1);
            String label = stack.getSliceLabel(index);
            if (label == null || label.isBlank()) return null;
            String name = label.split("\r?\n", 2)[0].trim();
            Path f = Paths.get(dir, name);
            if (name.isEmpty() || !SourceHeader.isDicomFile(f)) return null;
            headers.add(SourceHeader.read(f));
        }
        return SourceSeries.inGivenOrder(headers, "the files the image '" + imp.getTitle() + "' was read from, in " + dir);
    }

    /**
     * Sources typed by the user for the open image {@code imp}: when the image records the SOP
     * Instance UID of each plane ({@link PlaneSources}, an imported SEG), the files with those UIDs
     * in {@code text} (a folder or a file in it), plane by plane; else {@link #fromPath}.
     */
    public static SourceSeries fromPath(ImagePlus imp, String text) throws IOException {
        return fromPath(imp, text, ServerSettings.builder().credentials(Credentials.resolve(null, null)).build());
    }

    /**
     * {@link #fromPath(ImagePlus, String)}, where {@code text} may also be a DICOMweb series URL
     * (read with {@code server}'s settings; its planes are then in spatial order, as
     * {@link #fromPath(String, int, int, int, ServerSettings)} gives them).
     */
    public static SourceSeries fromPath(ImagePlus imp, String text, ServerSettings server) throws IOException {
        int planes = planesOf(imp);
        List<String> recorded = PlaneSources.complete(imp, planes);
        if (recorded != null && text != null && !text.isBlank() && !DicomWebUrl.isUrl(text)) {
            return byInstances(Paths.get(text.trim()), recorded, "'" + imp.getTitle() + "'");
        }
        return fromPath(text, imp.getWidth(), imp.getHeight(), planes, server);
    }

    /**
     * Sources from a folder or file typed by the user, for an image of {@code width × height} and
     * {@code planes} planes. A folder is scanned (not recursively) for DICOM images, segmentations
     * skipped; with several series, the one whose size and count fit is chosen, else the message
     * lists them. A single-frame file given for a multi-slice image stands for its series in the
     * same folder. The result is in spatial order.
     */
    public static SourceSeries fromPath(String text, int width, int height, int planes) throws IOException {
        return fromPath(text, width, height, planes, ServerSettings.builder()
                .credentials(Credentials.resolve(null, null)).build());
    }

    /**
     * {@link #fromPath(String, int, int, int)}, where {@code text} may also be a DICOMweb series
     * URL ({@code BASE/studies/{study}/series/{series}}): then only the series' WADO-RS metadata is
     * read, with {@code server}'s credentials and timeout, and the result is in spatial order.
     */
    public static SourceSeries fromPath(String text, int width, int height, int planes, ServerSettings server) throws IOException {
        if (text == null || text.isBlank()) throw new InputException("No source DICOM folder or file was given");
        if (DicomWebUrl.isUrl(text)) {
            DicomWebUrl url;
            try {
                url = DicomWebUrl.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InputException("Source " + e.getMessage());
            }
            return ofRemote(url, RemoteSeries.read(server.client(url), url));
        }
        Path p = Paths.get(text.trim());
        if (Files.isDirectory(p)) {
            Scan scan = scanFolder(p);
            return chooseSeries(scan.headers, scan.skipped, "folder " + p, width, height, planes);
        }
        if (!Files.isRegularFile(p)) throw new InputException("Source not found: " + p);
        SourceHeader h = SourceHeader.read(p);
        if (h.isSegmentation()) throw new InputException(p + " is a segmentation, not a source image");
        if (h.frames() > 1 || planes <= 1 || p.getParent() == null) {
            return SourceSeries.spatiallyOrdered(List.of(h), "file " + p);
        }
        List<SourceHeader> same = new ArrayList<>();
        Scan scan = scanFolder(p.getParent());
        for (SourceHeader o : scan.headers) {
            if (o.seriesInstanceUid() != null && o.seriesInstanceUid().equals(h.seriesInstanceUid())) same.add(o);
        }
        if (same.isEmpty()) same.add(h);
        return SourceSeries.spatiallyOrdered(same, scan.skipped, "the series of " + p);
    }

    /**
     * The sources {@link RemoteSeries#read} gave for {@code url} (a series or an instance), in
     * spatial order, as {@link #fromPath(String, int, int, int, ServerSettings)} returns them for a URL.
     */
    public static SourceSeries ofRemote(DicomWebUrl url, List<SourceFile> files) throws IOException {
        List<SourceHeader> headers = new ArrayList<>();
        for (SourceFile f : files) headers.add(SourceHeader.of(f));
        return headers.size() > 1 ? SourceSeries.spatiallyOrdered(headers, "DICOMweb " + url.describe() + " at " + url.base())
                : SourceSeries.spatiallyOrdered(headers, "DICOMweb instance " + headers.get(0).location());
    }

    /**
     * DICOM images (not segmentations) directly inside {@code folder}, in file-name order, and the
     * files that were skipped because they are not DICOM or cannot be read, each named with why
     * (DICOMDIR and segmentations are not images of the series and are not counted as skipped).
     */
    static Scan scanFolder(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).sorted().collect(java.util.stream.Collectors.toList());
        }
        List<SourceHeader> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        SourceHeaderCache.shared().probeAll(files); // headers read on all cores (or found in the session's cache) for the loop below
        for (Path f : files) {
            if (f.getFileName().toString().equalsIgnoreCase("DICOMDIR")) continue;
            if (!SourceHeader.isDicomFile(f)) {
                skipped.add(f.getFileName() + " (not a DICOM file)");
                continue;
            }
            SourceHeader h;
            try {
                h = SourceHeader.read(f);
            } catch (IOException | RuntimeException e) {
                skipped.add(f.getFileName() + " (cannot be read: " + Messages.oneLine(e.getMessage()) + ")");
                continue;
            }
            if (!h.isSegmentation()) out.add(h);
        }
        if (out.isEmpty()) {
            throw new InputException("No DICOM images in folder " + folder + (skipped.isEmpty() ? "" : "; skipped " + SourceSeries.list(skipped)));
        }
        return new Scan(out, skipped);
    }

    /** What {@link #scanFolder} found: the images and the skipped files ("name (why)"). */
    static final class Scan {
        final List<SourceHeader> headers;
        final List<String> skipped;

        Scan(List<SourceHeader> headers, List<String> skipped) {
            this.headers = headers;
            this.skipped = skipped;
        }
    }

    private static SourceSeries chooseSeries(List<SourceHeader> all, List<String> skipped, String origin, int width, int height,
            int planes) {
        Map<String, List<SourceHeader>> bySeries = new LinkedHashMap<>();
        for (SourceHeader h : all) {
            String key = h.seriesInstanceUid() != null ? h.seriesInstanceUid() : "?";
            if (h.frames() > 1) key = key + "#" + h.file();
            bySeries.computeIfAbsent(key, k -> new ArrayList<>()).add(h);
        }
        if (bySeries.size() == 1) return SourceSeries.spatiallyOrdered(all, skipped, origin);
        List<List<SourceHeader>> fitting = new ArrayList<>();
        StringBuilder list = new StringBuilder();
        for (List<SourceHeader> s : bySeries.values()) {
            SourceHeader f = s.get(0);
            int n = s.size() == 1 ? f.frames() : s.size();
            if (f.columns() == width && f.rows() == height && n == planes) fitting.add(s);
            list.append("\n  ").append(f.seriesDescription() != null ? "'" + f.seriesDescription() + "' " : "")
                    .append(n).append(n == 1 ? " image " : " images ").append(f.columns()).append("x").append(f.rows())
                    .append(" (e.g. ").append(f.file().getFileName()).append(")");
        }
        if (fitting.size() == 1) return SourceSeries.spatiallyOrdered(fitting.get(0), skipped, origin);
        throw new IllegalArgumentException("The " + origin + " holds " + bySeries.size() + " series and "
                + (fitting.isEmpty() ? "none" : fitting.size()) + " of them fit" + (fitting.isEmpty() ? "s" : "")
                + " the image (" + width + "x" + height + ", " + planes + (planes == 1 ? " slice" : " slices")
                + "); name one file of the right series as source:" + list);
    }
}
