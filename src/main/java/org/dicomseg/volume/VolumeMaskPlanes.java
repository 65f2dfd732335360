package org.dicomseg.volume;

import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.util.Locale;

import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.PixelKind;

/**
 * One component of a volume file as SEG mask planes, in SEG plane order ({@link VolumePlacement}):
 * integer voxels as labels ({@code UINT8} for 8-bit files, else {@code UINT16}; each value checked
 * to be 0..65535), float or scaled voxels as fractions ({@code FLOAT32}, each value checked to be
 * finite and in [0, 1]); a value that breaks the rule stops the export with a message naming the
 * file, the value and the voxel. When the slice axis is the file's k axis, each SEG plane is read
 * from one stored plane ({@link VoxelSource}: one plane in memory); when it is not (a file stored in
 * another plane orientation than the sources), the stored planes are all read once and kept.
 */
final class VolumeMaskPlanes implements MaskPlanes {
    private final VolumeHeader h;
    private final VoxelSource source;
    private final VolumePlacement place;
    private final int component;
    private final PixelKind kind;
    private final VoxelType type;
    private final boolean big;
    private final int nx;
    private final int ny;
    private final int stride;   // voxels between neighbours along i (components fastest: the component count)
    private final double slope;
    private final double inter;
    private byte[] chunk;
    private byte[][] all;       // every chunk, when the slice axis is not k

    VolumeMaskPlanes(VolumeHeader h, VoxelSource source, VolumePlacement place, int component) {
        this.h = h;
        this.source = source;
        this.place = place;
        this.component = component;
        this.type = h.type();
        this.kind = h.fractional() ? PixelKind.FLOAT32 : (type == VoxelType.UINT8 || type == VoxelType.INT8 ? PixelKind.UINT8 : PixelKind.UINT16);
        this.big = h.order() == ByteOrder.BIG_ENDIAN;
        this.nx = h.size(0);
        this.ny = h.size(1);
        this.stride = h.componentsFastest() ? h.components() : 1;
        this.slope = h.slope();
        this.inter = h.intercept();
    }

    @Override public int rows() { return place.rows(); }
    @Override public int columns() { return place.columns(); }
    @Override public int planes() { return place.planes(); }
    @Override public PixelKind kind() { return kind; }

    @Override public synchronized Object readPlane(int plane, Object dst) {
        int rows = rows();
        int cols = columns();
        Object out = kind.fits(dst, rows * cols) ? dst : kind.newArray(rows * cols);
        int k = place.fileSlice(plane);
        if (k < 0) {
            clear(out);
            return out;
        }
        int[] idx = new int[3];
        int ca = place.columnAxis();
        int ra = place.rowAxis();
        int sa = place.sliceAxis();
        idx[sa] = k;
        int nc = h.size(ca);
        int nr = h.size(ra);
        if (sa == 2) {
            byte[] buf = chunk(chunkOf(k));
            if (type == VoxelType.UINT8 && kind == PixelKind.UINT8 && stride == 1 && ca == 0 && !place.columnReversed()) {
                for (int r = 0; r < rows; r++) {      // 8-bit labels in source row order: whole rows
                    System.arraycopy(buf, (place.rowReversed() ? nr - 1 - r : r) * nx, out, r * cols, cols);
                }
                return out;
            }
            for (int r = 0; r < rows; r++) {
                idx[ra] = place.rowReversed() ? nr - 1 - r : r;
                for (int c = 0; c < cols; c++) {
                    idx[ca] = place.columnReversed() ? nc - 1 - c : c;
                    int voxel = idx[0] + nx * idx[1];
                    put(out, r * cols + c, buf, (voxel * stride + (stride > 1 ? component : 0)) * type.bytes(), plane, r, c);
                }
            }
        } else {
            loadAll();
            for (int r = 0; r < rows; r++) {
                idx[ra] = place.rowReversed() ? nr - 1 - r : r;
                for (int c = 0; c < cols; c++) {
                    idx[ca] = place.columnReversed() ? nc - 1 - c : c;
                    int voxel = idx[0] + nx * idx[1];
                    put(out, r * cols + c, all[chunkOf(idx[2])], (voxel * stride + (stride > 1 ? component : 0)) * type.bytes(), plane, r, c);
                }
            }
        }
        return out;
    }

    private int chunkOf(int k) {
        return stride > 1 ? k : component * h.size(2) + k;
    }

    private byte[] chunk(int index) {
        if (chunk == null) chunk = new byte[source.chunkBytes()];
        source.read(index, chunk);
        return chunk;
    }

    private void loadAll() {
        if (all != null) return;
        byte[][] a = new byte[h.size(2)][];
        for (int k = 0; k < a.length; k++) {
            a[k] = new byte[source.chunkBytes()];
            source.read(chunkOf(k), a[k]);
        }
        all = a;
    }

    private void put(Object out, int at, byte[] b, int off, int plane, int r, int c) {
        if (kind == PixelKind.FLOAT32) {
            double v = raw(b, off) * slope + inter;
            if (!(v >= 0 && v <= 1)) throw bad(v, plane, r, c, Double.isNaN(v) ? "NaN" : "outside [0, 1]");
            ((float[]) out)[at] = (float) v;
            return;
        }
        long v = rawInt(b, off);
        if (v < 0 || v > 65535) throw bad(v, plane, r, c, "not a label (0..65535)");
        if (kind == PixelKind.UINT8) ((byte[]) out)[at] = (byte) v;
        else ((short[]) out)[at] = (short) v;
    }

    private long rawInt(byte[] b, int off) {
        switch (type) {
            case UINT8: return b[off] & 0xFF;
            case INT8: return b[off];
            case UINT16: return u16(b, off);
            case INT16: return (short) u16(b, off);
            case UINT32: return u32(b, off);
            default: return (int) u32(b, off);
        }
    }

    private double raw(byte[] b, int off) {
        switch (type) {
            case FLOAT32: return Float.intBitsToFloat((int) u32(b, off));
            case FLOAT64: {
                long hi = u32(b, big ? off : off + 4);
                long lo = u32(b, big ? off + 4 : off);
                return Double.longBitsToDouble(hi << 32 | lo);
            }
            default: return rawInt(b, off);
        }
    }

    private int u16(byte[] b, int off) {
        return big ? (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF) : (b[off + 1] & 0xFF) << 8 | (b[off] & 0xFF);
    }

    private long u32(byte[] b, int off) {
        long v = big ? (b[off] & 0xFFL) << 24 | (b[off + 1] & 0xFFL) << 16 | (b[off + 2] & 0xFFL) << 8 | (b[off + 3] & 0xFFL)
                : (b[off + 3] & 0xFFL) << 24 | (b[off + 2] & 0xFFL) << 16 | (b[off + 1] & 0xFFL) << 8 | (b[off] & 0xFFL);
        return v;
    }

    private UncheckedIOException bad(double v, int plane, int r, int c, String what) {
        String value = v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
        String msg = String.format(Locale.ROOT, "%s: value %s at SEG plane %d, row %d, column %d%s is %s%s", h.name(), value, plane + 1,
                r + 1, c + 1, h.components() > 1 ? " of component " + (component + 1) : "", what,
                kind == PixelKind.FLOAT32 ? " (float voxels are fractions for a FRACTIONAL SEG; store a label map as integers)" : "");
        return new UncheckedIOException(msg, new VolumeFormatException(msg));
    }

    private static void clear(Object a) {
        if (a instanceof byte[]) java.util.Arrays.fill((byte[]) a, (byte) 0);
        else if (a instanceof short[]) java.util.Arrays.fill((short[]) a, (short) 0);
        else java.util.Arrays.fill((float[]) a, 0f);
    }
}
