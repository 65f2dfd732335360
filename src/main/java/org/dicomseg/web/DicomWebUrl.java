package org.dicomseg.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A DICOMweb resource URL (PS3.18 8.2, 10.4.1): the service's base URL, with any prefix the server
 * uses (Orthanc's {@code /dicom-web}, dcm4chee-arc's {@code /dcm4chee-arc/aets/DCM4CHEE/rs}, a cloud
 * store's {@code .../dicomWeb}), optionally followed by {@code /studies/{study}},
 * {@code /series/{series}} and {@code /instances/{instance}}. Immutable.
 */
public final class DicomWebUrl {
    private final String base;
    private final String study;
    private final String series;
    private final String instance;

    private DicomWebUrl(String base, String study, String series, String instance) {
        this.base = base;
        this.study = study;
        this.series = series;
        this.instance = instance;
    }

    /** True when {@code text} is an http(s) URL (so a command treats it as a server, not a path). */
    public static boolean isUrl(String text) {
        if (text == null) return false;
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.startsWith("http://") || t.startsWith("https://");
    }

    /**
     * Parses {@code text}: everything before the first {@code /studies/} path segment (or the whole
     * path) is the base.
     *
     * @throws IllegalArgumentException naming the URL and what is wrong with it
     */
    public static DicomWebUrl parse(String text) {
        if (!isUrl(text)) throw new IllegalArgumentException("'" + text + "' is not an http:// or https:// URL");
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid URL: " + e.getReason());
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("'" + text + "' names no host");
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + text + "': give the DICOMweb base or a studies/series/instances URL, without ?query or #fragment");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + uri.getHost() + "': do not put credentials in the URL; use --user/--token or DICOMSEG_USER/DICOMSEG_PASSWORD/DICOMSEG_TOKEN");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        String[] seg = path.isEmpty() ? new String[0] : path.substring(1).split("/", -1);
        int s = -1;
        for (int i = 0; i < seg.length; i++) {
            if (seg[i].equals("studies")) {
                s = i;
                break;
            }
        }
        String root = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
        StringBuilder b = new StringBuilder(root);
        int end = s < 0 ? seg.length : s;
        for (int i = 0; i < end; i++) b.append('/').append(seg[i]);
        if (s < 0) return new DicomWebUrl(b.toString(), null, null, null);
        String[] rest = java.util.Arrays.copyOfRange(seg, s, seg.length);
        String[] names = {"studies", "series", "instances"};
        String[] uids = new String[3];
        if (rest.length % 2 != 0 || rest.length > 6) {
            throw new IllegalArgumentException("'" + text + "' is not of the form BASE/studies/{study}[/series/{series}[/instances/{instance}]]");
        }
        for (int i = 0; i < rest.length; i += 2) {
            if (!rest[i].equals(names[i / 2]) || !isUid(rest[i + 1])) {
                throw new IllegalArgumentException("'" + text + "' is not of the form BASE/studies/{study}[/series/{series}[/instances/{instance}]]");
            }
            uids[i / 2] = rest[i + 1];
        }
        return new DicomWebUrl(b.toString(), uids[0], uids[1], uids[2]);
    }

    private static boolean isUid(String s) {
        return !s.isEmpty() && s.length() <= 64 && s.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    /** The same service's URL of a study, series or instance (null UIDs end it earlier). */
    public static DicomWebUrl of(String base, String study, String series, String instance) {
        DicomWebUrl b = parse(base);
        return new DicomWebUrl(b.base, study, study == null ? null : series, study == null || series == null ? null : instance);
    }

    /** The base URL (no trailing slash). */
    public String base() { return base; }
    /** Study Instance UID, or null. */
    public String study() { return study; }
    /** Series Instance UID, or null. */
    public String series() { return series; }
    /** SOP Instance UID, or null. */
    public String instance() { return instance; }

    /** This service's URL of {@code study}/{@code series}/{@code instance}. */
    public DicomWebUrl withInstance(String studyUid, String seriesUid, String instanceUid) {
        return new DicomWebUrl(base, Objects.requireNonNull(studyUid), Objects.requireNonNull(seriesUid), instanceUid);
    }

    /** The resource path after the base, e.g. {@code /studies/1.2/series/3.4}, or "". */
    public String resource() {
        StringBuilder b = new StringBuilder();
        if (study != null) b.append("/studies/").append(study);
        if (series != null) b.append("/series/").append(series);
        if (instance != null) b.append("/instances/").append(instance);
        return b.toString();
    }

    /** What this URL names, for messages: "instance X of series Y of study Z", or "the service". */
    public String describe() {
        if (instance != null) return "instance " + instance + " (series " + series + ", study " + study + ")";
        if (series != null) return "series " + series + " (study " + study + ")";
        if (study != null) return "study " + study;
        return "the service";
    }

    @Override public String toString() { return base + resource(); }

    @Override public boolean equals(Object o) {
        return o instanceof DicomWebUrl && o.toString().equals(toString());
    }

    @Override public int hashCode() { return toString().hashCode(); }
}
