package org.dicomseg.write;

import java.nio.file.Path;

/**
 * What {@link SegWriter} wrote: the file, its UIDs, its Number of Frames and whether Segments
 * Overlap was written YES. Handy for logging, macros and tests.
 */
public final class SegWriteResult {
    private final Path file;
    private final String sopInstanceUid;
    private final String seriesInstanceUid;
    private final int numberOfFrames;
    private final boolean segmentsOverlap;

    SegWriteResult(Path file, String sopInstanceUid, String seriesInstanceUid, int numberOfFrames, boolean segmentsOverlap) {
        this.file = file;
        this.sopInstanceUid = sopInstanceUid;
        this.seriesInstanceUid = seriesInstanceUid;
        this.numberOfFrames = numberOfFrames;
        this.segmentsOverlap = segmentsOverlap;
    }

    public Path file() { return file; }
    public String sopInstanceUid() { return sopInstanceUid; }
    public String seriesInstanceUid() { return seriesInstanceUid; }
    public int numberOfFrames() { return numberOfFrames; }
    public boolean segmentsOverlap() { return segmentsOverlap; }

    @Override public String toString() {
        return file + " (" + numberOfFrames + " frames, SOP Instance UID " + sopInstanceUid + ")";
    }
}
