package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dicomseg.model.SegmentationType;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.testing.Nrrd;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.dicomseg.testing.IndependentDecode;

/**
 * Every Segmentation of the shared corpus (MANIFEST.tsv, 19 files) opens with the expected type,
 * transfer syntax, segment and frame counts and per-segment pixel counts; each expectation is
 * also checked against an independent source: PixelMed's decode of native Pixel Data, the dcmqi
 * NRRD ground truth voxel by voxel, or the native liver.dcm the re-encoded liver files came from.
 * The one malformed file is refused with a message naming the problem. docs/corpus.md records
 * the same table.
 */
class SegmentationReaderCorpusTest {
    private static final String LIVER = "dcmqi/segmentations/liver.dcm";
    private static final String DOTS =
            "1=0,2=4,3=4,4=4,5=0,6=0,7=0,8=0,9=4,10=4,11=4,12=4,13=4,14=4,15=4,16=4,17=4,18=4,19=4,20=4,21=4,22=4,23=4,"
            + "24=4,25=4,26=4,27=4,28=4,29=4,30=4,31=8,32=4,33=4,34=4,35=8,36=4,37=4,38=4,39=4,40=4,41=8,42=4,43=8,44=4,"
            + "45=4,46=4,47=4,48=4,49=4,50=8";
    private static final String NUMBERS =
            "1=14,2=0,3=23,4=22,5=30,6=31,7=28,8=23,9=32,10=29,11=25,12=28,13=27,14=28,15=20,16=31,17=31,18=27,19=44,20=30";

    private static byte[][] liverFrames;

    @BeforeAll
    static void liverReference() throws Exception {
        Shared.assumePresent();
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus(LIVER))) {
            liverFrames = new byte[r.numberOfFrames()][];
            for (int f = 1; f <= r.numberOfFrames(); f++) liverFrames[f - 1] = r.readFrame(f);
        }
    }

    /** file, type, transfer syntax UID, segments, frames, counts, verification. */
    static Stream<Arguments> corpus() {
        return Stream.of(
            Arguments.of("dcmjs/QIICR_Test3/tumor_User1_Manual_Trial1.dcm", "BINARY", "1.2.840.10008.1.2.1", 2, 13, "1=54,2=212", "pixelmed"),
            Arguments.of("dcmqi/segmentations/23x38x3/seg/label.seg", "BINARY", "1.2.840.10008.1.2.1", 1, 3, "1=322", "nrrd"),
            Arguments.of(LIVER, "BINARY", "1.2.840.10008.1.2.1", 1, 3, "1=107098", "nrrd"),
            Arguments.of("dcmqi/segmentations/partial_overlaps.dcm", "BINARY", "1.2.840.10008.1.2.1", 5, 7,
                    "1=9602,2=11888,3=10743,4=6693,5=4713", "nrrd"),
            Arguments.of("dcmqi/segmentations/sparse-labelmap-noppv.dcm", "LABELMAP", "1.2.840.10008.1.2.1", 2, 2, "0=1194,1=630", "nrrd"),
            Arguments.of("highdicom/seg_image_ct_binary.dcm", "BINARY", "1.2.840.10008.1.2", 1, 3, "1=638", "pixelmed"),
            Arguments.of("highdicom/seg_image_ct_binary_fractional.dcm", "FRACTIONAL", "1.2.840.10008.1.2", 1, 3, "1=638", "pixelmed"),
            Arguments.of("highdicom/seg_image_ct_binary_overlap.dcm", "BINARY", "1.2.840.10008.1.2", 2, 8, "1=64,2=16", "pixelmed"),
            Arguments.of("highdicom/seg_image_ct_binary_single_frame.dcm", "BINARY", "1.2.840.10008.1.2", 1, 1, "1=1832", "pixelmed"),
            Arguments.of("highdicom/seg_image_sm_control_labelmap_palette_color.dcm", "LABELMAP", "1.2.840.10008.1.2.1", 21, 20,
                    "0=1477," + NUMBERS, "pixelmed"),
            Arguments.of("highdicom/seg_image_sm_dots.dcm", "BINARY", "1.2.840.10008.1.2", 50, 62, DOTS, "pixelmed"),
            Arguments.of("highdicom/seg_image_sm_dots_tiled_full.dcm", "BINARY", "1.2.840.10008.1.2.1", 50, 1250, DOTS, "pixelmed"),
            Arguments.of("highdicom/seg_image_sm_numbers.dcm", "BINARY", "1.2.840.10008.1.2", 20, 20, NUMBERS, "pixelmed"),
            Arguments.of("pydicom-data/liver_deflate.dcm", "BINARY", "1.2.840.10008.1.2.8.1", 1, 3, "1=107098", "liver"),
            Arguments.of("pydicom-data/liver_expb.dcm", "BINARY", "1.2.840.10008.1.2.2", 1, 3, "1=107098", "pixelmed+liver"),
            Arguments.of("pydicom-data/liver_j2k.dcm", "BINARY", "1.2.840.10008.1.2.4.90", 1, 3, "1=107098", "liver"),
            Arguments.of("pydicom-data/liver_nonbyte_aligned.dcm", "BINARY", "1.2.840.10008.1.2.1", 1, 3, "1=107098", "pixelmed+liver"),
            Arguments.of("pydicom-data/liver_rle.dcm", "BINARY", "1.2.840.10008.1.2.5", 1, 3, "1=107098", "liver"));
    }

    static Map<Integer, Long> parse(String counts) {
        Map<Integer, Long> m = new LinkedHashMap<>();
        for (String kv : counts.split(",")) {
            String[] p = kv.split("=");
            m.put(Integer.parseInt(p[0]), Long.parseLong(p[1]));
        }
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void opensWithExpectedStructureAndCounts(String file, String type, String syntax, int segments, int frames,
            String counts, String verification) throws Exception {
        Path path = Shared.corpus(file);
        try (SegmentationReader r = SegmentationReader.open(path)) {
            assertEquals(SegmentationType.valueOf(type), r.segmentationType());
            assertEquals(syntax, r.metadata().transferSyntaxUid());
            assertEquals(segments, r.segments().size());
            assertEquals(frames, r.numberOfFrames());
            assertEquals(frames, r.frames().size());
            Map<Integer, Long> expected = parse(counts);
            assertEquals(expected, r.segmentPixelCounts());
            if (verification.contains("pixelmed")) {
                assertEquals(IndependentDecode.counts(path), r.segmentPixelCounts(), "independent PixelMed decode");
            }
            if (verification.contains("liver")) {
                for (int f = 1; f <= frames; f++) {
                    byte[] frame = r.readFrame(f);
                    if (r.columns() == 512) {
                        assertArrayEquals(liverFrames[f - 1], frame, "frame " + f + " equals liver.dcm");
                    } else {
                        for (int y = 0; y < r.rows(); y++) {
                            assertArrayEquals(Arrays.copyOfRange(liverFrames[f - 1], y * 512, y * 512 + r.columns()),
                                    Arrays.copyOfRange(frame, y * r.columns(), (y + 1) * r.columns()),
                                    "frame " + f + " row " + y + " equals the top-left crop of liver.dcm");
                        }
                    }
                }
            }
            if (verification.equals("nrrd")) checkAgainstNrrd(file, r);
        }
    }

    /** dcmqi ground truth: segment -> (NRRD file, label value) from dcmqi's JSON metadata for these files. */
    private static void checkAgainstNrrd(String file, SegmentationReader r) throws Exception {
        String dir = "dcmqi/segmentations/";
        Map<Integer, Object[]> truth = new LinkedHashMap<>();
        switch (file.substring(dir.length())) {
            case "23x38x3/seg/label.seg": truth.put(1, new Object[] {"23x38x3/nrrd/label.nrrd", 1}); break;
            case "liver.dcm": truth.put(1, new Object[] {"liver_seg.nrrd", 1}); break;
            case "sparse-labelmap-noppv.dcm": truth.put(1, new Object[] {"sparse_labelmap_noppv_seg.nrrd", 1}); break;
            case "partial_overlaps.dcm":
                truth.put(1, new Object[] {"partial_overlaps-1.nrrd", 1});
                truth.put(2, new Object[] {"partial_overlaps-2.nrrd", 2});
                truth.put(3, new Object[] {"partial_overlaps-3.nrrd", 3});
                truth.put(4, new Object[] {"partial_overlaps-1.nrrd", 4});
                truth.put(5, new Object[] {"partial_overlaps-1.nrrd", 5});
                break;
            default: throw new AssertionError("no ground truth for " + file);
        }
        for (Map.Entry<Integer, Object[]> e : truth.entrySet()) {
            Nrrd nrrd = Nrrd.read(Shared.corpus(dir + e.getValue()[0]));
            int label = (Integer) e.getValue()[1];
            List<double[]> grid = new java.util.ArrayList<>();
            for (int z = 0; z < nrrd.sizes[2]; z++) {
                grid.add(new double[] {nrrd.origin[0] + z * nrrd.directions[2][0], nrrd.origin[1] + z * nrrd.directions[2][1],
                    nrrd.origin[2] + z * nrrd.directions[2][2]});
            }
            SegmentationVolume v = Reconstructor.volumeOnGrid(r, grid, null,
                    ReconstructionOptions.defaults().segments(e.getKey()));
            assertEquals(nrrd.sizes[0], v.width());
            assertEquals(nrrd.sizes[1], v.height());
            assertEquals(nrrd.sizes[2], v.planes());
            long mismatches = 0, voxels = 0;
            for (int z = 0; z < v.planes(); z++) {
                byte[] p = v.bytePlane(0, z);
                for (int y = 0; y < v.height(); y++) {
                    for (int x = 0; x < v.width(); x++) {
                        boolean truthSet = nrrd.get(x, y, z) == label;
                        if (truthSet) voxels++;
                        if (truthSet != (p[y * v.width() + x] != 0)) mismatches++;
                    }
                }
            }
            assertEquals(0, mismatches, "voxels differing from " + e.getValue()[0] + " label " + label + " for segment " + e.getKey());
            assertEquals(r.segmentPixelCounts().get(e.getKey()).longValue(), voxels);
        }
    }

    @Test
    void tiledFullAndPerFrameDotsHaveTheSameTilesPerSegment() throws Exception {
        try (SegmentationReader full = SegmentationReader.open(Shared.corpus("highdicom/seg_image_sm_dots_tiled_full.dcm"));
             SegmentationReader sparse = SegmentationReader.open(Shared.corpus("highdicom/seg_image_sm_dots.dcm"))) {
            assertEquals(sparse.segmentPixelCounts(), full.segmentPixelCounts());
            assertEquals(0, full.frames().stream().filter(f -> !f.isTile()).count());
        }
    }

    @Test
    void labelMapControlFileMatchesTheNumbersSegmentation() throws Exception {
        try (SegmentationReader lm = SegmentationReader.open(Shared.corpus("highdicom/seg_image_sm_control_labelmap_palette_color.dcm"));
             SegmentationReader bin = SegmentationReader.open(Shared.corpus("highdicom/seg_image_sm_numbers.dcm"))) {
            Map<Integer, Long> labels = new LinkedHashMap<>(lm.segmentPixelCounts());
            labels.remove(0);
            assertEquals(bin.segmentPixelCounts(), labels);
        }
    }

    @Test
    void malformedLiverOneFrameIsRefusedWithTheReason() {
        SegReadException e = assertThrows(SegReadException.class,
                () -> SegmentationReader.open(Shared.corpus("pydicom/liver_1frame.dcm")));
        assertTrue(e.getMessage().contains("liver_1frame.dcm"), e.getMessage());
        assertTrue(e.getMessage().contains("Per-frame Functional Groups Sequence (5200,9230) has 3 items"), e.getMessage());
        assertTrue(e.getMessage().contains("Number of Frames (0028,0008) is missing"), e.getMessage());
    }
}
