package org.dicomseg.dcmqi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CieLab;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DcmqiMetadataRoundTripTest {

    static List<String> examples() throws IOException {
        Shared.assumePresent();
        try (Stream<Path> s = Files.list(Shared.corpus("dcmqi/doc/examples"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted()
                    .collect(Collectors.toList());
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleSurvivesWriteThenRead(String name) throws IOException {
        DcmqiMetadata m = DcmqiMetadataReaderTest.example(name);
        String json = DcmqiMetadataWriter.toJson(m);
        assertEquals(m, DcmqiMetadataReader.parse(json));
        // and the written RGB is what the example said (within CIELab's 8-bit round trip)
        JsonObject written = JsonParser.parseString(json).getAsJsonObject();
        JsonObject original = JsonParser.parseString(Files.readString(Shared.corpus("dcmqi/doc/examples/" + name)))
                .getAsJsonObject();
        var a = original.getAsJsonArray("segmentAttributes");
        var b = written.getAsJsonArray("segmentAttributes");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            for (int k = 0; k < a.get(i).getAsJsonArray().size(); k++) {
                JsonObject so = a.get(i).getAsJsonArray().get(k).getAsJsonObject();
                JsonObject sw = b.get(i).getAsJsonArray().get(k).getAsJsonObject();
                assertEquals(so.get("labelID"), sw.get("labelID"));
                assertEquals(so.get("SegmentedPropertyTypeCodeSequence"), sw.get("SegmentedPropertyTypeCodeSequence"));
                assertEquals(so.get("SegmentedPropertyCategoryCodeSequence"), sw.get("SegmentedPropertyCategoryCodeSequence"));
                for (int c = 0; c < 3; c++) {
                    int x = so.getAsJsonArray("recommendedDisplayRGBValue").get(c).getAsInt();
                    int y = sw.getAsJsonArray("recommendedDisplayRGBValue").get(c).getAsInt();
                    assertTrue(Math.abs(x - y) <= 1, name + " colour " + x + " vs " + y);
                }
            }
        }
    }

    @Test
    void descriptionsFromTheEditorSurviveAFile(@TempDir Path dir) throws IOException {
        SegmentDescription nuclei = SegmentDescription.builder(1, "Nuclei")
                .category(Codes.ANATOMICAL_STRUCTURE).type(Codes.NUCLEUS)
                .algorithmType(SegmentAlgorithmType.AUTOMATIC)
                .algorithm(new AlgorithmIdentification(Codes.ARTIFICIAL_INTELLIGENCE, "StarDist", DcmqiMetadataReader.UNKNOWN))
                .color(new CieLab(30000, 40000, 20000)).build();
        SegmentDescription kidney = SegmentDescription.builder(2, "Left kidney").description("drawn by hand")
                .category(Codes.ANATOMICAL_STRUCTURE).type(new org.dicomseg.model.CodedConcept("64033007", "SCT", "Kidney"))
                .addTypeModifier(Codes.LEFT).addAnatomicRegion(new org.dicomseg.model.CodedConcept("818981001", "SCT", "Abdomen"))
                .algorithmType(SegmentAlgorithmType.MANUAL).tracking("kidney-L").build();
        SegmentDescription both = SegmentDescription.builder(3, "Both").category(Codes.TISSUE).type(Codes.TISSUE)
                .addTypeModifier(Codes.LEFT).addTypeModifier(Codes.RIGHT)
                .algorithmType(SegmentAlgorithmType.MANUAL).build();
        DcmqiMetadata m = DcmqiMetadata.builder().contentCreatorName("Reader^One")
                .seriesDescription("Editor test").seriesNumber("42").bodyPartExamined("ABDOMEN")
                .contentLabel("SEG").contentDescription("Image segmentation")
                .addSegments(List.of(nuclei, kidney, both)).build();
        Path f = dir.resolve("meta.json");
        DcmqiMetadataWriter.write(m, f);
        DcmqiMetadata back = DcmqiMetadataReader.readFile(f);
        assertEquals(m, back);
        assertEquals(new CieLab(30000, 40000, 20000), back.segment(1).get().recommendedDisplayCieLab(),
                "CIELab is written exactly, not only as RGB");
        String json = Files.readString(f);
        assertTrue(json.contains("\"SegmentedPropertyTypeModifierCodeSequence\": {"), "one modifier: the schema's object form");
        assertTrue(json.contains("\"SegmentedPropertyTypeModifierCodeSequence\": ["), "two modifiers: an array");
        assertTrue(json.contains("\"recommendedDisplayRGBValue\""));
        assertFalse(json.contains("Artificial Intelligence"), "dcmqi's format has no algorithm family");
    }

    @Test
    void separateInputsKeepTheirLabels() throws IOException {
        SegmentDescription a = SegmentDescription.builder(1, "A").category(Codes.TISSUE).type(Codes.TISSUE)
                .algorithmType(SegmentAlgorithmType.MANUAL).build();
        SegmentDescription b = a.toBuilder().segmentNumber(2).label("B").build();
        DcmqiMetadata m = DcmqiMetadata.builder().inputFiles(List.of("a.nrrd", "b.nrrd"))
                .addSegment(a, 0, 7).addSegment(b, 1, 7).build();
        DcmqiMetadata back = DcmqiMetadataReader.parse(DcmqiMetadataWriter.toJson(m));
        assertEquals(m, back);
        assertEquals(2, back.inputCount());
        assertEquals(2, back.segmentNumber(1, 7).getAsInt());
    }

    @Test
    void completeJsonKeepsWhatDcmqiHasNoKeyFor() throws Exception {
        SegmentDescription d = SegmentDescription.builder(1, "Liver").category(Codes.ORGAN)
                .type(new org.dicomseg.model.CodedConcept("10200004", "SCT", "Liver", "2024-09"))
                .addPrimaryAnatomicStructure(Codes.LIVER)
                .algorithmType(SegmentAlgorithmType.AUTOMATIC)
                .algorithm(new AlgorithmIdentification(Codes.ARTIFICIAL_INTELLIGENCE, "Net", "3.1", "Lab X", "threshold=0.5"))
                .tracking("liver-1").color(new CieLab(40000, 50000, 30000)).build();
        DcmqiMetadata m = DcmqiMetadata.builder().addSegment(d).build();
        assertEquals(d, DcmqiMetadataReader.parse(DcmqiMetadataWriter.toCompleteJson(m)).segments().get(0));
        // a template for dcmqi has dcmqi's keys only: family and version fall back to the reader's defaults
        String plain = DcmqiMetadataWriter.toJson(m);
        for (String key : List.of(DcmqiMetadataWriter.ALGORITHM_FAMILY, DcmqiMetadataWriter.ALGORITHM_VERSION,
                DcmqiMetadataWriter.ALGORITHM_SOURCE, DcmqiMetadataWriter.ALGORITHM_PARAMETERS,
                DcmqiMetadataWriter.PRIMARY_ANATOMIC_STRUCTURE, "CodingSchemeVersion")) {
            assertFalse(plain.contains(key), key);
        }
        SegmentDescription lossy = DcmqiMetadataReader.parse(plain).segments().get(0);
        assertEquals("Net", lossy.algorithmIdentification().name());
        assertEquals(DcmqiMetadataReader.UNKNOWN, lossy.algorithmIdentification().version());
    }

    /** What the writer's JSON text was made with before it used Gson's JSON writer directly (no Gson instance). */
    private static final com.google.gson.Gson GSON_PRETTY =
            new com.google.gson.GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    @ParameterizedTest
    @MethodSource("examples")
    void textIsCharacterForCharacterGsonsPrettyPrinting(String name) throws IOException {
        DcmqiMetadata m = DcmqiMetadataReaderTest.example(name);
        assertEquals(GSON_PRETTY.toJson(DcmqiMetadataWriter.toJsonObject(m)) + "\n", DcmqiMetadataWriter.toJson(m));
        assertEquals(GSON_PRETTY.toJson(DcmqiMetadataWriter.toJsonObject(m, true)) + "\n", DcmqiMetadataWriter.toCompleteJson(m));
    }

    @Test
    void textKeepsHtmlCharactersUnicodeNumbersAndNestedArraysAsGsonWritesThem() throws Exception {
        SegmentDescription d = SegmentDescription.builder(1, "Tumour <core> & 'rim' = \"ROI\" \u00e9\u4e2d\t\u2028")
                .description("line 1\nline 2 \\ back")
                .category(Codes.ORGAN).type(Codes.LIVER)
                .addTypeModifier(new org.dicomseg.model.CodedConcept("7771000", "SCT", "Left"))
                .addTypeModifier(new org.dicomseg.model.CodedConcept("24028007", "SCT", "Right"))
                .addAnatomicRegion(Codes.LIVER)
                .algorithmType(SegmentAlgorithmType.SEMIAUTOMATIC)
                .algorithm(new AlgorithmIdentification(Codes.ARTIFICIAL_INTELLIGENCE, "Net<1>", "3.1", null, null))
                .color(new CieLab(0, 65535, 1)).build();
        DcmqiMetadata m = DcmqiMetadata.builder().addSegment(d).addSegment(
                SegmentDescription.builder(2, "Second").category(Codes.ORGAN).type(Codes.LIVER)
                        .algorithmType(SegmentAlgorithmType.MANUAL).build()).build();
        com.google.gson.JsonObject tree = DcmqiMetadataWriter.toJsonObject(m, true);
        String text = DcmqiMetadataWriter.toCompleteJson(m);
        assertEquals(GSON_PRETTY.toJson(tree) + "\n", text);
        assertTrue(text.contains("<core> & 'rim' ="), text); // not escaped as \u003c
        assertEquals(tree, JsonParser.parseString(text));
        assertEquals(d, DcmqiMetadataReader.parse(text).segments().get(0));
    }
}
