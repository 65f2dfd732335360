package org.dicomseg.ij;

/**
 * Thrown when the user pressed Esc during an import. The commands catch it and only show
 * "canceled" in the status bar: cancelling is not an error.
 */
public final class ImportCanceledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImportCanceledException() {
        super("DICOM SEG import canceled");
    }
}
