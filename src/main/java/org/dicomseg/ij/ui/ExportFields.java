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
 * The dialog fields every export shares (source, output, server to store to, type, compression,
 * metadata, empty frames, palette, overwrite; the series and equipment attributes hidden, from {@link SegOptions}), laid out with their labels; their choices, defaults and conversion into
 * {@link SegWriteOptions} are {@link ExportOptions}'s, the same as the command line's. A label's
 * first word is the recorded macro key, so the labels must not change.
 */
public final class ExportFields {
    private ExportFields() { }

    /**
     * Adds the export fields, essentials first: source, output, the server to store to (from
     * Servers...), Segmentation Type (and fractional type), compression, metadata, further source
     * series, then empty frames, palette and overwrite (the ICC profile written with a palette is
     * kept in Options... too). The series and equipment attributes are not shown: they come from
     * Options... ({@link SegOptions}, ImageJ's preferences) unless the macro gives their keys.
     */
    public static void add(CommandForm form, String detectedSource, String suggestedOut, SegmentationType defaultType) {
        Map<String, String> d = ExportOptions.defaults(defaultType, IJ.getVersion());
        form.add(FormField.path(MacroKeys.SOURCE, "Source (DICOM folder or file)", detectedSource, 40, FormField.Browse.FILE_OR_FOLDER))
            .add(FormField.path(MacroKeys.OUT, "Out (SEG file)", suggestedOut, 40, FormField.Browse.SAVE));
        java.util.List<String> servers = new java.util.ArrayList<>(org.dicomseg.ij.ServerRegistry.names());
        if (servers.isEmpty()) {
            form.add(FormField.string(MacroKeys.STORE, "Store to server (a name from Servers..., blank = none)", "", 16));
        } else {
            servers.add(0, NO_STORE);
            form.add(FormField.choice(MacroKeys.STORE, "Store to server", servers, NO_STORE));
        }
        form.add(FormField.choice(MacroKeys.SEGMENTATION, "Segmentation type", ExportOptions.SEGMENTATION_TYPES,
                        d.get(MacroKeys.SEGMENTATION)))
            .add(FormField.choice(MacroKeys.FRACTIONAL_TYPE, "Fractional_type (FRACTIONAL only)", ExportOptions.FRACTIONAL_TYPES,
                        d.get(MacroKeys.FRACTIONAL_TYPE)))
            .add(FormField.choice(MacroKeys.COMPRESSION, "Compression", ExportOptions.COMPRESSIONS, d.get(MacroKeys.COMPRESSION)))
            .add(FormField.message(ExportOptions.COMPRESSION_HELP))
            .add(FormField.path(MacroKeys.META, "Meta (dcmqi JSON; blank = the image's Segment Metadata)", "", 40, FormField.Browse.FILE))
            .add(FormField.path(MacroKeys.FURTHER, "Further source series (folders of the study, ; between; blank = none)", "", 40,
                        FormField.Browse.FOLDER))
            .add(FormField.checkbox(MacroKeys.KEEP, "Keep empty frames", Boolean.parseBoolean(d.get(MacroKeys.KEEP))))
            .add(FormField.checkbox(MacroKeys.PALETTE, "Palette colour table (LABELMAP)", Boolean.parseBoolean(d.get(MacroKeys.PALETTE))))

            .add(FormField.checkbox(MacroKeys.OVERWRITE, "Overwrite existing file", Boolean.parseBoolean(d.get(MacroKeys.OVERWRITE))));
        Map<String, String> kept = SegOptions.current();
        form.add(FormField.string(MacroKeys.SERIES, "Series", "", 0).hidden(kept.get(MacroKeys.SERIES)))
            .add(FormField.number(MacroKeys.SERIES_NUMBER, "Series_number", 0).hidden(kept.get(MacroKeys.SERIES_NUMBER)))
            .add(FormField.number(MacroKeys.INSTANCE, "Instance", 0).hidden(kept.get(MacroKeys.INSTANCE)))
            .add(FormField.string(MacroKeys.CONTENT, "Content", "", 0).hidden(kept.get(MacroKeys.CONTENT)))
            .add(FormField.string(MacroKeys.CREATOR, "Creator", "", 0).hidden(kept.get(MacroKeys.CREATOR)))
            .add(FormField.string(MacroKeys.MANUFACTURER, "Manufacturer", "", 0).hidden(kept.get(MacroKeys.MANUFACTURER)))
            .add(FormField.string(MacroKeys.MODEL, "Model", "", 0).hidden(kept.get(MacroKeys.MODEL)))
            .add(FormField.string(MacroKeys.SOFTWARE, "Software", "", 0).hidden(kept.get(MacroKeys.SOFTWARE)))
            .add(FormField.string(MacroKeys.SERIAL, "Serial", "", 0).hidden(kept.get(MacroKeys.SERIAL)))
            .add(FormField.string(MacroKeys.ICC, "Icc", "", 0).hidden(kept.get(MacroKeys.ICC)))
            .add(FormField.message("Series and equipment attributes: Plugins > DICOM SEG > Options..."));
    }

    /** The {@link MacroKeys#STORE} choice that stores nothing. */
    public static final String NO_STORE = "none";

    /** The server to store to, or null: the {@link MacroKeys#STORE} field's value, blank or {@value #NO_STORE} meaning none. */
    public static String storeServer(CommandForm form) {
        String s = form.values().getOrDefault(MacroKeys.STORE, "").trim();
        return s.isEmpty() || s.equals(NO_STORE) ? null : s;
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
