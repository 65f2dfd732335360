package org.dicomseg.reconstruct;

import java.util.Arrays;

/**
 * The output arrays of one reconstruction, {@code channels x planes} of them (index
 * {@code plane * channels + channel}): null while a plane is still all zero, allocated (the JVM
 * zeroes it) when the first pixel lands there, so channels a frame never touches cost nothing.
 * Safe to allocate from several threads: one lock per group of planes, not one for all, so workers
 * zero different planes at the same time while a plane wanted by several threads at once (tiles of
 * one Total Pixel Matrix) is still allocated once — a 900 MB plane allocated twice would cost its
 * zeroing twice.
 */
final class OutputPlanes {
    private final SegmentationVolume.PixelType pixelType;
    private final int planeSize;
    private final int channels;
    private final int planes;
    private final Object[] data;
    private final ReconstructionStatistics statistics;
    /** The label map's pixels counted as frames are written, or null (see {@link LabelCounts}). */
    private LabelCounts labelCounts;
    /** Locks of {@link #array}: plane {@code i} is allocated under lock {@code i % 64}. */
    private final Object[] allocationLocks = new Object[64];
    {
        for (int i = 0; i < allocationLocks.length; i++) allocationLocks[i] = new Object();
    }

    OutputPlanes(SegmentationVolume.PixelType pixelType, int width, int height, int channels, int planes,
            ReconstructionStatistics statistics) {
        this.pixelType = pixelType;
        this.planeSize = width * height;
        this.channels = channels;
        this.planes = planes;
        this.statistics = statistics;
        long arrays = (long) channels * planes;
        if (arrays > Integer.MAX_VALUE - 16) throw new IllegalArgumentException("too many planes: " + arrays);
        data = new Object[(int) arrays]; // null = still all zero; allocated when a frame lands there
    }

    /** The array at {@code index}, allocated (zero) on first use; safe from several threads. */
    Object array(int index) {
        Object a = data[index];
        if (a != null) return a;
        boolean allocated = false;
        // One lock per group of planes, not one for all: the workers zero the planes they allocate at
        // the same time, while tiles of one plane decoded on several threads still get one array
        // (a Total Pixel Matrix plane can be 900 MB: allocating it twice would cost its zeroing twice).
        synchronized (allocationLocks[index % allocationLocks.length]) {
            a = data[index];
            if (a == null) {
                a = SegmentationVolume.newPlane(pixelType, planeSize);
                data[index] = a;
                allocated = true;
            }
        }
        if (allocated) statistics.allocatedPlane();
        return a;
    }

    /** Counts the label map's pixels as the kernels write them (set before the first frame is placed). */
    void countLabels(LabelCounts c) { this.labelCounts = c; }

    /** The counts the kernels add to, or null. */
    LabelCounts labelCounts() { return labelCounts; }

    /** The array at {@code index} as it is (null when not allocated). */
    Object get(int index) { return data[index]; }

    /**
     * Makes the caller's arrays the output (one plane: index = channel), e.g. a reused buffer;
     * whatever they hold is kept where no frame writes, so they must be cleared first unless
     * every pixel is going to be written.
     */
    void preset(Object[] arrays) {
        if (planes != 1 || arrays.length != channels) throw new IllegalStateException("preset needs one plane of " + channels + " arrays");
        System.arraycopy(arrays, 0, data, 0, channels);
    }

    /** All arrays, index {@code plane * channels + channel} (null = all zero): handed to the result, not copied. */
    Object[] arrays() { return data; }

    /** Sets every element of the arrays (byte[], short[] or float[]) to zero, on up to {@code threads} threads. */
    static void clear(Object[] arrays, int threads) {
        long total = 0;
        for (Object a : arrays) total += java.lang.reflect.Array.getLength(a);
        int t = (int) Math.max(1, Math.min(Math.min(threads, Runtime.getRuntime().availableProcessors()), total >> 20));
        Thread[] helpers = new Thread[t - 1];
        for (int i = 1; i < t; i++) {
            int part = i;
            helpers[i - 1] = new Thread(() -> clearPart(arrays, part, t), "dicomseg-clear-" + i);
            helpers[i - 1].setDaemon(true);
            helpers[i - 1].start();
        }
        clearPart(arrays, 0, t);
        WorkerThreads.joinAll(helpers);
    }

    private static void clearPart(Object[] arrays, int part, int parts) {
        for (Object a : arrays) {
            int n = java.lang.reflect.Array.getLength(a);
            int from = (int) ((long) n * part / parts), to = (int) ((long) n * (part + 1) / parts);
            if (a instanceof byte[]) Arrays.fill((byte[]) a, from, to, (byte) 0);
            else if (a instanceof short[]) Arrays.fill((short[]) a, from, to, (short) 0);
            else Arrays.fill((float[]) a, from, to, 0f);
        }
    }
}
