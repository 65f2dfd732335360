package org.dicomseg.plugins;

import ij.IJ;

import org.dicomseg.ij.open.ImportProgress;

/**
 * {@link ImportProgress} for ImageJ: the progress bar and status line, and Esc (IJ.escapePressed)
 * to cancel. One object per command run; {@link #phase} gives a view with its own status text.
 */
final class IJProgress implements ImportProgress {
    private final String status;
    private long lastUpdate;

    IJProgress(String status) {
        this.status = status;
    }

    /** The same progress with another status text. */
    IJProgress phase(String text) {
        return new IJProgress(text);
    }

    @Override
    public void update(int done, int total) {
        long now = System.currentTimeMillis();
        if (done < total && now - lastUpdate < 100) return; // the bar repaints are not free
        lastUpdate = now;
        IJ.showStatus(status + " " + done + "/" + total + " (Esc cancels)");
        IJ.showProgress(done, Math.max(total, 1));
    }

    @Override
    public boolean canceled() {
        return IJ.escapePressed();
    }
}
