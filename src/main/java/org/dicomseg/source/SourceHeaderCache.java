package org.dicomseg.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;

import org.dicomseg.dicom.DataSetWalker;
import org.dicomseg.task.InputException;
import org.dicomseg.task.SessionLru;

/**
 * The parsed headers of source files seen in this session (a running ImageJ), so that exporting
 * against a series, or importing a SEG whose sources sit beside it, reads each source header once,
 * not on every export or import. One entry per file, keyed by its absolute path and checked on
 * every use against the file's {@link FileStamp} (size, modification time, file key: inode): a file that changed,
 * was replaced or deleted is read again, never served stale. The cache holds at most
 * {@link #capacity()} files (least recently used dropped first).
 *
 * <p>Besides the parsed header ({@link SourceFile}, PS3.10 data set up to Pixel Data), an entry
 * remembers the two cheap probes a folder scan makes first: whether the file starts with the DICOM
 * Part 10 preamble (PS3.10 7.1) and its Media Storage SOP Class UID (0002,0002). A file that cannot
 * be parsed is remembered with its message, which {@link #read} throws again.</p>
 *
 * <p>The headers are shared, not copied: callers read them (the writer copies patient and study
 * attributes out of them) and never change them. Thread-safe: {@link #probeAll} reads headers on
 * several threads.</p>
 */
public final class SourceHeaderCache {
    /** Files kept by {@link #shared()}: a few large series (a parsed CT header holds ~13 KB: at most ~55 MB). */
    public static final int DEFAULT_CAPACITY = 4096;
    private static final SourceHeaderCache SHARED = new SourceHeaderCache(DEFAULT_CAPACITY);
    /** Below this many files {@link #probeAll} reads on the calling thread only (threads cost more than they save). */
    static final int PARALLEL_FROM = 16;

    private final int capacity;
    private final SessionLru<Path, Entry> entries;

    /** A cache of at most {@code capacity} files. */
    public SourceHeaderCache(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        this.capacity = capacity;
        this.entries = SessionLru.ofCount(capacity);
    }

    /** The cache of this process (ImageJ's exports, imports and source searches share it). */
    public static SourceHeaderCache shared() { return SHARED; }

    /** The most files kept. */
    public int capacity() { return capacity; }

    /** Files held now. */
    public int size() { return entries.size(); }

    /** Lookups answered from the cache since it was made (or {@link #clear}ed). */
    public long hits() { return entries.hits(); }

    /** Lookups that had to read the file. */
    public long misses() { return entries.misses(); }

    /** Forgets everything. */
    public void clear() { entries.clear(); }

    /**
     * The parsed header of {@code file}, as {@link SourceFile#read} gives it (and with its
     * {@link InputException} when the file is not a readable DICOM image), read again only when
     * the file changed since it was last read.
     */
    public SourceFile read(Path file) throws InputException {
        Objects.requireNonNull(file, "source file");
        Entry e = entry(file);
        if (e == null) return SourceFile.read(file); // not a readable file: SourceFile says so
        synchronized (e) {
            if (e.header == null && e.problem == null) {
                try {
                    e.header = SourceFile.read(file);
                } catch (InputException x) {
                    e.problem = x.getMessage();
                }
            }
            if (e.problem != null) throw new InputException(e.problem);
            return e.header;
        }
    }

    /** True when {@code file} is a regular file starting with the DICOM Part 10 preamble ("DICM" at byte 128). */
    public boolean isDicomFile(Path file) {
        Entry e = entry(file);
        if (e == null) return false;
        synchronized (e) {
            if (e.dicom == null) e.dicom = hasPreamble(file);
            return e.dicom;
        }
    }

    /**
     * The Media Storage SOP Class UID of {@code file}'s File Meta Information
     * ({@link DataSetWalker#mediaStorageSopClassUid}): "" when it has none, null when the file is
     * not a readable DICOM Part 10 file.
     */
    public String mediaStorageSopClassUid(Path file) {
        Entry e = entry(file);
        if (e == null) return null;
        synchronized (e) {
            if (!e.sopClassProbed) {
                e.sopClass = DataSetWalker.mediaStorageSopClassUid(file);
                e.sopClassProbed = true;
            }
            return e.sopClass;
        }
    }

    /**
     * What a folder scan asks of {@code file}, from one look at the file system: whether it starts
     * with the DICOM preamble, its Media Storage SOP Class UID, and — for DICOM files outside the
     * segmentation family (1.2.840.10008.5.1.4.1.1.66: segmentations, registrations, fiducials,
     * surfaces; never source images) — its parsed header or why it cannot be parsed.
     */
    public Probe probe(Path file) {
        Entry e = entry(file);
        if (e == null) return Probe.NONE;
        synchronized (e) {
            if (e.dicom == null) e.dicom = hasPreamble(file);
            if (!e.dicom) return Probe.NONE;
            if (!e.sopClassProbed) {
                e.sopClass = DataSetWalker.mediaStorageSopClassUid(file);
                e.sopClassProbed = true;
            }
            boolean nonImage = isNonImageClass(e.sopClass);
            if (!nonImage && e.header == null && e.problem == null) {
                try {
                    e.header = SourceFile.read(file);
                } catch (InputException x) {
                    e.problem = x.getMessage();
                }
            }
            return new Probe(true, e.sopClass, nonImage, nonImage ? null : e.header, nonImage ? null : e.problem);
        }
    }

    /**
     * {@link #probe} of each file, in the same order; on all cores when there are enough files
     * (header parsing is independent per file), else on the calling thread.
     */
    public List<Probe> probeAll(List<Path> files) {
        Probe[] out = new Probe[files.size()];
        if (files.size() < PARALLEL_FROM) {
            for (int i = 0; i < out.length; i++) out[i] = probe(files.get(i));
        } else {
            java.util.stream.IntStream.range(0, out.length).parallel().forEach(i -> out[i] = probe(files.get(i)));
        }
        return java.util.Arrays.asList(out);
    }

    /** True for the 1.2.840.10008.5.1.4.1.1.66 family (segmentations, registrations, fiducials, surfaces): never source images. */
    public static boolean isNonImageClass(String sopClassUid) {
        return sopClassUid != null && (sopClassUid.equals("1.2.840.10008.5.1.4.1.1.66") || sopClassUid.startsWith("1.2.840.10008.5.1.4.1.1.66."));
    }

    /** What {@link #probe} found out about one file. */
    public static final class Probe {
        static final Probe NONE = new Probe(false, null, false, null, null);
        private final boolean dicom;
        private final String mediaStorageSopClassUid;
        private final boolean nonImage;
        private final SourceFile header;
        private final String problem;

        Probe(boolean dicom, String mediaStorageSopClassUid, boolean nonImage, SourceFile header, String problem) {
            this.dicom = dicom;
            this.mediaStorageSopClassUid = mediaStorageSopClassUid;
            this.nonImage = nonImage;
            this.header = header;
            this.problem = problem;
        }

        /** A regular file with the DICOM Part 10 preamble. */
        public boolean isDicom() { return dicom; }
        /** Its Media Storage SOP Class UID ("" when the File Meta has none), or null. */
        public String mediaStorageSopClassUid() { return mediaStorageSopClassUid; }
        /** Of the segmentation family by its File Meta: not parsed, never a source. */
        public boolean isNonImage() { return nonImage; }
        /** The parsed header of a DICOM image file, or null (not DICOM, non-image, or it cannot be parsed: {@link #problem()}). */
        public SourceFile header() { return header; }
        /** Why a DICOM file outside the segmentation family cannot be parsed ({@link SourceFile#read}'s message), or null. */
        public String problem() { return problem; }
    }

    /** The entry of {@code file} for its current state (a new one when it changed), or null when it is not a readable regular file. */
    private Entry entry(Path file) {
        Path key = file.toAbsolutePath().normalize();
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(key, BasicFileAttributes.class);
        } catch (IOException | RuntimeException x) {
            entries.remove(key);
            return null;
        }
        if (!a.isRegularFile()) return null;
        FileStamp now = FileStamp.of(a);
        synchronized (this) {
            Entry e = entries.get(key);
            if (e != null && e.stamp.equals(now)) {
                entries.hit();
                return e;
            }
            entries.miss();
            e = new Entry(now);
            entries.put(key, e);
            return e;
        }
    }

    private static boolean hasPreamble(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(132);
            return b.length == 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
        } catch (IOException e) {
            return false;
        }
    }

    /** What is known of one version of a file; fields filled when first asked for, under the entry's lock. */
    private static final class Entry {
        final FileStamp stamp;
        Boolean dicom;
        boolean sopClassProbed;
        String sopClass;
        SourceFile header;
        String problem;

        Entry(FileStamp stamp) { this.stamp = stamp; }
    }
}
