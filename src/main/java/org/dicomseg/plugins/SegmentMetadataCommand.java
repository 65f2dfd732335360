package org.dicomseg.plugins;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.Colors;
import ij.plugin.PlugIn;

import org.dicomseg.ij.export.DefaultSegments;
import org.dicomseg.ij.SegmentColors;
import org.dicomseg.ij.export.SegmentMetadataEditor;
import org.dicomseg.ij.SegmentMetadataProperty;
import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.dcmqi.DcmqiMetadataReader;
import org.dicomseg.dcmqi.DcmqiMetadataWriter;
import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CieLab;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.codes.CodeEntry;
import org.dicomseg.model.codes.CodeTables;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.model.codes.ContextGroup;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.ij.ui.CommandForm;
import org.dicomseg.ij.ui.FormField;
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
    public static final String NONE = "none";

    @Override
    public void run(String arg) {
        ImagePlus imp = WindowManager.getCurrentImage();
        if (imp == null) {
            CommandErrors.report(COMMAND, new IllegalStateException("There is no image open: segment metadata is stored on an image"));
            return;
        }
        CommandErrors.run(COMMAND, () -> apply(imp));
    }

    /** Runs the command on {@code imp}; returns the metadata now stored, or null when cancelled. */
    static DcmqiMetadata apply(ImagePlus imp) throws Exception {
        DcmqiMetadata meta = SegmentMetadataEditor.current(imp);
        CommandForm first = new CommandForm(COMMAND + "...");
        first.add(FormField.message(imp.getTitle() + ": " + meta.segments().size() + " segment(s)"
                + (SegmentMetadataProperty.get(imp) == null ? " (defaults, not yet stored)" : "")));
        first.add(FormField.choice(MacroKeys.ACTION, "Action", ACTIONS, ACTIONS[0]));
        first.add(FormField.number(MacroKeys.SEGMENT, "Segment (number to edit; " + (meta.segments().size() + 1) + " adds one)", 1));
        first.add(FormField.string(MacroKeys.TEMPLATE, "Template (dcmqi JSON, for load/save)", "", 40));
        first.add(FormField.string(MacroKeys.ROIS, "ROIs (for rois: RoiSet.zip; empty = ROI Manager)", "", 40));
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
        SegmentDescription d = edited(old, edit);
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
    static CommandForm editForm(SegmentDescription d) {
        CommandForm f = new CommandForm(COMMAND + " (segment " + d.segmentNumber() + ")");
        f.add(FormField.string(MacroKeys.LABEL, "Label", d.label(), 30));
        f.add(FormField.choice(MacroKeys.CATEGORY, "Category (CID 7150)", meanings(CodeTables.categories(), d.category(), false), d.category().meaning()));
        f.add(FormField.string(MacroKeys.CATEGORY_CODE, "Category_code (typed: overrides the list)", "", 30));
        f.add(FormField.choice(MacroKeys.TYPE, "Type (CID 7151)", meanings(CodeTables.types(), d.type(), false), d.type().meaning()));
        f.add(FormField.string(MacroKeys.TYPE_CODE, "Type_code (typed: overrides the list)", "", 30));
        CodedConcept region = d.anatomicRegions().isEmpty() ? null : d.anatomicRegions().get(0);
        f.add(FormField.choice(MacroKeys.REGION, "Region (anatomic, CID 4)", meanings(CodeTables.anatomicRegions(), region, true),
                region == null ? NONE : region.meaning()));
        f.add(FormField.string(MacroKeys.REGION_CODE, "Region_code (typed: overrides the list)", "", 30));
        f.add(FormField.message("Codes outside the lists: value^scheme^meaning, e.g. 84640000^SCT^Nucleus"));
        String[] algs = {"MANUAL", "SEMIAUTOMATIC", "AUTOMATIC"};
        f.add(FormField.choice(MacroKeys.ALGORITHM, "Algorithm type", algs, d.algorithmType().name()));
        AlgorithmIdentification a = d.algorithmIdentification();
        f.add(FormField.string(MacroKeys.ALGORITHM_NAME, "Algorithm_name", a != null ? a.name() : DefaultSegments.ALGORITHM_NAME, 20));
        f.add(FormField.string(MacroKeys.ALGORITHM_VERSION, "Algorithm_version", a != null ? a.version() : IJ.getVersion(), 12));
        f.add(FormField.string(MacroKeys.TRACKING_ID, "Tracking_ID", d.trackingId() != null ? d.trackingId() : "", 20));
        f.add(FormField.string(MacroKeys.TRACKING_UID, "Tracking_UID (blank = new)", d.trackingUid() != null ? d.trackingUid() : "", 40));
        f.linkChoices(MacroKeys.CATEGORY, MacroKeys.TYPE, SegmentMetadataCommand::typesOfCategory);
        Color c = d.recommendedDisplayCieLab() != null ? new Color(d.recommendedDisplayCieLab().toRgbInt()) : SegmentColors.palette(d.segmentNumber());
        f.add(FormField.string(MacroKeys.COLOR, "Color (#rrggbb or name)", Colors.colorToString(c), 10));
        return f;
    }

    /** The type meanings of a category (CID 7151 entries whose parent it is), all types when it has none. */
    static String[] typesOfCategory(String categoryMeaning) {
        Optional<CodeEntry> cat = CodeTables.categories().findByMeaning(categoryMeaning);
        List<String> l = new ArrayList<>();
        if (cat.isPresent()) {
            for (CodeEntry e : CodeTables.types().childrenOf(cat.get().concept())) l.add(e.meaning());
        }
        if (l.isEmpty()) return meanings(CodeTables.types(), null, false);
        l.sort(String.CASE_INSENSITIVE_ORDER);
        return new LinkedHashSet<>(l).toArray(new String[0]);
    }

    private static String[] meanings(ContextGroup g, CodedConcept current, boolean withNone) {
        Set<String> s = new LinkedHashSet<>();
        if (withNone) s.add(NONE);
        if (current != null) s.add(current.meaning());
        List<String> sorted = new ArrayList<>();
        for (CodeEntry e : g.entries()) sorted.add(e.meaning());
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        s.addAll(sorted);
        return s.toArray(new String[0]);
    }

    /** The description the edit dialog's answers give. */
    static SegmentDescription edited(SegmentDescription old, CommandForm f) {
        CodedConcept category = typed(f, MacroKeys.CATEGORY_CODE);
        if (category == null) category = pick(CodeTables.categories(), f.choice(MacroKeys.CATEGORY), old.category(), null);
        CodedConcept type = typed(f, MacroKeys.TYPE_CODE);
        if (type == null) type = pick(CodeTables.types(), f.choice(MacroKeys.TYPE), old.type(), category);
        if (type == null && f.choice(MacroKeys.TYPE).equalsIgnoreCase(Codes.TISSUE.meaning())) type = Codes.TISSUE;
        if (type == null) throw new IllegalArgumentException("Unknown segmented property type '" + f.choice(MacroKeys.TYPE) + "'");
        SegmentDescription.Builder b = SegmentDescription.builder(old.segmentNumber(), f.string(MacroKeys.LABEL))
                .description(old.description()).category(category).type(type);
        if (type.equals(old.type())) old.typeModifiers().forEach(b::addTypeModifier);
        String regionText = f.choice(MacroKeys.REGION);
        CodedConcept oldRegion = old.anatomicRegions().isEmpty() ? null : old.anatomicRegions().get(0);
        CodedConcept typedRegion = typed(f, MacroKeys.REGION_CODE);
        if (typedRegion != null || !regionText.equals(NONE)) {
            CodedConcept region = typedRegion != null ? typedRegion : pick(CodeTables.anatomicRegions(), regionText, oldRegion, null);
            if (region == null) throw new IllegalArgumentException("Unknown anatomic region '" + regionText + "'");
            b.addAnatomicRegion(region);
            if (region.equals(oldRegion)) old.anatomicRegionModifiers().forEach(b::addAnatomicRegionModifier);
        }
        old.primaryAnatomicStructures().forEach(b::addPrimaryAnatomicStructure);
        SegmentAlgorithmType alg = SegmentAlgorithmType.parse(f.choice(MacroKeys.ALGORITHM));
        b.algorithmType(alg);
        String name = f.string(MacroKeys.ALGORITHM_NAME), version = f.string(MacroKeys.ALGORITHM_VERSION);
        if (alg != SegmentAlgorithmType.MANUAL) {
            if (name.isEmpty() || version.isEmpty()) {
                throw new IllegalArgumentException(alg + " segments need an algorithm name and version");
            }
            AlgorithmIdentification a = old.algorithmIdentification();
            CodedConcept family = a != null ? a.family()
                    : alg == SegmentAlgorithmType.AUTOMATIC ? Codes.HISTOGRAM_ANALYSIS : Codes.MANUAL_PROCESSING;
            b.algorithm(new AlgorithmIdentification(family, name, version,
                    a != null ? a.source() : null, a != null ? a.parameters() : null));
        }
        String tid = f.string(MacroKeys.TRACKING_ID), tuid = f.string(MacroKeys.TRACKING_UID);
        if (!tid.isEmpty()) {
            if (tuid.isEmpty()) b.tracking(tid);
            else b.trackingId(tid).trackingUid(tuid);
        } else if (!tuid.isEmpty()) {
            throw new IllegalArgumentException("A Tracking UID needs a Tracking ID");
        }
        String col = f.string(MacroKeys.COLOR);
        Color c = Colors.decode(col.toLowerCase(Locale.ROOT), null);
        if (c == null) throw new IllegalArgumentException("Colour '" + col + "' is not #rrggbb or an ImageJ colour name");
        b.color(CieLab.fromRgb(c.getRed(), c.getGreen(), c.getBlue()));
        if (old.recommendedDisplayCieLab() != null && new Color(old.recommendedDisplayCieLab().toRgbInt()).equals(c)) {
            b.color(old.recommendedDisplayCieLab()); // unchanged colour keeps its exact CIELab value
        }
        return b.build();
    }

    /** The code typed in field {@code key} (value^scheme^meaning), or null when it is blank. */
    private static CodedConcept typed(CommandForm f, String key) {
        String text = f.string(key);
        if (text.isEmpty()) return null;
        try {
            return CodedConcept.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** The concept with this meaning: the current one, else (for types) a child of the category, else any in the group. */
    private static CodedConcept pick(ContextGroup g, String meaning, CodedConcept current, CodedConcept parent) {
        if (current != null && current.meaning().equalsIgnoreCase(meaning)) return current;
        if (parent != null) {
            for (CodeEntry e : g.childrenOf(parent)) if (e.meaning().equalsIgnoreCase(meaning)) return e.concept();
        }
        Optional<CodeEntry> e = g.findByMeaning(meaning);
        return e.map(CodeEntry::concept).orElse(null);
    }
}
