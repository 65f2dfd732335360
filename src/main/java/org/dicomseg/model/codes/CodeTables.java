package org.dicomseg.model.codes;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dicomseg.model.CodedConcept;

/**
 * The project's built-in code tables: DICOM PS3.16 context groups kept as data in
 * {@code src/main/resources/org/dicomseg/codes/cid<N>.tsv} (format: {@link CodeTableReader}).
 *
 * <ul>
 *   <li>CID 7150 Segmentation Property Categories ({@link #categories()})</li>
 *   <li>CID 7151 Segmentation Property Types, a practical selection of its included groups, each
 *       type linked to its usual category ({@link #types()}, {@link #typesOf(CodedConcept)})</li>
 *   <li>CID 244 Laterality, the modifiers of Segmented Property Type and Anatomic Region
 *       ({@link #laterality()}). Note: CID 7152 is "Cardiac Structure Segmentation Types", not a
 *       modifier group.</li>
 *   <li>CID 7162 Surface Processing Algorithm Families, the families of the Algorithm
 *       Identification Macro used by Segmentation Algorithm Identification ({@link #algorithmFamilies()})</li>
 *   <li>CID 4 Anatomic Regions (subset, {@link #anatomicRegions()}) and CID 2 Anatomic Modifiers
 *       (subset without laterality, {@link #anatomicModifiers()})</li>
 * </ul>
 *
 * <p>Tables load lazily, once, and are immutable. Well-known concepts used as defaults live in
 * {@link Codes}.</p>
 */
public final class CodeTables {
    /** The CIDs shipped with the project. */
    public static final List<String> BUILT_IN = List.of("7150", "7151", "244", "7162", "4", "2");

    private static final Map<String, ContextGroup> CACHE = new LinkedHashMap<>();

    private CodeTables() { }

    /** The built-in context group {@code cid}; fails when the project has no table for it. */
    public static ContextGroup group(String cid) {
        return find(cid).orElseThrow(() -> new IllegalArgumentException(
                "No built-in code table for CID " + cid + " (available: " + BUILT_IN + ")"));
    }

    /** The built-in context group {@code cid}. */
    public static ContextGroup group(int cid) { return group(Integer.toString(cid)); }

    /** The built-in context group {@code cid}, or empty when the project has no table for it. */
    public static synchronized Optional<ContextGroup> find(String cid) {
        if (!BUILT_IN.contains(cid)) return Optional.empty();
        ContextGroup g = CACHE.get(cid);
        if (g == null) {
            ContextGroup parents = "7151".equals(cid) ? group("7150") : null;
            g = load(cid, parents);
            CACHE.put(cid, g);
        }
        return Optional.of(g);
    }

    /** All built-in groups. */
    public static List<ContextGroup> all() {
        List<ContextGroup> l = new ArrayList<>();
        for (String c : BUILT_IN) l.add(group(c));
        return Collections.unmodifiableList(l);
    }

    /** CID 7150 Segmentation Property Categories. */
    public static ContextGroup categories() { return group("7150"); }

    /** CID 7151 Segmentation Property Types (selection). */
    public static ContextGroup types() { return group("7151"); }

    /** The types usually listed under {@code category} (CID 7150 concept). */
    public static List<CodeEntry> typesOf(CodedConcept category) { return types().childrenOf(category); }

    /** CID 244 Laterality. */
    public static ContextGroup laterality() { return group("244"); }

    /** CID 7162 Surface Processing Algorithm Families. */
    public static ContextGroup algorithmFamilies() { return group("7162"); }

    /** CID 4 Anatomic Regions (subset). */
    public static ContextGroup anatomicRegions() { return group("4"); }

    /** CID 2 Anatomic Modifiers (subset, without laterality). */
    public static ContextGroup anatomicModifiers() { return group("2"); }

    /** Looks a code up in every built-in table; the first table (in {@link #BUILT_IN} order) wins. */
    public static Optional<CodeEntry> lookup(String value, String schemeDesignator) {
        for (ContextGroup g : all()) {
            Optional<CodeEntry> e = g.find(value, schemeDesignator);
            if (e.isPresent()) return e;
        }
        return Optional.empty();
    }

    private static ContextGroup load(String cid, ContextGroup parents) {
        String res = "/org/dicomseg/codes/cid" + cid + ".tsv";
        try (InputStream in = CodeTables.class.getResourceAsStream(res)) {
            if (in == null) throw new IllegalStateException("Code table resource missing: " + res);
            ContextGroup g = CodeTableReader.read(new InputStreamReader(in, StandardCharsets.UTF_8), res, parents);
            if (!g.cid().equals(cid)) {
                throw new IllegalStateException(res + " declares CID " + g.cid() + ", expected " + cid);
            }
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read code table " + res, e);
        }
    }
}
