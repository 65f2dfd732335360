package org.dicomseg.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * NIfTI fixtures written and read back by nibabel (Debian's {@code python3-nibabel}, installed by
 * scripts/bootstrap), an implementation independent of ours: {@code nibabel_fixtures.py} in the test
 * resources stores a SEG-ordered volume in several axis orders, directions, byte orders and
 * NIfTI versions, each with the affine that keeps its voxels in place.
 */
public final class Nibabel {
    /** Debian's interpreter, where python3-nibabel lives (not a pyenv shim). */
    private static final String PYTHON = Files.isExecutable(Paths.get("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private Nibabel() { }

    /**
     * Writes the variants of a volume given in SEG order ({@code voxels[plane][row][column]}, uint8 or
     * float32) on an axial grid into {@code dir}.
     *
     * @param origin  LPS of pixel (0, 0) of plane 0
     * @param spacing column spacing, row spacing, slice spacing (mm)
     */
    public static void writeVariants(Path dir, Object voxels, int planes, int rows, int columns, double[] origin, double[] spacing)
            throws IOException, InterruptedException {
        boolean fl = voxels instanceof float[];
        Path raw = dir.resolve("voxels.raw");
        if (fl) {
            float[] f = (float[]) voxels;
            ByteBuffer b = ByteBuffer.allocate(4 * f.length).order(ByteOrder.nativeOrder());
            b.asFloatBuffer().put(f);
            Files.write(raw, b.array());
        } else {
            Files.write(raw, (byte[]) voxels);
        }
        String spec = String.format(Locale.ROOT, "{\"raw\": \"%s\", \"dtype\": \"%s\", \"shape\": [%d, %d, %d], \"origin\": [%s, %s, %s],"
                + " \"row\": [1, 0, 0], \"col\": [0, 1, 0], \"normal\": [0, 0, 1], \"spacing\": [%s, %s, %s]}", raw, fl ? "float32" : "uint8",
                planes, rows, columns, origin[0], origin[1], origin[2], spacing[0], spacing[1], spacing[2]);
        Path specFile = dir.resolve("spec.json");
        Files.writeString(specFile, spec);
        run("write", specFile.toString(), dir.toString());
    }

    /** What nibabel reads from {@code file}: shape, dtype, affine (RAS), sform/qform codes, sha256 of the voxels in SEG order as uint16 LE (or float32 LE). */
    public static JsonObject read(Path file) throws IOException, InterruptedException {
        return JsonParser.parseString(run("read", file.toString())).getAsJsonObject();
    }

    /** The sha256 {@link #read} reports for labels {@code v[plane][row][column]} (uint16 LE, SEG order). */
    public static String labelHash(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) b.putShort((short) x);
        return sha256(b.array());
    }

    private static String sha256(byte[] data) {
        try {
            StringBuilder sb = new StringBuilder();
            for (byte x : MessageDigest.getInstance("SHA-256").digest(data)) sb.append(String.format("%02x", x & 0xFF));
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(String... args) throws IOException, InterruptedException {
        Path script = Files.createTempFile("nibabel_fixtures", ".py");
        try {
            try (var in = Nibabel.class.getResourceAsStream("/org/dicomseg/volume/nibabel_fixtures.py")) {
                Files.write(script, in.readAllBytes());
            }
            List<String> cmd = new java.util.ArrayList<>(List.of(PYTHON, script.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError("nibabel (" + PYTHON + ", Debian python3-nibabel from scripts/bootstrap) failed: " + err);
            }
            return out;
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
