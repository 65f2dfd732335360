package org.dicomseg.source.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.dicomseg.source.SourceFile;
import org.dicomseg.source.TotalPixelMatrix;
import org.dicomseg.source.slide.FrameFetcher;
import org.dicomseg.source.slide.SlideLevel;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.task.InputException;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebException;
import org.dicomseg.web.DicomWebUrl;
import org.dicomseg.web.MultipartReader;

/**
 * A VL Whole Slide Microscopy series (PS3.3 A.32.8) on a DICOMweb server: its levels from one
 * WADO-RS metadata request, and their tiles by WADO-RS frame retrieval (PS3.18 10.4.1.1.3) — a
 * region fetches, in one request, only the frames it needs, so a region of a huge slide opens
 * without downloading the slide.
 */
public final class RemoteSlide {
    private RemoteSlide() { }

    /** The slide levels of the series {@code url}, largest first. */
    public static SlideSeries read(DicomWebClient client, DicomWebUrl url) throws InputException, DicomWebException {
        List<SlideLevel> levels = new ArrayList<>();
        for (SourceFile f : RemoteSeries.read(client, url)) {
            if (!TotalPixelMatrix.VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE.equals(f.sopClassUid())) continue;
            levels.add(SlideLevel.remote(f, frames(client, DicomWebUrl.parse(f.location()))));
        }
        if (levels.isEmpty()) throw new InputException("No VL Whole Slide Microscopy image in " + url);
        return SlideSeries.of(levels);
    }

    /** The frames of the instance {@code url}, by WADO-RS, with the transfer syntax each part names. */
    static FrameFetcher frames(DicomWebClient client, DicomWebUrl url) {
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
        throw new IOException("A tile came as " + mediaType + ", which names no transfer syntax that can be decoded");
    }
}
