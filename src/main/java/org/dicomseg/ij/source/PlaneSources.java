package org.dicomseg.ij.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import ij.ImagePlus;

/**
 * Which source image each plane of an image belongs to, kept in the image's properties
 * ({@code imp.setProp}, saved by ImageJ in TIFF files) so that an export can match planes to source
 * files by SOP Instance UID instead of by count: the importer records them, {@link SourceLocator}
 * reads them. Also records where the planes lie in the patient (Image Position (Patient) of each
 * plane, Image Orientation (Patient)), since the image's ImageJ calibration, like that of ImageJ's
 * own DICOM opener, has no origin (PS3.3 C.7.6.2.1.1 for the attributes).
 *
 * <ul>
 *   <li>{@value #INSTANCES_PROPERTY}: one SOP Instance UID per plane, comma separated, in plane
 *       order (an empty entry: not known);</li>
 *   <li>{@value #POSITIONS_PROPERTY}: one {@code x\y\z} (mm) per plane, separated by {@code ;};</li>
 *   <li>{@value #ORIENTATION_PROPERTY}: the six direction cosines, {@code \} separated.</li>
 * </ul>
 */
public final class PlaneSources {
    /** Image property: SOP Instance UID of the source image of each plane, comma separated. */
    public static final String INSTANCES_PROPERTY = "DICOMSEG.source.instances";
    /** Image property: Image Position (Patient) of each plane, {@code x\y\z;x\y\z;...} in mm. */
    public static final String POSITIONS_PROPERTY = "DICOMSEG.source.positions";
    /** Image property: Image Orientation (Patient) of the planes, six values separated by {@code \}. */
    public static final String ORIENTATION_PROPERTY = "DICOMSEG.source.orientation";

    private PlaneSources() { }

    /**
     * Records the planes' sources on {@code imp}. {@code instances} and {@code positions} have one
     * entry per plane (entries may be null); either array, and {@code orientation}, may be null.
     */
    public static void record(ImagePlus imp, String[] instances, double[][] positions, double[] orientation) {
        if (instances != null && Arrays.stream(instances).anyMatch(u -> u != null && !u.isBlank())) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < instances.length; i++) {
                if (i > 0) b.append(',');
                if (instances[i] != null) b.append(instances[i].trim());
            }
            imp.setProp(INSTANCES_PROPERTY, b.toString());
        }
        if (positions != null && Arrays.stream(positions).anyMatch(p -> p != null)) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < positions.length; i++) {
                if (i > 0) b.append(';');
                if (positions[i] != null) b.append(join(positions[i]));
            }
            imp.setProp(POSITIONS_PROPERTY, b.toString());
        }
        if (orientation != null) imp.setProp(ORIENTATION_PROPERTY, join(orientation));
    }

    /**
     * The SOP Instance UID of each plane as recorded on {@code imp}, or an empty list when nothing
     * was recorded; entries not known are null.
     */
    public static List<String> instances(ImagePlus imp) {
        String v = imp == null ? null : imp.getProp(INSTANCES_PROPERTY);
        if (v == null || v.isBlank()) return Collections.emptyList();
        List<String> out = new ArrayList<>();
        for (String s : v.split(",", -1)) out.add(s.isBlank() ? null : s.trim());
        return out;
    }

    /** The recorded UIDs when there is one per plane of an image of {@code planes} planes, every one known; else null. */
    public static List<String> complete(ImagePlus imp, int planes) {
        List<String> uids = instances(imp);
        if (uids.size() != planes || uids.contains(null)) return null;
        return uids;
    }

    /** The recorded Image Position (Patient) of 0-based plane {@code z}, or null. */
    public static double[] position(ImagePlus imp, int z) {
        String v = imp == null ? null : imp.getProp(POSITIONS_PROPERTY);
        if (v == null || v.isBlank()) return null;
        String[] planes = v.split(";", -1);
        return z < 0 || z >= planes.length ? null : parse(planes[z], 3);
    }

    /** The recorded Image Orientation (Patient), or null. */
    public static double[] orientation(ImagePlus imp) {
        return parse(imp == null ? null : imp.getProp(ORIENTATION_PROPERTY), 6);
    }

    private static double[] parse(String s, int n) {
        if (s == null || s.isBlank()) return null;
        String[] parts = s.split("\\\\");
        if (parts.length != n) return null;
        double[] d = new double[n];
        try {
            for (int i = 0; i < n; i++) d[i] = Double.parseDouble(parts[i].trim());
        } catch (NumberFormatException e) {
            return null;
        }
        return d;
    }

    private static String join(double[] d) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < d.length; i++) {
            if (i > 0) b.append('\\');
            b.append(String.format(Locale.ROOT, "%s", d[i]));
        }
        return b.toString();
    }
}
