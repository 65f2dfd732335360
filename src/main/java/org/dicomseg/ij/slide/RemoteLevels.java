package org.dicomseg.ij.slide;

import org.dicomseg.ij.ServerRegistry;
import org.dicomseg.source.slide.SlideSeries;
import org.dicomseg.source.web.RemoteSlide;
import org.dicomseg.task.InputException;
import org.dicomseg.web.DicomWebException;
import org.dicomseg.web.DicomWebUrl;
import org.dicomseg.web.ServerSettings;

/**
 * The levels of a slide on a DICOMweb server, for exports from an image opened from one of them
 * ({@code target=finest}, {@code pyramid}): the series of the level instance an image lies on, read
 * from its WADO-RS metadata (no tile is fetched), with the credentials of the Servers... entry the
 * URL belongs to.
 */
public final class RemoteLevels {
    private RemoteLevels() { }

    /** The slide series the level instance {@code levelUrl} belongs to, largest level first. */
    public static SlideSeries seriesOf(String levelUrl) throws InputException {
        return seriesOf(levelUrl, null);
    }

    /** {@link #seriesOf(String)} read with {@code server}'s settings (null: the Servers... entry's, as there). */
    public static SlideSeries seriesOf(String levelUrl, ServerSettings server) throws InputException {
        DicomWebUrl u;
        try {
            u = DicomWebUrl.parse(levelUrl);
        } catch (IllegalArgumentException e) {
            throw new InputException("Slide level " + e.getMessage());
        }
        DicomWebUrl series = DicomWebUrl.of(u.base(), u.study(), u.series(), null);
        try {
            return RemoteSlide.read((server != null ? server : ServerRegistry.settingsFor(levelUrl)).client(series), series);
        } catch (DicomWebException e) {
            throw new InputException(e.getMessage(), e);
        }
    }
}
