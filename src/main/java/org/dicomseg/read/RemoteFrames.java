package org.dicomseg.read;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.dicomseg.dicom.FrameFetcher;

/**
 * The frames of a remote SEG, fetched on demand in batches and kept only while they are likely to
 * be read: a read of a frame not at hand fetches, in one request, that frame and the frames planned
 * to be read after it ({@link #plan}, e.g. the frames of the segments or the tiles of the region
 * being imported; else the following frames in file order), at most {@link #batchFrames} frames or
 * {@value #BATCH_BYTES} bytes of native frames. The current and the previous batch are kept (the
 * decoding threads of one batch may lag one behind); nothing else, so memory stays bounded whatever
 * the SEG's size. Thread-safe.
 */
final class RemoteFrames {
    /** Native bytes a batch may hold: 16 MB. */
    static final long BATCH_BYTES = 16L << 20;
    /** Frames a batch may hold: the request's frame list stays short (a URL of a few KB). */
    static final int MAX_BATCH = 400;

    private final FrameFetcher fetcher;
    private final String transferSyntaxUid;
    private final int numberOfFrames;
    private final int batchFrames;
    private Map<Integer, byte[]> current = new HashMap<>();
    private Map<Integer, byte[]> previous = new HashMap<>();
    private int[] plan;
    private Map<Integer, Integer> planIndex;
    private long fetched;
    private int requests;

    RemoteFrames(FrameFetcher fetcher, String transferSyntaxUid, int numberOfFrames, long nativeFrameBytes) {
        this.fetcher = fetcher;
        this.transferSyntaxUid = transferSyntaxUid;
        this.numberOfFrames = numberOfFrames;
        this.batchFrames = (int) Math.max(1, Math.min(MAX_BATCH, BATCH_BYTES / Math.max(1, nativeFrameBytes)));
    }

    /** Frames a batch holds at most. */
    int batchFrames() { return batchFrames; }

    /** The frames (1-based) about to be read, in the order they will be read; null = file order. */
    synchronized void plan(int[] frameNumbers) {
        plan = frameNumbers == null ? null : frameNumbers.clone();
        planIndex = null;
        if (plan != null) {
            planIndex = new HashMap<>();
            for (int i = plan.length - 1; i >= 0; i--) planIndex.put(plan[i], i);
        }
    }

    /** Frames fetched so far (each counted once per time it crossed the network). */
    synchronized long fetched() { return fetched; }

    /** Requests made so far. */
    synchronized int requests() { return requests; }

    /** The stored bytes of frame {@code frameNumber} (1-based), fetched with its batch when not at hand. */
    synchronized byte[] get(int frameNumber) throws IOException {
        byte[] b = current.get(frameNumber);
        if (b == null) b = previous.get(frameNumber);
        if (b != null) return b;
        int[] batch = batchFrom(frameNumber);
        Map<Integer, byte[]> got = new HashMap<>();
        fetcher.fetch(batch, (n, ts, bytes) -> {
            if (ts != null && !ts.equals(transferSyntaxUid)) {
                throw new IOException("frame " + n + " came in transfer syntax " + ts + ", the others in " + transferSyntaxUid);
            }
            got.put(n, bytes);
        });
        requests++;
        fetched += got.size();
        previous = current;
        current = got;
        b = got.get(frameNumber);
        if (b == null) throw new IOException("the server did not send frame " + frameNumber);
        return b;
    }

    private int[] batchFrom(int frameNumber) {
        Integer at = planIndex == null ? null : planIndex.get(frameNumber);
        if (at != null) {
            // Batches are fixed slices of the plan, whichever of their frames is asked for first:
            // threads decoding in parallel ask out of order, and a batch starting at the frame asked
            // for would fetch the rest of the plan again for each earlier frame asked for later.
            int start = at / batchFrames * batchFrames;
            int n = Math.min(batchFrames, plan.length - start);
            int[] out = new int[n];
            int k = 0;
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = start; i < plan.length && k < n; i++) if (seen.add(plan[i])) out[k++] = plan[i];
            return java.util.Arrays.copyOf(out, k);
        }
        int n = Math.min(batchFrames, numberOfFrames - frameNumber + 1);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = frameNumber + i;
        return out;
    }
}
