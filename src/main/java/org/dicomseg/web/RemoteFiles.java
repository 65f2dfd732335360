package org.dicomseg.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dicomseg.task.Progress;

/**
 * Segmentations on a DICOMweb server as local files: finds the SEG a series or instance URL names
 * and retrieves it (WADO-RS, PS3.18 10.4.1.1.1) into a temporary file, streamed; nothing is left on
 * disk when the retrieval fails or is cancelled.
 */
public final class RemoteFiles {
    private static final String SEG_CLASS = "1.2.840.10008.5.1.4.1.1.66.4";
    private static final String LABELMAP_SEG_CLASS = "1.2.840.10008.5.1.4.1.1.66.7";

    private RemoteFiles() { }

    /** True for the SOP classes of segmentations (Segmentation Storage, Label Map Segmentation Storage). */
    public static boolean isSegmentationClass(String sopClassUid) {
        return SEG_CLASS.equals(sopClassUid) || LABELMAP_SEG_CLASS.equals(sopClassUid);
    }

    /**
     * The instance URL of the SEG {@code url} names: the instance itself, or the only
     * segmentation of a series (QIDO-RS); an {@link IOException} listing them when a series holds
     * none or several.
     */
    public static DicomWebUrl segmentationOf(DicomWebClient client, DicomWebUrl url) throws IOException {
        return findSegmentation(client, url).url();
    }

    /**
     * {@link #segmentationOf}, with the size of the SEG's frames when the series' QIDO-RS answer
     * told it (Rows, Columns, Number of Frames, Bits Allocated: default instance-level return
     * attributes, PS3.18 Table 10.6.3-5), so that whether to read it frame by frame or whole is
     * decided without asking for its metadata.
     */
    public static FoundSeg findSegmentation(DicomWebClient client, DicomWebUrl url) throws IOException {
        if (url.instance() != null) return new FoundSeg(url, -1);
        if (url.series() == null) {
            throw new IOException(url + " names a " + (url.study() == null ? "service" : "study")
                    + ", not a SEG: give BASE/studies/{study}/series/{series}[/instances/{instance}] (find them with dicomseg search)");
        }
        List<com.google.gson.JsonObject> instances = new ArrayList<>();
        for (com.google.gson.JsonObject o : client.search(DicomWebUrl.of(client.base(), url.study(), url.series(), null), "instances", Map.of())) {
            if (DicomJson.string(o, "00080018") != null) instances.add(o);
        }
        List<FoundSeg> segs = new ArrayList<>();
        for (com.google.gson.JsonObject o : instances) {
            if (isSegmentationClass(DicomJson.string(o, "00080016"))) {
                segs.add(new FoundSeg(url.withInstance(url.study(), url.series(), DicomJson.string(o, "00080018")), frameBytes(o)));
            }
        }
        if (segs.size() == 1) return segs.get(0);
        if (instances.isEmpty()) {
            throw new DicomWebException("DICOMweb server " + client.base() + ": not found: " + url.describe() + " holds no instances", 404, null);
        }
        if (segs.isEmpty()) {
            throw new IOException("DICOMweb " + url.describe() + " holds no segmentation (" + instances.size() + " other instance(s))");
        }
        StringBuilder b = new StringBuilder();
        for (FoundSeg f : segs) b.append(b.length() == 0 ? "" : ", ").append(f.url().instance());
        throw new IOException("DICOMweb " + url.describe() + " holds " + segs.size() + " segmentations; name one instance: " + b);
    }

    /** Rows x Columns x Number of Frames x Bits Allocated / 8 from a QIDO-RS result, or -1 when one of them is missing. */
    private static long frameBytes(com.google.gson.JsonObject o) {
        Integer rows = DicomJson.integer(o, "00280010");
        Integer columns = DicomJson.integer(o, "00280011");
        Integer frames = DicomJson.integer(o, "00280008");
        Integer bits = DicomJson.integer(o, "00280100");
        if (rows == null || columns == null || frames == null || bits == null) return -1;
        return (long) rows * columns * frames * bits / 8;
    }

    /** A SEG instance found on a server, with the uncompressed size of its frames when known. Immutable. */
    public static final class FoundSeg {
        private final DicomWebUrl url;
        private final long frameBytes;

        FoundSeg(DicomWebUrl url, long frameBytes) {
            this.url = url;
            this.frameBytes = frameBytes;
        }

        /** The SEG's instance URL. */
        public DicomWebUrl url() { return url; }

        /** Rows x Columns x Number of Frames x Bits Allocated / 8 as the server's QIDO-RS answer told them; -1 when not known (an instance URL was given, or the answer left one out). */
        public long frameBytes() { return frameBytes; }
    }

    /**
     * Retrieves the instance {@code url} into a new temporary file (the caller deletes it); the file
     * is removed again when the retrieval fails.
     */
    public static Path retrieveToTempFile(DicomWebClient client, DicomWebUrl url, Progress progress) throws IOException {
        Path tmp = Files.createTempFile("dicomseg-remote-", ".dcm");
        boolean ok = false;
        try (OutputStream out = Files.newOutputStream(tmp)) {
            client.retrieveInstance(url, out, progress);
            ok = true;
        } finally {
            if (!ok) Files.deleteIfExists(tmp);
        }
        return tmp;
    }

    /** A segmentation series found on a server, with what a list shows of it. Immutable. */
    public static final class SegSeries {
        private final DicomWebUrl url;
        private final String patientId;
        private final String description;
        private final List<String> labels;

        SegSeries(DicomWebUrl url, String patientId, String description, List<String> labels) {
            this.url = url;
            this.patientId = patientId;
            this.description = description;
            this.labels = List.copyOf(labels);
        }

        public DicomWebUrl url() { return url; }
        /** Patient ID, or "". */
        public String patientId() { return patientId; }
        /** Series Description, or "". */
        public String description() { return description; }
        /** The Segment Labels (0062,0005) of its first instance, in segment order. */
        public List<String> labels() { return labels; }

        /** "SERIES_UID | patient | description | label, label": the series UID first, so {@link #resolve} reads it back. */
        public String listItem() {
            return url.series() + " | " + patientId + " | " + description + " | " + String.join(", ", labels);
        }
    }

    /**
     * The segmentation series (QIDO-RS, Modality SEG) of {@code patientId} and/or {@code study}
     * (blank = any), at most {@code max}, each with its segment labels from its WADO-RS metadata
     * (Segment Sequence, PS3.3 C.8.20.2).
     */
    public static List<SegSeries> findSegmentations(DicomWebClient client, String patientId, String study, int max) throws IOException {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        q.put("Modality", "SEG");
        if (patientId != null && !patientId.isBlank()) q.put("PatientID", patientId.trim());
        if (study != null && !study.isBlank()) q.put("StudyInstanceUID", study.trim());
        q.put("includefield", "0008103E,00100020");
        List<SegSeries> out = new ArrayList<>();
        for (com.google.gson.JsonObject o : client.search(null, "series", q)) {
            String st = DicomJson.string(o, "0020000D");
            String se = DicomJson.string(o, "0020000E");
            if (st == null || se == null) continue;
            if (out.size() >= max) break;
            DicomWebUrl url = DicomWebUrl.of(client.base(), st, se, null);
            out.add(new SegSeries(url, nz(DicomJson.string(o, "00100020")), nz(DicomJson.string(o, "0008103E")), labels(client, url)));
        }
        return out;
    }

    private static List<String> labels(DicomWebClient client, DicomWebUrl url) throws DicomWebException {
        List<com.google.gson.JsonObject> m = client.metadata(url);
        List<String> labels = new ArrayList<>();
        com.google.gson.JsonArray seq = m.isEmpty() ? null : DicomJson.values(m.get(0), "00620002");
        if (seq != null) {
            for (com.google.gson.JsonElement e : seq) {
                if (e.isJsonObject()) labels.add(nz(DicomJson.string(e.getAsJsonObject(), "00620005")));
            }
        }
        return labels;
    }

    /**
     * What a user typed for a SEG on the server {@code client} serves: a series or instance URL, a
     * path below its base ({@code studies/…/series/…}), or a series UID (a {@link SegSeries#listItem()}).
     */
    public static DicomWebUrl resolve(DicomWebClient client, String text) throws IOException {
        String t = text.trim();
        if (DicomWebUrl.isUrl(t)) return DicomWebUrl.parse(t);
        if (t.startsWith("studies/") || t.startsWith("/studies/")) {
            return DicomWebUrl.parse(client.base() + (t.startsWith("/") ? "" : "/") + t);
        }
        String uid = t.split("\\s*\\|", 2)[0].trim();
        for (com.google.gson.JsonObject o : client.search(null, "series", Map.of("SeriesInstanceUID", uid))) {
            String st = DicomJson.string(o, "0020000D");
            if (st != null) return DicomWebUrl.of(client.base(), st, uid, null);
        }
        throw new DicomWebException("DICOMweb server " + client.base() + ": not found: series " + uid, 404, null);
    }

    /**
     * Retrieves the series the SEG {@code seg} references (its Referenced Series Sequence,
     * 0008,1115) into {@code folder}; returns the files.
     */
    public static List<Path> retrieveReferencedSeries(DicomWebClient client, DicomWebUrl seg, Path folder, Progress progress)
            throws IOException {
        List<com.google.gson.JsonObject> m = client.metadata(seg);
        com.google.gson.JsonArray refs = m.isEmpty() ? null : DicomJson.values(m.get(0), "00081115");
        if (refs == null || refs.size() == 0 || !refs.get(0).isJsonObject()) {
            throw new IOException("The SEG " + seg + " names no referenced series");
        }
        String series = DicomJson.string(refs.get(0).getAsJsonObject(), "0020000E");
        return client.retrieveSeries(DicomWebUrl.of(client.base(), seg.study(), series, null), folder, progress);
    }

    private static String nz(String s) { return s == null ? "" : s; }
}
