package org.dicomseg.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A tiny NRRD reader for ground truth in tests (the dcmqi corpus uses NRRD0004 with
 * {@code encoding: gzip}, {@code type: short}, little endian; raw encoding and 8/16/32-bit integer
 * types are handled too; a 4-D file's {@code none} space direction is skipped). Voxel (x, y, z) is at {@code x + sizes[0] * (y + sizes[1] * z)}.
 */
public final class Nrrd {
    public final int[] sizes;
    public final int[] values;
    public final double[] origin;
    public final double[][] directions;
    public final Map<String, String> fields;

    private Nrrd(int[] sizes, int[] values, double[] origin, double[][] directions, Map<String, String> fields) {
        this.sizes = sizes;
        this.values = values;
        this.origin = origin;
        this.directions = directions;
        this.fields = fields;
    }

    public int get(int x, int y, int z) {
        return values[x + sizes[0] * (y + sizes[1] * z)];
    }

    public static Nrrd read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        int end = -1;
        for (int i = 0; i + 1 < all.length; i++) {
            if (all[i] == '\n' && all[i + 1] == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) throw new IOException("no NRRD header end in " + file);
        String header = new String(all, 0, end, StandardCharsets.US_ASCII);
        if (!header.startsWith("NRRD")) throw new IOException("not NRRD: " + file);
        Map<String, String> f = new HashMap<>();
        for (String line : header.split("\n")) {
            if (line.startsWith("#") || !line.contains(":")) continue;
            int c = line.indexOf(':');
            f.put(line.substring(0, c).trim().toLowerCase(Locale.ROOT), line.substring(c + 1).replaceFirst("^=", "").trim());
        }
        String[] sz = f.get("sizes").split("\\s+");
        int[] sizes = new int[sz.length];
        long n = 1;
        for (int i = 0; i < sz.length; i++) {
            sizes[i] = Integer.parseInt(sz[i]);
            n *= sizes[i];
        }
        String type = f.get("type").toLowerCase(Locale.ROOT);
        int bytes;
        boolean signed;
        switch (type) {
            case "uchar": case "unsigned char": case "uint8": bytes = 1; signed = false; break;
            case "char": case "signed char": case "int8": bytes = 1; signed = true; break;
            case "short": case "int16": case "signed short": bytes = 2; signed = true; break;
            case "ushort": case "unsigned short": case "uint16": bytes = 2; signed = false; break;
            case "int": case "int32": bytes = 4; signed = true; break;
            case "uint": case "uint32": case "unsigned int": bytes = 4; signed = false; break;
            default: throw new IOException("unsupported NRRD type " + type);
        }
        boolean big = "big".equalsIgnoreCase(f.getOrDefault("endian", "little"));
        String enc = f.getOrDefault("encoding", "raw").toLowerCase(Locale.ROOT);
        InputStream in = new ByteArrayInputStream(all, end + 2, all.length - end - 2);
        if (enc.equals("gzip") || enc.equals("gz")) {
            in = new GZIPInputStream(in);
        } else if (!enc.equals("raw")) {
            throw new IOException("unsupported NRRD encoding " + enc);
        }
        byte[] data = in.readAllBytes();
        if (data.length < n * bytes) throw new IOException("NRRD data too short: " + data.length + " < " + n * bytes);
        int[] values = new int[(int) n];
        for (int i = 0; i < n; i++) {
            long v = 0;
            for (int b = 0; b < bytes; b++) {
                int by = data[i * bytes + (big ? b : bytes - 1 - b)] & 0xFF;
                v = (v << 8) | by;
            }
            if (signed && bytes < 4 && (v & (1L << (8 * bytes - 1))) != 0) v -= 1L << (8 * bytes);
            values[i] = (int) v;
        }
        double[] origin = vector(f.get("space origin"));
        double[][] dirs = null;
        String sd = f.get("space directions");
        if (sd != null) {
            String[] parts = sd.replaceAll("\\bnone\\b", "").trim().split("\\)\\s*\\(");
            dirs = new double[parts.length][];
            for (int i = 0; i < parts.length; i++) dirs[i] = vector(parts[i]);
        }
        return new Nrrd(sizes, values, origin, dirs, f);
    }

    private static double[] vector(String s) {
        if (s == null) return null;
        String[] p = s.replace("(", "").replace(")", "").split(",");
        double[] v = new double[p.length];
        for (int i = 0; i < p.length; i++) v[i] = Double.parseDouble(p[i].trim());
        return v;
    }
}
