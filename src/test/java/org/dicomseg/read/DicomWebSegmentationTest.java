package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

import org.dicomseg.model.SegmentationType;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.testing.OrthancServer;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.TiledSegs;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.DicomJson;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SEG on a real Orthanc read frame by frame (WADO-RS metadata, then frame retrieval): a region of
 * a tiled SEG and one segment of it fetch exactly the frames they need, counted as the slide path
 * counts tiles, and give the pixels of the same read from the local file; native 1-bit and RLE
 * frames. A SEG the server cannot serve frame by frame falls back to the whole file (null).
 */
class DicomWebSegmentationTest {
    @TempDir
    Path tmp;

    @Test
    void aRegionAndASegmentFetchOnlyTheirFramesWithTheLocalFilesPixels() throws Exception {
        Path level = TiledSegs.pyramid(tmp).get(0);
        // 1000 x 700 in 128-pixel tiles (8 x 6), two segments; BINARY native 1-bit (128 x 128 bits: byte-aligned frames)
        // and LABELMAP in RLE Lossless
        Path binary = TiledSegs.write(tmp.resolve("binary.dcm"), level, SegmentationType.BINARY, 0, 0, TiledSegs.W, TiledSegs.H);
        Path rle = TiledSegs.write(tmp.resolve("labelmap-rle.dcm"), level, SegmentationType.LABELMAP, 0, 0, TiledSegs.W, TiledSegs.H);
        try (OrthancServer orthanc = OrthancServer.startOrSkip()) {
            DicomWebClient c = DicomWebClient.connect(DicomWebUrl.parse(orthanc.dicomWeb()),
                    Credentials.basic(orthanc.user(), orthanc.password()), null);
            for (Path file : List.of(binary, rle)) {
                orthanc.upload(file);
                DicomWebUrl url = instanceUrl(c, orthanc, file);
                // small and wanted whole: the rule says "retrieve the file"
                assertNull(DicomWebSegmentation.framesOnDemand(c, url, false), "a small SEG read whole is retrieved as a file");

                try (SegmentationReader remote = DicomWebSegmentation.framesOnDemand(c, url, true);
                     SegmentationReader local = SegmentationReader.open(file)) {
                    assertNotNull(remote, file.getFileName().toString());
                    assertTrue(remote.isRemote());
                    assertEquals(local.numberOfFrames(), remote.numberOfFrames());
                    assertEquals(local.segments(), remote.segments());
                    long probe = remote.framesFetched();
                    assertEquals(0, probe, "opening fetches no frame into the reader");

                    // columns 300..599, rows 200..399 -> tile columns 2..4, rows 1..3 (only the tiles that exist)
                    int before = c.requested().size();
                    SegmentationVolume r = Reconstructor.region(remote, 300, 200, 300, 200, ReconstructionOptions.defaults());
                    SegmentationVolume l = Reconstructor.region(local, 300, 200, 300, 200, ReconstructionOptions.defaults());
                    assertTrue(l.framesRead() > 0 && l.framesRead() < local.numberOfFrames(), "the region needs some tiles: " + l.framesRead());
                    assertEquals(l.framesRead(), remote.framesFetched(), "fetched exactly the region's tiles (" + file.getFileName() + ")");
                    List<String> requests = c.requested().subList(before, c.requested().size());
                    assertEquals(1, requests.size(), requests.toString());
                    assertEquals(l.framesRead(), requests.get(0).replaceAll(".*/frames/", "").split(",").length, requests.get(0));
                    assertSame(l, r);

                    // one segment of the whole matrix: its frames only (BINARY); a LABELMAP has one frame per tile
                    remote.resetFramesRead();
                    long fetchedBefore = remote.framesFetched();
                    ReconstructionOptions seg2 = ReconstructionOptions.defaults().segments(2);
                    SegmentationVolume rs = Reconstructor.totalPixelMatrix(remote, seg2);
                    SegmentationVolume ls = Reconstructor.totalPixelMatrix(local, ReconstructionOptions.defaults().segments(2));
                    long expected = local.segmentationType() == SegmentationType.LABELMAP ? local.numberOfFrames()
                            : local.framesOfSegment(2).length;
                    assertEquals(expected, remote.framesFetched() - fetchedBefore, "fetched the frames of segment 2 only");
                    assertTrue(remote.framesFetched() - fetchedBefore < local.numberOfFrames()
                            || local.segmentationType() == SegmentationType.LABELMAP);
                    assertSame(ls, rs);
                }
                // the planned frames asked for out of order (threads decoding in parallel do), on a
                // fresh reader: still one batch, each frame fetched once (a batch used to start at the
                // frame asked for, so asking for the last planned frame first fetched the plan twice)
                try (SegmentationReader remote = DicomWebSegmentation.framesOnDemand(c, url, true);
                     SegmentationReader local = SegmentationReader.open(file)) {
                    int[] planned = java.util.stream.IntStream.rangeClosed(1, local.numberOfFrames()).toArray();
                    remote.willRead(planned);
                    int r0 = c.requested().size();
                    for (int i = planned.length - 1; i >= 0; i--) {
                        assertArrayEquals(local.readFrame(planned[i]), remote.readFrame(planned[i]), "frame " + planned[i]);
                    }
                    assertEquals(planned.length, remote.framesFetched(), "each planned frame fetched once");
                    assertEquals(1, c.requested().size() - r0, c.requested().subList(r0, c.requested().size()).toString());
                }
                // nothing but metadata and frames crossed the network: never the instance itself
                for (String req : c.requested()) {
                    assertTrue(!req.matches(".*/instances/[0-9.]+$"), "no whole-instance retrieval: " + req);
                }
            }
        }
    }

    @Test
    void aSegWhoseFramesTheServerCannotServeIsRetrievedWhole() throws Exception {
        // 510 x 510 1-bit frames do not start on byte boundaries: Orthanc 1.10 answers 400 to frame retrieval
        Path file = Shared.corpus("pydicom-data/liver_nonbyte_aligned.dcm");
        try (OrthancServer orthanc = OrthancServer.startOrSkip()) {
            orthanc.upload(file);
            DicomWebClient c = DicomWebClient.connect(DicomWebUrl.parse(orthanc.dicomWeb()),
                    Credentials.basic(orthanc.user(), orthanc.password()), null);
            DicomWebUrl url = instanceUrl(c, orthanc, file);
            assertNull(DicomWebSegmentation.framesOnDemand(c, url, true), "the caller retrieves the file");
        }
    }

    /**
     * A small SEG wanted whole, named by its series URL: the series' QIDO-RS answer (needed anyway to
     * find the SEG) tells its size, so no metadata request precedes the retrieval; an instance URL
     * tells nothing, and the metadata decides as before.
     */
    @Test
    void aSmallSegFoundByItsSeriesIsLeftWholeWithoutAMetadataRequest() throws Exception {
        Path level = TiledSegs.pyramid(tmp).get(0);
        Path binary = TiledSegs.write(tmp.resolve("binary.dcm"), level, SegmentationType.BINARY, 0, 0, TiledSegs.W, TiledSegs.H);
        try (OrthancServer orthanc = OrthancServer.startOrSkip()) {
            orthanc.upload(binary);
            DicomWebClient c = DicomWebClient.connect(DicomWebUrl.parse(orthanc.dicomWeb()),
                    Credentials.basic(orthanc.user(), orthanc.password()), null);
            DicomWebUrl instance = instanceUrl(c, orthanc, binary);
            DicomWebUrl series = DicomWebUrl.of(orthanc.dicomWeb(), instance.study(), instance.series(), null);

            int before = c.requested().size();
            org.dicomseg.web.RemoteFiles.FoundSeg found = org.dicomseg.web.RemoteFiles.findSegmentation(c, series);
            assertEquals(List.of("GET " + series.resource() + "/instances"), c.requested().subList(before, c.requested().size()));
            assertEquals(instance, found.url());
            long expected;
            try (SegmentationReader local = SegmentationReader.open(binary)) {
                expected = (long) local.metadata().rows() * local.metadata().columns() * local.numberOfFrames() * local.metadata().bitsAllocated() / 8;
            }
            assertTrue(expected > 0);
            assertEquals(expected, found.frameBytes(), "Rows x Columns x Number of Frames x Bits Allocated / 8 from QIDO-RS");
            assertEquals(DicomWebSegmentation.nativeBytes(c.metadata(instance).get(0)), found.frameBytes(), "the same as the metadata says");

            before = c.requested().size();
            assertNull(DicomWebSegmentation.framesOnDemand(c, found.url(), false, found.frameBytes()), "small, wanted whole: retrieve the file");
            assertEquals(List.of(), c.requested().subList(before, c.requested().size()), "decided without asking the server");
            // wanted in part: frame by frame, as before
            try (SegmentationReader remote = DicomWebSegmentation.framesOnDemand(c, found.url(), true, found.frameBytes())) {
                assertNotNull(remote);
                assertTrue(remote.isRemote());
            }
            // an instance URL: the size is not known, the metadata decides
            assertEquals(-1, org.dicomseg.web.RemoteFiles.findSegmentation(c, instance).frameBytes());
            before = c.requested().size();
            assertNull(DicomWebSegmentation.framesOnDemand(c, instance, false, -1));
            assertEquals(List.of("GET " + instance.resource() + "/metadata"), c.requested().subList(before, c.requested().size()));
        }
    }

    private static void assertSame(SegmentationVolume expected, SegmentationVolume actual) {
        assertEquals(expected.channels(), actual.channels());
        assertEquals(expected.planes(), actual.planes());
        assertArrayEquals(expected.segmentNumbers(), actual.segmentNumbers());
        for (int ch = 0; ch < expected.channels(); ch++) {
            for (int p = 0; p < expected.planes(); p++) {
                Object e = expected.plane(ch, p);
                Object a = actual.plane(ch, p);
                if (e instanceof byte[]) assertArrayEquals((byte[]) e, (byte[]) a);
                else if (e instanceof short[]) assertArrayEquals((short[]) e, (short[]) a);
                else assertArrayEquals((float[]) e, (float[]) a);
            }
        }
        assertTrue(expected.countNonZero(0) > 0, "the pixels compared are not all empty");
    }

    private static DicomWebUrl instanceUrl(DicomWebClient c, OrthancServer orthanc, Path file) throws Exception {
        try (SegmentationReader r = SegmentationReader.open(file)) {
            String series = r.metadata().seriesInstanceUid();
            List<JsonObject> found = c.search(null, "series", Map.of("SeriesInstanceUID", series));
            String study = DicomJson.string(found.get(0), "0020000D");
            List<DicomWebUrl> segs = new ArrayList<>(c.instancesOf(DicomWebUrl.of(orthanc.dicomWeb(), study, series, null)).keySet());
            for (DicomWebUrl u : segs) if (u.instance().equals(r.metadata().sopInstanceUid())) return u;
        }
        throw new AssertionError("not on the server: " + file + " " + Files.size(file));
    }
}
