package org.dicomseg.plugins;

import ij.IJ;

import org.dicomseg.ij.export.ExportMonitor;

/** ImageJ's progress bar and Esc key as an {@link ExportMonitor}. */
final class IjExportMonitor implements ExportMonitor {
    private long lastShown = -1;

    IjExportMonitor() {
        IJ.resetEscape();
    }

    @Override public void progress(long done, long total) {
        long permille = total <= 0 ? 1000 : done * 1000 / total;
        if (permille != lastShown) {
            lastShown = permille;
            IJ.showProgress(permille / 1000.0);
        }
    }

    @Override public boolean canceled() {
        return IJ.escapePressed();
    }

    void done() {
        IJ.showProgress(1.0);
    }
}
