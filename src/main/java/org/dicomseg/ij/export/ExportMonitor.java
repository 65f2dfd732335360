package org.dicomseg.ij.export;

/**
 * Progress and cancellation of a long export: the exporter reports frames done, and stops (leaving
 * no file) as soon as {@link #canceled()} returns true.
 */
public interface ExportMonitor {
    /** A monitor that shows nothing and never cancels. */
    ExportMonitor NONE = new ExportMonitor() {
        @Override public void progress(long done, long total) { }
        @Override public boolean canceled() { return false; }
    };

    /** {@code done} of {@code total} steps are finished. */
    void progress(long done, long total);

    /** True when the user asked to stop. */
    boolean canceled();
}
