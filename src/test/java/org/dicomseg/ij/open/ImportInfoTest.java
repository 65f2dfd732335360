package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.measure.ResultsTable;

import org.junit.jupiter.api.Test;

class ImportInfoTest {

    @Test
    void tableHasOneRowPerSegmentWithCounts() {
        ImportedSegmentation v = ImportFixtures.binary();
        ResultsTable rt = SegInfoTable.of(v);
        assertEquals(3, rt.size());
        assertEquals(5, (int) rt.getValue(SegInfoTable.NUMBER, 2));
        assertEquals("Lesion", rt.getStringValue(SegInfoTable.LABEL, 2));
        assertEquals("Tissue", rt.getStringValue(SegInfoTable.CATEGORY, 0));
        assertEquals("Organ", rt.getStringValue(SegInfoTable.TYPE, 0));
        assertEquals("MANUAL", rt.getStringValue(SegInfoTable.ALGORITHM_TYPE, 0));
        assertEquals("#ff0000", rt.getStringValue(SegInfoTable.COLOR, 0));
        assertEquals(12 + 12 + 16, (int) rt.getValue(SegInfoTable.PIXELS, 0));
        assertEquals(24 + 4, (int) rt.getValue(SegInfoTable.PIXELS, 1));
    }

    @Test
    void fractionalTableAndTextNameAlgorithmAndTracking() {
        ImportedSegmentation v = ImportFixtures.fractional();
        ResultsTable rt = SegInfoTable.of(v);
        assertEquals(12, (int) rt.getValue(SegInfoTable.PIXELS, 0));
        assertEquals(8, (int) rt.getValue(SegInfoTable.PIXELS_HALF, 0));
        assertEquals("Net 1.0 (Artificial Intelligence)", rt.getStringValue(SegInfoTable.ALGORITHM, 0));
        assertEquals("lesion-A", rt.getStringValue(SegInfoTable.TRACKING_ID, 0));
        String text = SegInfoText.of(v);
        assertTrue(text.contains("Segmentation Type: FRACTIONAL (PROBABILITY, Maximum Fractional Value 200)"), text);
        assertTrue(text.contains("Tracking ID: lesion-A"), text);
        assertTrue(text.contains("Tracking UID: "), text);
        assertTrue(text.contains("Category: (85756007, SCT, \"Tissue\")"), text);
    }
}
