package org.dicomseg.task;

/**
 * Progress and cancellation of a long task: the task reports {@code done} of {@code total} steps
 * (what a step is belongs to the task: a frame written, a frame placed, a mask plane read, an
 * output plane built) and stops between two steps once {@link #canceled()} is true, by
 * {@link #checkCanceled()} or by throwing a {@link CanceledException} with its own message.
 *
 * <p>Tasks call it on their own thread(s) at a step's granularity, never per pixel; an
 * implementation that repaints a progress bar throttles itself.</p>
 */
public interface Progress {
    /** Reports nothing and never cancels. */
    Progress NONE = new Progress() {
        @Override public void progress(long done, long total) { }
        @Override public boolean canceled() { return false; }
    };

    /** {@code done} of {@code total} steps are finished. */
    void progress(long done, long total);

    /** True when the caller asked the task to stop. */
    boolean canceled();

    /** Throws a {@link CanceledException} when {@link #canceled()} is true. */
    default void checkCanceled() {
        if (canceled()) throw new CanceledException();
    }
}
