package org.dicomseg.ij.open;

import org.dicomseg.reconstruct.ReconstructionProgress;

/**
 * Progress and cancellation for long imports, without tying the adapters to ImageJ's GUI: the
 * commands pass one that calls {@code IJ.showProgress} and checks {@code IJ.escapePressed()};
 * tests and the CLI pass {@link #NONE}. It is also the reconstruction's per-frame hook, so reading
 * the frames shows progress and stops on Esc.
 */
public interface ImportProgress extends ReconstructionProgress {
    /** Throws {@link ImportCanceledException} when {@link #canceled()} is true. */
    @Override
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
