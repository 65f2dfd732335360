package org.dicomseg.reconstruct;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.dicomseg.pixels.BitPacking;
import org.dicomseg.read.FrameCursor;
import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegReadException;
import org.dicomseg.dicom.SegTransferSyntax;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.task.Progress;

/**
 * The fast path of {@code Reconstructor.region} (and so of the whole Total Pixel Matrix) for the
 * common slide case: BINARY tiles (1-bit packed frames: native, RLE or deflated) on the tile grid
 * of the Total Pixel Matrix, at most one tile per grid cell and output array (no two tiles of
 * one channel, or of the label map, share a pixel), into 8-bit planes.
 *
 * <p>The output is cut into <em>bands</em> (one row of tiles of one output array); the threads
 * take whole bands. A band's tiles are read one by one through the thread's
 * {@link FrameCursor} into a band buffer, then the band is written out <em>row by row</em> across
 * all its tiles, so each output row is written front to back, once: 64 pixels of packed bits at a
 * time, runs of all-clear and all-set words (empty and full tiles, the inside of a tissue region)
 * coalesced over tile borders into {@link Arrays#fill} calls, other bytes spread eight pixels at a
 * time ({@link BitPacking#spread}) with one 8-byte store ({@link BandRowWriter}).</p>
 *
 * <p>Two modes. <b>Fresh</b> (the planes are the ones Java allocated, all zero): runs of zero are
 * skipped, so only the set pixels' neighbourhoods are written, and an array is allocated only
 * when a band whose tiles hold a set bit reaches it (channels without any stay unallocated, as in
 * {@link OutputPlanes}). The JVM zeroes a new array on the allocating thread (~0.1 s for 900 MB);
 * meanwhile the other threads go on reading bands and keep them to write once the array is
 * there (only the bits of partial tiles: empty and full tiles are noted as such; up to a
 * sixteenth of the plane's size, at most 64 MiB). <b>Into</b> (the caller's arrays, any content): every pixel of every array is written
 * exactly once, zero where no tile or no set bit is, so no separate clear is needed.</p>
 *
 * <p>Progress ({@link ReconstructionOptions#progress}) is reported on the calling thread, once per
 * tile, in order, after the band holding the tile is written; cancellation is checked there and
 * stops the other threads at their next tile. When tiles fail, the error of the tile placed
 * first is thrown, as a sequential pass would.</p>
 */
final class TileMosaic {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final SegmentationReader reader;
    private final OutputPlanes planes;
    private final ReconstructionOptions options;
    private final ReconstructionStatistics statistics;
    private final int frameRows;
    private final int frameColumns;
    private final int x0;
    private final int y0;
    private final int width;
    private final int height;
    private final boolean into;
    private final int slotBytes;

    // The tiles, grouped by unit (output array c, band b: unit = c * bands + b), each unit's tiles by column.
    private final int bandTop;      // grid row of the first band
    private final int bands;
    private final int units;
    private final int[] unitStart;  // units + 1
    private final int[] tileOfSlot; // placement index per slot
    private final int[] frameOf;    // per placement index: frame number
    private final int[] colOf;      // per placement index: 0-based column of the tile in the Total Pixel Matrix
    private final byte[] valueOf;   // per placement index: the value a set bit becomes

    private final AtomicInteger nextUnit = new AtomicInteger();
    // Fresh mode: the first thread to need an array allocates it (the JVM zeroes it, ~0.1 s per
    // 900 MB, on that thread); meanwhile the others keep reading bands and stash them, up to a budget.
    private final AtomicIntegerArray claimed;
    private final AtomicReferenceArray<byte[]> ready;
    private final ConcurrentLinkedQueue<Stashed> stash = new ConcurrentLinkedQueue<>();
    private final AtomicLong stashedBytes = new AtomicLong();
    private final long stashBudget;

    /** A band read while its array was being allocated: its partial tiles' bits and its tiles' {@link Worker#bitOf}. */
    private static final class Stashed {
        final int unit;
        final byte[] band;
        final int[] bitOf;

        Stashed(int unit, byte[] band, int[] bitOf) {
            this.unit = unit;
            this.band = band;
            this.bitOf = bitOf;
        }
    }

    private final AtomicInteger done = new AtomicInteger();
    private volatile boolean stop;
    private final Object failureLock = new Object();
    private volatile int failedAt = Integer.MAX_VALUE;
    private Throwable failure;

    private TileMosaic(SegmentationReader reader, OutputLayout layout, OutputPlanes planes, ReconstructionOptions options,
            int x, int y, int width, int height, boolean into, Plan p) {
        this.reader = reader;
        this.planes = planes;
        this.options = options;
        this.statistics = options.statistics();
        this.frameRows = reader.rows();
        this.frameColumns = reader.columns();
        this.x0 = x;
        this.y0 = y;
        this.width = width;
        this.height = height;
        this.into = into;
        long frameBits = (long) frameRows * frameColumns;
        this.slotBytes = (int) ((frameBits + 7 + 7) >>> 3) + 16; // any bit offset 0..7, padding for 8-byte reads
        this.bandTop = p.bandTop;
        this.bands = p.bands;
        this.units = p.units;
        this.unitStart = p.unitStart;
        this.tileOfSlot = p.tileOfSlot;
        this.frameOf = p.frameOf;
        this.colOf = p.colOf;
        this.valueOf = p.valueOf;
        int arrays = layout.channels();
        this.claimed = new AtomicIntegerArray(arrays);
        this.ready = new AtomicReferenceArray<>(arrays);
        // half the packed bits of the plane, at most 64 MiB (only partial tiles' bits are kept)
        this.stashBudget = Math.min(64L << 20, (long) width * height / 16);
    }

    /** The tiles sorted into units, or null when the fast path does not apply. */
    private static final class Plan {
        int bandTop;
        int bands;
        int units;
        int[] unitStart;
        int[] tileOfSlot;
        int[] frameOf;
        int[] colOf;
        byte[] valueOf;
    }

    /**
     * Places {@code tiles} (placement order; each intersects the region) into plane 0 of
     * {@code planes} (laid out as {@code layout} says) when the fast path applies; returns false,
     * having done nothing, when it does not. With {@code into} the planes are the caller's arrays
     * ({@link OutputPlanes#preset}), every pixel of which is written.
     */
    static boolean place(SegmentationReader r, OutputLayout layout, OutputPlanes planes, ReconstructionOptions o,
            List<FrameInfo> tiles, int x, int y, int width, int height, boolean into) throws SegReadException {
        Plan p = plan(r, layout, tiles, y, height);
        if (p == null) return false;
        o.statistics().tookBandPath();
        new TileMosaic(r, layout, planes, o, x, y, width, height, into, p).run(tiles.size());
        return true;
    }

    private static Plan plan(SegmentationReader r, OutputLayout layout, List<FrameInfo> tiles, int y, int height) {
        if (r.segmentationType() != SegmentationType.BINARY || r.metadata().bitsAllocated() != 1) return null;
        if (layout.pixelType() != SegmentationVolume.PixelType.UINT8) return null;
        SegTransferSyntax ts = r.metadata().transferSyntax();
        if (ts == null || ts.encoding() == SegTransferSyntax.Encoding.JPEG_2000
                || ts.encoding() == SegTransferSyntax.Encoding.JPEG_LS) return null; // frames come as bytes
        int rows = r.rows(), cols = r.columns();
        int arrays = layout.channels();
        int bandTop = y / rows;
        int bands = (y + height - 1) / rows - bandTop + 1;
        long unitsL = (long) arrays * bands;
        if (unitsL > Integer.MAX_VALUE / 2) return null;
        int units = (int) unitsL;
        int n = tiles.size();
        int[] unitOf = new int[n];
        int[] frameOf = new int[n];
        int[] colOf = new int[n];
        byte[] valueOf = new byte[n];
        int[] count = new int[units + 1];
        int gridCols = (r.metadata().totalPixelMatrixColumns() + cols - 1) / cols;
        BitSet[] taken = new BitSet[arrays];
        for (int i = 0; i < n; i++) {
            FrameInfo f = tiles.get(i);
            int seg = f.referencedSegmentNumber();
            int array = layout.arrayOfSegment(seg);
            if (array < 0) return null;
            int value = layout.valueOfSegment(seg);
            if (value <= 0 || value > 255) return null;
            int tx = f.columnPositionInTotalPixelMatrix() - 1;
            int ty = f.rowPositionInTotalPixelMatrix() - 1;
            if (tx % cols != 0 || ty % rows != 0) return null; // off the tile grid
            int gx = tx / cols, gy = ty / rows;
            if (gx >= gridCols) return null;
            if (taken[array] == null) taken[array] = new BitSet();
            long cell = (long) (gy - bandTop) * gridCols + gx;
            if (gy < bandTop || gy - bandTop >= bands || cell > Integer.MAX_VALUE) return null;
            if (taken[array].get((int) cell)) return null; // two tiles on one pixel of one array: placement order matters
            taken[array].set((int) cell);
            int unit = array * bands + (gy - bandTop);
            count[unit]++;
            valueOf[i] = (byte) value;
            unitOf[i] = unit;
            frameOf[i] = f.frameNumber();
            colOf[i] = tx;
        }
        int[] start = new int[units + 1];
        long slotBytes = ((long) rows * cols + 14) / 8 + 16;
        for (int u = 0; u < units; u++) {
            start[u + 1] = start[u] + count[u];
            if (count[u] * slotBytes > 1 << 30) return null; // a band buffer of over 1 GiB: take the per-frame path
        }
        int[] fill = Arrays.copyOf(start, units);
        int[] slot = new int[n];
        for (int i = 0; i < n; i++) slot[fill[unitOf[i]]++] = i;
        // by column within a unit (TILED_FULL and most writers already store them so)
        for (int u = 0; u < units; u++) {
            boolean sorted = true;
            for (int k = start[u] + 1; k < start[u + 1] && sorted; k++) sorted = colOf[slot[k - 1]] < colOf[slot[k]];
            if (sorted) continue;
            long[] keys = new long[start[u + 1] - start[u]];
            for (int k = 0; k < keys.length; k++) keys[k] = (long) colOf[slot[start[u] + k]] << 32 | slot[start[u] + k];
            Arrays.sort(keys);
            for (int k = 0; k < keys.length; k++) slot[start[u] + k] = (int) keys[k];
        }
        Plan p = new Plan();
        p.bandTop = bandTop;
        p.bands = bands;
        p.units = units;
        p.unitStart = start;
        p.tileOfSlot = slot;
        p.frameOf = frameOf;
        p.colOf = colOf;
        p.valueOf = valueOf;
        return p;
    }

    private void run(int total) throws SegReadException {
        Progress progress = options.progress();
        progress.checkCanceled();
        int t = Math.max(1, Math.min(Math.min(options.threads(), Runtime.getRuntime().availableProcessors()), units));
        Worker[] workers = new Worker[t];
        for (int i = 0; i < t; i++) workers[i] = new Worker(reader.cursor()); // before any thread starts (closed reader)
        Thread[] threads = new Thread[t - 1];
        for (int i = 0; i < t - 1; i++) {
            Worker w = workers[i + 1];
            threads[i] = new Thread(() -> w.work(null, 0), "dicomseg-tile-mosaic-" + (i + 1));
            threads[i].setDaemon(true);
            threads[i].start();
        }
        RuntimeException canceled = null;
        try {
            workers[0].work(progress, total);
        } catch (RuntimeException e) { // cancellation (or a progress callback failing): stop the others
            stop = true;
            canceled = e;
        }
        WorkerThreads.joinAll(threads);
        if (canceled != null) throw canceled;
        Throwable e = failure;
        if (e == null) {
            for (int k = reported; k < total; k++) progress.progress(k, total);
            return;
        }
        if (e instanceof SegReadException) throw (SegReadException) e;
        if (e instanceof RuntimeException) throw (RuntimeException) e;
        if (e instanceof Error) throw (Error) e;
        throw new IllegalStateException(e);
    }

    private int reported; // calling thread only

    private void report(Progress progress, int total) {
        int d = done.get();
        while (reported < d) {
            progress.checkCanceled();
            progress.progress(reported++, total);
        }
    }

    private void fail(int tile, Throwable e) {
        synchronized (failureLock) {
            if (tile < failedAt) {
                failedAt = tile;
                failure = e;
            }
        }
    }

    /** One thread's share: its cursor and band buffer. */
    private final class Worker {
        final FrameCursor cursor;
        byte[] band = new byte[0];
        /** Per tile of the band: bit offset of its first pixel (0..7) | kind (EMPTY, FULL, MIXED) << 3 | its slot in the band buffer << 5. */
        int[] bitOf = new int[0];
        final BandRowWriter out = new BandRowWriter();

        Worker(FrameCursor cursor) { this.cursor = cursor; }

        /**
         * Takes units until none is left, then writes what it stashed; the calling thread passes its
         * progress (whose cancellation propagates to {@link #run}), the others null.
         */
        void work(Progress progress, int total) {
            for (int u = nextUnit.getAndIncrement(); u < units && !stop; u = nextUnit.getAndIncrement()) {
                if (progress != null) report(progress, total);
                try {
                    drain(false);
                    done.addAndGet(unit(u));
                } catch (Throwable e) { // not a tile's data (those are caught per tile): a bug or out of memory
                    fail(-1, e);
                    stop = true;
                }
            }
            try {
                drain(true);
            } catch (Throwable e) {
                fail(-1, e);
                stop = true;
            }
            if (progress != null) report(progress, total);
        }

        /** Reads one band into the band buffer and writes it out (or stashes it); returns the tiles placed. */
        private int unit(int u) {
            int s0 = unitStart[u], s1 = unitStart[u + 1];
            int k = s1 - s0;
            if ((long) k * slotBytes > band.length) {
                band = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max((long) k * slotBytes, band.length * 2L))];
                bitOf = new int[Math.max(k, bitOf.length * 2)];
            } else if (bitOf.length < k) {
                bitOf = new int[Math.max(k, bitOf.length * 2)];
            }
            boolean any = false;
            boolean failed = false;
            for (int s = s0; s < s1; s++) {
                if (stop) return 0;
                int tile = tileOfSlot[s];
                if (tile > failedAt) {
                    failed = true;
                    continue;
                }
                try {
                    FrameCursor.Layout layout = cursor.read(frameOf[tile]);
                    if (layout != FrameCursor.Layout.PACKED_BITS) throw new IllegalStateException("BINARY frame not as packed bits: " + layout);
                    long bit = cursor.bitOffset();
                    byte[] d = cursor.data();
                    int first = (int) (bit >>> 3);
                    int len = (int) ((bit - ((long) first << 3) + (long) frameRows * frameColumns + 7) >>> 3);
                    int at = (s - s0) * slotBytes;
                    System.arraycopy(d, first, band, at, len);
                    Arrays.fill(band, at + len, at + slotBytes, (byte) 0);
                    int kind = kind(band, at, len, (int) (bit & 7));
                    bitOf[s - s0] = (int) (bit & 7) | kind << 3 | (s - s0) << 5;
                    any |= kind != EMPTY;
                } catch (Throwable e) {
                    fail(tile, e);
                    failed = true;
                }
            }
            if (failed) return 0;
            if (!into && !any) return k;
            int array = u / bands;
            byte[] dst;
            if (into) {
                dst = (byte[]) planes.get(array);
            } else {
                dst = ready.get(array);
                if (dst == null) {
                    if (claimed.compareAndSet(array, 0, 1)) {
                        dst = (byte[]) planes.array(array); // the JVM zeroes it: ~0.1 s per 900 MB
                        ready.set(array, dst);
                    } else if (stashedBytes.get() <= stashBudget) {
                        // another thread is allocating this array: keep the band (the bits of its
                        // partial tiles; empty and full ones need none) and read on meanwhile
                        int[] meta = Arrays.copyOf(bitOf, k);
                        int mixed = 0;
                        for (int i = 0; i < k; i++) if ((meta[i] >>> 3 & 3) == MIXED) mixed++;
                        byte[] kept = new byte[Math.max(1, mixed) * slotBytes];
                        int m = 0;
                        for (int i = 0; i < k; i++) {
                            if ((meta[i] >>> 3 & 3) != MIXED) continue;
                            System.arraycopy(band, i * slotBytes, kept, m * slotBytes, slotBytes);
                            meta[i] = (meta[i] & 31) | m++ << 5;
                        }
                        stashedBytes.addAndGet(kept.length);
                        stash.add(new Stashed(u, kept, meta));
                        statistics.stashedBand();
                        return 0;
                    } else {
                        dst = (byte[]) planes.array(array); // waits for the allocating thread
                    }
                }
            }
            emit(u, band, bitOf, dst);
            return k;
        }

        /**
         * Writes the stashed bands whose array is ready; with {@code wait}, all of them, waiting for
         * the allocations still running.
         */
        private void drain(boolean wait) {
            for (Stashed t = stash.peek(); t != null && !stop; t = stash.peek()) {
                int array = t.unit / bands;
                byte[] dst = ready.get(array);
                if (dst == null) {
                    if (!wait) return;
                    dst = (byte[]) planes.array(array);
                }
                if (!stash.remove(t)) continue; // another thread took it
                stashedBytes.addAndGet(-t.band.length);
                emit(t.unit, t.band, t.bitOf, dst);
                done.addAndGet(unitStart[t.unit + 1] - unitStart[t.unit]);
            }
        }

        /** Writes the band of unit {@code u} from {@code band} into {@code dst}, row by row. */
        private void emit(int u, byte[] band, int[] bitOf, byte[] dst) {
            int s0 = unitStart[u], s1 = unitStart[u + 1];
            int b = u % bands;
            int top = (bandTop + b) * frameRows - y0;   // output row of the band's first frame row
            int r0 = Math.max(0, -top), r1 = Math.min(frameRows, height - top);
            out.start(dst, into);
            for (int r = r0; r < r1; r++) {
                int row = (top + r) * width;
                int col = 0;
                for (int s = s0; s < s1; s++) {
                    int tile = tileOfSlot[s];
                    int left = colOf[tile] - x0;
                    int c0 = Math.max(0, left), c1 = Math.min(width, left + frameColumns);
                    if (c0 >= c1) continue;
                    if (col < c0) out.zeros(row + col, c0 - col);
                    int kb = bitOf[s - s0];
                    int kind = kb >>> 3 & 3;
                    if (kind == EMPTY) {
                        out.zeros(row + c0, c1 - c0);
                    } else {
                        out.value(valueOf[tile]);
                        if (kind == FULL) {
                            out.ones(row + c0, c1 - c0);
                        } else {
                            long bitPos = ((long) (kb >>> 5) * slotBytes << 3) + (kb & 7) + (long) r * frameColumns + (c0 - left);
                            bits(band, bitPos, c1 - c0, row + c0);
                        }
                    }
                    col = c1;
                }
                if (col < width) out.zeros(row + col, width - col);
                out.flush();
            }
        }

        /** {@code n} pixels from bit {@code p} of {@code src} to output index {@code d}. */
        private void bits(byte[] src, long p, int n, int d) {
            BandRowWriter o = out;
            int k = 0;
            while (k < n) {
                long q = p + k;
                int i = (int) (q >>> 3);
                int sh = (int) (q & 7);
                long w = (long) LONGS.get(src, i);
                if (sh != 0) w = (w >>> sh) | ((long) (src[i + 8] & 0xFF) << (64 - sh));
                int m = Math.min(64, n - k);
                if (m < 64) w &= (1L << m) - 1;
                if (w == 0) {
                    o.zeros(d + k, m);
                } else if (w == -1L) {
                    o.ones(d + k, 64);
                } else {
                    int j = 0;
                    for (; j + 8 <= m; j += 8) {
                        int x = (int) (w >>> j) & 0xFF;
                        if (x == 0) o.zeros(d + k + j, 8);
                        else if (x == 0xFF) o.ones(d + k + j, 8);
                        else o.mixed(d + k + j, x);
                    }
                    if (j < m) o.tail(d + k + j, (int) (w >>> j), m - j);
                }
                k += m;
            }
        }
    }

    private static final int EMPTY = 0, FULL = 1, MIXED = 2;

    /**
     * Whether the tile of {@code len} bytes at {@code from} (first pixel at bit {@code bit}) is all
     * clear, all set or neither. Conservative where a byte is shared with the next frame (1-bit
     * frames are continuous, PS3.5 8.1.1): such tiles may be called MIXED, never wrongly EMPTY/FULL.
     */
    private int kind(byte[] a, int from, int len, int bit) {
        long frameBits = (long) frameRows * frameColumns;
        int i = from, end = from + len;
        long or = 0, and = -1L;
        for (; i + 8 <= end; i += 8) {
            long w = (long) LONGS.get(a, i);
            or |= w;
            and &= w;
        }
        for (; i < end; i++) {
            or |= a[i];
            and &= a[i] | 0xFFFFFFFFFFFFFF00L;
        }
        if (or == 0) return EMPTY; // the bytes hold only this frame's bits and maybe neighbours': all clear
        return and == -1L && bit == 0 && (frameBits & 7) == 0 ? FULL : MIXED;
    }
}
