package org.dicomseg.write;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SegWriter} wrote: the file, its UIDs, its Number of Frames and whether Segments
 * Overlap was written YES, and the warnings: defects of the source that the SEG inherits because
 * they cannot be repaired (a missing Type 1 attribute of a copied module, e.g. a slide's Container
 * Identifier), or repaired only by leaving something out. Handy for logging, macros and tests.
 */
public final class SegWriteResult {
    private final Path file;
    private final String sopInstanceUid;
    private final String seriesInstanceUid;
    private final int numberOfFrames;
    private final boolean segmentsOverlap;
    private final List<String> warnings;

    SegWriteResult(Path file, String sopInstanceUid, String seriesInstanceUid, int numberOfFrames, boolean segmentsOverlap,
                   List<String> warnings) {
        this.file = file;
        this.sopInstanceUid = sopInstanceUid;
        this.seriesInstanceUid = seriesInstanceUid;
        this.numberOfFrames = numberOfFrames;
        this.segmentsOverlap = segmentsOverlap;
        this.warnings = List.copyOf(warnings);
    }

    public Path file() { return file; }
    public String sopInstanceUid() { return sopInstanceUid; }
    public String seriesInstanceUid() { return seriesInstanceUid; }
    public int numberOfFrames() { return numberOfFrames; }
    public boolean segmentsOverlap() { return segmentsOverlap; }
    /** Source defects the SEG could not be cleared of, one line each naming the file and the attribute; empty when none. */
    public List<String> warnings() { return warnings; }

    @Override public String toString() {
        return file + " (" + numberOfFrames + " frames, SOP Instance UID " + sopInstanceUid + ")";
    }
}
