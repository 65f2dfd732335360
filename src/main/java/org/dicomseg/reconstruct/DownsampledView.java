package org.dicomseg.reconstruct;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegReadException;
import org.dicomseg.read.SegmentationMetadata;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.mask.DownsampledMaskPlanes;
import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.task.Progress;

/**
 * A downsampled view of a region of a tiled (slide) segmentation's Total Pixel Matrix, computed
 * block by block so that the full-resolution matrix is never held: the region is cut into chunks
 * (multiples of the factor, aligned with the tiles where cheap, about 2048 pixels a side), each
 * chunk is read with {@link Reconstructor#region} (only the tiles it intersects are decoded) and
 * reduced with the pyramid writer's block rules ({@link DownsampledMaskPlanes}): segment channels
 * of BINARY and LABELMAP files by "any foreground" ({@link DownsampledMaskPlanes.Rule#ANY}),
 * FRACTIONAL channels by the block mean (stored values rounded, or floats with
 * {@link ReconstructionOptions#rescaleFractional}), a combined label map
 * ({@link ReconstructionOptions#combineToLabelMap}) by the most frequent nonzero label.
 *
 * <p>Output pixel {@code (i, j)} covers region columns {@code i*f .. i*f+f-1} and rows
 * {@code j*f .. j*f+f-1}; the output is {@code ceil(width/f) x ceil(height/f)}; blocks cut by the
 * region's right or bottom edge summarise the pixels they have (MEAN divides by f², as the
 * pyramid does). The result's pixel spacing is the file's times f, its origin the region offset
 * in full-resolution pixels ({@link SegmentationVolume#originX()}).</p>
 */
public final class DownsampledView {
    private static final int CHUNK = 2048;

    private DownsampledView() { }

    /**
     * Columns {@code x .. x+width-1}, rows {@code y .. y+height-1} (0-based, full resolution) of the
     * Total Pixel Matrix, downsampled by {@code factor} (1 = {@link Reconstructor#region}).
     */
    public static SegmentationVolume region(SegmentationReader r, int x, int y, int width, int height, int factor,
            ReconstructionOptions o) throws SegReadException {
        if (factor < 1) throw new IllegalArgumentException("Downsampling factor must be at least 1, got " + factor);
        return region(r, x, y, width, height, factor, o, CHUNK);
    }

    /** {@link #region} with chunks of about {@code chunkSide} pixels (tests use small ones). */
    static SegmentationVolume region(SegmentationReader r, int x, int y, int width, int height, int factor,
            ReconstructionOptions o, int chunkSide) throws SegReadException {
        if (factor < 1) throw new IllegalArgumentException("Downsampling factor must be at least 1, got " + factor);
        if (factor == 1) return Reconstructor.region(r, x, y, width, height, o);
        SegmentationMetadata m = r.metadata();
        if (width <= 0 || height <= 0 || x < 0 || y < 0 || (long) x + width > m.totalPixelMatrixColumns()
                || (long) y + height > m.totalPixelMatrixRows()) {
            throw new IllegalArgumentException("region x=" + x + " y=" + y + " " + width + "x" + height + " is outside the "
                    + m.totalPixelMatrixColumns() + "x" + m.totalPixelMatrixRows() + " Total Pixel Matrix");
        }
        int outW = (int) (((long) width + factor - 1) / factor), outH = (int) (((long) height + factor - 1) / factor);
        int chunkW = chunk(factor, m.columns(), chunkSide), chunkH = chunk(factor, m.rows(), chunkSide);
        long nx = (width + (long) chunkW - 1) / chunkW, ny = (height + (long) chunkH - 1) / chunkH;
        // Only the chunks some tile touches are read, and of each only the box its tiles cover: the
        // work and memory follow the tiles the file holds, not the size its header claims (a 3 KB file
        // may claim a 10^6 x 10^6 matrix, whose factor makes a chunk 10^6 pixels a side). Chunks are
        // whole blocks of the factor, so a block never spans two reads; pixels outside the box are
        // empty, which every rule ignores (MEAN divides by f^2 anyway). The first chunk is always
        // read, so that an empty region still has its channels.
        java.util.TreeMap<Long, long[]> boxes = new java.util.TreeMap<>();
        boxes.put(0L, null);
        for (FrameInfo f : r.frames()) {
            if (!f.isTile()) continue;
            long tx = f.columnPositionInTotalPixelMatrix() - 1L - x, ty = f.rowPositionInTotalPixelMatrix() - 1L - y;
            long tx1 = Math.min(width, tx + m.columns()), ty1 = Math.min(height, ty + m.rows());
            tx = Math.max(0, tx);
            ty = Math.max(0, ty);
            if (tx >= tx1 || ty >= ty1) continue;
            for (long j = ty / chunkH; j <= (ty1 - 1) / chunkH; j++) {
                for (long i = tx / chunkW; i <= (tx1 - 1) / chunkW; i++) {
                    long x0 = Math.max(tx, i * chunkW), x1 = Math.min(tx1, (i + 1) * chunkW);
                    long y0 = Math.max(ty, j * chunkH), y1 = Math.min(ty1, (j + 1) * chunkH);
                    long[] b = boxes.get(j * nx + i);
                    if (b == null) boxes.put(j * nx + i, new long[] {x0, y0, x1, y1});
                    else {
                        b[0] = Math.min(b[0], x0);
                        b[1] = Math.min(b[1], y0);
                        b[2] = Math.max(b[2], x1);
                        b[3] = Math.max(b[3], y1);
                    }
                }
            }
        }
        Progress outer = o.progress();
        Output out = null;
        try {
            int k = 0;
            for (java.util.Map.Entry<Long, long[]> e : boxes.entrySet()) {
                long[] b = e.getValue();
                if (b == null) { // no tile in the first chunk: one block of it, for the channels
                    b = new long[] {0, 0, Math.min(width, Math.min(chunkW, factor)), Math.min(height, Math.min(chunkH, factor))};
                }
                int bx = (int) b[0], by = (int) b[1];
                o.progress(new ChunkProgress(outer, k++, boxes.size()));
                SegmentationVolume part = Reconstructor.regionOnOnePlane(r, x + bx, y + by, (int) (b[2] - b[0]), (int) (b[3] - b[1]), o);
                if (out == null) out = new Output(part, outW, outH);
                out.add(part, bx / factor, by / factor, bx % factor, by % factor, factor, rule(r, part));
            }
        } finally {
            o.progress(outer);
        }
        out.notes.add("downsampled by " + factor + " (" + width + "x" + height + " -> " + outW + "x" + outH + ")");
        double[] ps = m.pixelSpacing();
        double[] spacing = ps == null ? null : new double[] {ps[0] * factor, ps[1] * factor};
        return new SegmentationVolume(outW, outH, 1, out.channels, out.type, out.data, out.segments, out.labelValues,
                out.labelMap, new double[1][], m.imageOrientationPatient(), spacing, Double.NaN, new String[1], new int[1], x, y,
                out.framesRead, new ArrayList<>(out.notes));
    }

    /** The whole Total Pixel Matrix downsampled by {@code factor}. */
    public static SegmentationVolume totalPixelMatrix(SegmentationReader r, int factor, ReconstructionOptions o)
            throws SegReadException {
        SegmentationMetadata m = r.metadata();
        return region(r, 0, 0, m.totalPixelMatrixColumns(), m.totalPixelMatrixRows(), factor, o);
    }

    /**
     * The smallest factor for which {@code width x height} fits in {@code maxSide} pixels on the
     * long side and {@code maxPixels} pixels in all (1 when it already fits).
     */
    public static int fittingFactor(long width, long height, int maxSide, long maxPixels) {
        if (maxSide < 1 || maxPixels < 1) throw new IllegalArgumentException("limits must be positive");
        int f = 1;
        while (true) {
            long w = (width + f - 1) / f, h = (height + f - 1) / f;
            if (Math.max(w, h) <= maxSide && w * h <= maxPixels) return f;
            f++;
        }
    }

    /** A chunk side: a multiple of the factor, and of the tile size when that is cheap. */
    static int chunk(int factor, int tile, int side) {
        long lcm = (long) factor / gcd(factor, Math.max(1, tile)) * Math.max(1, tile);
        long unit = lcm <= side * 2L ? lcm : factor;
        long n = Math.max(1, side / unit);
        return (int) Math.min(Integer.MAX_VALUE / 2, unit * n);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static DownsampledMaskPlanes.Rule rule(SegmentationReader r, SegmentationVolume v) {
        if (v.isLabelMap()) return DownsampledMaskPlanes.Rule.MODE;
        return r.segmentationType() == SegmentationType.FRACTIONAL ? DownsampledMaskPlanes.Rule.MEAN : DownsampledMaskPlanes.Rule.ANY;
    }

    /** The downsampled planes being filled, chunk by chunk. */
    private static final class Output {
        final int width;
        final int height;
        final int channels;
        final SegmentationVolume.PixelType type;
        final Object[] data;
        final int[] segments;
        final int[] labelValues;
        final boolean labelMap;
        final Set<String> notes = new LinkedHashSet<>();
        long framesRead;

        Output(SegmentationVolume first, int width, int height) {
            this.width = width;
            this.height = height;
            this.channels = first.channels();
            this.type = first.pixelType();
            this.data = new Object[channels];
            this.segments = first.segmentNumbers();
            this.labelValues = first.labelValues();
            this.labelMap = first.isLabelMap();
        }

        void add(SegmentationVolume part, int ox, int oy, int shiftX, int shiftY, int factor, DownsampledMaskPlanes.Rule rule) {
            framesRead += part.framesRead();
            notes.addAll(part.notes());
            for (int c = 0; c < channels; c++) {
                if (part.isEmpty(c, 0)) continue;
                Object plane = part.plane(c, 0);
                MaskPlanes src;
                if (plane instanceof byte[]) src = MaskPlanes.ofBytes(new byte[][] {(byte[]) plane}, part.height(), part.width());
                else if (plane instanceof short[]) src = MaskPlanes.ofShorts(new short[][] {(short[]) plane}, part.height(), part.width());
                else src = MaskPlanes.ofFloats(new float[][] {(float[]) plane}, part.height(), part.width());
                DownsampledMaskPlanes small = new DownsampledMaskPlanes(src, factor, shiftX, shiftY, rule);
                int w = Math.min(small.columns(), width - ox), h = Math.min(small.rows(), height - oy);
                Object block = small.readPlane(0, null);
                if (data[c] == null) data[c] = SegmentationVolume.newPlane(type, width * height);
                for (int row = 0; row < h; row++) {
                    System.arraycopy(block, row * small.columns(), data[c], (oy + row) * width + ox, w);
                }
            }
        }
    }

    /** Reports a chunk's frames as a share of the whole view and passes cancellation through. */
    private static final class ChunkProgress implements Progress {
        private final Progress outer;
        private final int chunk;
        private final int chunks;

        ChunkProgress(Progress outer, int chunk, int chunks) {
            this.outer = outer;
            this.chunk = chunk;
            this.chunks = chunks;
        }

        @Override public void progress(long done, long total) {
            long scaled = (long) chunk * 1000 + (total <= 0 ? 1000 : Math.min(1000, done * 1000 / total));
            outer.progress(scaled, chunks * 1000L);
        }

        @Override public boolean canceled() { return outer.canceled(); }

        @Override public void checkCanceled() { outer.checkCanceled(); }
    }
}
