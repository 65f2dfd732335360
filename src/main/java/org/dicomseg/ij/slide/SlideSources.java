package org.dicomseg.ij.slide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import ij.ImagePlus;

import org.dicomseg.dicom.DataSetWalker;
import org.dicomseg.source.TotalPixelMatrix;
import org.dicomseg.source.slide.SlideLevel;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.task.InputException;
import org.dicomseg.source.SourceFile;
import org.dicomseg.source.web.RemoteSeries;
import org.dicomseg.source.web.RemoteSlide;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;
import org.dicomseg.web.ServerSettings;

/**
 * A slide named as the source of an export outside the dialogs ({@code dicomseg export --labels
 * F.tif --source SLIDE}): tells whether a folder or file holds a VL Whole Slide Microscopy series
 * (PS3.3 A.32.8; by the File Meta Information of its first DICOM file, so a CT folder costs a few
 * hundred bytes) and where on it the image lies: the level and region its
 * {@link SlidePlacement} properties record (a TIFF saved from an image of Open DICOM Slide... or
 * imported from a tiled SEG), else the pyramid level whose Total Pixel Matrix is the image's size
 * (the whole level). The image's slices are the level's focal planes, in increasing Z.
 */
public final class SlideSources {
    private SlideSources() { }

    /** True when {@code source} (a folder or file) holds a slide image: its first DICOM file is one. */
    public static boolean isSlide(String source) throws IOException {
        if (source == null || source.isBlank() || org.dicomseg.web.DicomWebUrl.isUrl(source)) return false;
        Path p = Paths.get(source.trim());
        if (Files.isRegularFile(p)) return isSlideFile(p);
        if (!Files.isDirectory(p)) return false;
        try (Stream<Path> s = Files.list(p)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
                String c = DataSetWalker.mediaStorageSopClassUid(f);
                if (c != null && !c.isEmpty()) return TotalPixelMatrix.VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE.equals(c);
            }
        }
        return false;
    }

    /**
     * The slide a DICOMweb series (or instance) URL names, read with {@code server}'s settings by one
     * WADO-RS metadata request ({@link RemoteSeries}, kept for the session): its levels, their tiles
     * fetched only when a region is read; null when the series holds no slide image, {@code files}
     * then receiving the headers read (the sources of an export on a radiology series, read once).
     */
    public static SlideSeries remote(String url, ServerSettings server, List<SourceFile> files) throws IOException {
        DicomWebUrl u;
        try {
            u = DicomWebUrl.parse(url.trim());
        } catch (IllegalArgumentException e) {
            throw new InputException("Source " + e.getMessage());
        }
        DicomWebClient client = server.client(u);
        List<SourceFile> read = RemoteSeries.read(client, u); // a DicomWebException as every remote source's
        SlideSeries s = RemoteSlide.of(client, read);
        if (s == null) files.addAll(read);
        return s;
    }

    private static boolean isSlideFile(Path f) {
        return TotalPixelMatrix.VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE.equals(DataSetWalker.mediaStorageSopClassUid(f));
    }

    /**
     * Where {@code imp} lies on the slide in {@code source}: its recorded level (by SOP Instance
     * UID) and region, else the whole pyramid level of its size.
     *
     * @throws InputException when the recorded level is not in {@code source}, or no level has the image's size
     */
    public static SlidePlacement placementFor(String source, ImagePlus imp) throws IOException {
        return placementFor(SlideSeries.scan(Paths.get(source.trim())), source, imp);
    }

    /**
     * {@link #placementFor(String, ImagePlus)} on the levels of {@code s} (local files, or a series
     * on a DICOMweb server, {@link #remote}), {@code source} naming it in messages.
     */
    public static SlidePlacement placementFor(SlideSeries s, String source, ImagePlus imp) throws IOException {
        List<SlideLevel> levels = s.levels();
        SlidePlacement recorded = SlidePlacement.of(imp);
        if (recorded != null && recorded.sopInstanceUid() != null) {
            for (int i = 0; i < levels.size(); i++) {
                SlideLevel l = levels.get(i);
                if (recorded.sopInstanceUid().equals(l.sopInstanceUid())) return placement(l, i, recorded.x(), recorded.y());
            }
            throw new InputException("'" + imp.getTitle() + "' was opened from slide level " + recorded.sopInstanceUid() + " ("
                    + recorded.location() + "), which is not among the levels in " + source);
        }
        StringBuilder sizes = new StringBuilder();
        for (int i = 0; i < levels.size(); i++) {
            SlideLevel l = levels.get(i);
            if (l.isPyramidLevel() && l.width() == imp.getWidth() && l.height() == imp.getHeight()) return placement(l, i, 0, 0);
            sizes.append(sizes.length() == 0 ? "" : ", ").append(l.width()).append('x').append(l.height());
        }
        throw new InputException("'" + imp.getTitle() + "' (" + imp.getWidth() + "x" + imp.getHeight() + ") is the size of no level of the"
                + " slide in " + source + " (levels " + sizes + "); export a region from Fiji (Open DICOM Slide...), which records its place");
    }

    /**
     * The finest pyramid level of the slide in {@code source} (the largest VOLUME image, level 1),
     * where ROIs exported from the command line land: a RoiSet records no image size, so its
     * coordinates are taken as the finest level's pixels, and its slices as that level's focal planes.
     *
     * @throws InputException when the series has no pyramid level
     */
    public static SlideLevel finestLevel(String source) throws IOException {
        return finestLevel(SlideSeries.scan(Paths.get(source.trim())), source);
    }

    /** {@link #finestLevel(String)} of {@code s}, {@code source} naming it in messages. */
    public static SlideLevel finestLevel(SlideSeries s, String source) throws InputException {
        SlideLevel fine = s.levels().isEmpty() ? null : s.level(0);
        if (fine == null || !fine.isPyramidLevel()) throw new InputException("The slide in " + source + " has no pyramid level (VOLUME image)");
        return fine;
    }

    /** The whole of {@code finest} ({@link #finestLevel}) as a placement: level 1, offset 0, its focal planes. */
    public static SlidePlacement wholeLevel(SlideLevel finest) {
        return placement(finest, 0, 0, 0);
    }

    private static SlidePlacement placement(SlideLevel l, int index, long x, long y) {
        if (l.file() == null) {
            // a level on a server: the export lands on the remote instance (its metadata is the source)
            return SlidePlacement.remote(l.header().location(), index + 1, x, y, l.matrix().rowSpacing(), l.matrix().columnSpacing(),
                    l.frameOfReferenceUid(), l.sopInstanceUid()).withFocalPlanes(l.matrix().focalPlanes());
        }
        return new SlidePlacement(l.file().toAbsolutePath(), index + 1, x, y, l.matrix().rowSpacing(), l.matrix().columnSpacing(),
                l.frameOfReferenceUid(), l.sopInstanceUid()).withFocalPlanes(l.matrix().focalPlanes());
    }
}
