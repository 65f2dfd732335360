package org.dicomseg.ij.export;

import java.util.concurrent.atomic.AtomicLong;

import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.task.Progress;

/** Wraps the mask planes of one export in {@link MonitoredMaskPlanes} sharing one counter (no-op for {@link Progress#NONE}). */
final class Monitoring {
    private final Progress progress;
    private final AtomicLong counter = new AtomicLong();

    Monitoring(Progress progress) {
        this.progress = progress == null ? Progress.NONE : progress;
    }

    MaskPlanes wrap(MaskPlanes planes, long totalReads) {
        return progress == Progress.NONE ? planes : new MonitoredMaskPlanes(planes, progress, counter, totalReads);
    }
}
