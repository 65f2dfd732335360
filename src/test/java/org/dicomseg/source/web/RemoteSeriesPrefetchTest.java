package org.dicomseg.source.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import org.dicomseg.source.SourceFile;
import org.dicomseg.testing.OrthancServer;
import org.dicomseg.testing.SilentServer;
import org.dicomseg.testing.Threads;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.DicomJson;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebException;
import org.dicomseg.web.DicomWebUrl;
import org.junit.jupiter.api.Test;

/**
 * A remote series' headers asked for ahead of time ({@link RemoteSeriesCache#prefetch}), against a
 * real Orthanc: the read that needs them joins the prefetch (one request in all, counted by the
 * clients' own logs, {@link DicomWebClient#requested()}); a refusal (401, 404, connection refused,
 * TLS to a plain-HTTP port) reaches the read with the same one-line message as a read without a
 * prefetch; other credentials never join another's prefetch; and a prefetch closed before anyone
 * joined it is cancelled — its request aborted on the wire (a real server sees the connection
 * closed), its thread ended, its outcome never reported, and a later read asks again.
 */
class RemoteSeriesPrefetchTest {

    @Test
    void theReadJoinsThePrefetchAndRefusalsKeepTheirMessages() throws Exception {
        try (OrthancServer orthanc = OrthancServer.startOrSkip(cfg -> cfg.getAsJsonObject("RegisteredUsers")
                .addProperty("reader", "reader-secret"))) {
            orthanc.uploadFolder(Paths.get("sample-images/ct"));
            Credentials user = Credentials.basic(orthanc.user(), orthanc.password());
            DicomWebUrl url = seriesUrl(orthanc.dicomWeb(), user);
            RemoteSeriesCache cache = RemoteSeriesCache.shared();
            cache.clear();

            // the prefetch's client makes the one request; the read (a client of its own, as a command makes) none
            DicomWebClient ahead = client(orthanc.dicomWeb(), user, null);
            DicomWebClient reader = client(orthanc.dicomWeb(), user, null);
            try (RemoteSeriesCache.Prefetch p = RemoteSeries.prefetch(ahead, url)) {
                assertEquals(1, cache.pending());
                List<SourceFile> files = RemoteSeries.read(reader, url);
                assertEquals(5, files.size());
                assertEquals(List.of(), reader.requested(), "the read joined the prefetch");
                assertEquals(List.of("GET " + url.resource() + "/metadata"), ahead.requested(), "one request in all");
                assertEquals(0, cache.pending());
                assertTrue(p.done());
            }
            assertEquals(1, cache.misses());
            assertEquals(List.of("GET " + url.resource() + "/metadata"), ahead.requested(), "closing a joined prefetch asks nothing");

            // in the cache now: a prefetch makes the validation request, the read none; a second prefetch starts nothing
            DicomWebClient ahead2 = client(orthanc.dicomWeb(), user, null);
            DicomWebClient reader2 = client(orthanc.dicomWeb(), user, null);
            try (RemoteSeriesCache.Prefetch p = RemoteSeries.prefetch(ahead2, url);
                 RemoteSeriesCache.Prefetch again = RemoteSeries.prefetch(client(orthanc.dicomWeb(), user, null), url)) {
                assertSame(RemoteSeriesCache.Prefetch.NONE, again);
                assertEquals(5, RemoteSeries.read(reader2, url).size());
            }
            assertEquals(List.of(), reader2.requested());
            assertEquals(1, ahead2.requested().size(), ahead2.requested().toString());
            assertTrue(ahead2.requested().get(0).startsWith("GET ../series/"), ahead2.requested().toString());
            assertEquals(1, cache.hits());

            // other credentials never join: the reader's own request, and the other prefetch is cancelled on close
            cache.clear();
            DicomWebClient other = client(orthanc.dicomWeb(), Credentials.basic("reader", "reader-secret"), null);
            try (RemoteSeriesCache.Prefetch p = RemoteSeries.prefetch(client(orthanc.dicomWeb(), user, null), url)) {
                assertEquals(5, RemoteSeries.read(other, url).size());
                assertEquals(List.of("GET " + url.resource() + "/metadata"), other.requested());
            }
            assertEquals(0, cache.pending());

            // refusals: the same one line with and without a prefetch
            DicomWebUrl missing = DicomWebUrl.of(orthanc.dicomWeb(), url.study(), "1.2.3.4", null);
            Credentials wrong = Credentials.basic(orthanc.user(), "not-the-password");
            String https = "https://127.0.0.1:" + orthanc.httpPort() + "/dicom-web";
            String refused;
            try (OrthancServer stopped = OrthancServer.start()) {
                refused = stopped.dicomWeb();
            }
            List<String[]> cases = List.of(
                    new String[] {orthanc.dicomWeb(), url.series(), "wrong", "the server refused the credentials"},
                    new String[] {orthanc.dicomWeb(), missing.series(), "user", "not found"},
                    new String[] {refused, url.series(), "user", "cannot connect"},
                    new String[] {https, url.series(), "user", "TLS failure"});
            for (String[] c : cases) {
                Credentials cr = c[2].equals("wrong") ? wrong : user;
                DicomWebUrl u = DicomWebUrl.of(c[0], url.study(), c[1], null);
                String plain = messageOf(client(c[0], cr, Duration.ofSeconds(10)), u, null);
                String viaPrefetch;
                try (RemoteSeriesCache.Prefetch p = RemoteSeries.prefetch(client(c[0], cr, Duration.ofSeconds(10)), u)) {
                    viaPrefetch = messageOf(client(c[0], cr, Duration.ofSeconds(10)), u, p);
                }
                assertTrue(plain.startsWith("DICOMweb server " + c[0] + ": " + c[3]), plain);
                assertEquals(plain, viaPrefetch);
                assertEquals(1, plain.lines().count(), plain);
                assertTrue(!plain.contains("not-the-password"), plain);
            }
            assertEquals(0, cache.pending());
        }
    }

    @Test
    void aPrefetchClosedBeforeAnyoneJoinedItIsCancelledOnTheWireAndForgotten() throws Exception {
        RemoteSeriesCache cache = RemoteSeriesCache.shared();
        try (SilentServer server = new SilentServer()) {
            DicomWebUrl url = DicomWebUrl.parse(server.url() + "/studies/1.2.3/series/4.5.6");
            RemoteSeriesCache.Prefetch p = RemoteSeries.prefetch(client(server.url(), Credentials.NONE, Duration.ofSeconds(60)), url);
            assertTrue(server.awaitRequest(30), "the prefetch sent its request");
            assertEquals(List.of("GET /dicom-web/studies/1.2.3/series/4.5.6/metadata HTTP/1.1"), server.requestLines());
            p.close();
            assertTrue(server.awaitClosedByClient(10), "closing the prefetch aborted its request (the connection was closed)");
            assertTrue(Threads.awaitNoneNamed("dicomseg-prefetch", 10), "the prefetch's thread ended");
            assertTrue(p.done());
            assertEquals(0, cache.pending());
            // its outcome is never joined: a later read asks again, on its own (here: no answer within its 1 s)
            DicomWebClient later = client(server.url(), Credentials.NONE, Duration.ofSeconds(1));
            DicomWebException e = assertThrows(DicomWebException.class, () -> RemoteSeries.read(later, url));
            assertTrue(e.getMessage().contains("no answer within 1 s"), e.getMessage());
            assertEquals(List.of("GET " + url.resource() + "/metadata"), later.requested());
            assertEquals(2, server.connections());
        }
    }

    /** The message a read of {@code u} fails with (joining {@code p} when given). */
    private static String messageOf(DicomWebClient c, DicomWebUrl u, RemoteSeriesCache.Prefetch p) {
        DicomWebException e = assertThrows(DicomWebException.class, () -> RemoteSeries.read(c, u));
        if (p != null) assertEquals(List.of(), c.requested(), "the read joined the prefetch: " + c.requested());
        else assertEquals(1, c.requested().size(), c.requested().toString());
        return e.getMessage();
    }


    private static DicomWebClient client(String base, Credentials credentials, Duration timeout) {
        return DicomWebClient.connect(DicomWebUrl.parse(base), credentials, timeout);
    }

    private static DicomWebUrl seriesUrl(String base, Credentials credentials) throws Exception {
        JsonObject s = client(base, credentials, null).search(null, "series", Map.of()).get(0);
        return DicomWebUrl.of(base, DicomJson.string(s, "0020000D"), DicomJson.string(s, "0020000E"), null);
    }
}
