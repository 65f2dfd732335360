package org.dicomseg.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.task.InputException;

/**
 * The slide geometry of one VL Whole Slide Microscopy image (one pyramid level, SOP class
 * 1.2.840.10008.5.1.4.1.1.77.1.6; PS3.3 A.32.8): Total Pixel Matrix Rows/Columns and Origin
 * (C.8.12.4.1.8), Image Orientation (Slide) (C.8.12.4.1.4), Pixel Spacing and Slice Thickness of
 * the level (Pixel Measures, C.7.6.16.2.1), its tile size (Rows/Columns) and Dimension
 * Organization Type (C.7.6.17.3), and where each of its tiles lies (for Referenced Frame Number).
 *
 * <p>{@link #slidePosition} maps a 0-based (row, column) of the matrix to X/Y/Z Offset in Slide
 * Coordinate System (C.8.12.6.1) in mm: origin + column index × column spacing × the row direction
 * cosines + row index × row spacing × the column direction cosines.</p>
 *
 * <p>Focal planes (Total Pixel Matrix Focal Planes (0048,0303), C.8.12.4; Z locations of the
 * tiles): TILED_SPARSE with Total Pixel Matrix Focal Planes &gt; 1, the distinct Z Offset in Slide
 * Coordinate System values of the tiles' Plane Position (Slide) (within {@value #SAME_FOCAL_PLANE_MM}
 * mm), or, when they are not that many (a focus map: each tile's own Z), the k-th lowest Z at each
 * tile position; stated 1 or absent, one focal plane whatever the tiles' Z; TILED_FULL, Total Pixel Matrix
 * Focal Planes planes from the origin's Z, Spacing Between Slices (0018,0088) of the Pixel Measures
 * apart (as highdicom reads them; the Slice Thickness, else 1 µm, when it is absent), in the
 * implicit frame order of C.7.6.17.3 (tiles, then focal planes, then optical paths).
 * {@link #focalPlanes()} are in increasing Z; {@link #framesAt} gives a tile's frames at one of
 * them, one per optical path.</p>
 */
public final class TotalPixelMatrix {
    /** VL Whole Slide Microscopy Image Storage. */
    public static final String VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.77.1.6";
    /** Imaged Volume Depth (0048,0003), FL, µm. */
    static final AttributeTag IMAGED_VOLUME_DEPTH = new AttributeTag(0x0048, 0x0003);
    /** Total Pixel Matrix Focal Planes (0048,0303), UL. */
    static final AttributeTag TOTAL_PIXEL_MATRIX_FOCAL_PLANES = new AttributeTag(0x0048, 0x0303);
    /** Number of Optical Paths (0048,0302), UL. */
    static final AttributeTag NUMBER_OF_OPTICAL_PATHS = new AttributeTag(0x0048, 0x0302);
    /** Z offsets closer than this (mm) are one focal plane (the reader's rule, {@code reconstruct.FocalPlanes}). */
    public static final double SAME_FOCAL_PLANE_MM = 1e-4;
    private static final int[] NONE = new int[0];

    private final long rows;
    private final long columns;
    private final int tileRows;
    private final int tileColumns;
    private final double[] origin;
    private final double[] orientation;
    private final double rowSpacing;
    private final double columnSpacing;
    private final Double sliceThickness;
    private final Double imagedVolumeDepth;
    private final DimensionOrganization organization;
    private final int frames;
    /** TILED_SPARSE: per focal plane, (row, column) key → the frames there (one per optical path); null for TILED_FULL. */
    private final List<Map<Long, int[]>> sparseFrames;
    private final double[] focalPlanes;
    private final int opticalPaths;

    private TotalPixelMatrix(long rows, long columns, int tileRows, int tileColumns, double[] origin, double[] orientation,
                             double rowSpacing, double columnSpacing, Double sliceThickness, Double imagedVolumeDepth,
                             DimensionOrganization organization, int frames, List<Map<Long, int[]>> sparseFrames,
                             double[] focalPlanes, int opticalPaths) {
        this.focalPlanes = focalPlanes;
        this.opticalPaths = opticalPaths;
        this.rows = rows;
        this.columns = columns;
        this.tileRows = tileRows;
        this.tileColumns = tileColumns;
        this.origin = origin;
        this.orientation = orientation;
        this.rowSpacing = rowSpacing;
        this.columnSpacing = columnSpacing;
        this.sliceThickness = sliceThickness;
        this.imagedVolumeDepth = imagedVolumeDepth;
        this.organization = organization;
        this.frames = frames;
        this.sparseFrames = sparseFrames;
    }

    /** Total Pixel Matrix Rows (0048,0007). */
    public long rows() { return rows; }
    /** Total Pixel Matrix Columns (0048,0006). */
    public long columns() { return columns; }
    /** Rows of one source tile (0028,0010). */
    public int tileRows() { return tileRows; }
    /** Columns of one source tile (0028,0011). */
    public int tileColumns() { return tileColumns; }
    /** X, Y, Z of the Total Pixel Matrix Origin Sequence (0048,0008) in mm (Z 0 when not stated). */
    public double[] origin() { return origin.clone(); }
    /** Image Orientation (Slide) (0048,0102). */
    public double[] orientation() { return orientation.clone(); }
    /** Pixel Spacing (0028,0030) value 1: between rows, mm. */
    public double rowSpacing() { return rowSpacing; }
    /** Pixel Spacing (0028,0030) value 2: between columns, mm. */
    public double columnSpacing() { return columnSpacing; }
    /** Slice Thickness (0018,0050) of the level's Pixel Measures in mm, or null when the slide has none. */
    public Double sliceThickness() { return sliceThickness; }
    /**
     * Imaged Volume Depth (0048,0003) of the Whole Slide Microscopy Image module (C.8.12.4), which
     * the standard gives in µm, converted to mm; null when the slide has none (or not a positive value).
     */
    public Double imagedVolumeDepth() { return imagedVolumeDepth; }
    /** Dimension Organization Type of the source (null when not stated). */
    public DimensionOrganization organization() { return organization; }

    /** Number of focal planes (at least 1). */
    public int focalPlaneCount() { return focalPlanes.length; }

    /** Z Offset in Slide Coordinate System (mm) of each focal plane, in increasing Z. */
    public double[] focalPlanes() { return focalPlanes.clone(); }

    /**
     * The distance between neighbouring focal planes in mm when there are several and they are
     * evenly spaced (within {@value #SAME_FOCAL_PLANE_MM} mm), else null.
     */
    public Double focalPlaneSpacing() {
        if (focalPlanes.length < 2) return null;
        double gap = focalPlanes[1] - focalPlanes[0];
        for (int i = 2; i < focalPlanes.length; i++) {
            if (Math.abs(focalPlanes[i] - focalPlanes[i - 1] - gap) > SAME_FOCAL_PLANE_MM) return null;
        }
        return gap;
    }

    /** Number of optical paths the tiles are stored for (Number of Optical Paths; TILED_SPARSE: at most that many frames per tile and focal plane). */
    public int opticalPathCount() { return opticalPaths; }

    /** X/Y/Z Offset in Slide Coordinate System (mm) of the pixel at 0-based {@code row}, {@code column}. */
    public double[] slidePosition(long row, long column) {
        double c = column * columnSpacing;
        double r = row * rowSpacing;
        return new double[] {
            origin[0] + orientation[0] * c + orientation[3] * r,
            origin[1] + orientation[1] * c + orientation[4] * r,
            origin[2] + orientation[2] * c + orientation[5] * r,
        };
    }

    /**
     * The source frame number (1-based) of the tile starting at 0-based {@code row}, {@code column},
     * or 0 when no source tile starts there (different tile size, or a TILED_SPARSE gap). For
     * several focal planes or optical paths, the first one's.
     */
    public int frameAt(long row, long column) {
        int[] f = framesAt(row, column, 0);
        return f.length == 0 ? 0 : f[0];
    }

    /**
     * The source frame numbers (1-based) of the tile starting at 0-based {@code row}, {@code column}
     * at focal plane {@code focal} (0-based, in increasing Z): one per optical path (TILED_FULL: in
     * the order of the Optical Path Sequence; TILED_SPARSE: in file order), empty when no source tile
     * starts there.
     */
    public int[] framesAt(long row, long column, int focal) {
        if (row % tileRows != 0 || column % tileColumns != 0 || focal < 0 || focal >= focalPlanes.length) return NONE;
        if (sparseFrames != null) {
            int[] f = sparseFrames.get(focal).get(key(row + 1, column + 1));
            return f == null ? NONE : f;
        }
        if (organization != DimensionOrganization.TILED_FULL) return NONE;
        long across = (columns + tileColumns - 1) / tileColumns;
        long down = (rows + tileRows - 1) / tileRows;
        long tile = (row / tileRows) * across + column / tileColumns;
        int[] out = new int[opticalPaths];
        for (int p = 0; p < opticalPaths; p++) {
            long f = tile + 1 + across * down * (focal + (long) focalPlanes.length * p);
            if (f > frames) return p == 0 ? NONE : java.util.Arrays.copyOf(out, p);
            out[p] = (int) f;
        }
        return out;
    }

    private static long key(long row, long column) { return row * (1L << 32) + column; }

    /** True when {@code header} is a VL Whole Slide Microscopy image with a Total Pixel Matrix. */
    static boolean isSlide(AttributeList header) {
        return VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE.equals(SourceImages.text(header, TagFromName.SOPClassUID))
                && header.get(TagFromName.TotalPixelMatrixRows) != null && header.get(TagFromName.TotalPixelMatrixColumns) != null;
    }

    /** Reads the geometry of a slide header ({@link #isSlide} must hold). */
    static TotalPixelMatrix of(AttributeList h, String file) throws InputException {
        long rows = longValue(h, TagFromName.TotalPixelMatrixRows);
        long columns = longValue(h, TagFromName.TotalPixelMatrixColumns);
        int tileRows = Attribute.getSingleIntegerValueOrDefault(h, TagFromName.Rows, 0);
        int tileCols = Attribute.getSingleIntegerValueOrDefault(h, TagFromName.Columns, 0);
        AttributeList originItem = firstItem(h, TagFromName.TotalPixelMatrixOriginSequence);
        double[] origin = new double[3];
        if (originItem != null) {
            origin[0] = orZero(doubles(originItem, TagFromName.XOffsetInSlideCoordinateSystem));
            origin[1] = orZero(doubles(originItem, TagFromName.YOffsetInSlideCoordinateSystem));
            origin[2] = orZero(doubles(originItem, TagFromName.ZOffsetInSlideCoordinateSystem));
        }
        double[] ori = doubles(h, TagFromName.ImageOrientationSlide);
        if (ori == null || ori.length != 6) {
            throw new InputException("Slide " + file + " has no Image Orientation (Slide) (0048,0102)");
        }
        AttributeList shared = firstItem(h, TagFromName.SharedFunctionalGroupsSequence);
        AttributeList perFrame = firstItem(h, TagFromName.PerFrameFunctionalGroupsSequence);
        AttributeList pm = null;
        for (AttributeList l : new AttributeList[] {shared, perFrame}) {
            if (pm == null && l != null) pm = firstItem(l, TagFromName.PixelMeasuresSequence);
        }
        double[] spacing = pm == null ? null : doubles(pm, TagFromName.PixelSpacing);
        if (spacing == null || spacing.length != 2 || !(spacing[0] > 0) || !(spacing[1] > 0)) {
            throw new InputException("Slide " + file + " has no Pixel Spacing in its Pixel Measures Sequence");
        }
        double[] th = doubles(pm, TagFromName.SliceThickness);
        String org = SourceImages.text(h, TagFromName.DimensionOrganizationType);
        DimensionOrganization o;
        try {
            o = DimensionOrganization.parse(org);
        } catch (IllegalArgumentException e) {
            o = null;
        }
        int frames = Attribute.getSingleIntegerValueOrDefault(h, TagFromName.NumberOfFrames, 1);
        int paths = Math.max(1, (int) Math.min(Integer.MAX_VALUE, longValue(h, NUMBER_OF_OPTICAL_PATHS)));
        List<Map<Long, int[]>> sparse = null;
        double[] focal;
        SequenceAttribute pf = (SequenceAttribute) h.get(TagFromName.PerFrameFunctionalGroupsSequence);
        if (pf != null && pf.getNumberOfItems() > 0) {
            int count = pf.getNumberOfItems();
            long[] keys = new long[count];
            double[] zs = new double[count];
            java.util.Iterator<SequenceItem> it = pf.iterator();
            int n = 0;
            while (it.hasNext()) {
                AttributeList pos = firstItem(it.next().getAttributeList(), TagFromName.PlanePositionSlideSequence);
                n++;
                keys[n - 1] = -1;
                if (pos == null) continue;
                long r = Attribute.getSingleIntegerValueOrDefault(pos, TagFromName.RowPositionInTotalImagePixelMatrix, 0);
                long c = Attribute.getSingleIntegerValueOrDefault(pos, TagFromName.ColumnPositionInTotalImagePixelMatrix, 0);
                keys[n - 1] = key(r, c);
                double[] z = doubles(pos, TagFromName.ZOffsetInSlideCoordinateSystem);
                zs[n - 1] = z == null || z.length == 0 || !Double.isFinite(z[0]) ? 0 : z[0];
                if (n == 1 && originItem == null) {
                    // no origin stated: fall back on the first tile's own position (rare, non-conformant sources)
                    origin[0] = orZero(doubles(pos, TagFromName.XOffsetInSlideCoordinateSystem));
                    origin[1] = orZero(doubles(pos, TagFromName.YOffsetInSlideCoordinateSystem));
                }
                if (n == 1 && doubles(originItem, TagFromName.ZOffsetInSlideCoordinateSystem) == null) {
                    origin[2] = zs[0];
                }
            }
            long stated = longValue(h, TOTAL_PIXEL_MATRIX_FOCAL_PLANES);
            int[] planeOfFrame = new int[count];
            if (stated <= 1) {
                // one focal plane (stated, or not stated): per-tile Z Offsets that differ are a focus map, not planes
                focal = new double[] {origin[2]};
            } else {
                focal = distinct(zs, keys);
                if (focal.length == stated) {
                    for (int i = 0; i < count; i++) planeOfFrame[i] = planeOf(focal, zs[i]);
                } else {
                    focal = byRank(zs, keys, planeOfFrame);
                }
            }
            sparse = new ArrayList<>(focal.length);
            for (int i = 0; i < focal.length; i++) sparse.add(new HashMap<>());
            for (int i = 0; i < count; i++) {
                if (keys[i] < 0) continue;
                Map<Long, int[]> at = sparse.get(planeOfFrame[i]);
                int[] old = at.get(keys[i]);
                int[] now = old == null ? new int[1] : java.util.Arrays.copyOf(old, old.length + 1);
                now[now.length - 1] = i + 1;
                at.put(keys[i], now);
            }
        } else {
            int count = Math.max(1, (int) Math.min(10_000, longValue(h, TOTAL_PIXEL_MATRIX_FOCAL_PLANES)));
            double[] between = pm == null ? null : doubles(pm, TagFromName.SpacingBetweenSlices);
            double step = between != null && between.length == 1 && between[0] > 0 ? between[0]
                    : th != null && th.length == 1 && th[0] > 0 ? th[0] : 0.001;
            focal = new double[count];
            for (int i = 0; i < count; i++) focal[i] = origin[2] + i * step;
        }
        double[] depth = doubles(h, IMAGED_VOLUME_DEPTH);
        return new TotalPixelMatrix(rows, columns, tileRows, tileCols, origin, ori, spacing[0], spacing[1],
                th != null && th.length == 1 && th[0] > 0 ? th[0] : null,
                depth != null && depth.length == 1 && depth[0] > 0 && Double.isFinite(depth[0]) ? depth[0] / 1000 : null,
                o, frames, sparse, focal, paths);
    }

    /** The distinct values of {@code zs} (where {@code keys[i] >= 0}) within {@value #SAME_FOCAL_PLANE_MM} mm, increasing; at least one. */
    private static double[] distinct(double[] zs, long[] keys) {
        double[] sorted = new double[zs.length];
        int n = 0;
        for (int i = 0; i < zs.length; i++) if (keys[i] >= 0) sorted[n++] = zs[i];
        if (n == 0) return new double[] {0};
        java.util.Arrays.sort(sorted, 0, n);
        double[] out = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) if (k == 0 || sorted[i] - out[k - 1] > SAME_FOCAL_PLANE_MM) out[k++] = sorted[i];
        return java.util.Arrays.copyOf(out, k);
    }

    /**
     * Focal planes told apart per tile position (scanners that focus each tile on its own state
     * Z Offsets that differ from tile to tile): at each position, the k-th lowest distinct Z is
     * focal plane k; the plane's Z is the mean of those. Sets {@code planeOfFrame}.
     */
    private static double[] byRank(double[] zs, long[] keys, int[] planeOfFrame) {
        Map<Long, List<Integer>> at = new HashMap<>();
        for (int i = 0; i < zs.length; i++) if (keys[i] >= 0) at.computeIfAbsent(keys[i], k -> new ArrayList<>()).add(i);
        int depth = 1;
        double[] sum = new double[16];
        int[] n = new int[16];
        for (List<Integer> frames : at.values()) {
            frames.sort((a, b) -> Double.compare(zs[a], zs[b]));
            int rank = 0;
            double last = Double.NaN;
            for (int f : frames) {
                if (!Double.isNaN(last) && zs[f] - last > SAME_FOCAL_PLANE_MM) rank++;
                last = zs[f];
                planeOfFrame[f] = rank;
                if (rank >= sum.length) {
                    sum = java.util.Arrays.copyOf(sum, rank * 2);
                    n = java.util.Arrays.copyOf(n, rank * 2);
                }
                sum[rank] += zs[f];
                n[rank]++;
                depth = Math.max(depth, rank + 1);
            }
        }
        double[] out = new double[depth];
        for (int k = 0; k < depth; k++) out[k] = n[k] == 0 ? 0 : sum[k] / n[k];
        return out;
    }

    /** The index of the focal plane nearest {@code z}. */
    private static int planeOf(double[] focal, double z) {
        int best = 0;
        for (int i = 1; i < focal.length; i++) if (Math.abs(focal[i] - z) < Math.abs(focal[best] - z)) best = i;
        return best;
    }

    private static long longValue(AttributeList l, AttributeTag t) {
        Attribute a = l.get(t);
        try {
            return a == null ? 0 : a.getLongValues()[0];
        } catch (DicomException | RuntimeException e) {
            return 0;
        }
    }

    private static AttributeList firstItem(AttributeList l, AttributeTag t) {
        if (l == null) return null;
        Attribute a = l.get(t);
        if (a instanceof SequenceAttribute && ((SequenceAttribute) a).getNumberOfItems() > 0) {
            return ((SequenceAttribute) a).getItem(0).getAttributeList();
        }
        return null;
    }

    private static double[] doubles(AttributeList l, AttributeTag t) {
        return SourceImages.doubles(l, t);
    }

    private static double orZero(double[] d) { return d == null || d.length == 0 ? 0 : d[0]; }
}
