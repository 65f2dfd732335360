package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.mask.StackedMasks;
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
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.testing.SegTestData.Input;
import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.TiledSegs;
import org.dicomseg.write.GoldenCase.Outputs;

/**
 * The writer-level golden cases ({@link #writerCases()}) and the fixtures every golden case shares:
 * the sample CT and enhanced CT, fixed identifiers and time, option shorthands and the generated
 * slide levels of a run. The cases cover every segmentation type × transfer syntax, mask inputs,
 * empty frames, odd sizes, single-frame / enhanced / corpus sources, custom geometry, slides,
 * pyramids and rich segment descriptions, all through the writer API; {@link GoldenExportCases}
 * adds the ImageJ export path and the command line. Mask and source helpers come from
 * {@link SegTestData} and {@link TiledSegs}: changing them changes the golden hashes too.
 */
final class GoldenCases {
    private GoldenCases() { }

    static final Path SAMPLES = Paths.get("sample-images").toAbsolutePath();
    static final Path CT = SAMPLES.resolve("ct");
    static final String SERIES_UID = "1.2.826.0.1.3680043.9.7433.77.1";
    static final String SOP_UID = "1.2.826.0.1.3680043.9.7433.77.2";
    static final LocalDateTime FIXED_TIME = LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_000_000);
    /** The masked clock values expected where {@link #FIXED_TIME} is given. */
    static final Map<String, String> FIXED_CLOCK = Map.of("(0008,0021)", "20240229", "(0008,0031)", "131415.123",
            "(0008,0023)", "20240229", "(0008,0033)", "131415.123");

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

    /** The sample CT series, IM0001..IM0005 (5 single-frame slices, 64 x 64). */
    static List<Path> ctFiles() {
        List<Path> l = new ArrayList<>();
        for (int k = 1; k <= 5; k++) l.add(CT.resolve(String.format("IM%04d.dcm", k)));
        return l;
    }

    static Volume ct() { return new Volume(64, 64, 5, ctFiles(), null); }

    static Volume enhanced() { return new Volume(64, 64, 5, List.of(SAMPLES.resolve("enhanced-ct/enhanced.dcm")), null); }

    /** Fixes the Series and SOP Instance UIDs and the Content Date/Time (to {@link #FIXED_TIME}). */
    static SegWriteOptions.Builder fixedIds(SegWriteOptions.Builder b) {
        return b.seriesInstanceUid(SERIES_UID).sopInstanceUid(SOP_UID).contentDateTime(FIXED_TIME);
    }

    /** Options of a segmentation type and transfer syntax; {@code fractional} and {@code max} only for FRACTIONAL. */
    static SegWriteOptions.Builder typed(SegmentationType type, FractionalType fractional, int max, OutputTransferSyntax ts) {
        SegWriteOptions.Builder b = SegWriteOptions.builder().segmentationType(type).transferSyntax(ts);
        if (fractional != null) b.fractionalType(fractional).maxFractionalValue(max);
        return b;
    }

    static final OutputTransferSyntax NONE = OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
    static final OutputTransferSyntax RLE = OutputTransferSyntax.RLE_LOSSLESS;
    static final OutputTransferSyntax J2K = OutputTransferSyntax.JPEG_2000_LOSSLESS;

    /** A volume case through the writer API with fixed ids and time (unless {@code extra} changes them). */
    static GoldenCase volume(String name, Supplier<Volume> source, SegmentationType type, FractionalType fractional,
            int max, OutputTransferSyntax ts, Input in, Consumer<SegWriteOptions.Builder> extra) {
        return new GoldenCase(name, true, (dir, slides) -> {
            Volume v = source.get();
            SegWriteOptions.Builder b = fixedIds(typed(type, fractional, max, ts));
            if (extra != null) extra.accept(b);
            Path out = dir.resolve("seg.dcm");
            SegWriter.write(out, SegTestData.mask(in, v.planes, v.rows, v.columns), SegTestData.descriptions(in.segments()),
                    SourceImages.read(v.files), v.geometry, b.build());
            return new Outputs(List.of(out), v.files);
        });
    }

    static GoldenCase volume(String name, Supplier<Volume> source, SegmentationType type, OutputTransferSyntax ts, Input in) {
        return volume(name, source, type, null, 0, ts, in, null);
    }

    static final SegmentationType BINARY = SegmentationType.BINARY;
    static final SegmentationType FRACTIONAL = SegmentationType.FRACTIONAL;
    static final SegmentationType LABELMAP = SegmentationType.LABELMAP;
    static final FractionalType PROBABILITY = FractionalType.PROBABILITY;
    static final FractionalType OCCUPANCY = FractionalType.OCCUPANCY;

    /** The writer-level cases, in golden-list order. */
    static List<GoldenCase> writerCases() {
        List<GoldenCase> l = new ArrayList<>();
        // Sample CT series (5 single-frame slices, 64 x 64): type x transfer syntax x mask input.
        l.add(volume("ct-binary-labelmap-none", GoldenCases::ct, BINARY, NONE, Input.LABEL_MAP));
        l.add(volume("ct-binary-labelmap-rle", GoldenCases::ct, BINARY, RLE, Input.LABEL_MAP));
        l.add(volume("ct-binary-overlap-none", GoldenCases::ct, BINARY, NONE, Input.STACKED_OVERLAPPING));
        l.add(volume("ct-binary-overlap-rle", GoldenCases::ct, BINARY, RLE, Input.STACKED_OVERLAPPING));
        l.add(volume("ct-probability-none", GoldenCases::ct, FRACTIONAL, PROBABILITY, 255, NONE, Input.STACKED_FRACTIONAL, null));
        l.add(volume("ct-probability-rle", GoldenCases::ct, FRACTIONAL, PROBABILITY, 255, RLE, Input.STACKED_FRACTIONAL, null));
        l.add(volume("ct-probability-j2k", GoldenCases::ct, FRACTIONAL, PROBABILITY, 255, J2K, Input.STACKED_FRACTIONAL,
                b -> b.threads(1)));
        l.add(volume("ct-probability-j2k-threads-3", GoldenCases::ct, FRACTIONAL, PROBABILITY, 255, J2K, Input.STACKED_FRACTIONAL,
                b -> b.threads(3)));
        l.add(volume("ct-occupancy-overlap-none", GoldenCases::ct, FRACTIONAL, OCCUPANCY, 100, NONE, Input.STACKED_OVERLAPPING, null));
        l.add(volume("ct-occupancy-rle", GoldenCases::ct, FRACTIONAL, OCCUPANCY, 100, RLE, Input.STACKED_FRACTIONAL, null));
        l.add(volume("ct-occupancy-j2k", GoldenCases::ct, FRACTIONAL, OCCUPANCY, 100, J2K, Input.STACKED_FRACTIONAL, null));
        l.add(volume("ct-labelmap8-none", GoldenCases::ct, LABELMAP, NONE, Input.LABEL_MAP));
        l.add(volume("ct-labelmap8-rle", GoldenCases::ct, LABELMAP, RLE, Input.LABEL_MAP));
        l.add(volume("ct-labelmap8-disjoint-j2k", GoldenCases::ct, LABELMAP, J2K, Input.STACKED_DISJOINT));
        l.add(volume("ct-labelmap16-none", GoldenCases::ct, LABELMAP, NONE, Input.LABEL_MAP_16));
        l.add(volume("ct-labelmap16-rle", GoldenCases::ct, LABELMAP, RLE, Input.LABEL_MAP_16));
        l.add(volume("ct-labelmap16-j2k", GoldenCases::ct, LABELMAP, J2K, Input.LABEL_MAP_16));
        // Empty frames kept.
        l.add(volume("ct-binary-keep-empty-none", GoldenCases::ct, BINARY, null, 0, NONE, Input.LABEL_MAP,
                b -> b.omitEmptyFrames(false)));
        l.add(volume("ct-labelmap8-keep-empty-rle", GoldenCases::ct, LABELMAP, null, 0, RLE, Input.LABEL_MAP,
                b -> b.omitEmptyFrames(false)));
        l.add(new GoldenCase("ct-binary-all-empty-none", true, (dir, slides) -> {
            Path out = dir.resolve("seg.dcm");
            SegWriter.write(out, LabelMapMask.ofBytes(new byte[5][64 * 64], 64, 64), SegTestData.descriptions(1),
                    SourceImages.read(ctFiles()), fixedIds(SegWriteOptions.builder()).build());
            return new Outputs(List.of(out), ctFiles());
        }));
        // Identifiers and time from the writer (random UIDs, the clock): only the masking makes this repeatable.
        l.add(new GoldenCase("ct-generated-ids-binary-rle", false, (dir, slides) -> {
            Path out = dir.resolve("seg.dcm");
            SegWriter.write(out, SegTestData.mask(Input.STACKED_OVERLAPPING, 5, 64, 64), SegTestData.descriptions(3),
                    SourceImages.read(ctFiles()), SegWriteOptions.builder().transferSyntax(RLE).build());
            return new Outputs(List.of(out), ctFiles());
        }));
        l.add(new GoldenCase("ct-options-identifiers", true, (dir, slides) -> {
            SegWriteOptions o = fixedIds(SegWriteOptions.builder()).seriesDescription("Liver seg").seriesNumber(42).instanceNumber(7)
                    .contentLabel("LIVER").contentDescription("manual contour").contentCreatorName("Doe^Jane")
                    .manufacturer("ACME").manufacturerModelName("Segmenter").softwareVersions("9.9").deviceSerialNumber("SN1").build();
            Path out = dir.resolve("seg.dcm");
            SegWriter.write(out, SegTestData.mask(Input.LABEL_MAP, 5, 64, 64), SegTestData.descriptions(3), SourceImages.read(ctFiles()), o);
            return new Outputs(List.of(out), ctFiles());
        }));
        l.add(new GoldenCase("ct-segment-descriptions-utf8", true, (dir, slides) -> {
            SegWriteOptions o = fixedIds(SegWriteOptions.builder()).transferSyntax(RLE).seriesDescription("Läsionen")
                    .contentDescription("Kontur über drei Segmente").contentCreatorName("Müller^Jürgen").build();
            Path out = dir.resolve("seg.dcm");
            SegWriter.write(out, SegTestData.mask(Input.STACKED_OVERLAPPING, 5, 64, 64), richDescriptions(), SourceImages.read(ctFiles()), o);
            return new Outputs(List.of(out), ctFiles());
        }));
        // The enhanced (multi-frame) sample.
        l.add(volume("enhanced-binary-overlap-none", GoldenCases::enhanced, BINARY, NONE, Input.STACKED_OVERLAPPING));
        l.add(volume("enhanced-labelmap8-rle", GoldenCases::enhanced, LABELMAP, RLE, Input.LABEL_MAP));
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
        l.add(new GoldenCase("slide-tiled-sparse-binary-none", true, (dir, slides) -> slide(dir, slides.get(0),
                LabelMapMask.ofBytes(new byte[][] {TiledSegs.labels(420, 260)}, 260, 420), 2,
                fixedIds(typed(BINARY, null, 0, NONE)).tiledGeometry(TiledGeometry.defaults()
                        .withOrganization(DimensionOrganization.TILED_SPARSE).withRegionOffset(150, 230)))));
        l.add(new GoldenCase("slide-tiled-full-labelmap-rle", true, (dir, slides) -> slide(dir, slides.get(0),
                LabelMapMask.ofBytes(new byte[][] {TiledSegs.labels(420, 260)}, 260, 420), 2,
                fixedIds(typed(LABELMAP, null, 0, RLE)).tiledGeometry(TiledGeometry.defaults()
                        .withOrganization(DimensionOrganization.TILED_FULL).withRegionOffset(150, 230)))));
        l.add(new GoldenCase("slide-tiled-sparse-fractional-j2k-tile100", true, (dir, slides) -> slide(dir, slides.get(0),
                slideFractions(420, 260), 1,
                fixedIds(typed(FRACTIONAL, PROBABILITY, 255, J2K)).tiledGeometry(TiledGeometry.defaults().withTileSize(100)
                        .withOrganization(DimensionOrganization.TILED_SPARSE).withRegionOffset(150, 230)))));
        l.add(new GoldenCase("sm-corpus-tiled-full-binary-rle", true, (dir, slides) -> slide(dir, Shared.corpus("highdicom/sm_image.dcm"),
                LabelMapMask.ofBytes(new byte[][] {TiledSegWriterTest.labels(50, 50)}, 50, 50), 2,
                fixedIds(typed(BINARY, null, 0, RLE)).tiledGeometry(TiledGeometry.defaults()
                        .withOrganization(DimensionOrganization.TILED_FULL)))));
        l.add(new GoldenCase("pyramid-labelmap-rle", false, (dir, slides) -> {
            List<Path> outs = new ArrayList<>();
            for (int k = 1; k <= slides.size(); k++) outs.add(dir.resolve("seg-" + k + ".dcm"));
            SegWriteOptions o = typed(LABELMAP, null, 0, RLE).tiledGeometry(TiledGeometry.defaults().withRegionOffset(203, 301)).build();
            List<SegWriteResult> r = PyramidWriter.write(outs, LabelMapMask.ofBytes(new byte[][] {TiledSegs.labels(400, 300)}, 300, 400),
                    SegTestData.descriptions(2), slides, o).written();
            assertEquals(slides.size(), r.size(), "one SEG per level");
            return new Outputs(outs, slides);
        }));
        return l;
    }

    /** A tiled SEG of {@code mask} on one slide level. */
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

    private static final Map<Path, List<Path>> SLIDES = new HashMap<>();

    /** Generated slide levels of one run (1000 x 700, 500 x 350, 333 x 233; one series), made once per run folder. */
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
}
