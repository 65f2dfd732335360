package org.dicomseg.samples;

import static org.dicomseg.samples.Attrs.code;
import static org.dicomseg.samples.Attrs.put;
import static org.dicomseg.samples.Attrs.putDs;
import static org.dicomseg.samples.Attrs.putInt;
import static org.dicomseg.samples.Attrs.seq;

import java.io.IOException;
import java.nio.file.Path;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.UnsignedLongAttribute;

/**
 * Writes a synthetic VL Whole Slide Microscopy image (1.2.840.10008.5.1.4.1.1.77.1.6, PS3.3
 * A.32.8): one pyramid level, TILED_FULL (C.7.6.17.3), native 8-bit grey (MONOCHROME2) or RGB,
 * with a Total Pixel Matrix of any size cut into square tiles (edge tiles padded with background).
 * The slide shows one elliptical "tissue" section (dark) on a bright background, see
 * {@link #isTissue}; Specimen module with a container and one specimen. Shares the Study and
 * Frame of Reference of its {@link SampleStudy}. Optionally several focal planes ({@link #focalPlanes}:
 * Total Pixel Matrix Focal Planes, the tissue section narrower and darker at each deeper plane) and
 * optical paths ({@link #opticalPaths}), TILED_FULL in the implicit order of C.7.6.17.3 (tiles,
 * then focal planes, then optical paths) or TILED_SPARSE with each frame's Z Offset and Optical
 * Path Identification.
 */
public final class SlideWriter {
    /** VL Whole Slide Microscopy Image Storage. */
    public static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.77.1.6";

    private final SampleStudy study;
    private final int totalColumns;
    private final int totalRows;
    private final int tileSize;
    private boolean rgb;
    private boolean jpeg;
    private boolean jpeg2000;
    private boolean sparse;
    private boolean headerOnly;
    private String seriesKey;
    private double pixelSpacing = 0.00025;
    private double originX = 20.0;
    private double originY = 40.0;
    private int focalPlanes = 1;
    private double focalSpacing = 0.002;
    private double firstZ;
    private int opticalPaths = 1;

    /** A grey slide of {@code totalColumns × totalRows} pixels in {@code tileSize} tiles, 0.25 µm pixels. */
    public SlideWriter(SampleStudy study, int totalColumns, int totalRows, int tileSize) {
        this.study = study;
        this.totalColumns = totalColumns;
        this.totalRows = totalRows;
        this.tileSize = tileSize;
    }

    /** RGB instead of grey. */
    public SlideWriter rgb(boolean rgb) { this.rgb = rgb; return this; }

    /** JPEG baseline tiles (1.2.840.10008.1.2.4.50, YBR_FULL_422 for colour) instead of native. */
    public SlideWriter jpeg(boolean jpeg) { this.jpeg = jpeg; return this; }

    /**
     * Leaves Pixel Data out (a header-only stand-in for a huge level: enough for the SEG writer,
     * which reads source headers only; not a valid image to view).
     */
    public SlideWriter headerOnly(boolean h) { this.headerOnly = h; return this; }

    /** Series identity for UID derivation (levels of one pyramid share it and differ in size). */
    public SlideWriter series(String key) { this.seriesKey = key; return this; }

    /** JPEG 2000 Lossless tiles (1.2.840.10008.1.2.4.90; grey only) instead of native. */
    public SlideWriter jpeg2000(boolean j2k) { this.jpeg2000 = j2k; return this; }

    /**
     * TILED_SPARSE: only tiles with tissue are stored, each with its Plane Position (Slide) in the
     * Per-frame Functional Groups (PS3.3 C.8.12.6.1).
     */
    public SlideWriter sparse(boolean sparse) { this.sparse = sparse; return this; }

    /**
     * {@code n} focal planes {@code spacing} mm apart (Spacing Between Slices), the first at Z Offset
     * {@code firstZ} mm (TILED_FULL: stated in the Total Pixel Matrix Origin Sequence when not 0).
     */
    public SlideWriter focalPlanes(int n, double spacing, double firstZ) {
        this.focalPlanes = n;
        this.focalSpacing = spacing;
        this.firstZ = firstZ;
        return this;
    }

    /** {@code n} optical paths (each tile stored once per path, a little brighter each). */
    public SlideWriter opticalPaths(int n) { this.opticalPaths = n; return this; }

    /** The Z Offset in Slide Coordinate System (mm) of focal plane {@code k} (0-based). */
    public double focalPlaneZ(int k) { return firstZ + k * focalSpacing; }

    /** True when pixel (column x, row y) of the total matrix is in the tissue at focal plane {@code k} (narrower deeper). */
    public boolean isTissue(int x, int y, int k) {
        double cx = totalColumns * 0.45, cy = totalRows * 0.55;
        double rx = totalColumns * 0.3 * (1 - 0.15 * k), ry = totalRows * 0.3 * (1 - 0.15 * k);
        double dx = (x - cx) / rx, dy = (y - cy) / ry;
        return dx * dx + dy * dy <= 1;
    }

    /** Pixel spacing in mm (both directions). */
    public SlideWriter pixelSpacing(double mm) { this.pixelSpacing = mm; return this; }

    /** True when pixel (column x, row y) of the total matrix is in the tissue ellipse. */
    public boolean isTissue(int x, int y) {
        double cx = totalColumns * 0.45, cy = totalRows * 0.55;
        double rx = totalColumns * 0.3, ry = totalRows * 0.3;
        double dx = (x - cx) / rx, dy = (y - cy) / ry;
        return dx * dx + dy * dy <= 1;
    }

    /** Writes the image to {@code file} and returns its SOP Instance UID. */
    public String write(Path file) throws IOException {
        AttributeList l = new AttributeList();
        String key = seriesKey != null ? seriesKey : "series/slide-" + totalColumns + "x" + totalRows;
        String sopUid = study.uids().uid(key + "/instance/" + totalColumns + "x" + totalRows);
        CommonModules.addStudyLevel(l, study, true);
        put(l, TagFromName.Modality, "SM");
        put(l, TagFromName.SeriesInstanceUID, study.uids().uid(key));
        putInt(l, TagFromName.SeriesNumber, 10);
        put(l, TagFromName.SeriesDescription, "Synthetic slide");
        put(l, TagFromName.PositionReferenceIndicator, "SLIDE_CORNER");
        CommonModules.addSop(l, SOP_CLASS, sopUid);
        put(l, TagFromName.ImageType, "ORIGINAL", "PRIMARY", "VOLUME", "NONE");
        putInt(l, TagFromName.InstanceNumber, 1);
        put(l, TagFromName.ContentDate, study.studyDate());
        put(l, TagFromName.ContentTime, study.studyTime());
        put(l, TagFromName.AcquisitionDateTime, study.studyDate() + study.studyTime());
        put(l, TagFromName.BurnedInAnnotation, "NO");
        cs(l, new AttributeTag(0x0028, 0x0302), "NO"); // Recognizable Visual Features
        cs(l, new AttributeTag(0x0048, 0x0010), "NO"); // Specimen Label in Image
        cs(l, new AttributeTag(0x0048, 0x0011), "AUTO"); // Focus Method
        cs(l, new AttributeTag(0x0048, 0x0012), "NO"); // Extended Depth of Field
        put(l, TagFromName.VolumetricProperties, "VOLUME");
        // Whole Slide Microscopy Image (C.8.12.4): imaged volume (mm; depth in µm), grey presentation
        putFl(l, new AttributeTag(0x0048, 0x0001), (float) (totalColumns * pixelSpacing)); // Imaged Volume Width
        putFl(l, new AttributeTag(0x0048, 0x0002), (float) (totalRows * pixelSpacing)); // Imaged Volume Height
        putFl(l, new AttributeTag(0x0048, 0x0003), (float) (focalPlanes * focalSpacing * 1000)); // Imaged Volume Depth
        if (!rgb) {
            put(l, TagFromName.PresentationLUTShape, "IDENTITY");
            putDs(l, TagFromName.RescaleIntercept, 0);
            putDs(l, TagFromName.RescaleSlope, 1);
        }
        seq(l, TagFromName.AcquisitionContextSequence); // Type 2, empty (Acquisition Context, C.7.6.14)
        if (jpeg2000 && rgb) throw new IllegalArgumentException("JPEG 2000 sample slides are grey only");
        put(l, TagFromName.LossyImageCompression, jpeg ? "01" : "00");
        // Image Pixel
        int spp = rgb ? 3 : 1;
        putInt(l, TagFromName.SamplesPerPixel, spp);
        put(l, TagFromName.PhotometricInterpretation, rgb ? (jpeg ? "YBR_FULL_422" : "RGB") : "MONOCHROME2");
        if (rgb) putInt(l, TagFromName.PlanarConfiguration, 0);
        putInt(l, TagFromName.Rows, tileSize);
        putInt(l, TagFromName.Columns, tileSize);
        putInt(l, TagFromName.BitsAllocated, 8);
        putInt(l, TagFromName.BitsStored, 8);
        putInt(l, TagFromName.HighBit, 7);
        putInt(l, TagFromName.PixelRepresentation, 0);
        // Whole Slide Microscopy Image: total pixel matrix
        ul(l, TagFromName.TotalPixelMatrixColumns, totalColumns);
        ul(l, TagFromName.TotalPixelMatrixRows, totalRows);
        ul(l, new AttributeTag(0x0048, 0x0303), focalPlanes);
        AttributeList origin = new AttributeList();
        putDs(origin, TagFromName.XOffsetInSlideCoordinateSystem, originX);
        putDs(origin, TagFromName.YOffsetInSlideCoordinateSystem, originY);
        if (firstZ != 0) putDs(origin, TagFromName.ZOffsetInSlideCoordinateSystem, firstZ);
        seq(l, TagFromName.TotalPixelMatrixOriginSequence, origin);
        putDs(l, TagFromName.ImageOrientationSlide, 0, -1, 0, -1, 0, 0);
        put(l, TagFromName.DimensionOrganizationType, sparse ? "TILED_SPARSE" : "TILED_FULL");
        ul(l, new AttributeTag(0x0048, 0x0302), opticalPaths); // Number of Optical Paths
        com.pixelmed.dicom.SequenceAttribute paths = seq(l, TagFromName.OpticalPathSequence);
        for (int op = 1; op <= opticalPaths; op++) {
            AttributeList path = new AttributeList();
            try {
                Attribute id = new com.pixelmed.dicom.ShortStringAttribute(new AttributeTag(0x0048, 0x0106)); // Optical Path Identifier
                id.addValue(Integer.toString(op));
                path.put(id);
            } catch (DicomException e) {
                throw new IOException(e);
            }
            seq(path, new AttributeTag(0x0048, 0x0108), code("414298005", "SCT", "Full Spectrum"));
            seq(path, new AttributeTag(0x0022, 0x0016), code("111744", "DCM", "Brightfield illumination"));
            paths.addItem(path);
        }
        // Specimen
        put(l, TagFromName.ContainerIdentifier, "SLIDE-1");
        seq(l, new AttributeTag(0x0040, 0x0513));
        seq(l, new AttributeTag(0x0040, 0x0518), code("433466003", "SCT", "Microscope slide"));
        AttributeList specimen = new AttributeList();
        put(specimen, new AttributeTag(0x0040, 0x0551), "SPECIMEN-1");
        put(specimen, new AttributeTag(0x0040, 0x0554), study.uids().uid(key + "/specimen"));
        seq(specimen, new AttributeTag(0x0040, 0x0562));
        seq(specimen, new AttributeTag(0x0040, 0x0610));
        seq(l, TagFromName.SpecimenDescriptionSequence, specimen);
        // Multi-frame
        int across = (totalColumns + tileSize - 1) / tileSize;
        int down = (totalRows + tileSize - 1) / tileSize;
        // frames: {tile row, tile column, focal plane, optical path}; TILED_FULL: tiles, then focal planes, then optical paths
        java.util.List<int[]> kept = new java.util.ArrayList<>();
        for (int op = 0; op < opticalPaths; op++) {
            for (int k = 0; k < focalPlanes; k++) {
                for (int tr = 0; tr < down; tr++) {
                    for (int tc = 0; tc < across; tc++) {
                        if (!sparse || hasTissue(tc * tileSize, tr * tileSize)) kept.add(new int[] {tr, tc, k, op});
                    }
                }
            }
        }
        putInt(l, TagFromName.NumberOfFrames, kept.size());
        String dimUid = study.uids().uid(key + "/dimension-organization");
        AttributeList org = new AttributeList();
        put(org, TagFromName.DimensionOrganizationUID, dimUid);
        seq(l, TagFromName.DimensionOrganizationSequence, org);
        if (sparse) { // Dimension Index (C.7.6.17, Type 1C unless TILED_FULL): column, row, focal plane, optical path
            com.pixelmed.dicom.SequenceAttribute dims = seq(l, TagFromName.DimensionIndexSequence);
            AttributeTag plane = TagFromName.PlanePositionSlideSequence;
            dims.addItem(dimension(dimUid, TagFromName.ColumnPositionInTotalImagePixelMatrix, plane));
            dims.addItem(dimension(dimUid, TagFromName.RowPositionInTotalImagePixelMatrix, plane));
            dims.addItem(dimension(dimUid, TagFromName.ZOffsetInSlideCoordinateSystem, plane));
            dims.addItem(dimension(dimUid, new AttributeTag(0x0048, 0x0106), new AttributeTag(0x0048, 0x0207)));
        }
        AttributeList shared = new AttributeList();
        AttributeList pm = new AttributeList();
        putDs(pm, TagFromName.PixelSpacing, pixelSpacing, pixelSpacing);
        putDs(pm, TagFromName.SliceThickness, focalPlanes > 1 ? focalSpacing : 0.01);
        if (focalPlanes > 1) putDs(pm, TagFromName.SpacingBetweenSlices, focalSpacing);
        seq(shared, TagFromName.PixelMeasuresSequence, pm);
        AttributeList frameType = new AttributeList();
        put(frameType, TagFromName.FrameType, "ORIGINAL", "PRIMARY", "VOLUME", "NONE");
        seq(shared, new AttributeTag(0x0040, 0x0710), frameType);
        seq(l, TagFromName.SharedFunctionalGroupsSequence, shared);
        if (sparse) {
            com.pixelmed.dicom.SequenceAttribute pf = seq(l, TagFromName.PerFrameFunctionalGroupsSequence);
            for (int[] t : kept) {
                AttributeList item = new AttributeList();
                AttributeList pos = new AttributeList();
                int row = t[0] * tileSize, col = t[1] * tileSize;
                // orientation (0,-1,0,-1,0,0): columns run along -Y, rows along -X
                putDs(pos, TagFromName.XOffsetInSlideCoordinateSystem, originX - row * pixelSpacing);
                putDs(pos, TagFromName.YOffsetInSlideCoordinateSystem, originY - col * pixelSpacing);
                putDs(pos, TagFromName.ZOffsetInSlideCoordinateSystem, focalPlanes > 1 ? focalPlaneZ(t[2]) : 0);
                sl(pos, TagFromName.ColumnPositionInTotalImagePixelMatrix, col + 1);
                sl(pos, TagFromName.RowPositionInTotalImagePixelMatrix, row + 1);
                seq(item, TagFromName.PlanePositionSlideSequence, pos);
                AttributeList content = new AttributeList(); // Frame Content > Dimension Index Values
                try {
                    com.pixelmed.dicom.UnsignedLongAttribute div = new com.pixelmed.dicom.UnsignedLongAttribute(TagFromName.DimensionIndexValues);
                    div.addValue(t[1] + 1);
                    div.addValue(t[0] + 1);
                    div.addValue(t[2] + 1);
                    div.addValue(t[3] + 1);
                    content.put(div);
                } catch (DicomException e) {
                    throw new IOException(e);
                }
                seq(item, TagFromName.FrameContentSequence, content);
                AttributeList opi = new AttributeList(); // Optical Path Identification (C.8.12.6.2), required unless TILED_FULL
                put(opi, new AttributeTag(0x0048, 0x0106), Integer.toString(t[3] + 1));
                seq(item, new AttributeTag(0x0048, 0x0207), opi);
                pf.addItem(item);
            }
        }

        if (headerOnly) {
            CommonModules.write(l, file);
            return sopUid;
        }
        int tilePixels = tileSize * tileSize * spp;
        byte[] pixels = new byte[kept.size() * tilePixels];
        for (int f = 0; f < kept.size(); f++) {
            int tr = kept.get(f)[0], tc = kept.get(f)[1], k = kept.get(f)[2], op = kept.get(f)[3];
            {
                int base = f * tilePixels;
                for (int y = 0; y < tileSize; y++) {
                    for (int x = 0; x < tileSize; x++) {
                        int gx = tc * tileSize + x, gy = tr * tileSize + y;
                        boolean inside = gx < totalColumns && gy < totalRows;
                        boolean tissue = inside && isTissue(gx, gy, k);
                        int i = base + (y * tileSize + x) * spp;
                        if (rgb) {
                            pixels[i] = (byte) (tissue ? 180 - 30 * k + 10 * op : 240);
                            pixels[i + 1] = (byte) (tissue ? 90 : 240);
                            pixels[i + 2] = (byte) (tissue ? 170 : 240);
                        } else {
                            pixels[i] = (byte) (tissue ? 100 - 25 * k + 10 * op + ((gx ^ gy) & 15) : 235);
                        }
                    }
                }
            }
        }
        if (jpeg || jpeg2000) {
            JpegTiles.write(l, pixels, kept.size(), tileSize, spp, jpeg2000, file);
            return sopUid;
        }
        try {
            Attribute pd = new OtherByteAttribute(TagFromName.PixelData);
            pd.setValues(pixels);
            l.put(pd);
        } catch (DicomException e) {
            throw new IOException(e);
        }
        CommonModules.write(l, file);
        return sopUid;
    }

    private boolean hasTissue(int x0, int y0) {
        for (int y = y0; y < Math.min(totalRows, y0 + tileSize); y++) {
            for (int x = x0; x < Math.min(totalColumns, x0 + tileSize); x++) if (isTissue(x, y)) return true;
        }
        return false;
    }

    private static void sl(AttributeList l, AttributeTag t, int v) {
        try {
            Attribute a = new com.pixelmed.dicom.SignedLongAttribute(t);
            a.addValue(v);
            l.put(a);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AttributeList dimension(String uid, AttributeTag pointer, AttributeTag group) {
        AttributeList item = new AttributeList();
        put(item, TagFromName.DimensionOrganizationUID, uid);
        try {
            com.pixelmed.dicom.AttributeTagAttribute p = new com.pixelmed.dicom.AttributeTagAttribute(TagFromName.DimensionIndexPointer);
            p.addValue(pointer);
            item.put(p);
            com.pixelmed.dicom.AttributeTagAttribute g = new com.pixelmed.dicom.AttributeTagAttribute(TagFromName.FunctionalGroupPointer);
            g.addValue(group);
            item.put(g);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
        return item;
    }

    private static void putFl(AttributeList l, AttributeTag t, float v) {
        try {
            Attribute a = new com.pixelmed.dicom.FloatSingleAttribute(t);
            a.addValue(v);
            l.put(a);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void cs(AttributeList l, AttributeTag t, String v) {
        try {
            Attribute a = new com.pixelmed.dicom.CodeStringAttribute(t);
            a.addValue(v);
            l.put(a);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ul(AttributeList l, AttributeTag t, long v) {
        try {
            UnsignedLongAttribute a = new UnsignedLongAttribute(t);
            a.addValue(v);
            l.put(a);
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
    }
}
