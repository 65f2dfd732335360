package org.dicomseg.model.codes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.dicomseg.model.CodedConcept;

/**
 * The pick-lists of a segment description: Segmented Property Categories (CID 7150), their Types
 * (CID 7151 and its included groups) and Anatomic Regions (CID 4 family), PS3.3 C.8.20.2 — the
 * project's built-in {@link CodeTables} (written from PS3.16 CID 7150, 7151 and 4), by default
 * alone, or joined with the Slicer/dcmqi-format {@link Terminology} files a lab names (its own list,
 * or e.g. dcmqi's "DICOM-Master" lists; no such file is shipped with the plugin). Where both list a
 * code, the built-in entry comes first (and its recommended colour, when it gives one); a type only a
 * file lists takes its code, category and colour from the file. Searchable by meaning. Immutable.
 */
public final class TerminologyCatalog {
    private final ContextGroup categories;
    private final ContextGroup types;
    private final Map<String, List<CodeEntry>> typesByCategory;
    private final ContextGroup regions;
    private final String source;
    private final Map<CodedConcept, int[]> colours;

    private TerminologyCatalog(ContextGroup categories, ContextGroup types, Map<String, List<CodeEntry>> typesByCategory,
            ContextGroup regions, String source, Map<CodedConcept, int[]> colours) {
        this.colours = colours;
        this.categories = categories;
        this.types = types;
        this.typesByCategory = typesByCategory;
        this.regions = regions;
        this.source = source;
    }

    /** The built-in tables only (what Segment Metadata... offers when Options... names no terminology file). */
    public static TerminologyCatalog builtIn() { return of(null, null); }

    /**
     * The built-in tables joined with {@code categoryTypes} and {@code anatomic}; either may be null.
     *
     * @throws IllegalArgumentException when a terminology is of the other kind
     */
    public static TerminologyCatalog of(Terminology categoryTypes, Terminology anatomic) {
        if (categoryTypes != null && categoryTypes.kind() != Terminology.Kind.CATEGORY_TYPE) {
            throw new IllegalArgumentException("'" + categoryTypes.name() + "' lists anatomic regions, not categories and types");
        }
        if (anatomic != null && anatomic.kind() != Terminology.Kind.ANATOMIC) {
            throw new IllegalArgumentException("'" + anatomic.name() + "' lists categories and types, not anatomic regions");
        }
        // the built-in tables first: they follow the current standard where a list keeps an older code
        // for the same meaning (e.g. Anatomical Structure, (91723000, SCT) since 2019, not (123037004, SCT))
        List<CodeEntry> cats = new ArrayList<>(CodeTables.categories().entries());
        List<CodeEntry> allTypes = new ArrayList<>();
        Map<String, List<CodeEntry>> byCat = new LinkedHashMap<>();
        for (CodeEntry t : CodeTables.types().entries()) {
            allTypes.add(t);
            if (t.parent() != null) addUnique(byCat.computeIfAbsent(key(t.parent().meaning()), k -> new ArrayList<>()), t);
        }
        if (categoryTypes != null) {
            for (TerminologyEntry c : categoryTypes.roots()) {
                cats.add(c.toCodeEntry(null));
                List<CodeEntry> listed = byCat.computeIfAbsent(key(c.concept().meaning()), k -> new ArrayList<>());
                for (TerminologyEntry t : c.children()) {
                    CodeEntry e = t.toCodeEntry(c.concept());
                    allTypes.add(e);
                    addUnique(listed, e);
                }
            }
        }
        List<CodeEntry> regs = new ArrayList<>(CodeTables.anatomicRegions().entries());
        if (anatomic != null) for (TerminologyEntry r : anatomic.roots()) regs.add(r.toCodeEntry(null));
        Map<String, List<CodeEntry>> frozen = new LinkedHashMap<>();
        byCat.forEach((k, v) -> frozen.put(k, Collections.unmodifiableList(v)));
        String src = (categoryTypes != null ? categoryTypes.name() : "built-in CID 7150/7151")
                + " + " + (anatomic != null ? anatomic.name() : "built-in CID 4");
        return new TerminologyCatalog(new ContextGroup("7150", "Segmentation Property Categories", cats),
                new ContextGroup("7151", "Segmentation Property Types", allTypes), Collections.unmodifiableMap(frozen),
                new ContextGroup("4", "Anatomic Regions", regs), src, colours(allTypes));
    }

    /** The first recommended colour given for each type code, whichever list gives it. */
    private static Map<CodedConcept, int[]> colours(List<CodeEntry> types) {
        Map<CodedConcept, int[]> m = new java.util.HashMap<>();
        for (CodeEntry t : types) if (t.recommendedRgb() != null) m.putIfAbsent(t.concept(), t.recommendedRgb());
        return m;
    }

    private static String key(String meaning) {
        return meaning.trim().toLowerCase(Locale.ROOT);
    }

    /** Adds {@code e} unless a type of the same code or the same meaning is listed already. */
    private static void addUnique(List<CodeEntry> l, CodeEntry e) {
        for (CodeEntry o : l) if (o.equals(e) || o.meaning().equalsIgnoreCase(e.meaning())) return;
        l.add(e);
    }

    /** Every category. */
    public ContextGroup categories() { return categories; }

    /** Every type of every category (entries' parent = the category they were first listed under). */
    public ContextGroup types() { return types; }

    /** Every anatomic region. */
    public ContextGroup regions() { return regions; }

    /**
     * The types listed under {@code category}, by its meaning (a list may give an older code for the
     * same category); empty when none.
     */
    public List<CodeEntry> typesOf(CodedConcept category) {
        List<CodeEntry> l = category == null ? null : typesByCategory.get(key(category.meaning()));
        return l == null ? List.of() : l;
    }

    /** The meanings (lower case) of the categories {@code type} is listed under, in catalogue order. */
    public List<String> categoriesOf(CodedConcept type) {
        List<String> l = new ArrayList<>();
        typesByCategory.forEach((c, ts) -> {
            for (CodeEntry t : ts) if (t.concept().equals(type)) l.add(c);
        });
        return l;
    }

    /**
     * Types whose meaning contains every word of {@code text} (case ignored), those starting with it
     * first, at most {@code max}; for a search box.
     */
    public List<CodeEntry> search(String text, int max) {
        return search(types, text, max);
    }

    /** Anatomic regions found as {@link #search} finds types. */
    public List<CodeEntry> searchRegions(String text, int max) {
        return search(regions, text, max);
    }

    private static List<CodeEntry> search(ContextGroup group, String text, int max) {
        String[] words = text == null ? new String[0] : text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        List<CodeEntry> first = new ArrayList<>(), other = new ArrayList<>();
        for (CodeEntry e : group.entries()) {
            String m = e.meaning().toLowerCase(Locale.ROOT);
            boolean all = true;
            for (String w : words) all &= m.contains(w);
            if (!all) continue;
            (words.length > 0 && m.startsWith(words[0]) ? first : other).add(e);
        }
        first.addAll(other);
        return first.size() > max ? first.subList(0, max) : first;
    }

    /** The recommended display colour of {@code type} (8-bit sRGB), when a list gives one. */
    public Optional<int[]> recommendedRgb(CodedConcept type) {
        int[] rgb = type == null ? null : colours.get(type);
        return rgb == null ? Optional.empty() : Optional.of(rgb.clone());
    }

    @Override public String toString() {
        return source + ": " + categories.size() + " categories, " + types.size() + " types, " + regions.size() + " anatomic regions";
    }
}
