package org.dicomseg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Base URLs with the prefixes real servers use, resource URLs, and what is refused. */
class DicomWebUrlTest {
    @Test
    void prefixesOfRealServersStayInTheBase() {
        DicomWebUrl o = DicomWebUrl.parse("http://localhost:8042/dicom-web/studies/1.2.3/series/4.5/instances/6.7");
        assertEquals("http://localhost:8042/dicom-web", o.base());
        assertEquals("1.2.3", o.study());
        assertEquals("4.5", o.series());
        assertEquals("6.7", o.instance());
        DicomWebUrl d = DicomWebUrl.parse("https://pacs.hospital.test/dcm4chee-arc/aets/DCM4CHEE/rs/studies/1.2/");
        assertEquals("https://pacs.hospital.test/dcm4chee-arc/aets/DCM4CHEE/rs", d.base());
        assertNull(d.series());
        DicomWebUrl g = DicomWebUrl.parse("https://healthcare.googleapis.com/v1/projects/p/locations/l/datasets/d/dicomStores/s/dicomWeb");
        assertEquals("https://healthcare.googleapis.com/v1/projects/p/locations/l/datasets/d/dicomStores/s/dicomWeb", g.base());
        assertEquals("", g.resource());
        assertEquals(o, DicomWebUrl.parse(o.toString()));
    }

    @Test
    void malformedUrlsAndCredentialsInTheUrlAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DicomWebUrl.parse("/data/ct"));
        assertThrows(IllegalArgumentException.class, () -> DicomWebUrl.parse("http://h/dicom-web/studies/1.2/instances/3"));
        assertThrows(IllegalArgumentException.class, () -> DicomWebUrl.parse("http://h/dicom-web/studies/abc"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DicomWebUrl.parse("http://me:secret@h/dicom-web"));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertTrue(DicomWebUrl.isUrl("HTTPS://x"));
        assertFalse(DicomWebUrl.isUrl("dicom://A@h:104"));
    }

    @Test
    void storeTargets() {
        StoreTarget t = StoreTarget.parse("dicom://ORTHANC@127.0.0.1:4242");
        assertTrue(t.isDimse());
        assertEquals("dicom://ORTHANC@127.0.0.1:4242", t.toString());
        assertFalse(StoreTarget.parse("http://h/dicom-web/studies/1.2").isDimse());
        assertThrows(IllegalArgumentException.class, () -> StoreTarget.parse("dicom://h:4242"));
        assertThrows(IllegalArgumentException.class, () -> StoreTarget.parse("http://h/dicom-web/studies/1/series/2"));
    }

    @Test
    void credentialsFromFlagsThenEnvironmentNeverShowTheSecret() {
        Map<String, String> env = Map.of(Credentials.ENV_USER, "envuser", Credentials.ENV_PASSWORD, "envpass");
        assertEquals("user envuser", Credentials.resolve(null, null, env).describe());
        assertEquals("user me", Credentials.resolve("me", null, env).describe());
        assertTrue(Credentials.resolve("me", null, env).authorization().startsWith("Basic "));
        assertEquals("a token", Credentials.resolve("me", "tok", env).describe());
        assertEquals("Bearer tok", Credentials.resolve(null, null, Map.of(Credentials.ENV_TOKEN, "tok")).authorization());
        assertEquals(Credentials.NONE, Credentials.resolve(null, null, Map.of()));
        assertFalse(Credentials.resolve("me:pw", null, env).toString().contains("pw"));
    }
}
