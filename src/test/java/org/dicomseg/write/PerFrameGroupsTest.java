package org.dicomseg.write;

import java.io.IOException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.LocalDateTime;
import java.util.List;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;

import org.dicomseg.testing.SegTestData.Input;
import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.mask.MaskInventory;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.model.PlanePosition;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.dicomseg.dicom.DataSetBuilder;
import org.dicomseg.dicom.SegTags;
import org.dicomseg.source.SourceFrame;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.SegTestData;

/**
 * The Per-frame Functional Groups Sequence of plane SEGs, encoded directly
 * ({@link SegHeaderBuilder.PlaneFrameGroups}), is byte for byte what PixelMed writes for the same
 * attributes built as PixelMed objects, the way the writer built them before (kept here as the
 * reference): every source kind (single-frame series, multi-frame, Enhanced CT, projection without
 * geometry, custom geometry), BINARY and LABELMAP, with and without empty frames.
 */
class PerFrameGroupsTest {
    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    /** The previous PixelMed construction of the per-frame items (SegHeaderBuilder before direct encoding). */
    private static SequenceAttribute reference(SegHeaderBuilder.Input in, boolean labelMap) {
        DataSetBuilder b = new DataSetBuilder();
        AttributeList l = new AttributeList();
        SequenceAttribute perFrame = DataSetBuilder.seq(l, SegTags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        for (int f = 0; f < in.plan.frameCount(); f++) {
            int plane = in.plan.plane[f], segment = in.plan.segment[f];
            AttributeList item = DataSetBuilder.item(perFrame);
            AttributeList deriv = DataSetBuilder.singleItem(item, SegTags.DERIVATION_IMAGE_SEQUENCE);
            b.codeSequence(deriv, SegTags.DERIVATION_CODE_SEQUENCE, SegHeaderBuilder.SEGMENTATION);
            SequenceAttribute srcSeq = DataSetBuilder.seq(deriv, SegTags.SOURCE_IMAGE_SEQUENCE);
            List<SourceFrame> refs = in.geometry.references.get(plane);
            for (int k = 0; k < refs.size(); k++) {
                SourceFrame sf = refs.get(k);
                AttributeList r = DataSetBuilder.item(srcSeq);
                b.text(r, SegTags.REFERENCED_SOP_CLASS_UID, "UI", sf.sopClassUid());
                b.text(r, SegTags.REFERENCED_SOP_INSTANCE_UID, "UI", sf.sopInstanceUid());
                if (sf.multiFrame()) b.text(r, SegTags.REFERENCED_FRAME_NUMBER, "IS", Integer.toString(sf.frameNumber()));
                b.text(r, SegTags.SPATIAL_LOCATIONS_PRESERVED, "CS", in.geometry.preserved.get(plane)[k] ? "YES" : "NO");
                b.codeSequence(r, SegTags.PURPOSE_OF_REFERENCE_CODE_SEQUENCE, SegHeaderBuilder.SOURCE_IMAGE_FOR_PROCESSING);
            }
            if (in.geometry.hasGeometry()) {
                PlanePosition p = in.geometry.positions[plane];
                DataSetBuilder.ds(DataSetBuilder.singleItem(item, SegTags.PLANE_POSITION_SEQUENCE),
                        SegTags.IMAGE_POSITION_PATIENT, p.x(), p.y(), p.z());
            }
            AttributeList content = DataSetBuilder.singleItem(item, SegTags.FRAME_CONTENT_SEQUENCE);
            boolean byStack = !in.geometry.hasGeometry() && (labelMap || in.geometry.references.size() > 1);
            int pos = in.geometry.hasGeometry() ? in.geometry.positionIndex[plane] : plane + 1;
            if (labelMap) DataSetBuilder.ul(content, SegTags.DIMENSION_INDEX_VALUES, pos);
            else if (in.geometry.hasGeometry() || byStack) DataSetBuilder.ul(content, SegTags.DIMENSION_INDEX_VALUES, segment, pos);
            else DataSetBuilder.ul(content, SegTags.DIMENSION_INDEX_VALUES, segment);
            if (in.geometry.distinctPositions || byStack) {
                b.text(content, SegTags.STACK_ID, "SH", labelMap ? "1" : Integer.toString(segment));
                DataSetBuilder.ul(content, SegTags.IN_STACK_POSITION_NUMBER, pos);
            }
            if (!labelMap) {
                DataSetBuilder.us(DataSetBuilder.singleItem(item, SegTags.SEGMENT_IDENTIFICATION_SEQUENCE),
                        SegTags.REFERENCED_SEGMENT_NUMBER, segment);
            }
        }
        return perFrame;
    }

    @Test
    void directBytesAreWhatPixelMedWrites() throws IOException {
        for (Sources s : Sources.values()) {
            SourceImages src = s.read();
            for (SegmentationType type : new SegmentationType[] {SegmentationType.BINARY, SegmentationType.LABELMAP}) {
                for (boolean omit : new boolean[] {true, false}) {
                    SegmentationMask mask = SegTestData.mask(Input.LABEL_MAP, s.planes, s.rows, s.columns);
                    MaskInventory inv = mask.scan(3, 1);
                    SegHeaderBuilder.Input in = new SegHeaderBuilder.Input();
                    in.sources = src;
                    in.geometry = ResolvedGeometry.resolve(src, mask.planes(), mask.rows(), mask.columns(), s.geometry());
                    in.segments = SegTestData.descriptions(3);
                    in.options = SegWriteOptions.builder().segmentationType(type).build();
                    in.plan = FramePlan.build(type, inv, mask.planes(), 3, omit);
                    in.bitsAllocated = type == SegmentationType.BINARY ? 1 : 8;
                    in.rows = mask.rows();
                    in.columns = mask.columns();
                    in.sopInstanceUid = "1.2.3";
                    in.seriesInstanceUid = "1.2.4";
                    in.contentDateTime = LocalDateTime.of(2026, 1, 2, 3, 4, 5);
                    AttributeList header = new SegHeaderBuilder().build(in);
                    assertNotNull(in.perFrameGroups, s + " " + type);
                    boolean labelMap = type == SegmentationType.LABELMAP;
                    AttributeList ref = new AttributeList();
                    ref.put(reference(in, labelMap));
                    assertArrayEquals(PerFrameGroups.encode(ref), in.perFrameGroups.toBytes(), s + " " + type + " omit " + omit);
                    assertNotNull(header);
                }
            }
        }
    }
}
