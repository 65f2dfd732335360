package org.dicomseg.ij.export;

import java.util.concurrent.atomic.AtomicLong;

import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.PixelKind;

/**
 * Wraps {@link MaskPlanes} so that every plane the writer reads advances an {@link ExportMonitor}
 * and a cancel request stops the export: the next read throws {@link ExportCanceledException}, which
 * the writer lets through after removing its temporary file. Several wrappers (one per segment) share
 * one counter.
 */
public final class MonitoredMaskPlanes implements MaskPlanes {
    private final MaskPlanes delegate;
    private final ExportMonitor monitor;
    private final AtomicLong counter;
    private final long total;

    /**
     * @param delegate the planes
     * @param monitor  progress and cancel
     * @param counter  reads so far, shared by all wrappers of one export
     * @param total    expected number of reads (for the progress bar)
     */
    public MonitoredMaskPlanes(MaskPlanes delegate, ExportMonitor monitor, AtomicLong counter, long total) {
        this.delegate = delegate;
        this.monitor = monitor;
        this.counter = counter;
        this.total = Math.max(1, total);
    }

    @Override public int rows() { return delegate.rows(); }
    @Override public int columns() { return delegate.columns(); }
    @Override public int planes() { return delegate.planes(); }
    @Override public PixelKind kind() { return delegate.kind(); }

    @Override public Object readPlane(int plane, Object dst) {
        if (monitor.canceled()) throw new ExportCanceledException();
        Object px = delegate.readPlane(plane, dst);
        long n = counter.incrementAndGet();
        monitor.progress(Math.min(n, total), total);
        return px;
    }

    /** Passed through: a region the source knows to be uniform is never read (so nothing to count). */
    @Override public int uniformValue(int plane, int x, int y, int width, int height) {
        if (monitor.canceled()) throw new ExportCanceledException();
        return delegate.uniformValue(plane, x, y, width, height);
    }

    @Override public void readRegion(int plane, int x, int y, int width, int height, Object dst) {
        if (monitor.canceled()) throw new ExportCanceledException();
        delegate.readRegion(plane, x, y, width, height, dst);
    }
}
