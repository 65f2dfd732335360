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

/**
 * The highdicom 0.28.1 oracle in tests ({@code ../shared/tools/highdicom-read}, see
 * {@code ../shared/oracle/README.md}): opens a SEG the project wrote with highdicom and returns the
 * Total Pixel Matrix highdicom reconstructs ({@code --mode total}: one channel per segment, stored
 * values, LABELMAP one-hot), read from the {@code .npy} it saves with a reader of its own here.
 * The test fails with highdicom's own message when highdicom refuses the file. Several files are
 * read in one Python process ({@link #totalPixelMatrices}) the way {@code highdicom-read} runs
 * {@code hd_read.py}: same interpreter, same {@code PYTHONPATH}, same arguments.
 */
public final class Highdicom {
    private Highdicom() { }

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

    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+),\\s*(\\d+)\\)");

    /** A uint8, C-order, three-axis .npy file (format versions 1 and 2). */
    static TotalPixelMatrix readNpy(Path npy) throws IOException {
        byte[] b = Files.readAllBytes(npy);
        if (b.length < 10 || (b[0] & 0xFF) != 0x93 || b[1] != 'N') throw new AssertionError(npy + " is not an .npy file");
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int major = b[6];
        int headerLength = major == 1 ? bb.getShort(8) & 0xFFFF : bb.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(b, start, headerLength, StandardCharsets.ISO_8859_1);
        if (!header.contains("'|u1'") || header.contains("'fortran_order': True")) {
            throw new AssertionError("Unexpected array in " + npy + ": " + header);
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) throw new AssertionError("No (rows, columns, segments) shape in " + npy + ": " + header);
        int rows = Integer.parseInt(m.group(1)), cols = Integer.parseInt(m.group(2)), segs = Integer.parseInt(m.group(3));
        int off = start + headerLength;
        byte[] data = new byte[rows * cols * segs];
        System.arraycopy(b, off, data, 0, data.length);
        return new TotalPixelMatrix(rows, cols, segs, data);
    }
}
