package org.dicomseg.pixels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test glue to dcmtk's JPEG-LS tools ({@code dcmcjpls}, {@code dcmdjpls}: CharLS inside, an
 * implementation independent of ours): wraps frames into a minimal Secondary Capture-like DICOM
 * file (Explicit VR Little Endian, written byte by byte here), native or encapsulated, and takes the
 * frames of such a file apart again ({@code dcmdump +W}, one file per fragment).
 */
final class JpegLsDcmtk {
    private JpegLsDcmtk() { }

    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";

    /** A DICOM file of {@code frames} (native when {@code encapsulated} is false: one value, frames back to back). */
    static Path write(Path file, int rows, int cols, int samples, int bitsAllocated, int bitsStored, List<byte[]> frames,
            boolean encapsulated) throws IOException {
        String sopClass = "1.2.840.10008.5.1.4.1.1.7"; // Secondary Capture Image Storage
        String sop = "2.25.1234567890123456789" + frames.size();
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        element(meta, 0x0002, 0x0001, "OB", new byte[] {0, 1});
        element(meta, 0x0002, 0x0002, "UI", ui(sopClass));
        element(meta, 0x0002, 0x0003, "UI", ui(sop));
        element(meta, 0x0002, 0x0010, "UI", ui(encapsulated ? JPEG_LS_LOSSLESS : EXPLICIT_LE));
        element(meta, 0x0002, 0x0012, "UI", ui("2.25.42"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[128]);
        out.write("DICM".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0002, 0x0000, "UL", le(meta.size(), 4));
        meta.writeTo(out);
        element(out, 0x0008, 0x0016, "UI", ui(sopClass));
        element(out, 0x0008, 0x0018, "UI", ui(sop));
        element(out, 0x0008, 0x0060, "CS", "OT".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0028, 0x0002, "US", le(samples, 2));
        element(out, 0x0028, 0x0004, "CS", (samples == 3 ? "RGB " : "MONOCHROME2 ").getBytes(StandardCharsets.US_ASCII));
        if (samples == 3) element(out, 0x0028, 0x0006, "US", le(0, 2));
        String n = Integer.toString(frames.size());
        element(out, 0x0028, 0x0008, "IS", (n.length() % 2 == 1 ? n + " " : n).getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0028, 0x0010, "US", le(rows, 2));
        element(out, 0x0028, 0x0011, "US", le(cols, 2));
        element(out, 0x0028, 0x0100, "US", le(bitsAllocated, 2));
        element(out, 0x0028, 0x0101, "US", le(bitsStored, 2));
        element(out, 0x0028, 0x0102, "US", le(bitsStored - 1, 2));
        element(out, 0x0028, 0x0103, "US", le(0, 2));
        if (!encapsulated) {
            ByteArrayOutputStream px = new ByteArrayOutputStream();
            for (byte[] f : frames) px.write(f);
            if (px.size() % 2 == 1) px.write(0);
            element(out, 0x7FE0, 0x0010, bitsAllocated == 16 ? "OW" : "OB", px.toByteArray());
        } else {
            out.write(le(0x7FE0, 2));
            out.write(le(0x0010, 2));
            out.write("OB".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[2]);
            out.write(le(0xFFFFFFFFL, 4));
            item(out, 0xE000, new byte[0]); // empty Basic Offset Table
            for (byte[] f : frames) item(out, 0xE000, f.length % 2 == 0 ? f : java.util.Arrays.copyOf(f, f.length + 1));
            item(out, 0xE0DD, new byte[0]);
        }
        return Files.write(file, out.toByteArray());
    }

    /** The fragments of an encapsulated file, one per frame, as {@code dcmdump +W} writes them. */
    static List<byte[]> fragments(Path file, int frames) throws Exception {
        Path dir = Files.createDirectories(file.resolveSibling(file.getFileName() + ".parts"));
        run("dcmdump", "-q", "+W", dir.toString(), file.toString());
        List<byte[]> out = new ArrayList<>();
        for (int f = 1; f <= frames; f++) out.add(Files.readAllBytes(dir.resolve(file.getFileName() + "." + f + ".raw")));
        return out;
    }

    /** The native Pixel Data of a file {@code dcmdjpls} decoded. */
    static byte[] nativePixels(Path file) throws Exception {
        Path dir = Files.createDirectories(file.resolveSibling(file.getFileName() + ".px"));
        run("dcmdump", "-q", "+W", dir.toString(), file.toString());
        return Files.readAllBytes(dir.resolve(file.getFileName() + ".0.raw"));
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + text);
        return text;
    }

    private static byte[] ui(String uid) {
        byte[] b = uid.getBytes(StandardCharsets.US_ASCII);
        return b.length % 2 == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1);
    }

    private static byte[] le(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (v >> (8 * i));
        return b;
    }

    private static void element(ByteArrayOutputStream out, int group, int element, String vr, byte[] value) throws IOException {
        out.write(le(group, 2));
        out.write(le(element, 2));
        out.write(vr.getBytes(StandardCharsets.US_ASCII));
        if (vr.equals("OB") || vr.equals("OW")) {
            out.write(new byte[2]);
            out.write(le(value.length, 4));
        } else {
            out.write(le(value.length, 2));
        }
        out.write(value);
    }

    private static void item(ByteArrayOutputStream out, int element, byte[] value) throws IOException {
        out.write(le(0xFFFE, 2));
        out.write(le(element, 2));
        out.write(le(value.length, 4));
        out.write(value);
    }
}
