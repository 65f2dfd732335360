package org.dicomseg.model.codes;

import java.util.Arrays;
import java.util.Objects;

import org.dicomseg.model.CieLab;
import org.dicomseg.model.CodedConcept;

/**
 * One row of a code table: a {@link CodedConcept} plus what a picker needs beside it, namely an
 * optional recommended display colour, the concept it is usually listed under (for a Segmented
 * Property Type: its Segmented Property Category, CID 7150) and the PS3.16 context group it comes
 * from when the table is a union of included groups (as CID 7151 is).
 *
 * <p>Immutable. Equality is that of the concept (value and scheme), so a set of entries behaves like
 * a set of codes.</p>
 */
public final class CodeEntry {
    private final CodedConcept concept;
    private final int[] rgb;
    private final CodedConcept parent;
    private final String sourceCid;

    /**
     * @param concept   the code, required
     * @param rgb       recommended display colour as 8-bit sRGB {r, g, b}, or null
     * @param parent    the concept this one is listed under (e.g. its category), or null
     * @param sourceCid the PS3.16 context group the code comes from (e.g. "7166"), or null
     */
    public CodeEntry(CodedConcept concept, int[] rgb, CodedConcept parent, String sourceCid) {
        this.concept = Objects.requireNonNull(concept, "concept");
        if (rgb != null) {
            if (rgb.length != 3) throw new IllegalArgumentException("A colour needs 3 components, got " + rgb.length);
            for (int c : rgb) {
                if (c < 0 || c > 255) throw new IllegalArgumentException("RGB component " + c + " is outside 0..255");
            }
        }
        this.rgb = rgb == null ? null : rgb.clone();
        this.parent = parent;
        this.sourceCid = sourceCid == null || sourceCid.isBlank() ? null : sourceCid.trim();
    }

    /** An entry with only a concept. */
    public static CodeEntry of(CodedConcept concept) {
        return new CodeEntry(concept, null, null, null);
    }

    public CodedConcept concept() { return concept; }
    public String value() { return concept.value(); }
    public String schemeDesignator() { return concept.schemeDesignator(); }
    public String meaning() { return concept.meaning(); }

    /** Recommended display colour as 8-bit sRGB {r, g, b} (a copy), or null. */
    public int[] recommendedRgb() { return rgb == null ? null : rgb.clone(); }

    /** The recommended colour in DICOM scaled CIELab, or null when the table gives none. */
    public CieLab recommendedCieLab() { return rgb == null ? null : CieLab.fromRgb(rgb[0], rgb[1], rgb[2]); }

    /** The concept this entry is listed under (a type's category), or null. */
    public CodedConcept parent() { return parent; }

    /** The PS3.16 context group the code comes from, or null. */
    public String sourceCid() { return sourceCid; }

    @Override public boolean equals(Object o) {
        return o instanceof CodeEntry && concept.equals(((CodeEntry) o).concept);
    }

    @Override public int hashCode() { return concept.hashCode(); }

    @Override public String toString() {
        return concept + (rgb != null ? " rgb" + Arrays.toString(rgb) : "");
    }
}
