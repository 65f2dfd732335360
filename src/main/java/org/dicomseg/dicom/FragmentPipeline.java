package org.dicomseg.dicom;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Encodes frames on several threads while keeping their order in the file: work items (one frame,
 * or all frames of one plane) are submitted in order, at most a few are in flight, and the oldest
 * is written as soon as the window is full — as fragments (RLE, JPEG 2000) or as native frames.
 * Memory is bounded by the window (a handful of items), never by the frame count. With one
 * processor (or {@code threads <= 1}) everything runs on the caller's thread.
 */
public final class FragmentPipeline implements AutoCloseable {
    private final PixelDataStream out;
    private final boolean encapsulated;
    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Future<byte[][]>> inFlight = new ArrayDeque<>();

    public FragmentPipeline(PixelDataStream out, boolean encapsulated, int threads) {
        this.out = out;
        this.encapsulated = encapsulated;
        if (threads > 1) {
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "dicomseg-frame-encoder");
                t.setDaemon(true);
                return t;
            });
            this.window = 2 * threads;
        } else {
            this.pool = null;
            this.window = 0;
        }
    }

    /** Threads worth using for compressing frames on this machine. */
    public static int defaultThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** True when work runs on other threads, so submitted work must not share buffers with the caller. */
    public boolean parallel() { return pool != null; }

    /**
     * Encodes one frame with {@code encoder} (which must only use data it owns, not buffers the
     * caller reuses) and appends it, in submission order.
     */
    public void submit(Callable<byte[]> encoder) throws IOException {
        submitFrames(() -> new byte[][] {encoder.call()});
    }

    /** Like {@link #submit} for several consecutive frames at once (e.g. every segment of a plane). */
    public void submitFrames(Callable<byte[][]> encoder) throws IOException {
        if (pool == null) {
            write(call(encoder));
            return;
        }
        if (inFlight.size() >= window) write(get(inFlight.removeFirst()));
        inFlight.addLast(pool.submit(encoder));
    }

    /**
     * Appends one frame that the caller encoded itself, at once (its buffer may be reused after the
     * call); only while no work is in flight, i.e. in order.
     */
    public void fragment(byte[] data, int length) throws IOException {
        if (!inFlight.isEmpty()) throw new IllegalStateException("Frames are still in flight");
        if (encapsulated) out.fragment(data, length);
        else out.nativeFrame(data, length);
    }

    /** Writes every frame still in flight. */
    public void finish() throws IOException {
        while (!inFlight.isEmpty()) write(get(inFlight.removeFirst()));
    }

    private void write(byte[][] frames) throws IOException {
        for (byte[] f : frames) {
            if (encapsulated) out.fragment(f, f.length);
            else out.nativeFrame(f, f.length);
        }
    }

    private static byte[][] call(Callable<byte[][]> c) throws IOException {
        try {
            return c.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static byte[][] get(Future<byte[][]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while encoding frames", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) throw (RuntimeException) c;
            if (c instanceof Error) throw (Error) c;
            if (c instanceof IOException) throw (IOException) c;
            throw new IOException(c);
        }
    }

    @Override public void close() {
        if (pool != null) {
            for (Future<byte[][]> f : inFlight) f.cancel(true);
            pool.shutdownNow();
        }
    }
}
