package org.dicomseg.source.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.google.gson.JsonObject;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.UniqueIdentifierAttribute;

import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.read.ReferencedSeries;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.read.SourceImageReference;
import org.dicomseg.source.SourceFile;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.CanonicalDicom;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.EditLoopFixture;
import org.dicomseg.testing.OrthancServer;
import org.dicomseg.web.Credentials;
import org.dicomseg.web.DicomJson;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session cache of a remote series' headers against a real Orthanc: a second export against
 * the same series makes one validation request and no metadata request and writes the same SEG;
 * an instance deleted, stored, or swapped for another (same count) is seen at once and the SEG
 * references exactly the instances the series holds then; other credentials do not share an entry;
 * an archive without Orthanc's REST resource is validated by QIDO-RS. Requests are counted by the
 * client's own log ({@link DicomWebClient#requested()}); each "export" uses a new client, as each
 * export command does.
 */
class RemoteSeriesCacheTest {
    private static final String OTHER_USER = "reader";
    private static final String OTHER_PASSWORD = "other-secret-42";

    @TempDir
    Path tmp;

    private List<org.dicomseg.model.SegmentDescription> descriptions;

    @Test
    void aSecondExportValidatesOnceAndAChangedSeriesIsReadAgain() throws Exception {
        EditLoopFixture fx = EditLoopFixture.write(tmp.resolve("fixture"));
        descriptions = fx.descriptions;
        List<Path> ct = EditLoopFixture.ctFiles(fx.ctDir);
        Map<String, Integer> sliceOf = new HashMap<>();
        SourceImages local = SourceImages.read(ct);
        for (int k = 0; k < ct.size(); k++) sliceOf.put(local.frame(k).sopInstanceUid(), k);

        try (OrthancServer orthanc = OrthancServer.startOrSkip(cfg -> cfg.getAsJsonObject("RegisteredUsers")
                .addProperty(OTHER_USER, OTHER_PASSWORD))) {
            orthanc.uploadFolder(fx.ctDir);
            Credentials user = Credentials.basic(orthanc.user(), orthanc.password());
            DicomWebUrl url = seriesUrl(orthanc.dicomWeb(), user);
            RemoteSeriesCache cache = RemoteSeriesCache.shared();

            // first export: one metadata request, nothing else
            DicomWebClient c1 = client(orthanc.dicomWeb(), user);
            List<SourceFile> first = RemoteSeries.read(c1, url);
            assertEquals(List.of("GET " + url.resource() + "/metadata"), c1.requested());
            assertEquals(EditLoopFixture.SLICES, first.size());
            Path seg1 = export(first, sliceOf, tmp.resolve("first.dcm"));

            // second export, a new client with the same credentials: one validation request, answered from Orthanc's database
            long hits = cache.hits();
            DicomWebClient c2 = client(orthanc.dicomWeb(), user);
            List<SourceFile> second = RemoteSeries.read(c2, url);
            assertEquals(1, c2.requested().size(), c2.requested().toString());
            assertTrue(c2.requested().get(0).startsWith("GET ../series/"), c2.requested().toString());
            assertFalse(c2.requested().get(0).contains("metadata"));
            assertEquals(hits + 1, cache.hits());
            Path seg2 = export(second, sliceOf, tmp.resolve("second.dcm"));
            assertEquals(canonical(ct, seg1), canonical(ct, seg2), "the SEG from cached headers = the first, but for generated UIDs and clock");
            assertEquals(references(seg1), references(seg2));
            assertEquals(sliceOf.keySet(), references(seg2));

            // other credentials never share the entry: their first read asks for the metadata
            DicomWebClient other = client(orthanc.dicomWeb(), Credentials.basic(OTHER_USER, OTHER_PASSWORD));
            assertEquals(EditLoopFixture.SLICES, RemoteSeries.read(other, url).size());
            assertEquals(List.of("GET " + url.resource() + "/metadata"), other.requested());
            DicomWebClient other2 = client(orthanc.dicomWeb(), Credentials.basic(OTHER_USER, OTHER_PASSWORD));
            RemoteSeries.read(other2, url);
            assertEquals(1, other2.requested().size(), other2.requested().toString());

            // an instance deleted on the archive (REST DELETE): validation, then the metadata again; 239 references
            String gone = local.frame(100).sopInstanceUid();
            orthanc.deleteInstance(gone);
            Set<String> now = new HashSet<>(sliceOf.keySet());
            now.remove(gone);
            assertReadAgain(orthanc, user, url, sliceOf, now, "deleted.dcm");

            // an instance stored into the series (slice 100 again, as a new instance): read again; 240 references
            String added = storeCopy(orthanc, ct.get(100), sliceOf, 100);
            now.add(added);
            assertReadAgain(orthanc, user, url, sliceOf, now, "stored.dcm");

            // one instance swapped for another: the same count, another set — a count would not see it
            String swappedOut = local.frame(50).sopInstanceUid();
            orthanc.deleteInstance(swappedOut);
            String swappedIn = storeCopy(orthanc, ct.get(50), sliceOf, 50);
            now.remove(swappedOut);
            now.add(swappedIn);
            assertEquals(EditLoopFixture.SLICES, now.size());
            assertReadAgain(orthanc, user, url, sliceOf, now, "swapped.dcm");

            // and unchanged since: one validation request again
            DicomWebClient c3 = client(orthanc.dicomWeb(), user);
            assertEquals(EditLoopFixture.SLICES, RemoteSeries.read(c3, url).size());
            assertEquals(1, c3.requested().size(), c3.requested().toString());

            // clear(): the next read asks for the metadata
            cache.clear();
            DicomWebClient c4 = client(orthanc.dicomWeb(), user);
            RemoteSeries.read(c4, url);
            assertEquals(List.of("GET " + url.resource() + "/metadata"), c4.requested());
        }
    }

    /** An archive where the resource beside the DICOMweb root is not Orthanc's series: QIDO-RS validates. */
    @Test
    void withoutOrthancsSeriesResourceQidoRsValidates() throws Exception {
        try (OrthancServer orthanc = OrthancServer.startOrSkip(cfg -> cfg.getAsJsonObject("DicomWeb").addProperty("Root", "/pacs/dicom-web/"))) {
            orthanc.uploadFolder(Paths.get("sample-images/ct"));
            String base = orthanc.root() + "/pacs/dicom-web";
            Credentials user = Credentials.basic(orthanc.user(), orthanc.password());
            DicomWebUrl url = seriesUrl(base, user);
            DicomWebClient c1 = client(base, user);
            List<SourceFile> first = RemoteSeries.read(c1, url);
            assertEquals(List.of("GET " + url.resource() + "/metadata"), c1.requested());

            // first reuse: Orthanc's resource is looked for beside the root (/pacs/series/ID: not there), then QIDO-RS
            DicomWebClient c2 = client(base, user);
            assertEquals(first, RemoteSeries.read(c2, url));
            assertEquals(2, c2.requested().size(), c2.requested().toString());
            assertTrue(c2.requested().get(0).startsWith("GET ../series/"), c2.requested().toString());
            assertEquals("GET " + url.resource() + "/instances", c2.requested().get(1));
            // later: QIDO-RS alone
            DicomWebClient c3 = client(base, user);
            assertEquals(first, RemoteSeries.read(c3, url));
            assertEquals(List.of("GET " + url.resource() + "/instances"), c3.requested());

            // a deleted instance is seen by QIDO-RS too
            String gone = first.get(2).sopInstanceUid();
            orthanc.deleteInstance(gone);
            DicomWebClient c4 = client(base, user);
            List<SourceFile> after = RemoteSeries.read(c4, url);
            assertEquals(List.of("GET " + url.resource() + "/instances", "GET " + url.resource() + "/metadata"), c4.requested());
            assertEquals(first.size() - 1, after.size());
            assertTrue(after.stream().noneMatch(f -> f.sopInstanceUid().equals(gone)));

            // bounded: a series larger than the cache is not kept; one that fits is, and counts its instances
            RemoteSeriesCache small = new RemoteSeriesCache(after.size() - 1);
            DicomWebClient c5 = client(base, user);
            small.read(c5, url);
            small.read(c5, url);
            assertEquals(0, small.size());
            assertEquals(2, small.misses());
            assertEquals(List.of("GET " + url.resource() + "/metadata", "GET " + url.resource() + "/metadata"), c5.requested());
            RemoteSeriesCache fits = new RemoteSeriesCache(after.size());
            fits.read(c5, url);
            assertEquals(1, fits.size());
            assertEquals(after.size(), fits.instances());
        }
    }

    /** The next export reads the metadata again, after one validation, and references exactly {@code expected}. */
    private void assertReadAgain(OrthancServer orthanc, Credentials user, DicomWebUrl url, Map<String, Integer> sliceOf,
                                 Set<String> expected, String name) throws Exception {
        DicomWebClient c = client(orthanc.dicomWeb(), user);
        List<SourceFile> headers = RemoteSeries.read(c, url);
        assertEquals(2, c.requested().size(), c.requested().toString());
        assertTrue(c.requested().get(0).startsWith("GET ../series/"), c.requested().toString());
        assertEquals("GET " + url.resource() + "/metadata", c.requested().get(1));
        Set<String> read = new HashSet<>();
        for (SourceFile f : headers) read.add(f.sopInstanceUid());
        assertEquals(expected, read);
        Path seg = export(headers, sliceOf, tmp.resolve(name));
        assertEquals(expected, references(seg), "the SEG references exactly the instances the series holds now");
    }

    /**
     * Writes the fixture's three segments over {@code headers} (the export's sources, in slice order):
     * the planes of the slices the series holds.
     */
    private Path export(List<SourceFile> headers, Map<String, Integer> sliceOf, Path out) throws Exception {
        List<SourceFile> ordered = new ArrayList<>(headers);
        ordered.sort((a, b) -> Integer.compare(sliceOf.get(a.sopInstanceUid()), sliceOf.get(b.sopInstanceUid())));
        int rows = EditLoopFixture.ROWS;
        int cols = EditLoopFixture.COLUMNS;
        byte[][][] masks = new byte[3][ordered.size()][];
        for (int n = 1; n <= 3; n++) {
            for (int i = 0; i < ordered.size(); i++) {
                int z = sliceOf.get(ordered.get(i).sopInstanceUid());
                byte[] p = new byte[rows * cols];
                for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) if (EditLoopFixture.inside(n, z, r, c)) p[r * cols + c] = 1;
                masks[n - 1][i] = p;
            }
        }
        SegWriter.write(out, StackedMasks.ofBytes(masks, rows, cols), descriptions, SourceImages.of(ordered), SegWriteOptions.builder().segmentationType(SegmentationType.BINARY).build());
        Conformance.assertConformant(out);
        return out;
    }

    /** The SOP Instance UIDs the SEG references (Referenced Series Sequence). */
    private static Set<String> references(Path seg) throws Exception {
        Set<String> out = new HashSet<>();
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            for (ReferencedSeries s : r.metadata().referencedSeries()) {
                for (SourceImageReference i : s.instances()) out.add(i.sopInstanceUid());
            }
        }
        return out;
    }

    /** Stores a copy of {@code file} with a new SOP Instance UID (same slice) into the series; its UID. */
    private String storeCopy(OrthancServer orthanc, Path file, Map<String, Integer> sliceOf, int slice) throws Exception {
        AttributeList l = new AttributeList();
        l.read(file.toFile());
        String uid = "2.25." + new BigInteger(1, uuidBytes());
        Attribute a = new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID);
        a.addValue(uid);
        l.put(a);
        String ts = Attribute.getSingleStringValueOrNull(l, TagFromName.TransferSyntaxUID);
        l.removeMetaInformationHeaderAttributes();
        FileMetaInformation.addFileMetaInformation(l, ts, "DICOMSEG");
        Path copy = tmp.resolve("copy-" + slice + "-" + uid.substring(uid.length() - 6) + ".dcm");
        l.write(copy.toFile(), ts, true, true);
        orthanc.upload(copy);
        sliceOf.put(uid, slice);
        return uid;
    }

    private static byte[] uuidBytes() {
        UUID u = UUID.randomUUID();
        return java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    private static String canonical(List<Path> sources, Path seg) throws Exception {
        CanonicalDicom c = new CanonicalDicom(sources, false);
        c.file(0, Files.readAllBytes(seg));
        return c.hash();
    }

    private static DicomWebClient client(String base, Credentials credentials) {
        return DicomWebClient.connect(DicomWebUrl.parse(base), credentials, null);
    }

    private static DicomWebUrl seriesUrl(String base, Credentials credentials) throws Exception {
        JsonObject s = client(base, credentials).search(null, "series", Map.of()).get(0);
        return DicomWebUrl.of(base, DicomJson.string(s, "0020000D"), DicomJson.string(s, "0020000E"), null);
    }
}
