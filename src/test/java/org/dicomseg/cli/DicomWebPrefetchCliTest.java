package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import org.dicomseg.source.web.RemoteSeriesCache;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.OrthancServer;
import org.dicomseg.testing.SilentServer;
import org.dicomseg.testing.Threads;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.DicomJson;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --source URL} asks for the series' metadata while it reads the label image (a
 * prefetch, joined where the headers are needed), against a real Orthanc and a real silent server:
 * one metadata request in all; a wrong password, an unknown series and a stopped server give the
 * same one line as before; a label file that is not there gives its own message and sends no
 * request at all (the server sees no connection); a label file that is there but cannot be read
 * gives its own message at once, the request that had started is aborted (the server sees the
 * connection closed) and its outcome never reported (no timeout message, no thread left).
 */
class DicomWebPrefetchCliTest {
    /** What the CLI puts before a message that does not name the command's input (Main.withSubject): as before the prefetch. */
    private static final String LABELS = "sample-images/labels.tif: ";

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void oneRequestInAllAndRefusalsAreOneLine() throws Exception {
        RemoteSeriesCache cache = RemoteSeriesCache.shared();
        try (OrthancServer orthanc = OrthancServer.startOrSkip()) {
            orthanc.uploadFolder(Paths.get("sample-images/ct"));
            String login = orthanc.user() + ":" + orthanc.password();
            DicomWebClient c = DicomWebClient.connect(DicomWebUrl.parse(orthanc.dicomWeb()), Credentials.basic(orthanc.user(), orthanc.password()), null);
            JsonObject s = c.search(null, "series", Map.of("Modality", "CT")).get(0);
            String series = orthanc.dicomWeb() + "/studies/" + DicomJson.string(s, "0020000D") + "/series/" + DicomJson.string(s, "0020000E");

            cache.clear();
            Path seg = tmp.resolve("remote.dcm");
            assertEquals(0, run("export", "--labels", "sample-images/labels.tif", "--source", series, "--out", seg.toString(), "--user", login),
                    stderr());
            Conformance.assertConformant(seg);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("over 5 source image(s) (DICOMweb"), out.toString(StandardCharsets.UTF_8));
            assertEquals(1, cache.misses(), "one metadata request");
            assertEquals(0, cache.hits(), "and no other read of the series");
            assertEquals(0, cache.pending());

            Path none = tmp.resolve("none.dcm");
            assertEquals(1, run("export", "--labels", "sample-images/labels.tif", "--source", series, "--out", none.toString(),
                    "--user", orthanc.user() + ":not-the-password"));
            assertOneLine(LABELS + "DICOMweb server " + orthanc.dicomWeb() + ": the server refused the credentials", "HTTP 401");
            assertFalse(stderr().contains("not-the-password"));
            assertEquals(1, run("export", "--labels", "sample-images/labels.tif", "--source", series.replaceAll("/series/.*", "/series/1.2.3.4"),
                    "--out", none.toString(), "--user", login));
            assertOneLine(LABELS + "DICOMweb server " + orthanc.dicomWeb() + ": not found", "series 1.2.3.4");
            OrthancServer stopped = OrthancServer.start();
            String gone = stopped.dicomWeb();
            stopped.close();
            assertEquals(1, run("export", "--labels", "sample-images/labels.tif", "--source", gone + "/studies/1.2/series/3.4",
                    "--out", none.toString(), "--timeout", "5"));
            assertOneLine(LABELS + "DICOMweb server " + gone + ": cannot connect", "connection refused");
            assertFalse(Files.exists(none), "no SEG written");
            assertEquals(0, cache.pending());
        }
    }

    @Test
    void aLabelImageThatFailsFirstGivesItsOwnMessageAndNoRequestIsLeft() throws Exception {
        try (SilentServer server = new SilentServer()) {
            String series = server.url() + "/studies/1.2.3/series/4.5.6";
            Path none = tmp.resolve("none.dcm");

            RemoteSeriesCache cache = RemoteSeriesCache.shared();
            cache.clear();
            // not there: its message, as with a local source, and no request at all (none started, no connection)
            Path missing = tmp.resolve("no-such-labels.tif");
            assertEquals(1, run("export", "--labels", missing.toString(), "--source", "sample-images/ct", "--out", none.toString()));
            String local = stderr();
            assertEquals(1, run("export", "--labels", missing.toString(), "--source", series, "--out", none.toString(), "--timeout", "60"));
            assertEquals(local, stderr());
            assertOneLine("Label image " + missing + " does not exist", "does not exist");
            assertEquals(0, server.connections(), "no request was sent");
            assertEquals(0, cache.prefetches(), "none started");

            // there but not a TIFF: its message at once (not the server's 60 s timeout); the request that had started is aborted
            Path damaged = tmp.resolve("damaged.tif");
            Files.write(damaged, "II*\0 this is not a TIFF".getBytes(StandardCharsets.US_ASCII));
            assertEquals(1, run("export", "--labels", damaged.toString(), "--source", "sample-images/ct", "--out", none.toString()));
            local = stderr();
            assertEquals(1, run("export", "--labels", damaged.toString(), "--source", series, "--out", none.toString(), "--timeout", "60"));
            assertEquals(local, stderr(), "the label image's message, nothing of the request");
            assertTrue(stderr().contains(damaged.toString()), stderr());
            assertEquals(1, cache.prefetches(), "the request was started (the file is there) ...");
            assertTrue(server.connections() <= 1, "at most the one prefetch connection");
            if (server.connections() == 1) {
                assertTrue(server.awaitClosedByClient(10), "the started request was aborted (its connection closed)");
            }
            assertTrue(Threads.awaitNoneNamed("dicomseg-prefetch", 10), "... and cancelled: no request left running");
            assertEquals(0, cache.pending());
            assertEquals(1, stderr().lines().count(), "nothing printed later: " + stderr());
            assertFalse(Files.exists(none));
        }
    }

    private void assertOneLine(String start, String contains) {
        String e = stderr();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("dicomseg: " + start), e);
        assertTrue(e.contains(contains), e);
    }

}
