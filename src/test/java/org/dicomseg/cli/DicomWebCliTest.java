package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ij.IJ;
import ij.ImagePlus;

import org.dicomseg.testing.CanonicalDicom;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.OrthancServer;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;
import org.dicomseg.web.RemoteFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DICOMweb/DIMSE commands against a real Orthanc: the sample CT is uploaded, a SEG exported
 * against the remote series and stored, found by search, imported from the server pixel-identical
 * to the local file, fetched back byte-identical; C-STORE to Orthanc's DIMSE port; wrong password,
 * a stopped server and a 409 give one line naming the server and the cause.
 */
class DicomWebCliTest {
    private static OrthancServer orthanc;
    private static String ctSeries;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startOrthanc() throws Exception {
        orthanc = OrthancServer.startOrSkip();
        orthanc.uploadFolder(Paths.get("sample-images/ct"));
        DicomWebClient c = client();
        String study = null;
        String series = null;
        for (JsonObject o : c.search(null, "series", java.util.Map.of("Modality", "CT"))) {
            study = org.dicomseg.web.DicomJson.string(o, "0020000D");
            series = org.dicomseg.web.DicomJson.string(o, "0020000E");
        }
        ctSeries = orthanc.dicomWeb() + "/studies/" + study + "/series/" + series;
    }

    @AfterAll
    static void stopOrthanc() throws Exception {
        if (orthanc != null) orthanc.close();
    }

    private static DicomWebClient client() {
        return DicomWebClient.connect(DicomWebUrl.parse(orthanc.dicomWeb()), Credentials.basic(orthanc.user(), orthanc.password()), null);
    }

    /** Runs the CLI with Orthanc's credentials given as --user NAME:PASSWORD (the environment is the process's). */
    private int run(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--user");
        a.add(orthanc.user() + ":" + orthanc.password());
        return runBare(a.toArray(new String[0]));
    }

    private int runBare(String... args) {
        out.reset();
        err.reset();
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() { return out.toString(StandardCharsets.UTF_8); }
    private String stderr() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void exportAgainstTheServerStoreSearchImportAndFetchBack() throws Exception {
        Path remoteSeg = tmp.resolve("remote-source.dcm");
        assertEquals(0, run("export", "--labels", "sample-images/labels.tif", "--meta", "sample-images/labels-meta.json",
                "--source", ctSeries, "--out", remoteSeg.toString(), "--store", orthanc.dicomWeb()), stderr());
        assertTrue(stdout().contains("stored "), stdout());
        Conformance.assertConformant(remoteSeg);

        // The same export from the local files references the same instances the same way: canonically equal.
        Path localSeg = tmp.resolve("local-source.dcm");
        assertEquals(0, runBare("export", "--labels", "sample-images/labels.tif", "--meta", "sample-images/labels-meta.json",
                "--source", "sample-images/ct", "--out", localSeg.toString()), stderr());
        Conformance.assertConformant(localSeg);
        List<Path> ct = new ArrayList<>();
        try (var s = Files.list(Paths.get("sample-images/ct"))) {
            s.sorted().forEach(ct::add);
        }
        assertEquals(canonical(ct, localSeg), canonical(ct, remoteSeg), "remote-source SEG = local-source SEG, but for generated UIDs and clock");

        // search finds it
        assertEquals(0, run("search", orthanc.dicomWeb(), "--modality", "SEG", "--json"), stderr());
        JsonArray found = JsonParser.parseString(stdout()).getAsJsonArray();
        assertEquals(1, found.size(), stdout());
        JsonObject hit = found.get(0).getAsJsonObject();
        assertEquals("SEG", hit.get("modality").getAsString());
        assertEquals(1, hit.get("instances").getAsInt());
        String segUrl = hit.get("url").getAsString();
        assertEquals(0, run("search", orthanc.dicomWeb(), "--patient", "PHANTOM-1"), stderr());
        assertEquals(2, stdout().lines().count(), "CT and SEG series of the patient: " + stdout());
        assertTrue(stdout().lines().anyMatch(l -> l.startsWith(segUrl + "  SEG")), stdout());

        // the stored SEG comes back byte for byte
        DicomWebClient c = client();
        DicomWebUrl instance = RemoteFiles.segmentationOf(c, DicomWebUrl.parse(segUrl));
        Path fetched = RemoteFiles.retrieveToTempFile(c, instance, null);
        try {
            assertArrayEquals(Files.readAllBytes(remoteSeg), Files.readAllBytes(fetched), "WADO-RS retrieve = the file stored");
        } finally {
            Files.delete(fetched);
        }

        // import from the server = import of the local file, pixel for pixel
        Path fromServer = tmp.resolve("from-server.tif");
        Path fromFile = tmp.resolve("from-file.tif");
        assertEquals(0, run("import", segUrl, "--out", fromServer.toString(), "--as", "labels"), stderr());
        assertEquals(0, runBare("import", remoteSeg.toString(), "--out", fromFile.toString(), "--as", "labels"), stderr());
        assertSamePixels(fromFile, fromServer);
        // one segment: read frame by frame from the server (metadata, then that segment's frames), the same pixels
        Path oneFromServer = tmp.resolve("one-from-server.tif");
        Path oneFromFile = tmp.resolve("one-from-file.tif");
        assertEquals(0, run("import", segUrl, "--out", oneFromServer.toString(), "--as", "labels", "--segments", "2"), stderr());
        assertTrue(stdout().matches("(?s).*note: \\d+ of the SEG's \\d+ frames fetched from the server.*"), stdout());
        assertEquals(0, runBare("import", remoteSeg.toString(), "--out", oneFromFile.toString(), "--as", "labels", "--segments", "2"), stderr());
        assertSamePixels(oneFromFile, oneFromServer);
        assertEquals(0, run("info", segUrl, "--json"), stderr());
        assertEquals(3, JsonParser.parseString(stdout()).getAsJsonObject().getAsJsonArray("segments").size());
        assertNoTempLeft();
    }

    @Test
    void cStoreToTheDimsePort() throws Exception {
        Path seg = tmp.resolve("dimse.dcm");
        assertEquals(0, runBare("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out", seg.toString()),
                stderr());
        Conformance.assertConformant(seg);
        String uid = sopInstanceUid(seg);
        assertEquals(0, runBare("store", seg.toString(), "--to", orthanc.dimse(), "--calling-aet", "DICOMSEGTEST"), stderr());
        assertTrue(stdout().startsWith("stored "), stdout());
        // C-STORE sends the data set in the transfer syntax the association agreed on (PS3.8): the same
        // instance, segments and pixels, not necessarily the same bytes.
        Path stored = tmp.resolve("stored-by-orthanc.dcm");
        Files.write(stored, orthanc.storedFile(uid));
        assertEquals(0, runBare("info", seg.toString(), "--json"), stderr());
        JsonObject sent = JsonParser.parseString(stdout()).getAsJsonObject();
        assertEquals(0, runBare("info", stored.toString(), "--json"), stderr());
        JsonObject kept = JsonParser.parseString(stdout()).getAsJsonObject();
        sent.remove("transferSyntaxUID");
        kept.remove("transferSyntaxUID");
        assertEquals(sent, kept);
        assertEquals(uid, sopInstanceUid(stored));
        assertEquals(0, runBare("import", seg.toString(), "--out", tmp.resolve("sent.tif").toString(), "--as", "labels"), stderr());
        assertEquals(0, runBare("import", stored.toString(), "--out", tmp.resolve("kept.tif").toString(), "--as", "labels"), stderr());
        assertSamePixels(tmp.resolve("sent.tif"), tmp.resolve("kept.tif"));
    }

    @Test
    void wrongPasswordStoppedServerAndConflictAreOneLineNamingTheServer() throws Exception {
        Path seg = tmp.resolve("conflict.dcm");
        assertEquals(0, runBare("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out", seg.toString()),
                stderr());
        Conformance.assertConformant(seg);

        assertEquals(1, runBare("store", seg.toString(), "--to", orthanc.dicomWeb(), "--user", orthanc.user() + ":not-the-password"));
        assertOneLine("DICOMweb server " + orthanc.dicomWeb() + ": the server refused the credentials", "HTTP 401");
        assertFalse(stderr().contains("not-the-password"), "the password is never echoed");

        // STOW into a study the SEG does not belong to: Orthanc answers 409 with a Failed SOP Sequence
        String other = orthanc.dicomWeb() + "/studies/1.2.826.0.1.3680043.8.498.1";
        assertEquals(1, run("store", seg.toString(), "--to", other));
        assertTrue(stdout().startsWith("failed "), stdout());
        assertTrue(stdout().contains("conflict (HTTP 409)"), stdout());
        assertOneLine(other + " did not store 1 of 1 instance(s)", "conflict (HTTP 409)");

        assertEquals(1, run("info", ctSeries.replaceAll("/series/.*", "/series/1.2.3.4")));
        assertOneLine("DICOMweb server " + orthanc.dicomWeb() + ": not found", "series 1.2.3.4");

        OrthancServer stopped = OrthancServer.start();
        String url = stopped.dicomWeb();
        stopped.close();
        assertEquals(1, runBare("search", url, "--timeout", "5"));
        assertOneLine("DICOMweb server " + url + ": cannot connect", "connection refused");

        // TLS to a port that speaks plain HTTP; a server that accepts but never answers, with --timeout 1
        assertEquals(1, run("search", "https://127.0.0.1:" + orthanc.httpPort() + "/dicom-web"));
        assertOneLine("DICOMweb server https://127.0.0.1:" + orthanc.httpPort() + "/dicom-web: TLS failure: the port does not speak TLS", "is the URL http://");
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0)) {
            String silentUrl = "http://127.0.0.1:" + silent.getLocalPort() + "/dicom-web";
            assertEquals(1, runBare("search", silentUrl, "--timeout", "1"));
            assertOneLine("DICOMweb server " + silentUrl + ": no answer within 1 s", "--timeout");
        }

        assertEquals(1, run("search", orthanc.root()));
        assertOneLine("DICOMweb server " + orthanc.root() + ": is not a DICOMweb server", "/series");
    }

    private void assertOneLine(String start, String contains) {
        String e = stderr();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("dicomseg: " + start), e);
        assertTrue(e.contains(contains), e);
    }

    private static String canonical(List<Path> sources, Path seg) throws Exception {
        CanonicalDicom c = new CanonicalDicom(sources, false);
        c.file(0, Files.readAllBytes(seg));
        return c.hash();
    }

    private static void assertSamePixels(Path expected, Path actual) {
        ImagePlus a = IJ.openImage(expected.toString());
        ImagePlus b = IJ.openImage(actual.toString());
        assertEquals(a.getStackSize(), b.getStackSize());
        assertEquals(a.getWidth(), b.getWidth());
        long nonZero = 0;
        for (int i = 1; i <= a.getStackSize(); i++) {
            Object pa = a.getStack().getPixels(i);
            Object pb = b.getStack().getPixels(i);
            assertArrayEquals((byte[]) pa, (byte[]) pb, "plane " + i);
            for (byte x : (byte[]) pa) if (x != 0) nonZero++;
        }
        assertTrue(nonZero > 0, "the label image is not empty");
    }

    private static String sopInstanceUid(Path seg) throws Exception {
        try (org.dicomseg.read.SegmentationReader r = org.dicomseg.read.SegmentationReader.open(seg)) {
            return r.metadata().sopInstanceUid();
        }
    }

    private static void assertNoTempLeft() throws Exception {
        try (var s = Files.list(Paths.get(System.getProperty("java.io.tmpdir")))) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith("dicomseg-remote-")), "retrieved SEGs are deleted");
        }
    }
}
