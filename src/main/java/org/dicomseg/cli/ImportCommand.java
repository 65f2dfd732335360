package org.dicomseg.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ij.ImagePlus;
import ij.io.FileSaver;

import org.dicomseg.options.CommandLine;
import org.dicomseg.dicom.AtomicOutput;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.options.OptionValues;
import org.dicomseg.options.SegmentSelection;
import org.dicomseg.ij.open.SegImporter;
import org.dicomseg.ij.open.ImportedSegmentation;
import org.dicomseg.ij.open.ImportSources;
import org.dicomseg.task.Messages;
import org.dicomseg.task.OutputException;
import org.dicomseg.ij.open.VolumeImport;
import org.dicomseg.volume.VolumeFormat;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.ij.source.SourceSeries;
import org.dicomseg.source.SourceFrame;
import org.dicomseg.task.Progress;

/**
 * {@code dicomseg import SEG --out F.tif [--source DIR_OR_FILE] [--as hyperstack|labels|rois] [--segments LIST]
 * [--last-wins] [--fractional-stored] [--overwrite] [--region x,y,w,h] [--downsample N]}: the importer of File &gt; Import &gt; DICOM
 * SEG... without a window. {@code hyperstack} writes one channel per segment, {@code labels} a
 * label image (segment number as pixel value), {@code rois} a RoiSet.zip (one ROI per segment per
 * plane). Tiled (slide) SEGs: {@code --region} reads part of the Total Pixel Matrix (SEG pixels),
 * {@code --downsample N} a view N times smaller made tile block by tile block; without them the
 * whole matrix, downsampled to fit 2048 pixels when larger (a {@code note:} line says so).
 * With {@code --source} (else when the referenced images are next to the SEG) the image has exactly
 * the planes of the source series; the TIFF records where the sources are, which plane is which
 * source image and the segment descriptions (ImageJ properties), so {@code export --labels F.tif}
 * needs neither {@code --source} nor {@code --meta}.
 * The output appears atomically (temporary file, then rename).
 */
final class ImportCommand {
    private ImportCommand() { }

    static final String USAGE = "dicomseg import SEG|URL --out F.tif|F.nii|F.nii.gz|F.nrrd [--source DIR_OR_FILE]"
            + " [--as hyperstack|labels|rois|segments] [--segments 1,3-5]"
            + " [--last-wins] [--fractional-stored] [--overwrite] [--region x,y,w,h] [--downsample N] " + ServerFlags.USAGE;

    /** Option key ({@link MacroKeys}) → the flag that sets it. */
    private static final Map<String, String> FLAGS = Map.of(MacroKeys.OUTPUT, "as", MacroKeys.SEGMENTS, "segments",
            MacroKeys.LAST_WINS, "last-wins", MacroKeys.FRACTIONAL, "fractional-stored", MacroKeys.IMPORT_REGION, "region",
            MacroKeys.DOWNSAMPLE, "downsample", MacroKeys.SOURCE_FOLDER, "source");

    static int run(List<String> argv, PrintStream out) throws IOException {
        CommandLine a = CommandLine.parse(argv, ServerFlags.with(Set.of("out", "as", "segments", "region", "downsample", "source")),
                Set.of("last-wins", "fractional-stored", "overwrite"));
        if (a.positional().size() != 1) throw new CliException("usage: " + USAGE);
        String arg = a.positional().get(0);
        Path target = Paths.get(a.require("out"));
        if (VolumeFormat.isVolume(target)) {
            try (SegInput in = SegInput.of(arg, ServerFlags.settings(a))) {
                return volume(a, in.file(), target, out);
            }
        }
        String as = a.get("as", "hyperstack").toLowerCase(Locale.ROOT);
        ImportOptions.Output output;
        switch (as) {
            case "hyperstack": output = ImportOptions.Output.HYPERSTACK; break;
            case "labels": output = ImportOptions.Output.LABEL_IMAGE; break;
            case "rois": output = ImportOptions.Output.ROI_SET_ZIP; break;
            default: throw new CliException("--as must be hyperstack, labels or rois, not '" + as + "'");
        }
        if (Files.exists(target) && !a.flag("overwrite")) {
            throw new CliException(target + " exists; add --overwrite to replace it");
        }
        if (!org.dicomseg.web.DicomWebUrl.isUrl(arg) && AtomicOutput.isSameFile(target, Paths.get(arg))) {
            throw new CliException("--out must not be the SEG itself");
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Map<String, String> values = new LinkedHashMap<>();
        values.put(MacroKeys.OUTPUT, output.choice());
        values.put(MacroKeys.SEGMENTS, a.get("segments", ""));
        if (a.flag("last-wins")) values.put(MacroKeys.LAST_WINS, "true");
        if (a.flag("fractional-stored")) values.put(MacroKeys.FRACTIONAL, "true");
        values.put(MacroKeys.IMPORT_REGION, a.get("region", ""));
        values.put(MacroKeys.DOWNSAMPLE, a.get("downsample", ""));
        values.put(MacroKeys.SOURCE_FOLDER, a.get("source", ""));
        ImportOptions o = ImportOptions.of(OptionValues.of(values, ImportCommand::flagOf));
        boolean someFramesOnly = !a.get("segments", "").isBlank() || a.has("region");
        try (SegInput in = SegInput.of(arg, ServerFlags.settings(a), true, someFramesOnly)) {
            return write(in, o, output, target, out);
        }
    }

    private static int write(SegInput in, ImportOptions o, ImportOptions.Output output, Path target, PrintStream out) throws IOException {
        Path seg = in.file();
        String[] what = new String[1];
        SegImporter.Result[] result = new SegImporter.Result[1];
        String[] fetched = new String[1];
        // Written next to the target and renamed into place: an interrupted import leaves no partial file.
        AtomicOutput.write(target, true, tmp -> {
            // A RoiSet.zip goes to the temporary file first, like an image.
            ImportOptions run = output == ImportOptions.Output.ROI_SET_ZIP ? o.toBuilder().roiZip(tmp).build() : o;
            SegImporter.Result res;
            try (SegmentationReader r = in.open()) {
                ImportedSegmentation v = ImportSources.read(r, run, seg, List.of(), null, 0, 0, Progress.NONE);
                res = new SegImporter(run, Progress.NONE).writeOnly(true).run(v, seg, in.name());
                if (r.isRemote()) fetched[0] = r.framesFetched() + " of the SEG's " + r.numberOfFrames() + " frames fetched from the server";
            }
            if (output == ImportOptions.Output.ROI_SET_ZIP) {
                what[0] = res.rois().size() + " ROIs";
            } else {
                ImagePlus imp = res.image();
                if (imp.getStackSize() > 1) {
                    try {
                        TiffOutput.writeStack(imp, tmp); // ImageJ's bytes; empty planes as holes (TiffOutput)
                    } catch (IOException e) {
                        throw new OutputException("Could not write " + target + ": " + Messages.oneLine(String.valueOf(e.getMessage())));
                    }
                } else {
                    // ImageJ reports a failed save (a full disk) on stdout, headless: catch it, say it once on stderr.
                    java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
                    PrintStream stdout = System.out;
                    boolean ok;
                    System.setOut(new PrintStream(said, true, java.nio.charset.StandardCharsets.UTF_8));
                    try {
                        ok = new FileSaver(imp).saveAsTiff(tmp.toString());
                    } finally {
                        System.setOut(stdout);
                    }
                    if (!ok) throw new OutputException("Could not write " + target + why(said.toString(java.nio.charset.StandardCharsets.UTF_8)));
                }
                what[0] = imp.getNChannels() + " channel(s) x " + imp.getNSlices() + " plane(s) of " + imp.getWidth() + "x"
                        + imp.getHeight() + ", " + imp.getBitDepth() + "-bit";
            }
            result[0] = res;
        });
        out.println("wrote " + target + ": " + what[0]);
        for (String note : result[0].notes()) out.println("note: " + note);
        if (fetched[0] != null) out.println("note: " + fetched[0]);
        return 0;
    }

    /**
     * ": <reason>" from what ImageJ printed about a failed save (its lines, without the temporary
     * file's name and Java class names, e.g. "No space left on device"), or "".
     */
    static String why(String said) {
        StringBuilder b = new StringBuilder();
        for (String line : said.split("\\R")) {
            String t = Messages.oneLine(line.trim());
            if (t.isEmpty() || t.contains(".part")) continue;
            if (b.length() > 0) b.append(' ');
            b.append(t);
        }
        return b.length() == 0 ? "" : ": " + b;
    }

    /**
     * {@code --out Y.nii[.gz]|Y.nrrd [--as labels|segments] [--source DIR]}: the SEG as a NIfTI/NRRD
     * volume plus {@code Y.json} ({@link VolumeImport}); with {@code --source}, on the source series' grid.
     */
    private static int volume(CommandLine a, Path seg, Path target, PrintStream out) throws IOException {
        String as = a.get("as", "labels");
        VolumeImport.Layout layout;
        try {
            layout = VolumeImport.Layout.parse(as);
        } catch (IllegalArgumentException e) {
            throw new CliException("--as must be labels or segments for a NIfTI/NRRD output, not '" + as + "'");
        }
        for (String f : new String[] {"region", "downsample"}) {
            if (a.has(f)) throw new CliException("--" + f + " applies to tiled SEGs imported as TIFF, not to a NIfTI/NRRD output");
        }
        if (a.flag("fractional-stored")) throw new CliException("--fractional-stored applies to TIFF output; a volume holds fractions in [0, 1]");
        if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nhdr")) {
            throw new CliException("--out: a detached NRRD header is not written; name the output .nrrd");
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put(MacroKeys.SEGMENTS, a.get("segments", ""));
        SegmentSelection segments = ImportOptions.of(OptionValues.of(v, ImportCommand::flagOf)).segments();
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        List<SourceFrame> grid = null;
        if (a.has("source")) {
            SourceSeries sources;
            try (SegmentationReader r = SegmentationReader.open(seg)) {
                // the series the SEG references (its instance count picks it in a folder of several)
                int referenced = r.metadata().referencedSeries().stream().mapToInt(s -> s.instances().size()).sum();
                sources = SourceLocator.fromPath(a.get("source"), r.columns(), r.rows(), Math.max(2, referenced));
            }
            grid = sources.sourceImages().frames();
        }
        VolumeImport.Result r = VolumeImport.write(seg, target, layout, segments, a.flag("last-wins"), a.flag("overwrite"), grid,
                Progress.NONE);
        out.println("wrote " + r.volume() + ": " + r.summary() + "; " + r.metadata());
        for (String note : r.notes()) out.println("note: " + note);
        return 0;
    }

    /** The command-line flag of an option key, as messages name it. */
    private static String flagOf(String key) {
        return "--" + FLAGS.getOrDefault(key, key);
    }
}
