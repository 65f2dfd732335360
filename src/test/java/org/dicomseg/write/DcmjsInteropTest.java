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
