package org.dicomseg.ij.source;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.dicomseg.source.FileStamp;
import org.dicomseg.source.SourceHeaderCache;
import org.dicomseg.task.SessionLru;

/**
 * The source series found in a folder in this session (a running ImageJ), so that importing a SEG
 * again — or another SEG of the same series — does not walk the folder and look at every file
 * again (W1: 300 CT files, a tenth of a warm label image import). One entry per search (folder,
 * folder left out, referenced instances and series), checked on every use the way
 * {@link SourceHeaderCache} checks a header: against the {@link FileStamp} of every folder the walk
 * entered (an entry added, removed or renamed changes it) and of every file it looked at. A file of
 * the series found that changed, moved or is gone, or any folder that changed, means the folder is
 * searched again. A file that was not of the series and changed (a log written beside the SEG) is
 * looked at again, as the search would: the entry stays only when it is still not of the series.
 *
 * <p>Thread-safe; holds at most {@value #CAPACITY} searches (least recently used dropped first).</p>
 */
public final class SourceSearchCache {
    /** Searches kept by {@link #shared()}. */
    public static final int CAPACITY = 16;
    private static final SourceSearchCache SHARED = new SourceSearchCache();

    private final SessionLru<Key, Entry> entries = SessionLru.ofCount(CAPACITY);

    /** The cache of this process (the imports of one ImageJ share it). */
    public static SourceSearchCache shared() { return SHARED; }

    /** Searches answered from the cache since it was made or {@link #clear}ed. */
    public long hits() { return entries.hits(); }

    /** Searches that walked the folder (nothing kept, or what was kept had changed). */
    public long misses() { return entries.misses(); }

    /** Forgets everything. */
    public void clear() { entries.clear(); }

    /** What one search looked for. */
    static final class Key {
        final Path folder;
        final Path skip;
        final Set<String> instances;
        final Set<String> series;

        Key(Path folder, Path skip, Set<String> instances, Set<String> series) {
            this.folder = folder.toAbsolutePath().normalize();
            this.skip = skip == null ? null : skip.toAbsolutePath().normalize();
            this.instances = Set.copyOf(instances);
            this.series = Set.copyOf(series);
        }

        @Override public boolean equals(Object o) {
            if (!(o instanceof Key)) return false;
            Key k = (Key) o;
            return folder.equals(k.folder) && Objects.equals(skip, k.skip) && instances.equals(k.instances) && series.equals(k.series);
        }

        @Override public int hashCode() { return Objects.hash(folder, skip, instances, series); }
    }

    /** A search's result with what it depended on. */
    private static final class Entry {
        final SegSourceSearch.Found found;
        final Map<Path, FileStamp> folders;
        final Map<Path, FileStamp> files;   // every file looked at, series or not
        final Set<Path> series;             // the files of the referenced series among them

        Entry(SegSourceSearch.Found found, Map<Path, FileStamp> folders, Map<Path, FileStamp> files, Set<Path> series) {
            this.found = found;
            this.folders = new LinkedHashMap<>(folders);
            this.files = new LinkedHashMap<>(files);
            this.series = Set.copyOf(series);
        }
    }

    /** What {@code key}'s search found before, when nothing it depended on has changed; else null (counted as a miss). */
    SegSourceSearch.Found find(Key key) {
        Entry e = entries.get(key);
        boolean valid;
        if (e == null) {
            valid = false;
        } else {
            synchronized (e) {
                valid = stillValid(key, e);
            }
        }
        synchronized (this) {
            if (valid) {
                entries.hit();
                return e.found;
            }
            entries.miss();
            if (e != null) entries.remove(key, e);
            return null;
        }
    }

    /** Keeps a search's result: the folders the walk entered and the files it looked at, with their stamps then. */
    void remember(Key key, SegSourceSearch.Found found, Map<Path, FileStamp> folders, Map<Path, FileStamp> files,
            Set<Path> seriesFiles) {
        entries.put(key, new Entry(found, folders, files, seriesFiles));
    }

    private static boolean stillValid(Key key, Entry e) {
        for (Map.Entry<Path, FileStamp> d : e.folders.entrySet()) {
            if (!d.getValue().equals(FileStamp.of(d.getKey()))) return false;
        }
        for (Map.Entry<Path, FileStamp> f : e.files.entrySet()) {
            FileStamp now = FileStamp.of(f.getKey());
            if (f.getValue().equals(now)) continue;
            // gone or changed: a file of the series found means searching again; any other file only if it now is
            if (now == null || e.series.contains(f.getKey()) || ofSeries(key, f.getKey())) return false;
            f.setValue(now);
        }
        return true;
    }

    /** True when {@code file} is now an image the search would take (a referenced instance, or of a referenced series). */
    private static boolean ofSeries(Key key, Path file) {
        List<SourceHeaderCache.Probe> p = SourceHeaderCache.shared().probeAll(List.of(file));
        if (p.get(0).header() == null) return false;
        SourceHeader h = SourceHeader.of(p.get(0).header());
        if (h.isSegmentation() || h.sopInstanceUid() == null) return false;
        return key.instances.contains(h.sopInstanceUid()) || key.series.contains(h.seriesInstanceUid());
    }
}
