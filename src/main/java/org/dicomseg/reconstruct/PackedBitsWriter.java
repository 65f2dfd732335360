package org.dicomseg.reconstruct;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.dicomseg.pixels.BitPacking;

/**
 * The packed-bit kernels: BINARY frames (1 bit per pixel, PS3.5 8.1.1, and PS3.3 C.8.20.2.1) go
 * from their stored bits straight into the output arrays, eight pixels at a time
 * ({@link BitPacking#spread} and one 8-byte store under the spread mask), 32 zero bytes
 * (256 background pixels) skipped at once, then eight, and runs of 64 and more set pixels (the inside of a
 * shape) written as one fill, so only nonzero pixels are written and an empty frame allocates
 * nothing. Whole frames go into a segment channel ({@link #packedToChannel}) or a label map with
 * the overlap check ({@link #packedToLabels}); a frame placed at an offset (a tile) is spread row
 * by row with any bit alignment, clipped to the plane ({@link #packedTile}).
 *
 * <p>Stateless apart from the output planes, so one instance serves every worker thread; a plane
 * is written by one thread at a time (the batches see to that).</p>
 */
final class PackedBitsWriter {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final OutputPlanes planes;
    private final int frameRows;
    private final int frameColumns;
    private final int width;
    private final int height;
    private final boolean labelOut;
    private final SegmentationVolume.PixelType pixelType;
    private final int[] valueOfSegment;    // label map output: segment -> value
    private final int[] segmentOfValue;    // label map output: value -> first segment with it
    private final boolean failOnOverlap;
    private final int foreground;          // segment channels: the value of a set pixel

    PackedBitsWriter(OutputLayout layout, OutputPlanes planes) {
        this.planes = planes;
        this.frameRows = layout.frameRows;
        this.frameColumns = layout.frameColumns;
        this.width = layout.width;
        this.height = layout.height;
        this.labelOut = layout.labelOut;
        this.pixelType = layout.pixelType;
        this.valueOfSegment = layout.valueOfSegment;
        this.segmentOfValue = layout.segmentOfValue;
        this.failOnOverlap = layout.failOnOverlap;
        this.foreground = layout.foreground;
    }

    /**
     * A BINARY frame of packed bits (from bit {@code bitBase} of {@code bits}, any alignment)
     * placed at (dx, dy) of the plane, clipped to it, into the segment channel or the label map at
     * {@code index}: row by row, eight pixels at a time (eight bytes of zero bits skipped at once
     * when aligned), merged under the spread mask, so pixels whose bit is clear keep their value;
     * with {@link ReconstructionOptions.OverlapPolicy#FAIL} a label map byte group that already
     * holds labels is checked pixel by pixel in order, like the general path's label map combination.
     */
    void packedTile(byte[] bits, long bitBase, int segment, int plane, int index, int dx, int dy) {
        int value = labelOut ? valueOfSegment[segment] : foreground;
        if (value == 0) return;
        int x0 = Math.max(0, dx);
        int x1 = Math.min(width, dx + frameColumns);
        if (x0 >= x1) return;
        int len = x1 - x0;
        boolean bytesOut = pixelType == SegmentationVolume.PixelType.UINT8;
        boolean check = labelOut && failOnOverlap;
        byte[] dst = null;
        for (int r = 0; r < frameRows; r++) {
            int y = dy + r;
            if (y < 0 || y >= height) continue;
            long pos = bitBase + (long) r * frameColumns + (x0 - dx);
            int d = y * width + x0;
            for (int k = 0; k < len; k += 8) {
                int rem = len - k;
                long p = pos + k;
                int bi = (int) (p >>> 3);
                int sh = (int) (p & 7);
                if (sh == 0 && rem >= 64 && (long) LONGS.get(bits, bi) == 0L) {
                    k += 56;
                    continue;
                }
                int x = (bits[bi] & 0xFF) >>> sh;
                if (sh != 0 && 8 - sh < rem) x |= (bits[bi + 1] & 0xFF) << (8 - sh);
                x &= rem < 8 ? (1 << rem) - 1 : 0xFF;
                if (x == 0) continue;
                if (rem >= 8 && bytesOut) {
                    if (dst == null) dst = (byte[]) planes.array(index);
                    long u = BitPacking.spread(x);
                    long mask = u * 0xFF;
                    int q = d + k;
                    long old = (long) LONGS.get(dst, q);
                    if (check && (old & mask) != 0) {
                        for (int j = 0; j < 8; j++) {
                            if ((x >> j & 1) != 0) checkOverlap(dst[q + j] & 0xFF, value, segment, plane, q + j);
                        }
                    }
                    LONGS.set(dst, q, (old & ~mask) | u * value);
                } else {
                    for (int j = 0; j < Math.min(8, rem); j++) {
                        if ((x >> j & 1) != 0) setLabel(index, d + k + j, segment, plane, value);
                    }
                }
            }
        }
    }

    /**
     * A BINARY frame of packed bits from byte {@code off} of {@code bits} into the segment channel
     * at {@code index}: pixels whose bit is set become the channel's foreground (1, or the value
     * asked for, {@link ReconstructionOptions#channelForeground}), the others keep their value. Zero
     * bytes (eight background pixels) are skipped, 32 or eight zero bytes at a time; the channel is
     * allocated when the first set bit is met, so an empty frame allocates nothing. The pixels
     * written are added to the channel's {@link LabelCounts} (the set bits, counted per byte).
     */
    void packedToChannel(byte[] bits, int off, int index) {
        int n = width * height;
        int whole = n >>> 3;
        int value = foreground;
        byte[] dst = (byte[]) planes.get(index);
        boolean fresh = dst == null; // then every pixel not written here stays 0: plain stores
        long set = 0; // pixels written (for the counts)
        int b = 0;
        while (b < whole) {
            b = skipZeros(bits, off, b, whole);
            if (b + 8 <= whole) {
                long w = (long) LONGS.get(bits, off + b);
                if (w == -1L) { // 64 or more set pixels in a row (the inside of a shape): one fill
                    int e = fullRun(bits, off, b, whole);
                    if (dst == null) dst = (byte[]) planes.array(index);
                    Arrays.fill(dst, b << 3, e << 3, (byte) value);
                    set += (long) (e - b) << 3;
                    b = e;
                    continue;
                }
            }
            int end = Math.min(b + 8, whole);
            for (; b < end; b++) {
                int x = bits[off + b] & 0xFF;
                if (x == 0) continue;
                if (dst == null) dst = (byte[]) planes.array(index);
                long u = BitPacking.spread(x);
                int p = b << 3;
                if (fresh) {
                    LONGS.set(dst, p, u * value);
                } else {
                    long old = (long) LONGS.get(dst, p);
                    LONGS.set(dst, p, (old & ~(u * 0xFF)) | u * value);
                }
                set += Integer.bitCount(x);
            }
        }
        for (int i = whole << 3; i < n; i++) {
            if (((bits[off + (i >>> 3)] >> (i & 7)) & 1) == 0) continue;
            if (dst == null) dst = (byte[]) planes.array(index);
            dst[i] = (byte) value;
            set++;
        }
        LabelCounts counts = planes.labelCounts();
        if (counts != null && set != 0) counts.addChannel(index, set);
    }

    /**
     * A BINARY frame of packed bits into the label map at {@code index}: pixels whose bit is set
     * get the segment's value, eight at a time (the spread bits times the value, merged under the
     * spread mask); with {@link ReconstructionOptions.OverlapPolicy#FAIL} a byte whose pixels
     * already hold a label is checked pixel by pixel in order, like the general path's label map combination.
     * The pixels written are added to the plane's {@link LabelCounts} (the set bits: counted per byte).
     */
    void packedToLabels(byte[] bits, int off, int segment, int plane, int index) {
        int value = valueOfSegment[segment];
        if (value == 0) return;
        int n = width * height;
        int whole = n >>> 3;
        LabelCounts counts = planes.labelCounts();
        long set = 0; // pixels written (the segment's pixels on this plane, for the counts)
        if (pixelType != SegmentationVolume.PixelType.UINT8) {
            for (int i = 0; i < n; i++) {
                if (((bits[off + (i >>> 3)] >> (i & 7)) & 1) != 0) {
                    setLabel(index, i, segment, plane, value);
                    set++;
                }
            }
            if (counts != null) counts.add(plane, value, set);
            return;
        }
        byte[] dst = (byte[]) planes.get(index);
        int b = 0;
        while (b < whole) {
            b = skipZeros(bits, off, b, whole);
            if (b + 8 <= whole) {
                long w = (long) LONGS.get(bits, off + b);
                if (w == -1L) { // 64 or more set pixels in a row: checked (FAIL) then one fill
                    int e = fullRun(bits, off, b, whole);
                    if (dst == null) dst = (byte[]) planes.array(index);
                    if (failOnOverlap) checkRun(dst, b << 3, e << 3, value, segment, plane);
                    Arrays.fill(dst, b << 3, e << 3, (byte) value);
                    set += (long) (e - b) << 3;
                    b = e;
                    continue;
                }
            }
            int end = Math.min(b + 8, whole);
            for (; b < end; b++) {
                int x = bits[off + b] & 0xFF;
                if (x == 0) continue;
                if (dst == null) dst = (byte[]) planes.array(index);
                long u = BitPacking.spread(x);
                long mask = u * 0xFF;
                int p = b << 3;
                long old = (long) LONGS.get(dst, p);
                if ((old & mask) != 0 && failOnOverlap) {
                    for (int k = 0; k < 8; k++) {
                        if ((x >> k & 1) != 0) checkOverlap(dst[p + k] & 0xFF, value, segment, plane, p + k);
                    }
                }
                LONGS.set(dst, p, (old & ~mask) | u * value);
                set += Integer.bitCount(x);
            }
        }
        for (int i = whole << 3; i < n; i++) {
            if (((bits[off + (i >>> 3)] >> (i & 7)) & 1) != 0) {
                setLabel(index, i, segment, plane, value);
                set++;
            }
        }
        if (counts != null) counts.add(plane, value, set);
    }

    /**
     * The first byte from {@code b} (in steps of eight) whose eight bytes are not all zero, or the
     * first with fewer than eight bytes left before {@code whole}: 32 bytes (256 background pixels)
     * tested at once, one branch for four loads, then eight at a time.
     */
    private static int skipZeros(byte[] bits, int off, int b, int whole) {
        while (b + 32 <= whole && ((long) LONGS.get(bits, off + b) | (long) LONGS.get(bits, off + b + 8)
                | (long) LONGS.get(bits, off + b + 16) | (long) LONGS.get(bits, off + b + 24)) == 0L) {
            b += 32;
        }
        while (b + 8 <= whole && (long) LONGS.get(bits, off + b) == 0L) b += 8;
        return b;
    }

    /** Where the run of all-ones bytes starting with the eight at {@code b} ends (in whole longs; bytes from {@code off}). */
    private static int fullRun(byte[] bits, int off, int b, int whole) {
        int e = b + 8;
        while (e + 8 <= whole && (long) LONGS.get(bits, off + e) == -1L) e += 8;
        return e;
    }

    /** The overlap check of pixels {@code from .. to-1} of a label map plane, in pixel order. */
    private void checkRun(byte[] dst, int from, int to, int value, int segment, int plane) {
        for (int p = from; p < to; p += 8) {
            if ((long) LONGS.get(dst, p) == 0L) continue;
            for (int k = p; k < p + 8; k++) checkOverlap(dst[k] & 0xFF, value, segment, plane, k);
        }
    }

    /** One pixel of {@link #packedToLabels}. */
    private void setLabel(int index, int i, int segment, int plane, int value) {
        Object out = planes.array(index);
        if (out instanceof byte[]) {
            byte[] dst = (byte[]) out;
            if (failOnOverlap) checkOverlap(dst[i] & 0xFF, value, segment, plane, i);
            dst[i] = (byte) value;
        } else {
            short[] dst = (short[]) out;
            if (failOnOverlap) checkOverlap(dst[i] & 0xFFFF, value, segment, plane, i);
            dst[i] = (short) value;
        }
    }

    private void checkOverlap(int old, int value, int segment, int plane, int i) {
        if (old != 0 && old != value) throw new SegmentOverlapException(segmentOfValue[old], segment, plane, i % width, i / width);
    }
}
