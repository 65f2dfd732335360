package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import ij.ImagePlus;

import org.dicomseg.read.SegmentationReader;
import org.dicomseg.reconstruct.SegmentOverlapException;
import org.dicomseg.testing.Shared;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.task.Progress;
import org.junit.jupiter.api.Test;

/**
 * A label image is imported straight from the core's label-map reconstruction (no channel per
 * segment in between): the result equals, pixel for pixel and segment count for segment count, the
 * label image merged from the channels; overlaps still fall back to the merge and its message.
 */
class ImportLabelMapPathTest {
    private static ImportedSegmentation read(Path seg, ImportOptions o) throws Exception {
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            return ImportReader.read(r, o, null, 0, 0, Progress.NONE);
        }
    }

    @Test
    void labelMapPathEqualsTheMergedChannels() throws Exception {
        Shared.assumePresent();
        for (String name : new String[] {"highdicom/seg_image_ct_binary.dcm", "dcmqi/segmentations/liver.dcm",
                "pydicom-data/liver_rle.dcm", "dcmqi/segmentations/23x38x3/seg/label.seg", "dcmqi/segmentations/sparse-labelmap-noppv.dcm"}) {
            Path seg = Shared.corpus(name);
            ImportedSegmentation direct = read(seg, ImportOptions.builder().output(ImportOptions.Output.LABEL_IMAGE).build());
            ImportedSegmentation channels = read(seg, ImportOptions.builder().output(ImportOptions.Output.HYPERSTACK).build());
            assertNotNull(direct.labelMap(), name + ": read as a label map");
            assertNull(channels.labelMap(), name);
            ImagePlus a = new LabelImageBuilder().build(direct, "a");
            ImagePlus b = new LabelImageBuilder().build(channels, "b");
            assertEquals(b.getBitDepth(), a.getBitDepth(), name);
            assertEquals(b.getStackSize(), a.getStackSize(), name);
            for (int z = 1; z <= a.getStackSize(); z++) {
                Object pa = a.getStack().getPixels(z), pb = b.getStack().getPixels(z);
                if (pa instanceof byte[]) assertArrayEquals((byte[]) pb, (byte[]) pa, name + " plane " + z);
                else assertArrayEquals((short[]) pb, (short[]) pa, name + " plane " + z);
            }
            assertEquals(b.getProperty("Info"), a.getProperty("Info"), name + ": Info (per-segment pixel counts)");
            assertEquals(channels.segments().size(), direct.segments().size());
            for (int k = 0; k < direct.segments().size(); k++) {
                ImportedSegmentation.Segment d = direct.segments().get(k), c = channels.segments().get(k);
                assertEquals(c.number(), d.number());
                assertEquals(c.nonZeroCount(), d.nonZeroCount(), name + " segment " + d.number());
                for (int z = 0; z < direct.depth(); z++) {
                    byte[] md = d.plane(z), mc = c.plane(z);
                    if (mc == null || md == null) {
                        assertEquals(mc == null ? 0 : ImportFixtures.count(mc), md == null ? 0 : ImportFixtures.count(md));
                    } else {
                        for (int i = 0; i < md.length; i++) assertEquals(mc[i] != 0, md[i] != 0, name + " mask " + z + "/" + i);
                    }
                }
            }
            // a selection of some segments only cannot use the whole label map
            if (direct.segments().size() > 1) {
                ImportedSegmentation one = direct.select(java.util.List.of(direct.segments().get(0)));
                assertNull(one.labelMap());
            }
        }
    }

    @Test
    void overlapsStillFallBackToTheMergeAndItsMessage() throws Exception {
        Shared.assumePresent();
        Path seg = Shared.corpus("highdicom/seg_image_ct_binary_overlap.dcm");
        ImportedSegmentation v = read(seg, ImportOptions.builder().output(ImportOptions.Output.LABEL_IMAGE).build());
        assertNull(v.labelMap(), "overlapping segments are read as channels");
        SegmentOverlapException e = assertThrows(SegmentOverlapException.class, () -> new LabelImageBuilder().build(v, "x"));
        assertEquals(16, e.overlappingPixels(), e.getMessage());
    }
}
