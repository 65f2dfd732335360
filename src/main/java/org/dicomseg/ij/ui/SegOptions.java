package org.dicomseg.ij.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.Prefs;

import org.dicomseg.model.SegmentationType;
import org.dicomseg.options.ExportOptions;
import org.dicomseg.options.MacroKeys;

/**
 * The settings of Plugins › DICOM SEG › Options...: the series-level and equipment attributes every
 * export writes (Series Description and Number, Instance Number, Content Label, Content Creator's
 * Name, Manufacturer, Model, Software Versions, Device Serial Number; PS3.3 C.7.3.1, C.7.5.1,
 * C.10.9, C.8.20.2), the ICC profile written beside a palette (C.11.15) and the terminology files Segment Metadata... searches. They are kept in
 * ImageJ's preferences ({@code IJ_Prefs.txt}, key {@code dicomseg.options.<macro key>}); an export
 * dialog does not show them, and a macro key given to an export overrides them
 * ({@link FormField#hidden}). Blank Software Versions is stamped with the versions at write time.
 */
public final class SegOptions {
    /** Preference key prefix. */
    static final String PREF = "dicomseg.options.";
    /** The export keys kept here, in the order of the Options... dialog. */
    public static final List<String> EXPORT_KEYS = List.of(MacroKeys.SERIES, MacroKeys.SERIES_NUMBER, MacroKeys.INSTANCE,
            MacroKeys.CONTENT, MacroKeys.CREATOR, MacroKeys.MANUFACTURER, MacroKeys.MODEL, MacroKeys.SOFTWARE, MacroKeys.SERIAL);
    /** The terminology keys kept here. */
    public static final List<String> TERMINOLOGY_KEYS = List.of(MacroKeys.TERMINOLOGY, MacroKeys.ANATOMIC);
    /** The palette keys kept here: the ICC profile written beside a palette (blank = none). */
    public static final List<String> PALETTE_KEYS = List.of(MacroKeys.ICC);

    private SegOptions() { }

    /** The built-in default of every key of Options... (the export defaults; blank terminologies = the built-in tables only). */
    public static Map<String, String> builtInDefaults() {
        Map<String, String> all = ExportOptions.defaults(SegmentationType.BINARY, IJ.getVersion());
        Map<String, String> d = new LinkedHashMap<>();
        for (String k : EXPORT_KEYS) d.put(k, all.get(k));
        for (String k : PALETTE_KEYS) d.put(k, "");
        for (String k : TERMINOLOGY_KEYS) d.put(k, "");
        return d;
    }

    /** The current value of {@code key}: the preference, else the built-in default. */
    public static String get(String key) {
        String dflt = builtInDefaults().get(key);
        if (dflt == null) throw new IllegalArgumentException("'" + key + "' is not a setting of Options...");
        return Prefs.get(PREF + key, dflt);
    }

    /** Every current value, in dialog order. */
    public static Map<String, String> current() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : builtInDefaults().keySet()) m.put(k, get(k));
        return m;
    }

    /** Keeps {@code values} (keys of Options...; others are ignored); a built-in default is stored as "not set". */
    public static void set(Map<String, String> values) {
        Map<String, String> d = builtInDefaults();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!d.containsKey(e.getKey())) continue;
            String v = e.getValue() == null ? "" : e.getValue().trim();
            Prefs.set(PREF + e.getKey(), v.equals(d.get(e.getKey())) ? null : v);
        }
    }

    /** Forgets every setting: the built-in defaults apply again. */
    public static void reset() {
        for (String k : builtInDefaults().keySet()) Prefs.set(PREF + k, null);
    }

    /** The Options... dialog, showing the current values. */
    public static CommandForm form(String title) {
        Map<String, String> v = current();
        CommandForm f = new CommandForm(title).helpPage(HelpPages.OPTIONS);
        f.add(FormField.message("Written into every SEG the exports make (a macro key given to an export overrides these)"));
        f.add(FormField.string(MacroKeys.SERIES, "Series description", v.get(MacroKeys.SERIES), 25));
        f.add(FormField.number(MacroKeys.SERIES_NUMBER, "Series_number", Integer.parseInt(v.get(MacroKeys.SERIES_NUMBER))));
        f.add(FormField.number(MacroKeys.INSTANCE, "Instance number", Integer.parseInt(v.get(MacroKeys.INSTANCE))));
        f.add(FormField.string(MacroKeys.CONTENT, "Content label", v.get(MacroKeys.CONTENT), 16));
        f.add(FormField.string(MacroKeys.CREATOR, "Creator (content creator's name, e.g. Doe^Jane)", v.get(MacroKeys.CREATOR), 20));
        f.add(FormField.string(MacroKeys.MANUFACTURER, "Manufacturer", v.get(MacroKeys.MANUFACTURER), 25));
        f.add(FormField.string(MacroKeys.MODEL, "Model name", v.get(MacroKeys.MODEL), 20));
        f.add(FormField.string(MacroKeys.SOFTWARE, "Software versions (blank = this plugin's and ImageJ's, when written)",
                v.get(MacroKeys.SOFTWARE), 20));
        f.add(FormField.string(MacroKeys.SERIAL, "Serial number (device)", v.get(MacroKeys.SERIAL), 12));
        f.add(FormField.path(MacroKeys.ICC, "Icc profile written with a palette (an RGB input or colour space profile; blank = none)",
                v.get(MacroKeys.ICC), 40, FormField.Browse.FILE));
        f.add(FormField.message("Segment Metadata... pick-lists: a lab's Slicer/dcmqi terminology JSON (blank = the built-in tables only)"));
        f.add(FormField.path(MacroKeys.TERMINOLOGY, "Terminology (categories and types)", v.get(MacroKeys.TERMINOLOGY), 40,
                FormField.Browse.FILE));
        f.add(FormField.path(MacroKeys.ANATOMIC, "Anatomic regions terminology", v.get(MacroKeys.ANATOMIC), 40, FormField.Browse.FILE));
        return f;
    }
}
