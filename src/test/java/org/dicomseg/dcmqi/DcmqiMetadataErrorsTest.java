package org.dicomseg.dcmqi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.codes.Codes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DcmqiMetadataErrorsTest {
    private static final String CAT = "\"SegmentedPropertyCategoryCodeSequence\":{\"CodeValue\":\"85756007\","
            + "\"CodingSchemeDesignator\":\"SCT\",\"CodeMeaning\":\"Tissue\"}";
    private static final String TYPE = "\"SegmentedPropertyTypeCodeSequence\":{\"CodeValue\":\"85756007\","
            + "\"CodingSchemeDesignator\":\"SCT\",\"CodeMeaning\":\"Tissue\"}";

    private static String doc(String segment) {
        return "{\"SeriesDescription\":\"x\",\"segmentAttributes\":[[" + segment + "]]}";
    }

    private static String seg(String extra) {
        return "{\"labelID\":1," + CAT + "," + TYPE + ",\"SegmentAlgorithmType\":\"MANUAL\"" + extra + "}";
    }

    private static MetadataFormatException fail(String json) {
        return assertThrows(MetadataFormatException.class, () -> DcmqiMetadataReader.parse(json));
    }

    @Test
    void minimalSegmentParses() throws MetadataFormatException {
        DcmqiMetadata m = DcmqiMetadataReader.parse(doc(seg("")));
        assertEquals("Tissue", m.segments().get(0).label(), "missing SegmentLabel becomes the type meaning");
        assertEquals(null, m.segments().get(0).recommendedDisplayCieLab());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "not json at all {;not valid JSON",
        "[1,2];expected a JSON object at the top level",
        "{};missing required field \"segmentAttributes\"",
        "{\"segmentAttributes\":[]};segmentAttributes: must list at least one input",
        "{\"segmentAttributes\":[[]]};segmentAttributes[0]: must describe at least one segment",
        "{\"segmentAttributes\":{}};segmentAttributes: expected an array, found an object",
        "{\"segmentAttributes\":[[1]]};segmentAttributes[0][0]: expected an object, found a number (1)",
        "{\"SeriesDescription\":[1],\"segmentAttributes\":[[{}]]};SeriesDescription: expected a string, found an array",
    })
    void documentLevelErrors(String json, String expected) {
        MetadataFormatException e = fail(json);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void missingRequiredSegmentFieldsAreNamed() {
        assertTrue(fail(doc("{" + CAT + "," + TYPE + ",\"SegmentAlgorithmType\":\"MANUAL\"}")).getMessage()
                .contains("segmentAttributes[0][0]: missing required field \"labelID\""));
        assertTrue(fail(doc("{\"labelID\":1," + TYPE + ",\"SegmentAlgorithmType\":\"MANUAL\"}")).getMessage()
                .contains("missing required field \"SegmentedPropertyCategoryCodeSequence\""));
        assertTrue(fail(doc("{\"labelID\":1," + CAT + ",\"SegmentAlgorithmType\":\"MANUAL\"}")).getMessage()
                .contains("missing required field \"SegmentedPropertyTypeCodeSequence\""));
        assertTrue(fail(doc("{\"labelID\":1," + CAT + "," + TYPE + "}")).getMessage()
                .contains("missing required field \"SegmentAlgorithmType\""));
        MetadataFormatException e = fail(doc("{\"labelID\":1," + CAT + ",\"SegmentedPropertyTypeCodeSequence\":"
                + "{\"CodingSchemeDesignator\":\"SCT\",\"CodeMeaning\":\"Tissue\"},\"SegmentAlgorithmType\":\"MANUAL\"}"));
        assertEquals("segmentAttributes[0][0].SegmentedPropertyTypeCodeSequence", e.path());
        assertTrue(e.getMessage().contains("missing required field \"CodeValue\""), e.getMessage());
    }

    @Test
    void wrongTypesAndValuesAreNamed() {
        assertTrue(fail(doc(seg("").replace("\"labelID\":1", "\"labelID\":\"1\""))).getMessage()
                .contains("segmentAttributes[0][0].labelID: expected an integer, found a string (\"1\")"));
        assertTrue(fail(doc(seg("").replace("\"labelID\":1", "\"labelID\":1.5"))).getMessage()
                .contains("labelID: expected an integer"));
        assertTrue(fail(doc(seg("").replace("\"labelID\":1", "\"labelID\":0"))).getMessage().contains("outside 1..65535"));
        assertTrue(fail(doc(seg("").replace("MANUAL", "GUESSED"))).getMessage()
                .contains("SegmentAlgorithmType: Unknown Segment Algorithm Type 'GUESSED'"));
        assertTrue(fail(doc(seg(",\"recommendedDisplayRGBValue\":[1,2]"))).getMessage()
                .contains("recommendedDisplayRGBValue: expected 3 integers, found 2 values"));
        assertTrue(fail(doc(seg(",\"recommendedDisplayRGBValue\":[1,2,300]"))).getMessage()
                .contains("recommendedDisplayRGBValue[2]: value 300 is outside 0..255"));
        assertTrue(fail(doc(seg(",\"SegmentLabel\":{}"))).getMessage()
                .contains("SegmentLabel: expected a string, found an object"));
        assertTrue(fail(doc(seg(",\"TrackingUniqueIdentifier\":\"1.2.3\""))).getMessage()
                .contains("Tracking UID but no Tracking ID"));
        assertTrue(fail(doc(seg(",\"SegmentLabel\":\"" + "x".repeat(65) + "\""))).getMessage()
                .contains("segmentAttributes[0][0]: Segment Label of segment 1 is longer than 64"));
    }

    @Test
    void duplicateLabelsAndMismatchedFileMappingAreErrors() {
        assertTrue(fail("{\"segmentAttributes\":[[" + seg("") + "," + seg("") + "]]}").getMessage()
                .contains("segmentAttributes[0][1].labelID: labelID 1 is described twice in segmentAttributes[0]"));
        assertTrue(fail("{\"segmentAttributesFileMapping\":[\"a\",\"b\"],\"segmentAttributes\":[[" + seg("") + "]]}")
                .getMessage().contains("segmentAttributesFileMapping: names 2 files but segmentAttributes has 1 inputs"));
    }

    @Test
    void algorithmDefaultsAreDocumentedAndConfigurable() throws MetadataFormatException {
        String auto = doc(seg("").replace("MANUAL", "AUTOMATIC"));
        AlgorithmIdentification a = DcmqiMetadataReader.parse(auto).segments().get(0).algorithmIdentification();
        assertEquals(Codes.ARTIFICIAL_INTELLIGENCE, a.family());
        assertEquals(DcmqiMetadataReader.UNKNOWN, a.name());
        assertEquals(DcmqiMetadataReader.UNKNOWN, a.version());
        try {
            a = DcmqiMetadataReader.create().withAlgorithmFamilies(Codes.HISTOGRAM_ANALYSIS, Codes.MANUAL_PROCESSING)
                    .read(new java.io.StringReader(auto)).segments().get(0).algorithmIdentification();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(Codes.HISTOGRAM_ANALYSIS, a.family());
        SegmentDescription named = DcmqiMetadataReader.parse(doc(seg(",\"SegmentAlgorithmName\":\"Paint\"")))
                .segments().get(0);
        assertEquals("Paint", named.algorithmIdentification().name());
        assertEquals(Codes.MANUAL_PROCESSING, named.algorithmIdentification().family());
    }

    @Test
    void numbersAreAcceptedForIsStringsAndArraysForCodeSequences() throws MetadataFormatException {
        String json = "{\"SeriesNumber\":300,\"InstanceNumber\":1,\"segmentAttributes\":[[" + seg(
                ",\"AnatomicRegionSequence\":[{\"CodeValue\":\"10200004\",\"CodingSchemeDesignator\":\"SCT\","
                        + "\"CodeMeaning\":\"Liver\"}]") + "]]}";
        DcmqiMetadata m = DcmqiMetadataReader.parse(json);
        assertEquals("300", m.seriesNumber());
        assertEquals("1", m.instanceNumber());
        assertEquals("Liver", m.segments().get(0).anatomicRegions().get(0).meaning());
    }
}
