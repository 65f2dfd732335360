package org.dicomseg.model.codes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.dicomseg.model.CieLab;
import org.dicomseg.model.CodedConcept;

/**
 * One node of a user terminology ({@link Terminology}): a category with its types, a type with its
 * modifiers, or an anatomic region with its modifiers, as listed in a 3D Slicer / dcmqi terminology
 * file. Keeps the coded concept, the optional recommended colour and Slicer label, and the PS3.16
 * context group the file says the code comes from. Immutable.
 */
public final class TerminologyEntry {
    private final CodedConcept concept;
    private final int[] rgb;
    private final String cid;
    private final String contextGroupName;
    private final String slicerLabel;
    private final List<TerminologyEntry> children;
    private final List<TerminologyEntry> modifiers;

    public TerminologyEntry(CodedConcept concept, int[] rgb, String cid, String contextGroupName, String slicerLabel,
                            List<TerminologyEntry> children, List<TerminologyEntry> modifiers) {
        this.concept = Objects.requireNonNull(concept, "concept");
        this.rgb = rgb == null ? null : rgb.clone();
        this.cid = cid;
        this.contextGroupName = contextGroupName;
        this.slicerLabel = slicerLabel;
        this.children = Collections.unmodifiableList(new ArrayList<>(children == null ? List.of() : children));
        this.modifiers = Collections.unmodifiableList(new ArrayList<>(modifiers == null ? List.of() : modifiers));
    }

    public CodedConcept concept() { return concept; }
    /** Recommended display colour as 8-bit sRGB {r, g, b} (a copy), or null. */
    public int[] recommendedRgb() { return rgb == null ? null : rgb.clone(); }
    /** The recommended colour in DICOM scaled CIELab, or null. */
    public CieLab recommendedCieLab() { return rgb == null ? null : CieLab.fromRgb(rgb[0], rgb[1], rgb[2]); }
    /** The file's "cid" field (may list several, e.g. "4031,7155"), or null. */
    public String cid() { return cid; }
    /** The file's "contextGroupName" field, or null. */
    public String contextGroupName() { return contextGroupName; }
    /** The file's "3dSlicerLabel", or null. */
    public String slicerLabel() { return slicerLabel; }
    /** Types of a category (empty for types and regions). */
    public List<TerminologyEntry> children() { return children; }
    /** Modifiers of a type or region (e.g. Left/Right, CID 244). */
    public List<TerminologyEntry> modifiers() { return modifiers; }

    /** This node as a code-table entry ({@code parent} is the category for a type, else null). */
    public CodeEntry toCodeEntry(CodedConcept parent) {
        String firstCid = cid == null ? null : cid.split(",")[0].trim();
        return new CodeEntry(concept, rgb, parent, firstCid);
    }

    @Override public String toString() { return concept.toString(); }
}
