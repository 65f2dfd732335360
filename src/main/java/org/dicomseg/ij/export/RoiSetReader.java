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
 */
public final class RoiSetReader {
    private RoiSetReader() { }

    /** All ROIs of {@code file}; throws {@link IOException} with the file name when it holds none or is not a ROI file. */
    public static List<Roi> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new InputException("ROI file not found: " + file);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        List<Roi> out = new ArrayList<>();
        if (name.endsWith(".roi")) {
            Roi r = decode(Files.readAllBytes(file), file.getFileName().toString());
            if (r == null) throw new InputException(file + " is not an ImageJ ROI file");
            out.add(r);
            return out;
        }
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory() || !e.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".roi")) continue;
                byte[] bytes = readAll(zip);
                String entry = e.getName();
                int slash = entry.lastIndexOf('/');
                if (slash >= 0) entry = entry.substring(slash + 1);
                Roi r = decode(bytes, entry);
                if (r == null) throw new InputException("Entry " + e.getName() + " of " + file + " is not an ImageJ ROI");
                out.add(r);
            }
        } catch (java.util.zip.ZipException ze) {
            throw new InputException(file + " is not a RoiSet .zip or .roi file (" + ze.getMessage() + ")");
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

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) b.write(buf, 0, n);
        return b.toByteArray();
    }
}
