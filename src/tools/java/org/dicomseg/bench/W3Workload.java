package org.dicomseg.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Benchmark workload W3 exactly as {@code shared/bench/w3-many-segments.json} defines it: a
 * TotalSegmentator-like uint8 label map [z][y][x] = 400 × 512 × 512 with 117 labels; label k is the
 * axis-aligned ellipsoid ((z-cz)/az)² + ((y-cy)/ay)² + ((x-cx)/ax)² ≤ 1 (centres and semi-axes as
 * given, voxel units, z,y,x order, the sum taken left to right in double precision as numpy does);
 * labels are painted in order 1..117 and never overwrite a voxel already labelled. {@link #verify}
 * proves the build against the spec: voxels and skipped voxels per label, slices per label, the
 * 7,854 non-empty segment frames, the 400 non-empty slices and the SHA-256 of the raw z,y,x bytes.
 * {@link #scaled} shrinks it for smoke runs (nothing to verify then).
 */
public final class W3Workload {
    private final int depth;
    private final int height;
    private final int width;
    private final double[][] centers;
    private final double[][] semiAxes;
    private final JsonObject spec;
    private final double scale;

    private W3Workload(JsonObject spec, int depth, int height, int width, double[][] centers, double[][] semiAxes, double scale) {
        this.spec = spec;
        this.depth = depth;
        this.height = height;
        this.width = width;
        this.centers = centers;
        this.semiAxes = semiAxes;
        this.scale = scale;
    }

    /** Reads the workload definition. */
    public static W3Workload load(Path json) throws IOException {
        JsonObject spec;
        try (Reader r = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            spec = JsonParser.parseReader(r).getAsJsonObject();
        }
        JsonArray shape = spec.getAsJsonArray("shape");
        JsonArray ell = spec.getAsJsonArray("ellipsoids");
        double[][] c = new double[ell.size()][];
        double[][] a = new double[ell.size()][];
        for (int i = 0; i < ell.size(); i++) {
            JsonObject e = ell.get(i).getAsJsonObject();
            if (e.get("label").getAsInt() != i + 1) throw new IllegalArgumentException(json + ": ellipsoid " + i + " is not label " + (i + 1));
            c[i] = doubles(e.getAsJsonArray("center"));
            a[i] = doubles(e.getAsJsonArray("semi_axes"));
        }
        return new W3Workload(spec, shape.get(0).getAsInt(), shape.get(1).getAsInt(), shape.get(2).getAsInt(), c, a, 1);
    }

    /** The same ellipsoids in a volume scaled by {@code f} along each axis, for smoke runs (not verifiable). */
    public W3Workload scaled(double f) {
        if (f == 1) return this;
        if (!(f > 0 && f <= 1)) throw new IllegalArgumentException("scale must be in (0, 1]: " + f);
        double[][] c = new double[centers.length][3];
        double[][] a = new double[centers.length][3];
        for (int i = 0; i < c.length; i++) {
            for (int k = 0; k < 3; k++) {
                c[i][k] = centers[i][k] * f;
                a[i][k] = semiAxes[i][k] * f;
            }
        }
        return new W3Workload(spec, Math.max(2, (int) Math.round(depth * f)), Math.max(8, (int) Math.round(height * f)),
                Math.max(8, (int) Math.round(width * f)), c, a, scale * f);
    }

    public int depth() { return depth; }
    public int height() { return height; }
    public int width() { return width; }
    public int segmentCount() { return centers.length; }
    public double scale() { return scale; }

    /** The segments the spec names for the channel read of a few segments (1, 30, 59, 88, 117). */
    public int[] selectedSegments() {
        JsonArray s = spec.getAsJsonArray("selected_segments_for_channel_read");
        int[] r = new int[s.size()];
        for (int i = 0; i < r.length; i++) r[i] = s.get(i).getAsInt();
        return r;
    }

    /** Slices holding label {@code label} (the spec's n_slices; -1 for a scaled workload). */
    public int slicesOf(int label) {
        return scale != 1 ? -1 : spec.getAsJsonArray("ellipsoids").get(label - 1).getAsJsonObject().get("n_slices").getAsInt();
    }

    /** Non-empty segment frames (BINARY frames) the spec expects; -1 for a scaled workload. */
    public int expectedBinaryFrames() { return scale != 1 ? -1 : spec.get("expected_binary_frames").getAsInt(); }

    /** Non-empty slices (LABELMAP frames) the spec expects; -1 for a scaled workload. */
    public int expectedLabelmapFrames() { return scale != 1 ? -1 : spec.get("expected_labelmap_frames").getAsInt(); }

    /** Fills one z plane (row-major y, x): labels in order, a voxel keeps the first label that reaches it. */
    public void fillPlane(int z, byte[] plane) {
        java.util.Arrays.fill(plane, (byte) 0);
        for (int k = 0; k < centers.length; k++) {
            double az = semiAxes[k][0], ay = semiAxes[k][1], ax = semiAxes[k][2];
            double cz = centers[k][0], cy = centers[k][1], cx = centers[k][2];
            double dz = (z - cz) / az;
            double dz2 = dz * dz;
            if (dz2 > 1) continue;
            byte lab = (byte) (k + 1);
            int y0 = Math.max(0, (int) Math.floor(cy - ay) - 1), y1 = Math.min(height - 1, (int) Math.ceil(cy + ay) + 1);
            int x0 = Math.max(0, (int) Math.floor(cx - ax) - 1), x1 = Math.min(width - 1, (int) Math.ceil(cx + ax) + 1);
            for (int y = y0; y <= y1; y++) {
                double dy = (y - cy) / ay;
                double zy = dz2 + dy * dy;
                if (zy > 1) continue;
                int row = y * width;
                for (int x = x0; x <= x1; x++) {
                    double dx = (x - cx) / ax;
                    if (zy + dx * dx <= 1 && plane[row + x] == 0) plane[row + x] = lab;
                }
            }
        }
    }

    /** The whole label map as planes [z][y*width + x]. */
    public byte[][] planes() {
        byte[][] p = new byte[depth][width * height];
        java.util.stream.IntStream.range(0, depth).parallel().forEach(z -> fillPlane(z, p[z]));
        return p;
    }

    /**
     * Checks built planes against the spec (skipped for a scaled workload).
     *
     * @throws IllegalStateException naming the first difference
     */
    public void verify(byte[][] planes) {
        if (scale != 1) return;
        int n = centers.length;
        long[] voxels = new long[n + 1];
        int[] slices = new int[n + 1];
        int segmentFrames = 0;
        int nonEmpty = 0;
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (byte[] p : planes) {
            sha.update(p);
            long[] count = new long[256];
            for (byte b : p) count[b & 0xFF]++;
            boolean any = false;
            for (int v = 1; v <= n; v++) {
                if (count[v] > 0) {
                    voxels[v] += count[v];
                    slices[v]++;
                    segmentFrames++;
                    any = true;
                }
            }
            if (any) nonEmpty++;
        }
        JsonArray ell = spec.getAsJsonArray("ellipsoids");
        for (int v = 1; v <= n; v++) {
            JsonObject e = ell.get(v - 1).getAsJsonObject();
            if (voxels[v] != e.get("voxels").getAsLong() || slices[v] != e.get("n_slices").getAsInt()) {
                throw new IllegalStateException("W3 label " + v + " has " + voxels[v] + " voxels on " + slices[v] + " slices, the spec says "
                        + e.get("voxels").getAsLong() + " on " + e.get("n_slices").getAsInt());
            }
        }
        if (segmentFrames != expectedBinaryFrames() || nonEmpty != expectedLabelmapFrames()) {
            throw new IllegalStateException("W3 has " + segmentFrames + " non-empty segment frames and " + nonEmpty
                    + " non-empty slices, the spec says " + expectedBinaryFrames() + " and " + expectedLabelmapFrames());
        }
        StringBuilder hex = new StringBuilder();
        for (byte b : sha.digest()) hex.append(String.format("%02x", b));
        String want = spec.get("label_map_sha256_of_raw_zyx_bytes").getAsString();
        if (!hex.toString().equals(want)) throw new IllegalStateException("W3 label map SHA-256 " + hex + ", the spec says " + want);
    }

    private static double[] doubles(JsonArray a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) d[i] = a.get(i).getAsDouble();
        return d;
    }
}
