package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.testing.SegTestData.Input;
import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.testing.WrittenSeg;

/**
 * Every writer variant — segmentation type × transfer syntax × mask input × source kind — is
 * written, passed through the conformance gate (dciodvfy, zero unforgiven errors) and decoded
 * independently ({@link WrittenSeg}); frames, omitted empty frames, attributes and references are
 * compared with the input.
 */
class SegWriterVariantsTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    /** A segmentation type configuration. */
    enum Kind {
        BINARY(SegmentationType.BINARY, null),
        PROBABILITY(SegmentationType.FRACTIONAL, FractionalType.PROBABILITY),
        OCCUPANCY(SegmentationType.FRACTIONAL, FractionalType.OCCUPANCY),
        LABELMAP_8(SegmentationType.LABELMAP, null),
        LABELMAP_16(SegmentationType.LABELMAP, null);

        final SegmentationType type;
        final FractionalType fractional;

        Kind(SegmentationType t, FractionalType f) {
            type = t;
            fractional = f;
        }

        List<Input> inputs() {
            switch (this) {
                case BINARY: return List.of(Input.LABEL_MAP, Input.STACKED_OVERLAPPING, Input.STACKED_FRACTIONAL, Input.LABEL_MAP_16);
                case PROBABILITY: return List.of(Input.LABEL_MAP, Input.STACKED_FRACTIONAL);
                case OCCUPANCY: return List.of(Input.STACKED_FRACTIONAL, Input.STACKED_OVERLAPPING);
                case LABELMAP_8: return List.of(Input.LABEL_MAP, Input.STACKED_DISJOINT);
                default: return List.of(Input.LABEL_MAP_16);
            }
        }
    }

    static Stream<Arguments> variants() {
        List<Arguments> l = new ArrayList<>();
        for (Sources s : Sources.values()) {
            for (Kind k : Kind.values()) {
                for (OutputTransferSyntax ts : OutputTransferSyntax.values()) {
                    // BINARY + JPEG-LS is refused, as highdicom refuses it (JpegLsWriterTest)
                    if (k == Kind.BINARY && ts == OutputTransferSyntax.JPEG_LS_LOSSLESS) continue;
                    for (Input in : k.inputs()) l.add(Arguments.of(s, k, ts, in));
                }
            }
        }
        return l.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("variants")
    void writesConformantSegThatRoundTrips(Sources src, Kind kind, OutputTransferSyntax ts, Input in) throws Exception {
        int max = kind == Kind.OCCUPANCY ? 100 : 255;
        SegWriteOptions.Builder ob = SegWriteOptions.builder().segmentationType(kind.type).transferSyntax(ts)
                .seriesDescription("writer test").contentLabel("TEST_SEG").contentCreatorName("Doe^Jane");
        if (kind.fractional != null) ob.fractionalType(kind.fractional).maxFractionalValue(max);
        Path out = dir.resolve("seg.dcm");
        SegWriteResult result = SegWriter.write(out, SegTestData.mask(in, src.planes, src.rows, src.columns),
                SegTestData.descriptions(in.segments()), src.read(), src.geometry(), ob.build());

        Conformance.assertConformant(out);
        WrittenSeg seg = new WrittenSeg(out);
        int rows = src.rows, cols = src.columns, n = rows * cols;
        assertEquals(rows, seg.rows);
        assertEquals(cols, seg.columns);
        assertEquals(ts.uid(), seg.transferSyntax);
        assertEquals(kind.type == SegmentationType.LABELMAP ? "1.2.840.10008.5.1.4.1.1.66.7" : "1.2.840.10008.5.1.4.1.1.66.4",
                seg.string(TagFromName.SOPClassUID));
        assertEquals(kind.type.name(), seg.string(TagFromName.SegmentationType));
        assertEquals(result.sopInstanceUid(), seg.string(TagFromName.SOPInstanceUID));
        assertEquals("SEG", seg.string(TagFromName.Modality));
        assertEquals("TEST_SEG", seg.string(TagFromName.ContentLabel));
        int expectedBits = kind == Kind.BINARY ? 1 : kind == Kind.LABELMAP_16 ? 16 : 8;
        assertEquals(expectedBits, seg.bitsAllocated);
        assertEquals(kind.type == SegmentationType.LABELMAP ? 0 : -1,
                Attribute.getSingleIntegerValueOrDefault(seg.header, TagFromName.PixelPaddingValue, -1), "LABELMAP background = Pixel Padding Value 0");
        if (kind.fractional != null) {
            assertEquals(kind.fractional.name(), seg.string(TagFromName.SegmentationFractionalType));
            assertEquals(max, Attribute.getSingleIntegerValueOrDefault(seg.header, TagFromName.MaximumFractionalValue, -1));
        } else {
            assertNull(seg.header.get(TagFromName.MaximumFractionalValue));
        }
        // Fractional masks overlap as FRACTIONAL (nonzero) and as BINARY (segment 1 >= 0.5 meets segment 2 = 0.5).
        boolean overlapping = in == Input.STACKED_OVERLAPPING || in == Input.STACKED_FRACTIONAL;
        assertEquals(overlapping ? "YES" : "NO", Attribute.getSingleStringValueOrNull(seg.header, new com.pixelmed.dicom.AttributeTag(0x0062, 0x0013)));
        assertEquals(seg.frames, seg.perFrameItems());
        assertEquals(result.numberOfFrames(), seg.frames);

        double[][] positions = new double[src.planes][];
        if (src.hasGeometry()) for (int p = 0; p < src.planes; p++) positions[p] = src.position(p);

        Set<String> seen = new HashSet<>();
        for (int f = 0; f < seg.frames; f++) {
            int plane;
            if (src.hasGeometry()) {
                plane = planeOf(seg.positionOf(f), positions);
            } else {
                assertNull(seg.frameGroup(f, TagFromName.PlanePositionSequence), "no plane position without geometry");
                plane = 0;
            }
            int s = seg.segmentOf(f);
            AttributeList content = seg.frameGroup(f, TagFromName.FrameContentSequence);
            long[] div = content.get(TagFromName.DimensionIndexValues).getLongValues();
            if (src.hasGeometry()) {
                // every source set here is a stack of distinct parallel planes: one stack per segment
                assertEquals(kind.type == SegmentationType.LABELMAP ? "1" : Integer.toString(s),
                        Attribute.getSingleStringValueOrNull(content, TagFromName.StackID));
                assertEquals(div[div.length - 1], Attribute.getSingleIntegerValueOrDefault(content, TagFromName.InStackPositionNumber, -1));
            }
            if (kind.type == SegmentationType.LABELMAP) {
                assertEquals(-1, s, "LABELMAP frames have no Segment Identification");
                assertEquals(1, div.length);
                assertTrue(seen.add("p" + plane), "one frame per plane");
                for (int i = 0; i < n; i++) {
                    int expected = 0;
                    for (int k = 1; k <= in.segments() && expected == 0; k++) {
                        if (in == Input.LABEL_MAP_16) { expected = SegTestData.label16(plane, i / cols, i % cols, cols); break; }
                        if (SegTestData.member(in, k, plane, i / cols, i % cols, rows, cols)) expected = k;
                    }
                    if (seg.pixels[f][i] != expected) fail("frame " + (f + 1) + " pixel " + i + ": " + seg.pixels[f][i] + " != " + expected);
                }
            } else {
                assertTrue(s >= 1 && s <= in.segments(), "Referenced Segment Number " + s);
                assertEquals(src.hasGeometry() ? 2 : 1, div.length);
                assertEquals(s, div[0], "first dimension index = segment number");
                assertTrue(seen.add(plane + "/" + s), "one frame per plane and segment");
                for (int i = 0; i < n; i++) {
                    int expected = kind.type == SegmentationType.BINARY
                            ? (SegTestData.member(in, s, plane, i / cols, i % cols, rows, cols) ? 1 : 0)
                            : SegTestData.fraction(in, s, plane, i / cols, i % cols, rows, cols, max);
                    if (Math.abs(seg.pixels[f][i] - expected) > (kind.type == SegmentationType.BINARY ? 0 : 1)) {
                        fail("frame " + (f + 1) + " (plane " + plane + ", segment " + s + ") pixel " + i + ": "
                                + seg.pixels[f][i] + " != " + expected);
                    }
                }
            }
            checkReferences(seg, f, plane, src);
        }
        // Empty frames are omitted, non-empty ones all present.
        int expectedFrames = 0;
        for (int p = 0; p < src.planes; p++) {
            if (kind.type == SegmentationType.LABELMAP) {
                boolean any = false;
                for (int k = 1; k <= in.segments() && !any; k++) any = anyPixel(in, kind, k, p, rows, cols, max);
                if (any) expectedFrames++;
                assertEquals(any, seen.contains("p" + p), "plane " + p + " present iff non-empty");
            } else {
                for (int k = 1; k <= in.segments(); k++) {
                    boolean any = anyPixel(in, kind, k, p, rows, cols, max);
                    if (any) expectedFrames++;
                    assertEquals(any, seen.contains(p + "/" + k), "frame of plane " + p + " segment " + k + " present iff non-empty");
                }
            }
        }
        assertEquals(Math.max(1, expectedFrames), seg.frames);

        // Common Instance Reference lists every source instance.
        SequenceAttribute rs = (SequenceAttribute) seg.header.get(TagFromName.ReferencedSeriesSequence);
        assertNotNull(rs);
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < rs.getNumberOfItems(); i++) {
            SequenceAttribute ri = (SequenceAttribute) rs.getItem(i).getAttributeList().get(TagFromName.ReferencedInstanceSequence);
            for (int j = 0; j < ri.getNumberOfItems(); j++) {
                listed.add(Attribute.getSingleStringValueOrNull(ri.getItem(j).getAttributeList(), TagFromName.ReferencedSOPInstanceUID));
            }
        }
        for (int i = 0; i < src.files.length; i++) assertTrue(listed.contains(src.sopInstanceUid(i)));
    }

    private static boolean anyPixel(Input in, Kind kind, int s, int p, int rows, int cols, int max) {
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) {
            if (kind.type == SegmentationType.FRACTIONAL) {
                if (SegTestData.fraction(in, s, p, r, c, rows, cols, max) > 0) return true;
            } else if (in == Input.LABEL_MAP_16 && kind.type == SegmentationType.LABELMAP) {
                if (SegTestData.label16(p, r, c, cols) != 0) return true;
            } else if (SegTestData.member(in, s, p, r, c, rows, cols)) {
                return true;
            }
        }
        return false;
    }

    private static int planeOf(double[] pos, double[][] positions) {
        for (int p = 0; p < positions.length; p++) {
            if (Math.abs(pos[0] - positions[p][0]) < 1e-3 && Math.abs(pos[1] - positions[p][1]) < 1e-3
                    && Math.abs(pos[2] - positions[p][2]) < 1e-3) return p;
        }
        throw new AssertionError("Frame position " + java.util.Arrays.toString(pos) + " matches no mask plane");
    }

    private static void checkReferences(WrittenSeg seg, int f, int plane, Sources src) throws Exception {
        List<AttributeList> refs = seg.sourcesOf(f);
        assertFalse(refs.isEmpty(), "each frame references its source");
        for (AttributeList r : refs) {
            AttributeList purpose = ((SequenceAttribute) r.get(TagFromName.PurposeOfReferenceCodeSequence)).getItem(0).getAttributeList();
            assertEquals("121322", Attribute.getSingleStringValueOrNull(purpose, TagFromName.CodeValue));
            // Spatial Locations Preserved (PS3.3 C.7.6.1.1.3): YES on the sources' own grid, NO on a custom one
            // that does not coincide with the referenced slice (issue 13: highdicom's source-indexed reads need it).
            assertEquals(src == Sources.CUSTOM_GEOMETRY ? "NO" : "YES",
                    Attribute.getSingleStringValueOrNull(r, TagFromName.SpatialLocationsPreserved));
        }
        if (src == Sources.CUSTOM_GEOMETRY) {
            // planes at z = -50 and -48 lie nearest to the first CT2 slice (z = -99.48)
            assertEquals(1, refs.size());
            assertEquals(src.sopInstanceUid(0), Attribute.getSingleStringValueOrNull(refs.get(0), TagFromName.ReferencedSOPInstanceUID));
            return;
        }
        assertEquals(1, refs.size());
        AttributeList r = refs.get(0);
        if (!src.hasGeometry()) {
            assertEquals(src.sopInstanceUid(0), Attribute.getSingleStringValueOrNull(r, TagFromName.ReferencedSOPInstanceUID));
            return;
        }
        if (src.multiFrame()) {
            assertEquals(src.sopInstanceUid(0), Attribute.getSingleStringValueOrNull(r, TagFromName.ReferencedSOPInstanceUID));
            assertEquals(plane + 1, Attribute.getSingleIntegerValueOrDefault(r, TagFromName.ReferencedFrameNumber, -1));
        } else {
            assertEquals(src.sopInstanceUid(plane), Attribute.getSingleStringValueOrNull(r, TagFromName.ReferencedSOPInstanceUID));
            assertNull(r.get(TagFromName.ReferencedFrameNumber));
        }
    }
}
