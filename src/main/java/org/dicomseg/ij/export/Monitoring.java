package org.dicomseg.ij.export;

import java.util.concurrent.atomic.AtomicLong;

import org.dicomseg.mask.MaskPlanes;

/** Wraps the mask planes of one export in {@link MonitoredMaskPlanes} sharing one counter (no-op for {@link ExportMonitor#NONE}). */
final class Monitoring {
    private final ExportMonitor monitor;
    private final AtomicLong counter = new AtomicLong();

    Monitoring(ExportMonitor monitor) {
        this.monitor = monitor == null ? ExportMonitor.NONE : monitor;
    }

    MaskPlanes wrap(MaskPlanes planes, long totalReads) {
        return monitor == ExportMonitor.NONE ? planes : new MonitoredMaskPlanes(planes, monitor, counter, totalReads);
    }
}
