package org.dicomseg.plugins;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;

import ij.IJ;
import ij.plugin.PlugIn;

import org.dicomseg.ij.ui.CommandErrors;
import org.dicomseg.ij.ui.CommandForm;
import org.dicomseg.ij.ui.SegOptions;
import org.dicomseg.ij.ui.SegmentTerminologies;
import org.dicomseg.options.MacroKeys;

/**
 * Plugins &gt; DICOM SEG &gt; Options...: the series and equipment attributes every export writes and
 * the terminology files of Segment Metadata..., kept in ImageJ's preferences ({@link SegOptions}).
 * The menu command is {@value #MENU_COMMAND} (with a trailing blank: ImageJ keys commands by name,
 * and "Options..." is Process &gt; Binary &gt; Options...). Macro:
 * {@code run("Options... ", "series=[Liver study] manufacturer=[My lab] software=[]")}.
 */
public class OptionsCommand implements PlugIn {
    /** Dialog and error title. */
    public static final String COMMAND = "DICOM SEG Options";
    /** The name ImageJ knows the command by (plugins.config): the menu shows "Options...". */
    public static final String MENU_COMMAND = "Options... ";

    @Override
    public void run(String arg) {
        CommandErrors.run(COMMAND, OptionsCommand::apply);
    }

    /** Shows the dialog (or reads the macro options) and keeps the values; false when cancelled. */
    static boolean apply() throws Exception {
        CommandForm form = SegOptions.form(COMMAND);
        if (!form.show()) return false;
        Map<String, String> v = form.values();
        for (String k : SegOptions.TERMINOLOGY_KEYS) {
            String path = v.get(k);
            if (!path.isEmpty() && !Files.isRegularFile(Paths.get(path))) {
                throw new IllegalArgumentException(k + ": terminology file not found: " + path);
            }
        }
        String icc = v.getOrDefault(MacroKeys.ICC, "").trim();
        if (!icc.isEmpty()) {
            if (!Files.isRegularFile(Paths.get(icc))) throw new IllegalArgumentException(MacroKeys.ICC + ": ICC profile not found: " + icc);
            String problem = org.dicomseg.write.SegWriteOptions.iccProfileProblem(Files.readAllBytes(Paths.get(icc)));
            if (problem != null) throw new IllegalArgumentException(MacroKeys.ICC + ": " + icc + " is not a usable ICC profile: " + problem);
        }
        // a lab's own terminology is read now, so a bad file is reported here rather than in Segment Metadata...
        SegmentTerminologies.check(v.get(MacroKeys.TERMINOLOGY), v.get(MacroKeys.ANATOMIC));
        SegOptions.set(v);
        IJ.log(COMMAND + ": kept " + SegOptions.current());
        return true;
    }
}
