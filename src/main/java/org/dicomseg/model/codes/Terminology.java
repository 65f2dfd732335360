package org.dicomseg.model.codes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.dicomseg.model.CodedConcept;

/**
 * A segmentation terminology brought by the user: the pick-list format used by 3D Slicer and
 * dcmqi ("segment-context" JSON). Two kinds exist:
 * <ul>
 *   <li>{@link Kind#CATEGORY_TYPE} ({@code SegmentationCategoryTypeContextName}): categories
 *       (CID 7150) each listing types (CID 7151 and its included groups), types listing modifiers
 *       (usually CID 244 Laterality);</li>
 *   <li>{@link Kind#ANATOMIC} ({@code AnatomicContextName}): anatomic regions (CID 4 family) with
 *       their modifiers.</li>
 * </ul>
 * Read one with {@link TerminologyReader}. Immutable.
 */
public final class Terminology {
    /** Which of the two Slicer terminology formats a file is. */
    public enum Kind { CATEGORY_TYPE, ANATOMIC }

    private final String name;
    private final Kind kind;
    private final List<TerminologyEntry> roots;

    public Terminology(String name, Kind kind, List<TerminologyEntry> roots) {
        this.name = name == null ? "" : name;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.roots = Collections.unmodifiableList(new ArrayList<>(roots));
    }

    /** The context name given in the file. */
    public String name() { return name; }
    public Kind kind() { return kind; }

    /** Categories (CATEGORY_TYPE) or anatomic regions (ANATOMIC), in file order. */
    public List<TerminologyEntry> roots() { return roots; }

    /** The root (category or region) with this meaning, ignoring case. */
    public Optional<TerminologyEntry> findRoot(String meaning) {
        for (TerminologyEntry e : roots) {
            if (e.concept().meaning().equalsIgnoreCase(meaning.trim())) return Optional.of(e);
        }
        return Optional.empty();
    }

    /** The root with this code (value and scheme). */
    public Optional<TerminologyEntry> findRoot(CodedConcept code) {
        for (TerminologyEntry e : roots) {
            if (e.concept().equals(code)) return Optional.of(e);
        }
        return Optional.empty();
    }

    /** The roots as a context group (e.g. the categories, for a category picker). */
    public ContextGroup rootGroup() {
        List<CodeEntry> l = new ArrayList<>();
        for (TerminologyEntry e : roots) l.add(e.toCodeEntry(null));
        return new ContextGroup(kind == Kind.ANATOMIC ? "regions" : "categories", name, l);
    }

    /** The types of one category as a context group (entries' parent = the category). */
    public ContextGroup typesOf(CodedConcept category) {
        List<CodeEntry> l = new ArrayList<>();
        findRoot(category).ifPresent(c -> {
            for (TerminologyEntry t : c.children()) l.add(t.toCodeEntry(c.concept()));
        });
        return new ContextGroup("types", name + " / " + (category == null ? "" : category.meaning()), l);
    }

    /** Every type of every category, each linked to its category (first listing wins). */
    public ContextGroup allTypes() {
        List<CodeEntry> l = new ArrayList<>();
        for (TerminologyEntry c : roots) {
            for (TerminologyEntry t : c.children()) l.add(t.toCodeEntry(c.concept()));
        }
        return new ContextGroup("types", name, l);
    }

    /** Number of codes in the file: roots, their children and all modifiers. */
    public int conceptCount() {
        int n = 0;
        for (TerminologyEntry r : roots) {
            n += 1 + r.modifiers().size();
            for (TerminologyEntry t : r.children()) n += 1 + t.modifiers().size();
        }
        return n;
    }

    @Override public String toString() { return kind + " terminology '" + name + "' (" + roots.size() + " roots)"; }
}
