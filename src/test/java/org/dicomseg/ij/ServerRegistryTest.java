package org.dicomseg.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Prefs;

import org.junit.jupiter.api.Test;

/** Named servers in ImageJ's preferences; secrets for the session unless remembered. */
class ServerRegistryTest {
    @Test
    void secretsStayInTheSessionUnlessRemembered() {
        ServerRegistry.Server s = new ServerRegistry.Server("test-orthanc", "http://127.0.0.1:8042/dicom-web", "dicomseg",
                ServerRegistry.Auth.PASSWORD, null);
        try {
            ServerRegistry.put(s, "s3cret", false);
            assertTrue(ServerRegistry.names().contains("test-orthanc"));
            assertEquals("http://127.0.0.1:8042/dicom-web", ServerRegistry.get("test-orthanc").url());
            assertTrue(ServerRegistry.hasSecret("test-orthanc"));
            assertEquals("", Prefs.get("dicomseg.server.test-orthanc.secret", ""), "not in the preferences");
            assertEquals("user dicomseg", ServerRegistry.settings(ServerRegistry.get("test-orthanc"), null).credentials().describe());
            assertFalse(ServerRegistry.get("test-orthanc").toString().contains("s3cret"));
            ServerRegistry.put(s, "s3cret", true);
            assertEquals("s3cret", Prefs.get("dicomseg.server.test-orthanc.secret", ""), "kept when asked");
            assertEquals("DICOMSEG", ServerRegistry.get("test-orthanc").callingAet());
        } finally {
            ServerRegistry.remove("test-orthanc");
        }
        assertFalse(ServerRegistry.names().contains("test-orthanc"));
        assertFalse(ServerRegistry.hasSecret("test-orthanc"));
        assertThrows(IllegalArgumentException.class, () -> ServerRegistry.get("test-orthanc"));
        assertThrows(IllegalArgumentException.class, () -> new ServerRegistry.Server("x", "ftp://h", "", ServerRegistry.Auth.NONE, null));
        assertThrows(IllegalArgumentException.class, () -> new ServerRegistry.Server("bad name", "http://h", "", ServerRegistry.Auth.NONE, null));
    }
}
