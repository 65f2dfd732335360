package org.dicomseg.source;

import java.util.HashMap;
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
 */
public final class TotalPixelMatrix {
    /** VL Whole Slide Microscopy Image Storage. */
    public static final String VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.77.1.6";
    /** Imaged Volume Depth (0048,0003), FL, µm. */
    static final AttributeTag IMAGED_VOLUME_DEPTH = new AttributeTag(0x0048, 0x0003);

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
    private final Map<Long, Integer> sparseFrames;

    private TotalPixelMatrix(long rows, long columns, int tileRows, int tileColumns, double[] origin, double[] orientation,
                             double rowSpacing, double columnSpacing, Double sliceThickness, Double imagedVolumeDepth,
                             DimensionOrganization organization, int frames, Map<Long, Integer> sparseFrames) {
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
        if (row % tileRows != 0 || column % tileColumns != 0) return 0;
        if (sparseFrames != null) {
            Integer f = sparseFrames.get(key(row + 1, column + 1));
            return f == null ? 0 : f;
        }
        if (organization != DimensionOrganization.TILED_FULL) return 0;
        long across = (columns + tileColumns - 1) / tileColumns;
        long f = (row / tileRows) * across + column / tileColumns + 1;
        return f <= frames ? (int) f : 0;
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
        Map<Long, Integer> sparse = null;
        SequenceAttribute pf = (SequenceAttribute) h.get(TagFromName.PerFrameFunctionalGroupsSequence);
        if (pf != null && pf.getNumberOfItems() > 0) {
            sparse = new HashMap<>();
            java.util.Iterator<SequenceItem> it = pf.iterator();
            int n = 0;
            while (it.hasNext()) {
                n++;
                AttributeList pos = firstItem(it.next().getAttributeList(), TagFromName.PlanePositionSlideSequence);
                if (pos == null) continue;
                long r = Attribute.getSingleIntegerValueOrDefault(pos, TagFromName.RowPositionInTotalImagePixelMatrix, 0);
                long c = Attribute.getSingleIntegerValueOrDefault(pos, TagFromName.ColumnPositionInTotalImagePixelMatrix, 0);
                sparse.putIfAbsent(key(r, c), n);
                if (n == 1 && originItem == null) {
                    // no origin stated: fall back on the first tile's own position (rare, non-conformant sources)
                    origin[0] = orZero(doubles(pos, TagFromName.XOffsetInSlideCoordinateSystem));
                    origin[1] = orZero(doubles(pos, TagFromName.YOffsetInSlideCoordinateSystem));
                }
                if (n == 1 && doubles(originItem, TagFromName.ZOffsetInSlideCoordinateSystem) == null) {
                    origin[2] = orZero(doubles(pos, TagFromName.ZOffsetInSlideCoordinateSystem));
                }
            }
        }
        double[] depth = doubles(h, IMAGED_VOLUME_DEPTH);
        return new TotalPixelMatrix(rows, columns, tileRows, tileCols, origin, ori, spacing[0], spacing[1],
                th != null && th.length == 1 && th[0] > 0 ? th[0] : null,
                depth != null && depth.length == 1 && depth[0] > 0 && Double.isFinite(depth[0]) ? depth[0] / 1000 : null,
                o, frames, sparse);
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
