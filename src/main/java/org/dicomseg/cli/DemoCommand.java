package org.dicomseg.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;

import org.dicomseg.options.CommandLine;
import org.dicomseg.read.SegReadException;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.model.SegmentDescription;

/**
 * {@code dicomseg demo [SAMPLE_DIR] [OUT_DIR]}: the main job on the bundled sample images. Exports
 * the label image as a BINARY SEG and as a LABELMAP SEG with RLE, and the ROI set as a BINARY SEG,
 * each over the sample CT series; re-imports every SEG (to a hyperstack TIFF and through the
 * reader) and prints a summary that compares the re-read pixel counts with the label image's own.
 * Exit status 1 when any count differs.
 */
final class DemoCommand {
    private DemoCommand() { }

    static int run(List<String> argv, PrintStream out) throws IOException {
        CommandLine a = CommandLine.parse(argv, Set.of(), Set.of());
        Path samples = Paths.get(a.positional().size() > 0 ? a.positional().get(0) : "sample-images");
        Path outDir = Paths.get(a.positional().size() > 1 ? a.positional().get(1)
                : System.getProperty("java.io.tmpdir") + "/dicomseg-demo");
        Path ct = samples.resolve("ct");
        Path labels = samples.resolve("labels.tif");
        Path rois = samples.resolve("RoiSet.zip");
        Path meta = samples.resolve("labels-meta.json");
        for (Path p : List.of(ct, labels, rois, meta)) {
            if (!Files.exists(p)) throw new CliException(p + " not found: give the sample-images folder as the first argument");
        }
        Files.createDirectories(outDir);
        Map<Integer, Long> expected = labelCounts(labels);
        out.println("DICOM SEG demo on " + samples.toAbsolutePath().normalize() + " -> " + outDir.toAbsolutePath().normalize());
        out.println("label image: " + expected.size() + " labels, pixel counts " + expected);

        Path binary = outDir.resolve("labels-binary.dcm");
        Path labelmap = outDir.resolve("labels-labelmap-rle.dcm");
        Path roiSeg = outDir.resolve("rois-binary.dcm");
        step(out, "export", "--labels", labels.toString(), "--source", ct.toString(), "--out", binary.toString(),
                "--meta", meta.toString(), "--type", "BINARY", "--overwrite");
        step(out, "export", "--labels", labels.toString(), "--source", ct.toString(), "--out", labelmap.toString(),
                "--meta", meta.toString(), "--type", "LABELMAP", "--compression", "rle", "--overwrite");
        step(out, "export", "--rois", rois.toString(), "--source", ct.toString(), "--out", roiSeg.toString(),
                "--grouping", "name", "--overwrite");
        step(out, "import", binary.toString(), "--out", outDir.resolve("labels-binary-hyperstack.tif").toString(),
                "--overwrite");
        step(out, "import", labelmap.toString(), "--out", outDir.resolve("labels-labelmap-labels.tif").toString(),
                "--as", "labels", "--overwrite");
        step(out, "import", roiSeg.toString(), "--out", outDir.resolve("rois-binary-RoiSet.zip").toString(),
                "--as", "rois", "--overwrite");

        out.println();
        out.println("| SEG | type | syntax | frames | segments (label: pixels) | matches label image |");
        out.println("|---|---|---|---|---|---|");
        boolean allMatch = true;
        allMatch &= summary(out, binary, expected);
        allMatch &= summary(out, labelmap, expected);
        summary(out, roiSeg, null);
        out.println(allMatch ? "demo: OK, every re-imported segment has the label image's pixel count"
                : "demo: MISMATCH between exported and re-imported pixel counts");
        return allMatch ? 0 : 1;
    }

    private static void step(PrintStream out, String... args) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int rc;
        switch (args[0]) {
            case "export": rc = ExportCommand.run(List.of(args).subList(1, args.length), capture); break;
            case "import": rc = ImportCommand.run(List.of(args).subList(1, args.length), capture); break;
            default: throw new IllegalStateException(args[0]);
        }
        out.print("$ dicomseg " + String.join(" ", args) + "\n" + buf.toString(StandardCharsets.UTF_8));
        if (rc != 0) throw new IOException("demo step failed: dicomseg " + String.join(" ", args));
    }

    private static boolean summary(PrintStream out, Path seg, Map<Integer, Long> expected) throws SegReadException {
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            Map<Integer, Long> counts = r.segmentPixelCounts();
            List<String> parts = new ArrayList<>();
            boolean match = expected != null && expected.size() == counts.size();
            for (SegmentDescription s : r.segments()) {
                long n = counts.getOrDefault(s.segmentNumber(), 0L);
                parts.add(s.label() + ": " + n);
                if (expected != null && !Long.valueOf(n).equals(expected.get(s.segmentNumber()))) match = false;
            }
            out.println("| " + seg.getFileName() + " | " + r.segmentationType() + " | " + r.metadata().transferSyntax()
                    + " | " + r.numberOfFrames() + " | " + String.join(", ", parts) + " | "
                    + (expected == null ? "(ROIs: n/a)" : match ? "yes" : "NO") + " |");
            return expected == null || match;
        } catch (java.io.IOException e) {
            if (e instanceof SegReadException) throw (SegReadException) e;
            throw new SegReadException(seg, e.getMessage(), e);
        }
    }

    /** Pixel count of each nonzero label over the whole stack. */
    private static Map<Integer, Long> labelCounts(Path labels) throws IOException {
        ImagePlus imp = IJ.openImage(labels.toString());
        if (imp == null) throw new IOException("Cannot open " + labels);
        Map<Integer, Long> m = new TreeMap<>();
        ImageStack st = imp.getStack();
        for (int z = 1; z <= st.getSize(); z++) {
            float[] px = (float[]) st.getProcessor(z).convertToFloat().getPixels();
            for (float v : px) if (v != 0) m.merge((int) v, 1L, Long::sum);
        }
        return m;
    }
}
