package org.dicomseg.volume;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NRRD headers (NRRD0001-NRRD0005, teem.sourceforge.net/nrrd/format.html): attached ({@code .nrrd}:
 * header, a blank line, the data) or detached ({@code .nhdr} with a {@code data file} field naming
 * one file), {@code encoding} raw or gzip, {@code endian}, {@code line skip}/{@code byte skip}
 * (including {@code byte skip: -1} for raw data ending the file), and the orientation fields
 * {@code space} (any of the 3-D patient spaces: RAS, LAS, LPS and their long names),
 * {@code space directions} and {@code space origin}. A 4-D volume has one non-spatial axis (its
 * space direction {@code none}), first or last: one component (segment) per entry. Also the NRRD0004
 * header this project writes.
 */
public final class NrrdHeader {
    private static final int MAX_HEADER = 1 << 20;

    private NrrdHeader() { }

    /** Reads the header of {@code file} ({@code .nrrd} or {@code .nhdr}). */
    public static VolumeHeader read(Path file) throws VolumeFormatException {
        String name = file.getFileName().toString();
        Map<String, String> f = new HashMap<>();
        long headerBytes;
        long fileSize;
        try (InputStream in = VoxelSource.open(file, false)) {
            fileSize = Files.size(file);
            headerBytes = parse(name, in, f);
        } catch (IOException e) {
            throw new VolumeFormatException(name + ": cannot read the NRRD header (" + VoxelSource.why(e) + ")", e);
        }
        int dimension = integer(name, f, "dimension");
        if (dimension < 3 || dimension > 4) {
            throw new VolumeFormatException(name + ": dimension " + dimension + "; only 3-D label maps and 4-D volumes of segments are read");
        }
        String[] sz = require(name, f, "sizes").trim().split("\\s+");
        if (sz.length != dimension) throw new VolumeFormatException(name + ": 'sizes' has " + sz.length + " values for dimension " + dimension);
        long[] sizes = new long[dimension];
        for (int i = 0; i < dimension; i++) {
            try {
                sizes[i] = Long.parseLong(sz[i]);
            } catch (NumberFormatException e) {
                throw new VolumeFormatException(name + ": 'sizes' value '" + sz[i] + "' is not a number");
            }
            if (sizes[i] < 1 || sizes[i] > Integer.MAX_VALUE) throw new VolumeFormatException(name + ": size " + sizes[i] + " of axis " + i);
        }
        VoxelType type = VoxelType.ofNrrd(require(name, f, "type"));
        if (type == null) {
            throw new VolumeFormatException(name + ": voxels of type '" + f.get("type")
                    + "' are not read (labels: uchar/short/ushort/int; fractions: float/double)");
        }
        String encoding = f.getOrDefault("encoding", "raw").trim().toLowerCase(Locale.ROOT);
        boolean gzip;
        if (encoding.equals("raw")) gzip = false;
        else if (encoding.equals("gzip") || encoding.equals("gz")) gzip = true;
        else throw new VolumeFormatException(name + ": encoding '" + encoding + "' is not read (raw or gzip)");
        String endian = f.getOrDefault("endian", "little").trim().toLowerCase(Locale.ROOT);
        if (type.bytes() > 1 && !endian.equals("little") && !endian.equals("big")) {
            throw new VolumeFormatException(name + ": endian '" + endian + "' is neither little nor big");
        }
        ByteOrder order = endian.equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;

        String kinds = f.getOrDefault("kinds", "").toLowerCase(Locale.ROOT);
        for (String k : new String[] {"color", "rgb", "complex", "quaternion", "tensor", "matrix"}) {
            if (kinds.contains(k)) {
                throw new VolumeFormatException(name + ": an axis of kind '" + kinds.trim() + "' (colour, complex or tensor voxels) is not"
                        + " a label map or a volume of segments");
            }
        }
        // The component axis: the one whose space direction is 'none' (4-D only), first or last.
        List<double[]> dirs = directions(name, require(name, f, "space directions"), dimension);
        int component = -1;
        for (int i = 0; i < dimension; i++) if (dirs.get(i) == null) component = i;
        if (dimension == 4 && component != 0 && component != 3) {
            throw new VolumeFormatException(name + ": a 4-D NRRD needs one non-spatial axis ('none' in space directions), first or last");
        }
        if (dimension == 3 && component >= 0) throw new VolumeFormatException(name + ": axis " + component + " has no space direction");
        int[] spatial = new int[3];
        double[][] axes = new double[3][];
        for (int i = 0, a = 0; i < dimension; i++) {
            if (i == component) continue;
            spatial[a] = (int) sizes[i];
            axes[a++] = dirs.get(i);
        }
        double[] origin = vector(name, require(name, f, "space origin"));
        if (origin == null || origin.length != 3) throw new VolumeFormatException(name + ": 'space origin' is not a 3-vector");
        double[] sign = lpsSigns(name, require(name, f, "space"));
        for (int d = 0; d < 3; d++) {
            origin[d] *= sign[d];
            for (double[] axis : axes) axis[d] *= sign[d];
        }
        VolumeGrid grid = new VolumeGrid(spatial, origin, axes);
        if (!grid.isRegular()) throw new VolumeFormatException(name + ": its space directions are degenerate");

        Path dataFile = file;
        long streamOffset = headerBytes;
        String data = f.containsKey("data file") ? f.get("data file") : f.get("datafile");
        if (data != null) {
            data = data.trim();
            if (data.startsWith("LIST") || data.contains("%")) {
                throw new VolumeFormatException(name + ": data split over several files ('data file: " + data + "') are not read");
            }
            dataFile = file.toAbsolutePath().getParent().resolve(data);
            if (!Files.isRegularFile(dataFile)) throw new VolumeFormatException(name + ": its data file " + data + " does not exist");
            streamOffset = 0;
        }
        int lineSkip = f.containsKey("line skip") ? integer(name, f, "line skip") : 0;
        long byteSkip = f.containsKey("byte skip") ? integer(name, f, "byte skip") : 0;
        if (lineSkip != 0) throw new VolumeFormatException(name + ": 'line skip: " + lineSkip + "' is not read");
        if (byteSkip < -1) throw new VolumeFormatException(name + ": 'byte skip: " + byteSkip + "' is not valid");
        if (byteSkip == -1 && gzip) throw new VolumeFormatException(name + ": 'byte skip: -1' is only allowed with raw encoding");
        VolumeHeader h = VolumeHeader.builder().format("NRRD").file(file).dataFile(dataFile).streamOffset(streamOffset).dataOffset(byteSkip).gzip(gzip)
                .order(order).type(type).components(dimension == 4 ? (int) sizes[component] : 1).componentsFastest(component == 0)
                .grid(grid).build();
        VoxelSource.checkSizes(h, fileSize);
        return h;
    }

    /** Reads the header lines into {@code f}; returns the header's length in bytes (where attached data start). */
    private static long parse(String name, InputStream in, Map<String, String> f) throws IOException, VolumeFormatException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long read = 0;
        boolean first = true;
        while (true) {
            int c = in.read();
            if (c >= 0) read++;
            if (read > MAX_HEADER) throw new VolumeFormatException(name + ": no end of the NRRD header in the first MiB");
            if (c >= 0 && c != '\n') {
                line.write(c);
                continue;
            }
            String s = line.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r")) s = s.substring(0, s.length() - 1);
            line.reset();
            if (first) {
                if (!s.startsWith("NRRD000")) throw new VolumeFormatException(name + ": not a NRRD file (no 'NRRD000x' magic)");
                first = false;
            } else if (s.isEmpty()) {
                return read;                               // blank line: attached data follow
            } else if (!s.startsWith("#")) {
                int kv = s.indexOf(":=");
                int colon = s.indexOf(": ");
                if (colon > 0 && (kv < 0 || colon < kv)) {
                    f.put(s.substring(0, colon).trim().toLowerCase(Locale.ROOT), s.substring(colon + 2).trim());
                } else if (kv < 0) {
                    throw new VolumeFormatException(name + ": malformed NRRD header line '" + s + "'");
                }
            }
            if (c < 0) {
                if (first) throw new VolumeFormatException(name + ": empty file");
                return read;                               // detached header: no blank line needed
            }
        }
    }

    /** Multipliers from the NRRD space to LPS (the 3-D patient spaces of the format). */
    private static double[] lpsSigns(String name, String space) throws VolumeFormatException {
        switch (space.trim().toLowerCase(Locale.ROOT)) {
            case "right-anterior-superior": case "ras": return new double[] {-1, -1, 1};
            case "left-anterior-superior": case "las": return new double[] {1, -1, 1};
            case "left-posterior-superior": case "lps": return new double[] {1, 1, 1};
            default:
                throw new VolumeFormatException(name + ": space '" + space + "' is not a patient space"
                        + " (RAS, LAS or LPS and their long names)");
        }
    }

    private static List<double[]> directions(String name, String s, int dimension) throws VolumeFormatException {
        List<double[]> out = new ArrayList<>();
        for (String part : s.trim().split("\\s+(?=\\(|none)")) {
            part = part.trim();
            if (part.equals("none")) out.add(null);
            else {
                double[] v = vector(name, part);
                if (v == null || v.length != 3) throw new VolumeFormatException(name + ": space direction '" + part + "' is not a 3-vector");
                out.add(v);
            }
        }
        if (out.size() != dimension) throw new VolumeFormatException(name + ": 'space directions' has " + out.size() + " entries for dimension " + dimension);
        return out;
    }

    private static double[] vector(String name, String s) throws VolumeFormatException {
        String t = s.trim();
        if (!t.startsWith("(") || !t.endsWith(")")) return null;
        String[] p = t.substring(1, t.length() - 1).split(",");
        double[] v = new double[p.length];
        try {
            for (int i = 0; i < p.length; i++) v[i] = Double.parseDouble(p[i].trim());
        } catch (NumberFormatException e) {
            throw new VolumeFormatException(name + ": '" + s + "' is not a vector of numbers");
        }
        for (double x : v) if (!Double.isFinite(x)) throw new VolumeFormatException(name + ": '" + s + "' is not finite");
        return v;
    }

    private static String require(String name, Map<String, String> f, String key) throws VolumeFormatException {
        String v = f.get(key);
        if (v == null) throw new VolumeFormatException(name + ": the NRRD header has no '" + key + "' field");
        return v;
    }

    private static int integer(String name, Map<String, String> f, String key) throws VolumeFormatException {
        String v = require(name, f, key);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new VolumeFormatException(name + ": '" + key + "' is '" + v + "', not an integer");
        }
    }

    /**
     * The NRRD0004 header this project writes (attached data, gzip encoding, little endian, LPS):
     * 3-D, or 4-D with the component axis last ({@code kinds: domain domain domain list}).
     */
    static byte[] write(VolumeGrid grid, VoxelType type, int components, boolean gzip) {
        StringBuilder s = new StringBuilder("NRRD0004\n# Complete NRRD file format specification at:\n"
                + "# http://teem.sourceforge.net/nrrd/format.html\n# written by DICOM SEG for ImageJ\n");
        s.append("type: ").append(type.nrrdName()).append('\n');
        s.append("dimension: ").append(components > 1 ? 4 : 3).append('\n');
        s.append("space: left-posterior-superior\n");
        s.append("sizes: ").append(grid.size(0)).append(' ').append(grid.size(1)).append(' ').append(grid.size(2));
        if (components > 1) s.append(' ').append(components);
        s.append("\nspace directions:");
        for (int a = 0; a < 3; a++) s.append(' ').append(vec(grid.axis(a)));
        if (components > 1) s.append(" none");
        s.append("\nkinds: domain domain domain").append(components > 1 ? " list" : "").append('\n');
        if (type.bytes() > 1) s.append("endian: little\n");
        s.append("encoding: ").append(gzip ? "gzip" : "raw").append('\n');
        s.append("space origin: ").append(vec(grid.origin())).append("\n\n");
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String vec(double[] v) {
        return "(" + num(v[0]) + "," + num(v[1]) + "," + num(v[2]) + ")";
    }

    private static String num(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) return Long.toString((long) x);
        return Double.toString(x);
    }
}
