package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import ij.ImagePlus;
import ij.gui.Roi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.ij.slide.SlideImageOpener;
import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.source.slide.SlideLevel;
import org.dicomseg.source.slide.SlideRegionReader;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.source.web.RemoteSlide;
import org.dicomseg.testing.CanonicalDicom;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.FocalSlides;
import org.dicomseg.testing.OrthancServer;
import org.dicomseg.testing.Shared;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.DicomJson;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;

/**
 * A slide with three focal planes on a DICOMweb server (Orthanc), TILED_FULL and TILED_SPARSE:
 * a region opened as a Z stack (what Open DICOM Slide... does, {@link SlideImageOpener}) fetches,
 * per focal plane, one WADO-RS frames request naming only the tiles the region needs on that plane,
 * pixel for pixel the local file's; {@code dicomseg export --labels|--rois --source SERIES_URL}
 * writes, without fetching a tile, the SEG the same export writes against the local files
 * (canonically equal: all but generated UIDs and the clock).
 */
class FocalSlideDicomWebTest {
    private static final int W = FocalSlides.W, H = FocalSlides.H;

    @Test
    void aMultiFocalSlideOnAServerOpensAndExportsAsTheLocalOne(@TempDir Path tmp) throws Exception {
        Shared.assumePresent();
        Path tif = ExportFocalSlideCliTest.stack(tmp.resolve("stack.tif"), 3);
        List<Roi> rois = ExportRoisSlideCliTest.rois();
        Path zip = ExportRoisSlideCliTest.roiSet(tmp.resolve("RoiSet.zip"), rois);
        try (OrthancServer orthanc = OrthancServer.startOrSkip()) {
            DicomWebClient c = DicomWebClient.connect(DicomWebUrl.parse(orthanc.dicomWeb()),
                    Credentials.basic(orthanc.user(), orthanc.password()), null);
            List<Path> written = new ArrayList<>();
            for (boolean sparse : new boolean[] {false, true}) {
                String kind = sparse ? "sparse" : "full";
                Path folder = tmp.resolve(kind);
                Path file = FocalSlides.slide(folder, sparse, 1);
                orthanc.upload(file);
                SlideLevel local = SlideSeries.scan(file).level(0);
                JsonObject series = c.search(null, "series", Map.of("SeriesInstanceUID", local.seriesInstanceUid())).get(0);
                DicomWebUrl url = DicomWebUrl.of(orthanc.dicomWeb(), DicomJson.string(series, "0020000D"), local.seriesInstanceUid(), null);

                // Open DICOM Slide... over the series URL: the Z stack, tile by needed tile
                int before = c.requested().size();
                SlideLevel remote = RemoteSlide.read(c, url).level(0);
                assertEquals(List.of("GET " + url.resource() + "/metadata"), c.requested().subList(before, c.requested().size()));
                assertArrayEquals(local.matrix().focalPlanes(), remote.matrix().focalPlanes(), 1e-9);
                before = c.requested().size();
                ImagePlus r = SlideImageOpener.open(remote, 1, 300, 200, 400, 300);
                List<String> requests = new ArrayList<>(c.requested().subList(before, c.requested().size()));
                ImagePlus l = SlideImageOpener.open(local, 1, 300, 200, 400, 300);
                assertEquals(3, r.getNSlices(), kind + ": one slice per focal plane");
                int frames = 0, tiles = 0;
                for (String q : requests) {
                    assertTrue(q.contains("/frames/"), q);
                    frames += q.replaceAll(".*/frames/", "").split(",").length;
                }
                for (int z = 0; z < 3; z++) {
                    int t = SlideRegionReader.read(local, z, 300, 200, 400, 300).tilesRead();
                    tiles += t;
                    assertArrayEquals((byte[]) l.getStack().getPixels(z + 1), (byte[]) r.getStack().getPixels(z + 1), kind + ", focal plane " + z);
                }
                // columns 300..699 -> tile columns 1..2, rows 200..499 -> tile rows 0..1: 4 of 12 tiles per focal plane
                if (!sparse) assertEquals(12, tiles, "4 tiles on each of 3 focal planes");
                assertTrue(tiles > 0 && tiles <= 12, kind + ": " + tiles);
                assertEquals(tiles, frames, kind + ": only the region's tiles cross the network: " + requests);
                assertTrue(requests.size() <= 3, kind + ": at most one frames request per focal plane: " + requests);
                SlidePlacement placed = SlidePlacement.of(r);
                assertNull(placed.file());
                assertTrue(placed.url().startsWith(url.toString() + "/instances/"), placed.url());
                assertArrayEquals(local.matrix().focalPlanes(), placed.focalPlanes(), 1e-9);

                // the CLI over the series URL writes what it writes over the local folder
                for (String input : List.of("labels", "rois")) {
                    Path atServer = tmp.resolve(input + "-" + kind + "-server.dcm");
                    Path atFiles = tmp.resolve(input + "-" + kind + "-files.dcm");
                    String in = (input.equals("labels") ? tif : zip).toString();
                    StringBuilder out = new StringBuilder(), err = new StringBuilder();
                    assertEquals(0, ExportFocalSlideCliTest.run(List.of("export", "--" + input, in, "--source", url.toString(), "--out",
                            atServer.toString(), "--tiles", kind, "--compression", "rle", "--user", orthanc.user() + ":" + orthanc.password()),
                            out, err), out + "" + err);
                    assertTrue(out.toString().contains("3 focal planes)"), out.toString());
                    assertTrue(!out.toString().contains(orthanc.password()) && !err.toString().contains(orthanc.password()));
                    assertEquals(0, ExportFocalSlideCliTest.run(List.of("export", "--" + input, in, "--source", folder.toString(), "--out",
                            atFiles.toString(), "--tiles", kind, "--compression", "rle"), out, err), out + "" + err);
                    CanonicalDicom s = new CanonicalDicom(List.of(file), false);
                    s.file(0, Files.readAllBytes(atServer));
                    CanonicalDicom f = new CanonicalDicom(List.of(file), false);
                    f.file(0, Files.readAllBytes(atFiles));
                    assertEquals(f.hash(), s.hash(), input + ", " + kind + ": the SEG on the server's slide = the SEG on the local file,"
                            + " but for UIDs and clock");
                    written.add(atServer);
                    written.add(atFiles);
                }
            }
            Conformance.assertConformant(written.toArray(new Path[0]));
        }
    }
}
