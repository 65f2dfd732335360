package org.dicomseg.dcmqi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;

import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CieLab;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Reads every dcmqi example in ../shared/corpus/dcmqi/doc/examples. */
class DcmqiMetadataReaderTest {
    private static final CodedConcept TISSUE = new CodedConcept("85756007", "SCT", "Tissue");
    private static final CodedConcept LIVER = new CodedConcept("10200004", "SCT", "Liver");
    private static final CodedConcept ANATOMY = new CodedConcept("123037004", "SCT", "Anatomical Structure");
    private static final CodedConcept SPINE = new CodedConcept("122495006", "SCT", "Thoracic spine");
    private static final CodedConcept HEART = new CodedConcept("80891009", "SCT", "Heart");

    static DcmqiMetadata example(String name) throws IOException {
        Shared.assumePresent();
        return DcmqiMetadataReader.readFile(Shared.corpus("dcmqi/doc/examples/" + name));
    }

    /** name, inputs, "label@input" per segment (segment numbers 1..N in this order), labels, creator, series number. */
    @ParameterizedTest
    @CsvSource({
        "seg-example.json, 1, 1@0, Liver, Doe^John, 300",
        "seg-example_liver_spine.json, 2, 1@0 2@1, Liver|Thoracic spine, Doe^John, 300",
        "seg-example_liver_spine_gapped.json, 2, 1@0 5@1, Liver|Thoracic spine, Doe^John, 300",
        "seg-example_liver_spine_gapped_merged.json, 1, 1@0 5@0, Liver|Thoracic spine, Doe^John, 300",
        "seg-example_multiple_segments.json, 3, 1@0 2@1 3@2, Liver|Thoracic spine|Heart, Doe^John, 300",
        "seg-example_multiple_segments_merged.json, 2, 1@0 2@0 3@1, Liver|Thoracic spine|Heart, Doe^John, 300",
        "seg-example_multiple_segments_reordered.json, 3, 1@0 2@1 3@2, Liver|Thoracic spine|Heart, Doe^John, 300",
        "seg-example_multiple_segments_single_input_file.json, 1, 1@0 2@0 3@0, Liver|Thoracic spine|Heart, Doe^John, 300",
        "seg-example_partial_overlaps.json, 3, 1@0 4@0 5@0 2@1 3@2, GREEN|LIGHT_BLUE|DARK_BLUE|ORANGE|PURPLE, Slicer, 100",
    })
    void everyExampleParses(String name, int inputs, String mapping, String labels, String creator, String series) throws IOException {
        DcmqiMetadata m = example(name);
        String[] map = mapping.split(" ");
        String[] lab = labels.split("\\|");
        assertEquals(inputs, m.inputCount());
        assertEquals(map.length, m.segments().size());
        for (int i = 0; i < map.length; i++) {
            int label = Integer.parseInt(map[i].split("@")[0]);
            int input = Integer.parseInt(map[i].split("@")[1]);
            SegmentDescription s = m.segments().get(i);
            assertEquals(i + 1, s.segmentNumber());
            assertEquals(lab[i], s.label());
            assertEquals(new LabelMapping(i + 1, input, label), m.labelMappings().get(i));
            assertEquals(OptionalInt.of(i + 1), m.segmentNumber(input, label));
            assertTrue(s.recommendedDisplayCieLab() != null, "every example segment has a colour");
        }
        assertEquals(creator, m.contentCreatorName());
        assertEquals("1", m.clinicalTrialTimePointId());
        assertEquals(series, m.seriesNumber());
        assertEquals("Segmentation", m.seriesDescription());
        assertNull(m.bodyPartExamined(), "empty BodyPartExamined reads as absent");
        assertEquals("1", m.instanceNumber());
    }

    @Test
    void singleSegmentExampleInDetail() throws IOException {
        DcmqiMetadata m = example("seg-example.json");
        assertEquals("BWH", m.clinicalTrialCoordinatingCenterName());
        assertEquals("Segmentation", m.seriesDescription());
        assertNull(m.bodyPartExamined());
        assertTrue(m.inputFiles().isEmpty());
        SegmentDescription s = m.segments().get(0);
        assertEquals("Liver Segmentation", s.description());
        assertEquals(TISSUE, s.category());
        assertEquals("Tissue", s.category().meaning());
        assertEquals(LIVER, s.type());
        assertEquals(SegmentAlgorithmType.SEMIAUTOMATIC, s.algorithmType());
        AlgorithmIdentification a = s.algorithmIdentification();
        assertEquals("SlicerEditor", a.name());
        assertEquals(DcmqiMetadataReader.UNKNOWN, a.version());
        assertEquals(Codes.MANUAL_PROCESSING, a.family());
        assertEquals(CieLab.fromRgb(221, 130, 101), s.recommendedDisplayCieLab());
        assertArrayEquals(new int[] {221, 130, 101}, s.recommendedDisplayCieLab().toRgb());
        assertEquals("Liver", s.trackingId());
        assertEquals("1.2.3", s.trackingUid());
    }

    @Test
    void gappedLabelsKeepTheirLabelIds() throws IOException {
        DcmqiMetadata m = example("seg-example_liver_spine_gapped.json");
        SegmentDescription spine = m.segment(2).get();
        assertEquals(SPINE, spine.type());
        assertEquals(ANATOMY, spine.category());
        assertEquals(SegmentAlgorithmType.MANUAL, spine.algorithmType());
        assertNull(spine.algorithmIdentification(), "MANUAL without algorithm name has no identification");
        assertEquals(5, m.mapping(2).get().labelId());
        assertEquals(1, m.mapping(2).get().inputIndex());
        assertTrue(m.segmentNumber(1, 2).isEmpty(), "label 2 of input 1 is not described");
        assertEquals(List.of(spine), m.segmentsOfInput(1));
    }

    @Test
    void fileMappingAndBodyPartAreRead() throws IOException {
        DcmqiMetadata m = example("seg-example_multiple_segments_reordered.json");
        assertEquals(List.of("liver_seg.nrrd", "spine_seg.nrrd", "heart_seg.nrrd"), m.inputFiles());
        assertEquals(HEART, m.segment(3).get().type());
        assertEquals(CieLab.fromRgb(206, 110, 84), m.segment(3).get().recommendedDisplayCieLab());
    }

    @Test
    void partialOverlapsCodesAndColours() throws IOException {
        DcmqiMetadata m = example("seg-example_partial_overlaps.json");
        SegmentDescription edema = m.segment(2).get();
        assertEquals("LIGHT_BLUE", edema.label());
        assertEquals(new CodedConcept("49755003", "SCT", "x"), edema.category());
        assertEquals("Morphologically Altered Structure", edema.category().meaning(), "meanings are kept as written");
        assertEquals("Edema", edema.type().meaning());
        assertEquals(CieLab.fromRgb(140, 224, 228), edema.recommendedDisplayCieLab());
        assertEquals("Vein", m.segment(3).get().type().meaning());
        assertEquals("Artery", m.segment(4).get().type().meaning());
        assertEquals(OptionalInt.of(4), m.segmentNumber(1, 2));
        assertEquals("Capillary", m.segment(5).get().type().meaning());
    }
}
