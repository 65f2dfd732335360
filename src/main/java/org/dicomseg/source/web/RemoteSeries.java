package org.dicomseg.source.web;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;

import org.dicomseg.source.SourceFile;
import org.dicomseg.task.InputException;
import org.dicomseg.web.DicomJson;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebException;
import org.dicomseg.web.DicomWebUrl;

/**
 * The source images of a remote series or instance, read with one WADO-RS metadata request
 * (PS3.18 10.4.1.1.2: DICOM JSON, bulk data such as Pixel Data only as URIs, which are never
 * fetched): one {@link SourceFile} per instance, known by its instance URL, carrying the same
 * header a local file of that instance would give, so the writer references the remote instances
 * exactly as it would local copies of them. Segmentations in the series are left out. A series'
 * headers are kept for the session by {@link RemoteSeriesCache} and served again while the series
 * holds the same instances (checked by one cheap request on each use).
 */
public final class RemoteSeries {
    private static final String SEG_CLASS = "1.2.840.10008.5.1.4.1.1.66.4";
    private static final String LABELMAP_SEG_CLASS = "1.2.840.10008.5.1.4.1.1.66.7";

    private RemoteSeries() { }

    /**
     * The headers of the instances {@code url} (a series or an instance URL) names, in the
     * server's order: for a series, from {@link RemoteSeriesCache#shared()} when it still holds the
     * instances read before (one validation request), else by one metadata request.
     *
     * @throws DicomWebException when the server cannot be reached or refuses (one line naming it)
     * @throws InputException    when the metadata holds no image or an instance lacks what a source needs
     */
    public static List<SourceFile> read(DicomWebClient client, DicomWebUrl url) throws InputException, DicomWebException {
        if (url.series() == null) {
            throw new InputException("Source " + url + " names a " + (url.study() == null ? "service" : "study")
                    + ", not a series: give BASE/studies/{study}/series/{series}");
        }
        if (url.instance() != null) return fetch(client, url).files;
        return RemoteSeriesCache.shared().read(client, url);
    }

    /** What one metadata request told of a series: its source headers, and every instance's SOP Instance UID. */
    static final class Fetched {
        final List<SourceFile> files;
        final List<String> sopInstanceUids;
        final String patientId;

        Fetched(List<SourceFile> files, List<String> sopInstanceUids, String patientId) {
            this.files = List.copyOf(files);
            this.sopInstanceUids = List.copyOf(sopInstanceUids);
            this.patientId = patientId;
        }
    }

    /** One WADO-RS metadata request for {@code url} (a series or an instance URL), never cached. */
    static Fetched fetch(DicomWebClient client, DicomWebUrl url) throws InputException, DicomWebException {
        List<JsonObject> metadata = client.metadata(url);
        List<SourceFile> out = new ArrayList<>();
        List<String> uids = new ArrayList<>();
        String patientId = null;
        for (JsonObject m : metadata) {
            String instance = DicomJson.string(m, "00080018");
            if (instance != null) uids.add(instance);
            if (patientId == null) patientId = DicomJson.string(m, "00100020");
            String cls = DicomJson.string(m, "00080016");
            if (SEG_CLASS.equals(cls) || LABELMAP_SEG_CLASS.equals(cls)) continue;
            String study = DicomJson.string(m, "0020000D");
            String series = DicomJson.string(m, "0020000E");
            String where = study != null && series != null && instance != null
                    ? url.withInstance(study, series, instance).toString() : url.toString();
            String missing = missing(m);
            if (!missing.isEmpty()) {
                throw new InputException("The metadata " + client.base() + " gave for " + where + " lacks " + missing
                        + ": the server leaves attributes out of WADO-RS metadata (Orthanc: set DicomWeb.SeriesMetadata to Full,"
                        + " see docs/dicomweb.md)");
            }
            AttributeList header;
            try {
                header = JsonAttributes.of(m);
            } catch (DicomException | RuntimeException e) {
                throw new InputException("The metadata of " + where + " cannot be read as DICOM JSON: " + e.getMessage(), e);
            }
            out.add(SourceFile.remote(where, header));
        }
        if (out.isEmpty()) {
            throw new InputException("Source " + url + " holds no images" + (metadata.isEmpty() ? "" : " (only segmentations)"));
        }
        return new Fetched(out, uids, patientId == null ? "" : patientId);
    }

    /**
     * The attributes every source instance has (SOP Common, PS3.3 C.12.1; Image Pixel, C.7.6.3)
     * that {@code m} lacks, by keyword, or "": an archive that answers metadata from its database
     * alone (Orthanc's SeriesMetadata "MainDicomTags") leaves them out, and the writer cannot
     * reference an instance without them.
     */
    private static String missing(JsonObject m) {
        StringBuilder b = new StringBuilder();
        String[][] required = {{"00080016", "SOP Class UID"}, {"00080018", "SOP Instance UID"}, {"00280010", "Rows"}, {"00280011", "Columns"}};
        for (String[] r : required) {
            if (DicomJson.values(m, r[0]) == null) b.append(b.length() == 0 ? "" : ", ").append(r[1]);
        }
        return b.toString();
    }
}
