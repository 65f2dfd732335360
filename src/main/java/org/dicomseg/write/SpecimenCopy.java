package org.dicomseg.write;

import java.util.Iterator;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.SequenceItem;
import org.dicomseg.dicom.DataSetBuilder;

/**
 * Copies a slide's Specimen Description Sequence (PS3.3 C.7.6.22, Specimen Macro C.7.6.22.1) into
 * the SEG, leaving out specimen preparation content items (Content Item Macro, PS3.3 Table 10-2)
 * that lack their Type 1 Value Type or Concept Name Code Sequence, so that a flaw of the source
 * does not make the SEG non-conformant; a preparation step left without content items is dropped.
 * Everything else is shared with the source header (read-only).
 */
final class SpecimenCopy {
    static final AttributeTag SPECIMEN_PREPARATION_SEQUENCE = DataSetBuilder.tag(0x0040, 0x0610);
    static final AttributeTag STEP_CONTENT_ITEM_SEQUENCE = DataSetBuilder.tag(0x0040, 0x0612);
    static final AttributeTag VALUE_TYPE = DataSetBuilder.tag(0x0040, 0xA040);
    static final AttributeTag CONCEPT_NAME_CODE_SEQUENCE = DataSetBuilder.tag(0x0040, 0xA043);

    private SpecimenCopy() { }

    static SequenceAttribute descriptions(SequenceAttribute src) {
        SequenceAttribute out = new SequenceAttribute(src.getTag());
        for (Iterator<SequenceItem> it = src.iterator(); it.hasNext(); ) {
            AttributeList item = it.next().getAttributeList();
            AttributeList copy = shallow(item, SPECIMEN_PREPARATION_SEQUENCE);
            Attribute prep = item.get(SPECIMEN_PREPARATION_SEQUENCE);
            if (prep instanceof SequenceAttribute) copy.put(steps((SequenceAttribute) prep));
            out.addItem(copy);
        }
        return out;
    }

    private static SequenceAttribute steps(SequenceAttribute prep) {
        SequenceAttribute out = new SequenceAttribute(prep.getTag());
        for (Iterator<SequenceItem> it = prep.iterator(); it.hasNext(); ) {
            AttributeList step = it.next().getAttributeList();
            Attribute content = step.get(STEP_CONTENT_ITEM_SEQUENCE);
            if (!(content instanceof SequenceAttribute)) continue;
            SequenceAttribute kept = new SequenceAttribute(STEP_CONTENT_ITEM_SEQUENCE);
            for (Iterator<SequenceItem> ci = ((SequenceAttribute) content).iterator(); ci.hasNext(); ) {
                AttributeList c = ci.next().getAttributeList();
                Attribute vt = c.get(VALUE_TYPE);
                Attribute cn = c.get(CONCEPT_NAME_CODE_SEQUENCE);
                if (vt != null && vt.getVM() > 0 && cn instanceof SequenceAttribute && ((SequenceAttribute) cn).getNumberOfItems() > 0) {
                    kept.addItem(c);
                }
            }
            if (kept.getNumberOfItems() == 0) continue;
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
