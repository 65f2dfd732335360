package org.dicomseg.reconstruct;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a reconstruction did that its result does not show: planes allocated, whether the band
 * path of tiled reads was taken, bands kept aside while their plane was being
 * allocated. Each {@link ReconstructionOptions} carries its own (package-private option), so a
 * test can pass one in and check that it exercised the path it means to; production code only
 * counts. Thread-safe: the workers of one reconstruction count into it concurrently.
 *
 * <p>Not final: a test may extend it to observe the moments it counts (for instance, hold the
 * allocating thread back in {@link #allocatedPlane()} so the other threads meet a plane still
 * being allocated).</p>
 */
class ReconstructionStatistics {
    private final AtomicLong planesAllocated = new AtomicLong();
    private final AtomicLong bandPathTaken = new AtomicLong();
    private final AtomicLong bandsStashed = new AtomicLong();

    /**
     * Called on the allocating thread after it allocated (and the JVM zeroed) one output plane, and
     * released the plane's lock.
     */
    void allocatedPlane() { planesAllocated.incrementAndGet(); }

    /** Called when a tiled read takes the band path instead of frame by frame. */
    void tookBandPath() { bandPathTaken.incrementAndGet(); }

    /** Called when a band read while its plane was being allocated is kept to be written afterwards. */
    void stashedBand() { bandsStashed.incrementAndGet(); }

    /** Output planes allocated so far (a plane wanted by several threads at once counts once). */
    long planesAllocated() { return planesAllocated.get(); }

    /** Tiled reads that took the band path. */
    long bandPathRuns() { return bandPathTaken.get(); }

    /** Bands kept aside while their plane was being allocated. */
    long bandsStashed() { return bandsStashed.get(); }
}
