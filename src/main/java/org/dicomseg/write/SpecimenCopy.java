package org.dicomseg.write;

import java.util.Iterator;
import java.util.List;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import org.dicomseg.dicom.DataSetBuilder;

/**
 * Copies a slide's Specimen Description Sequence (PS3.3 C.7.6.22, Specimen Macro C.7.6.22.1) into
 * the SEG so that a flaw of the source does not make the SEG non-conformant where it can be
 * repaired: the macro's Type 2 attributes the item lacks — Issuer of the Specimen Identifier
 * Sequence (0040,0562), Specimen Preparation Sequence (0040,0610) — are written empty; specimen
 * preparation content items (Content Item Macro, PS3.3 Table 10-2) that lack their Type 1 Value
 * Type or Concept Name Code Sequence are left out, and a preparation step left without content
 * items is dropped (each named in a warning). A specimen without its Type 1 Specimen Identifier
 * (0040,0551) or Specimen UID (0040,0554) cannot be repaired: it is copied and named in a warning.
 * Everything else is shared with the source header (read-only).
 */
final class SpecimenCopy {
    static final AttributeTag SPECIMEN_PREPARATION_SEQUENCE = DataSetBuilder.tag(0x0040, 0x0610);
    static final AttributeTag STEP_CONTENT_ITEM_SEQUENCE = DataSetBuilder.tag(0x0040, 0x0612);
    static final AttributeTag VALUE_TYPE = DataSetBuilder.tag(0x0040, 0xA040);
    static final AttributeTag CONCEPT_NAME_CODE_SEQUENCE = DataSetBuilder.tag(0x0040, 0xA043);
    static final AttributeTag SPECIMEN_IDENTIFIER = DataSetBuilder.tag(0x0040, 0x0551);
    static final AttributeTag SPECIMEN_UID = DataSetBuilder.tag(0x0040, 0x0554);
    static final AttributeTag ISSUER_OF_THE_SPECIMEN_IDENTIFIER_SEQUENCE = DataSetBuilder.tag(0x0040, 0x0562);
    /** Type 2 attributes of the Specimen Macro (Table C.7-84a), written empty when an item lacks them. */
    static final AttributeTag[] TYPE_2 = {ISSUER_OF_THE_SPECIMEN_IDENTIFIER_SEQUENCE, SPECIMEN_PREPARATION_SEQUENCE};

    private SpecimenCopy() { }

    /**
     * @param slide    the source file, for the warnings
     * @param warnings where a defect that is not (fully) repaired is named
     */
    static SequenceAttribute descriptions(SequenceAttribute src, String slide, List<String> warnings) {
        SequenceAttribute out = new SequenceAttribute(src.getTag());
        int n = 0;
        for (Iterator<SequenceItem> it = src.iterator(); it.hasNext(); ) {
            AttributeList item = it.next().getAttributeList();
            n++;
            AttributeList copy = shallow(item, SPECIMEN_PREPARATION_SEQUENCE);
            Attribute prep = item.get(SPECIMEN_PREPARATION_SEQUENCE);
            if (prep instanceof SequenceAttribute) {
                int[] dropped = new int[2];
                copy.put(steps((SequenceAttribute) prep, dropped));
                if (dropped[0] > 0 || dropped[1] > 0) {
                    warnings.add(slide + ": specimen " + n + " has " + dropped[0] + " preparation content item(s) without Value Type"
                            + " (0040,A040) or Concept Name Code Sequence (0040,A043), Type 1 (PS3.3 Table 10-2): left out of the SEG"
                            + " with " + dropped[1] + " preparation step(s) left without content items");
                }
            }
            for (AttributeTag t : TYPE_2) {
                if (copy.get(t) == null) DataSetBuilder.seq(copy, t);
            }
            for (AttributeTag t : new AttributeTag[] {SPECIMEN_IDENTIFIER, SPECIMEN_UID}) {
                Attribute a = item.get(t);
                if (a == null || a.getVM() == 0) {
                    warnings.add(slide + ": specimen " + n + " has no " + (t.equals(SPECIMEN_UID) ? "Specimen UID (0040,0554)"
                            : "Specimen Identifier (0040,0551)") + ", Type 1 in the Specimen Macro (PS3.3 C.7.6.22.1);"
                            + " it cannot be made up, so the SEG lacks it too");
                }
            }
            out.addItem(copy);
        }
        return out;
    }

    /** The steps with their valid content items; {@code dropped}: [items left out, steps left out]. */
    private static SequenceAttribute steps(SequenceAttribute prep, int[] dropped) {
        SequenceAttribute out = new SequenceAttribute(prep.getTag());
        for (Iterator<SequenceItem> it = prep.iterator(); it.hasNext(); ) {
            AttributeList step = it.next().getAttributeList();
            Attribute content = step.get(STEP_CONTENT_ITEM_SEQUENCE);
            if (!(content instanceof SequenceAttribute)) {
                dropped[1]++;
                continue;
            }
            SequenceAttribute kept = new SequenceAttribute(STEP_CONTENT_ITEM_SEQUENCE);
            for (Iterator<SequenceItem> ci = ((SequenceAttribute) content).iterator(); ci.hasNext(); ) {
                AttributeList c = ci.next().getAttributeList();
                Attribute vt = c.get(VALUE_TYPE);
                Attribute cn = c.get(CONCEPT_NAME_CODE_SEQUENCE);
                if (vt != null && vt.getVM() > 0 && cn instanceof SequenceAttribute && ((SequenceAttribute) cn).getNumberOfItems() > 0) {
                    kept.addItem(c);
                } else {
                    dropped[0]++;
                }
            }
            if (kept.getNumberOfItems() == 0) {
                dropped[1]++;
                continue;
            }
            AttributeList copy = shallow(step, STEP_CONTENT_ITEM_SEQUENCE);
            copy.put(kept);
            out.addItem(copy);
        }
        return out;
    }

    private static AttributeList shallow(AttributeList l, AttributeTag except) {
        AttributeList copy = new AttributeList();
        for (Attribute a : l.values()) if (!a.getTag().equals(except)) copy.put(a);
        return copy;
    }
}
