package org.dicomseg.ij.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import ij.gui.Roi;
import ij.io.RoiDecoder;

import org.dicomseg.task.InputException;

/**
 * Reads ROIs from a ROI Manager file without a ROI Manager (so exports work headless): a
 * {@code RoiSet.zip} (entries in order, as the ROI Manager saves them) or a single {@code .roi}.
 * A ROI without a name gets its entry name minus ".roi", as the ROI Manager does on "Open".
 * What a damaged or lying archive claims is checked before it is believed: an entry claiming or
 * inflating to more than {@link #MAX_ENTRY_BYTES} is refused, a damaged one named.
 */
public final class RoiSetReader {
    /**
     * Largest ROI entry read: a .roi holds a 64-byte header and 2 shorts or 2 floats per point
     * (ImageJ's RoiEncoder), so 64 MB is several million points.
     */
    static final long MAX_ENTRY_BYTES = 64L << 20;

    private RoiSetReader() { }

    /** All ROIs of {@code file}; throws {@link IOException} with the file name when it holds none or is not a ROI file. */
    public static List<Roi> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new InputException("ROI file not found: " + file);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        List<Roi> out = new ArrayList<>();
        if (name.endsWith(".roi")) {
            if (Files.size(file) > MAX_ENTRY_BYTES) {
                throw new InputException(file + " holds " + Files.size(file) + " bytes; an ImageJ ROI is at most "
                        + (MAX_ENTRY_BYTES >> 20) + " MB");
            }
            Roi r = decode(Files.readAllBytes(file), file.getFileName().toString());
            if (r == null) throw new InputException(file + " is not an ImageJ ROI file");
            out.add(r);
            return out;
        }
        int index = 0;
        String current = null;
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                index++;
                current = e.getName();
                if (e.isDirectory() || !e.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".roi")) continue;
                if (e.getSize() > MAX_ENTRY_BYTES) {
                    throw new InputException("Entry " + index + " (" + e.getName() + ") of " + file + " claims " + e.getSize()
                            + " bytes; an ImageJ ROI is at most " + (MAX_ENTRY_BYTES >> 20) + " MB");
                }
                byte[] bytes = readAll(zip, file, index, e.getName());
                String entry = e.getName();
                int slash = entry.lastIndexOf('/');
                if (slash >= 0) entry = entry.substring(slash + 1);
                Roi r;
                try {
                    r = decode(bytes, entry);
                } catch (IOException | RuntimeException bad) {
                    r = null;
                }
                if (r == null) throw new InputException("Entry " + e.getName() + " of " + file + " is not an ImageJ ROI");
                out.add(r);
            }
        } catch (InputException ie) {
            throw ie;
        } catch (IllegalArgumentException bad) {
            // ZipInputStream: an entry name that is not valid UTF-8 (a damaged header)
            throw new InputException(file + " is not a readable RoiSet .zip or .roi file: it is damaged at entry " + (index + 1)
                    + " (its name is not valid text)", bad);
        } catch (IOException ze) {
            // ZipException, EOFException ("Unexpected end of ZLIB input stream"), a bad CRC: the archive is damaged
            String where = current == null ? "" : " at entry " + index + " (" + current + ")";
            String why = ze instanceof java.io.EOFException || ze.getMessage() == null ? "the file ends too early" : ze.getMessage();
            throw new InputException(file + " is not a readable RoiSet .zip or .roi file: it is damaged" + where + " ("
                    + why + ")", ze);
        }
        if (out.isEmpty()) throw new InputException(file + " contains no ROIs (.roi entries)");
        return out;
    }

    private static Roi decode(byte[] bytes, String entryName) throws IOException {
        Roi r = new RoiDecoder(bytes, entryName).getRoi();
        if (r != null && (r.getName() == null || r.getName().isEmpty())) {
            String n = entryName.endsWith(".roi") ? entryName.substring(0, entryName.length() - 4) : entryName;
            r.setName(n);
        }
        return r;
    }

    /** An entry's bytes, at most {@link #MAX_ENTRY_BYTES} whatever its header claims (a zip bomb is refused, not inflated). */
    private static byte[] readAll(InputStream in, Path file, int index, String name) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (b.size() + n > MAX_ENTRY_BYTES) {
                throw new InputException("Entry " + index + " (" + name + ") of " + file + " inflates to more than "
                        + (MAX_ENTRY_BYTES >> 20) + " MB; an ImageJ ROI is smaller");
            }
            b.write(buf, 0, n);
        }
        return b.toByteArray();
    }
}
