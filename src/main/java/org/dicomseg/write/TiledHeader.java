package org.dicomseg.write;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.mask.TileGrid;
import org.dicomseg.model.Uids;
import org.dicomseg.dicom.DataSetBuilder;
import org.dicomseg.dicom.SegTags;
import org.dicomseg.source.TotalPixelMatrix;

/**
 * The slide-specific part of a tiled SEG's header (a part of {@link SegHeaderBuilder}):
 * <ul>
 *   <li>Total Pixel Matrix Rows/Columns, Total Pixel Matrix Origin Sequence, Image Orientation
 *       (Slide), Total Pixel Matrix Focal Planes (as in the Whole Slide Microscopy Image module,
 *       PS3.3 C.8.12.4), Dimension Organization Type TILED_SPARSE/TILED_FULL (C.7.6.17.3);</li>
 *   <li>Specimen module (C.7.6.22): the container and specimen description of the slide, copied,
 *       its Type 2 attributes written empty where the slide lacks them ({@link SpecimenCopy});
 *       a defect that cannot be repaired (no Container Identifier, a specimen without identifier
 *       or UID) is named in a warning of the result;</li>
 *   <li>Patient Orientation (General Image, C.7.6.1, Type 2C) empty: slides have no patient axes;</li>
 *   <li>Dimension Index over Referenced Segment Number (not for LABELMAP), Column and Row Position
 *       In Total Image Pixel Matrix, as highdicom writes; with several focal planes also Z Offset
 *       in Slide Coordinate System (the focal plane), which no other attribute tells apart;</li>
 *   <li>Several focal planes (one mask plane each, {@link ResolvedTiling}): Total Pixel Matrix
 *       Focal Planes their number; Spacing Between Slices in the Pixel Measures when they are evenly
 *       spaced (TILED_FULL: required, C.7.6.17.3 places focal plane k at k × that spacing from the
 *       origin's Z, which is written when not 0); each frame at its focal plane's Z Offset;</li>
 *   <li>Shared groups: Pixel Measures of the level, always with a Slice Thickness
 *       ({@link #sliceThickness}); TILED_FULL also Derivation Image (every frame
 *       comes from the level) and no Per-frame Functional Groups (frame order implicit);</li>
 *   <li>TILED_SPARSE per frame: Derivation Image (the source tile's Referenced Frame Number at the
 *       frame's focal plane when the tile grids coincide, one per optical path), Frame Content, Plane Position (Slide) (C.8.12.6.1: row/column
 *       position and X/Y/Z Offset in Slide Coordinate System), Segment Identification.</li>
 * </ul>
 */
final class TiledHeader {
    static final AttributeTag TOTAL_PIXEL_MATRIX_FOCAL_PLANES = DataSetBuilder.tag(0x0048, 0x0303);
    private static final AttributeTag[] SPECIMEN_MODULE = {
        TagFromName.ContainerIdentifier, DataSetBuilder.tag(0x0040, 0x0513), DataSetBuilder.tag(0x0040, 0x0515),
        DataSetBuilder.tag(0x0040, 0x0518), DataSetBuilder.tag(0x0040, 0x051A), DataSetBuilder.tag(0x0040, 0x0520),
        TagFromName.SpecimenDescriptionSequence,
    };
    /** Type 2 attributes of the Specimen module, written empty when the slide lacks them. */
    private static final AttributeTag[] SPECIMEN_TYPE_2 = {
        DataSetBuilder.tag(0x0040, 0x0513), DataSetBuilder.tag(0x0040, 0x0518),
    };

    private final DataSetBuilder b;

    TiledHeader(DataSetBuilder b) { this.b = b; }

    /**
     * The Slice Thickness (0018,0050) of the SEG's Pixel Measures, in mm. The Pixel Measures macro
     * (PS3.3 C.7.6.16.2.1) requires it (Type 1C) unless Volumetric Properties is DISTORTED or
     * SAMPLED, which a SEG never states, and highdicom 0.28.1 refuses a Pixel Measures item without
     * it; third-party slides often lack it. In this order: the level's own Slice Thickness; else the
     * slide's Imaged Volume Depth (0048,0003, µm, C.8.12.4); else the smaller of the level's two
     * pixel spacings (a nominal depth of one pixel: see docs/writer.md).
     */
    static double sliceThickness(TotalPixelMatrix m) {
        if (m.sliceThickness() != null) return m.sliceThickness();
        if (m.imagedVolumeDepth() != null) return m.imagedVolumeDepth();
        return Math.min(m.rowSpacing(), m.columnSpacing());
    }

    void write(AttributeList l, SegHeaderBuilder.Input in, AttributeList src, boolean labelMap) {
        ResolvedTiling t = in.tiling;
        TotalPixelMatrix m = t.matrix;
        b.text(l, SegTags.PATIENT_ORIENTATION, "CS");
        DataSetBuilder.ul(l, TagFromName.TotalPixelMatrixColumns, m.columns());
        DataSetBuilder.ul(l, TagFromName.TotalPixelMatrixRows, m.rows());
        boolean focal = t.focalPlaneCount() > 1;
        DataSetBuilder.ul(l, TOTAL_PIXEL_MATRIX_FOCAL_PLANES, t.focalPlaneCount());
        double[] o = m.origin();
        AttributeList origin = DataSetBuilder.singleItem(l, TagFromName.TotalPixelMatrixOriginSequence);
        DataSetBuilder.ds(origin, TagFromName.XOffsetInSlideCoordinateSystem, o[0]);
        DataSetBuilder.ds(origin, TagFromName.YOffsetInSlideCoordinateSystem, o[1]);
        if (focal && t.focalPlanes[0] != 0) DataSetBuilder.ds(origin, TagFromName.ZOffsetInSlideCoordinateSystem, t.focalPlanes[0]);
        DataSetBuilder.ds(l, TagFromName.ImageOrientationSlide, m.orientation());
        b.text(l, SegTags.DIMENSION_ORGANIZATION_TYPE, "CS", t.organization.dicomValue());
        String slide = in.sources.files().isEmpty() ? "the slide" : in.sources.files().get(0).toString();
        if (hasValue(src, TagFromName.ContainerIdentifier)) {
            for (AttributeTag tag : SPECIMEN_MODULE) {
                Attribute a = src.get(tag);
                if (a == null) continue;
                l.put(tag.equals(TagFromName.SpecimenDescriptionSequence) && a instanceof SequenceAttribute
                        ? SpecimenCopy.descriptions((SequenceAttribute) a, slide, in.warnings) : a);
            }
            for (AttributeTag tag : SPECIMEN_TYPE_2) {
                if (l.get(tag) == null) DataSetBuilder.seq(l, tag);
            }
            if (l.get(TagFromName.SpecimenDescriptionSequence) == null) {
                in.warnings.add(slide + " has a Container Identifier but no Specimen Description Sequence (0040,0560), Type 1"
                        + " in the Specimen module (PS3.3 C.7.6.22): the SEG's Specimen module lacks it too");
            }
        } else if (src.get(TagFromName.SpecimenDescriptionSequence) != null) {
            in.warnings.add(slide + " describes its specimen but has no Container Identifier (0040,0512), Type 1 in the Specimen"
                    + " module (PS3.3 C.7.6.22): the Specimen module is not copied into the SEG");
        }

        String dimUid = Uids.create();
        b.text(DataSetBuilder.singleItem(l, SegTags.DIMENSION_ORGANIZATION_SEQUENCE), SegTags.DIMENSION_ORGANIZATION_UID, "UI", dimUid);
        SequenceAttribute dims = DataSetBuilder.seq(l, SegTags.DIMENSION_INDEX_SEQUENCE);
        if (!labelMap) {
            dimension(dims, dimUid, SegTags.REFERENCED_SEGMENT_NUMBER, SegTags.SEGMENT_IDENTIFICATION_SEQUENCE, "Segment Number");
        }
        dimension(dims, dimUid, TagFromName.ColumnPositionInTotalImagePixelMatrix, TagFromName.PlanePositionSlideSequence,
                "Column Position In Total Image Pixel Matrix");
        dimension(dims, dimUid, TagFromName.RowPositionInTotalImagePixelMatrix, TagFromName.PlanePositionSlideSequence,
                "Row Position In Total Image Pixel Matrix");
        if (focal) {
            dimension(dims, dimUid, TagFromName.ZOffsetInSlideCoordinateSystem, TagFromName.PlanePositionSlideSequence,
                    "Z Offset In Slide Coordinate System");
        }

        AttributeList shared = DataSetBuilder.singleItem(l, SegTags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);
        AttributeList pm = DataSetBuilder.singleItem(shared, SegTags.PIXEL_MEASURES_SEQUENCE);
        DataSetBuilder.ds(pm, SegTags.PIXEL_SPACING, m.rowSpacing(), m.columnSpacing());
        DataSetBuilder.ds(pm, SegTags.SLICE_THICKNESS, sliceThickness(m));
        if (focal && m.focalPlaneSpacing() != null) DataSetBuilder.ds(pm, TagFromName.SpacingBetweenSlices, m.focalPlaneSpacing());
        if (t.full()) {
            shared.put(derivation(t));
            return;
        }
        // Per-frame groups: encoded when the file is written (SparseFrameGroups), not built as
        // PixelMed objects: one item per frame is most of a sparse slide SEG's header.
        in.perFrameGroups = new SparseFrameGroups(in, labelMap);
    }

    /**
     * The Per-frame Functional Groups of a TILED_SPARSE SEG ({@link PerFrameGroups}): per frame
     * Derivation Image (source instance; its Referenced Frame Number and Spatial Locations
     * Preserved YES when the tile grids coincide, else the whole level and NO, as highdicom
     * writes), Frame Content (Dimension Index Values),
     * Plane Position (Slide) and Segment Identification (not for LABELMAP).
     */
    final class SparseFrameGroups extends PerFrameGroups {
        private final ResolvedTiling t;
        private final FramePlan plan;
        private final boolean labelMap;
        private final boolean sameGrid;
        private final byte[] sourceUids;   // Referenced SOP Class and Instance UID of the level
        private final byte[] spatialYes;   // Spatial Locations Preserved (0028,135A) YES
        private final byte[] spatialNo;    // ... NO
        private final byte[] purpose;      // Purpose of Reference Code Sequence
        private final byte[] derivation;   // Derivation Code Sequence

        SparseFrameGroups(SegHeaderBuilder.Input in, boolean labelMap) {
            this.t = in.tiling;
            this.plan = in.plan;
            this.labelMap = labelMap;
            this.sameGrid = t.grid.tileRows() == t.matrix.tileRows() && t.grid.tileColumns() == t.matrix.tileColumns();
            AttributeList l = new AttributeList();
            b.text(l, SegTags.REFERENCED_SOP_CLASS_UID, "UI", t.source.sopClassUid());
            b.text(l, SegTags.REFERENCED_SOP_INSTANCE_UID, "UI", t.source.sopInstanceUid());
            sourceUids = encode(l);
            spatialYes = SegHeaderBuilder.spatialLocationsPreserved(b, true);
            spatialNo = SegHeaderBuilder.spatialLocationsPreserved(b, false);
            l = new AttributeList();
            b.codeSequence(l, SegTags.PURPOSE_OF_REFERENCE_CODE_SEQUENCE, SegHeaderBuilder.SOURCE_IMAGE_FOR_PROCESSING);
            purpose = encode(l);
            l = new AttributeList();
            b.codeSequence(l, SegTags.DERIVATION_CODE_SEQUENCE, SegHeaderBuilder.SEGMENTATION);
            derivation = encode(l);
        }

        @Override int frameCount() { return plan.frameCount(); }

        @Override void item(Bytes w, int f) {
            TileGrid g = t.grid;
            int tile = t.tileOf(plan.plane[f]);
            int focal = t.focalPlaneOf(plan.plane[f]);
            boolean focalDimension = t.focalPlaneCount() > 1;
            // Derivation Image Sequence > Source Image Sequence, Derivation Code Sequence
            w.sequence(SegTags.DERIVATION_IMAGE_SEQUENCE).item();
            w.sequence(SegTags.SOURCE_IMAGE_SEQUENCE).item();
            w.raw(sourceUids);
            int[] frames = sameGrid ? t.matrix.framesAt(g.tileRowStart(tile), g.tileColumnStart(tile), focal) : new int[0];
            if (frames.length == 1) {
                w.text(SegTags.REFERENCED_FRAME_NUMBER, 'I', 'S', Integer.toString(frames[0]), (byte) ' ');
            } else if (frames.length > 1) { // the tile at this focal plane in every optical path
                String[] v = new String[frames.length];
                for (int i = 0; i < v.length; i++) v[i] = Integer.toString(frames[i]);
                w.texts(SegTags.REFERENCED_FRAME_NUMBER, 'I', 'S', (byte) ' ', v);
            }
            w.raw(frames.length > 0 ? spatialYes : spatialNo);
            w.raw(purpose).itemEnd().sequenceEnd();
            w.raw(derivation).itemEnd().sequenceEnd();
            // Frame Content Sequence > Dimension Index Values
            w.sequence(SegTags.FRAME_CONTENT_SEQUENCE).item();
            long col = g.tileGridColumn(tile) + 1L, row = g.tileGridRow(tile) + 1L;
            if (focalDimension) {
                if (labelMap) w.ul(SegTags.DIMENSION_INDEX_VALUES, col, row, focal + 1L);
                else w.ul(SegTags.DIMENSION_INDEX_VALUES, plan.segment[f], col, row, focal + 1L);
            } else if (labelMap) {
                w.ul(SegTags.DIMENSION_INDEX_VALUES, col, row);
            } else {
                w.ul(SegTags.DIMENSION_INDEX_VALUES, plan.segment[f], col, row);
            }
            w.itemEnd().sequenceEnd();
            // Plane Position (Slide) Sequence
            long r = g.tileRowStart(tile), c = g.tileColumnStart(tile);
            double[] xyz = t.matrix.slidePosition(r, c);
            if (focalDimension) xyz[2] += t.focalPlanes[focal] - t.matrix.origin()[2];
            w.sequence(TagFromName.PlanePositionSlideSequence).item();
            w.text(TagFromName.XOffsetInSlideCoordinateSystem, 'D', 'S', ds(xyz[0]), (byte) ' ');
            w.text(TagFromName.YOffsetInSlideCoordinateSystem, 'D', 'S', ds(xyz[1]), (byte) ' ');
            w.text(TagFromName.ZOffsetInSlideCoordinateSystem, 'D', 'S', ds(xyz[2]), (byte) ' ');
            w.sl(TagFromName.ColumnPositionInTotalImagePixelMatrix, (int) (c + 1));
            w.sl(TagFromName.RowPositionInTotalImagePixelMatrix, (int) (r + 1));
            w.itemEnd().sequenceEnd();
            if (!labelMap) { // Segment Identification Sequence > Referenced Segment Number
                w.sequence(SegTags.SEGMENT_IDENTIFICATION_SEQUENCE).item();
                w.us(SegTags.REFERENCED_SEGMENT_NUMBER, plan.segment[f]);
                w.itemEnd().sequenceEnd();
            }
        }
    }

    static boolean hasValue(AttributeList l, AttributeTag t) {
        Attribute a = l.get(t);
        return a != null && (a instanceof SequenceAttribute ? ((SequenceAttribute) a).getNumberOfItems() > 0 : a.getVM() > 0);
    }

    private void dimension(SequenceAttribute dims, String uid, AttributeTag pointer, AttributeTag group, String label) {
        AttributeList item = DataSetBuilder.item(dims);
        b.text(item, SegTags.DIMENSION_ORGANIZATION_UID, "UI", uid);
        DataSetBuilder.at(item, SegTags.DIMENSION_INDEX_POINTER, pointer);
        DataSetBuilder.at(item, SegTags.FUNCTIONAL_GROUP_POINTER, group);
        b.text(item, SegTags.DIMENSION_DESCRIPTION_LABEL, "LO", label);
    }

    /**
     * The shared Derivation Image of a TILED_FULL SEG: the whole source level, no frame number
     * (TILED_SPARSE writes one per frame, in {@link SparseFrameGroups}); Spatial Locations
     * Preserved (PS3.3 C.7.6.1.1.3) YES when the SEG's tiles are the level's (same tile size), NO
     * otherwise, as highdicom 0.28.1 decides it for tiled sources.
     */
    private SequenceAttribute derivation(ResolvedTiling t) {
        AttributeList holder = new AttributeList();
        AttributeList deriv = DataSetBuilder.singleItem(holder, SegTags.DERIVATION_IMAGE_SEQUENCE);
        b.codeSequence(deriv, SegTags.DERIVATION_CODE_SEQUENCE, SegHeaderBuilder.SEGMENTATION);
        AttributeList r = DataSetBuilder.singleItem(deriv, SegTags.SOURCE_IMAGE_SEQUENCE);
        b.text(r, SegTags.REFERENCED_SOP_CLASS_UID, "UI", t.source.sopClassUid());
        b.text(r, SegTags.REFERENCED_SOP_INSTANCE_UID, "UI", t.source.sopInstanceUid());
        boolean sameGrid = t.grid.tileRows() == t.matrix.tileRows() && t.grid.tileColumns() == t.matrix.tileColumns();
        b.text(r, SegTags.SPATIAL_LOCATIONS_PRESERVED, "CS", sameGrid ? "YES" : "NO");
        b.codeSequence(r, SegTags.PURPOSE_OF_REFERENCE_CODE_SEQUENCE, SegHeaderBuilder.SOURCE_IMAGE_FOR_PROCESSING);
        return (SequenceAttribute) holder.get(SegTags.DERIVATION_IMAGE_SEQUENCE);
    }
}
