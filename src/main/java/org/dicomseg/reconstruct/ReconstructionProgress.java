package org.dicomseg.reconstruct;

/**
 * Progress and cancellation hook of a reconstruction ({@link ReconstructionOptions#progress}):
 * {@link Reconstructor} calls {@link #checkCanceled()} and then {@link #update} once per frame it
 * places, so a long read can show a progress bar and be stopped between two frames. Plain Java:
 * the ImageJ commands pass one that calls {@code IJ.showProgress} and checks Esc.
 */
public interface ReconstructionProgress {
    /** Reports that {@code done} of {@code total} frames are placed. */
    void update(int done, int total);

    /** True when the caller asked to stop. */
    boolean canceled();

    /**
     * Throws when {@link #canceled()} is true; the reconstruction then stops with that exception.
     * The default throws {@link ReconstructionCanceledException}; implementations may throw a subclass.
     */
    default void checkCanceled() {
        if (canceled()) throw new ReconstructionCanceledException();
    }

    /** Reports nothing and never cancels. */
    ReconstructionProgress NONE = new ReconstructionProgress() {
        @Override public void update(int done, int total) { }
        @Override public boolean canceled() { return false; }
    };
}
