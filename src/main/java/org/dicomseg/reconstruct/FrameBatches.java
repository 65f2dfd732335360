package org.dicomseg.reconstruct;

import java.util.Arrays;
import java.util.function.Supplier;

import org.dicomseg.read.SegReadException;
import org.dicomseg.task.Progress;

/**
 * Frames queued for decoding and decoded in batches on up to {@link ReconstructionOptions#threads()}
 * threads, each with its own {@link Decoder} (its own frame cursor). A batch is grouped by plane
 * and, when every queued frame's row offset has the same phase modulo the frame height, by band of
 * frame rows (tiles of one band never share an output pixel with another band's), so a plane —
 * or a band of one — is always written by one thread, its frames in placement order, and the
 * groups are shared out among the threads. A batch of whole frames ends at a plane boundary, so
 * a plane's frames are decoded together while it is in the cache.
 *
 * <p>When frames fail (corrupt data, an overlap with
 * {@link ReconstructionOptions.OverlapPolicy#FAIL}) the error of the frame first in placement
 * order is the one thrown, as a sequential pass would: a failure at one frame stops work only on
 * frames placed after it. The error is thrown at the end of the batch, or, once
 * {@link #deferErrors()} is called (frames queued out of placement order), at
 * {@link #throwFailure()}.</p>
 */
final class FrameBatches {
    /** Decodes one frame into its plane; one per thread, so it may keep a cursor and scratch space. */
    interface Decoder {
        void decode(int frame, int plane, int segment, int dx, int dy) throws SegReadException;
    }

    /** Whole frames decoded together: enough for parallel decoding, few enough for prompt progress and cancel. */
    private static final int BATCH = 256;
    private final ReconstructionOptions options;
    private final Progress progress;
    private final int frameRows;
    private final Supplier<Decoder> newDecoder;
    private int[] queuedFrames = new int[64];
    private int[] queuedPlanes = new int[64];
    private int[] queuedSegments = new int[64];
    private int[] queuedDx = new int[64];
    private int[] queuedDy = new int[64];
    private int[] queuedSeq = new int[64]; // index in placement order
    private int queued;
    private boolean deferErrors;
    private Worker[] workers = new Worker[0];
    private final Object failureLock = new Object();
    private volatile int failedAt = Integer.MAX_VALUE; // placement index of the first failed frame
    private Throwable failure;

    /**
     * @param newDecoder makes the decoder of one more thread (called on the queueing thread, as
     *                   threads are first needed)
     */
    FrameBatches(ReconstructionOptions options, int frameRows, Supplier<Decoder> newDecoder) {
        this.options = options;
        this.progress = options.progress();
        this.frameRows = frameRows;
        this.newDecoder = newDecoder;
    }

    /**
     * Queues frame {@code frame} for plane {@code plane} at ({@code dx}, {@code dy}); {@code seq}
     * is its index in the placement order. A full batch is decoded first; one of whole frames
     * ({@code whole}) only at a plane boundary, so a plane's frames are decoded together.
     */
    void add(int frame, int plane, int segment, int dx, int dy, int seq, boolean whole) throws SegReadException {
        if (queued >= BATCH && (!whole || plane != queuedPlanes[queued - 1] || queued >= 4 * BATCH)) flush();
        queue(frame, plane, segment, dx, dy, seq);
    }

    /** Errors are kept until {@link #throwFailure()} instead of thrown at the end of each batch. */
    void deferErrors() { deferErrors = true; }

    private void queue(int frame, int plane, int segment, int dx, int dy, int seq) {
        if (queued == queuedFrames.length) {
            queuedFrames = Arrays.copyOf(queuedFrames, queued * 2);
            queuedPlanes = Arrays.copyOf(queuedPlanes, queued * 2);
            queuedSegments = Arrays.copyOf(queuedSegments, queued * 2);
            queuedDx = Arrays.copyOf(queuedDx, queued * 2);
            queuedDy = Arrays.copyOf(queuedDy, queued * 2);
            queuedSeq = Arrays.copyOf(queuedSeq, queued * 2);
        }
        queuedSeq[queued] = seq;
        queuedFrames[queued] = frame;
        queuedPlanes[queued] = plane;
        queuedSegments[queued] = segment;
        queuedDx[queued] = dx;
        queuedDy[queued] = dy;
        queued++;
    }

    /**
     * Decodes the queued frames into their planes: grouped by plane and, when every queued frame's
     * row offset has the same phase modulo the frame height, by band of frame rows (so two groups
     * never write the same output pixel), placement order kept within a group, the groups shared
     * out among the threads. When frames fail (corrupt data,
     * an overlap with {@link ReconstructionOptions.OverlapPolicy#FAIL}) the error of the frame
     * placed first is thrown, as a sequential pass would: a failure at one frame stops work only on
     * frames placed after it.
     */
    void flush() throws SegReadException {
        if (queued == 0) return;
        progress.checkCanceled();
        int n = queued;
        queued = 0;
        boolean banded = true;
        int phase = Math.floorMod(queuedDy[0], frameRows);
        for (int i = 1; i < n && banded; i++) banded = Math.floorMod(queuedDy[i], frameRows) == phase;
        long[] band = new long[n];
        for (int i = 0; i < n; i++) {
            band[i] = (long) queuedPlanes[i] << 32 | (banded ? (Math.floorDiv(queuedDy[i], frameRows) + 1) & 0xFFFFFFFFL : 0L);
        }
        Integer[] sorted = new Integer[n];
        for (int i = 0; i < n; i++) sorted[i] = i;
        Arrays.sort(sorted, (a, b) -> {
            int c = Long.compare(band[a], band[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] order = new int[n];
        int[] groupStart = new int[n + 1];
        int g = 0;
        for (int i = 0; i < n; i++) {
            order[i] = sorted[i];
            if (i == 0 || band[order[i]] != band[order[i - 1]]) groupStart[g++] = i;
        }
        groupStart[g] = n;
        int groups = g;
        int t = Math.max(1, Math.min(Math.min(options.threads(), Runtime.getRuntime().availableProcessors()),
                Math.min(groups, n / 8)));
        if (workers.length < t) {
            Worker[] w = Arrays.copyOf(workers, t);
            for (int i = workers.length; i < t; i++) w[i] = new Worker(newDecoder.get());
            workers = w;
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[t - 1];
        for (int i = 0; i < t - 1; i++) {
            Worker w = workers[i + 1];
            threads[i] = new Thread(() -> w.work(next, groups, groupStart, order), "dicomseg-plane-filler-" + (i + 1));
            threads[i].start();
        }
        workers[0].work(next, groups, groupStart, order);
        WorkerThreads.joinAll(threads);
        if (!deferErrors) throwFailure();
    }

    /** Throws the error of the failed frame first in placement order, if any. */
    void throwFailure() throws SegReadException {
        Throwable e = failure;
        if (e == null) return;
        if (e instanceof SegReadException) throw (SegReadException) e;
        if (e instanceof RuntimeException) throw (RuntimeException) e;
        if (e instanceof Error) throw (Error) e;
        throw new IllegalStateException(e);
    }

    private void fail(int queueIndex, Throwable e) {
        synchronized (failureLock) {
            if (queueIndex < failedAt) {
                failedAt = queueIndex;
                failure = e;
            }
        }
    }

    /** One thread's share of a batch: its decoder (cursor, scratch space and run sinks). */
    private final class Worker {
        final Decoder decoder;

        Worker(Decoder decoder) { this.decoder = decoder; }

        void work(java.util.concurrent.atomic.AtomicInteger next, int groups, int[] groupStart, int[] order) {
            for (int g = next.getAndIncrement(); g < groups; g = next.getAndIncrement()) {
                for (int k = groupStart[g]; k < groupStart[g + 1]; k++) {
                    int q = order[k];
                    if (queuedSeq[q] > failedAt) break; // an earlier frame failed: the rest of this plane does not matter
                    try {
                        decoder.decode(queuedFrames[q], queuedPlanes[q], queuedSegments[q], queuedDx[q], queuedDy[q]);
                    } catch (Throwable e) {
                        fail(queuedSeq[q], e);
                        break;
                    }
                }
            }
        }
    }
}
