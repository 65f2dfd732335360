package org.dicomseg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;

/**
 * A STOW-RS answer of partial success (HTTP 202, PS3.18 10.5.3): one instance stored, one stored
 * with a Warning Reason (coercion), one in the Failed SOP Sequence, one the server does not name.
 * Orthanc never answers 202, so the answer is the standard's Store Instances Response Module as a
 * server sends it.
 */
class StowResponseTest {
    @Test
    void everyInstanceGetsItsOwnOutcome() {
        String body = "{"
                + "\"00081190\":{\"vr\":\"UR\",\"Value\":[\"https://pacs/dicom-web/studies/1.2\"]},"
                + "\"00081199\":{\"vr\":\"SQ\",\"Value\":["
                + "{\"00081150\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.66.4\"]},\"00081155\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.1\"]},"
                + "\"00081190\":{\"vr\":\"UR\",\"Value\":[\"https://pacs/dicom-web/studies/1.2/series/3/instances/1.2.3.1\"]}},"
                + "{\"00081150\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.66.4\"]},\"00081155\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.2\"]},"
                + "\"00081196\":{\"vr\":\"US\",\"Value\":[45056]}}]},"
                + "\"00081198\":{\"vr\":\"SQ\",\"Value\":["
                + "{\"00081150\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.66.4\"]},\"00081155\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.3\"]},"
                + "\"00081197\":{\"vr\":\"US\",\"Value\":[43264]}}]}}";
        Map<String, Path> sent = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) sent.put("1.2.3." + i, Paths.get("seg" + i + ".dcm"));
        StowResponse r = StowResponse.of(202, JsonParser.parseString(body).getAsJsonObject(), sent, null);
        List<StoreOutcome> o = r.outcomes();
        assertEquals(4, o.size());
        assertEquals(StoreOutcome.Status.STORED, o.get(0).status());
        assertEquals("https://pacs/dicom-web/studies/1.2/series/3/instances/1.2.3.1", o.get(0).retrieveUrl());
        assertNull(o.get(0).reason());
        assertEquals(StoreOutcome.Status.WARNING, o.get(1).status());
        assertEquals("coercion of data elements (B000H)", o.get(1).reason());
        assertEquals(StoreOutcome.Status.FAILED, o.get(2).status());
        assertEquals("data set does not match SOP class (A900H)", o.get(2).reason());
        assertEquals(StoreOutcome.Status.FAILED, o.get(3).status(), "an instance the answer does not name was not stored");
        assertTrue(o.get(3).reason().contains("HTTP 202"), o.get(3).reason());
        assertEquals(2, r.failures().size());
        assertTrue(o.get(2).toString().startsWith("failed seg3.dcm (SOP Instance UID 1.2.3.3): data set does not match"), o.get(2).toString());
    }
}
