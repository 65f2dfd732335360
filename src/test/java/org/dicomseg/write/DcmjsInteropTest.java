package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.samples.CtSeriesWriter;
import org.dicomseg.samples.EnhancedCtWriter;
import org.dicomseg.samples.Phantom;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.VolumeGeometry;
import org.dicomseg.source.SourceFrame;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Dcmjs;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.testing.Shared;
import org.dicomseg.write.HighdicomInteropTest.Source;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every writer variant read by dcmjs 0.51.1 (pinned in {@code src/test/js/package-lock.json}), the
 * library under OHIF's and Cornerstone's SEG loading, with its own default calls
 * ({@code testing.Dcmjs}), on {@link HighdicomInteropTest}'s W1-like volume: 150 slices of 47 × 53,
 * empty slices at both ends and in the middle, two overlapping segments.
 * <ul>
 *   <li>Every type × transfer syntax × source (single-frame series, Enhanced CT) parses: SOP class,
 *       syntax, type, frame count and segment labels as written.</li>
 *   <li>What dcmjs's loader ({@code adapters.Cornerstone.Segmentation.generateToolState}) decodes —
 *       BINARY native, and FRACTIONAL whose values are all 0 or the maximum, native or RLE — lands on
 *       exactly the right source image with exactly the right voxel count per segment, overlapping
 *       segments in separate label maps, over both kinds of source.</li>
 *   <li>What it does not decode is refused by dcmjs itself, never misread silently — asserted, so the
 *       documented limits (docs/writer.md's "Who reads what") are revisited when dcmjs changes: 1-bit RLE, true
 *       fractions, LABELMAP. JPEG 2000 and Deflated Image Frame Compression are not decoded by
 *       dcmjs's loader at all (Cornerstone decodes pixel data elsewhere): parsed only.</li>
 *   <li>Issue 18: a SEG pyramid's levels parse with the Multi-Resolution Pyramid module and Total Pixel
 *       Matrix as written, and the loader refuses them (it wants a stack's patient orientation); a 2D+t
 *       SEG over an Enhanced MR cine parses with its Temporal Position Index dimension and each frame's
 *       index, and the loader puts every frame on its own phase although 25 frames share each position.</li>
 * </ul>
 */
class DcmjsInteropTest {
    static final int ROWS = HighdicomInteropTest.ROWS;
    static final int COLUMNS = HighdicomInteropTest.COLUMNS;
    static final int SEGMENTS = HighdicomInteropTest.SEGMENTS;

    @TempDir
    static Path dir;
    static List<Path> series;
    static Path enhanced;

    /** The same sources as {@link HighdicomInteropTest}'s, in this class's own folder. */
    @BeforeAll
    static void fixture() throws Exception {
        Shared.assumePresent();
        Dcmjs.assumeAvailable();
        VolumeGeometry g = VolumeGeometry.centred(ROWS, COLUMNS, HighdicomInteropTest.SLICES, 0.8, 2.0);
        SampleStudy study = SampleStudy.deterministic(13);
        series = new CtSeriesWriter(study, g, Phantom.standard()).noise(0).write(dir.resolve("ct"));
        enhanced = dir.resolve("ect.dcm");
        new EnhancedCtWriter(study, g, Phantom.standard()).noise(0).write(enhanced);
    }

    static SourceImages sources(Source s) throws Exception {
        return s == Source.SERIES ? SourceImages.read(series) : SourceImages.read(enhanced);
    }

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

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("variants")
    void dcmjsParsesEveryVariant(Source source, SegmentationType type, OutputTransferSyntax ts) throws Exception {
        SourceImages src = sources(source);
        SegmentationMask m = HighdicomInteropTest.reorder(type, HighdicomInteropTest.sliceOfFrame(src));
        Path out = dir.resolve("dcmjs-" + source + "-" + type + "-" + ts + ".dcm");
        List<SegmentDescription> d = SegTestData.descriptions(SEGMENTS);
        SegWriteResult r = SegWriter.write(out, m, d, src, SegWriteOptions.builder().segmentationType(type).transferSyntax(ts)
                .maxFractionalValue(HighdicomInteropTest.MAX_FRACTIONAL).build());
        Conformance.assertConformant(out);

        JsonObject ds = Dcmjs.read(out, List.of()).getAsJsonObject("dataset");
        assertEquals(type == SegmentationType.LABELMAP ? "1.2.840.10008.5.1.4.1.1.66.7" : "1.2.840.10008.5.1.4.1.1.66.4",
                ds.get("sopClassUid").getAsString());
        assertEquals(ts.uid(), ds.get("transferSyntaxUid").getAsString());
        assertEquals(type.name(), ds.get("segmentationType").getAsString());
        assertEquals(r.numberOfFrames(), ds.get("numberOfFrames").getAsInt());
        assertEquals(ROWS, ds.get("rows").getAsInt());
        assertEquals(COLUMNS, ds.get("columns").getAsInt());
        JsonArray segs = ds.getAsJsonArray("segments");
        assertEquals(SEGMENTS, segs.size());
        for (int s = 0; s < SEGMENTS; s++) {
            assertEquals(s + 1, segs.get(s).getAsJsonObject().get("number").getAsInt());
            assertEquals(d.get(s).label(), segs.get(s).getAsJsonObject().get("label").getAsString());
        }
    }

    static Stream<Arguments> decoded() {
        List<Arguments> l = new ArrayList<>();
        for (Source s : Source.values()) {
            l.add(Arguments.of(s, SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            l.add(Arguments.of(s, SegmentationType.FRACTIONAL, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
            l.add(Arguments.of(s, SegmentationType.FRACTIONAL, OutputTransferSyntax.RLE_LOSSLESS));
        }
        return l.stream();
    }

    /** dcmjs's loader puts every voxel of every segment on the right source image. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("decoded")
    void dcmjsLoaderPlacesEveryVoxel(Source source, SegmentationType type, OutputTransferSyntax ts) throws Exception {
        SourceImages src = sources(source);
        int[] slice = HighdicomInteropTest.sliceOfFrame(src);
        Path out = dir.resolve("dcmjs-load-" + source + "-" + type + "-" + ts + ".dcm");
        // FRACTIONAL with only 0 and 1.0: what dcmjs accepts ("actually binary"); the same voxels as BINARY
        SegWriter.write(out, binaryMask(type, slice), SegTestData.descriptions(SEGMENTS), src, SegWriteOptions.builder()
                .segmentationType(type).transferSyntax(ts).maxFractionalValue(HighdicomInteropTest.MAX_FRACTIONAL).build());
        Conformance.assertConformant(out);

        JsonObject o = Dcmjs.read(out, imageIds(source, src));
        assertFalse(o.has("toolStateError"), () -> "dcmjs refused " + out.getFileName() + ": " + o);
        JsonObject state = o.getAsJsonObject("toolState");
        assertTrue(state.get("labelmaps").getAsInt() >= 2, "segments 1 and 2 overlap: dcmjs needs separate label maps");
        JsonArray counts = state.getAsJsonArray("counts");
        assertEquals(src.frames().size(), counts.size());
        long total = 0;
        for (int i = 0; i < counts.size(); i++) {
            JsonObject c = counts.get(i).getAsJsonObject();
            for (int s = 1; s <= SEGMENTS; s++) {
                int want = count(s, slice[i]);
                int got = c.has(Integer.toString(s)) ? c.get(Integer.toString(s)).getAsInt() : 0;
                if (got != want) fail(out.getFileName() + ": dcmjs put " + got + " voxels of segment " + s + " on source image " + (i + 1)
                        + " (slice " + slice[i] + "), expected " + want);
                total += got;
            }
        }
        assertTrue(total > 10_000, "the fixture has voxels: " + total);
    }

    /** What dcmjs's loader cannot decode, it refuses: no silently wrong voxels (the limits docs/writer.md lists). */
    @Test
    void dcmjsLoaderRefusesWhatItCannotDecode() throws Exception {
        SourceImages src = sources(Source.SERIES);
        int[] slice = HighdicomInteropTest.sliceOfFrame(src);
        Object[][] cases = {
            {SegmentationType.BINARY, OutputTransferSyntax.RLE_LOSSLESS, "rle + bitbacking"},
            {SegmentationType.FRACTIONAL, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, "Fractional segmentations are not yet supported"},
            {SegmentationType.LABELMAP, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, "Fractional segmentations are not yet supported"},
            // the loader takes compressed fragments for pixels and stops ("Invalid typed array length")
            {SegmentationType.BINARY, OutputTransferSyntax.JPEG_2000_LOSSLESS, ""},
            {SegmentationType.BINARY, OutputTransferSyntax.DEFLATED_IMAGE_FRAME, ""},
            {SegmentationType.FRACTIONAL, OutputTransferSyntax.JPEG_2000_LOSSLESS, ""},
        };
        for (Object[] c : cases) {
            SegmentationType type = (SegmentationType) c[0];
            OutputTransferSyntax ts = (OutputTransferSyntax) c[1];
            Path out = dir.resolve("dcmjs-refused-" + type + "-" + ts + ".dcm");
            SegWriter.write(out, HighdicomInteropTest.reorder(type, slice), SegTestData.descriptions(SEGMENTS), src, SegWriteOptions.builder()
                    .segmentationType(type).transferSyntax(ts).maxFractionalValue(HighdicomInteropTest.MAX_FRACTIONAL).build());
            JsonObject o = Dcmjs.read(out, imageIds(Source.SERIES, src));
            String said = o.has("toolStateError") ? o.get("toolStateError").getAsString() + " " + o.get("warnings") : null;
            assertTrue(said != null && said.contains((String) c[2]), () -> type + " " + ts + ": dcmjs reads it now — compare its voxels and update"
                    + " docs/writer.md (Who reads what we write): " + o);
        }
    }

    /** A SEG edited in the loop (issue 13) names its predecessor; dcmjs still loads it onto the sources. */
    @Test
    void editedSegWithPredecessorLoads() throws Exception {
        SourceImages src = sources(Source.SERIES);
        int[] slice = HighdicomInteropTest.sliceOfFrame(src);
        Path first = dir.resolve("dcmjs-first.dcm");
        SegWriteResult r1 = SegWriter.write(first, binaryMask(SegmentationType.BINARY, slice), SegTestData.descriptions(SEGMENTS), src,
                SegWriteOptions.defaults());
        Path edited = dir.resolve("dcmjs-edited.dcm");
        SegWriter.write(edited, binaryMask(SegmentationType.BINARY, slice), SegTestData.descriptions(SEGMENTS), src, SegWriteOptions.builder()
                .predecessor(Predecessor.of(src.studyInstanceUid(), r1.seriesInstanceUid(), r1.sopInstanceUid(),
                        SegHeaderBuilder.SEGMENTATION_STORAGE)).build());
        JsonObject a = Dcmjs.read(first, imageIds(Source.SERIES, src));
        JsonObject b = Dcmjs.read(edited, imageIds(Source.SERIES, src));
        assertFalse(b.has("toolStateError"), b::toString);
        assertEquals(a.getAsJsonObject("toolState").get("counts"), b.getAsJsonObject("toolState").get("counts"));
    }

    /**
     * A SEG pyramid (issue 18): every level parses with its Multi-Resolution Pyramid module (the one
     * Pyramid UID, label, description) and its Total Pixel Matrix as written; dcmjs's loader, a stack
     * loader, does not place tiled frames on the slide level's frames — asserted as it behaves now.
     */
    @Test
    void pyramidLevelsParseWithTheirPyramidModule() throws Exception {
        SampleStudy study = SampleStudy.deterministic(46);
        List<Path> levels = new ArrayList<>();
        for (int f : new int[] {1, 2, 4}) {
            Path p = dir.resolve("slide-level-" + f + ".dcm");
            new org.dicomseg.samples.SlideWriter(study, 900 / f, 611 / f, 128).series("series/pyr").pixelSpacing(0.00025 * f).write(p);
            levels.add(p);
        }
        int w = 333, h = 257;
        byte[] labels = new byte[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) if ((x - 120) * (x - 120) + (y - 100) * (y - 100) < 80 * 80) labels[y * w + x] = 1;
        List<Path> outs = List.of(dir.resolve("pyr-1.dcm"), dir.resolve("pyr-2.dcm"), dir.resolve("pyr-4.dcm"));
        PyramidResult res = PyramidWriter.write(outs, org.dicomseg.mask.LabelMapMask.ofBytes(new byte[][] {labels}, h, w),
                SegTestData.descriptions(1), levels, SegWriteOptions.builder().segmentationType(SegmentationType.BINARY)
                        .pyramidLabel("Tumour pyramid").pyramidDescription("Tumour outline on every level")
                        .tiledGeometry(TiledGeometry.defaults().withRegionOffset(101, 77)).build());
        assertEquals(3, res.written().size(), res.notWritten().toString());
        Conformance.assertConformant(outs.toArray(new Path[0]));
        for (int i = 0; i < outs.size(); i++) {
            Path out = outs.get(i);
            org.dicomseg.source.slide.SlideLevel level = org.dicomseg.source.slide.SlideLevel.read(levels.get(i));
            String uid;
            try (org.dicomseg.read.SegmentationReader r = org.dicomseg.read.SegmentationReader.open(out)) {
                uid = com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(org.dicomseg.testing.SyntheticSegs.readAll(out),
                        new com.pixelmed.dicom.AttributeTag(0x0008, 0x0019));
                JsonObject o = Dcmjs.read(out, List.of(Dcmjs.multiFrame(levels.get(i), level.frames())));
                JsonObject ds = o.getAsJsonObject("dataset");
                assertEquals("1.2.840.10008.5.1.4.1.1.66.4", ds.get("sopClassUid").getAsString());
                assertEquals(r.numberOfFrames(), ds.get("numberOfFrames").getAsInt());
                assertEquals(r.metadata().dimensionOrganizationType().dicomValue(), ds.get("dimensionOrganizationType").getAsString());
                assertEquals(r.metadata().totalPixelMatrixColumns(), ds.get("totalPixelMatrixColumns").getAsInt(), out.toString());
                assertEquals(r.metadata().totalPixelMatrixRows(), ds.get("totalPixelMatrixRows").getAsInt(), out.toString());
                assertEquals(uid, ds.get("pyramidUid").getAsString(), "dcmjs names (0008,0019) PyramidUID: " + ds);
                assertEquals("Tumour pyramid", ds.get("pyramidLabel").getAsString());
                assertEquals("Tumour outline on every level", ds.get("pyramidDescription").getAsString());
                // the loader looks for the patient orientation of a stack (Plane Orientation (Patient)); a slide SEG's
                // frames are placed on the slide (Plane Orientation (Slide), C.8.12.6): it stops, placing nothing
                String said = o.has("toolStateError") ? o.get("toolStateError").getAsString() : null;
                assertTrue(said != null && said.contains("ImageOrientationPatient"), () -> out.getFileName()
                        + ": dcmjs's loader takes tiled SEGs now — compare its voxels and update docs/writer.md: " + o);
            }
        }
    }

    /**
     * 2D+t (issue 18): the cine SEG over the Enhanced MR (one object, 12 slices × 25 phases at the same
     * 12 positions) parses with its Temporal Position Index dimension and each frame's index; what
     * dcmjs's loader does with frames that share a position is asserted as it behaves now. (Over the
     * single-frame cine series it places every frame: {@code TemporalSegWriterTest}.)
     */
    @Test
    void cineOverTheEnhancedMrAsDcmjsReadsIt() throws Exception {
        org.dicomseg.testing.CineFixture cine = org.dicomseg.testing.CineFixture.create();
        Path emr = cine.writeEnhanced(dir.resolve("cine-emr.dcm"));
        SourceImages src = SourceImages.read(emr);
        src = src.reordered(src.spaceTime().hyperstackOrder());
        int rows = org.dicomseg.testing.CineFixture.ROWS, cols = org.dicomseg.testing.CineFixture.COLUMNS;
        int z = org.dicomseg.testing.CineFixture.SLICES, t = org.dicomseg.testing.CineFixture.PHASES;
        Path out = dir.resolve("dcmjs-cine-emr.dcm");
        SegWriter.write(out, StackedMasks.ofBytes(cine.masks(), rows, cols), SegTestData.descriptions(3), src,
                SegWriteOptions.builder().segmentationType(SegmentationType.BINARY).build());
        Conformance.assertConformant(out);
        JsonObject o = Dcmjs.read(out, List.of(Dcmjs.multiFrame(emr, z * t)));
        JsonObject ds = o.getAsJsonObject("dataset");
        assertEquals("3D_TEMPORAL", ds.get("dimensionOrganizationType").getAsString());
        assertTrue(ds.getAsJsonArray("dimensionIndexPointers").contains(new com.google.gson.JsonPrimitive(0x00209128)),
                "Temporal Position Index among the dimension pointers: " + ds.get("dimensionIndexPointers"));
        // each frame's Temporal Position Index as dcmjs reads it: the time point of the frame's source image
        JsonArray tpi = ds.getAsJsonArray("temporalPositionIndices");
        try (org.dicomseg.read.SegmentationReader r = org.dicomseg.read.SegmentationReader.open(out)) {
            assertEquals(r.numberOfFrames(), tpi.size());
            for (int f = 1; f <= r.numberOfFrames(); f++) {
                int sourceFrame = r.frame(f).sources().get(0).frameNumbers()[0]; // Enhanced MR frame k: phase (k - 1) % 25
                assertEquals((sourceFrame - 1) % t + 1, tpi.get(f - 1).getAsInt(), "frame " + f);
            }
        }
        // the loader goes by each frame's referenced source frame, so frames at one position land on their own phase
        assertFalse(o.has("toolStateError"), () -> "dcmjs refused the enhanced cine SEG: " + o);
        JsonArray counts = o.getAsJsonObject("toolState").getAsJsonArray("counts");
        assertEquals(z * t, counts.size());
        byte[][][] masks = cine.masks();
        for (int k = 0; k < z * t; k++) { // Enhanced MR frame k + 1: slice k / 25, phase k % 25
            int plane = (k % t) * z + k / t;
            JsonObject c = counts.get(k).getAsJsonObject();
            for (int s = 1; s <= 3; s++) {
                int want = 0;
                for (byte b : masks[s - 1][plane]) want += b;
                int got = c.has(Integer.toString(s)) ? c.get(Integer.toString(s)).getAsInt() : 0;
                assertEquals(want, got, "dcmjs: segment " + s + " on frame " + (k + 1) + " (z " + k / t + ", t " + k % t + ")");
            }
        }
    }

    /** Segment s's voxels on phantom slice k. */
    static int count(int s, int k) {
        int n = 0;
        for (int r = 0; r < ROWS; r++) for (int c = 0; c < COLUMNS; c++) if (HighdicomInteropTest.member(s, k, r, c)) n++;
        return n;
    }

    /** The fixture's membership as BINARY, or as FRACTIONAL with values 0 and 1 only. */
    static SegmentationMask binaryMask(SegmentationType type, int[] slice) {
        if (type != SegmentationType.FRACTIONAL) return HighdicomInteropTest.reorder(SegmentationType.BINARY, slice);
        float[][][] m = new float[SEGMENTS][slice.length][ROWS * COLUMNS];
        for (int s = 1; s <= SEGMENTS; s++) {
            for (int p = 0; p < slice.length; p++) {
                for (int i = 0; i < ROWS * COLUMNS; i++) m[s - 1][p][i] = HighdicomInteropTest.member(s, slice[p], i / COLUMNS, i % COLUMNS) ? 1f : 0f;
            }
        }
        return StackedMasks.ofFloats(m, ROWS, COLUMNS);
    }

    /** dcmjs's image ids in the sources' frame order: files, or the Enhanced CT's frames. */
    static List<String> imageIds(Source source, SourceImages src) {
        if (source == Source.SERIES) {
            List<Path> files = new ArrayList<>();
            for (SourceFrame f : src.frames()) files.add(f.file());
            return Dcmjs.files(files);
        }
        List<String> ids = new ArrayList<>();
        // one multi-frame argument gives every frame in frame-number order; the sources' order is the same
        for (int i = 0; i < src.frames().size(); i++) assertEquals(i + 1, src.frames().get(i).frameNumber(), "frame order");
        ids.add(Dcmjs.multiFrame(enhanced, src.frames().size()));
        return ids;
    }
}
