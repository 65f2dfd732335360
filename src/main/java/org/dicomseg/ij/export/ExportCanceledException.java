package org.dicomseg.ij.export;

/** Thrown when the user cancelled an export (Esc); no output file is left behind. */
public final class ExportCanceledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExportCanceledException() {
        super("Export cancelled; no file was written");
    }
}
