package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.samples.EnhancedCtWriter;
import org.dicomseg.samples.CtSeriesWriter;
import org.dicomseg.samples.Phantom;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.VolumeGeometry;
import org.dicomseg.source.SourceFrame;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Highdicom;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.WrittenSeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every writer variant read by highdicom 0.28.1 itself (issue 13): BINARY, FRACTIONAL and LABELMAP
 * × native, RLE Lossless and JPEG 2000 Lossless, over a single-frame CT series and over one
 * Enhanced CT multi-frame image, on a W1-like volume — 150 slices of 47 × 53 (frames not byte
 * aligned), empty slices at both ends and in the middle, three segments of which two overlap.
 * {@code ../shared/tools/highdicom-read} reads each file with highdicom's default calls
 * ({@code get_pixels_by_source_instance} / {@code get_pixels_by_source_frame}, which need Spatial
 * Locations Preserved in the Source Image items) and its mask must equal the input bit for bit.
 * BINARY + RLE is the exception: pydicom cannot decode 1-bit RLE, as the export warns, and the
 * test asserts that it still cannot (so the warning is dropped when that changes). Every file
 * passes the conformance gate.
 */
class HighdicomInteropTest {
    static final int ROWS = 47;
    static final int COLUMNS = 53;
    static final int SLICES = 150;
    static final int SEGMENTS = 3;
    static final int MAX_FRACTIONAL = 255;
    /**
     * Fractions of segment 1, in turn: among them values whose float32 product with 255 rounds to
     * x.5 although the exact product lies just below (0.50784314f × 255 = 129.49999988…, float32
     * 129.5), a tie (0.5 → 127.5, to even: 128) and one that quantises to 0.
     */
    static final float[] FRACTIONS = {1f, 0.50784314f, 0.3f, 0.5156863f, 0.5f, 0.0015f, 0.75f};

    @TempDir
    static Path dir;
    static List<Path> series;
    static Path enhanced;

    @BeforeAll
    static void fixture() throws Exception {
        Shared.assumePresent();
        VolumeGeometry g = VolumeGeometry.centred(ROWS, COLUMNS, SLICES, 0.8, 2.0);
        SampleStudy study = SampleStudy.deterministic(13);
        series = new CtSeriesWriter(study, g, Phantom.standard()).noise(0).write(dir.resolve("ct"));
        enhanced = dir.resolve("ect.dcm");
        new EnhancedCtWriter(study, g, Phantom.standard()).noise(0).write(enhanced);
    }

    enum Source { SERIES, MULTIFRAME }

    static Stream<Arguments> variants() {
        List<Arguments> l = new ArrayList<>();
        for (Source s : Source.values()) {
            for (SegmentationType t : SegmentationType.values()) {
                for (OutputTransferSyntax ts : OutputTransferSyntax.values()) {
                    // BINARY + JPEG-LS is refused, as highdicom refuses it (JpegLsWriterTest)
                    if (t == SegmentationType.BINARY && ts == OutputTransferSyntax.JPEG_LS_LOSSLESS) continue;
                    l.add(Arguments.of(s, t, ts));
                }
            }
        }
        return l.stream();
    }

    /** Segment {@code s} (1..3) at slice {@code k}, row {@code r}, column {@code c}: slices 0-9, 71-89 and 140-149 are empty. */
    static boolean member(int s, int k, int r, int c) {
        switch (s) {
            case 1: {
                if (!(k >= 10 && k <= 60) && !(k >= 90 && k <= 139)) return false;
                int dr = r - 23, dc = c - 26, rad = 10 + k % 5;
                return dr * dr + dc * dc <= rad * rad;
            }
            case 2: return k >= 30 && k <= 70 && r >= 15 && r <= 35 && c >= 20 && c <= 45; // overlaps segment 1
            default: return k >= 100 && k <= 110 && r >= 2 && r <= 6 && c >= 2 && c <= 8;
        }
    }

    static float fraction(int s, int k, int r, int c) {
        if (!member(s, k, r, c)) return 0f;
        if (s == 1) return FRACTIONS[(r * COLUMNS + c) % FRACTIONS.length];
        return s == 2 ? 0.5f : 1f;
    }

    /** The label map of LABELMAP: the highest segment wins where segments overlap. */
    static int label(int k, int r, int c) {
        for (int s = SEGMENTS; s >= 1; s--) if (member(s, k, r, c)) return s;
        return 0;
    }

    /** Stored FRACTIONAL value, computed exactly: the decimal product, rounded half to even (numpy's around). */
    static int stored(float v) {
        return new BigDecimal(v).multiply(BigDecimal.valueOf(MAX_FRACTIONAL)).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
    }

    /** Expected highdicom value of segment s at (slice, row, column) for this type. */
    static int expected(SegmentationType t, int s, int k, int r, int c) {
        switch (t) {
            case FRACTIONAL: return stored(fraction(s, k, r, c));
            case LABELMAP: return label(k, r, c) == s ? 1 : 0;
            default: return member(s, k, r, c) ? 1 : 0;
        }
    }

    static SourceImages sources(Source s) throws Exception {
        return s == Source.SERIES ? SourceImages.read(series) : SourceImages.read(enhanced);
    }

    /** The slice (phantom index k, z ascending) of each source frame in the sources' order. */
    static int[] sliceOfFrame(SourceImages src) {
        List<SourceFrame> frames = src.frames();
        double z0 = frames.stream().mapToDouble(f -> f.position().z()).min().orElseThrow();
        int[] k = new int[frames.size()];
        for (int i = 0; i < k.length; i++) k[i] = (int) Math.round((frames.get(i).position().z() - z0) / 2.0);
        return k;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("variants")
    void highdicomReadsWhatWasWrittenBitForBit(Source source, SegmentationType type, OutputTransferSyntax ts) throws Exception {
        SourceImages src = sources(source);
        int[] slice = sliceOfFrame(src);
        // mask plane i is source frame i: reorder the phantom's slices into the sources' order
        SegmentationMask m = reorder(type, slice);
        Path out = dir.resolve(source + "-" + type + "-" + ts + ".dcm");
        SegWriter.write(out, m, SegTestData.descriptions(SEGMENTS), src, SegWriteOptions.builder().segmentationType(type)
                .transferSyntax(ts).maxFractionalValue(MAX_FRACTIONAL).build());
        Conformance.assertConformant(out);
        checkHeader(out, type, ts, src);

        Highdicom.Result hd = Highdicom.read(out, dir);
        if (ts == OutputTransferSyntax.DEFLATED_IMAGE_FRAME) {
            // pydicom 3.0.2 (and so highdicom 0.28.1) has no decoder for 1.2.840.10008.1.2.8.1;
            // DeflatedFramesWriterTest checks these files with zlib against a native twin instead.
            assertNotEquals(0, hd.exitCode, "highdicom reads Deflated Image Frame Compression now: compare its mask here\n" + hd.stderr);
            return;
        }
        if (type == SegmentationType.BINARY && ts == OutputTransferSyntax.RLE_LOSSLESS) {
            // What the export warns about: pydicom 3 (and so highdicom) cannot decode 1-bit RLE.
            assertNotEquals(0, hd.exitCode, "pydicom decodes 1-bit RLE now: drop ExportOptions.readerWarning\n" + hd.stderr);
            assertTrue(hd.json.has("stored_frames_error") && hd.json.get("stored_frames_error").getAsString()
                    .contains("Unable to decode RLE encoded pixel data with 1 bits allocated"), hd.json.toString());
            return;
        }
        assertEquals(0, hd.exitCode, hd.stderr + "\n" + hd.json);
        JsonObject maskInfo = hd.json.getAsJsonObject("mask");
        boolean multi = source == Source.MULTIFRAME;
        assertEquals(multi ? "frames" : "instances", maskInfo.get("method").getAsString(), hd.call());
        assertTrue(hd.call().startsWith(multi ? "seg.get_pixels_by_source_frame(" : "seg.get_pixels_by_source_instance("), hd.call());

        // Rows of highdicom's array: source instances in Referenced Series Sequence order (all 150: the
        // empty ones too), or source frames 1..K (K = the highest frame referenced, here the last non-empty).
        int positions = hd.shape[0];
        assertEquals(4, hd.shape.length);
        assertEquals(ROWS, hd.shape[1]);
        assertEquals(COLUMNS, hd.shape[2]);
        assertEquals(SEGMENTS, hd.shape[3]);
        List<SourceFrame> frames = src.frames();
        if (!multi) assertEquals(SLICES, positions, "every source instance is referenced, empty slices too");
        else assertEquals(140, positions, "frames 1..K, K = the last non-empty slice (the oracle's range)");
        int n = ROWS * COLUMNS;
        for (int p = 0; p < positions; p++) {
            int k = multi ? sliceOfFrameNumber(frames, slice, p + 1) : slice[p];
            if (!multi) {
                JsonArray refs = hd.json.getAsJsonArray("referenced_instances");
                assertEquals(frames.get(p).sopInstanceUid(), refs.get(p).getAsString());
            }
            for (int i = 0; i < n; i++) {
                for (int s = 1; s <= SEGMENTS; s++) {
                    int got = hd.mask[(p * n + i) * SEGMENTS + s - 1] & 0xFF;
                    int want = expected(type, s, k, i / COLUMNS, i % COLUMNS);
                    if (got != want) {
                        fail(out.getFileName() + ": highdicom's " + (multi ? "frame " + (p + 1) : "instance " + (p + 1)) + " (slice " + k
                                + "), row " + i / COLUMNS + ", column " + i % COLUMNS + ", segment " + s + ": " + got + " != " + want);
                    }
                }
            }
        }
    }

    private static int sliceOfFrameNumber(List<SourceFrame> frames, int[] slice, int frameNumber) {
        for (int i = 0; i < frames.size(); i++) if (frames.get(i).frameNumber() == frameNumber) return slice[i];
        throw new AssertionError("no source frame " + frameNumber);
    }

    /** The mask with plane i = phantom slice {@code slice[i]}. */
    static SegmentationMask reorder(SegmentationType type, int[] slice) {
        int n = ROWS * COLUMNS;
        if (type == SegmentationType.LABELMAP) {
            byte[][] planes = new byte[slice.length][n];
            for (int p = 0; p < slice.length; p++) for (int i = 0; i < n; i++) planes[p][i] = (byte) label(slice[p], i / COLUMNS, i % COLUMNS);
            return LabelMapMask.ofBytes(planes, ROWS, COLUMNS);
        }
        if (type == SegmentationType.FRACTIONAL) {
            float[][][] m = new float[SEGMENTS][slice.length][n];
            for (int s = 1; s <= SEGMENTS; s++) {
                for (int p = 0; p < slice.length; p++) for (int i = 0; i < n; i++) m[s - 1][p][i] = fraction(s, slice[p], i / COLUMNS, i % COLUMNS);
            }
            return StackedMasks.ofFloats(m, ROWS, COLUMNS);
        }
        byte[][][] m = new byte[SEGMENTS][slice.length][n];
        for (int s = 1; s <= SEGMENTS; s++) {
            for (int p = 0; p < slice.length; p++) {
                for (int i = 0; i < n; i++) m[s - 1][p][i] = (byte) (member(s, slice[p], i / COLUMNS, i % COLUMNS) ? 1 : 0);
            }
        }
        return StackedMasks.ofBytes(m, ROWS, COLUMNS);
    }

    /** Bits Allocated/Stored, Spatial Locations Preserved in every Source Image item, every source listed. */
    private static void checkHeader(Path out, SegmentationType type, OutputTransferSyntax ts, SourceImages src) throws Exception {
        WrittenSeg seg = new WrittenSeg(out);
        int bits = type == SegmentationType.BINARY ? 1 : 8;
        assertEquals(bits, seg.bitsAllocated);
        assertEquals(bits, Attribute.getSingleIntegerValueOrDefault(seg.header, TagFromName.BitsStored, -1));
        assertEquals(ts.uid(), seg.transferSyntax);
        for (int f = 0; f < seg.frames; f++) {
            for (AttributeList r : seg.sourcesOf(f)) {
                assertEquals("YES", Attribute.getSingleStringValueOrNull(r, TagFromName.SpatialLocationsPreserved), "frame " + (f + 1));
            }
        }
        SequenceAttribute rs = (SequenceAttribute) seg.header.get(TagFromName.ReferencedSeriesSequence);
        int listed = 0;
        for (int i = 0; i < rs.getNumberOfItems(); i++) {
            listed += ((SequenceAttribute) rs.getItem(i).getAttributeList().get(TagFromName.ReferencedInstanceSequence)).getNumberOfItems();
        }
        assertEquals(src.files().size(), listed, "Referenced Series Sequence lists every source image, also those of empty slices");
        assertTrue(seg.frames < SEGMENTS * SLICES, "empty frames were omitted");
    }

    @Test
    void fractionalQuantisationIsExactAndRoundsHalfToEven() {
        // the float32 product lies on x.5, the exact one just below: down, not up (issue 13)
        assertEquals(130, Math.round(0.50784314f * 255), "float32 arithmetic rounds this one up");
        assertEquals(129, stored(0.50784314f));
        assertEquals(stored(0.50784314f), StackedMasks.quantise(0.50784314f, 255));
        assertEquals(131, StackedMasks.quantise(0.5156863f, 255));
        assertEquals(128, StackedMasks.quantise(0.5f, 255), "127.5: ties to even, as numpy.around");
        assertEquals(12, StackedMasks.quantise(0.125f, 100), "12.5: ties to even");
        assertEquals(0, StackedMasks.quantise(0.0015f, 255));
        int differ = 0;
        for (int i = 0; i <= 1 << 18; i++) {
            float v = i / (float) (1 << 18);
            for (int max : new int[] {255, 100, 7}) {
                int want = new BigDecimal(v).multiply(BigDecimal.valueOf(max)).setScale(0, RoundingMode.HALF_EVEN).intValueExact();
                assertEquals(want, StackedMasks.quantise(v, max), v + " x " + max);
                if (Math.round(v * max) != want) differ++;
            }
        }
        assertTrue(differ > 0, "the float32 half-up rounding differs somewhere in this sweep");
    }

    @Test
    void predecessorIsRecordedAndHighdicomStillReadsTheSources() throws Exception {
        SourceImages src = SourceImages.read(series);
        Path first = dir.resolve("first.dcm");
        SegWriteResult r1 = SegWriter.write(first, reorder(SegmentationType.BINARY, sliceOfFrame(src)), SegTestData.descriptions(SEGMENTS),
                src, SegWriteOptions.defaults());
        Predecessor pre = Predecessor.of(src.studyInstanceUid(), r1.seriesInstanceUid(), r1.sopInstanceUid(),
                SegHeaderBuilder.SEGMENTATION_STORAGE);
        Path edited = dir.resolve("edited.dcm");
        SegWriteResult r2 = SegWriter.write(edited, reorder(SegmentationType.BINARY, sliceOfFrame(src)), SegTestData.descriptions(SEGMENTS),
                src, SegWriteOptions.builder().predecessor(pre).build());
        Conformance.assertConformant(first, edited);
        assertNotEquals(r1.sopInstanceUid(), r2.sopInstanceUid());

        AttributeList h = new WrittenSeg(edited).header;
        assertEquals(src.studyInstanceUid(), Attribute.getSingleStringValueOrNull(h, TagFromName.StudyInstanceUID), "same study");
        SequenceAttribute sis = (SequenceAttribute) h.get(TagFromName.SourceImageSequence);
        assertNotNull(sis, "General Image Source Image Sequence names the predecessor");
        assertEquals(1, sis.getNumberOfItems());
        AttributeList item = sis.getItem(0).getAttributeList();
        assertEquals(r1.sopInstanceUid(), Attribute.getSingleStringValueOrNull(item, TagFromName.ReferencedSOPInstanceUID));
        assertEquals(SegHeaderBuilder.SEGMENTATION_STORAGE, Attribute.getSingleStringValueOrNull(item, TagFromName.ReferencedSOPClassUID));
        assertEquals("NO", Attribute.getSingleStringValueOrNull(item, TagFromName.SpatialLocationsPreserved));
        AttributeList purpose = ((SequenceAttribute) item.get(TagFromName.PurposeOfReferenceCodeSequence)).getItem(0).getAttributeList();
        assertEquals("121322", Attribute.getSingleStringValueOrNull(purpose, TagFromName.CodeValue));
        SequenceAttribute rs = (SequenceAttribute) h.get(TagFromName.ReferencedSeriesSequence);
        assertEquals(2, rs.getNumberOfItems(), "the sources' series, then the predecessor's");
        AttributeList last = rs.getItem(1).getAttributeList();
        assertEquals(r1.seriesInstanceUid(), Attribute.getSingleStringValueOrNull(last, TagFromName.SeriesInstanceUID));
        assertEquals(src.frames().get(0).seriesInstanceUid(),
                Attribute.getSingleStringValueOrNull(rs.getItem(0).getAttributeList(), TagFromName.SeriesInstanceUID));

        // highdicom reads it; its instance list (Referenced Series Sequence order) ends with the predecessor, which no frame uses
        Highdicom.Result hd = Highdicom.read(edited, dir);
        assertEquals(0, hd.exitCode, hd.stderr);
        assertEquals(SLICES + 1, hd.shape[0]);
        JsonArray refs = hd.json.getAsJsonArray("referenced_instances");
        assertEquals(r1.sopInstanceUid(), refs.get(SLICES).getAsString());
        Highdicom.Result hd1 = Highdicom.read(first, dir);
        int plane = ROWS * COLUMNS * SEGMENTS;
        for (int i = 0; i < SLICES * plane; i++) if (hd.mask[i] != hd1.mask[i]) fail("edited SEG differs from its predecessor at " + i);
        for (int i = SLICES * plane; i < hd.mask.length; i++) assertEquals(0, hd.mask[i]);
        assertTrue(Files.size(edited) > 0);
    }
}
