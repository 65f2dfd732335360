package org.dicomseg.plugins;

import java.util.Locale;

import ij.IJ;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentationType;

/**
 * The dialog fields every export shares (type, compression, series and equipment attributes, empty
 * frames, overwrite) and their conversion into {@link SegWriteOptions}. Series-level values of the
 * segment metadata (dcmqi's SeriesDescription, SeriesNumber, ContentCreatorName...) replace a field
 * the user left at its default.
 */
public final class ExportFields {
    /** Compression choices as shown and recorded. */
    public static final String[] COMPRESSIONS = {"none", "rle", "j2k"};
    /** Segmentation types as shown and recorded. */
    public static final String[] TYPES = {"BINARY", "FRACTIONAL", "LABELMAP"};
    /** Fractional types as shown and recorded. */
    public static final String[] FRACTIONAL_TYPES = {"PROBABILITY", "OCCUPANCY"};

    private static final SegWriteOptions DEFAULTS = SegWriteOptions.defaults();

    private ExportFields() { }

    /** Software Versions written by default: this plugin's and ImageJ's version. */
    public static String defaultSoftwareVersions() {
        String plugin = ExportFields.class.getPackage().getImplementationVersion();
        return (plugin != null ? plugin : DEFAULTS.softwareVersions()) + " ImageJ " + IJ.getVersion();
    }

    /** Adds the source, metadata and output fields every export dialog has, in that order. */
    public static void addSourceMetaOut(CommandForm form, String detectedSource, String suggestedOut) {
        form.add(FormField.string(MacroKeys.SOURCE, "Source (DICOM folder or file)", detectedSource, 40));
        form.add(FormField.string(MacroKeys.META, "Meta (dcmqi JSON, optional)", "", 40));
        form.add(FormField.string(MacroKeys.OUT, "Out (SEG file)", suggestedOut, 40));
    }

    /** Adds the shared option fields after the command's own ones. */
    public static void addOptions(CommandForm form, SegmentationType defaultType) {
        form.add(FormField.choice(MacroKeys.SEGMENTATION, "Segmentation type", TYPES, defaultType.name()))
            .add(FormField.choice(MacroKeys.FRACTIONAL_TYPE, "Fractional_type", FRACTIONAL_TYPES, FRACTIONAL_TYPES[0]))
            .add(FormField.choice(MacroKeys.COMPRESSION, "Compression", COMPRESSIONS, COMPRESSIONS[0]))
            .add(FormField.string(MacroKeys.SERIES, "Series description", DEFAULTS.seriesDescription(), 25))
            .add(FormField.number(MacroKeys.SERIES_NUMBER, "Series_number", DEFAULTS.seriesNumber()))
            .add(FormField.number(MacroKeys.INSTANCE, "Instance number", DEFAULTS.instanceNumber()))
            .add(FormField.string(MacroKeys.CONTENT, "Content label", DEFAULTS.contentLabel(), 16))
            .add(FormField.string(MacroKeys.CREATOR, "Creator (content creator's name)", "", 20))
            .add(FormField.string(MacroKeys.MANUFACTURER, "Manufacturer", DEFAULTS.manufacturer(), 25))
            .add(FormField.string(MacroKeys.MODEL, "Model name", DEFAULTS.manufacturerModelName(), 20))
            .add(FormField.string(MacroKeys.SOFTWARE, "Software versions", defaultSoftwareVersions(), 25))
            .add(FormField.string(MacroKeys.SERIAL, "Serial number (device)", DEFAULTS.deviceSerialNumber(), 12))
            .add(FormField.checkbox(MacroKeys.KEEP, "Keep empty frames", false))
            .add(FormField.checkbox(MacroKeys.OVERWRITE, "Overwrite existing file", false));
    }

    /** The transfer syntax of a compression choice. */
    public static OutputTransferSyntax transferSyntax(String compression) {
        switch (compression.toLowerCase(Locale.ROOT)) {
            case "rle": return OutputTransferSyntax.RLE_LOSSLESS;
            case "j2k": return OutputTransferSyntax.JPEG_2000_LOSSLESS;
            default: return OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        }
    }

    /** Builds the writer options from the form (after {@link CommandForm#show()}) and optional metadata. */
    public static SegWriteOptions toOptions(CommandForm form, DcmqiMetadata meta) {
        SegWriteOptions.Builder b = SegWriteOptions.builder()
                .segmentationType(SegmentationType.valueOf(form.choice(MacroKeys.SEGMENTATION)))
                .fractionalType(FractionalType.valueOf(form.choice(MacroKeys.FRACTIONAL_TYPE)))
                .transferSyntax(transferSyntax(form.choice(MacroKeys.COMPRESSION)))
                .omitEmptyFrames(!form.flag(MacroKeys.KEEP))
                .overwrite(form.flag(MacroKeys.OVERWRITE));
        String series = form.string(MacroKeys.SERIES);
        int seriesNumber = form.number(MacroKeys.SERIES_NUMBER);
        int instance = form.number(MacroKeys.INSTANCE);
        String content = form.string(MacroKeys.CONTENT);
        String creator = form.string(MacroKeys.CREATOR);
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
                .manufacturer(form.string(MacroKeys.MANUFACTURER))
                .manufacturerModelName(form.string(MacroKeys.MODEL))
                .softwareVersions(form.string(MacroKeys.SOFTWARE))
                .deviceSerialNumber(form.string(MacroKeys.SERIAL));
        return b.build();
    }

    private static int parseInt(String s, int dflt) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
