package org.dicomseg.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.PixelMeasures;
import org.dicomseg.model.PlaneOrientation;
import org.dicomseg.model.PlanePosition;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationGeometry;
import org.dicomseg.source.SourceImages;
import org.dicomseg.task.InputException;

/** Source sets from the shared corpus and deterministic masks for the writer tests. */
public final class SegTestData {
    private SegTestData() { }

    /** The source image sets the writer is tested against. */
    public enum Sources {
        /** 4 single-frame CT slices, 16x16. */
        CT2(16, 16, 4, "pydicom/dicomdirtests/77654033/CT2/17106", "pydicom/dicomdirtests/77654033/CT2/17136",
                "pydicom/dicomdirtests/77654033/CT2/17166", "pydicom/dicomdirtests/77654033/CT2/17196"),
        /** 3 single-frame CT slices, Rows 38 x Columns 23 (874 pixels: frames not byte aligned). */
        CT_23X38(38, 23, 3, "dcmqi/segmentations/23x38x3/image/IMG0001.dcm", "dcmqi/segmentations/23x38x3/image/IMG0002.dcm",
                "dcmqi/segmentations/23x38x3/image/IMG0003.dcm"),
        /** The same as one Legacy Converted Enhanced CT multi-frame image. */
        MULTIFRAME_23X38(38, 23, 3, "dcmqi/segmentations/23x38x3/multiframe/mf.dcm"),
        /** Enhanced CT, 2 frames of 512x512, shared and per-frame functional groups. */
        ENHANCED_CT(512, 512, 2, "pydicom-data/eCT_Supplemental.dcm"),
        /** A projection radiograph (no Frame of Reference, no plane geometry), 169 x 211. */
        PROJECTION_DX(169, 211, 1, "highdicom/dx_image.dcm"),
        /** Guide's "Geometry of SEG Images": 2 planes of 100x100 over the CT2 series. */
        CUSTOM_GEOMETRY(100, 100, 2, "pydicom/dicomdirtests/77654033/CT2/17106", "pydicom/dicomdirtests/77654033/CT2/17136",
                "pydicom/dicomdirtests/77654033/CT2/17166", "pydicom/dicomdirtests/77654033/CT2/17196");

        public final int rows;
        public final int columns;
        public final int planes;
        public final String[] files;

        Sources(int rows, int columns, int planes, String... files) {
            this.rows = rows;
            this.columns = columns;
            this.planes = planes;
            this.files = files;
        }

        public List<Path> paths() {
            List<Path> l = new ArrayList<>();
            for (String f : files) l.add(Shared.corpus(f));
            return l;
        }

        public SourceImages read() throws InputException { return SourceImages.read(paths()); }

        public boolean multiFrame() { return this == MULTIFRAME_23X38 || this == ENHANCED_CT; }

        public boolean hasGeometry() { return this != PROJECTION_DX; }

        public SegmentationGeometry geometry() {
            if (this != CUSTOM_GEOMETRY) return null;
            return new SegmentationGeometry(List.of(new PlanePosition(100.0, 50.0, -50.0), new PlanePosition(100.0, 50.0, -48.0)),
                    new PlaneOrientation(0, 1, 0, -1, 0, 0), new PixelMeasures(2.0, 2.0, 2.0));
        }

        /** Expected Image Position (Patient) of mask plane p. */
        public double[] position(int p) throws Exception {
            if (this == CUSTOM_GEOMETRY) return geometry().positions().get(p).toArray();
            AttributeList l = new AttributeList();
            if (!multiFrame()) {
                l.read(paths().get(p).toFile(), TagFromName.PixelData);
                return l.get(TagFromName.ImagePositionPatient).getDoubleValues();
            }
            l.read(paths().get(0).toFile(), TagFromName.PixelData);
            AttributeList item = ((com.pixelmed.dicom.SequenceAttribute) l.get(TagFromName.PerFrameFunctionalGroupsSequence))
                    .getItem(p).getAttributeList();
            AttributeList pos = ((com.pixelmed.dicom.SequenceAttribute) item.get(TagFromName.PlanePositionSequence)).getItem(0).getAttributeList();
            return pos.get(TagFromName.ImagePositionPatient).getDoubleValues();
        }

        /** SOP Instance UID of source file i, read with PixelMed. */
        public String sopInstanceUid(int i) throws Exception {
            AttributeList l = new AttributeList();
            l.read(paths().get(i).toFile(), TagFromName.PixelData);
            return Attribute.getSingleStringValueOrNull(l, TagFromName.SOPInstanceUID);
        }
    }

    /** How the mask is given. */
    public enum Input {
        /** 8-bit label map, 3 segments, plane 1 empty, segment 3 only in plane 0. */
        LABEL_MAP,
        /** 3 stacked byte masks; 1 and 2 overlap; plane 1 empty; segment 3 only in plane 0. */
        STACKED_OVERLAPPING,
        /** 3 stacked float masks in [0,1], overlapping, incl. 0.5, 0.25 and 1.0. */
        STACKED_FRACTIONAL,
        /** 3 stacked byte masks that do not overlap (for LABELMAP). */
        STACKED_DISJOINT,
        /** 16-bit label map with labels up to 300 (300 segments). */
        LABEL_MAP_16;

        public int segments() { return this == LABEL_MAP_16 ? 300 : 3; }
    }

    /**
     * The reference value of pixel (p, r, c) of the input for segment s (1-based): label maps give
     * the label (compare to s), masks give 1/0 or the fraction. Independent of the code under test.
     */
    static double value(Input in, int s, int p, int r, int c, int rows, int cols) {
        switch (in) {
            case LABEL_MAP: return label(p, r, c, rows, cols);
            case LABEL_MAP_16: return label16(p, r, c, cols);
            case STACKED_OVERLAPPING:
                if (p == 1) return 0;
                if (s == 1) return r < rows / 2 ? 1 : 0;
                if (s == 2) return c < cols / 2 ? 1 : 0;
                return p == 0 && r == 0 && c == 0 ? 1 : 0;
            case STACKED_FRACTIONAL:
                if (s == 1) return ((r * cols + c) % 11) / 10.0;
                if (s == 2) return c < cols / 2 ? 0.5 : 0;
                return p == 0 && r == 1 && c == 1 ? 0.25 : 0;
            default: // STACKED_DISJOINT
                if (s == 1) return r < rows / 2 ? 1 : 0;
                if (s == 2) return r >= rows / 2 && c < cols / 2 ? 1 : 0;
                return p == 0 && r == rows - 1 && c == cols - 1 ? 1 : 0;
        }
    }

    static int label(int p, int r, int c, int rows, int cols) {
        if (p == 1) return 0;
        if (p == 0 && r == rows - 1 && c == 0) return 3;
        if (r < rows / 3) return 1;
        if (c >= 2 * cols / 3) return 2;
        return 0;
    }

    public static int label16(int p, int r, int c, int cols) {
        return (r * cols + c + 7 * p) % 301;
    }

    public static SegmentationMask mask(Input in, int planes, int rows, int cols) {
        int n = rows * cols;
        switch (in) {
            case LABEL_MAP: {
                byte[][] pl = new byte[planes][n];
                for (int p = 0; p < planes; p++) for (int i = 0; i < n; i++) pl[p][i] = (byte) label(p, i / cols, i % cols, rows, cols);
                return LabelMapMask.ofBytes(pl, rows, cols);
            }
            case LABEL_MAP_16: {
                short[][] pl = new short[planes][n];
                for (int p = 0; p < planes; p++) for (int i = 0; i < n; i++) pl[p][i] = (short) label16(p, i / cols, i % cols, cols);
                return LabelMapMask.ofShorts(pl, rows, cols);
            }
            case STACKED_FRACTIONAL: {
                float[][][] m = new float[3][planes][n];
                for (int s = 0; s < 3; s++) for (int p = 0; p < planes; p++) for (int i = 0; i < n; i++) {
                    m[s][p][i] = (float) value(in, s + 1, p, i / cols, i % cols, rows, cols);
                }
                return StackedMasks.ofFloats(m, rows, cols);
            }
            default: {
                byte[][][] m = new byte[3][planes][n];
                for (int s = 0; s < 3; s++) for (int p = 0; p < planes; p++) for (int i = 0; i < n; i++) {
                    m[s][p][i] = (byte) value(in, s + 1, p, i / cols, i % cols, rows, cols);
                }
                return StackedMasks.ofBytes(m, rows, cols);
            }
        }
    }

    /** Whether (p, r, c) belongs to segment s for BINARY / LABELMAP purposes. */
    public static boolean member(Input in, int s, int p, int r, int c, int rows, int cols) {
        double v = value(in, s, p, r, c, rows, cols);
        if (in == Input.LABEL_MAP || in == Input.LABEL_MAP_16) return (int) v == s;
        if (in == Input.STACKED_FRACTIONAL) return v >= 0.5;
        return v != 0;
    }

    /** Expected FRACTIONAL stored value. */
    public static int fraction(Input in, int s, int p, int r, int c, int rows, int cols, int max) {
        double v = value(in, s, p, r, c, rows, cols);
        if (in == Input.STACKED_FRACTIONAL) return (int) Math.rint((double) (float) v * max); // the mask holds floats; ties to even
        return member(in, s, p, r, c, rows, cols) ? max : 0;
    }

    public static List<SegmentDescription> descriptions(int n) {
        return org.dicomseg.testing.TiledSegs.descriptions(n);
    }
}
