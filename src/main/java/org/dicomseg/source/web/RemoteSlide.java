package org.dicomseg.source.web;

import java.util.ArrayList;
import java.util.List;

import org.dicomseg.source.SourceFile;
import org.dicomseg.source.TotalPixelMatrix;
import org.dicomseg.source.slide.SlideLevel;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.task.InputException;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebException;
import org.dicomseg.web.DicomWebUrl;

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
        SlideSeries s = of(client, RemoteSeries.read(client, url));
        if (s == null) throw new InputException("No VL Whole Slide Microscopy image in " + url);
        return s;
    }

    /**
     * The slide levels among {@code files} (the headers {@link RemoteSeries#read} gave, their tiles
     * fetched through {@code client} when a region is read), largest first; null when none is a VL
     * Whole Slide Microscopy image (the series is not a slide).
     */
    public static SlideSeries of(DicomWebClient client, List<SourceFile> files) throws InputException {
        List<SlideLevel> levels = new ArrayList<>();
        for (SourceFile f : files) {
            if (!TotalPixelMatrix.VL_WHOLE_SLIDE_MICROSCOPY_IMAGE_STORAGE.equals(f.sopClassUid())) continue;
            levels.add(SlideLevel.remote(f, WadoFrames.of(client, DicomWebUrl.parse(f.location()))));
        }
        return levels.isEmpty() ? null : SlideSeries.of(levels);
    }
}
