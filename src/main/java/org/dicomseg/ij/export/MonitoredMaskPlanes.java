package org.dicomseg.ij.export;

import java.util.concurrent.atomic.AtomicLong;

import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.PixelKind;
import org.dicomseg.task.CanceledException;
import org.dicomseg.task.Progress;

/**
 * Wraps {@link MaskPlanes} so that every plane the writer reads advances the export's {@link Progress}
 * and a cancel request stops the export: the next read throws a {@link CanceledException} saying
 * {@value #CANCELED}, which
 * the writer lets through after removing its temporary file. Several wrappers (one per segment) share
 * one counter.
 */
public final class MonitoredMaskPlanes implements MaskPlanes {
    /** What a canceled export tells the user. */
    public static final String CANCELED = "Export cancelled; no file was written";

    private final MaskPlanes delegate;
    private final Progress progress;
    private final AtomicLong counter;
    private final long total;

    /**
     * @param delegate the planes
     * @param progress progress and cancel
     * @param counter  reads so far, shared by all wrappers of one export
     * @param total    expected number of reads (for the progress bar)
     */
    public MonitoredMaskPlanes(MaskPlanes delegate, Progress progress, AtomicLong counter, long total) {
        this.delegate = delegate;
        this.progress = progress;
        this.counter = counter;
        this.total = Math.max(1, total);
    }

    @Override public int rows() { return delegate.rows(); }
    @Override public int columns() { return delegate.columns(); }
    @Override public int planes() { return delegate.planes(); }
    @Override public PixelKind kind() { return delegate.kind(); }

    @Override public Object readPlane(int plane, Object dst) {
        if (progress.canceled()) throw new CanceledException(CANCELED);
        Object px = delegate.readPlane(plane, dst);
        long n = counter.incrementAndGet();
        progress.progress(Math.min(n, total), total);
        return px;
    }

    /** Passed through: a region the source knows to be uniform is never read (so nothing to count). */
    @Override public int uniformValue(int plane, int x, int y, int width, int height) {
        if (progress.canceled()) throw new CanceledException(CANCELED);
        return delegate.uniformValue(plane, x, y, width, height);
    }

    @Override public void readRegion(int plane, int x, int y, int width, int height, Object dst) {
        if (progress.canceled()) throw new CanceledException(CANCELED);
        delegate.readRegion(plane, x, y, width, height, dst);
    }
}
