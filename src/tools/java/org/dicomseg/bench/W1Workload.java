package org.dicomseg.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Benchmark workload W1 exactly as {@code shared/bench/w1-ct-labelmap.json} defines it: a uint8
 * label map [z][y][x] = 300 × 512 × 512 where voxel (z, y, x) has label k when it lies inside
 * ellipsoid k, ((z-cz)/az)² + ((y-cy)/ay)² + ((x-cx)/ax)² ≤ 1 (voxel units, z,y,x order), else 0.
 * The spec's expected voxel counts per label are kept so a run can prove it built the same input
 * ({@link #verify}). {@link #scaled} shrinks the workload for smoke runs (then there is nothing to
 * verify against).
 */
public final class W1Workload {
    private final int depth;
    private final int height;
    private final int width;
    private final double[][] centers;
    private final double[][] semiAxes;
    private final int[] labels;
    private final long[] expectedVoxels;
    private final int expectedBinaryFrames;
    private final int expectedLabelmapFrames;

    private final double scale;

    private W1Workload(int depth, int height, int width, double[][] centers, double[][] semiAxes, int[] labels,
            long[] expectedVoxels, int expectedBinaryFrames, int expectedLabelmapFrames, double scale) {
        this.depth = depth;
        this.height = height;
        this.width = width;
        this.centers = centers;
        this.semiAxes = semiAxes;
        this.labels = labels;
        this.expectedVoxels = expectedVoxels;
        this.expectedBinaryFrames = expectedBinaryFrames;
        this.expectedLabelmapFrames = expectedLabelmapFrames;
        this.scale = scale;
    }

    private W1Workload(JsonObject spec) {
        JsonArray shape = spec.getAsJsonArray("shape");
        depth = shape.get(0).getAsInt();
        height = shape.get(1).getAsInt();
        width = shape.get(2).getAsInt();
        JsonArray ell = spec.getAsJsonArray("ellipsoids");
        int n = ell.size();
        centers = new double[n][];
        semiAxes = new double[n][];
        labels = new int[n];
        expectedVoxels = new long[n];
        for (int i = 0; i < n; i++) {
            JsonObject e = ell.get(i).getAsJsonObject();
            labels[i] = e.get("label").getAsInt();
            centers[i] = doubles(e.getAsJsonArray("center"));
            semiAxes[i] = doubles(e.getAsJsonArray("semi_axes"));
            expectedVoxels[i] = e.get("voxels").getAsLong();
        }
        expectedBinaryFrames = spec.get("expected_binary_frames").getAsInt();
        expectedLabelmapFrames = spec.get("expected_labelmap_frames").getAsInt();
        scale = 1;
    }

    /**
     * The same ellipsoids in a volume scaled by {@code f} along each axis (centers and semi-axes
     * too), for quick smoke runs; expected counts are unknown (-1) then.
     */
    public W1Workload scaled(double f) {
        if (f == 1) return this;
        if (!(f > 0 && f <= 1)) throw new IllegalArgumentException("scale must be in (0, 1]: " + f);
        double[][] c = new double[centers.length][];
        double[][] a = new double[semiAxes.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = new double[3];
            a[i] = new double[3];
            for (int k = 0; k < 3; k++) {
                c[i][k] = centers[i][k] * f;
                a[i][k] = semiAxes[i][k] * f;
            }
        }
        long[] unknown = new long[labels.length];
        java.util.Arrays.fill(unknown, -1);
        return new W1Workload(Math.max(2, (int) Math.round(depth * f)), Math.max(8, (int) Math.round(height * f)),
                Math.max(8, (int) Math.round(width * f)), c, a, labels.clone(), unknown, -1, -1, scale * f);
    }

    /** 1 for the workload as the spec defines it. */
    public double scale() { return scale; }

    /**
     * Checks built planes against the spec: voxels per label, non-empty segment frames and
     * non-empty slices (skipped for a scaled workload).
     *
     * @throws IllegalStateException naming the first difference
     */
    public void verify(byte[][] planes) {
        if (scale != 1) return;
        long[] count = new long[256];
        int segmentFrames = 0;
        int slices = 0;
        for (byte[] p : planes) {
            boolean[] present = new boolean[256];
            for (byte b : p) {
                count[b & 0xFF]++;
                present[b & 0xFF] = true;
            }
            boolean any = false;
            for (int v = 1; v < 256; v++) {
                if (present[v]) {
                    segmentFrames++;
                    any = true;
                }
            }
            if (any) slices++;
        }
        for (int i = 0; i < labels.length; i++) {
            if (count[labels[i]] != expectedVoxels[i]) {
                throw new IllegalStateException("W1 label " + labels[i] + " has " + count[labels[i]] + " voxels, the spec says "
                        + expectedVoxels[i]);
            }
        }
        if (segmentFrames != expectedBinaryFrames || slices != expectedLabelmapFrames) {
            throw new IllegalStateException("W1 has " + segmentFrames + " non-empty segment frames and " + slices
                    + " non-empty slices, the spec says " + expectedBinaryFrames + " and " + expectedLabelmapFrames);
        }
    }

    private static double[] doubles(JsonArray a) {
        double[] d = new double[a.size()];
        int i = 0;
        for (JsonElement e : a) d[i++] = e.getAsDouble();
        return d;
    }

    /** Reads the workload definition. */
    public static W1Workload load(Path json) throws IOException {
        try (Reader r = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            return new W1Workload(JsonParser.parseReader(r).getAsJsonObject());
        }
    }

    public int depth() { return depth; }
    public int height() { return height; }
    public int width() { return width; }
    public int segmentCount() { return labels.length; }
    public int expectedBinaryFrames() { return expectedBinaryFrames; }
    public int expectedLabelmapFrames() { return expectedLabelmapFrames; }
    /** Expected voxel count of label {@code label} (1-based). */
    public long expectedVoxels(int label) {
        for (int i = 0; i < labels.length; i++) if (labels[i] == label) return expectedVoxels[i];
        throw new IllegalArgumentException("No label " + label);
    }

    /** Fills one z plane (row-major y, x) with labels. */
    public void fillPlane(int z, byte[] plane) {
        java.util.Arrays.fill(plane, (byte) 0);
        for (int k = 0; k < labels.length; k++) {
            double dz = (z - centers[k][0]) / semiAxes[k][0];
            double rem = 1 - dz * dz;
            if (rem < 0) continue;
            double ay = semiAxes[k][1], ax = semiAxes[k][2], cy = centers[k][1], cx = centers[k][2];
            int y0 = Math.max(0, (int) Math.floor(cy - ay)), y1 = Math.min(height - 1, (int) Math.ceil(cy + ay));
            byte lab = (byte) labels[k];
            for (int y = y0; y <= y1; y++) {
                double dy = (y - cy) / ay;
                double r = rem - dy * dy;
                if (r < 0) continue;
                int x0 = Math.max(0, (int) Math.floor(cx - ax)), x1 = Math.min(width - 1, (int) Math.ceil(cx + ax));
                int row = y * width;
                for (int x = x0; x <= x1; x++) {
                    double dx = (x - cx) / ax;
                    if (dx * dx <= r) plane[row + x] = lab;
                }
            }
        }
    }

    /** The whole label map as planes [z][y*width + x]. */
    public byte[][] planes() {
        byte[][] p = new byte[depth][width * height];
        for (int z = 0; z < depth; z++) fillPlane(z, p[z]);
        return p;
    }
}
