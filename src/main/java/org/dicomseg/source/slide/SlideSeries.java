package org.dicomseg.source.slide;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.dicomseg.task.InputException;

/**
 * The instances of one VL Whole Slide Microscopy series (PS3.3 A.32.8; one pyramid level per
 * instance, C.8.12.4.1.1), found from a folder (not recursive; every slide instance of the first
 * series found, in file-name order) or a file (the instances of its series in its folder). Levels
 * are listed largest first; label and overview images come after the pyramid.
 */
public final class SlideSeries {
    private final List<SlideLevel> levels;

    private SlideSeries(List<SlideLevel> levels) { this.levels = List.copyOf(levels); }

    /** Scans a folder or file; IOException when it holds no slide image. */
    public static SlideSeries scan(Path fileOrFolder) throws IOException {
        Objects.requireNonNull(fileOrFolder, "slide file or folder");
        String series = null;
        List<Path> candidates = new ArrayList<>();
        if (Files.isRegularFile(fileOrFolder)) {
            SlideLevel first = SlideLevel.read(fileOrFolder);
            series = first.seriesInstanceUid();
            Path parent = fileOrFolder.toAbsolutePath().getParent();
            if (parent == null) return new SlideSeries(List.of(first));
            candidates.addAll(list(parent));
        } else if (Files.isDirectory(fileOrFolder)) {
            candidates.addAll(list(fileOrFolder));
        } else {
            throw new InputException("Slide not found: " + fileOrFolder);
        }
        List<SlideLevel> levels = new ArrayList<>();
        for (Path p : candidates) {
            if (!SlideLevel.mayBeSlide(p)) continue; // not DICOM, or another SOP Class by its File Meta Information
            SlideLevel l;
            try {
                l = SlideLevel.read(p);
            } catch (IOException e) {
                continue; // not a slide image
            }
            if (series == null) series = l.seriesInstanceUid();
            if (Objects.equals(series, l.seriesInstanceUid())) levels.add(l);
        }
        if (levels.isEmpty()) throw new InputException("No VL Whole Slide Microscopy image found in " + fileOrFolder);
        levels.sort(Comparator.comparing((SlideLevel l) -> !l.isPyramidLevel()).thenComparing(l -> -l.width() * l.height()));
        return new SlideSeries(levels);
    }

    /** The series of these levels (e.g. remote ones), sorted as {@link #scan} sorts. */
    public static SlideSeries of(List<SlideLevel> levels) throws InputException {
        if (levels.isEmpty()) throw new InputException("No VL Whole Slide Microscopy image given");
        List<SlideLevel> l = new ArrayList<>(levels);
        l.sort(Comparator.comparing((SlideLevel v) -> !v.isPyramidLevel()).thenComparing(v -> -v.width() * v.height()));
        return new SlideSeries(l);
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).sorted().collect(java.util.stream.Collectors.toList());
        }
    }

    /** The levels, largest first (label/overview images last). */
    public List<SlideLevel> levels() { return levels; }

    /** Level {@code i} (0 = largest). */
    public SlideLevel level(int i) { return levels.get(i); }
}
