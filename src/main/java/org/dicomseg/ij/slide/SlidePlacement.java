package org.dicomseg.ij.slide;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import ij.ImagePlus;

/**
 * Where an open image lies on a slide: the level instance it was read from (a VL Whole Slide
 * Microscopy image, PS3.3 A.32.8), the level's index in its series, the region's offset in that
 * level's Total Pixel Matrix (0-based column x, row y; C.8.12.4.1.8), the pixel spacing (mm) and
 * the slide's Frame of Reference UID. Kept as ImagePlus properties ({@code DICOMSEG.slide.*}), so
 * it survives duplication and macros; an export of the image (or of a same-sized label image
 * carrying these properties) writes a tiled SEG at exactly this place. A level with several focal
 * planes (PS3.3 C.8.12.4, Total Pixel Matrix Focal Planes) opens as a Z stack, one slice per focal
 * plane in increasing Z; their Z Offsets in Slide Coordinate System (mm) are kept in
 * {@link #FOCAL_PLANES}, and the export writes slice k at focal plane k.
 */
public final class SlidePlacement {
    public static final String FILE = "DICOMSEG.slide.file";
    public static final String LEVEL = "DICOMSEG.slide.level";
    public static final String X = "DICOMSEG.slide.x";
    public static final String Y = "DICOMSEG.slide.y";
    public static final String SPACING = "DICOMSEG.slide.spacing";
    public static final String FRAME_OF_REFERENCE = "DICOMSEG.slide.frameOfReference";
    public static final String SOP_INSTANCE = "DICOMSEG.slide.sopInstance";
    /** The level instance's DICOMweb URL, for an image opened from a slide on a server (instead of {@link #FILE}). */
    public static final String URL = "DICOMSEG.slide.url";
    /** The Z Offsets in Slide Coordinate System (mm, increasing, separated by backslashes) of the image's slices, when the level has several focal planes. */
    public static final String FOCAL_PLANES = "DICOMSEG.slide.focalPlanes";

    private final Path file;
    private final String url;
    private final int level;
    private final long x;
    private final long y;
    private final double rowSpacing;
    private final double columnSpacing;
    private final String frameOfReferenceUid;
    private final String sopInstanceUid;
    private double[] focalPlanes;

    public SlidePlacement(Path file, int level, long x, long y, double rowSpacing, double columnSpacing,
                          String frameOfReferenceUid, String sopInstanceUid) {
        this(file, null, level, x, y, rowSpacing, columnSpacing, frameOfReferenceUid, sopInstanceUid);
    }

    /** A placement on a level held by a DICOMweb server, known by its instance {@code url}. */
    public static SlidePlacement remote(String url, int level, long x, long y, double rowSpacing, double columnSpacing,
                                        String frameOfReferenceUid, String sopInstanceUid) {
        return new SlidePlacement(null, java.util.Objects.requireNonNull(url, "url"), level, x, y, rowSpacing, columnSpacing,
                frameOfReferenceUid, sopInstanceUid);
    }

    private SlidePlacement(Path file, String url, int level, long x, long y, double rowSpacing, double columnSpacing,
                           String frameOfReferenceUid, String sopInstanceUid) {
        this.file = file;
        this.url = url;
        this.level = level;
        this.x = x;
        this.y = y;
        this.rowSpacing = rowSpacing;
        this.columnSpacing = columnSpacing;
        this.frameOfReferenceUid = frameOfReferenceUid;
        this.sopInstanceUid = sopInstanceUid;
    }

    /** The placement stored on {@code imp}, or null when it was not opened from a slide. */
    public static SlidePlacement of(ImagePlus imp) {
        if (imp == null) return null;
        String f = imp.getProp(FILE);
        String u = imp.getProp(URL);
        boolean remote = (f == null || f.isBlank()) && u != null && !u.isBlank();
        if ((f == null || f.isBlank()) && !remote) return null;
        try {
            String[] sp = value(imp, SPACING, "0\\0").split("\\\\");
            String fp = imp.getProp(FOCAL_PLANES);
            double[] focal = null;
            if (fp != null && !fp.isBlank()) {
                String[] v = fp.trim().split("\\\\");
                focal = new double[v.length];
                for (int i = 0; i < v.length; i++) focal[i] = Double.parseDouble(v[i].trim());
            }
            return new SlidePlacement(remote ? null : Paths.get(f.trim()), remote ? u.trim() : null, Integer.parseInt(value(imp, LEVEL, "1")),
                    Long.parseLong(value(imp, X, "0")), Long.parseLong(value(imp, Y, "0")),
                    Double.parseDouble(sp[0]), Double.parseDouble(sp.length > 1 ? sp[1] : sp[0]),
                    imp.getProp(FRAME_OF_REFERENCE), imp.getProp(SOP_INSTANCE)).withFocalPlanes(focal);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The image's slide properties (" + FILE + " ...) are damaged: " + e.getMessage(), e);
        }
    }

    private static String value(ImagePlus imp, String key, String dflt) {
        String v = imp.getProp(key);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    /** Stores this placement on {@code imp}. */
    public void applyTo(ImagePlus imp) {
        if (file != null) imp.setProp(FILE, file.toString());
        else imp.setProp(URL, url);
        imp.setProp(LEVEL, Integer.toString(level));
        imp.setProp(X, Long.toString(x));
        imp.setProp(Y, Long.toString(y));
        imp.setProp(SPACING, String.format(Locale.ROOT, "%s\\%s", rowSpacing, columnSpacing));
        if (frameOfReferenceUid != null) imp.setProp(FRAME_OF_REFERENCE, frameOfReferenceUid);
        if (sopInstanceUid != null) imp.setProp(SOP_INSTANCE, sopInstanceUid);
        if (focalPlanes != null && focalPlanes.length > 1) {
            StringBuilder b = new StringBuilder();
            for (double z : focalPlanes) b.append(b.length() == 0 ? "" : "\\").append(z);
            imp.setProp(FOCAL_PLANES, b.toString());
        }
    }

    /** This placement for an image whose slices are the level's focal planes at these Z offsets (mm); null or one value: a single plane. */
    public SlidePlacement withFocalPlanes(double[] zs) {
        SlidePlacement p = new SlidePlacement(file, url, level, x, y, rowSpacing, columnSpacing, frameOfReferenceUid, sopInstanceUid);
        p.focalPlanes = zs == null || zs.length < 2 ? null : zs.clone();
        return p;
    }

    /** The Z offsets (mm) of the image's slices when they are several focal planes of the level, else null. */
    public double[] focalPlanes() { return focalPlanes == null ? null : focalPlanes.clone(); }

    /** The level instance (file) the image was read from; null for a level on a server ({@link #url()}). */
    public Path file() { return file; }
    /** The level instance's DICOMweb URL when it is on a server, else null. */
    public String url() { return url; }
    /** The file's path or the URL. */
    public String location() { return file != null ? file.toString() : url; }
    /** 1-based index of the level in its series (1 = largest). */
    public int level() { return level; }
    /** 0-based column of the image's left edge in the level's Total Pixel Matrix. */
    public long x() { return x; }
    /** 0-based row of the image's top edge in the level's Total Pixel Matrix. */
    public long y() { return y; }
    public double rowSpacing() { return rowSpacing; }
    public double columnSpacing() { return columnSpacing; }
    public String frameOfReferenceUid() { return frameOfReferenceUid; }
    public String sopInstanceUid() { return sopInstanceUid; }

    @Override public String toString() {
        return "level " + level + " (" + (file != null ? file.getFileName() : url) + ") at x=" + x + ", y=" + y;
    }
}
