package org.dicomseg.ij.ui;

import java.awt.Button;
import java.awt.Choice;
import java.awt.Color;
import java.awt.Label;
import java.awt.Panel;
import java.awt.TextField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import ij.IJ;
import ij.gui.GenericDialog;
import ij.plugin.Colors;

import org.dicomseg.ij.SegmentColors;
import org.dicomseg.ij.export.DefaultSegments;
import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CieLab;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.codes.CodeEntry;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.model.codes.ContextGroup;
import org.dicomseg.model.codes.TerminologyCatalog;
import org.dicomseg.options.MacroKeys;

/**
 * The second dialog of Segment Metadata... (action {@code edit}): every editable attribute of one
 * segment description (PS3.3 C.8.20.2: label, Segmented Property Category and Type, Anatomic
 * Region, Segment Algorithm Type and Identification, Tracking ID/UID, Recommended Display CIELab
 * Value), its pick-lists from a {@link TerminologyCatalog}. In the GUI a search box finds a type
 * in the whole terminology (and selects its category), picking a category narrows the type list,
 * and picking a type sets its recommended colour. Every field is recorded, so the recorded line
 * replays the edit; blank algorithm name/version take {@code ImageJ} and ImageJ's version when
 * applied, so no version is frozen into the recorded line.
 */
public final class SegmentEditForm {
    /** The region choice meaning "no anatomic region". */
    public static final String NONE = "none";
    /** The panel id of the type search box. */
    static final String SEARCH = "search";
    /** The panel id of the region search box. */
    static final String SEARCH_REGION = "search_region";
    /** Most search results listed at once. */
    static final int MAX_RESULTS = 300;

    private SegmentEditForm() { }

    /** The dialog for {@code d} (defaults = its current values), lists from {@code cat}. */
    public static CommandForm form(String title, SegmentDescription d, TerminologyCatalog cat) {
        CommandForm f = new CommandForm(title).helpPage(HelpPages.SEGMENT_METADATA);
        f.add(FormField.string(MacroKeys.LABEL, "Label", d.label(), 30));
        f.add(FormField.panel(SEARCH));
        f.add(FormField.choice(MacroKeys.CATEGORY, "Category (CID 7150)", meanings(cat.categories(), d.category(), false), d.category().meaning()));
        f.add(FormField.string(MacroKeys.CATEGORY_CODE, "Category_code (typed: overrides the list)", "", 30));
        f.add(FormField.choice(MacroKeys.TYPE, "Type (CID 7151)", meanings(cat.types(), d.type(), false), d.type().meaning()));
        f.add(FormField.string(MacroKeys.TYPE_CODE, "Type_code (typed: overrides the list)", "", 30));
        CodedConcept region = d.anatomicRegions().isEmpty() ? null : d.anatomicRegions().get(0);
        f.add(FormField.panel(SEARCH_REGION));
        f.add(FormField.choice(MacroKeys.REGION, "Region (anatomic, CID 4)", meanings(cat.regions(), region, true),
                region == null ? NONE : region.meaning()));
        f.add(FormField.string(MacroKeys.REGION_CODE, "Region_code (typed: overrides the list)", "", 30));
        f.add(FormField.message("Codes outside the lists: value^scheme^meaning, e.g. 84640000^SCT^Nucleus"));
        String[] algs = {"MANUAL", "SEMIAUTOMATIC", "AUTOMATIC"};
        f.add(FormField.choice(MacroKeys.ALGORITHM, "Algorithm type", algs, d.algorithmType().name()));
        AlgorithmIdentification a = d.algorithmIdentification();
        // ImageJ's own identification shows blank (= ImageJ and its version when applied): no version is recorded
        boolean imageJ = a != null && a.name().equals(DefaultSegments.ALGORITHM_NAME);
        f.add(FormField.string(MacroKeys.ALGORITHM_NAME, "Algorithm_name (blank = ImageJ)", a != null && !imageJ ? a.name() : "", 20));
        f.add(FormField.string(MacroKeys.ALGORITHM_VERSION, "Algorithm_version (blank = ImageJ's)",
                a != null && !(imageJ && a.version().equals(IJ.getVersion())) ? a.version() : "", 12));
        f.add(FormField.string(MacroKeys.TRACKING_ID, "Tracking_ID", d.trackingId() != null ? d.trackingId() : "", 20));
        f.add(FormField.string(MacroKeys.TRACKING_UID, "Tracking_UID (blank = new)", d.trackingUid() != null ? d.trackingUid() : "", 40));
        Color c = d.recommendedDisplayCieLab() != null ? new Color(d.recommendedDisplayCieLab().toRgbInt()) : SegmentColors.palette(d.segmentNumber());
        f.add(FormField.string(MacroKeys.COLOR, "Color (#rrggbb or name)", Colors.colorToString(c), 10));
        f.linkChoices(MacroKeys.CATEGORY, MacroKeys.TYPE, m -> typesOfCategory(cat, m));
        f.decorate(gd -> wire(f, gd, cat, d));
        return f;
    }

    /** The type meanings of a category, sorted; all types when it lists none. */
    public static String[] typesOfCategory(TerminologyCatalog cat, String categoryMeaning) {
        Optional<CodeEntry> c = cat.categories().findByMeaning(categoryMeaning);
        List<String> l = new ArrayList<>();
        if (c.isPresent()) for (CodeEntry e : cat.typesOf(c.get().concept())) l.add(e.meaning());
        if (l.isEmpty()) return meanings(cat.types(), null, false);
        l.sort(String.CASE_INSENSITIVE_ORDER);
        return new LinkedHashSet<>(l).toArray(new String[0]);
    }

    /** GUI only: the type list starts narrowed to the category, the search box, the colour of a picked type. */
    private static void wire(CommandForm f, GenericDialog gd, TerminologyCatalog cat, SegmentDescription d) {
        Choice category = (Choice) f.component(gd, MacroKeys.CATEGORY);
        Choice type = (Choice) f.component(gd, MacroKeys.TYPE);
        TextField color = (TextField) f.component(gd, MacroKeys.COLOR);
        setItems(type, withCurrent(typesOfCategory(cat, category.getSelectedItem()), d.type().meaning()), d.type().meaning());
        Panel p = f.panel(SEARCH);
        if (p != null) {
            searchBox(p, "Find type:", cat.types().size() + " types", text -> {
                List<CodeEntry> hits = cat.search(text, MAX_RESULTS);
                if (!hits.isEmpty()) {
                    setItems(type, meaningsOf(hits), null);
                    typePicked(cat, category, type, color);
                }
                return hits.size();
            }, () -> setItems(type, typesOfCategory(cat, category.getSelectedItem()), type.getSelectedItem()));
        }
        Choice region = (Choice) f.component(gd, MacroKeys.REGION);
        String[] allRegions = items(region);
        Panel r = f.panel(SEARCH_REGION);
        if (r != null) {
            searchBox(r, "Find region:", cat.regions().size() + " regions", text -> {
                List<CodeEntry> hits = cat.searchRegions(text, MAX_RESULTS);
                if (!hits.isEmpty()) setItems(region, meaningsOf(hits), null);
                return hits.size();
            }, () -> setItems(region, allRegions, region.getSelectedItem()));
        }
        type.addItemListener(e -> typePicked(cat, category, type, color));
    }

    /**
     * A search box in {@code p}: from 2 characters on, {@code find} lists the matches (returns how
     * many); "All" lists everything again ({@code all}).
     */
    private static void searchBox(Panel p, String label, String what, java.util.function.ToIntFunction<String> find, Runnable all) {
        TextField search = new TextField("", 24);
        Label found = new Label("search " + what + "      ");
        Button clear = new Button("All");
        p.add(new Label(label));
        p.add(search);
        p.add(clear);
        p.add(found);
        search.addTextListener(e -> {
            String text = search.getText().trim();
            if (text.length() < 2) return;
            int n = find.applyAsInt(text);
            found.setText(n == 0 ? "no match" : n + (n == MAX_RESULTS ? "+" : "") + " found");
        });
        clear.addActionListener(e -> {
            search.setText("");
            found.setText("search " + what);
            all.run();
        });
    }

    private static String[] meaningsOf(List<CodeEntry> hits) {
        Set<String> items = new LinkedHashSet<>();
        for (CodeEntry h : hits) items.add(h.meaning());
        return items.toArray(new String[0]);
    }

    /** A type was picked: its category (when the current one does not list it) and its recommended colour. */
    private static void typePicked(TerminologyCatalog cat, Choice category, Choice type, TextField color) {
        CodedConcept t = pickType(cat, type.getSelectedItem(), category.getSelectedItem());
        if (t == null) return;
        List<String> cats = cat.categoriesOf(t);
        if (!cats.isEmpty() && !cats.contains(category.getSelectedItem().toLowerCase(Locale.ROOT))) {
            for (String item : items(category)) {
                if (item.equalsIgnoreCase(cats.get(0))) {
                    category.select(item);
                    break;
                }
            }
        }
        cat.recommendedRgb(t).ifPresent(rgb -> color.setText(Colors.colorToString(new Color(rgb[0], rgb[1], rgb[2]))));
    }

    private static String[] items(Choice c) {
        String[] s = new String[c.getItemCount()];
        for (int i = 0; i < s.length; i++) s[i] = c.getItem(i);
        return s;
    }

    private static String[] withCurrent(String[] items, String current) {
        Set<String> s = new LinkedHashSet<>();
        s.add(current);
        s.addAll(Arrays.asList(items));
        return s.toArray(new String[0]);
    }

    private static void setItems(Choice c, String[] items, String keep) {
        c.removeAll();
        for (String it : items) c.add(it);
        if (keep != null && Arrays.asList(items).contains(keep)) c.select(keep);
    }

    static String[] meanings(ContextGroup g, CodedConcept current, boolean withNone) {
        Set<String> s = new LinkedHashSet<>();
        if (withNone) s.add(NONE);
        if (current != null) s.add(current.meaning());
        List<String> sorted = new ArrayList<>();
        for (CodeEntry e : g.entries()) sorted.add(e.meaning());
        sorted.sort(String.CASE_INSENSITIVE_ORDER);
        s.addAll(sorted);
        return s.toArray(new String[0]);
    }

    /**
     * The description the dialog's answers give. A type that a macro changes without giving a
     * colour takes the type's recommended colour (in the dialog, picking a type fills it in).
     */
    public static SegmentDescription edited(SegmentDescription old, CommandForm f, TerminologyCatalog cat) {
        CodedConcept category = typed(f, MacroKeys.CATEGORY_CODE);
        if (category == null) category = pick(cat.categories(), f.choice(MacroKeys.CATEGORY), old.category());
        CodedConcept type = typed(f, MacroKeys.TYPE_CODE);
        if (type == null) {
            type = old.type().meaning().equalsIgnoreCase(f.choice(MacroKeys.TYPE)) ? old.type()
                    : pickType(cat, f.choice(MacroKeys.TYPE), category.meaning(), category);
        }
        if (type == null && f.choice(MacroKeys.TYPE).equalsIgnoreCase(Codes.TISSUE.meaning())) type = Codes.TISSUE;
        if (type == null) throw new IllegalArgumentException("Unknown segmented property type '" + f.choice(MacroKeys.TYPE) + "'");
        SegmentDescription.Builder b = SegmentDescription.builder(old.segmentNumber(), f.string(MacroKeys.LABEL))
                .description(old.description()).category(category).type(type);
        if (type.equals(old.type())) old.typeModifiers().forEach(b::addTypeModifier);
        String regionText = f.choice(MacroKeys.REGION);
        CodedConcept oldRegion = old.anatomicRegions().isEmpty() ? null : old.anatomicRegions().get(0);
        CodedConcept typedRegion = typed(f, MacroKeys.REGION_CODE);
        if (typedRegion != null || !regionText.equals(NONE)) {
            CodedConcept region = typedRegion != null ? typedRegion : pick(cat.regions(), regionText, oldRegion);
            if (region == null) throw new IllegalArgumentException("Unknown anatomic region '" + regionText + "'");
            b.addAnatomicRegion(region);
            if (region.equals(oldRegion)) old.anatomicRegionModifiers().forEach(b::addAnatomicRegionModifier);
        }
        old.primaryAnatomicStructures().forEach(b::addPrimaryAnatomicStructure);
        SegmentAlgorithmType alg = SegmentAlgorithmType.parse(f.choice(MacroKeys.ALGORITHM));
        b.algorithmType(alg);
        String name = f.string(MacroKeys.ALGORITHM_NAME), version = f.string(MacroKeys.ALGORITHM_VERSION);
        if (alg != SegmentAlgorithmType.MANUAL) {
            AlgorithmIdentification a = old.algorithmIdentification();
            CodedConcept family = a != null ? a.family()
                    : alg == SegmentAlgorithmType.AUTOMATIC ? Codes.HISTOGRAM_ANALYSIS : Codes.MANUAL_PROCESSING;
            b.algorithm(new AlgorithmIdentification(family, name.isEmpty() ? DefaultSegments.ALGORITHM_NAME : name,
                    version.isEmpty() ? IJ.getVersion() : version, a != null ? a.source() : null, a != null ? a.parameters() : null));
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
        // a macro that changes the type and gives no colour gets the type's recommended colour (the GUI fills it in)
        String macro = ij.Macro.getOptions();
        boolean colourGiven = macro == null || ij.Macro.getValue(macro + " ", MacroKeys.COLOR, null) != null;
        Optional<int[]> recommended = type.equals(old.type()) || colourGiven ? Optional.empty() : cat.recommendedRgb(type);
        if (recommended.isPresent()) {
            int[] rgb = recommended.get();
            b.color(CieLab.fromRgb(rgb[0], rgb[1], rgb[2]));
        } else if (old.recommendedDisplayCieLab() != null && new Color(old.recommendedDisplayCieLab().toRgbInt()).equals(c)) {
            b.color(old.recommendedDisplayCieLab()); // unchanged colour keeps its exact CIELab value
        } else {
            b.color(CieLab.fromRgb(c.getRed(), c.getGreen(), c.getBlue()));
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

    /** The concept with this meaning: the current one, else any in the group. */
    private static CodedConcept pick(ContextGroup g, String meaning, CodedConcept current) {
        if (current != null && current.meaning().equalsIgnoreCase(meaning)) return current;
        return g.findByMeaning(meaning).map(CodeEntry::concept).orElse(null);
    }

    private static CodedConcept pickType(TerminologyCatalog cat, String meaning, String categoryMeaning) {
        CodedConcept c = cat.categories().findByMeaning(categoryMeaning).map(CodeEntry::concept).orElse(null);
        return pickType(cat, meaning, categoryMeaning, c);
    }

    /** The type with this meaning: one listed under the category first, else any. */
    private static CodedConcept pickType(TerminologyCatalog cat, String meaning, String categoryMeaning, CodedConcept category) {
        for (CodeEntry e : cat.typesOf(category)) if (e.meaning().equalsIgnoreCase(meaning)) return e.concept();
        return cat.types().findByMeaning(meaning).map(CodeEntry::concept).orElse(null);
    }
}
