package org.dicomseg.ij.open;

import org.dicomseg.task.CanceledException;
import org.dicomseg.task.Progress;

/**
 * The import's view of the caller's {@link Progress}: the same reports and the same Esc, but a
 * cancel anywhere in the import (reading frames, building the output, opening the source images)
 * tells the user {@value #MESSAGE}. The commands show it in the status bar and the Log, not as an
 * error.
 */
final class ImportCancellation implements Progress {
    /** What a canceled import tells the user. */
    static final String MESSAGE = "import canceled; nothing was opened";

    private final Progress caller;

    private ImportCancellation(Progress caller) {
        this.caller = caller;
    }

    /** {@code p} as the import's progress; {@link Progress#NONE} (never canceled) for null or NONE. */
    static Progress of(Progress p) {
        if (p == null || p == Progress.NONE) return Progress.NONE;
        return p instanceof ImportCancellation ? p : new ImportCancellation(p);
    }

    @Override public void progress(long done, long total) { caller.progress(done, total); }

    @Override public boolean canceled() { return caller.canceled(); }

    @Override public void checkCanceled() {
        if (caller.canceled()) throw new CanceledException(MESSAGE);
    }
}
