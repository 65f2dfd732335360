package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Nrrd;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reconstruction of corpus SEGs into planes: sorting, empty planes, label maps, fractional, subsets, tiles. */
class ReconstructorReadTest {
    private static final String CT2 = "pydicom/dicomdirtests/77654033/CT2/";
    private static final String[] CT2_FILES = {"17106", "17136", "17166", "17196"};

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    private static SegmentationReader open(String name) throws Exception {
        return SegmentationReader.open(Shared.corpus(name));
    }

    /** Source positions and UIDs read independently with PixelMed. */
    private static List<AttributeList> ct2() throws Exception {
        List<AttributeList> out = new ArrayList<>();
        for (String f : CT2_FILES) {
            AttributeList l = new AttributeList();
            l.read(Shared.corpus(CT2 + f).toString(), TagFromName.PixelData);
            out.add(l);
        }
        return out;
    }

    private static long ones(byte[] a) {
        long n = 0;
        for (byte b : a) if (b != 0) n++;
        return n;
    }

    @Test
    void planesAreSortedAlongTheNormalNotByFrameOrder() throws Exception {
        // partial_overlaps stores frames at z = -127.69, -127.69, -128.69, -127.69, -126.69, -128.69, -128.69.
        try (SegmentationReader r = open("dcmqi/segmentations/partial_overlaps.dcm")) {
            SegmentationVolume v = Reconstructor.volume(r, ReconstructionOptions.defaults());
            assertEquals(3, v.planes());
            assertEquals(5, v.channels());
            assertArrayEquals(new int[] {1, 2, 3, 4, 5}, v.segmentNumbers());
            double[][] pos = v.planePositions();
            assertEquals(-128.69, pos[0][2], 1e-3);
            assertEquals(-127.69, pos[1][2], 1e-3);
            assertEquals(-126.69, pos[2][2], 1e-3);
            assertEquals(1.0, v.sliceSpacing(), 1e-6);
            // Segment 1 has a frame only on the middle plane; segment 3 on every plane.
            assertTrue(v.isEmpty(0, 0) && !v.isEmpty(0, 1) && v.isEmpty(0, 2));
            assertTrue(!v.isEmpty(2, 0) && !v.isEmpty(2, 1) && !v.isEmpty(2, 2));
            // Ground truth: partial_overlaps-1.nrrd holds segments 1, 4, 5 as labels 1, 4, 5, slices in increasing z.
            Nrrd nrrd = Nrrd.read(Shared.corpus("dcmqi/segmentations/partial_overlaps-1.nrrd"));
            int[][] segLabel = {{0, 1}, {3, 4}, {4, 5}};
            for (int[] sl : segLabel) {
                for (int z = 0; z < 3; z++) {
                    byte[] p = v.bytePlane(sl[0], z);
                    for (int i = 0; i < p.length; i++) {
                        if ((p[i] != 0) != (nrrd.values[z * 512 * 512 + i] == sl[1])) {
                            throw new AssertionError("segment " + (sl[0] + 1) + " plane " + z + " pixel " + i);
                        }
                    }
                }
            }
            Map<Integer, Long> counts = r.segmentPixelCounts();
            for (int c = 0; c < 5; c++) assertEquals(counts.get(c + 1).longValue(), v.countNonZero(c));
            assertEquals(0, ones(v.bytePlane(0, 0)), "an empty plane reads as zeros");
        }
    }

    @Test
    void emptySlicesOfTheSourceGridAreZeroFilled() throws Exception {
        List<AttributeList> ct = ct2();
        List<double[]> grid = new ArrayList<>();
        List<String> uids = new ArrayList<>();
        for (AttributeList l : ct) {
            grid.add(Attribute.getDoubleValues(l, TagFromName.ImagePositionPatient));
            uids.add(Attribute.getSingleStringValueOrNull(l, TagFromName.SOPInstanceUID));
        }
        try (SegmentationReader r = open("highdicom/seg_image_ct_binary.dcm")) {
            // highdicom stored 3 frames for the 4 source slices: slice 17106 (z = -99.48) is empty.
            SegmentationVolume own = Reconstructor.volume(r, ReconstructionOptions.defaults());
            assertEquals(3, own.planes());
            SegmentationVolume v = Reconstructor.volumeOnGrid(r, grid, null, ReconstructionOptions.defaults());
            assertEquals(4, v.planes());
            assertEquals(-99.48, v.planePositions()[0][2], 1e-3);
            assertEquals(0, ones(v.bytePlane(0, 0)));
            for (int z = 1; z < 4; z++) assertArrayEquals(r.readFrame(z), v.bytePlane(0, z), "plane " + z);

            List<String> reversed = new ArrayList<>(uids);
            java.util.Collections.reverse(reversed);
            SegmentationVolume bySource = Reconstructor.bySourceInstances(r, reversed, ReconstructionOptions.defaults());
            assertEquals(4, bySource.planes());
            assertEquals(0, ones(bySource.bytePlane(0, 3)), "17106 (last here) has no frame");
            assertArrayEquals(r.readFrame(3), bySource.bytePlane(0, 0));
            assertArrayEquals(r.readFrame(1), bySource.bytePlane(0, 2));
            assertEquals(reversed.get(0), bySource.planeSources()[0]);
        }
    }

    @Test
    void regularGapsAreFilledButHugeGapsAreNot() throws Exception {
        try (SegmentationReader r = open("dcmqi/segmentations/sparse-labelmap-noppv.dcm")) {
            // Frames at the first and third of three 2.5 mm slices: the middle one is inserted empty.
            SegmentationVolume v = Reconstructor.volume(r, ReconstructionOptions.defaults().combineToLabelMap());
            assertEquals(3, v.planes());
            assertEquals(2.5, v.sliceSpacing(), 1e-6);
            assertTrue(v.isEmpty(0, 1));
            assertEquals(1, v.notes().size(), v.notes().toString());
            Nrrd nrrd = Nrrd.read(Shared.corpus("dcmqi/segmentations/sparse_labelmap_noppv_seg.nrrd"));
            for (int z = 0; z < 3; z++) {
                byte[] p = v.bytePlane(0, z);
                for (int i = 0; i < p.length; i++) assertEquals(nrrd.values[z * p.length + i], p[i], "plane " + z + " pixel " + i);
            }
            assertEquals(2, Reconstructor.volume(r, ReconstructionOptions.defaults().fillGaps(false)).planes());
        }
        try (SegmentationReader r = open("highdicom/seg_image_ct_binary_overlap.dcm")) {
            // Slices at -99.48 and 103.02..105.52 (1.25 mm): 162 missing slices are not invented.
            SegmentationVolume v = Reconstructor.volume(r, ReconstructionOptions.defaults());
            assertEquals(4, v.planes());
            assertTrue(v.notes().get(0).contains("too large to fill"), v.notes().toString());
        }
    }

    @Test
    void combiningOverlappingSegmentsFailsNamingThemUnlessLastWins() throws Exception {
        try (SegmentationReader r = open("highdicom/seg_image_ct_binary_overlap.dcm")) {
            SegmentOverlapException e = assertThrows(SegmentOverlapException.class,
                    () -> Reconstructor.volume(r, ReconstructionOptions.defaults().combineToLabelMap()));
            assertEquals(1, e.firstSegment());
            assertEquals(2, e.secondSegment());
            assertTrue(e.getMessage().startsWith("Segments 1 and 2 overlap in plane " + (e.plane() + 1)), e.getMessage());

            SegmentationVolume channels = Reconstructor.volume(r, ReconstructionOptions.defaults());
            SegmentationVolume last = Reconstructor.volume(r, ReconstructionOptions.defaults().combineToLabelMap()
                    .overlapPolicy(ReconstructionOptions.OverlapPolicy.LAST_WINS));
            assertTrue(last.isLabelMap());
            assertEquals(SegmentationVolume.PixelType.UINT8, last.pixelType());
            long both = 0, twos = 0, any = 0;
            for (int z = 0; z < last.planes(); z++) {
                byte[] a = channels.bytePlane(0, z), b = channels.bytePlane(1, z), l = last.bytePlane(0, z);
                for (int i = 0; i < l.length; i++) {
                    int expected = b[i] != 0 ? 2 : a[i] != 0 ? 1 : 0;
                    assertEquals(expected, l[i]);
                    if (a[i] != 0 && b[i] != 0) both++;
                    if (l[i] == 2) twos++;
                    if (l[i] != 0) any++;
                }
            }
            assertTrue(both > 0, "the file really overlaps");
            assertEquals(16, twos);
            assertEquals(64 + 16 - both, any);

            // Reversed order: segment 1 wins.
            SegmentationVolume first = Reconstructor.volume(r, ReconstructionOptions.defaults().segments(2, 1).combineToLabelMap()
                    .overlapPolicy(ReconstructionOptions.OverlapPolicy.LAST_WINS));
            long ones = 0;
            for (int z = 0; z < first.planes(); z++) for (byte x : first.bytePlane(0, z)) if (x == 1) ones++;
            assertEquals(64, ones);
        }
    }

    @Test
    void subsetAndRelabel() throws Exception {
        try (SegmentationReader r = open("highdicom/seg_image_ct_binary_overlap.dcm")) {
            SegmentationVolume only2 = Reconstructor.volume(r, ReconstructionOptions.defaults().segments(2));
            assertEquals(1, only2.channels());
            assertArrayEquals(new int[] {2}, only2.segmentNumbers());
            assertEquals(16, only2.countNonZero(0));
            assertEquals(1, only2.framesRead() > 0 ? 1 : 0);

            SegmentationVolume relabelled = Reconstructor.volume(r, ReconstructionOptions.defaults().segments(1, 2)
                    .combineToLabelMap().relabel(Map.of(1, 7, 2, 300))
                    .overlapPolicy(ReconstructionOptions.OverlapPolicy.LAST_WINS));
            assertEquals(SegmentationVolume.PixelType.UINT16, relabelled.pixelType(), "label 300 needs 16 bits");
            assertArrayEquals(new int[] {7, 300}, relabelled.labelValues());
            long sevens = 0, big = 0;
            for (int z = 0; z < relabelled.planes(); z++) {
                for (short s : relabelled.shortPlane(0, z)) {
                    assertTrue(s == 0 || s == 7 || s == 300, "value " + s);
                    if (s == 7) sevens++;
                    if (s == 300) big++;
                }
            }
            assertEquals(16, big);
            assertEquals(64 - 16, sevens, "segment 2 lies inside segment 1 here");
            assertThrows(IllegalArgumentException.class, () -> Reconstructor.volume(r, ReconstructionOptions.defaults().segments(3)));

            // One segment combined into a label map carries its number (or its new label), not 1.
            SegmentationVolume single = Reconstructor.volume(r, ReconstructionOptions.defaults().segments(2).combineToLabelMap());
            SegmentationVolume single7 = Reconstructor.volume(r, ReconstructionOptions.defaults().segments(2).combineToLabelMap()
                    .relabel(Map.of(2, 7)));
            long twos = 0, sevens7 = 0;
            for (int z = 0; z < single.planes(); z++) {
                for (byte x : single.bytePlane(0, z)) {
                    assertTrue(x == 0 || x == 2, "value " + x);
                    if (x == 2) twos++;
                }
                for (byte x : single7.bytePlane(0, z)) {
                    assertTrue(x == 0 || x == 7, "value " + x);
                    if (x == 7) sevens7++;
                }
            }
            assertEquals(16, twos);
            assertEquals(16, sevens7);
        }
    }

    @Test
    void fractionalStoredOrRescaled() throws Exception {
        try (SegmentationReader r = open("highdicom/seg_image_ct_binary_fractional.dcm");
             SegmentationReader bin = open("highdicom/seg_image_ct_binary.dcm")) {
            SegmentationVolume stored = Reconstructor.volume(r, ReconstructionOptions.defaults());
            SegmentationVolume scaled = Reconstructor.volume(r, ReconstructionOptions.defaults().rescaleFractional(true));
            SegmentationVolume binary = Reconstructor.volume(bin, ReconstructionOptions.defaults());
            assertEquals(SegmentationVolume.PixelType.UINT8, stored.pixelType());
            assertEquals(SegmentationVolume.PixelType.FLOAT32, scaled.pixelType());
            assertEquals(binary.planes(), scaled.planes());
            for (int z = 0; z < scaled.planes(); z++) {
                float[] f = scaled.floatPlane(0, z);
                byte[] s = stored.bytePlane(0, z), b = binary.bytePlane(0, z);
                for (int i = 0; i < f.length; i++) {
                    assertEquals((s[i] & 0xFF) / 255f, f[i], 1e-7);
                    assertEquals(b[i] != 0 ? 1f : 0f, f[i], 0f);
                }
            }
        }
    }

    @Test
    void tiledFullAndPerFrameGiveTheSameTotalPixelMatrix() throws Exception {
        try (SegmentationReader full = open("highdicom/seg_image_sm_dots_tiled_full.dcm");
             SegmentationReader sparse = open("highdicom/seg_image_sm_dots.dcm")) {
            SegmentationVolume a = Reconstructor.totalPixelMatrix(full, ReconstructionOptions.defaults());
            SegmentationVolume b = Reconstructor.totalPixelMatrix(sparse, ReconstructionOptions.defaults());
            assertEquals(50, a.width());
            assertEquals(50, a.height());
            assertEquals(50, a.channels());
            assertEquals(1250, a.framesRead());
            assertEquals(62, b.framesRead());
            long total = 0;
            for (int c = 0; c < 50; c++) {
                assertArrayEquals(a.bytePlane(c, 0), b.bytePlane(c, 0), "segment " + (c + 1));
                assertEquals(full.segmentPixelCounts().get(c + 1).longValue(), a.countNonZero(c));
                total += a.countNonZero(c);
            }
            assertEquals(200, total);

            // A region reads only the tiles it touches: 2 x 2 tiles x 50 segments for TILED_FULL.
            SegmentationVolume region = Reconstructor.region(full, 12, 5, 10, 10, ReconstructionOptions.defaults());
            assertEquals(200, region.framesRead());
            SegmentationVolume inner = Reconstructor.region(full, 21, 31, 8, 8, ReconstructionOptions.defaults());
            assertEquals(50, inner.framesRead(), "one tile per segment");
            for (int c = 0; c < 50; c++) {
                byte[] whole = a.bytePlane(c, 0), part = region.bytePlane(c, 0);
                for (int y = 0; y < 10; y++) {
                    for (int x = 0; x < 10; x++) assertEquals(whole[(5 + y) * 50 + 12 + x], part[y * 10 + x]);
                }
            }
            assertEquals(12, region.originX());
            assertEquals(5, region.originY());
            assertThrows(IllegalArgumentException.class, () -> Reconstructor.region(full, 45, 0, 10, 10, ReconstructionOptions.defaults()));
            assertThrows(IllegalArgumentException.class, () -> Reconstructor.volume(full, ReconstructionOptions.defaults()));
        }
    }

    @Test
    void labelMapSlideEqualsCombinedNumbersSlide() throws Exception {
        try (SegmentationReader lm = open("highdicom/seg_image_sm_control_labelmap_palette_color.dcm");
             SegmentationReader bin = open("highdicom/seg_image_sm_numbers.dcm")) {
            SegmentationVolume a = Reconstructor.totalPixelMatrix(lm, ReconstructionOptions.defaults().combineToLabelMap());
            SegmentationVolume b = Reconstructor.totalPixelMatrix(bin, ReconstructionOptions.defaults().combineToLabelMap());
            assertArrayEquals(b.bytePlane(0, 0), a.bytePlane(0, 0));
            SegmentationVolume channels = Reconstructor.totalPixelMatrix(lm, ReconstructionOptions.defaults());
            assertEquals(20, channels.channels(), "background segment 0 is not a channel by default");
            SegmentationVolume binChannels = Reconstructor.totalPixelMatrix(bin, ReconstructionOptions.defaults());
            for (int c = 0; c < 20; c++) assertArrayEquals(binChannels.bytePlane(c, 0), channels.bytePlane(c, 0));
            SegmentationVolume subset = Reconstructor.totalPixelMatrix(lm, ReconstructionOptions.defaults().segments(19, 3)
                    .combineToLabelMap().relabel(Map.of(19, 1, 3, 2)));
            long ones = 0, twos = 0;
            for (byte x : subset.bytePlane(0, 0)) {
                if (x == 1) ones++;
                if (x == 2) twos++;
                assertTrue(x >= 0 && x <= 2);
            }
            assertEquals(44, ones);
            assertEquals(23, twos);
        }
    }

    @Test
    void framesWithoutPositionsBecomePlanesPerSource() throws Exception {
        try (SegmentationReader r = open("highdicom/seg_image_ct_binary_single_frame.dcm")) {
            SegmentationVolume v = Reconstructor.volume(r, ReconstructionOptions.defaults());
            assertEquals(1, v.planes());
            assertEquals(1832, v.countNonZero(0));
        }
        try (SegmentationReader r = open("highdicom/seg_image_sm_dots.dcm")) {
            SegmentationVolume bySourceFrame = Reconstructor.bySourceFrames(r, null, new int[] {5, 1},
                    ReconstructionOptions.defaults().segments(2, 3));
            assertEquals(2, bySourceFrame.planes());
            assertArrayEquals(new int[] {2, 3}, bySourceFrame.segmentNumbers());
            assertTrue(Arrays.stream(new int[] {0, 1}).anyMatch(c -> bySourceFrame.countNonZero(c) > 0));
        }
    }
}
