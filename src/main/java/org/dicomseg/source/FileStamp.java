package org.dicomseg.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * What identifies one version of a file or folder for the session's caches: its size, modification
 * time (nanoseconds where the file system keeps them) and file key (device and inode). A file
 * rewritten, replaced (a new inode under the same name) or deleted has another stamp or none; a
 * folder's modification time changes when an entry is added, removed or renamed in it.
 */
public final class FileStamp {
    private final long size;
    private final FileTime modified;
    private final Object fileKey;
    private final boolean directory;

    private FileStamp(long size, FileTime modified, Object fileKey, boolean directory) {
        this.size = size;
        this.modified = Objects.requireNonNull(modified, "modification time");
        this.fileKey = fileKey;
        this.directory = directory;
    }

    /** The stamp of attributes already read (a folder walk's, without reading them again). */
    public static FileStamp of(BasicFileAttributes a) {
        return new FileStamp(a.size(), a.lastModifiedTime(), a.fileKey(), a.isDirectory());
    }

    /** The stamp of {@code p} now (links not followed), or null when it cannot be read (deleted, moved). */
    public static FileStamp of(Path p) {
        try {
            return of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** True for a folder. */
    public boolean isDirectory() { return directory; }

    @Override public boolean equals(Object o) {
        if (!(o instanceof FileStamp)) return false;
        FileStamp s = (FileStamp) o;
        return size == s.size && directory == s.directory && modified.equals(s.modified) && Objects.equals(fileKey, s.fileKey);
    }

    @Override public int hashCode() { return Objects.hash(size, modified, fileKey, directory); }

    @Override public String toString() { return "FileStamp[" + size + " bytes, " + modified + ", " + fileKey + "]"; }
}
