package org.dicomseg.reconstruct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.source.SourceFile;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.EditLoopFixture;
import org.dicomseg.testing.SyntheticSegs;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A label map's pixels are counted per plane and value while its frames are written
 * ({@link SegmentationVolume#labelPixels}; issue 19: the Info text needed a second pass over the
 * finished map). Checked on a W1-like fixture ({@link EditLoopFixture}: 240 slices of 62 x 50, so
 * every other BINARY frame starts in the middle of a byte; empty slices at both ends and in the
 * middle; "Lesion" inside "Liver"): the counts must equal those of the finished planes, counted
 * here pixel by pixel, and those the fixture's geometry gives; where a pixel may be written twice
 * (last wins, 16-bit label maps, tiles) there must be no counts at all rather than wrong ones.
 */
class LabelCountsTest {
    @TempDir static Path dir;
    private static EditLoopFixture fx;
    private static List<String> ctUids;

    @BeforeAll
    static void write() throws Exception {
        fx = EditLoopFixture.write(dir);
        ctUids = new ArrayList<>();
        for (Path f : EditLoopFixture.ctFiles(fx.ctDir)) ctUids.add(SourceFile.read(f).sopInstanceUid());
    }

    /** Pixels of segment {@code n} on slice {@code z} by the fixture's geometry. */
    private static long expected(int n, int z) {
        long k = 0;
        for (int r = 0; r < EditLoopFixture.ROWS; r++) {
            for (int c = 0; c < EditLoopFixture.COLUMNS; c++) if (EditLoopFixture.inside(n, z, r, c)) k++;
        }
        return k;
    }

    /** The pixels of each of the volume's label values on plane {@code z}, counted in the finished plane. */
    private static long[] scanned(SegmentationVolume sv, int z) {
        int[] values = sv.labelValues();
        long[] out = new long[values.length];
        if (sv.isEmpty(0, z)) return out;
        Object p = sv.plane(0, z);
        int n = sv.width() * sv.height();
        for (int i = 0; i < n; i++) {
            int v = p instanceof byte[] ? ((byte[]) p)[i] & 0xFF : ((short[]) p)[i] & 0xFFFF;
            for (int k = 0; k < values.length; k++) if (values[k] == v) out[k]++;
        }
        return out;
    }

    private static void assertCounted(SegmentationVolume sv, String what) {
        long total = 0;
        for (int z = 0; z < sv.planes(); z++) {
            long[] c = sv.labelPixels(z);
            assertNotNull(c, what + ": counted, plane " + z);
            assertArrayEquals(scanned(sv, z), c, what + ": plane " + z);
            for (long x : c) total += x;
        }
        assertEquals(true, total > 0, what + ": something counted");
    }

    @Test
    void binaryFramesAreCountedAsTheyAreWritten() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(fx.seg)) {
            ReconstructionOptions o = ReconstructionOptions.defaults().segments(1, 3).combineToLabelMap();
            // on the source series (the import's path: one plane per CT image, empty ones included)
            SegmentationVolume grid = Reconstructor.bySourceInstances(r, ctUids, o);
            assertCounted(grid, "by source instances");
            assertEquals(EditLoopFixture.SLICES, grid.planes());
            assertArrayEquals(new int[] {1, 3}, grid.labelValues());
            for (int z = 0; z < EditLoopFixture.SLICES; z++) {
                assertArrayEquals(new long[] {expected(1, z), expected(3, z)}, grid.labelPixels(z), "slice " + z);
            }
            // on the SEG's own planes, and with one segment
            assertCounted(Reconstructor.volume(r, ReconstructionOptions.defaults().segments(1, 3).combineToLabelMap()), "volume");
            assertCounted(Reconstructor.volume(r, ReconstructionOptions.defaults().segments(3).combineToLabelMap()), "segment 3");
            // relabelled values are counted as the values they become
            SegmentationVolume relabelled = Reconstructor.bySourceInstances(r, ctUids, ReconstructionOptions.defaults()
                    .segments(1, 3).combineToLabelMap().relabel(java.util.Map.of(1, 7, 3, 2)));
            assertArrayEquals(new int[] {7, 2}, relabelled.labelValues());
            assertCounted(relabelled, "relabelled");
        }
    }

    @Test
    void labelMapFramesAreCountedRunByRunAndByteByByte() throws Exception {
        // Liver as 1 and Kidney as 2 (they do not overlap), as a LABELMAP SEG native and RLE
        int rows = EditLoopFixture.ROWS, cols = EditLoopFixture.COLUMNS;
        byte[][] labels = new byte[EditLoopFixture.SLICES][rows * cols];
        for (int z = 0; z < EditLoopFixture.SLICES; z++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (EditLoopFixture.inside(1, z, r, c)) labels[z][r * cols + c] = 1;
                    if (EditLoopFixture.inside(3, z, r, c)) labels[z][r * cols + c] = 2;
                }
            }
        }
        List<SegmentDescription> d = List.of(
                SegmentDescription.builder(1, "Liver").category(Codes.ORGAN).type(Codes.LIVER)
                        .algorithmType(SegmentAlgorithmType.MANUAL).build(),
                SegmentDescription.builder(2, "Kidney").category(Codes.ORGAN).type(CodedConcept.sct("64033007", "Kidney"))
                        .algorithmType(SegmentAlgorithmType.MANUAL).build());
        SourceImages ct = SourceImages.read(EditLoopFixture.ctFiles(fx.ctDir));
        for (OutputTransferSyntax ts : new OutputTransferSyntax[] {OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                OutputTransferSyntax.RLE_LOSSLESS}) {
            Path seg = dir.resolve("labels-" + ts.name() + ".dcm");
            SegWriter.write(seg, LabelMapMask.ofBytes(labels, rows, cols), d, ct, SegWriteOptions.builder()
                    .segmentationType(SegmentationType.LABELMAP).transferSyntax(ts).build());
            Conformance.assertConformant(seg);
            try (SegmentationReader r = SegmentationReader.open(seg)) {
                SegmentationVolume sv = Reconstructor.bySourceInstances(r, ctUids,
                        ReconstructionOptions.defaults().combineToLabelMap());
                assertCounted(sv, ts.name());
                for (int z = 0; z < EditLoopFixture.SLICES; z++) {
                    assertArrayEquals(new long[] {expected(1, z), expected(3, z)}, sv.labelPixels(z), ts + " slice " + z);
                }
                assertCounted(Reconstructor.volume(r, ReconstructionOptions.defaults().segments(2).combineToLabelMap()),
                        ts + ", segment 2 only");
            }
            if (ts == OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN) {
                // the same map stored with Bits Allocated 16: placed value by value, not counted
                Path sixteen = SyntheticSegs.labelMap16(seg, dir.resolve("labels16.dcm"), SyntheticSegs.EXPLICIT_LE);
                try (SegmentationReader r = SegmentationReader.open(sixteen)) {
                    SegmentationVolume sv = Reconstructor.volume(r, ReconstructionOptions.defaults().combineToLabelMap());
                    for (int z = 0; z < sv.planes(); z++) assertNull(sv.labelPixels(z), "16-bit plane " + z);
                }
            }
        }
    }

    @Test
    void noCountsWhereAPixelMayBeWrittenTwice() throws Exception {
        try (SegmentationReader r = SegmentationReader.open(fx.seg)) {
            // "Lesion" lies inside "Liver": last wins writes those pixels twice
            SegmentationVolume last = Reconstructor.bySourceInstances(r, ctUids, ReconstructionOptions.defaults()
                    .segments(1, 2).combineToLabelMap().overlapPolicy(ReconstructionOptions.OverlapPolicy.LAST_WINS));
            for (int z = 0; z < last.planes(); z++) assertNull(last.labelPixels(z), "last wins, plane " + z);
            // and the map itself is as before: the lesion over the liver
            long lesion = 0;
            for (int z = 0; z < last.planes(); z++) lesion += scanned(last, z)[1];
            long expectedLesion = 0;
            for (int z = 0; z < EditLoopFixture.SLICES; z++) expectedLesion += expected(2, z);
            assertEquals(expectedLesion, lesion);
            // overlaps that fail still fail
            assertThrows(SegmentOverlapException.class, () -> Reconstructor.bySourceInstances(r, ctUids,
                    ReconstructionOptions.defaults().segments(1, 2).combineToLabelMap()));
            // two segments made one value: both write it
            SegmentationVolume same = Reconstructor.volume(r, ReconstructionOptions.defaults().segments(1, 3).combineToLabelMap()
                    .relabel(java.util.Map.of(1, 5, 3, 5)));
            for (int z = 0; z < same.planes(); z++) assertNull(same.labelPixels(z), "one value for two segments, plane " + z);
            // one channel per segment: each channel counted on its own (ChannelForegroundTest), FRACTIONAL never
        }
    }
}
