package org.dicomseg.model.codes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.dicomseg.model.CodedConcept;

/**
 * A DICOM context group (PS3.16 Annex B, "CID nnnn"): a named, ordered list of coded concepts that
 * are suggested (baseline) or required (defined) for one attribute, e.g. CID 7150 for Segmented
 * Property Category Code Sequence.
 *
 * <p>The project's built-in groups are loaded by {@link CodeTables}; a group can also be made from
 * any list of entries (e.g. the types of one category in a Slicer terminology file). Immutable.
 * Look-ups by value and scheme are exact; look-ups by meaning ignore case and surrounding blanks.</p>
 */
public final class ContextGroup {
    private final String cid;
    private final String name;
    private final List<CodeEntry> entries;
    private final Map<CodedConcept, CodeEntry> byCode;

    /**
     * @param cid     the context group identifier, e.g. "7150" (free text for groups that are not
     *                part of the standard)
     * @param name    the context group name, e.g. "Segmentation Property Categories"
     * @param entries the concepts in display order; a repeated code keeps its first entry
     */
    public ContextGroup(String cid, String name, List<CodeEntry> entries) {
        this.cid = Objects.requireNonNull(cid, "cid");
        this.name = name == null ? "" : name;
        Map<CodedConcept, CodeEntry> map = new LinkedHashMap<>();
        for (CodeEntry e : entries) {
            map.putIfAbsent(Objects.requireNonNull(e, "entry").concept(), e);
        }
        this.byCode = Collections.unmodifiableMap(map);
        this.entries = Collections.unmodifiableList(new ArrayList<>(map.values()));
    }

    /** The context group identifier, e.g. "7150". */
    public String cid() { return cid; }

    /** The context group name. */
    public String name() { return name; }

    /** All entries, in table order. */
    public List<CodeEntry> entries() { return entries; }

    /** All concepts, in table order. */
    public List<CodedConcept> concepts() {
        List<CodedConcept> l = new ArrayList<>(entries.size());
        for (CodeEntry e : entries) l.add(e.concept());
        return Collections.unmodifiableList(l);
    }

    public int size() { return entries.size(); }

    /** The entry with this code value and coding scheme designator. */
    public Optional<CodeEntry> find(String value, String schemeDesignator) {
        if (value == null || schemeDesignator == null || value.isBlank() || schemeDesignator.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(byCode.get(new CodedConcept(value, schemeDesignator, "x")));
    }

    /** The entry for this concept (value and scheme compared; the meaning is ignored). */
    public Optional<CodeEntry> find(CodedConcept concept) {
        return concept == null ? Optional.empty() : Optional.ofNullable(byCode.get(concept));
    }

    /** The first entry whose meaning equals {@code meaning}, ignoring case and surrounding blanks. */
    public Optional<CodeEntry> findByMeaning(String meaning) {
        if (meaning == null) return Optional.empty();
        String m = meaning.trim();
        for (CodeEntry e : entries) {
            if (e.meaning().equalsIgnoreCase(m)) return Optional.of(e);
        }
        return Optional.empty();
    }

    /** Entries whose meaning contains {@code text}, ignoring case; for type-ahead pickers. */
    public List<CodeEntry> search(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        List<CodeEntry> l = new ArrayList<>();
        for (CodeEntry e : entries) {
            if (e.meaning().toLowerCase(Locale.ROOT).contains(t)) l.add(e);
        }
        return Collections.unmodifiableList(l);
    }

    /** True when the concept (value and scheme) is in this group. */
    public boolean contains(CodedConcept concept) { return find(concept).isPresent(); }

    /** The entries listed under {@code parent} (e.g. the types of one category). */
    public List<CodeEntry> childrenOf(CodedConcept parent) {
        List<CodeEntry> l = new ArrayList<>();
        for (CodeEntry e : entries) {
            if (parent != null && parent.equals(e.parent())) l.add(e);
        }
        return Collections.unmodifiableList(l);
    }

    /** The concept with this value and scheme; fails with a message naming the group when absent. */
    public CodedConcept require(String value, String schemeDesignator) {
        return find(value, schemeDesignator).map(CodeEntry::concept).orElseThrow(() -> new IllegalStateException(
                "Code (" + value + ", " + schemeDesignator + ") is not in CID " + cid + " " + name));
    }

    @Override public String toString() { return "CID " + cid + " " + name + " (" + entries.size() + " concepts)"; }
}
