package org.dicomseg.samples;

import java.awt.Color;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ij.gui.OvalRoi;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import ij.process.FloatPolygon;

/**
 * ImageJ ROIs outlining the {@link Phantom} structures on a {@link VolumeGeometry}, and writing
 * them as a RoiSet.zip in the ROI Manager's format (one {@code .roi} entry per ROI, encoded with
 * {@link RoiEncoder}). Entries are stored uncompressed with a fixed timestamp, so the zip is
 * reproducible byte for byte whatever the zlib build.
 *
 * <p>{@link #sampleRois} gives, in this order: a 32-vertex polygon named {@value #LIVER} on every
 * slice that contains liver, an oval named {@value #LESION} on every slice that contains the
 * lesion, and an oval named {@value #BONE} on every slice. Positions are 1-based stack slices
 * ({@link Roi#setPosition(int)}); ImageJ coordinates put pixel centres at +0.5. Every ROI's name
 * is its structure (e.g. "liver"); the zip entry, and so the ROI Manager's list label, is
 * "name-slice". ROI groups are not set: ImageJ would replace the stroke colours by group colours.
 */
public final class RoiSetWriter {
    /** Name of the liver ROIs. */
    public static final String LIVER = "liver";
    /** Name of the lesion ROIs. */
    public static final String LESION = "lesion";
    /** Name of the bone ROIs. */
    public static final String BONE = "bone";
    /** Stroke colour of the liver ROIs. */
    public static final Color LIVER_COLOR = new Color(221, 130, 101);
    /** Stroke colour of the lesion ROIs. */
    public static final Color LESION_COLOR = new Color(255, 255, 0);
    /** Stroke colour of the bone ROIs. */
    public static final Color BONE_COLOR = new Color(241, 214, 145);

    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2026, 1, 1, 12, 0, 0);

    private RoiSetWriter() { }

    /** The sample ROIs (see the class description). */
    public static List<Roi> sampleRois(VolumeGeometry g, Phantom p) {
        List<Roi> rois = new ArrayList<>();
        double h = p.organHalfLength();
        for (int k = 0; k < g.slices(); k++) {
            double f = scale(g.z(k), h);
            if (f > 0) {
                rois.add(named(polygon(g, Phantom.LIVER_CX, Phantom.LIVER_CY, Phantom.LIVER_AX * f, Phantom.LIVER_AY * f, 32),
                        LIVER, LIVER_COLOR, k));
            }
        }
        for (int k = 0; k < g.slices(); k++) {
            double f = scale(g.z(k), 0.6 * h);
            if (f > 0) {
                rois.add(named(oval(g, Phantom.LESION_CX, Phantom.LESION_CY, Phantom.LESION_R * f, Phantom.LESION_R * f),
                        LESION, LESION_COLOR, k));
            }
        }
        for (int k = 0; k < g.slices(); k++) {
            rois.add(named(oval(g, Phantom.BONE_CX, Phantom.BONE_CY, Phantom.BONE_R, Phantom.BONE_R), BONE, BONE_COLOR, k));
        }
        return rois;
    }

    /** Writes {@code rois} as a ROI Manager zip; entry names are "name-slice.roi", made unique. */
    public static void write(List<Roi> rois, Path zip) throws IOException {
        Path parent = zip.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        List<String> used = new ArrayList<>();
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(zip));
             ZipOutputStream zos = new ZipOutputStream(os)) {
            for (Roi roi : rois) {
                String base = (roi.getName() != null ? roi.getName() : "roi") + "-" + roi.getPosition();
                String name = base;
                for (int n = 2; used.contains(name); n++) name = base + "-" + n;
                used.add(name);
                byte[] bytes = RoiEncoder.saveAsByteArray(roi);
                ZipEntry e = new ZipEntry(name + ".roi");
                e.setTimeLocal(ENTRY_TIME);
                e.setMethod(ZipEntry.STORED);
                e.setSize(bytes.length);
                e.setCompressedSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                e.setCrc(crc.getValue());
                zos.putNextEntry(e);
                zos.write(bytes);
                zos.closeEntry();
            }
        }
    }

    /** sqrt(1 - (z/h)^2) or 0 outside the ellipsoid: the in-plane scale of an ellipsoid section. */
    private static double scale(double z, double h) {
        double t = 1 - (z / h) * (z / h);
        return t > 0 ? Math.sqrt(t) : 0;
    }

    private static double px(VolumeGeometry g, double x) {
        return (x - g.x(0)) / g.columnSpacing() + 0.5;
    }

    private static double py(VolumeGeometry g, double y) {
        return (y - g.y(0)) / g.rowSpacing() + 0.5;
    }

    private static Roi polygon(VolumeGeometry g, double cx, double cy, double ax, double ay, int n) {
        float[] xs = new float[n], ys = new float[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            xs[i] = (float) px(g, cx + ax * Math.cos(a));
            ys[i] = (float) py(g, cy + ay * Math.sin(a));
        }
        return new PolygonRoi(new FloatPolygon(xs, ys), Roi.POLYGON);
    }

    private static Roi oval(VolumeGeometry g, double cx, double cy, double ax, double ay) {
        double x0 = px(g, cx - ax), y0 = py(g, cy - ay);
        return new OvalRoi(x0, y0, 2 * ax / g.columnSpacing(), 2 * ay / g.rowSpacing());
    }

    private static Roi named(Roi r, String name, Color color, int k) {
        r.setName(name);
        r.setStrokeColor(color);
        r.setPosition(k + 1);
        return r;
    }
}
