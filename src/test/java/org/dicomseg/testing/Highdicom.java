package org.dicomseg.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The highdicom 0.28.1 oracle in tests: runs {@code ../shared/tools/highdicom-read} (see
 * {@code ../shared/oracle/README.md}) with its default calls on a SEG and returns its exit status,
 * its JSON summary and the mask highdicom reconstructed (the {@code --npy} array: uint8,
 * (position, rows, columns, segment) or (rows, columns, segment) for tiled SEGs, C order).
 * {@link #totalPixelMatrices} reads several tiled SEGs with {@code --mode total} in one Python
 * process (the way {@code highdicom-read} runs {@code hd_read.py}: same interpreter, same
 * {@code PYTHONPATH}, same arguments) and returns each Total Pixel Matrix.
 */
public final class Highdicom {
    private Highdicom() { }

    /** What highdicom made of one SEG. */
    public static final class Result {
        /** 0 read, 2 highdicom refused the file, 3 read but the mask could not be reconstructed. */
        public final int exitCode;
        public final JsonObject json;
        /** Shape of the mask, or null when none was written. */
        public final int[] shape;
        /** The mask's values in C order, or null. */
        public final byte[] mask;
        /** The tool's stderr. */
        public final String stderr;

        Result(int exitCode, JsonObject json, int[] shape, byte[] mask, String stderr) {
            this.exitCode = exitCode;
            this.json = json;
            this.shape = shape;
            this.mask = mask;
            this.stderr = stderr;
        }

        /** The highdicom call that made the mask, e.g. {@code seg.get_pixels_by_source_instance(...)}. */
        public String call() {
            return json.has("mask") ? json.getAsJsonObject("mask").get("call").getAsString() : null;
        }
    }

    /** The reader tool ({@code ../shared/tools/highdicom-read}). */
    public static Path tool() {
        return Shared.root().resolve("tools").resolve("highdicom-read");
    }

    /**
     * Reads {@code seg} with highdicom's default calls ({@code --mode auto}), its outputs in
     * {@code workDir}; fails when the tool itself cannot run.
     */
    public static Result read(Path seg, Path workDir) {
        return read(seg, workDir, "auto");
    }

    /**
     * Reads {@code seg} with highdicom in a {@code --mode} of the tool ({@code auto}, {@code total},
     * {@code instances}, {@code frames}, {@code volume}), its outputs in {@code workDir}.
     */
    public static Result read(Path seg, Path workDir, String mode) {
        Path tool = tool();
        if (!Files.exists(tool)) fail("highdicom oracle missing: " + tool);
        String base = seg.getFileName().toString().replaceAll("\\.dcm$", "");
        Path json = workDir.resolve(base + ".hd.json");
        Path npy = workDir.resolve(base + ".hd.npy");
        List<String> cmd = new ArrayList<>(List.of("bash", tool.toString(), seg.toAbsolutePath().toString(),
                json.toAbsolutePath().toString(), "--npy", npy.toAbsolutePath().toString(), "--mode", mode));
        try {
            Files.deleteIfExists(npy);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("highdicom-read timed out on " + seg);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (!Files.exists(json)) fail("highdicom-read wrote no JSON for " + seg + ":\n" + text);
            JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
            int[] shape = null;
            byte[] mask = null;
            if (Files.exists(npy)) {
                byte[] all = Files.readAllBytes(npy);
                int[] headerEnd = new int[1];
                shape = npyShape(all, headerEnd);
                mask = java.util.Arrays.copyOfRange(all, headerEnd[0], all.length);
            }
            return new Result(p.exitValue(), o, shape, mask, text);
        } catch (IOException e) {
            throw new AssertionError("Cannot run highdicom-read on " + seg + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted");
        }
    }

    /** highdicom's Total Pixel Matrix of a tiled SEG: {@code rows × columns} per segment channel. */
    public static final class TotalPixelMatrix {
        public final int rows;
        public final int columns;
        public final int segments;
        private final byte[] data; // C order (rows, columns, segment)

        TotalPixelMatrix(int rows, int columns, int segments, byte[] data) {
            this.rows = rows;
            this.columns = columns;
            this.segments = segments;
            this.data = data;
        }

        /** Stored value of channel {@code s} (0-based, in segment-number order) at row {@code r}, column {@code c}. */
        public int value(int s, int r, int c) {
            return data[(r * columns + c) * segments + s] & 0xFF;
        }

        /** Channel {@code s} as a plane, row by row. */
        public byte[] channel(int s) {
            byte[] out = new byte[rows * columns];
            for (int i = 0; i < out.length; i++) out[i] = data[i * segments + s];
            return out;
        }
    }

    /** Runs {@code highdicom-read --mode total} on {@code seg} (scratch files in {@code work}). */
    public static TotalPixelMatrix totalPixelMatrix(Path seg, Path work) {
        return totalPixelMatrices(List.of(seg), work).get(0);
    }

    /**
     * The same for several SEGs in one Python process: the oracle's {@code hd_read.main} with the
     * arguments {@code highdicom-read} would pass, once per file, so that numpy, pydicom and
     * highdicom are imported once (about a second each time). Fails on the first file highdicom
     * refuses, with its message.
     */
    public static List<TotalPixelMatrix> totalPixelMatrices(List<Path> segs, Path work) {
        Path oracle = Shared.root().resolve("oracle");
        StringBuilder py = new StringBuilder("import sys\nsys.path.insert(0, sys.argv[1])\nimport hd_read\n"
                + "for i in range(2, len(sys.argv), 3):\n"
                + "    rc = hd_read.main([sys.argv[i], sys.argv[i + 1], '--npy', sys.argv[i + 2], '--mode', 'total'])\n"
                + "    print('HD_READ_RC', sys.argv[i], rc, flush=True)\n"
                + "    if rc != 0: sys.exit(rc)\n");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", py.toString(), oracle.toString()));
        List<Path> npys = new ArrayList<>();
        for (Path seg : segs) {
            String name = seg.getFileName().toString();
            Path json = work.resolve(name + ".hd.json"), npy = work.resolve(name + ".hd.npy");
            cmd.add(seg.toAbsolutePath().toString());
            cmd.add(json.toAbsolutePath().toString());
            cmd.add(npy.toAbsolutePath().toString());
            npys.add(npy);
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("PYTHONPATH", oracle.resolve("site").toString());
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("highdicom-read timed out on " + segs);
            }
            if (p.exitValue() != 0) {
                fail("highdicom cannot read one of " + segs + " (exit " + p.exitValue() + "):\n" + new String(out, StandardCharsets.UTF_8));
            }
            List<TotalPixelMatrix> all = new ArrayList<>();
            for (Path npy : npys) all.add(readNpy(npy));
            return all;
        } catch (IOException e) {
            throw new AssertionError("Cannot run the highdicom oracle: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted");
        }
    }

    /** A uint8, C-order .npy file of (rows, columns, segments), read with {@link #npyShape}. */
    static TotalPixelMatrix readNpy(Path npy) throws IOException {
        byte[] b = Files.readAllBytes(npy);
        int[] end = new int[1];
        int[] shape = npyShape(b, end);
        if (shape.length != 3) throw new AssertionError(npy + " is not a (rows, columns, segments) array: " + java.util.Arrays.toString(shape));
        byte[] data = java.util.Arrays.copyOfRange(b, end[0], end[0] + shape[0] * shape[1] * shape[2]);
        return new TotalPixelMatrix(shape[0], shape[1], shape[2], data);
    }

    /**
     * Runs a Python snippet with the oracle's libraries (pydicom 3.0.2, highdicom 0.28.1, numpy) and
     * returns its standard output; fails when it exits with an error.
     */
    public static String python(String code, String... args) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", "-c", code));
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("PYTHONPATH", Shared.root().resolve("oracle").resolve("site").toString());
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("python timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) fail("python exited " + p.exitValue() + ":\n" + text);
            return text;
        } catch (IOException e) {
            throw new AssertionError("Cannot run python: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted");
        }
    }

    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** The shape of a uint8 .npy array (format 1.0 to 3.0); {@code end[0]} = offset of the data. */
    static int[] npyShape(byte[] npy, int[] end) {
        if (npy.length < 10 || (npy[0] & 0xFF) != 0x93 || npy[1] != 'N') throw new AssertionError("not an .npy file");
        int major = npy[6];
        ByteBuffer bb = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = major == 1 ? bb.getShort(8) & 0xFFFF : bb.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(npy, start, headerLength, StandardCharsets.ISO_8859_1);
        if (!header.contains("'descr': '|u1'") || header.contains("'fortran_order': True")) {
            throw new AssertionError("expected a C-order uint8 array, header " + header);
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) throw new AssertionError("no shape in " + header);
        List<Integer> dims = new ArrayList<>();
        for (String s : m.group(1).split(",")) if (!s.isBlank()) dims.add(Integer.parseInt(s.trim()));
        end[0] = start + headerLength;
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }
}
