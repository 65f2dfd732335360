package org.dicomseg.ij.open;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ij.gui.Roi;
import ij.io.RoiEncoder;

import org.dicomseg.dicom.AtomicOutput;

/**
 * Writes ROIs as an ImageJ {@code RoiSet.zip} (one {@code .roi} entry per ROI, encoded by
 * {@link RoiEncoder}), the format the ROI Manager opens. Works without a display, unlike saving
 * through the ROI Manager window. Entry names are the ROI names, made unique with a "-2", "-3"...
 * suffix, because the ROI Manager needs distinct names.
 */
public final class RoiSetWriter {
    private RoiSetWriter() { }

    /** Writes {@code rois} to {@code zip}, replacing it; a failure leaves no partial zip behind. */
    public static void write(List<Roi> rois, Path zip) throws IOException {
        Path parent = zip.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        AtomicOutput.write(zip, true, temp -> {
            try (OutputStream os = Files.newOutputStream(temp)) {
                write(rois, os);
            }
        });
    }

    /** Writes {@code rois} as a zip to {@code out} (not closed). */
    public static void write(List<Roi> rois, OutputStream out) throws IOException {
        ZipOutputStream zos = new ZipOutputStream(new BufferedOutputStream(out));
        DataOutputStream dos = new DataOutputStream(zos);
        RoiEncoder encoder = new RoiEncoder(dos);
        Set<String> used = new HashSet<>();
        for (Roi roi : rois) {
            String base = roi.getName() == null || roi.getName().isBlank() ? "roi" : roi.getName();
            String name = base;
            for (int k = 2; !used.add(name); k++) name = base + "-" + k;
            zos.putNextEntry(new ZipEntry(name + ".roi"));
            encoder.write(roi);
            dos.flush();
        }
        zos.finish();
        dos.flush();
    }
}
