package org.dicomseg.ij;

/**
 * Progress and cancellation for long imports, without tying the adapters to ImageJ's GUI: the
 * commands pass one that calls {@code IJ.showProgress} and checks {@code IJ.escapePressed()};
 * tests and the CLI pass {@link #NONE}.
 */
public interface ImportProgress {
    /** Reports that {@code done} of {@code total} steps are finished. */
    void update(int done, int total);

    /** True when the user asked to stop; the importer then throws {@link ImportCanceledException}. */
    boolean canceled();

    /** Throws {@link ImportCanceledException} when {@link #canceled()} is true. */
    default void checkCanceled() {
        if (canceled()) {
            throw new ImportCanceledException();
        }
    }

    /** Reports nothing and never cancels. */
    ImportProgress NONE = new ImportProgress() {
        @Override public void update(int done, int total) { }
        @Override public boolean canceled() { return false; }
    };
}
