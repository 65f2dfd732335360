package org.dicomseg.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;

import org.dicomseg.dicom.AtomicOutput;
import org.dicomseg.options.CommandLine;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import org.dicomseg.ij.export.ExportPlan;
import org.dicomseg.ij.export.LabelImageExport;
import org.dicomseg.ij.export.LabelImageFile;
import org.dicomseg.ij.export.RoiExport;
import org.dicomseg.ij.export.RoiGrouping;
import org.dicomseg.ij.export.RoiPlacement;
import org.dicomseg.ij.export.RoiSetReader;
import org.dicomseg.ij.export.SegExport;
import org.dicomseg.ij.SegmentMetadataProperty;
import org.dicomseg.ij.open.ImportedImageProperties;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.task.Progress;
import org.dicomseg.ij.source.SourceSeries;
import org.dicomseg.source.web.RemoteSeriesCache;
import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.dcmqi.DcmqiMetadataReader;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.options.ExportOptions;
import org.dicomseg.options.InvalidOptionException;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.options.OptionValues;
import org.dicomseg.web.ServerSettings;
import org.dicomseg.web.StoreTarget;
import org.dicomseg.ij.export.VolumeExport;
import org.dicomseg.ij.export.SlideExport;
import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.ij.slide.SlideSources;
import org.dicomseg.source.SourceFile;
import org.dicomseg.source.slide.SlideLevel;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.web.DicomWebUrl;
import org.dicomseg.task.InputException;
import org.dicomseg.write.PyramidResult;
import org.dicomseg.task.Progress;
import org.dicomseg.volume.LabelVolume;
import org.dicomseg.volume.VolumeFormat;
import org.dicomseg.volume.VolumeGrid;

/**
 * {@code dicomseg export (--labels F.tif | --rois RoiSet.zip) [--source DIR_OR_FILE] --out SEG.dcm
 * [--meta meta.json] [--type BINARY|FRACTIONAL|LABELMAP] [--compression none|rle|j2k|jpegls|deflate]} plus the
 * export dialog's other options. Over a slide ({@code --source} a VL Whole Slide Microscopy folder or
 * file, or a TIFF recording its place on one) a label image becomes a tiled SEG on the level
 * ({@code --tiles sparse|full}, {@code --pyramid}), its slices the level's focal planes; a RoiSet
 * (no size of its own) lands on the finest level, a ROI's slice being its focal plane. It runs the same core as Plugins &gt; DICOM SEG &gt; Export ...:
 * the flags fill the dialog's option keys and {@link ExportOptions} turns them into the writer
 * options (one option parser), and slice i of the label image belongs to the i-th source image in
 * spatial order. A label image written by {@code dicomseg import} needs no {@code --source} and no
 * {@code --meta}: it records its source images (plane by plane, by SOP Instance UID) and its
 * segment descriptions; segments added while editing get default descriptions, removed ones are
 * left out (a {@code note:} line says so).
 */
final class ExportCommand {
    private ExportCommand() { }

    /** Option key ({@link MacroKeys}) → the flag that sets it. */
    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry(MacroKeys.SEGMENTATION, "type"),
            Map.entry(MacroKeys.COMPRESSION, "compression"),
            Map.entry(MacroKeys.FRACTIONAL_TYPE, "fractional-type"),
            Map.entry(MacroKeys.SERIES, "series-description"),
            Map.entry(MacroKeys.KEEP, "keep-empty"),
            Map.entry(MacroKeys.PALETTE, "palette"),
            Map.entry(MacroKeys.OVERWRITE, "overwrite"),
            Map.entry(MacroKeys.GEOMETRY, "geometry"),
            Map.entry(MacroKeys.ICC, "icc-profile"),
            Map.entry(MacroKeys.FURTHER, "further-source"),
            Map.entry(MacroKeys.TILES, "tiles"),
            Map.entry(MacroKeys.PYRAMID, "pyramid"));

    static final String USAGE = "dicomseg export (--labels F.tif|F.nii|F.nii.gz|F.nrrd|F.nhdr | --rois RoiSet.zip) [--source DIR_OR_FILE_OR_URL]"
            + " (--out SEG.dcm | --store URL) [--meta meta.json] [--type BINARY|FRACTIONAL|LABELMAP] [--compression none|rle|j2k|jpegls|deflate] [--geometry source|file]"
            + " [--fractional-type PROBABILITY|OCCUPANCY] [--grouping name|group|each] [--series-description TEXT]"
            + " [--keep-empty] [--palette [--icc-profile FILE.icc]] [--further-source DIR]... [--tiles sparse|full] [--pyramid]"
            + " [--overwrite] " + ServerFlags.USAGE;

    static int run(List<String> argv, PrintStream out) throws IOException {
        return run(argv, out, System.err);
    }

    /** As {@link #run(List, PrintStream)}, with warnings (e.g. {@link ExportOptions#readerWarning}) on {@code err}. */
    static int run(List<String> argv, PrintStream out, PrintStream err) throws IOException {
        CommandLine a = CommandLine.parse(argv,
                ServerFlags.with(Set.of("labels", "rois", "source", "out", "meta", "type", "compression", "fractional-type", "grouping",
                        "series-description", "geometry", "store", "icc-profile", "further-source", "tiles")),
                Set.of("keep-empty", "palette", "overwrite", "pyramid"), Set.of("further-source"));
        if (!a.positional().isEmpty()) throw new CliException("unexpected argument '" + a.positional().get(0) + "'\nusage: " + USAGE);
        if (a.has("labels") == a.has("rois")) throw new CliException("give exactly one of --labels or --rois\nusage: " + USAGE);
        String source = a.get("source", "");
        ServerSettings server = ServerFlags.settings(a);
        StoreTarget store = a.has("store") ? StoreCommand.target(a.get("store"), "store") : null;
        if (store == null && !a.has("out")) throw new CliException("--out is required (or --store URL)\nusage: " + USAGE);
        Path tempDir = a.has("out") ? null : Files.createTempDirectory("dicomseg-export");
        try {
            return export(a, source, server, store, a.has("out") ? Paths.get(a.get("out")) : tempDir.resolve("seg.dcm"), out, err);
        } finally {
            if (tempDir != null) {
                Files.deleteIfExists(tempDir.resolve("seg.dcm"));
                Files.deleteIfExists(tempDir);
            }
        }
    }

    private static int export(CommandLine a, String source, ServerSettings server, StoreTarget store, Path output, PrintStream out,
                              PrintStream err) throws IOException {
        // No input can be the output, however it is spelt (the sources: the writer's check, the same rule).
        AtomicOutput.checkNotAnInput(output, a.has("labels") ? Paths.get(a.get("labels")) : null, "the label image (--labels)");
        AtomicOutput.checkNotAnInput(output, a.has("rois") ? Paths.get(a.get("rois")) : null, "the ROI set (--rois)");
        AtomicOutput.checkNotAnInput(output, a.has("meta") ? Paths.get(a.get("meta")) : null, "the segment metadata (--meta)");
        DcmqiMetadata meta = a.has("meta") ? DcmqiMetadataReader.readFile(Paths.get(a.get("meta"))) : null;

        if (a.has("labels") && VolumeFormat.isVolume(Paths.get(a.get("labels")))) {
            int written = volume(a, a.require("source"), server, output, meta, out);
            return store != null ? StoreCommand.store(List.of(output), store, server, out, a.has("out")) : written;
        }
        if (a.has("geometry")) throw new CliException("--geometry applies to NIfTI/NRRD label files only\nusage: " + USAGE);
        // A DICOMweb source's headers are asked for now, on a thread of their own, and arrive while the label image
        // is read (the source's read below joins the request: one in all). No request when the label image or ROI set
        // is not there (its message, no network traffic); any other failure before the join cancels it, unreported.
        Path input = Paths.get(a.has("labels") ? a.get("labels") : a.get("rois"));
        try (RemoteSeriesCache.Prefetch prefetch = source.isBlank() || !Files.isRegularFile(input) ? RemoteSeriesCache.Prefetch.NONE
                : SourceLocator.prefetch(source, server)) {
            return exportImage(a, source, server, store, output, meta, out, err);
        }
    }

    /** The export of a TIFF label image or an ROI set (the sources looked up, the SEG written, stored if asked). */
    private static int exportImage(CommandLine a, String source, ServerSettings server, StoreTarget store, Path output, DcmqiMetadata meta,
                                   PrintStream out, PrintStream err) throws IOException {
        // a DICOMweb URL: its one metadata request (the prefetch, joined once the input is read) tells a slide (its
        // levels) from a radiology series (its sources)
        boolean url = DicomWebUrl.isUrl(source);
        List<SourceFile> remoteFiles = new ArrayList<>();
        SlideSeries remoteSlide = null;
        ExportPlan plan;
        SourceSeries sources;
        String input;
        ImagePlus labels = null;
        if (a.has("labels")) {
            input = a.get("labels");
            ImagePlus imp = LabelImageFile.open(Paths.get(input));
            labels = imp;
            if (url) remoteSlide = SlideSources.remote(source, server, remoteFiles);
            // a slide (VL Whole Slide Microscopy): a tiled SEG on the level, one plane per focal plane
            SlidePlacement slide = source.isBlank() ? SlidePlacement.of(imp)
                    : remoteSlide != null ? SlideSources.placementFor(remoteSlide, source, imp)
                    : SlideSources.isSlide(source) ? SlideSources.placementFor(source, imp) : null;
            if (slide != null) {
                boolean metaOfImage = meta == null;
                DcmqiMetadata m = meta != null ? meta : SegmentMetadataProperty.get(imp);
                return slide(a, LabelImageExport.prepare(imp, m, metaOfImage, Progress.NONE, null), m, imp, slide, input, output, store,
                        server, out, err);
            }
            if (a.has("tiles") || a.flag("pyramid")) throw new CliException("--tiles and --pyramid apply to a slide source only\nusage: " + USAGE);
            if (url) {
                sources = SourceLocator.ofRemote(DicomWebUrl.parse(source.trim()), remoteFiles);
            } else if (!source.isBlank()) {
                sources = SourceLocator.fromPath(imp, source, server);
            } else {
                sources = SourceLocator.ofImage(imp);
                if (sources == null) {
                    throw new CliException(input + " records no DICOM source images (it was not written by"
                            + " 'dicomseg import'); give --source DIR_OR_FILE\nusage: " + USAGE);
                }
            }
            sources.requireMatches(imp.getTitle(), imp.getWidth(), imp.getHeight(), imp.getNSlices(), imp.getNFrames(),
                    org.dicomseg.ij.source.ImageFrameOfReference.of(imp));
            boolean metaOfImage = meta == null;
            if (meta == null) meta = SegmentMetadataProperty.get(imp);
            plan = LabelImageExport.prepare(imp, meta, metaOfImage, Progress.NONE, null);
        } else {
            input = a.get("rois");
            if (source.isBlank()) throw new CliException("--rois needs --source DIR_OR_FILE\nusage: " + USAGE);
            List<Roi> rois = RoiSetReader.read(Paths.get(input));
            if (url) remoteSlide = SlideSources.remote(source, server, remoteFiles);
            RoiGrouping grouping = RoiGrouping.parse(a.get("grouping", RoiGrouping.values()[0].key()));
            if (remoteSlide != null || SlideSources.isSlide(source)) {
                return roisOnSlide(a, rois, grouping, remoteSlide != null ? remoteSlide : SlideSeries.scan(Paths.get(source.trim())), source,
                        meta, output, store, server, out, err);
            }
            if (a.has("tiles") || a.flag("pyramid")) throw new CliException("--tiles and --pyramid apply to a slide source only\nusage: " + USAGE);
            sources = url ? SourceLocator.ofRemote(DicomWebUrl.parse(source.trim()), remoteFiles) : SourceLocator.fromPath(source, 0, 0, 0, server);
            RoiPlacement placement = RoiPlacement.ofStack(sources.planeCount());
            plan = RoiExport.prepare(rois, grouping, placement,
                    sources.width(), sources.height(), meta);
        }
        SegWriteOptions options = options(a, plan, meta);
        // a TIFF written by 'dicomseg import', edited: the new SEG records the imported one as its predecessor
        if (labels != null) options = ImportedImageProperties.withPredecessor(options, labels);
        String warning = ExportOptions.readerWarning(options);
        if (warning != null) err.println(warning);
        for (String note : sources.notes()) out.println("note: " + note);
        for (String note : plan.notes()) out.println("note: " + note);
        SegWriteResult r = SegExport.write(plan, sources, options, output);
        out.println((store != null && !a.has("out") ? "wrote " : "wrote " + r.file() + ": ") + options.segmentationType() + ", " + plan.segments().size() + " segment(s), "
                + r.numberOfFrames() + " frame(s), " + Files.size(r.file()) + " bytes; from " + input + " over "
                + sources.planeCount() + " source image(s) (" + sources.origin() + ")");
        if (store != null) return StoreCommand.store(List.of(r.file()), store, server, out, a.has("out"));
        return 0;
    }

    /**
     * {@code --rois RoiSet.zip} over a slide: a RoiSet records no image size, so its coordinates are
     * the finest level's pixels (the whole level, {@link SlideSources#finestLevel}) and a ROI's slice
     * (hyperstack Z or stack position) is the focal plane it lies on (0 = every focal plane), as in
     * Export ROIs as SEG... on a Z stack opened by Open DICOM Slide... at level 1; the same
     * rasteriser ({@link RoiExport}) and writer ({@link SlideExport}). A ROI beyond the focal planes
     * is refused in one line before anything is written.
     */
    private static int roisOnSlide(CommandLine a, List<Roi> rois, RoiGrouping grouping, SlideSeries series, String source, DcmqiMetadata meta,
                                   Path output, StoreTarget store, ServerSettings server, PrintStream out, PrintStream err) throws IOException {
        SlideLevel fine = SlideSources.finestLevel(series, source);
        if (fine.width() * fine.height() > Integer.MAX_VALUE) {
            throw new InputException("The finest level of the slide in " + source + " (" + fine.width() + "x" + fine.height()
                    + ") is larger than 2^31 pixels, the most a RoiSet can be rasterised on from the command line");
        }
        SlidePlacement slide = SlideSources.wholeLevel(fine);
        int planes = fine.matrix().focalPlaneCount();
        ExportPlan plan;
        try {
            plan = RoiExport.prepare(rois, grouping, RoiPlacement.ofStack(planes), (int) fine.width(), (int) fine.height(), meta);
        } catch (IllegalArgumentException e) {
            throw new InputException(a.get("rois") + ": " + e.getMessage().replace("the image has only", "the slide level "
                    + slide.location() + " has only").replaceAll(" (slices?|planes?)$", planes == 1 ? " focal plane" : " focal planes"), e);
        }
        return slide(a, plan, meta, null, slide, a.get("rois"), output, store, server, out, err);
    }

    /**
     * {@code plan} ({@code --labels F.tif} or {@code --rois}) over a slide: a tiled SEG on the level
     * ({@link SlideSources}), TILED_SPARSE or TILED_FULL ({@code --tiles}), with the coarser levels of
     * the same focal planes ({@code --pyramid}); the plan's planes are the level's focal planes, in
     * increasing Z. {@code imp}, the label image (null for ROIs), may name the SEG it was imported from.
     */
    private static int slide(CommandLine a, ExportPlan plan, DcmqiMetadata meta, ImagePlus imp, SlidePlacement slide, String input,
                             Path output, StoreTarget store, ServerSettings server, PrintStream out, PrintStream err) throws IOException {
        Map<String, String> tiles = new LinkedHashMap<>();
        if (a.has("tiles")) tiles.put(MacroKeys.TILES, a.get("tiles").toLowerCase(Locale.ROOT));
        SegWriteOptions base = options(a, plan, meta);
        if (imp != null) base = ImportedImageProperties.withPredecessor(base, imp);
        SegWriteOptions options = ExportOptions.withTileOrganization(base, OptionValues.of(tiles, ExportCommand::flagOf));
        String warning = ExportOptions.readerWarning(options);
        if (warning != null) err.println(warning);
        for (String note : plan.notes()) out.println("note: " + note);
        SegWriteResult r;
        if (a.flag("pyramid")) {
            PyramidResult all = SlideExport.writePyramid(plan, slide, options, output, server);
            for (SegWriteResult x : all.written().subList(1, all.written().size())) out.println("wrote " + x.file() + " (coarser level)");
            for (String w : all.notWritten()) out.println("note: pyramid level not written: " + w);
            r = all.written().get(0);
        } else {
            r = SlideExport.write(plan, slide, options, output, server);
        }
        for (String w : r.warnings()) err.println("warning: " + w);
        int planes = plan.mask().planes();
        out.println((store != null && !a.has("out") ? "wrote " : "wrote " + r.file() + ": ") + options.segmentationType() + ", "
                + plan.segments().size() + " segment(s), " + r.numberOfFrames() + " frame(s), " + Files.size(r.file()) + " bytes; from "
                + input + " on slide " + slide + " (tiled " + options.tiledGeometry().organization().dicomValue()
                + (planes > 1 ? ", " + planes + " focal planes" : "") + ")");
        if (store != null) return StoreCommand.store(List.of(r.file()), store, server, out, a.has("out"));
        return 0;
    }

    /**
     * {@code --labels X.nii[.gz]|X.nrrd|X.nhdr}: the volume's planes matched to the sources by position
     * (or on its own grid with {@code --geometry file}); its metadata from {@code --meta}, else from
     * {@code X.json} beside it.
     */
    private static int volume(CommandLine a, String source, ServerSettings server, Path output, DcmqiMetadata given, PrintStream out)
            throws IOException {
        Path input = Paths.get(a.get("labels"));
        List<String> notes = new ArrayList<>();
        Map<String, String> geometry = new LinkedHashMap<>();
        if (a.has("geometry")) geometry.put(MacroKeys.GEOMETRY, a.get("geometry"));
        boolean own = ExportOptions.keepsFileGeometry(OptionValues.of(geometry, ExportCommand::flagOf));
        DcmqiMetadata meta = VolumeExport.metadataFor(input, given, notes);
        try (LabelVolume v = LabelVolume.read(input)) {
            VolumeGrid g = v.grid();
            SourceSeries sources = SourceLocator.fromPath(source, g.size(0), g.size(1), g.size(2), server);
            VolumeExport export = VolumeExport.prepare(v, sources, meta, own, notes, Progress.NONE);
            ExportPlan plan = export.plan();
            SegWriteOptions options = options(a, plan, meta);
            for (String note : sources.notes()) out.println("note: " + note);
            for (String note : plan.notes()) out.println("note: " + note);
            SegWriteResult r = export.write(options, output);
            out.println("wrote " + r.file() + ": " + options.segmentationType() + ", " + plan.segments().size() + " segment(s), "
                    + r.numberOfFrames() + " frame(s), " + Files.size(r.file()) + " bytes; from " + input + " over "
                    + sources.planeCount() + " source image(s) (" + sources.origin() + ")");
        }
        return 0;
    }

    /**
     * The writer options: the flags as the export dialog's keys, read by the same conversion as the
     * dialog's ({@link ExportOptions}); a bad value is a usage error naming the flag.
     */
    private static SegWriteOptions options(CommandLine a, ExportPlan plan, DcmqiMetadata meta) {
        SegmentationType type = a.has("type") ? parseType(a.get("type")) : plan.suggestedType();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(MacroKeys.SEGMENTATION, type.name());
        if (a.has("compression")) values.put(MacroKeys.COMPRESSION, a.get("compression").toLowerCase(Locale.ROOT));
        if (a.has("fractional-type")) values.put(MacroKeys.FRACTIONAL_TYPE, a.get("fractional-type"));
        if (a.has("series-description")) values.put(MacroKeys.SERIES, a.get("series-description"));
        if (a.flag("keep-empty")) values.put(MacroKeys.KEEP, "true");
        if (a.flag("palette")) values.put(MacroKeys.PALETTE, "true");
        if (a.has("icc-profile")) {
            if (!a.flag("palette")) throw new InvalidOptionException(MacroKeys.ICC, "--icc-profile needs --palette (the profile describes the palette's colours)");
            values.put(MacroKeys.ICC, a.get("icc-profile"));
        }
        if (a.has("further-source")) values.put(MacroKeys.FURTHER, String.join(";", a.all("further-source")));
        if (a.flag("overwrite")) values.put(MacroKeys.OVERWRITE, "true");
        return ExportOptions.toWriteOptions(OptionValues.of(values, ExportCommand::flagOf), meta, IJ.getVersion());
    }

    /** The command-line flag of an option key, as messages name it. */
    private static String flagOf(String key) {
        return "--" + FLAGS.getOrDefault(key, key);
    }

    private static SegmentationType parseType(String s) {
        try {
            return SegmentationType.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException("--type must be BINARY, FRACTIONAL or LABELMAP, not '" + s + "'");
        }
    }
}
