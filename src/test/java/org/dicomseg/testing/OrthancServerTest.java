package org.dicomseg.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;

/** The test archive itself: it starts, requires its password, takes the sample CT, and stops. */
class OrthancServerTest {
    @Test
    void startsSeedsAndStops() throws Exception {
        OrthancServer s = OrthancServer.startOrSkip();
        try (s) {
            s.uploadFolder(Paths.get("sample-images/ct"));
            assertEquals(5, s.instanceCount());
            HttpResponse<Void> anonymous = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(s.dicomWeb() + "/studies")).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(401, anonymous.statusCode(), "basic auth is on");
        }
        assertFalse(s.running());
    }
}
