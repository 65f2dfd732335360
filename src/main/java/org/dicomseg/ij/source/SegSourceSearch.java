package org.dicomseg.ij.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ij.ImagePlus;
import ij.ImageStack;

import org.dicomseg.source.FileStamp;
import org.dicomseg.source.SourceHeaderCache;
import org.dicomseg.task.InputException;
import org.dicomseg.task.Progress;

/**
 * Finds the whole source series a SEG was made against, so that an import can be laid on the
 * source's grid (one plane per source image, in order, empty planes too). The SEG names its
 * sources by SOP Instance UID (Referenced Series Sequence, PS3.3 C.10.4; Source Image Sequence of
 * each frame, C.7.6.16.2.6); they are looked for, in this order:
 *
 * <ol>
 *   <li>where the user said ({@code source_folder=}, {@code --source}): a folder (searched
 *       {@value #MAX_DEPTH} levels deep) or one file of the series;</li>
 *   <li>in an image already open in ImageJ that was read from the series (its DICOM slice labels
 *       or "Info"), or that records the series as its planes' sources (an earlier import,
 *       {@link PlaneSources}): then the import has that image's planes in that image's order;</li>
 *   <li>in the SEG's own folder and below, then in its parent folder and below (the SEG's
 *       neighbours: a {@code seg/} folder beside a {@code ct/} folder).</li>
 * </ol>
 *
 * A place counts only when it holds every referenced instance; the series is then all images of
 * the referenced series found there (not only the referenced ones: a SEG that omits empty frames
 * references fewer), single-frame images in the order ImageJ's DICOM opener stacks them
 * ({@link SourceSeries#inImageJOrder}: by Instance Number), or the one multi-frame image.
 */
public final class SegSourceSearch {
    /** How deep below each folder to look. */
    public static final int MAX_DEPTH = 3;
    /** Stop scanning a folder tree after this many files: a folder such as "/" must not take forever. */
    public static final int MAX_FILES = 20000;

    private final Set<String> instances;
    private final Set<String> series;
    private final List<String> searched = new ArrayList<>();
    /** What the last folder searched lacked, for the message of {@link #inGiven}. */
    private String lastMissing = "";

    /**
     * @param instances SOP Instance UIDs the SEG references (at least one)
     * @param series    Series Instance UIDs of the referenced series (may be empty)
     */
    public SegSourceSearch(Set<String> instances, Set<String> series) {
        if (instances == null || instances.isEmpty()) throw new IllegalArgumentException("the SEG references no source image");
        this.instances = Collections.unmodifiableSet(new LinkedHashSet<>(instances));
        this.series = Collections.unmodifiableSet(new LinkedHashSet<>(series));
    }

    /** What was found: the series in plane order, and where. */
    public static final class Found {
        private final SourceSeries series;
        private final String where;
        private final Path location;

        Found(SourceSeries series, String where, Path location) {
            this.series = series;
            this.where = where;
            this.location = location;
        }

        /** The source images in plane order. */
        public SourceSeries series() { return series; }
        /** Where they were found, for messages ("folder /data/ct", "the open image 'CT'"). */
        public String where() { return where; }
        /** The folder (or the one file) holding them, for the image property an export reads. */
        public Path location() { return location; }
    }

    /** The places searched so far, for the message when nothing was found. */
    public List<String> searched() { return Collections.unmodifiableList(searched); }

    /**
     * Looks in {@code given} only (a folder or a file of the series).
     *
     * @throws InputException when it does not exist or does not hold every referenced image
     */
    public Found inGiven(Path given, Progress progress) throws IOException {
        Path folder = given;
        if (Files.isRegularFile(given)) {
            SourceHeader h = SourceHeader.read(given);
            if (h.isSegmentation()) throw new InputException(given + " is a segmentation, not a source image");
            if (h.frames() > 1) {
                if (!instances.contains(h.sopInstanceUid())) {
                    throw new InputException(given + " is not an image the SEG refers to (its SOP Instance UID "
                            + h.sopInstanceUid() + " is not referenced)");
                }
                return new Found(SourceSeries.spatiallyOrdered(List.of(h), "file " + given), "file " + given, given);
            }
            folder = given.toAbsolutePath().getParent();
        } else if (!Files.isDirectory(given)) {
            throw new InputException("Source " + given + " does not exist");
        }
        Found f = inFolder(folder, null, progress);
        if (f == null) {
            throw new InputException("The source images the SEG refers to are not all in " + given + " (" + missingText(folder)
                    + "); give the folder of the series the SEG was drawn on");
        }
        return f;
    }

    private String missingText(Path folder) {
        return lastMissing.isEmpty() ? "no image of the referenced series in " + folder : lastMissing;
    }

    /** Looks in the open images, in the order given; null when none of them is the series. */
    public Found inOpenImages(List<ImagePlus> open) {
        for (ImagePlus imp : open) {
            if (imp == null || !mentionsSeries(imp)) continue;
            SourceSeries s = SourceLocator.detect(imp);
            if (s == null) continue;
            Set<String> have = s.headers().stream().map(SourceHeader::sopInstanceUid).collect(Collectors.toSet());
            searched.add("the open image '" + imp.getTitle() + "'");
            if (have.containsAll(instances)) return new Found(s, "the open image '" + imp.getTitle() + "'", location(s.headers()));
        }
        return null;
    }

    /** Looks in the SEG's folder and below, then its parent folder and below; null when not found. */
    public Found besideSeg(Path seg, Progress progress) throws IOException {
        Path dir = seg.toAbsolutePath().normalize().getParent();
        if (dir == null) return null;
        Found f = inFolder(dir, null, progress);
        if (f != null) return f;
        Path parent = dir.getParent();
        return parent == null ? null : inFolder(parent, dir, progress);
    }

    /** The images of the referenced series under {@code folder} (skipping {@code skip}), or null when one is missing. */
    private Found inFolder(Path folder, Path skip, Progress progress) throws IOException {
        searched.add(folder.toString());
        // found here before in this session, and nothing it depended on changed: the same series
        SourceSearchCache.Key key = new SourceSearchCache.Key(folder, skip, instances, series);
        Found known = SourceSearchCache.shared().find(key);
        if (known != null) return known;
        Map<Path, FileStamp> folders = new LinkedHashMap<>();
        Map<Path, FileStamp> stamps = new java.util.HashMap<>();
        List<Path> files = filesUnder(folder, skip, folders, stamps);
        if (files == null) return null;
        Map<Path, FileStamp> looked = new LinkedHashMap<>();
        Map<String, SourceHeader> byUid = new LinkedHashMap<>();
        Map<String, SourceHeader> referenced = new LinkedHashMap<>();
        // Each file looked at once (on all cores), or found in the session's cache; met in file order. The
        // files directly in the folder first, then each folder in it (its whole tree) in name order; the scan
        // stops after the first of these groups that completes the referenced images, so a big folder beside
        // the series (other studies, other series) is not read.
        List<List<Path>> groups = groups(folder, files);
        int done = 0;
        for (List<Path> group : groups) {
            if (referenced.size() == instances.size()) break;
            for (Path f : group) looked.put(f, stamps.get(f));
            List<SourceHeaderCache.Probe> probes = SourceHeaderCache.shared().probeAll(group);
            for (SourceHeaderCache.Probe p : probes) {
                progress.checkCanceled();
                progress.progress(done++, files.size());
                if (p.header() == null) continue; // not DICOM, not an image, or not readable
                SourceHeader h = SourceHeader.of(p.header());
                if (h.isSegmentation() || h.sopInstanceUid() == null) continue;
                boolean isReferenced = instances.contains(h.sopInstanceUid());
                if (!isReferenced && !series.contains(h.seriesInstanceUid())) continue;
                byUid.putIfAbsent(h.sopInstanceUid(), h);
                if (isReferenced) referenced.putIfAbsent(h.sopInstanceUid(), h);
            }
        }
        if (referenced.size() < instances.size()) {
            lastMissing = referenced.isEmpty() ? "" : (instances.size() - referenced.size()) + " of the " + instances.size()
                    + " referenced images are missing";
            return null;
        }
        Set<String> seriesOfRefs = new LinkedHashSet<>();
        for (SourceHeader h : referenced.values()) seriesOfRefs.add(h.seriesInstanceUid());
        List<SourceHeader> all = new ArrayList<>();
        for (SourceHeader h : byUid.values()) if (seriesOfRefs.contains(h.seriesInstanceUid())) all.add(h);
        if (all.size() == 1 || all.stream().anyMatch(h -> h.frames() > 1)) {
            if (referenced.size() != 1) {
                throw new InputException("The SEG refers to " + referenced.size() + " images of " + folder
                        + " that are not one stack (a multi-frame image among them)");
            }
            all = new ArrayList<>(referenced.values());
        }
        Path where = location(all);
        SourceSeries s = SourceSeries.inImageJOrder(all, "folder " + where);
        Found found = new Found(s, "folder " + where, where);
        if (files.size() < MAX_FILES) {
            Set<Path> seriesFiles = new java.util.HashSet<>();
            for (SourceHeader h : byUid.values()) seriesFiles.add(h.file());
            SourceSearchCache.shared().remember(key, found, folders, looked, seriesFiles);
        }
        return found;
    }

    /**
     * The regular files under {@code folder}, {@value #MAX_DEPTH} levels deep, sorted, without
     * {@code skip}'s tree and without hidden entries (names starting with '.': {@code .git},
     * caches); at most {@value #MAX_FILES} (the walk stops there); null when the folder cannot be read.
     */
    static List<Path> filesUnder(Path folder, Path skip) {
        return filesUnder(folder, skip, new java.util.HashMap<>(), new java.util.HashMap<>());
    }

    /**
     * {@link #filesUnder(Path, Path)}, recording the {@link FileStamp} of each folder entered and of
     * each file listed (from the walk's own attributes: nothing is read twice).
     */
    static List<Path> filesUnder(Path folder, Path skip, Map<Path, FileStamp> folders, Map<Path, FileStamp> stamps) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(folder, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                    new java.nio.file.SimpleFileVisitor<Path>() {
                        @Override public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
                            if (!d.equals(folder) && (hidden(d) || skip != null && d.startsWith(skip))) {
                                return java.nio.file.FileVisitResult.SKIP_SUBTREE;
                            }
                            folders.put(d, FileStamp.of(a));
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }

                        @Override public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
                            if (a.isRegularFile() && !hidden(f) && (skip == null || !f.startsWith(skip))) {
                                files.add(f);
                                stamps.put(f, FileStamp.of(a));
                            }
                            return files.size() >= MAX_FILES ? java.nio.file.FileVisitResult.TERMINATE : java.nio.file.FileVisitResult.CONTINUE;
                        }

                        @Override public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
                            return java.nio.file.FileVisitResult.CONTINUE; // an unreadable entry is not a source
                        }
                    });
        } catch (IOException | RuntimeException e) {
            return null;
        }
        java.util.Collections.sort(files);
        return files;
    }

    /** {@code files} (sorted) as the files directly in {@code folder}, then one group per folder in it, in name order. */
    private static List<List<Path>> groups(Path folder, List<Path> files) {
        List<Path> direct = new ArrayList<>();
        Map<Path, List<Path>> below = new java.util.TreeMap<>();
        for (Path f : files) {
            Path rel = folder.relativize(f);
            if (rel.getNameCount() == 1) direct.add(f);
            else below.computeIfAbsent(rel.getName(0), k -> new ArrayList<>()).add(f);
        }
        List<List<Path>> out = new ArrayList<>();
        if (!direct.isEmpty()) out.add(direct);
        out.addAll(below.values());
        return out;
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /**
     * True when the image's DICOM header text names a referenced instance or series, or the image
     * records referenced instances as its planes' sources ({@link PlaneSources}: an earlier import).
     */
    private boolean mentionsSeries(ImagePlus imp) {
        for (String uid : PlaneSources.instances(imp)) if (instances.contains(uid)) return true;
        List<String> texts = new ArrayList<>();
        Object info = imp.getProperty("Info");
        if (info instanceof String) texts.add((String) info);
        ImageStack st = imp.getStack();
        if (st != null && st.getSize() > 0 && st.getSliceLabel(1) != null) texts.add(st.getSliceLabel(1));
        for (String t : texts) {
            DicomInfo d = DicomInfo.parse(t);
            if (instances.contains(d.get("0008,0018")) || series.contains(d.get("0020,000E"))) return true;
        }
        return false;
    }

    /** The folder of several files (their deepest common folder), or the one file. */
    static Path location(List<SourceHeader> headers) {
        List<Path> files = headers.stream().map(SourceHeader::file).collect(Collectors.toList());
        if (files.size() == 1) return files.get(0).toAbsolutePath();
        Path common = files.get(0).toAbsolutePath().getParent();
        for (Path f : files) {
            while (common != null && !f.toAbsolutePath().startsWith(common)) common = common.getParent();
        }
        return common == null ? files.get(0).toAbsolutePath().getParent() : common;
    }
}
