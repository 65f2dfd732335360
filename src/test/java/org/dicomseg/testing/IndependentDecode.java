package org.dicomseg.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

/**
 * An independent decode for tests: PixelMed reads the whole file (Pixel Data included) and this
 * class counts pixels with its own simple loops (no BitPacking, no FrameStore), taking each frame's
 * segment from PixelMed's Per-frame Functional Groups or, for TILED_FULL without them, from the
 * frame order (frames of segment s are s-1 consecutive blocks of tiles). Native syntaxes only.
 */
public final class IndependentDecode {
    private IndependentDecode() { }

    /** Per-segment counts: nonzero pixels per segment (BINARY/FRACTIONAL) or pixels per label (LABELMAP). */
    public static Map<Integer, Long> counts(Path file) throws Exception {
        AttributeList l = new AttributeList();
        l.read(file.toString());
        int rows = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Rows, 0);
        int cols = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.Columns, 0);
        int frames = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.NumberOfFrames, 1);
        int bits = Attribute.getSingleIntegerValueOrDefault(l, TagFromName.BitsAllocated, 0);
        String type = Attribute.getSingleStringValueOrEmptyString(l, TagFromName.SegmentationType).trim();
        byte[] px = l.get(TagFromName.PixelData).getByteValues();
        SequenceAttribute segs = (SequenceAttribute) l.get(TagFromName.SegmentSequence);
        Map<Integer, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < segs.getNumberOfItems(); i++) {
            out.put(Attribute.getSingleIntegerValueOrDefault(segs.getItem(i).getAttributeList(), TagFromName.SegmentNumber, -1), 0L);
        }
        int n = rows * cols;
        if (type.equals("LABELMAP")) {
            for (int k = 0; k < frames * n; k++) {
                int v = bits == 16 ? (px[2 * k] & 0xFF) | (px[2 * k + 1] & 0xFF) << 8 : px[k] & 0xFF;
                if (out.containsKey(v)) out.merge(v, 1L, Long::sum);
            }
            return out;
        }
        SequenceAttribute pf = (SequenceAttribute) l.get(TagFromName.PerFrameFunctionalGroupsSequence);
        int tilesPerSegment = frames / segs.getNumberOfItems();
        for (int f = 0; f < frames; f++) {
            int seg;
            if (pf != null) {
                AttributeList item = pf.getItem(f).getAttributeList();
                AttributeList id = ((SequenceAttribute) item.get(TagFromName.SegmentIdentificationSequence)).getItem(0).getAttributeList();
                seg = Attribute.getSingleIntegerValueOrDefault(id, TagFromName.ReferencedSegmentNumber, -1);
            } else {
                seg = 1 + f / tilesPerSegment;
            }
            long c = 0;
            for (int i = 0; i < n; i++) {
                long bit = (long) f * n + i;
                boolean set = bits == 1 ? ((px[(int) (bit >>> 3)] >> (bit & 7)) & 1) != 0 : px[(int) bit] != 0;
                if (set) c++;
            }
            out.merge(seg, c, Long::sum);
        }
        return out;
    }
}
