package org.dicomseg.ij.open;

import org.dicomseg.reconstruct.ReconstructionCanceledException;

/**
 * Thrown when the user pressed Esc during an import (reading frames, building the output, opening
 * the source images). The commands show it in the status bar and the Log, not as an error.
 */
public final class ImportCanceledException extends ReconstructionCanceledException {
    private static final long serialVersionUID = 1L;

    public ImportCanceledException() {
        super("import canceled; nothing was opened");
    }
}
