package org.dicomseg.source.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dicomseg.source.SourceFile;
import org.dicomseg.source.SourceFrame;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.OrthancServer;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.DicomJson;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;
import org.junit.jupiter.api.Test;

/** A remote series' headers from WADO-RS metadata alone equal the local files' headers. */
class RemoteSeriesTest {
    @Test
    void metadataOnlyAndTheSameFramesAsTheLocalFiles() throws Exception {
        try (OrthancServer orthanc = OrthancServer.startOrSkip()) {
            orthanc.uploadFolder(Paths.get("sample-images/ct"));
            DicomWebClient c = DicomWebClient.connect(DicomWebUrl.parse(orthanc.dicomWeb()),
                    Credentials.basic(orthanc.user(), orthanc.password()), null);
            var series = c.search(null, "series", Map.of()).get(0);
            DicomWebUrl url = DicomWebUrl.of(orthanc.dicomWeb(), DicomJson.string(series, "0020000D"), DicomJson.string(series, "0020000E"), null);
            int before = c.requested().size();
            long wireBefore = c.bytesReceived();
            List<SourceFile> remote = RemoteSeries.read(c, url);
            List<String> requests = c.requested().subList(before, c.requested().size());
            assertEquals(List.of("GET " + url.resource() + "/metadata"), requests, "one metadata request, no pixel data");
            // asked for gzip: the JSON crossed the network compressed (Orthanc compresses when asked)
            int json = orthanc.get("/dicom-web" + url.resource() + "/metadata").body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            long wire = c.bytesReceived() - wireBefore;
            assertTrue(wire > 0 && wire * 4 < json, "metadata over the wire " + wire + " bytes, " + json + " bytes of JSON");

            List<Path> files = new ArrayList<>();
            try (Stream<Path> s = Files.list(Paths.get("sample-images/ct"))) {
                s.sorted().forEach(files::add);
            }
            SourceImages local = SourceImages.read(files);
            assertEquals(5, remote.size());
            for (SourceFile r : remote) {
                assertNull(r.file());
                assertTrue(r.location().startsWith(orthanc.dicomWeb() + "/studies/"), r.location());
                SourceFrame l = local.frames().stream().filter(f -> f.sopInstanceUid().equals(r.sopInstanceUid())).findFirst().get();
                SourceFrame rf = SourceImages.of(List.of(r)).frame(0);
                assertEquals(l.sopClassUid(), rf.sopClassUid());
                assertEquals(l.seriesInstanceUid(), rf.seriesInstanceUid());
                assertEquals(l.position().toString(), rf.position().toString());
                assertEquals(l.orientation().toString(), rf.orientation().toString());
                assertEquals(l.pixelMeasures().toString(), rf.pixelMeasures().toString());
                assertEquals(l.rows(), rf.rows());
            }
            SourceImages remoteImages = SourceImages.of(remote);
            for (int[] tag : new int[][] {{0x0010, 0x0010}, {0x0010, 0x0020}, {0x0008, 0x0020}, {0x0020, 0x000D}, {0x0020, 0x0052}}) {
                assertEquals(local.headerValue(tag[0], tag[1]), remoteImages.headerValue(tag[0], tag[1]));
            }
        }
    }

    /** An archive whose series metadata comes from its database alone: one line saying what is missing and why. */
    @Test
    void metadataWithoutTheImageAttributesIsRefusedNamingWhatIsMissing() throws Exception {
        try (OrthancServer orthanc = OrthancServer.startOrSkip(cfg -> cfg.getAsJsonObject("DicomWeb").addProperty("SeriesMetadata", "MainDicomTags"))) {
            orthanc.uploadFolder(Paths.get("sample-images/ct"));
            DicomWebClient c = DicomWebClient.connect(DicomWebUrl.parse(orthanc.dicomWeb()),
                    Credentials.basic(orthanc.user(), orthanc.password()), null);
            var series = c.search(null, "series", Map.of()).get(0);
            DicomWebUrl url = DicomWebUrl.of(orthanc.dicomWeb(), DicomJson.string(series, "0020000D"), DicomJson.string(series, "0020000E"), null);
            org.dicomseg.task.InputException e = org.junit.jupiter.api.Assertions.assertThrows(org.dicomseg.task.InputException.class,
                    () -> RemoteSeries.read(c, url));
            assertTrue(e.getMessage().startsWith("The metadata " + orthanc.dicomWeb() + " gave for " + url + "/instances/"), e.getMessage());
            assertTrue(e.getMessage().contains(" lacks SOP Class UID, Rows, Columns: "), e.getMessage());
            assertTrue(e.getMessage().contains("Orthanc: set DicomWeb.SeriesMetadata to Full"), e.getMessage());
            assertEquals(-1, e.getMessage().indexOf('\n'));
        }
    }
}
