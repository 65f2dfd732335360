package org.dicomseg.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;

import org.dicomseg.codec.SegmentationReader;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The importer's plane layout ({@link SegVolumes}, which adds progress, Esc and per-plane source
 * references) must put every pixel where the codec's {@link Reconstructor} puts it: same plane
 * count, same segments, and identical non-zero pixels plane by plane. Keeps the two in step until
 * the importer can delegate to the reconstructor.
 */
class ImportAgreesWithReconstructorTest {

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "highdicom/seg_image_ct_binary_overlap.dcm", "highdicom/seg_image_ct_binary.dcm",
        "highdicom/seg_image_ct_binary_fractional.dcm", "dcmqi/segmentations/partial_overlaps.dcm",
        "dcmqi/segmentations/23x38x3/seg/label.seg", "dcmqi/segmentations/sparse-labelmap-noppv.dcm",
        "dcmjs/QIICR_Test3/tumor_User1_Manual_Trial1.dcm", "pydicom-data/liver_rle.dcm",
        "highdicom/seg_image_sm_numbers.dcm", "highdicom/seg_image_sm_dots_tiled_full.dcm",
        "highdicom/seg_image_sm_control_labelmap_palette_color.dcm"})
    void samePlanesAsTheReconstructor(String rel) throws IOException {
        try (SegmentationReader r = SegmentationReader.open(Shared.corpus(rel))) {
            SegVolume mine = SegVolumes.read(r, SegmentSelection.parse(""), ImportProgress.NONE);
            SegmentationVolume theirs = r.metadata().isTiled()
                    ? Reconstructor.totalPixelMatrix(r, ReconstructionOptions.defaults())
                    : Reconstructor.volume(r, ReconstructionOptions.defaults());
            assertEquals(theirs.planes(), mine.depth(), rel + " planes");
            assertEquals(theirs.width(), mine.width());
            assertEquals(theirs.height(), mine.height());
            int[] numbers = theirs.segmentNumbers();
            assertEquals(numbers.length, mine.segments().size(), rel + " segments");
            for (int c = 0; c < numbers.length; c++) {
                SegVolume.Segment s = mine.segments().get(c);
                assertEquals(numbers[c], s.number());
                for (int z = 0; z < mine.depth(); z++) {
                    byte[] a = s.plane(z);
                    boolean emptyTheirs = theirs.isEmpty(c, z);
                    Object b = emptyTheirs ? null : theirs.plane(c, z);
                    for (int i = 0; i < mine.width() * mine.height(); i++) {
                        int va = a == null ? 0 : a[i] & 0xFF;
                        int vb = b == null ? 0 : b instanceof byte[] ? ((byte[]) b)[i] & 0xFF : ((short[]) b)[i] & 0xFFFF;
                        if (va != vb) {
                            throw new AssertionError(rel + ": segment " + s.number() + " plane " + (z + 1) + " pixel " + i
                                    + ": importer " + va + ", reconstructor " + vb);
                        }
                    }
                }
            }
        }
    }
}
