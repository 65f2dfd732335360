package org.dicomseg.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.PlugIn;

import org.dicomseg.ij.export.DefaultSegments;
import org.dicomseg.ij.export.SegmentMetadataEditor;
import org.dicomseg.ij.SegmentMetadataProperty;
import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.dcmqi.DcmqiMetadataReader;
import org.dicomseg.dcmqi.DcmqiMetadataWriter;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.ij.ui.CommandForm;
import org.dicomseg.ij.ui.FormField;
import org.dicomseg.ij.ui.HelpPages;
import org.dicomseg.ij.ui.SegmentEditForm;
import org.dicomseg.ij.ui.SegmentTerminologies;
import org.dicomseg.ij.ui.CommandErrors;

/**
 * Plugins &gt; DICOM SEG &gt; Segment Metadata...: edits the segment descriptions attached to the
 * current image (dcmqi JSON in the image property {@value SegmentMetadataProperty#PROPERTY}), loads
 * or saves them as a dcmqi template, or clears them. The exports use them. Both dialogs are
 * recordable: {@code run("Segment Metadata...", "action=edit segment=1 label=Liver category=Tissue type=Liver ...")}.
 */
public class SegmentMetadataCommand implements PlugIn {
    /** Menu name (Plugins &gt; DICOM SEG). */
    public static final String COMMAND = "Segment Metadata";
    /** Actions of the first dialog. */
    public static final String[] ACTIONS = {"edit", "load", "save", "clear", "rois"};
    /** The region choice meaning "no anatomic region". */
    public static final String NONE = SegmentEditForm.NONE;

    @Override
    public void run(String arg) {
        ImagePlus imp = WindowManager.getCurrentImage();
        if (imp == null) {
            CommandErrors.report(COMMAND, new IllegalStateException("There is no image open: segment metadata is stored on an image"));
            return;
        }
        CommandErrors.run(COMMAND, () -> apply(imp)); // a cancelled dialog is not recorded (CommandForm.show)
    }

    /** Runs the command on {@code imp}; returns the metadata now stored, or null when cancelled. */
    static DcmqiMetadata apply(ImagePlus imp) throws Exception {
        DcmqiMetadata meta = SegmentMetadataEditor.current(imp);
        CommandForm first = new CommandForm(COMMAND + "...").helpPage(HelpPages.SEGMENT_METADATA);
        first.add(FormField.message(imp.getTitle() + ": " + meta.segments().size() + " segment(s)"
                + (SegmentMetadataProperty.get(imp) == null ? " (defaults, not yet stored)" : "")));
        first.add(FormField.choice(MacroKeys.ACTION, "Action", ACTIONS, ACTIONS[0]));
        first.add(FormField.number(MacroKeys.SEGMENT, "Segment (number to edit; " + (meta.segments().size() + 1) + " adds one)", 1));
        first.add(FormField.path(MacroKeys.TEMPLATE, "Template (dcmqi JSON, for load/save)", "", 40, FormField.Browse.FILE));
        first.add(FormField.path(MacroKeys.ROIS, "ROIs (for rois: RoiSet.zip; empty = ROI Manager)", "", 40, FormField.Browse.FILE));
        if (!first.show()) return null;
        String action = first.choice(MacroKeys.ACTION);
        String template = first.string(MacroKeys.TEMPLATE);
        switch (action) {
            case "load": {
                if (template.isEmpty()) throw new IllegalArgumentException("Give the dcmqi JSON to load: " + MacroKeys.TEMPLATE + "=[path]");
                DcmqiMetadata loaded = DcmqiMetadataReader.readFile(Paths.get(template));
                SegmentMetadataProperty.set(imp, loaded);
                IJ.log(COMMAND + ": loaded " + loaded.segments().size() + " segment(s) from " + template + " onto '" + imp.getTitle() + "'");
                return loaded;
            }
            case "save": {
                if (template.isEmpty()) throw new IllegalArgumentException("Give the dcmqi JSON file to write: " + MacroKeys.TEMPLATE + "=[path]");
                Path p = Paths.get(template);
                if (p.getParent() != null && !Files.isDirectory(p.getParent())) {
                    throw new IllegalArgumentException("Folder " + p.getParent() + " does not exist");
                }
                DcmqiMetadataWriter.write(meta, p);
                IJ.log(COMMAND + ": saved " + meta.segments().size() + " segment(s) of '" + imp.getTitle() + "' to " + p);
                return meta;
            }
            case "rois": {
                DcmqiMetadata described = SegmentMetadataEditor.forRois(SegmentMetadataProperty.get(imp),
                        ExportRoisCommand.rois(first.string(MacroKeys.ROIS)));
                SegmentMetadataProperty.set(imp, described);
                IJ.log(COMMAND + ": '" + imp.getTitle() + "' now describes " + described.segments().size()
                        + " ROI segment(s) by name: " + labels(described) + "; edit them with action=edit");
                return described;
            }
            case "clear":
                SegmentMetadataProperty.set(imp, null);
                IJ.log(COMMAND + ": removed the segment metadata of '" + imp.getTitle() + "'");
                return null;
            default:
                break;
        }
        int number = first.number(MacroKeys.SEGMENT);
        SegmentDescription old = number >= 1 && number <= meta.segments().size() ? meta.segments().get(number - 1) : null;
        if (old == null && number != meta.segments().size() + 1) {
            throw new IllegalArgumentException("Segment " + number + " does not exist: there are " + meta.segments().size()
                    + " segments; edit 1.." + meta.segments().size() + ", or " + (meta.segments().size() + 1) + " to add one");
        }
        if (old == null) old = DefaultSegments.of(number, "Segment " + number, true, null);
        CommandForm edit = editForm(old);
        if (!edit.show()) return null;
        SegmentDescription d = SegmentEditForm.edited(old, edit, SegmentTerminologies.current());
        DcmqiMetadata updated = SegmentMetadataEditor.withSegment(meta, d, 0);
        SegmentMetadataProperty.set(imp, updated);
        IJ.log(COMMAND + ": segment " + number + " of '" + imp.getTitle() + "' is now " + d);
        return updated;
    }

    private static String labels(DcmqiMetadata m) {
        List<String> l = new ArrayList<>();
        for (SegmentDescription d : m.segments()) l.add(d.segmentNumber() + " " + d.label());
        return String.join(", ", l);
    }

    /** The second dialog: every editable attribute of one segment, defaults = its current values. */
    static CommandForm editForm(SegmentDescription d) throws IOException {
        return SegmentEditForm.form(COMMAND + " (segment " + d.segmentNumber() + ")", d, SegmentTerminologies.current());
    }

    /** The type meanings of a category in the current terminology, all types when it lists none. */
    static String[] typesOfCategory(String categoryMeaning) throws IOException {
        return SegmentEditForm.typesOfCategory(SegmentTerminologies.current(), categoryMeaning);
    }
}
