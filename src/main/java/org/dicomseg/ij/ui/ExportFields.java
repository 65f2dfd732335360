package org.dicomseg.ij.ui;

import java.util.Map;

import ij.IJ;

import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.options.ExportOptions;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.options.OptionValues;
import org.dicomseg.write.SegWriteOptions;

/**
 * The dialog fields every export shares (type, compression, series and equipment attributes, empty
 * frames, overwrite), laid out with their labels; their choices, defaults and conversion into
 * {@link SegWriteOptions} are {@link ExportOptions}'s, the same as the command line's. A label's
 * first word is the recorded macro key, so the labels must not change.
 */
public final class ExportFields {
    private ExportFields() { }

    /** Adds the source, metadata and output fields every export dialog has, in that order. */
    public static void addSourceMetaOut(CommandForm form, String detectedSource, String suggestedOut) {
        form.add(FormField.string(MacroKeys.SOURCE, "Source (DICOM folder or file)", detectedSource, 40));
        form.add(FormField.string(MacroKeys.META, "Meta (dcmqi JSON, optional)", "", 40));
        form.add(FormField.string(MacroKeys.OUT, "Out (SEG file)", suggestedOut, 40));
    }

    /** Adds the shared option fields after the command's own ones, with {@link ExportOptions#defaults}. */
    public static void addOptions(CommandForm form, SegmentationType defaultType) {
        Map<String, String> d = ExportOptions.defaults(defaultType, IJ.getVersion());
        form.add(FormField.choice(MacroKeys.SEGMENTATION, "Segmentation type", ExportOptions.SEGMENTATION_TYPES,
                        d.get(MacroKeys.SEGMENTATION)))
            .add(FormField.choice(MacroKeys.FRACTIONAL_TYPE, "Fractional_type", ExportOptions.FRACTIONAL_TYPES,
                        d.get(MacroKeys.FRACTIONAL_TYPE)))
            .add(FormField.choice(MacroKeys.COMPRESSION, "Compression", ExportOptions.COMPRESSIONS, d.get(MacroKeys.COMPRESSION)))
            .add(FormField.message(ExportOptions.COMPRESSION_HELP))
            .add(FormField.string(MacroKeys.SERIES, "Series description", d.get(MacroKeys.SERIES), 25))
            .add(FormField.number(MacroKeys.SERIES_NUMBER, "Series_number", Integer.parseInt(d.get(MacroKeys.SERIES_NUMBER))))
            .add(FormField.number(MacroKeys.INSTANCE, "Instance number", Integer.parseInt(d.get(MacroKeys.INSTANCE))))
            .add(FormField.string(MacroKeys.CONTENT, "Content label", d.get(MacroKeys.CONTENT), 16))
            .add(FormField.string(MacroKeys.CREATOR, "Creator (content creator's name)", d.get(MacroKeys.CREATOR), 20))
            .add(FormField.string(MacroKeys.MANUFACTURER, "Manufacturer", d.get(MacroKeys.MANUFACTURER), 25))
            .add(FormField.string(MacroKeys.MODEL, "Model name", d.get(MacroKeys.MODEL), 20))
            .add(FormField.string(MacroKeys.SOFTWARE, "Software versions", d.get(MacroKeys.SOFTWARE), 25))
            .add(FormField.string(MacroKeys.SERIAL, "Serial number (device)", d.get(MacroKeys.SERIAL), 12))
            .add(FormField.checkbox(MacroKeys.KEEP, "Keep empty frames", Boolean.parseBoolean(d.get(MacroKeys.KEEP))))
            .add(FormField.checkbox(MacroKeys.OVERWRITE, "Overwrite existing file", Boolean.parseBoolean(d.get(MacroKeys.OVERWRITE))));
    }

    /**
     * The writer options of the form (after {@link CommandForm#show()}) and optional metadata; a
     * {@linkplain ExportOptions#readerWarning reader warning} goes to the Log.
     */
    public static SegWriteOptions toOptions(CommandForm form, DcmqiMetadata meta) {
        SegWriteOptions o = ExportOptions.toWriteOptions(OptionValues.of(form.values()), meta, IJ.getVersion());
        String warning = ExportOptions.readerWarning(o);
        if (warning != null) IJ.log(warning);
        return o;
    }
}
