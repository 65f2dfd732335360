package org.dicomseg.plugins;

import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ij.IJ;
import ij.Macro;
import ij.Prefs;
import ij.measure.ResultsTable;
import ij.plugin.PlugIn;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.ij.open.SegInfoTable;
import org.dicomseg.ij.open.SegInfoText;
import org.dicomseg.ij.open.ImportReader;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.ij.ui.CommandForm;
import org.dicomseg.ij.ui.FormField;
import org.dicomseg.ij.ui.HelpPages;
import org.dicomseg.ij.ui.PathChooser;
import org.dicomseg.ij.ui.CommandErrors;

/**
 * Plugins &gt; DICOM SEG &gt; SEG Info...: what a SEG contains, without opening its images. A
 * results table with one row per segment (number, label, category, type, algorithm, tracking
 * ID/UID, colour, pixel count) titled {@value #TABLE_PREFIX}{@code <file name>}, and the header
 * summary (frames, type, transfer syntax, organisation, references) plus each segment's full
 * description in the Log. Headless, both are printed to standard output.
 */
public class SegInfoCommand implements PlugIn {
    /** Dialog title and error title. */
    public static final String TITLE = "DICOM SEG Info";
    /** The results table is titled this plus the file name. */
    public static final String TABLE_PREFIX = "SEG Info: ";
    private static final String PREF_PATH = "dicomseg.import.path";

    /** The dialog's single field. */
    static FormField field(String lastPath) {
        return FormField.path(MacroKeys.SEG, "SEG file", lastPath, 45, FormField.Browse.FILE);
    }

    @Override
    public void run(String arg) {
        String path;
        try {
            path = ask(arg);
        } catch (IllegalArgumentException e) {
            CommandErrors.report(TITLE, e);
            return;
        }
        if (path == null) return;
        try {
            Report r = report(Paths.get(path));
            if (GraphicsEnvironment.isHeadless()) {
                System.out.println(r.text);
                System.out.println(r.table.getColumnHeadings());
                for (int i = 0; i < r.table.size(); i++) System.out.println(r.table.getRowAsString(i));
            } else {
                IJ.log(r.text);
                r.table.show(TABLE_PREFIX + Paths.get(path).getFileName());
            }
        } catch (Exception | OutOfMemoryError e) {
            CommandErrors.report(TITLE, e);
        }
    }

    /** The table and text of SEG Info for {@code seg}: what the command shows. */
    public static Report report(Path seg) throws java.io.IOException {
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            Map<Integer, Long> counts = r.segmentPixelCounts();
            List<SegmentDescription> ds = new ArrayList<>(r.segments());
            StringBuilder sb = new StringBuilder();
            sb.append("DICOM SEG Info: ").append(seg).append('\n');
            sb.append("Segmentation Type: ").append(r.segmentationType()).append('\n');
            for (String line : ImportReader.header(r)) {
                sb.append(line).append('\n');
            }
            sb.append("Segments: ").append(ds.size()).append('\n');
            for (SegmentDescription d : ds) {
                Long n = counts.get(d.segmentNumber());
                sb.append(SegInfoText.segment(d, n == null ? -1 : n));
            }
            return new Report(SegInfoTable.of(ds, counts, null), sb.toString());
        }
    }

    /** What SEG Info shows: the segment table and the text for the Log. */
    public static final class Report {
        /** One row per segment. */
        public final ResultsTable table;
        /** Header summary and segment descriptions. */
        public final String text;

        Report(ResultsTable table, String text) {
            this.table = table;
            this.text = text;
        }
    }

    private String ask(String arg) {
        String last = arg != null && !arg.isBlank() ? arg : Prefs.get(PREF_PATH, "");
        FormField f = field(last);
        CommandForm form = new CommandForm(TITLE).add(f).helpPage(HelpPages.SEG_INFO);
        if (!form.show()) return null;
        String path = form.string(MacroKeys.SEG);
        if (path.isEmpty()) throw new IllegalArgumentException("Say which SEG file to describe: seg=[/path/to/file.dcm]");
        if (!Files.isRegularFile(Paths.get(path))) throw new IllegalArgumentException("SEG file not found: " + path);
        if (Macro.getOptions() == null) {
            Prefs.set(PREF_PATH, path);
            PathChooser.remember(MacroKeys.SEG, path);
        }
        return path;
    }
}
