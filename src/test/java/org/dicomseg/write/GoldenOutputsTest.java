package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.process.ByteProcessor;

import org.dicomseg.cli.Main;
import org.dicomseg.testing.SegTestData.Input;
import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.ij.export.ExportPlan;
import org.dicomseg.ij.export.LabelImageExport;
import org.dicomseg.ij.export.RoiExport;
import org.dicomseg.ij.export.RoiGrouping;
import org.dicomseg.ij.export.RoiPlacement;
import org.dicomseg.ij.export.RoiSetReader;
import org.dicomseg.ij.export.SegExport;
import org.dicomseg.ij.export.SlideExport;
import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.ij.source.SourceSeries;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.dcmqi.DcmqiMetadataReader;
import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CieLab;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationGeometry;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.TiledSegs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.SegTestData;

/**
 * Golden outputs: a fixed set of SEG writes (every segmentation type × transfer syntax, mask
 * inputs, empty frames, odd sizes, single-frame / enhanced / corpus sources, custom geometry,
 * slides, pyramids, rich segment descriptions, the ImageJ export path and the command line) must
 * stay byte for byte what they are, generated UIDs and clock dates/times aside. It guards
 * refactors that should not change any output.
 *
 * <p>Each case is written twice (two folders, so also two copies of generated sources) and
 * reduced to a canonical form by the self-contained DICOM walker below ({@link Canonicalizer},
 * independent of the project's readers): tag, VR and value bytes of every element, recursively,
 * Pixel Data fragments included, except that (a) a UID of the "2.25." root that does not occur in
 * the case's source files is replaced by "UID#k" (k = order of first appearance within the case,
 * so equal UIDs stay equal, across the files of a pyramid too), (b) the clock dates/times (Series,
 * Content, Instance Creation Date/Time at the top level) are replaced by a token, and (c) lengths
 * of sequences and items and the File Meta Information Group Length (checked for consistency) are
 * not hashed. The two writes must give the same SHA-256 and the same raw bytes outside the masked
 * ranges; the hash must then equal the one listed for the case in
 * {@code src/test/resources/org/dicomseg/golden-outputs.txt}.</p>
 *
 * <p>{@code -Dgolden.update=true} rewrites that file (in the source tree) from the current code
 * instead of comparing; {@code -Dgolden.dump=DIR} also writes a readable listing of each case's
 * canonical form to DIR (dump before and after a change and diff them to see what moved). Mask and source helpers are shared with the other writer tests
 * ({@link SegTestData}, {@link TiledSegs}): changing them changes the golden hashes too.</p>
 */
class GoldenOutputsTest {
    static final boolean UPDATE = Boolean.getBoolean("golden.update");
    /** With {@code -Dgolden.dump=DIR}, the canonical form of every case is also written to DIR/case.txt (to diff two versions). */
    static final String DUMP = System.getProperty("golden.dump");
    static final String RESOURCE = "org/dicomseg/golden-outputs.txt";

    static final Path SAMPLES = Paths.get("sample-images").toAbsolutePath();
    static final Path CT = SAMPLES.resolve("ct");
    static final String SERIES_UID = "1.2.826.0.1.3680043.9.7433.77.1";
    static final String SOP_UID = "1.2.826.0.1.3680043.9.7433.77.2";
    static final LocalDateTime FIXED_TIME = LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_000_000);
    /** The masked clock values expected where {@link #FIXED_TIME} is given. */
    static final Map<String, String> FIXED_CLOCK = Map.of("(0008,0021)", "20240229", "(0008,0031)", "131415.123",
            "(0008,0023)", "20240229", "(0008,0033)", "131415.123");

    @TempDir
    static Path tmp;

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
        assertTrue(Files.isDirectory(CT), "sample-images/ct missing: " + CT);
    }

    // ------------------------------------------------------------------------------------------
    // Cases
    // ------------------------------------------------------------------------------------------

    /** What a case wrote, in order, and the source files it was derived from. */
    static final class Outputs {
        final List<Path> files;
        final List<Path> sources;

        Outputs(List<Path> files, List<Path> sources) {
            this.files = files;
            this.sources = sources;
        }
    }

    @FunctionalInterface
    interface Body {
        /** Writes the case's output(s) into {@code dir}; {@code slides} holds generated slide levels. */
        Outputs write(Path dir, List<Path> slides) throws Exception;
    }

    static final class Case {
        final String name;
        /** Whether the Content Date/Time was fixed to {@link #FIXED_TIME} (checked on the masked values). */
        final boolean fixedTime;
        final Body body;

        Case(String name, boolean fixedTime, Body body) {
            this.name = name;
            this.fixedTime = fixedTime;
            this.body = body;
        }
    }

    /** A volume source: its files (in the order given to the writer) and the mask size that fits it. */
    static final class Volume {
        final int rows, columns, planes;
        final List<Path> files;
        final SegmentationGeometry geometry;

        Volume(int rows, int columns, int planes, List<Path> files, SegmentationGeometry geometry) {
            this.rows = rows;
            this.columns = columns;
            this.planes = planes;
            this.files = files;
            this.geometry = geometry;
        }

        static Volume of(Sources s) { return new Volume(s.rows, s.columns, s.planes, s.paths(), s.geometry()); }
    }

    static List<Path> ctFiles() {
        List<Path> l = new ArrayList<>();
        for (int k = 1; k <= 5; k++) l.add(CT.resolve(String.format("IM%04d.dcm", k)));
        return l;
    }

    static Volume ct() { return new Volume(64, 64, 5, ctFiles(), null); }

    static Volume enhanced() { return new Volume(64, 64, 5, List.of(SAMPLES.resolve("enhanced-ct/enhanced.dcm")), null); }

    static SegWriteOptions.Builder fixedIds(SegWriteOptions.Builder b) {
        return b.seriesInstanceUid(SERIES_UID).sopInstanceUid(SOP_UID).contentDateTime(FIXED_TIME);
    }

    static SegWriteOptions.Builder typed(SegmentationType type, FractionalType fractional, int max, OutputTransferSyntax ts) {
        SegWriteOptions.Builder b = SegWriteOptions.builder().segmentationType(type).transferSyntax(ts);
        if (fractional != null) b.fractionalType(fractional).maxFractionalValue(max);
        return b;
    }

    static final OutputTransferSyntax NONE = OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    static final OutputTransferSyntax RLE = OutputTransferSyntax.RLE_LOSSLESS;
    static final OutputTransferSyntax J2K = OutputTransferSyntax.JPEG_2000_LOSSLESS;

    /** A volume case through the writer API with fixed ids and time (unless {@code extra} changes them). */
    static Case volume(String name, java.util.function.Supplier<Volume> source, SegmentationType type, FractionalType fractional,
            int max, OutputTransferSyntax ts, Input in, Consumer<SegWriteOptions.Builder> extra) {
        return new Case(name, true, (dir, slides) -> {
            Volume v = source.get();
            SegWriteOptions.Builder b = fixedIds(typed(type, fractional, max, ts));
            if (extra != null) extra.accept(b);
            Path out = dir.resolve("seg.dcm");
            SegWriter.write(out, SegTestData.mask(in, v.planes, v.rows, v.columns), SegTestData.descriptions(in.segments()),
                    SourceImages.read(v.files), v.geometry, b.build());
            return new Outputs(List.of(out), v.files);
        });
    }

    static Case volume(String name, java.util.function.Supplier<Volume> source, SegmentationType type, OutputTransferSyntax ts, Input in) {
        return volume(name, source, type, null, 0, ts, in, null);
    }

    static final SegmentationType BINARY = SegmentationType.BINARY;
    static final SegmentationType FRACTIONAL = SegmentationType.FRACTIONAL;
    static final SegmentationType LABELMAP = SegmentationType.LABELMAP;
    static final FractionalType PROBABILITY = FractionalType.PROBABILITY;
    static final FractionalType OCCUPANCY = FractionalType.OCCUPANCY;

    static List<Case> cases() {
        List<Case> l = new ArrayList<>();
        // Sample CT series (5 single-frame slices, 64 x 64): type x transfer syntax x mask input.
        l.add(volume("ct-binary-labelmap-none", GoldenOutputsTest::ct, BINARY, NONE, Input.LABEL_MAP));
        l.add(volume("ct-binary-labelmap-rle", GoldenOutputsTest::ct, BINARY, RLE, Input.LABEL_MAP));
        l.add(volume("ct-binary-overlap-none", GoldenOutputsTest::ct, BINARY, NONE, Input.STACKED_OVERLAPPING));
        l.add(volume("ct-binary-overlap-rle", GoldenOutputsTest::ct, BINARY, RLE, Input.STACKED_OVERLAPPING));
        l.add(volume("ct-probability-none", GoldenOutputsTest::ct, FRACTIONAL, PROBABILITY, 255, NONE, Input.STACKED_FRACTIONAL, null));
        l.add(volume("ct-probability-rle", GoldenOutputsTest::ct, FRACTIONAL, PROBABILITY, 255, RLE, Input.STACKED_FRACTIONAL, null));
        l.add(volume("ct-probability-j2k", GoldenOutputsTest::ct, FRACTIONAL, PROBABILITY, 255, J2K, Input.STACKED_FRACTIONAL,
                b -> b.threads(1)));
        l.add(volume("ct-probability-j2k-threads-3", GoldenOutputsTest::ct, FRACTIONAL, PROBABILITY, 255, J2K, Input.STACKED_FRACTIONAL,
                b -> b.threads(3)));
        l.add(volume("ct-occupancy-overlap-none", GoldenOutputsTest::ct, FRACTIONAL, OCCUPANCY, 100, NONE, Input.STACKED_OVERLAPPING, null));
        l.add(volume("ct-occupancy-rle", GoldenOutputsTest::ct, FRACTIONAL, OCCUPANCY, 100, RLE, Input.STACKED_FRACTIONAL, null));
        l.add(volume("ct-occupancy-j2k", GoldenOutputsTest::ct, FRACTIONAL, OCCUPANCY, 100, J2K, Input.STACKED_FRACTIONAL, null));
        l.add(volume("ct-labelmap8-none", GoldenOutputsTest::ct, LABELMAP, NONE, Input.LABEL_MAP));
        l.add(volume("ct-labelmap8-rle", GoldenOutputsTest::ct, LABELMAP, RLE, Input.LABEL_MAP));
        l.add(volume("ct-labelmap8-disjoint-j2k", GoldenOutputsTest::ct, LABELMAP, J2K, Input.STACKED_DISJOINT));
        l.add(volume("ct-labelmap16-none", GoldenOutputsTest::ct, LABELMAP, NONE, Input.LABEL_MAP_16));
        l.add(volume("ct-labelmap16-rle", GoldenOutputsTest::ct, LABELMAP, RLE, Input.LABEL_MAP_16));
        l.add(volume("ct-labelmap16-j2k", GoldenOutputsTest::ct, LABELMAP, J2K, Input.LABEL_MAP_16));
        // Empty frames kept.
        l.add(volume("ct-binary-keep-empty-none", GoldenOutputsTest::ct, BINARY, null, 0, NONE, Input.LABEL_MAP,
                b -> b.omitEmptyFrames(false)));
        l.add(volume("ct-labelmap8-keep-empty-rle", GoldenOutputsTest::ct, LABELMAP, null, 0, RLE, Input.LABEL_MAP,
                b -> b.omitEmptyFrames(false)));
        l.add(new Case("ct-binary-all-empty-none", true, (dir, slides) -> {
            Path out = dir.resolve("seg.dcm");
            SegWriter.write(out, LabelMapMask.ofBytes(new byte[5][64 * 64], 64, 64), SegTestData.descriptions(1),
                    SourceImages.read(ctFiles()), fixedIds(SegWriteOptions.builder()).build());
            return new Outputs(List.of(out), ctFiles());
        }));
        // Identifiers and time from the writer (random UIDs, the clock): only the masking makes this repeatable.
        l.add(new Case("ct-generated-ids-binary-rle", false, (dir, slides) -> {
            Path out = dir.resolve("seg.dcm");
            SegWriter.write(out, SegTestData.mask(Input.STACKED_OVERLAPPING, 5, 64, 64), SegTestData.descriptions(3),
                    SourceImages.read(ctFiles()), SegWriteOptions.builder().transferSyntax(RLE).build());
            return new Outputs(List.of(out), ctFiles());
        }));
        l.add(new Case("ct-options-identifiers", true, (dir, slides) -> {
            SegWriteOptions o = fixedIds(SegWriteOptions.builder()).seriesDescription("Liver seg").seriesNumber(42).instanceNumber(7)
                    .contentLabel("LIVER").contentDescription("manual contour").contentCreatorName("Doe^Jane")
                    .manufacturer("ACME").manufacturerModelName("Segmenter").softwareVersions("9.9").deviceSerialNumber("SN1").build();
            Path out = dir.resolve("seg.dcm");
            SegWriter.write(out, SegTestData.mask(Input.LABEL_MAP, 5, 64, 64), SegTestData.descriptions(3), SourceImages.read(ctFiles()), o);
            return new Outputs(List.of(out), ctFiles());
        }));
        l.add(new Case("ct-segment-descriptions-utf8", true, (dir, slides) -> {
            SegWriteOptions o = fixedIds(SegWriteOptions.builder()).transferSyntax(RLE).seriesDescription("Läsionen")
                    .contentDescription("Kontur über drei Segmente").contentCreatorName("Müller^Jürgen").build();
            Path out = dir.resolve("seg.dcm");
            SegWriter.write(out, SegTestData.mask(Input.STACKED_OVERLAPPING, 5, 64, 64), richDescriptions(), SourceImages.read(ctFiles()), o);
            return new Outputs(List.of(out), ctFiles());
        }));
        // The enhanced (multi-frame) sample.
        l.add(volume("enhanced-binary-overlap-none", GoldenOutputsTest::enhanced, BINARY, NONE, Input.STACKED_OVERLAPPING));
        l.add(volume("enhanced-labelmap8-rle", GoldenOutputsTest::enhanced, LABELMAP, RLE, Input.LABEL_MAP));
        // Corpus sources: an odd size (38 rows x 23 columns, frames not byte aligned), its multi-frame
        // form, a custom geometry, a projection image without a Frame of Reference.
        l.add(volume("odd38x23-binary-labelmap-none", () -> Volume.of(Sources.CT_23X38), BINARY, NONE, Input.LABEL_MAP));
        l.add(volume("odd38x23-binary-labelmap16-rle", () -> Volume.of(Sources.CT_23X38), BINARY, RLE, Input.LABEL_MAP_16));
        l.add(volume("odd38x23-probability-j2k", () -> Volume.of(Sources.CT_23X38), FRACTIONAL, PROBABILITY, 255, J2K,
                Input.STACKED_FRACTIONAL, null));
        l.add(volume("odd38x23-multiframe-labelmap16-none", () -> Volume.of(Sources.MULTIFRAME_23X38), LABELMAP, NONE, Input.LABEL_MAP_16));
        l.add(volume("custom-geometry-binary-rle", () -> Volume.of(Sources.CUSTOM_GEOMETRY), BINARY, RLE, Input.STACKED_OVERLAPPING));
        l.add(volume("projection-dx-binary-none", () -> Volume.of(Sources.PROJECTION_DX), BINARY, NONE, Input.LABEL_MAP));
        // Slides: tiled SEGs on a generated 1000 x 700 level (tiles of 128) and on the corpus' 50 x 50 slide.
        l.add(new Case("slide-tiled-sparse-binary-none", true, (dir, slides) -> slide(dir, slides.get(0),
                LabelMapMask.ofBytes(new byte[][] {TiledSegs.labels(420, 260)}, 260, 420), 2,
                fixedIds(typed(BINARY, null, 0, NONE)).tiledGeometry(TiledGeometry.defaults()
                        .withOrganization(DimensionOrganization.TILED_SPARSE).withRegionOffset(150, 230)))));
        l.add(new Case("slide-tiled-full-labelmap-rle", true, (dir, slides) -> slide(dir, slides.get(0),
                LabelMapMask.ofBytes(new byte[][] {TiledSegs.labels(420, 260)}, 260, 420), 2,
                fixedIds(typed(LABELMAP, null, 0, RLE)).tiledGeometry(TiledGeometry.defaults()
                        .withOrganization(DimensionOrganization.TILED_FULL).withRegionOffset(150, 230)))));
        l.add(new Case("slide-tiled-sparse-fractional-j2k-tile100", true, (dir, slides) -> slide(dir, slides.get(0),
                slideFractions(420, 260), 1,
                fixedIds(typed(FRACTIONAL, PROBABILITY, 255, J2K)).tiledGeometry(TiledGeometry.defaults().withTileSize(100)
                        .withOrganization(DimensionOrganization.TILED_SPARSE).withRegionOffset(150, 230)))));
        l.add(new Case("sm-corpus-tiled-full-binary-rle", true, (dir, slides) -> slide(dir, Shared.corpus("highdicom/sm_image.dcm"),
                LabelMapMask.ofBytes(new byte[][] {TiledSegWriterTest.labels(50, 50)}, 50, 50), 2,
                fixedIds(typed(BINARY, null, 0, RLE)).tiledGeometry(TiledGeometry.defaults()
                        .withOrganization(DimensionOrganization.TILED_FULL)))));
        l.add(new Case("pyramid-labelmap-rle", false, (dir, slides) -> {
            List<Path> outs = new ArrayList<>();
            for (int k = 1; k <= slides.size(); k++) outs.add(dir.resolve("seg-" + k + ".dcm"));
            SegWriteOptions o = typed(LABELMAP, null, 0, RLE).tiledGeometry(TiledGeometry.defaults().withRegionOffset(203, 301)).build();
            List<SegWriteResult> r = PyramidWriter.write(outs, LabelMapMask.ofBytes(new byte[][] {TiledSegs.labels(400, 300)}, 300, 400),
                    SegTestData.descriptions(2), slides, o);
            assertEquals(slides.size(), r.size(), "one SEG per level");
            return new Outputs(outs, slides);
        }));
        // The ImageJ export path: label image, dcmqi metadata, ROI set, channels, a slide pyramid.
        l.add(new Case("ij-labels-binary-none", true, (dir, slides) -> {
            ImagePlus imp = IJ.openImage(SAMPLES.resolve("labels.tif").toString());
            SourceSeries src = SourceLocator.fromPath(CT.toString(), imp.getWidth(), imp.getHeight(), SourceLocator.planesOf(imp));
            return ij(dir, LabelImageExport.prepare(imp, null), src, fixedIds(SegWriteOptions.builder()).build());
        }));
        l.add(new Case("ij-labels-meta-labelmap-rle", false, (dir, slides) -> {
            ImagePlus imp = IJ.openImage(SAMPLES.resolve("labels.tif").toString());
            SourceSeries src = SourceLocator.fromPath(CT.toString(), imp.getWidth(), imp.getHeight(), SourceLocator.planesOf(imp));
            ExportPlan plan = LabelImageExport.prepare(imp, DcmqiMetadataReader.readFile(SAMPLES.resolve("labels-meta.json")));
            return ij(dir, plan, src, typed(LABELMAP, null, 0, RLE).build());
        }));
        l.add(new Case("ij-roiset-binary-rle", false, (dir, slides) -> {
            List<Roi> rois = RoiSetReader.read(SAMPLES.resolve("RoiSet.zip"));
            SourceSeries src = SourceLocator.fromPath(CT.toString(), 0, 0, 0);
            ExportPlan plan = RoiExport.prepare(rois, RoiGrouping.NAME, RoiPlacement.ofStack(src.planeCount()), src.width(), src.height(), null);
            return ij(dir, plan, src, typed(BINARY, null, 0, RLE).build());
        }));
        l.add(new Case("ij-channels-binary-none", true, (dir, slides) -> {
            ImagePlus imp = channels();
            SourceSeries src = SourceLocator.fromPath(CT.toString(), imp.getWidth(), imp.getHeight(), SourceLocator.planesOf(imp));
            return ij(dir, LabelImageExport.prepare(imp, null), src, fixedIds(SegWriteOptions.builder()).build());
        }));
        l.add(new Case("ij-slide-pyramid-labelmap", false, (dir, slides) -> {
            ImagePlus imp = new ImagePlus("region", new ByteProcessor(300, 200, TiledSegs.labels(300, 200)));
            SlidePlacement at = new SlidePlacement(slides.get(0), 1, 101, 77, 0.00025, 0.00025, null, null);
            List<SegWriteResult> r = SlideExport.writePyramid(LabelImageExport.prepare(imp, null), at,
                    typed(LABELMAP, null, 0, NONE).build(), dir.resolve("slide-seg.dcm"));
            assertEquals(slides.size(), r.size(), "one SEG per level");
            return new Outputs(r.stream().map(SegWriteResult::file).collect(Collectors.toList()), slides);
        }));
        // The command line.
        l.add(cli("cli-labels-labelmap-rle", "--labels", "sample-images/labels.tif", "--type", "LABELMAP", "--compression", "rle"));
        l.add(cli("cli-rois-binary", "--rois", "sample-images/RoiSet.zip"));
        l.add(cli("cli-labels-meta-fractional-j2k-keep-empty", "--labels", "sample-images/labels.tif", "--meta",
                "sample-images/labels-meta.json", "--type", "FRACTIONAL", "--compression", "j2k", "--keep-empty",
                "--series-description", "Golden CLI"));
        return l;
    }

    static Outputs slide(Path dir, Path level, SegmentationMask mask, int segments, SegWriteOptions.Builder o) throws IOException {
        Path out = dir.resolve("seg.dcm");
        SegWriter.write(out, mask, SegTestData.descriptions(segments), SourceImages.read(level), o.build());
        return new Outputs(List.of(out), List.of(level));
    }

    /** One segment: 1.0 in the disc of {@link TiledSegs#labels}, 0.4 in its block. */
    static SegmentationMask slideFractions(int w, int h) {
        byte[] labels = TiledSegs.labels(w, h);
        float[] f = new float[w * h];
        for (int i = 0; i < f.length; i++) f[i] = labels[i] == 1 ? 1f : labels[i] == 2 ? 0.4f : 0f;
        return StackedMasks.ofFloats(new float[][][] {{f}}, h, w);
    }

    static Outputs ij(Path dir, ExportPlan plan, SourceSeries src, SegWriteOptions o) throws IOException {
        Path out = dir.resolve("seg.dcm");
        SegExport.write(plan, src, o, out);
        return new Outputs(List.of(out), src.files());
    }

    /** A 2-channel x 5-slice hyperstack of 64 x 64 whose channels overlap (columns 24..39). */
    static ImagePlus channels() {
        ImageStack st = new ImageStack(64, 64);
        for (int z = 0; z < 5; z++) {
            for (int c = 0; c < 2; c++) {
                ByteProcessor bp = new ByteProcessor(64, 64);
                for (int y = 0; y < 64; y++) {
                    for (int x = 0; x < 64; x++) {
                        boolean on = c == 0 ? x < 40 && y > 4 * z : x >= 24 && (x + y + z) % 5 != 0;
                        bp.set(x, y, on ? (c == 0 ? 255 : 1) : 0);
                    }
                }
                st.addSlice(bp);
            }
        }
        ImagePlus imp = new ImagePlus("channels", st);
        imp.setDimensions(2, 5, 1);
        return imp;
    }

    static Case cli(String name, String... args) {
        return new Case(name, false, (dir, slides) -> {
            Path out = dir.resolve("seg.dcm");
            List<String> argv = new ArrayList<>(List.of("export"));
            argv.addAll(Arrays.asList(args));
            argv.addAll(List.of("--source", "sample-images/ct", "--out", out.toString()));
            ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
            int rc = Main.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
            assertEquals(0, rc, name + ": " + e.toString(StandardCharsets.UTF_8));
            return new Outputs(List.of(out), ctFiles());
        });
    }

    /** Three segments with codes, modifiers, algorithms, tracking, colours and non-ASCII text. */
    static List<SegmentDescription> richDescriptions() {
        return List.of(
                SegmentDescription.builder(1, "Tumour \u00e9l\u00e8ve \u80bf\u7624").description("L\u00e4sion \u2116 1")
                        .category(CodedConcept.sct("49755003", "Morphologically abnormal structure"))
                        .type(CodedConcept.sct("108369006", "Neoplasm"))
                        .addTypeModifier(CodedConcept.sct("255503000", "Entire"))
                        .addAnatomicRegion(CodedConcept.sct("10200004", "Liver"))
                        .addAnatomicRegionModifier(CodedConcept.sct("24028007", "Right"))
                        .addPrimaryAnatomicStructure(CodedConcept.sct("10200004", "Liver"))
                        .algorithmType(SegmentAlgorithmType.AUTOMATIC)
                        .algorithm(new AlgorithmIdentification(CodedConcept.dcm("123110", "Artificial Intelligence"), "Net", "2.1",
                                "ACME Labs", "threshold=0.5"))
                        .trackingId("lesion 1").trackingUid("1.2.826.0.1.3680043.9.7433.99.3").colorRgb(255, 0, 0).build(),
                SegmentDescription.builder(2, "Leber")
                        .category(new CodedConcept("91723000", "SCT", "Anatomical structure", "2023"))
                        .type(CodedConcept.sct("10200004", "Liver"))
                        .algorithmType(SegmentAlgorithmType.SEMIAUTOMATIC)
                        .algorithm(new AlgorithmIdentification(CodedConcept.dcm("123109", "Manual Processing"), "Brush", "1"))
                        .trackingId("organ").trackingUid("1.2.826.0.1.3680043.9.7433.99.4").color(new CieLab(50000, 30000, 20000)).build(),
                SegmentDescription.builder(3, "Punkt")
                        .category(CodedConcept.sct("91723000", "Anatomical structure"))
                        .type(CodedConcept.sct("85756007", "Tissue"))
                        .algorithmType(SegmentAlgorithmType.MANUAL).build());
    }

    // ------------------------------------------------------------------------------------------
    // The test
    // ------------------------------------------------------------------------------------------

    /** Generated slide levels of one run (1000 x 700, 500 x 350, 333 x 233; one series), made once per run folder. */
    private static final Map<Path, List<Path>> SLIDES = new HashMap<>();

    static synchronized List<Path> slides(Path run) throws IOException {
        List<Path> l = SLIDES.get(run);
        if (l != null) return l;
        Path dir = Files.createDirectories(run.resolve("slides"));
        l = new ArrayList<>(TiledSegs.pyramid(dir));
        Path l3 = dir.resolve("level-3.dcm");
        new SlideWriter(SampleStudy.deterministic(21), TiledSegs.W / 3, TiledSegs.H / 3, 128).series("series/tiled-import")
                .pixelSpacing(0.00075).write(l3);
        l.add(l3);
        SLIDES.put(run, l);
        return l;
    }

    @TestFactory
    Stream<DynamicTest> writerOutputsAreGolden() throws IOException {
        List<Case> cases = cases();
        Map<String, String> golden = UPDATE ? Map.of() : readGolden();
        Map<String, String> computed = new LinkedHashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (Case c : cases) {
            assertTrue(names.add(c.name), "duplicate case " + c.name);
            tests.add(dynamicTest(c.name, () -> {
                long t0 = System.nanoTime();
                String hash = selfChecked(c);
                computed.put(c.name, hash);
                System.out.printf("golden %-45s %s %5d ms%n", c.name, hash, (System.nanoTime() - t0) / 1_000_000);
                if (UPDATE) return;
                String want = golden.get(c.name);
                if (want == null) fail("Case " + c.name + " has no golden hash in " + RESOURCE + " (add it with -Dgolden.update=true)");
                if (!want.equals(hash)) {
                    fail("Case " + c.name + ": the written SEG changed (canonical SHA-256 " + hash + ", golden " + want
                            + "). If the change is intended, regenerate " + RESOURCE + " with -Dgolden.update=true");
                }
            }));
        }
        tests.add(dynamicTest("threads do not change the output", () -> {
            String a = computed.get("ct-probability-j2k"), b = computed.get("ct-probability-j2k-threads-3");
            if (a != null && b != null) assertEquals(a, b, "JPEG 2000 on 1 and on 3 threads");
        }));
        tests.add(dynamicTest("golden list matches the cases", () -> {
            if (UPDATE) {
                assertEquals(cases.size(), computed.size(), "not every case passed its self-check: golden file not written");
                writeGolden(computed);
                return;
            }
            List<String> stale = new ArrayList<>(golden.keySet());
            stale.removeAll(names);
            assertTrue(stale.isEmpty(), "Golden hashes for cases that no longer exist: " + stale);
        }));
        return tests.stream();
    }

    /** Writes the case twice; both must canonicalise alike and differ only in masked bytes. Returns the hash. */
    static String selfChecked(Case c) throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a").resolve(c.name));
        Path b = Files.createDirectories(tmp.resolve("b").resolve(c.name));
        Outputs oa = c.body.write(a, slides(tmp.resolve("a")));
        Outputs ob = c.body.write(b, slides(tmp.resolve("b")));
        assertEquals(oa.files.size(), ob.files.size(), c.name + ": number of files");
        Canonicalizer ca = new Canonicalizer(new SourceUids(oa.sources), DUMP != null);
        Canonicalizer cb = new Canonicalizer(new SourceUids(ob.sources), false);
        boolean rawEqual = true;
        long size = 0;
        for (int i = 0; i < oa.files.size(); i++) {
            byte[] fa = Files.readAllBytes(oa.files.get(i)), fb = Files.readAllBytes(ob.files.get(i));
            rawEqual &= Arrays.equals(fa, fb);
            size += fa.length;
            ca.file(i, fa);
            cb.file(i, fb);
        }
        System.out.printf("golden %-45s %d file(s), %d bytes, %d masked ranges, %d generated UIDs, raw files %s%n", c.name,
                oa.files.size(), size, ca.masked, ca.generatedUids.size(), rawEqual ? "IDENTICAL" : "differ");
        if (DUMP != null) {
            Path d = Files.createDirectories(Paths.get(DUMP));
            Files.writeString(d.resolve(c.name + ".txt"), ca.dump.toString(), StandardCharsets.UTF_8);
        }
        String ha = ca.hash(), hb = cb.hash();
        assertEquals(ca.masked, cb.masked, c.name + ": number of masked ranges of the two writes");
        byte[] ra = ca.residual.toByteArray(), rb = cb.residual.toByteArray();
        if (!Arrays.equals(ra, rb)) {
            int i = Arrays.mismatch(ra, rb);
            fail(c.name + ": the two writes differ outside the masked UIDs, dates and lengths (unmasked byte " + i + " of "
                    + ra.length + " / " + rb.length + ")");
        }
        assertEquals(ha, hb, c.name + ": the canonical form of two writes differs");
        assertEquals(ca.clock.keySet(), cb.clock.keySet(), c.name + ": same clock attributes");
        assertTrue(ca.clock.keySet().containsAll(FIXED_CLOCK.keySet().stream().map(k -> "0:" + k).collect(Collectors.toList())),
                c.name + ": Series and Content Date/Time present: " + ca.clock.keySet());
        if (c.fixedTime) {
            for (Map.Entry<String, String> e : ca.clock.entrySet()) {
                String tag = e.getKey().substring(e.getKey().indexOf(':') + 1);
                if (FIXED_CLOCK.containsKey(tag)) assertEquals(FIXED_CLOCK.get(tag), e.getValue(), c.name + ": " + e.getKey());
            }
        }
        return ha;
    }

    static Path goldenSourceFile() {
        return Paths.get(System.getProperty("basedir", System.getProperty("user.dir")))
                .resolve("src/test/resources").resolve(RESOURCE);
    }

    static Map<String, String> readGolden() throws IOException {
        Path f = goldenSourceFile();
        String text;
        if (Files.isRegularFile(f)) {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } else {
            try (InputStream in = GoldenOutputsTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) throw new AssertionError("No " + RESOURCE + ": generate it with -Dgolden.update=true");
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] p = line.split("\\s+");
            if (p.length != 2 || !p[1].matches("[0-9a-f]{64}")) throw new AssertionError("Bad line in " + RESOURCE + ": " + line);
            if (m.put(p[0], p[1]) != null) throw new AssertionError("Case listed twice in " + RESOURCE + ": " + p[0]);
        }
        return m;
    }

    static void writeGolden(Map<String, String> hashes) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Golden outputs of the SEG writer: case name, SHA-256 of the canonical form of the file(s) it writes\n");
        sb.append("# (generated UIDs and clock dates/times masked; see GoldenOutputsTest). Checked by GoldenOutputsTest;\n");
        sb.append("# regenerate only for an intended output change:\n");
        sb.append("#   mvn -B -o test -Dtest=GoldenOutputsTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true\n");
        for (Map.Entry<String, String> e : hashes.entrySet()) sb.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        Path f = goldenSourceFile();
        Files.createDirectories(f.getParent());
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        System.out.println("golden: wrote " + hashes.size() + " hashes to " + f);
    }

    // ------------------------------------------------------------------------------------------
    // Canonical form: a self-contained DICOM walker (Explicit VR Little Endian data sets, native or
    // encapsulated Pixel Data; Deflated Explicit VR Little Endian is inflated first)
    // ------------------------------------------------------------------------------------------

    /** Whether a UID occurs in a case's source files (then it is no generated one and is hashed exactly). */
    static final class SourceUids {
        private final List<Path> files;
        private List<byte[]> contents;
        private final Map<String, Boolean> known = new HashMap<>();

        SourceUids(List<Path> files) { this.files = files; }

        boolean contains(String uid) {
            return known.computeIfAbsent(uid, u -> {
                if (contents == null) {
                    contents = new ArrayList<>();
                    for (Path f : files) {
                        try {
                            contents.add(Files.readAllBytes(f));
                        } catch (IOException e) {
                            throw new AssertionError("Cannot read source " + f, e);
                        }
                    }
                }
                byte[] needle = u.getBytes(StandardCharsets.US_ASCII);
                for (byte[] hay : contents) if (occurs(hay, needle)) return true;
                return false;
            });
        }

        /** {@code needle} in {@code hay}, not as part of a longer UID. */
        private static boolean occurs(byte[] hay, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= hay.length; i++) {
                for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
                if (i > 0 && uidChar(hay[i - 1])) continue;
                if (i + needle.length < hay.length && uidChar(hay[i + needle.length])) continue;
                return true;
            }
            return false;
        }

        private static boolean uidChar(byte b) { return b == '.' || (b >= '0' && b <= '9'); }
    }

    /** Canonicalises the files of one case into one SHA-256 and a residual of the unmasked raw bytes. */
    static final class Canonicalizer {
        static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
        /** Clock-derived dates and times (masked at the top level of the data set). */
        static final Set<Integer> CLOCK_TAGS = Set.of(0x00080012, 0x00080013, 0x00080021, 0x00080023, 0x00080031, 0x00080033,
                0x0008002A);
        static final String DEFLATED = "1.2.840.10008.1.2.1.99";
        static final Set<String> EXPLICIT_LE = Set.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.90",
                "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203");
        static final long UNDEFINED = 0xFFFFFFFFL;
        static final int PIXEL_DATA = 0x7FE00010;

        private final MessageDigest md;
        private final SourceUids sources;
        final Map<String, Integer> generatedUids = new HashMap<>();
        /** A readable listing of what was hashed, when asked for. */
        final StringBuilder dump;
        private String indent = "";
        /** The raw bytes outside masked ranges (after inflating, for a deflated data set). */
        final ByteArrayOutputStream residual = new ByteArrayOutputStream();
        /** The masked clock values: "file:(gggg,eeee)" to value. */
        final Map<String, String> clock = new TreeMap<>();
        int masked;

        private int fileIndex;
        private byte[] b;
        private int keep;
        private String transferSyntax;

        Canonicalizer(SourceUids sources, boolean dump) {
            this.sources = sources;
            this.dump = dump ? new StringBuilder() : null;
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        String hash() {
            StringBuilder sb = new StringBuilder();
            for (byte x : md.digest()) sb.append(String.format("%02x", x & 0xFF));
            return sb.toString();
        }

        void file(int index, byte[] raw) {
            fileIndex = index;
            b = raw;
            keep = 0;
            transferSyntax = null;
            text("FILE" + index);
            line("== file " + index + ", " + raw.length + " bytes");
            if (raw.length < 144 || raw[128] != 'D' || raw[129] != 'I' || raw[130] != 'C' || raw[131] != 'M') {
                throw bad(128, "no DICM prefix");
            }
            text("PREAMBLE");
            md.update(raw, 0, 132);
            // File Meta Information: (0002,0000) UL 4 first; its value is masked but must be exact.
            if (tag(132) != 0x00020000 || !"UL".equals(vr(136)) || u16(138) != 4) throw bad(132, "no File Meta Information Group Length");
            long groupLength = u32(140);
            int metaEnd = (int) Math.min(Integer.MAX_VALUE, 144 + groupLength);
            if (metaEnd > raw.length) throw bad(140, "group length " + groupLength + " beyond the file");
            u32be(0x00020000);
            text("UL");
            mask(140, 144);
            out('G');
            line("(0002,0000) UL <group length, " + groupLength + ">");
            int p = elements(144, metaEnd, false, -1);
            if (p != metaEnd) throw bad(p, "File Meta Information does not end at its group length");
            if (metaEnd + 2 <= raw.length && u16(metaEnd) == 0x0002) throw bad(metaEnd, "group 2 element after the group length's end");
            if (transferSyntax == null) throw bad(metaEnd, "no Transfer Syntax UID");
            text("TS");
            line("-- data set, " + transferSyntax);
            if (DEFLATED.equals(transferSyntax)) {
                flush(metaEnd);
                b = inflate(raw, metaEnd);
                keep = 0;
                walkDataSet(0);
            } else if (EXPLICIT_LE.contains(transferSyntax)) {
                walkDataSet(metaEnd);
            } else {
                throw bad(metaEnd, "transfer syntax " + transferSyntax + " is not Explicit VR Little Endian based");
            }
        }

        private void walkDataSet(int start) {
            text("DATASET");
            int p = elements(start, b.length, false, 0);
            if (p != b.length) throw bad(p, "trailing bytes");
            flush(b.length);
        }

        private static byte[] inflate(byte[] raw, int from) {
            Inflater inf = new Inflater(true);
            inf.setInput(raw, from, raw.length - from);
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            try {
                while (!inf.finished()) {
                    int n = inf.inflate(buf);
                    if (n == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                    o.write(buf, 0, n);
                }
            } catch (DataFormatException e) {
                throw new AssertionError("Deflated data set does not inflate", e);
            } finally {
                inf.end();
            }
            return o.toByteArray();
        }

        /**
         * Elements from {@code p} up to {@code end}; in an item of undefined length up to and including
         * its Item Delimitation Item. Depth -1 is the File Meta Information, 0 the top-level data set.
         */
        private int elements(int p, int end, boolean undefinedItem, int depth) {
            while (p < end) {
                need(p, 8, end);
                int group = u16(p), element = u16(p + 2), tag = tag(p);
                if (depth < 0 && group != 0x0002) throw bad(p, "non-meta element in the File Meta Information");
                if (group == 0xFFFE) {
                    if (tag == 0xFFFEE00D && undefinedItem) {
                        if (u32(p + 4) != 0) throw bad(p, "item delimiter with a length");
                        return p + 8;
                    }
                    throw bad(p, String.format("unexpected (FFFE,%04X)", element));
                }
                String vr = vr(p + 4);
                boolean longForm = LONG_VRS.contains(vr);
                int lenOff, v;
                long len;
                if (longForm) {
                    need(p, 12, end);
                    if (u16(p + 6) != 0) throw bad(p, "reserved bytes of " + vr + " not zero");
                    lenOff = p + 8;
                    len = u32(p + 8);
                    v = p + 12;
                } else {
                    lenOff = p + 6;
                    len = u16(p + 6);
                    v = p + 8;
                }
                u32be(tag);
                text(vr);
                if ("SQ".equals(vr)) {
                    line(tagText(tag) + " SQ " + (len == UNDEFINED ? "(undefined length)" : "(defined length)"));
                    p = sequence(lenOff, len, v, end, depth);
                    continue;
                }
                if (len == UNDEFINED) {
                    if (tag == PIXEL_DATA && depth == 0) {
                        p = fragments(v, end);
                        continue;
                    }
                    throw bad(p, "undefined length " + vr + " element");
                }
                if (v + len > end) throw bad(p, "value of " + len + " bytes runs past its container");
                int ve = (int) (v + len);
                value(tag, vr, lenOff, v, ve, depth);
                p = ve;
            }
            if (undefinedItem) throw bad(p, "item of undefined length without delimiter");
            return p;
        }

        private int sequence(int lenOff, long len, int v, int end, int depth) {
            boolean undefined = len == UNDEFINED;
            out('S');
            out(undefined ? 'U' : 'D');
            mask(lenOff, lenOff + 4);
            int seqEnd;
            if (undefined) {
                seqEnd = end;
            } else {
                if (v + len > end) throw bad(lenOff, "sequence runs past its container");
                seqEnd = (int) (v + len);
            }
            int q = v;
            while (true) {
                if (!undefined && q == seqEnd) break;
                need(q, 8, seqEnd);
                int t = tag(q);
                long il = u32(q + 4);
                if (undefined && t == 0xFFFEE0DD) {
                    if (il != 0) throw bad(q, "sequence delimiter with a length");
                    q += 8;
                    break;
                }
                if (t != 0xFFFEE000) throw bad(q, String.format("item tag expected, found %08X", t));
                boolean iu = il == UNDEFINED;
                out('I');
                out(iu ? 'U' : 'D');
                mask(q + 4, q + 8);
                line("  item " + (iu ? "(undefined length)" : "(defined length)"));
                String outer = indent;
                indent = outer + "    ";
                if (iu) {
                    q = elements(q + 8, seqEnd, true, depth + 1);
                } else {
                    if (q + 8 + il > seqEnd) throw bad(q, "item runs past its sequence");
                    int ie = (int) (q + 8 + il);
                    int r = elements(q + 8, ie, false, depth + 1);
                    if (r != ie) throw bad(r, "item content does not end at its length");
                    q = ie;
                }
                indent = outer;
                out('i');
            }
            out('s');
            return q;
        }

        /** Encapsulated Pixel Data: every item (Basic Offset Table first, then fragments) hashed with its length. */
        private int fragments(int v, int end) {
            out('P');
            line(tagText(PIXEL_DATA) + " encapsulated");
            int q = v;
            while (true) {
                need(q, 8, end);
                int t = tag(q);
                long fl = u32(q + 4);
                if (t == 0xFFFEE0DD) {
                    if (fl != 0) throw bad(q, "sequence delimiter with a length");
                    q += 8;
                    break;
                }
                if (t != 0xFFFEE000 || fl == UNDEFINED || q + 8 + fl > end) throw bad(q, "bad Pixel Data fragment");
                out('F');
                u32be((int) fl);
                md.update(b, q + 8, (int) fl);
                line("  fragment " + fl + " bytes " + digest(q + 8, q + 8 + (int) fl));
                q += 8 + (int) fl;
            }
            out('p');
            return q;
        }

        private void value(int tag, String vr, int lenOff, int v, int ve, int depth) {
            if ((tag & 0xFFFF) == 0x0000) {
                // a group length (retired outside group 2): depends on the lengths of masked values
                mask(v, ve);
                out('G');
                line(tagText(tag) + " " + vr + " <group length>");
                return;
            }
            if ("UI".equals(vr)) {
                String s = ascii(v, ve);
                if (tag == 0x00020010) transferSyntax = s;
                String[] parts = s.split("\\\\", -1);
                boolean any = false;
                StringBuilder canon = new StringBuilder();
                for (int i = 0; i < parts.length; i++) {
                    if (i > 0) canon.append('\\');
                    String u = parts[i];
                    if (u.startsWith("2.25.") && !sources.contains(u)) {
                        any = true;
                        int k = generatedUids.computeIfAbsent(u, x -> generatedUids.size() + 1);
                        canon.append("UID#").append(k);
                    } else {
                        canon.append(u);
                    }
                }
                if (any) {
                    mask(lenOff, ve);
                    out('M');
                    text(canon.toString());
                    line(tagText(tag) + " UI <" + canon + ">");
                    return;
                }
            }
            if (depth == 0 && CLOCK_TAGS.contains(tag) && ("DA".equals(vr) || "TM".equals(vr) || "DT".equals(vr))) {
                clock.put(fileIndex + ":" + tagText(tag), ascii(v, ve));
                mask(lenOff, ve);
                out('M');
                text("CLOCK");
                line(tagText(tag) + " " + vr + " <clock>");
                return;
            }
            out('V');
            u32be(ve - v);
            md.update(b, v, ve - v);
            if (dump != null) {
                boolean binary = vr.startsWith("O") || "UN".equals(vr) || "US".equals(vr) || "SS".equals(vr) || "UL".equals(vr)
                        || "SL".equals(vr) || "FL".equals(vr) || "FD".equals(vr) || "AT".equals(vr) || "SV".equals(vr) || "UV".equals(vr);
                line(tagText(tag) + " " + vr + " " + (ve - v) + " " + (binary
                        ? (ve - v <= 16 ? hex(v, ve) : digest(v, ve)) : "[" + new String(b, v, ve - v, StandardCharsets.UTF_8) + "]"));
            }
        }

        private void line(String s) {
            if (dump != null) dump.append(indent).append(s).append('\n');
        }

        private static String tagText(int tag) { return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF); }

        private String hex(int from, int to) {
            StringBuilder sb = new StringBuilder();
            for (int i = from; i < to; i++) sb.append(String.format("%02x", b[i] & 0xFF));
            return sb.toString();
        }

        private String digest(int from, int to) {
            try {
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                d.update(b, from, to - from);
                StringBuilder sb = new StringBuilder("sha256:");
                byte[] h = d.digest();
                for (int i = 0; i < 8; i++) sb.append(String.format("%02x", h[i] & 0xFF));
                return sb.toString();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Leaves [from, to) of the current buffer out of the residual. */
        private void mask(int from, int to) {
            if (from < keep) throw new IllegalStateException("masked ranges out of order");
            residual.write(b, keep, from - keep);
            keep = to;
            masked++;
        }

        private void flush(int to) {
            residual.write(b, keep, to - keep);
            keep = to;
        }

        private String ascii(int from, int to) {
            int e = to;
            while (e > from && (b[e - 1] == 0 || b[e - 1] == ' ')) e--;
            int s = from;
            while (s < e && b[s] == ' ') s++;
            return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        }

        private void out(char c) { md.update((byte) c); }

        private void text(String s) {
            byte[] t = s.getBytes(StandardCharsets.UTF_8);
            u32be(t.length);
            md.update(t);
        }

        private void u32be(int x) {
            md.update((byte) (x >>> 24));
            md.update((byte) (x >>> 16));
            md.update((byte) (x >>> 8));
            md.update((byte) x);
        }

        private void need(int p, int n, int end) {
            if (p + n > end) throw bad(p, "truncated element header");
        }

        private int u16(int o) { return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8; }

        private long u32(int o) {
            return (b[o] & 0xFFL) | (b[o + 1] & 0xFFL) << 8 | (b[o + 2] & 0xFFL) << 16 | (b[o + 3] & 0xFFL) << 24;
        }

        private int tag(int o) { return u16(o) << 16 | u16(o + 2); }

        private String vr(int o) {
            char c1 = (char) (b[o] & 0xFF), c2 = (char) (b[o + 1] & 0xFF);
            if (c1 < 'A' || c1 > 'Z' || c2 < 'A' || c2 > 'Z') throw bad(o, "not an explicit VR");
            return "" + c1 + c2;
        }

        private AssertionError bad(int offset, String what) {
            return new AssertionError("File " + fileIndex + " at byte " + offset + ": " + what);
        }
    }
}
