package org.dicomseg.source.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.SlideWriter;
import org.dicomseg.source.slide.SlideLevel;
import org.dicomseg.source.slide.SlideRaster;
import org.dicomseg.source.slide.SlideRegionReader;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.testing.OrthancServer;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.DicomJson;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A region of a slide on Orthanc: only its tiles cross the network, and its pixels equal the local file's. */
class RemoteSlideTest {
    @TempDir
    Path tmp;

    @Test
    void aRegionFetchesOnlyItsTilesInOneRequest() throws Exception {
        Path jpeg = tmp.resolve("rgb-jpeg.dcm");
        Path grey = tmp.resolve("grey-native.dcm");
        // 2000 x 1500 in 128-pixel tiles: 16 x 12 = 192 tiles; odd edges.
        new SlideWriter(SampleStudy.deterministic(21), 2000, 1500, 128).rgb(true).jpeg(true).series("series/rgb").write(jpeg);
        new SlideWriter(SampleStudy.deterministic(22), 1999, 1501, 128).series("series/grey").write(grey);
        try (OrthancServer orthanc = OrthancServer.startOrSkip()) {
            orthanc.upload(jpeg);
            orthanc.upload(grey);
            DicomWebClient c = DicomWebClient.connect(DicomWebUrl.parse(orthanc.dicomWeb()),
                    Credentials.basic(orthanc.user(), orthanc.password()), null);
            for (Path local : List.of(jpeg, grey)) {
                SlideLevel file = SlideSeries.scan(local).level(0);
                JsonObject series = c.search(null, "series", Map.of("SeriesInstanceUID", file.seriesInstanceUid())).get(0);
                DicomWebUrl url = DicomWebUrl.of(orthanc.dicomWeb(), DicomJson.string(series, "0020000D"), file.seriesInstanceUid(), null);
                int before = c.requested().size();
                SlideLevel remote = RemoteSlide.read(c, url).level(0);
                assertEquals(file.width(), remote.width());
                assertEquals(List.of("GET " + url.resource() + "/metadata"), c.requested().subList(before, c.requested().size()));

                // columns 300..699 → tiles 2..5, rows 200..499 → tiles 1..3: 12 tiles of 192
                before = c.requested().size();
                SlideRaster r = SlideRegionReader.read(remote, 300, 200, 400, 300);
                SlideRaster l = SlideRegionReader.read(file, 300, 200, 400, 300);
                List<String> requests = c.requested().subList(before, c.requested().size());
                assertEquals(12, r.tilesRead());
                assertEquals(l.tilesRead(), r.tilesRead());
                assertEquals(1, requests.size(), requests.toString());
                String frames = requests.get(0).replaceAll(".*/frames/", "");
                assertEquals(12, frames.split(",").length, requests.get(0));
                assertTrue(frames.startsWith("19,20,21,22,35,"), "row 1, columns 2..5 of 16: frames 19-22: " + frames);
                assertArrayEquals(l.pixels(), r.pixels(), "remote region = local region, pixel for pixel (" + local.getFileName() + ")");

                // the last tile row and column (partial tiles at the odd edges)
                SlideRaster edge = SlideRegionReader.read(remote, remote.width() - 10, remote.height() - 10, 10, 10);
                assertEquals(1, edge.tilesRead());
                assertArrayEquals(SlideRegionReader.read(file, file.width() - 10, file.height() - 10, 10, 10).pixels(), edge.pixels());
            }
        }
    }
}
