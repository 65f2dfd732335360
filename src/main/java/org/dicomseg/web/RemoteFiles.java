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
        if (url.instance() != null) return url;
        if (url.series() == null) {
            throw new IOException(url + " names a " + (url.study() == null ? "service" : "study")
                    + ", not a SEG: give BASE/studies/{study}/series/{series}[/instances/{instance}] (find them with dicomseg search)");
        }
        Map<DicomWebUrl, String> instances = client.instancesOf(url);
        List<DicomWebUrl> segs = new ArrayList<>();
        for (Map.Entry<DicomWebUrl, String> e : instances.entrySet()) if (isSegmentationClass(e.getValue())) segs.add(e.getKey());
        if (segs.size() == 1) return segs.get(0);
        if (instances.isEmpty()) {
            throw new DicomWebException("DICOMweb server " + client.base() + ": not found: " + url.describe() + " holds no instances", 404, null);
        }
        if (segs.isEmpty()) {
            throw new IOException("DICOMweb " + url.describe() + " holds no segmentation (" + instances.size() + " other instance(s))");
        }
        StringBuilder b = new StringBuilder();
        for (DicomWebUrl u : segs) b.append(b.length() == 0 ? "" : ", ").append(u.instance());
        throw new IOException("DICOMweb " + url.describe() + " holds " + segs.size() + " segmentations; name one instance: " + b);
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
}
