package org.dicomseg.dicom;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The writer's file output: bytes are staged in direct (off-heap) buffers that a second thread
 * writes to the file's channel while the caller fills the next one, so each byte is copied once in
 * Java on its way to the kernel, and that copy overlaps the kernel's own copy into the page cache.
 *
 * <p>Why not {@code BufferedOutputStream} over {@code Files.newOutputStream}: that copies every
 * frame into the stream's heap buffer, and the channel then copies that heap buffer again into a
 * temporary direct buffer before the system call, all on the writing thread, about twice the time
 * of the system calls alone (measured figures: docs/benchmarks.md).
 * An error of the writing thread is thrown by the next {@code write}, {@code flush} or
 * {@code close}. Not thread-safe: one thread writes one file.</p>
 *
 * <p>{@link #skip} leaves a run of zero bytes unwritten: the file gets a hole there (POSIX: bytes
 * never written read as zeros), so a large all-zero part (the empty planes of an imported
 * hyperstack) costs neither a copy nor page-cache memory; the file's content is the same.</p>
 */
public final class ChannelOutput extends OutputStream {
    /** Size of each of the two staging buffers: large enough that system calls do not matter. */
    static final int BUFFER = 1 << 20;
    private static final ByteBuffer END = ByteBuffer.allocate(0);
    /**
     * Staging buffers of closed outputs, reused: a new direct buffer costs its zeroing and page
     * faults, for the pair more than writing a small LABELMAP file. At most
     * {@link #POOLED} are kept (4 MiB off the heap).
     */
    private static final java.util.concurrent.ConcurrentLinkedQueue<ByteBuffer> POOL = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final int POOLED = 4;
    private static final java.util.concurrent.atomic.AtomicInteger pooled = new java.util.concurrent.atomic.AtomicInteger();

    private final FileChannel channel;
    private final BlockingQueue<ByteBuffer> filled = new ArrayBlockingQueue<>(3);
    /** The file offset of each buffer in {@link #filled}, in the same order (a {@link #skip} moves the next one on). */
    private final BlockingQueue<Long> offsets = new ArrayBlockingQueue<>(3);
    private final BlockingQueue<ByteBuffer> empty = new ArrayBlockingQueue<>(2);
    private final Thread writer;
    private volatile IOException failure;
    private ByteBuffer current;
    private boolean closed;
    /** Bytes of the buffers handed to the writing thread so far. */
    private long handedOver;

    /**
     * Opens {@code file} for writing from its start, creating it or emptying it. An empty file
     * (the fresh temporary file of {@link AtomicOutput}) is not truncated: on ext4 a truncation to
     * zero makes {@code close()} start writing the data back to disk (the {@code auto_da_alloc}
     * safeguard), time that nothing here needs.
     */
    public ChannelOutput(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.size() > 0) channel.truncate(0);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        current = borrow();
        empty.add(borrow());
        writer = new Thread(this::drainLoop, "dicomseg-file-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private static ByteBuffer borrow() {
        ByteBuffer b = POOL.poll();
        if (b == null) return ByteBuffer.allocateDirect(BUFFER);
        pooled.decrementAndGet();
        return b.clear();
    }

    private static void giveBack(ByteBuffer b) {
        if (b == null || b == END) return;
        if (pooled.incrementAndGet() <= POOLED) POOL.add(b);
        else pooled.decrementAndGet();
    }

    /** The second thread: writes each filled buffer in turn and hands it back empty. */
    private void drainLoop() {
        while (true) {
            ByteBuffer b;
            try {
                b = filled.take();
            } catch (InterruptedException e) {
                failure = new InterruptedIOException("file writer interrupted");
                return;
            }
            if (b == END) return;
            long at = offsets.remove();
            try {
                if (failure == null) while (b.hasRemaining()) at += channel.write(b, at);
            } catch (IOException | RuntimeException e) {
                failure = e instanceof IOException ? (IOException) e : new IOException(e.toString(), e);
            }
            b.clear();
            empty.add(b); // never blocks: at most two buffers exist
        }
    }

    @Override public void write(int b) throws IOException {
        ensureOpen();
        if (!current.hasRemaining()) handOver();
        current.put((byte) b);
    }

    @Override public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (!current.hasRemaining()) handOver();
            int k = Math.min(len, current.remaining());
            current.put(b, off, k);
            off += k;
            len -= k;
        }
    }

    /** Bytes written to this output so far: the file offset at which the next byte will land. */
    public long position() {
        return handedOver + (current == null ? 0 : current.position());
    }

    /**
     * Moves on {@code n} bytes without writing them: they read as zeros (a hole in the file). For
     * a run of zero bytes that the caller knows to be zeros, e.g. an empty image plane; small runs
     * are cheaper written, so only call it for runs of many kilobytes.
     */
    public void skip(long n) throws IOException {
        ensureOpen();
        if (n < 0) throw new IllegalArgumentException("negative skip " + n);
        if (n == 0) return;
        if (current.position() > 0) handOver();
        handedOver += n;
    }

    /** Queues what is staged for writing (it is written in order; {@link #close} waits for it). */
    @Override public void flush() throws IOException {
        ensureOpen();
        if (current.position() > 0) handOver();
    }

    /** Queues the current buffer and takes the other one once the writer is done with it. */
    private void handOver() throws IOException {
        offsets.add(handedOver);
        handedOver += current.position();
        current.flip();
        filled.add(current);
        current = null;
        try {
            while (current == null) {
                current = empty.poll(10, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (current == null && !writer.isAlive()) { // stopped without handing a buffer back
                    closed = true;
                    channel.close();
                    throwFailure();
                    throw new IOException("the file writer stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
            filled.add(END);
            channel.close();
            throw new InterruptedIOException("interrupted while writing the file");
        }
        throwFailure();
    }

    private void throwFailure() throws IOException {
        IOException e = failure;
        if (e != null) throw new IOException(e.getMessage(), e);
    }

    private void ensureOpen() throws IOException {
        if (closed) throw new IOException("the output is closed");
        throwFailure();
    }

    /** Writes what is left, waits for the writing thread, then closes the file. */
    @Override public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            boolean queued = current.position() > 0 && failure == null;
            if (queued) {
                offsets.add(handedOver);
                handedOver += current.position();
                current.flip();
                filled.add(current);
            }
            filled.add(END);
            boolean interrupted = false;
            while (true) {
                try {
                    writer.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the file must be complete or failed before it is closed
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            // The writer has stopped and handed every buffer it wrote back: reuse them.
            if (!queued) giveBack(current);
            current = null;
            for (ByteBuffer b = empty.poll(); b != null; b = empty.poll()) giveBack(b);
            throwFailure();
            // a skip at the end: the file still ends where the last skipped byte is
            if (channel.size() < handedOver) channel.write(ByteBuffer.allocate(1), handedOver - 1);
        } finally {
            channel.close();
        }
    }
}
