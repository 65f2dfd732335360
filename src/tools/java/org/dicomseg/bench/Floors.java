package org.dicomseg.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Measured floors of the benchmarks: what any implementation on this JVM and kernel pays for an
 * operation's output, timed in the same process and conditions as the operation, to set beside the
 * memory-bandwidth bound (which counts bytes only). Writes: putting the file's bytes into a new
 * file. Reads: allocating the result's planes, which the JVM zeroes (and the garbage collector
 * moves when they outgrow the young generation).
 */
final class Floors {
    private Floors() { }

    /**
     * Median time to put {@code bytes} bytes into a new file in {@code dir}: create, one
     * {@code FileChannel} write from a direct buffer (no copy in Java), close.
     */
    static double fileWrite(Path dir, long bytes, int warmup, int runs) throws IOException {
        if (bytes > Integer.MAX_VALUE) throw new IllegalArgumentException("file of " + bytes + " bytes");
        ByteBuffer data = ByteBuffer.allocateDirect((int) bytes);
        while (data.hasRemaining()) data.put((byte) 1);
        Path f = dir.resolve("floor.bin");
        double[] t = new double[warmup + runs];
        try {
            for (int i = 0; i < t.length; i++) {
                Files.deleteIfExists(f);
                long t0 = System.nanoTime();
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ByteBuffer b = data.duplicate().clear();
                    while (b.hasRemaining()) ch.write(b);
                }
                t[i] = (System.nanoTime() - t0) / 1e9;
            }
        } finally {
            Files.deleteIfExists(f);
        }
        return median(t, warmup);
    }

    /**
     * Median time to allocate {@code planes} byte planes of {@code planeBytes} on all cores (each
     * thread its share), after a {@code System.gc()} as before each timed read.
     */
    static double planes(int planes, int planeBytes, int warmup, int runs) {
        int cores = Runtime.getRuntime().availableProcessors();
        double[] t = new double[warmup + runs];
        for (int i = 0; i < t.length; i++) {
            byte[][] kept = new byte[planes][];
            System.gc();
            long t0 = System.nanoTime();
            Thread[] ts = new Thread[cores - 1];
            for (int k = 1; k < cores; k++) {
                int first = k;
                ts[k - 1] = new Thread(() -> {
                    for (int p = first; p < planes; p += cores) kept[p] = new byte[planeBytes];
                });
                ts[k - 1].start();
            }
            for (int p = 0; p < planes; p += cores) kept[p] = new byte[planeBytes];
            for (Thread th : ts) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            t[i] = (System.nanoTime() - t0) / 1e9;
            if (planes > 0 && kept[planes - 1] == null) throw new IllegalStateException("plane not allocated");
        }
        return median(t, warmup);
    }

    private static double median(double[] t, int skip) {
        double[] timed = Arrays.copyOfRange(t, skip, t.length);
        Arrays.sort(timed);
        return timed[timed.length / 2];
    }
}
