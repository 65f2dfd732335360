package org.dicomseg.source.web;

import java.io.IOException;

import org.dicomseg.dicom.FrameFetcher;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebUrl;
import org.dicomseg.web.MultipartReader;

/**
 * The stored frames of a remote instance by WADO-RS frame retrieval (PS3.18 10.4.1.1.3): the
 * tiles of a slide level, the frames of a SEG. Each frame comes as one part of a multipart/related
 * answer in its stored encoding ({@code transfer-syntax=*}); the part's media type says which.
 */
public final class WadoFrames {
    private WadoFrames() { }

    /** The frames of the instance {@code url}, with the transfer syntax each part names. */
    public static FrameFetcher of(DicomWebClient client, DicomWebUrl url) {
        return (numbers, sink) -> client.retrieveFrames(url, numbers, (frame, mediaType, bytes) -> {
            String ts = MultipartReader.parameter(mediaType, "transfer-syntax");
            if (ts == null) ts = nativeUnlessCompressed(mediaType);
            sink.frame(frame, ts, bytes.readAllBytes());
        });
    }

    /** A part without a transfer-syntax parameter: octet-stream is Explicit VR Little Endian (PS3.18 8.7.3.3.2). */
    private static String nativeUnlessCompressed(String mediaType) throws IOException {
        String t = mediaType == null ? "" : mediaType.toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("application/octet-stream") || t.isEmpty()) return "1.2.840.10008.1.2.1";
        if (t.startsWith("image/jpeg")) return "1.2.840.10008.1.2.4.50";
        if (t.startsWith("image/jp2")) return "1.2.840.10008.1.2.4.90";
        if (t.startsWith("image/jls")) return "1.2.840.10008.1.2.4.80"; // PS3.18 Table 8.7.3-2
        if (t.startsWith("image/dicom-rle")) return "1.2.840.10008.1.2.5";
        throw new IOException("A frame came as " + mediaType + ", which names no transfer syntax that can be decoded");
    }
}
