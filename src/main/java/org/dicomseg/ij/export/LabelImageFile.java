package org.dicomseg.ij.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.TiffDecoder;

import org.dicomseg.task.InputException;

/**
 * Opens a label image file for an export (the command line's {@code --labels}) after checking what
 * it claims, so that a file that lies is refused with one line naming it, before anything is
 * allocated by its numbers: a DICOM file (a SEG given as labels) is named as such; a TIFF's header
 * (TIFF 6.0 image file directories, read by ImageJ's {@link TiffDecoder} without pixels) must
 * describe a size whose pixels the file can hold (uncompressed: at most its length; compressed: at
 * most {@value #MAX_COMPRESSION} times it) and that fits the memory left. Other formats go to
 * ImageJ as before.
 */
public final class LabelImageFile {
    /** Most bytes a compressed TIFF strip decodes to per stored byte (LZW codes of 12 bits for up to 4096 bytes). */
    static final long MAX_COMPRESSION = 4096;

    private LabelImageFile() { }

    /** The image of {@code file}; {@link InputException} naming the file when it cannot be one. */
    public static ImagePlus open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new InputException("Label image " + file + " does not exist");
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(132);
        }
        if (head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
            throw new InputException(file + " is a DICOM file, not a label image: give a TIFF of labels (a DICOM SEG is"
                    + " read with 'dicomseg import')");
        }
        boolean tiff = head.length >= 4 && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
                || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42));
        if (tiff) checkTiff(file);
        // ImageJ reports what it cannot open on stdout (headless): keep it off the command's output.
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        ImagePlus imp;
        System.setOut(new java.io.PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            imp = IJ.openImage(file.toString());
        } catch (RuntimeException e) {
            throw new InputException("ImageJ cannot open " + file + " as an image: it is damaged (use a TIFF)", e);
        } finally {
            System.setOut(stdout);
        }
        if (imp == null) throw new InputException("ImageJ cannot open " + file + " as an image (use a TIFF)");
        return imp;
    }

    /** Bytes of one value of each TIFF field type (TIFF 6.0 section 2; 13 IFD, 16-18 BigTIFF); 0 unknown. */
    private static final int[] TYPE_SIZE = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 0, 0, 8, 8, 8};

    /**
     * Walks the chain of image file directories (TIFF 6.0 section 2) before ImageJ's decoder reads
     * them: every directory and every field value lies inside the file, and the chain has no loop,
     * so no count or offset is believed that the file cannot back (ImageJ allocates by them).
     */
    static void checkStructure(Path file, java.nio.ByteBuffer b) throws InputException {
        boolean le = b.get(0) == 'I';
        long len = b.limit();
        long ifd = u32(b, 4, le);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int k = 1; ifd != 0; k++) {
            if (ifd < 8 || ifd + 2 > len) {
                throw new InputException(file + ": TIFF image file directory " + k + " is at offset " + ifd + ", outside the file ("
                        + len + " bytes): the file is truncated or damaged");
            }
            if (!seen.add(ifd)) {
                throw new InputException(file + ": TIFF image file directory " + k + " points back to an earlier one (offset " + ifd
                        + "): the file is damaged");
            }
            int n = u16(b, (int) ifd, le);
            long end = ifd + 2 + 12L * n + 4;
            if (end > len) {
                throw new InputException(file + ": TIFF image file directory " + k + " claims " + n + " entries, past the end of"
                        + " the file: the file is truncated or damaged");
            }
            for (int e = 0; e < n; e++) {
                int at = (int) (ifd + 2 + 12L * e);
                int tag = u16(b, at, le), type = u16(b, at + 2, le);
                long count = u32(b, at + 4, le);
                long size = count * (type < TYPE_SIZE.length ? TYPE_SIZE[type] : 0);
                if (size > 4 && u32(b, at + 8, le) + size > len) {
                    throw new InputException(file + ": TIFF field " + tag + " of image file directory " + k + " claims " + count
                            + " values at offset " + u32(b, at + 8, le) + ", past the end of the file (" + len
                            + " bytes): the file is truncated or its header lies");
                }
            }
            ifd = u32(b, (int) (end - 4), le);
        }
    }

    private static int u16(java.nio.ByteBuffer b, int at, boolean le) {
        int x = b.get(at) & 0xFF, y = b.get(at + 1) & 0xFF;
        return le ? x | y << 8 : x << 8 | y;
    }

    private static long u32(java.nio.ByteBuffer b, int at, boolean le) {
        return le ? (u16(b, at, true) | (long) u16(b, at + 2, true) << 16) : ((long) u16(b, at, false) << 16 | u16(b, at + 2, false));
    }

    private static void checkTiff(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 64) throw new InputException(file + " is larger than 2 GB; a label image TIFF is smaller");
        if (size < 8) throw new InputException(file + " is not a readable TIFF: it is " + size + " bytes long");
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            // mapped, not read: the walk touches a few pages of a file of any size
            checkStructure(file, ch.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, size));
        }
        FileInfo[] info;
        try {
            Path dir = file.toAbsolutePath().getParent();
            info = new TiffDecoder(dir.toString() + java.io.File.separator, file.getFileName().toString()).getTiffInfo();
        } catch (IOException | RuntimeException e) {
            throw new InputException(file + " is not a readable TIFF: its header is damaged", e);
        }
        if (info == null || info.length == 0) throw new InputException(file + " is not a readable TIFF: it has no image");
        FileInfo fi = info[0];
        long images = info.length == 1 ? Math.max(1, fi.nImages) : info.length;
        if (fi.width <= 0 || fi.height <= 0) {
            throw new InputException(file + ": the TIFF header gives the image a size of " + fi.width + " x " + fi.height);
        }
        long bytes = (long) fi.width * fi.height * Math.max(1, fi.getBytesPerPixel()) * images;
        long length = Files.size(file);
        boolean compressed = fi.compression > FileInfo.COMPRESSION_NONE;
        long most = compressed ? length * MAX_COMPRESSION : length;
        String claim = "the TIFF header claims " + images + (images == 1 ? " image" : " images") + " of " + fi.width + " x "
                + fi.height + " pixels (" + bytes + " bytes)";
        if (bytes > most) {
            throw new InputException(file + ": " + claim + ", but the file holds " + length + " bytes"
                    + (compressed ? ", which decode to at most " + most : "") + ": the file is truncated or its header lies");
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free) {
            throw new InputException(file + ": " + claim + ", more than the " + (free >> 20) + " MB of memory left");
        }
        if ((long) fi.width * fi.height > Integer.MAX_VALUE - 64) {
            throw new InputException(file + ": " + claim + "; an ImageJ plane holds at most 2^31 pixels");
        }
    }
}
