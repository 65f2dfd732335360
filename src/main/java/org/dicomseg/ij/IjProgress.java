package org.dicomseg.ij;

import ij.IJ;

import org.dicomseg.task.Progress;

/**
 * ImageJ's face of a {@link Progress}, used by every command (import, export, slides): the progress
 * bar ({@code IJ.showProgress}), optionally a status line {@code "<status> done/total (Esc cancels)"},
 * and the Esc key ({@code IJ.escapePressed}) as the cancel request. Repaints are throttled (the bar is
 * not free to redraw and tasks report per frame or per plane); the last step is always shown.
 */
public final class IjProgress implements Progress {
    /** Least time between two repaints, in milliseconds. */
    private static final long REPAINT_MILLIS = 100;

    private final String status;
    private long lastRepaint;

    private IjProgress(String status) {
        this.status = status;
    }

    /**
     * Starts a command's task: clears an earlier Esc press, so only one pressed from now on cancels.
     *
     * @param status the status line's text, or null to show only the bar
     */
    public static IjProgress start(String status) {
        IJ.resetEscape();
        return new IjProgress(status);
    }

    /** The same task (Esc is not reset) with another status text, for its next phase. */
    public IjProgress phase(String text) {
        return new IjProgress(text);
    }

    @Override
    public void progress(long done, long total) {
        long now = System.currentTimeMillis();
        if (done < total && now - lastRepaint < REPAINT_MILLIS) return;
        lastRepaint = now;
        if (status != null) IJ.showStatus(status + " " + done + "/" + total + " (Esc cancels)");
        IJ.showProgress(total <= 0 ? 1.0 : (double) done / total);
    }

    @Override
    public boolean canceled() {
        return IJ.escapePressed();
    }

    /** Clears the bar once the task ended, however it ended. */
    public void done() {
        IJ.showProgress(1.0);
    }
}
