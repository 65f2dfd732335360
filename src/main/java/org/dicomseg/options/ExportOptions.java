package org.dicomseg.options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.write.SegWriteOptions;

/**
 * The options every export shares (Segmentation Type, compression, series and equipment
 * attributes, empty frames, overwrite; the tile organisation of a slide export): their allowed
 * choices, their defaults, and the one conversion of filled values into {@link SegWriteOptions}
 * used by the export dialogs and the command line alike.
 *
 * <p>Series-level values of the segment metadata (dcmqi's SeriesDescription, SeriesNumber,
 * InstanceNumber, ContentLabel, ContentCreatorName) replace an option left at its default, and
 * dcmqi's ContentDescription is always taken: an explicit choice wins over the metadata, the
 * metadata over the built-in default.</p>
 */
public final class ExportOptions {
    /** Segmentation Type (0062,0001) choices, as shown and recorded (PS3.3 C.8.20.2). */
    public static final List<String> SEGMENTATION_TYPES = List.of("BINARY", "FRACTIONAL", "LABELMAP");
    /** Segmentation Fractional Type (0062,0010) choices, as shown and recorded. */
    public static final List<String> FRACTIONAL_TYPES = List.of("PROBABILITY", "OCCUPANCY");
    /** Compression choices, as shown and recorded: none, RLE Lossless, JPEG 2000 Lossless. */
    public static final List<String> COMPRESSIONS = List.of("none", "rle", "j2k", "jpegls", "deflate");
    /**
     * Tile organisation of a slide export ({@link MacroKeys#TILES}): {@code sparse} = TILED_SPARSE
     * (empty tiles left out), {@code full} = TILED_FULL (PS3.3 C.7.6.17.3).
     */
    public static final List<String> TILE_ORGANIZATIONS = List.of("sparse", "full");
    /**
     * The level a slide export writes on ({@link MacroKeys#TARGET}): {@code image} = the image's own
     * level, {@code finest} = the slide's finest level.
     */
    public static final List<String> TARGET_LEVELS = List.of("image", "finest");
    /**
     * Where the planes of a NIfTI/NRRD export lie ({@link MacroKeys#GEOMETRY}): {@code source} = on the
     * source images' grid, matched by position; {@code file} = the file's own grid (custom geometry).
     */
    public static final List<String> GEOMETRIES = List.of("source", "file");

    private static final SegWriteOptions DEFAULTS = SegWriteOptions.defaults();

    private ExportOptions() { }

    /**
     * Software Versions (0018,1020) written by default: this plugin's version (from the jar's
     * manifest) and the version of the ImageJ it runs in.
     *
     * @param imageJVersion ImageJ's version ({@code IJ.getVersion()}), given by the caller
     */
    public static String defaultSoftwareVersions(String imageJVersion) {
        String plugin = ExportOptions.class.getPackage().getImplementationVersion();
        return (plugin != null ? plugin : DEFAULTS.softwareVersions()) + " ImageJ " + imageJVersion;
    }

    /**
     * The default of every shared export option, key → text as a form shows it (a checkbox as
     * {@code "false"}), in the order of the export dialogs. Software Versions is blank: a blank
     * value is {@link #defaultSoftwareVersions stamped} when the SEG is written, so a recorded
     * macro never freezes a version.
     *
     * @param segmentationType the type proposed for this export (e.g. FRACTIONAL for a 32-bit image)
     * @param imageJVersion    ImageJ's version, for {@link #defaultSoftwareVersions}
     */
    public static Map<String, String> defaults(SegmentationType segmentationType, String imageJVersion) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(MacroKeys.SEGMENTATION, segmentationType.name());
        d.put(MacroKeys.FRACTIONAL_TYPE, FRACTIONAL_TYPES.get(0));
        d.put(MacroKeys.COMPRESSION, COMPRESSIONS.get(0));
        d.put(MacroKeys.SERIES, DEFAULTS.seriesDescription());
        d.put(MacroKeys.SERIES_NUMBER, Integer.toString(DEFAULTS.seriesNumber()));
        d.put(MacroKeys.INSTANCE, Integer.toString(DEFAULTS.instanceNumber()));
        d.put(MacroKeys.CONTENT, DEFAULTS.contentLabel());
        d.put(MacroKeys.CREATOR, "");
        d.put(MacroKeys.MANUFACTURER, DEFAULTS.manufacturer());
        d.put(MacroKeys.MODEL, DEFAULTS.manufacturerModelName());
        d.put(MacroKeys.SOFTWARE, ""); // blank: stamped when written (defaultSoftwareVersions)
        d.put(MacroKeys.SERIAL, DEFAULTS.deviceSerialNumber());
        d.put(MacroKeys.KEEP, "false");
        d.put(MacroKeys.PALETTE, "false");
        d.put(MacroKeys.OVERWRITE, "false");
        return d;
    }

    /**
     * The help line of the compression choice in the export dialogs: which readers cannot read
     * which choice.
     */
    public static final String COMPRESSION_HELP =
            "rle: pydicom/highdicom cannot read BINARY (1-bit) RLE; none or j2k suit every reader; jpegls: LABELMAP/FRACTIONAL only";

    /**
     * A warning for an export whose file some common readers cannot decode, or null: BINARY with
     * RLE Lossless writes 1-bit RLE frames (PS3.5 Annex G, valid DICOM, read by this plugin, dcmqi
     * and dcmtk), which pydicom 3 — and so highdicom — cannot decode. The dialogs log it, the command
     * line prints it on stderr.
     */
    public static String readerWarning(SegWriteOptions options) {
        if (options.segmentationType() != SegmentationType.BINARY || options.transferSyntax() != OutputTransferSyntax.RLE_LOSSLESS) {
            return null;
        }
        return "warning: BINARY with RLE Lossless writes 1-bit RLE frames, which pydicom and highdicom cannot read;"
                + " use compression none or j2k for files they must read";
    }

    /** The transfer syntax of a compression choice ({@link #COMPRESSIONS}); anything else is uncompressed. */
    public static OutputTransferSyntax transferSyntax(String compression) {
        switch (compression.toLowerCase(Locale.ROOT)) {
            case "rle": return OutputTransferSyntax.RLE_LOSSLESS;
            case "j2k": return OutputTransferSyntax.JPEG_2000_LOSSLESS;
            case "jpegls": return OutputTransferSyntax.JPEG_LS_LOSSLESS;
            case "deflate": return OutputTransferSyntax.DEFLATED_IMAGE_FRAME;
            default: return OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        }
    }

    /**
     * The writer options of filled values; an absent key takes its {@linkplain #defaults default}
     * (Segmentation Type: {@link SegWriteOptions#defaults()}'s).
     *
     * @param values        the filled options (keys of {@link MacroKeys})
     * @param meta          the segment metadata, whose series-level values replace defaults; or null
     * @param imageJVersion ImageJ's version, for the default Software Versions
     * @throws InvalidOptionException for a choice outside its list or a number that is not one
     * @throws IllegalArgumentException from {@link SegWriteOptions} for a combination it refuses
     *                                  (e.g. a Content Label that is not a CS)
     */
    public static SegWriteOptions toWriteOptions(OptionValues values, DcmqiMetadata meta, String imageJVersion) {
        Map<String, String> d = defaults(DEFAULTS.segmentationType(), imageJVersion);
        SegWriteOptions.Builder b = SegWriteOptions.builder()
                .segmentationType(SegmentationType.valueOf(
                        values.choice(MacroKeys.SEGMENTATION, SEGMENTATION_TYPES, d.get(MacroKeys.SEGMENTATION))))
                .fractionalType(FractionalType.valueOf(
                        values.choice(MacroKeys.FRACTIONAL_TYPE, FRACTIONAL_TYPES, d.get(MacroKeys.FRACTIONAL_TYPE))))
                .transferSyntax(transferSyntax(values.choice(MacroKeys.COMPRESSION, COMPRESSIONS, d.get(MacroKeys.COMPRESSION))))
                .omitEmptyFrames(!values.flag(MacroKeys.KEEP))
                .paletteColorLut(values.flag(MacroKeys.PALETTE))
                .overwrite(values.flag(MacroKeys.OVERWRITE));
        String series = values.string(MacroKeys.SERIES, d.get(MacroKeys.SERIES));
        int seriesNumber = values.number(MacroKeys.SERIES_NUMBER, DEFAULTS.seriesNumber());
        int instance = values.number(MacroKeys.INSTANCE, DEFAULTS.instanceNumber());
        String content = values.string(MacroKeys.CONTENT, d.get(MacroKeys.CONTENT));
        String creator = values.string(MacroKeys.CREATOR, d.get(MacroKeys.CREATOR));
        String software = values.string(MacroKeys.SOFTWARE, d.get(MacroKeys.SOFTWARE));
        if (meta != null) {
            if (series.equals(DEFAULTS.seriesDescription()) && meta.seriesDescription() != null) series = meta.seriesDescription();
            if (seriesNumber == DEFAULTS.seriesNumber() && meta.seriesNumber() != null) seriesNumber = parseInt(meta.seriesNumber(), seriesNumber);
            if (instance == DEFAULTS.instanceNumber() && meta.instanceNumber() != null) instance = parseInt(meta.instanceNumber(), instance);
            if (content.equals(DEFAULTS.contentLabel()) && meta.contentLabel() != null) content = meta.contentLabel();
            if (creator.isEmpty() && meta.contentCreatorName() != null) creator = meta.contentCreatorName();
            if (meta.contentDescription() != null) b.contentDescription(meta.contentDescription());
        }
        b.seriesDescription(series.isEmpty() ? null : series)
                .seriesNumber(seriesNumber)
                .instanceNumber(instance)
                .contentLabel(content.toUpperCase(Locale.ROOT))
                .contentCreatorName(creator.isEmpty() ? null : creator)
                .manufacturer(values.string(MacroKeys.MANUFACTURER, d.get(MacroKeys.MANUFACTURER)))
                .manufacturerModelName(values.string(MacroKeys.MODEL, d.get(MacroKeys.MODEL)))
                .softwareVersions(software.isBlank() ? defaultSoftwareVersions(imageJVersion) : software)
                .deviceSerialNumber(values.string(MacroKeys.SERIAL, d.get(MacroKeys.SERIAL)))
                .pyramidLabel(values.string(MacroKeys.PYRAMID_LABEL, ""))
                .pyramidDescription(values.string(MacroKeys.PYRAMID_DESCRIPTION, ""));
        String icc = values.string(MacroKeys.ICC, "").trim();
        // the ICC profile describes the palette's colours: without a palette it is not written (a profile
        // kept in Options... applies to the exports that write a palette)
        if (!icc.isEmpty() && values.flag(MacroKeys.PALETTE)) b.iccProfile(iccProfile(values, icc));
        b.furtherSourceImages(furtherSourceImages(values));
        return b.build();
    }

    /** The bytes of the ICC profile file {@code file}, checked as the writer will check them. */
    private static byte[] iccProfile(OptionValues values, String file) {
        byte[] data;
        try {
            data = java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(file));
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            throw new InvalidOptionException(MacroKeys.ICC, values.shown(MacroKeys.ICC) + ": cannot read " + file + " (" + e.getMessage() + ")");
        }
        String problem = SegWriteOptions.iccProfileProblem(data);
        if (problem != null) throw new InvalidOptionException(MacroKeys.ICC, values.shown(MacroKeys.ICC) + ": " + file + " is not a usable ICC profile: " + problem);
        return data;
    }

    /**
     * The further source images of {@link MacroKeys#FURTHER} (folders or files separated by
     * {@code ;}): every DICOM image file in each (not segmentations), headers only.
     */
    private static List<org.dicomseg.source.SourceFile> furtherSourceImages(OptionValues values) {
        List<org.dicomseg.source.SourceFile> all = new java.util.ArrayList<>();
        for (String part : values.string(MacroKeys.FURTHER, "").split(";")) {
            if (part.isBlank()) continue;
            try {
                all.addAll(org.dicomseg.source.FurtherSources.read(java.nio.file.Paths.get(part.trim())));
            } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
                throw new InvalidOptionException(MacroKeys.FURTHER, values.shown(MacroKeys.FURTHER) + ": " + e.getMessage());
            }
        }
        return all;
    }

    /**
     * {@code options} with the tile organisation chosen by {@link MacroKeys#TILES} (default
     * {@code sparse}), for an export written on a slide.
     *
     * @throws InvalidOptionException when the choice is not one of {@link #TILE_ORGANIZATIONS}
     */
    public static SegWriteOptions withTileOrganization(SegWriteOptions options, OptionValues values) {
        DimensionOrganization org = "full".equals(values.choice(MacroKeys.TILES, TILE_ORGANIZATIONS, TILE_ORGANIZATIONS.get(0)))
                ? DimensionOrganization.TILED_FULL : DimensionOrganization.TILED_SPARSE;
        return options.toBuilder().tiledGeometry(options.tiledGeometry().withOrganization(org)).build();
    }

    /**
     * True when a slide export writes on the slide's finest level, false for the image's own
     * ({@link MacroKeys#TARGET}, default {@code image}).
     *
     * @throws InvalidOptionException when the choice is not one of {@link #TARGET_LEVELS}
     */
    public static boolean targetsFinestLevel(OptionValues values) {
        return TARGET_LEVELS.get(1).equals(values.choice(MacroKeys.TARGET, TARGET_LEVELS, TARGET_LEVELS.get(0)));
    }

    /**
     * True when a NIfTI/NRRD export keeps the file's own grid ({@link MacroKeys#GEOMETRY} {@code file}),
     * false to match the source images' grid (default {@code source}).
     *
     * @throws InvalidOptionException when the choice is not one of {@link #GEOMETRIES}
     */
    public static boolean keepsFileGeometry(OptionValues values) {
        return GEOMETRIES.get(1).equals(values.choice(MacroKeys.GEOMETRY, GEOMETRIES, GEOMETRIES.get(0)));
    }

    private static int parseInt(String s, int dflt) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
