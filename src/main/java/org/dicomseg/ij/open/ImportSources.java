package org.dicomseg.ij.open;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import ij.ImagePlus;

import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.ij.source.SegSourceSearch;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.ReferencedSeries;
import org.dicomseg.read.SegmentationMetadata;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.read.SourceImageReference;
import org.dicomseg.source.SourceHeaderCache;
import org.dicomseg.task.InputException;
import org.dicomseg.task.Progress;

/**
 * Reads a SEG for an import on the full grid of its source series: the sources are looked for
 * ({@link SegSourceSearch}: where the user said, in an open image, next to the SEG) and, when they
 * are found, the import has exactly their planes, in their order, empty ones zero
 * ({@link SourceGrid}); when not, the SEG's own planes from its first to its last frame, gaps of a
 * regular spacing filled with empty planes (as highdicom's {@code get_volume}). Either way the
 * notes of the result say what was done. Tiled (slide) SEGs are read as before.
 */
public final class ImportSources {
    private ImportSources() { }

    /**
     * Reads {@code r} as {@code options} ask, on its source grid when found.
     *
     * @param seg        the SEG file (its folder and neighbours are searched), or null
     * @param openImages images open in ImageJ that may be the source (may be empty)
     * @param slide      the open slide image's placement (tiled SEGs), or null
     * @throws InputException when the source given in the options does not hold the referenced images
     */
    public static ImportedSegmentation read(SegmentationReader r, ImportOptions options, Path seg, List<ImagePlus> openImages,
            SlidePlacement slide, int slideWidth, int slideHeight, Progress progress) throws IOException {
        SegmentationMetadata m = r.metadata();
        if (m.isTiled()) return ImportReader.read(r, options, slide, slideWidth, slideHeight, null, progress);
        Set<String> instances = new LinkedHashSet<>();
        Set<String> series = new LinkedHashSet<>();
        for (ReferencedSeries s : m.referencedSeries()) {
            boolean images = false;
            for (SourceImageReference i : s.instances()) {
                // the references of an edited SEG also name its predecessor, a segmentation, not a source
                if (SourceHeaderCache.isNonImageClass(i.sopClassUid())) continue;
                instances.add(i.sopInstanceUid());
                images = true;
            }
            if (images && s.seriesInstanceUid() != null) series.add(s.seriesInstanceUid());
        }
        for (FrameInfo f : r.frames()) {
            for (SourceImageReference i : f.sources()) if (!SourceHeaderCache.isNonImageClass(i.sopClassUid())) instances.add(i.sopInstanceUid());
        }
        instances.remove(null);
        List<String> notes = new ArrayList<>();
        SegSourceSearch.Found found = null;
        if (instances.isEmpty()) {
            if (options.sourceFolder() != null) {
                throw new InputException(r.file().getFileName() + " names no source image, so its planes cannot be matched to "
                        + options.sourceFolder());
            }
            notes.add("The SEG names no source image: the planes are its own.");
        } else {
            SegSourceSearch search = new SegSourceSearch(instances, series);
            if (options.sourceFolder() != null) {
                found = search.inGiven(options.sourceFolder(), progress);
            } else {
                found = search.inOpenImages(openImages);
                if (found == null && seg != null) found = search.besideSeg(seg, progress);
            }
            if (found == null) {
                notes.add("Source images not found (searched " + String.join(", ", search.searched())
                        + "): the planes are the SEG's own, from its first to its last stored plane; name the source series ("
                        + MacroKeys.SOURCE_FOLDER + "=[folder] in Fiji, --source on the command line) for exactly its planes.");
            }
        }
        if (found != null) {
            try {
                SourceGrid grid = new SourceGrid(found.series(), found.where(), found.location());
                ImportedSegmentation v = ImportReader.read(r, options, slide, slideWidth, slideHeight, grid, progress);
                notes.add("Planes: the " + grid.planes() + " source images of " + found.where() + ", in order ("
                        + stored(v) + " with segment pixels).");
                return v.withNotes(notes);
            } catch (IllegalArgumentException e) {
                notes.add("The SEG does not lie on the source images found in " + found.where() + " (" + e.getMessage()
                        + "): the planes are the SEG's own.");
            }
        }
        return ImportReader.read(r, options, slide, slideWidth, slideHeight, null, progress).withNotes(notes);
    }

    private static String stored(ImportedSegmentation v) {
        int n = 0;
        Object[] labelMap = v.labelMap();
        for (int z = 0; z < v.depth() && labelMap != null; z++) if (labelMap[z] != null) n++;
        for (int z = 0; z < v.depth() && labelMap == null; z++) {
            boolean any = false;
            for (ImportedSegmentation.Segment s : v.segments()) {
                if (s.plane(z) != null) {
                    any = true;
                    break;
                }
            }
            if (any) n++;
        }
        return n + (n == 1 ? " plane" : " planes");
    }
}
