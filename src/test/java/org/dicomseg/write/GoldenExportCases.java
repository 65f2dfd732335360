package org.dicomseg.write;

import static org.dicomseg.write.GoldenCases.BINARY;
import static org.dicomseg.write.GoldenCases.CT;
import static org.dicomseg.write.GoldenCases.LABELMAP;
import static org.dicomseg.write.GoldenCases.NONE;
import static org.dicomseg.write.GoldenCases.RLE;
import static org.dicomseg.write.GoldenCases.SAMPLES;
import static org.dicomseg.write.GoldenCases.ctFiles;
import static org.dicomseg.write.GoldenCases.fixedIds;
import static org.dicomseg.write.GoldenCases.typed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.process.ByteProcessor;

import org.dicomseg.cli.Main;
import org.dicomseg.dcmqi.DcmqiMetadataReader;
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
import org.dicomseg.testing.TiledSegs;
import org.dicomseg.write.GoldenCase.Outputs;

/**
 * The golden cases that reach the writer from the outside: the ImageJ export path (label image,
 * dcmqi metadata, ROI set, channels, a slide pyramid) and the command line's {@code export}. They
 * pin what those layers pass to the writer, on the fixtures of {@link GoldenCases}.
 */
final class GoldenExportCases {
    private GoldenExportCases() { }

    /** The ImageJ and command-line cases, in golden-list order. */
    static List<GoldenCase> exportCases() {
        List<GoldenCase> l = new ArrayList<>();
        // The ImageJ export path: label image, dcmqi metadata, ROI set, channels, a slide pyramid.
        l.add(new GoldenCase("ij-labels-binary-none", true, (dir, slides) -> {
            ImagePlus imp = IJ.openImage(SAMPLES.resolve("labels.tif").toString());
            SourceSeries src = SourceLocator.fromPath(CT.toString(), imp.getWidth(), imp.getHeight(), SourceLocator.planesOf(imp));
            return ij(dir, LabelImageExport.prepare(imp, null), src, fixedIds(SegWriteOptions.builder()).build());
        }));
        l.add(new GoldenCase("ij-labels-meta-labelmap-rle", false, (dir, slides) -> {
            ImagePlus imp = IJ.openImage(SAMPLES.resolve("labels.tif").toString());
            SourceSeries src = SourceLocator.fromPath(CT.toString(), imp.getWidth(), imp.getHeight(), SourceLocator.planesOf(imp));
            ExportPlan plan = LabelImageExport.prepare(imp, DcmqiMetadataReader.readFile(SAMPLES.resolve("labels-meta.json")));
            return ij(dir, plan, src, typed(LABELMAP, null, 0, RLE).build());
        }));
        l.add(new GoldenCase("ij-roiset-binary-rle", false, (dir, slides) -> {
            List<Roi> rois = RoiSetReader.read(SAMPLES.resolve("RoiSet.zip"));
            SourceSeries src = SourceLocator.fromPath(CT.toString(), 0, 0, 0);
            ExportPlan plan = RoiExport.prepare(rois, RoiGrouping.NAME, RoiPlacement.ofStack(src.planeCount()), src.width(), src.height(), null);
            return ij(dir, plan, src, typed(BINARY, null, 0, RLE).build());
        }));
        l.add(new GoldenCase("ij-channels-binary-none", true, (dir, slides) -> {
            ImagePlus imp = channels();
            SourceSeries src = SourceLocator.fromPath(CT.toString(), imp.getWidth(), imp.getHeight(), SourceLocator.planesOf(imp));
            return ij(dir, LabelImageExport.prepare(imp, null), src, fixedIds(SegWriteOptions.builder()).build());
        }));
        l.add(new GoldenCase("ij-slide-pyramid-labelmap", false, (dir, slides) -> {
            ImagePlus imp = new ImagePlus("region", new ByteProcessor(300, 200, TiledSegs.labels(300, 200)));
            SlidePlacement at = new SlidePlacement(slides.get(0), 1, 101, 77, 0.00025, 0.00025, null, null);
            List<SegWriteResult> r = SlideExport.writePyramid(LabelImageExport.prepare(imp, null), at,
                    typed(LABELMAP, null, 0, NONE).build(), dir.resolve("slide-seg.dcm")).written();
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

    /** Writes {@code plan} on {@code src} through the ImageJ export's {@link SegExport}. */
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

    /** A case running {@code export ARGS --source sample-images/ct --out DIR/seg.dcm} on the command line; it must exit 0. */
    static GoldenCase cli(String name, String... args) {
        return new GoldenCase(name, false, (dir, slides) -> {
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
}
