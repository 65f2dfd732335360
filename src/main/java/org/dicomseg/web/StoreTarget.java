package org.dicomseg.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dicomseg.dicom.dimse.CStoreSender;
import org.dicomseg.task.Progress;

/**
 * Where a store sends files: a DICOMweb service or study URL (STOW-RS, PS3.18 10.5) or a DIMSE
 * Storage SCP written {@code dicom://AET@host:port} (C-STORE, PS3.4 Annex B). Immutable.
 */
public final class StoreTarget {
    /** The calling AE title when none is given. */
    public static final String DEFAULT_CALLING_AET = "DICOMSEG";

    private final DicomWebUrl web;
    private final String aet;
    private final String host;
    private final int port;

    private StoreTarget(DicomWebUrl web, String aet, String host, int port) {
        this.web = web;
        this.aet = aet;
        this.host = host;
        this.port = port;
    }

    /** True when {@code text} looks like a store target rather than a file path. */
    public static boolean isTarget(String text) {
        return DicomWebUrl.isUrl(text) || text != null && text.trim().toLowerCase(Locale.ROOT).startsWith("dicom://");
    }

    /**
     * Parses an http(s) DICOMweb URL or {@code dicom://AET@host:port}.
     *
     * @throws IllegalArgumentException naming the text and what is wrong
     */
    public static StoreTarget parse(String text) {
        if (text != null && text.trim().toLowerCase(Locale.ROOT).startsWith("dicom://")) {
            URI u;
            try {
                u = new URI(text.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + text + "' is not of the form dicom://AET@host:port");
            }
            String aet = u.getUserInfo();
            if (aet == null || aet.isEmpty() || aet.length() > 16 || u.getHost() == null || u.getPort() <= 0
                    || u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/")) {
                throw new IllegalArgumentException("'" + text + "' is not of the form dicom://AET@host:port (AE title of at most 16 characters)");
            }
            return new StoreTarget(null, aet, u.getHost(), u.getPort());
        }
        DicomWebUrl w = DicomWebUrl.parse(text);
        if (w.series() != null) {
            throw new IllegalArgumentException("'" + text + "': store into the service or a study (BASE or BASE/studies/{study}), not a series or instance");
        }
        return new StoreTarget(w, null, null, 0);
    }

    /** True for a DIMSE target. */
    public boolean isDimse() { return web == null; }

    /** The DICOMweb URL, or null for a DIMSE target. */
    public DicomWebUrl webUrl() { return web; }

    /**
     * Sends {@code files}. DICOMweb: one STOW-RS request with {@code credentials} and
     * {@code timeout}; DIMSE: one association as {@code callingAet}.
     *
     * @return one outcome per file, in the order given
     * @throws IOException when the target cannot be reached or refuses the whole request (one line
     *                     naming the server and the cause)
     */
    public List<StoreOutcome> store(List<Path> files, Credentials credentials, Duration timeout, String callingAet, Progress progress)
            throws IOException {
        if (web != null) {
            return DicomWebClient.connect(web, credentials, timeout).store(files, web.study(), progress).outcomes();
        }
        for (Path f : files) Part10Meta.read(f);
        String calling = callingAet == null || callingAet.isBlank() ? DEFAULT_CALLING_AET : callingAet.trim();
        List<StoreOutcome> out = new ArrayList<>();
        for (CStoreSender.Result r : CStoreSender.send(host, port, aet, calling, files, progress)) {
            String uid = r.sopInstanceUid() != null ? r.sopInstanceUid() : Part10Meta.read(r.file()).sopInstanceUid;
            out.add(new StoreOutcome(r.file(), uid, r.stored() ? StoreOutcome.Status.STORED : StoreOutcome.Status.FAILED,
                    r.stored() ? null : "the SCP " + this + " did not answer success to the C-STORE", null));
        }
        return out;
    }

    @Override public String toString() {
        return web != null ? web.toString() : "dicom://" + aet + "@" + host + ":" + port;
    }
}
