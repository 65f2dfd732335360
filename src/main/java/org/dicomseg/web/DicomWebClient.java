package org.dicomseg.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SSLException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.dicomseg.task.CanceledException;
import org.dicomseg.task.Progress;

/**
 * A DICOMweb client (PS3.18) for one service base URL: QIDO-RS search (10.6), WADO-RS metadata,
 * instances and frames (10.4) and STOW-RS store (10.5), over {@code java.net.http} with the JDK's
 * trust store for TLS. Multipart answers are parsed as they stream in ({@link MultipartReader}).
 * Every failure is a {@link DicomWebException} whose one-line message starts with
 * "DICOMweb server BASE: " and says the cause: cannot connect, unknown host, TLS failure,
 * credentials refused (401) or not allowed (403), not found (404, naming the UIDs), no answer within
 * the timeout, or an answer that is not DICOMweb. Credentials go into the Authorization header only
 * and are never part of a message. Thread-safe.
 */
public final class DicomWebClient {
    /** The default time to wait for a connection and for the headers of an answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final String DICOM_JSON = "application/dicom+json";

    private final String base;
    private final Credentials credentials;
    private final Duration timeout;
    private final HttpClient http;
    private final List<String> requested = Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();

    private DicomWebClient(String base, Credentials credentials, Duration timeout) {
        this.base = base;
        this.credentials = credentials == null ? Credentials.NONE : credentials;
        this.timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        this.http = SHARED.computeIfAbsent(this.timeout, t -> HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(t).followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    /**
     * One JDK HTTP client per connect timeout, shared by every {@link DicomWebClient}: its pool keeps
     * connections alive (HTTP/1.1 persistent connections, RFC 9112 9.3) from one command to the next
     * in a long-running Fiji, so a second export against a server reuses the open connection
     * (no TCP or TLS handshake) and no selector thread is started per command.
     */
    private static final java.util.concurrent.ConcurrentMap<Duration, HttpClient> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    /** A client of the service whose base is that of {@code url} (any study/series/instance part is ignored). */
    public static DicomWebClient connect(DicomWebUrl url, Credentials credentials, Duration timeout) {
        return new DicomWebClient(url.base(), credentials, timeout);
    }

    /** The service's base URL. */
    public String base() { return base; }

    /** The credentials given (never printed with their secret). */
    public Credentials credentials() { return credentials; }

    /** The timeout for connecting and for each answer's headers. */
    public Duration timeout() { return timeout; }

    // ---------------------------------------------------------------- QIDO-RS

    /**
     * QIDO-RS search (PS3.18 10.6) for {@code level} ("studies", "series" or "instances") within
     * {@code scope} (the service, a study, or a series), with matching keys {@code query} (keyword
     * or tag → value, e.g. {@code Modality=SEG}); the result objects in DICOM JSON.
     */
    public List<JsonObject> search(DicomWebUrl scope, String level, Map<String, String> query) throws DicomWebException {
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> e : query.entrySet()) {
            q.append(q.length() == 0 ? '?' : '&').append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        String resource = (scope == null ? "" : scope.resource()) + "/" + level;
        return jsonArray(resource + q, scope == null ? null : scope, "search");
    }

    /**
     * The instances of the series {@code url} (QIDO-RS, PS3.18 10.6.1.2.4): each one's instance URL
     * → its SOP Class UID, in the server's order.
     */
    public Map<DicomWebUrl, String> instancesOf(DicomWebUrl url) throws DicomWebException {
        if (url.series() == null) throw new IllegalArgumentException("not a series URL: " + url);
        Map<DicomWebUrl, String> out = new LinkedHashMap<>();
        for (JsonObject o : search(DicomWebUrl.of(base, url.study(), url.series(), null), "instances", Map.of())) {
            String uid = DicomJson.string(o, "00080018");
            if (uid != null) out.put(url.withInstance(url.study(), url.series(), uid), DicomJson.string(o, "00080016"));
        }
        return out;
    }

    /**
     * A GET of {@code path} on the server beside the DICOMweb service: relative to the base URL
     * without its last path segment (for Orthanc, whose DICOMweb plugin sits at {@code /dicom-web},
     * its own REST API), with the same credentials; the answer parsed as JSON, or null when there is
     * none (404, another status than 200, not JSON, no parent path). Recorded in {@link #requested()}
     * as "GET ../PATH". Only a cache's validation uses it (RemoteSeriesCache): a null answer means
     * "cannot tell", never an error.
     *
     * @throws DicomWebException when the server cannot be reached (as for any request)
     */
    public JsonElement besideBase(String path) throws DicomWebException {
        URI b = URI.create(base);
        String p = b.getPath() == null ? "" : b.getPath();
        int slash = p.lastIndexOf('/');
        if (p.isEmpty() || slash < 0) return null;
        requested.add("GET ../" + path);
        HttpRequest.Builder req = HttpRequest.newBuilder(b.resolve(p.substring(0, slash) + "/" + path)).timeout(timeout)
                .header("Accept", "application/json").GET();
        String auth = credentials.authorization();
        if (auth != null) req.header("Authorization", auth);
        HttpResponse<String> r;
        try {
            r = exchange(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw wrap(e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanceledException("Request to " + base + " interrupted");
        }
        if (r.statusCode() != 200 || !r.headers().firstValue("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return null;
        }
        try {
            return JsonParser.parseString(r.body());
        } catch (JsonParseException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- WADO-RS

    /**
     * The metadata (PS3.18 10.4.1.1.2, DICOM JSON, no bulk data) of every instance of the study,
     * series or instance {@code url} names: headers only, never pixel data.
     */
    public List<JsonObject> metadata(DicomWebUrl url) throws DicomWebException {
        if (url.study() == null) throw new IllegalArgumentException("metadata needs a study, series or instance URL: " + url);
        return jsonArray(url.resource() + "/metadata", url, "metadata of");
    }

    /**
     * Retrieves the instance {@code url} (PS3.18 10.4.1.1.1, {@code application/dicom} in its stored
     * transfer syntax) and copies its bytes to {@code out} as they arrive.
     */
    public void retrieveInstance(DicomWebUrl url, OutputStream out, Progress progress) throws DicomWebException {
        if (url.instance() == null) throw new IllegalArgumentException("not an instance URL: " + url);
        HttpResponse<InputStream> r = send(get(url.resource()).header("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*")
                .build(), HttpResponse.BodyHandlers.ofInputStream(), url, "retrieve");
        try (MultipartReader parts = multipart(r, url)) {
            MultipartReader.Part p = parts.next();
            if (p == null) throw fail("the answer for " + url.describe() + " holds no instance", 0, null);
            copy(p.body(), out, progress);
        } catch (IOException e) {
            throw wrap(e, url);
        }
    }

    /**
     * Retrieves every instance of the series {@code url} (PS3.18 10.4.1.1.1) into {@code folder}
     * as {@code 00001.dcm}, {@code 00002.dcm} … , each streamed to disk as it arrives; returns the
     * files written.
     */
    public List<Path> retrieveSeries(DicomWebUrl url, Path folder, Progress progress) throws DicomWebException {
        if (url.series() == null) throw new IllegalArgumentException("not a series URL: " + url);
        HttpResponse<InputStream> r = send(get(DicomWebUrl.of(base, url.study(), url.series(), null).resource())
                .header("Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*").build(),
                HttpResponse.BodyHandlers.ofInputStream(), url, "retrieve");
        List<Path> files = new ArrayList<>();
        try (MultipartReader parts = multipart(r, url)) {
            for (MultipartReader.Part p = parts.next(); p != null; p = parts.next()) {
                Path f = folder.resolve(String.format("%05d.dcm", files.size() + 1));
                try (OutputStream out = Files.newOutputStream(f)) {
                    copy(p.body(), out, progress);
                }
                files.add(f);
            }
        } catch (IOException e) {
            throw wrap(e, url);
        }
        return files;
    }

    /** Receives the frames of a WADO-RS frame retrieval, in the order requested. */
    public interface FrameSink {
        /** Frame {@code frameNumber} (1-based) arrived; {@code mediaType} is its part's Content-Type. */
        void frame(int frameNumber, String mediaType, InputStream bytes) throws IOException;
    }

    /**
     * Retrieves frames {@code frameNumbers} (1-based) of the instance {@code url} (PS3.18
     * 10.4.1.1.3) in their stored encoding ({@code transfer-syntax=*}), handing each to {@code sink}
     * as it arrives: only these frames cross the network.
     */
    public void retrieveFrames(DicomWebUrl url, int[] frameNumbers, FrameSink sink) throws DicomWebException {
        if (url.instance() == null) throw new IllegalArgumentException("not an instance URL: " + url);
        if (frameNumbers.length == 0) return;
        StringBuilder list = new StringBuilder();
        for (int f : frameNumbers) list.append(list.length() == 0 ? "" : ",").append(f);
        HttpResponse<InputStream> r = send(get(url.resource() + "/frames/" + list)
                .header("Accept", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*").build(),
                HttpResponse.BodyHandlers.ofInputStream(), url, "frames " + list + " of");
        try (MultipartReader parts = multipart(r, url)) {
            for (int f : frameNumbers) {
                MultipartReader.Part p = parts.next();
                if (p == null) throw fail("the answer for frames of " + url.describe() + " ends before frame " + f, 0, null);
                String type = p.contentType() != null ? p.contentType() : r.headers().firstValue("Content-Type").orElse("");
                sink.frame(f, type, p.body());
            }
        } catch (IOException e) {
            throw wrap(e, url);
        }
    }

    // ---------------------------------------------------------------- STOW-RS

    /**
     * Stores {@code files} (DICOM Part 10) with one STOW-RS request (PS3.18 10.5), streamed from
     * disk, into the service or, when {@code study} is not null, into that study (the server refuses
     * instances of another study). The answer is checked instance by instance: the result lists
     * each file as stored, stored with a warning, or failed with the server's reason (HTTP 200, 202,
     * 409 alike); other answers (401, 403, 404, 413, 5xx …) are a {@link DicomWebException}.
     */
    public StowResponse store(List<Path> files, String study, Progress progress) throws IOException {
        Progress p = progress == null ? Progress.NONE : progress;
        Map<String, Path> sent = new LinkedHashMap<>();
        for (Path f : files) {
            Part10Meta meta = Part10Meta.read(f);
            if (sent.containsKey(meta.sopInstanceUid)) {
                throw new IOException(f + " and " + sent.get(meta.sopInstanceUid) + " are the same instance (SOP Instance UID "
                        + meta.sopInstanceUid + ")");
            }
            sent.put(meta.sopInstanceUid, f);
        }
        String boundary = "dicomseg-" + UUID.randomUUID();
        byte[] partHead = ("\r\n--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] close = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        long length = close.length;
        for (Path f : files) length += partHead.length + Files.size(f);
        List<Path> order = new ArrayList<>(files);
        // A fresh sequence of part headers and files each time the body is sent (a retry sends it again).
        java.util.function.Supplier<InputStream> bodyStream = () -> {
            Enumeration<InputStream> pieces = new Enumeration<>() {
                private int step; // even: a part header, odd: a file; at 2n: the closing delimiter
                @Override public boolean hasMoreElements() { return step <= 2 * order.size(); }
                @Override public InputStream nextElement() {
                    int s = step++;
                    if (s == 2 * order.size()) return new java.io.ByteArrayInputStream(close);
                    if (s % 2 == 0) return new java.io.ByteArrayInputStream(partHead);
                    if (p.canceled()) throw new CanceledException("Store cancelled; nothing more was sent");
                    p.progress(s / 2, order.size());
                    try {
                        return Files.newInputStream(order.get(s / 2));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
            return new SequenceInputStream(pieces);
        };
        // The body starts with CRLF before the first delimiter (a permitted empty preamble).
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(bodyStream), length);
        DicomWebUrl target = DicomWebUrl.of(base, study, null, null);
        String resource = target.resource().isEmpty() ? "/studies" : target.resource();
        HttpRequest req = request("POST", resource)
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", DICOM_JSON).POST(body).build();
        HttpResponse<String> r;
        try {
            r = exchange(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw wrap(e, target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanceledException("Store interrupted");
        }
        int status = r.statusCode();
        p.progress(order.size(), order.size());
        JsonObject answer = null;
        String text = r.body();
        if (text != null && !text.isBlank()) {
            try {
                JsonElement e = JsonParser.parseString(text);
                if (e.isJsonObject()) answer = e.getAsJsonObject();
                else if (e.isJsonArray() && e.getAsJsonArray().size() > 0 && e.getAsJsonArray().get(0).isJsonObject()) {
                    answer = e.getAsJsonArray().get(0).getAsJsonObject();
                }
            } catch (JsonParseException e) {
                answer = null;
            }
        }
        if (status == 200 || status == 202 || status == 409 && answer != null) {
            StowResponse s = StowResponse.of(status, answer, sent, status == 409 ? "conflict (HTTP 409)"
                    + (study != null ? ", the URL names study " + study : "") : null);
            if (status == 409 && s.failures().isEmpty()) throw fail("conflict (HTTP 409) storing into " + target.describe(), status, null);
            return s;
        }
        throw statusFailure(status, target, "store into", r.headers().firstValue("Content-Type").orElse(""));
    }

    // ---------------------------------------------------------------- plumbing

    private List<JsonObject> jsonArray(String resource, DicomWebUrl about, String what) throws DicomWebException {
        HttpResponse<InputStream> r = send(get(resource).header("Accept", DICOM_JSON + ", application/json")
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofInputStream(), about, what);
        try (InputStream in = decoded(r)) {
            if (r.statusCode() == 204) return Collections.emptyList();
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!type.toLowerCase(java.util.Locale.ROOT).contains("json")) {
                throw fail("is not a DICOMweb server: GET " + base + resource + " answered " + (type.isEmpty() ? "no Content-Type" : type)
                        + ", not " + DICOM_JSON, r.statusCode(), null);
            }
            JsonElement e = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            if (!e.isJsonArray()) throw fail("is not a DICOMweb server: GET " + base + resource + " did not answer a JSON array", 0, null);
            List<JsonObject> out = new ArrayList<>();
            for (JsonElement i : e.getAsJsonArray()) {
                if (!i.isJsonObject()) throw fail("is not a DICOMweb server: GET " + base + resource + " answered a JSON array of "
                        + (i.isJsonPrimitive() ? "strings or numbers" : "arrays") + ", not of DICOM JSON objects (check the prefix, e.g. /dicom-web)", 0, null);
                out.add(i.getAsJsonObject());
            }
            return out;
        } catch (JsonParseException e) {
            throw fail("is not a DICOMweb server: GET " + base + resource + " answered malformed JSON", 0, e);
        } catch (IOException e) {
            throw wrap(e, about);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler, DicomWebUrl about, String what)
            throws DicomWebException {
        HttpResponse<T> r;
        try {
            r = exchange(req, handler);
        } catch (IOException e) {
            throw wrap(e, about);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanceledException("Request to " + base + " interrupted");
        }
        int s = r.statusCode();
        if (s >= 200 && s < 300) return r;
        if (r.body() instanceof InputStream) {
            try {
                ((InputStream) r.body()).close();
            } catch (IOException ignored) {
                // the failure below is what matters
            }
        }
        throw statusFailure(s, about, what, r.headers().firstValue("Content-Type").orElse(""));
    }

    /**
     * Sends {@code req}; once more on a new connection when the server closed the pooled one just as
     * the request went out on it (servers close idle keep-alive connections after a second or so,
     * e.g. Orthanc's KeepAliveTimeout of 1 s; a request sent at that moment gets "header parser
     * received no bytes" — seen once in the full test suite under load): nothing was received, so
     * nothing was done, and sending again is safe (STOW-RS included: the body is rebuilt).
     */
    private <T> HttpResponse<T> exchange(HttpRequest req, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        try {
            return http.send(req, handler);
        } catch (IOException e) {
            if (!closedBeforeAnswer(e)) throw e;
            return http.send(req, handler);
        }
    }

    private static boolean closedBeforeAnswer(IOException e) {
        if (e instanceof HttpTimeoutException || has(e, SSLException.class) || has(e, ConnectException.class)) return false;
        String m = String.valueOf(e.getMessage());
        return e instanceof java.io.EOFException || m.contains("received no bytes") || m.contains("Connection reset")
                || m.contains("connection closed locally") || m.contains("EOF reached while reading");
    }

    private DicomWebException statusFailure(int status, DicomWebUrl about, String what, String contentType) {
        String name = about == null ? "the service" : about.describe();
        switch (status) {
            case 401:
                return fail("the server refused " + (credentials.present() ? "the credentials (" + credentials.describe() + ")" : "to answer without credentials")
                        + " (HTTP 401); give --user with DICOMSEG_PASSWORD, or --token / DICOMSEG_TOKEN", status, null);
            case 403:
                return fail("forbidden (HTTP 403): " + what + " " + name + " is not allowed for " + credentials.describe()
                        + (credentials.present() ? " (the credentials were accepted; the account lacks the right)" : " (give --user or --token)"), status, null);
            case 404:
                if (about == null || about.study() == null) {
                    return fail("is not a DICOMweb server, or not at this base URL: " + what + " gave HTTP 404 (check the prefix, e.g. /dicom-web)", status, null);
                }
                return fail("not found (HTTP 404): " + name, status, null);
            case 406: case 415:
                return fail("does not accept the DICOMweb request (" + what + " " + name + ": HTTP " + status + ")", status, null);
            case 408: case 504:
                return fail("timed out (HTTP " + status + ") on " + what + " " + name, status, null);
            case 409:
                return fail("conflict (HTTP 409) on " + what + " " + name, status, null);
            case 413:
                return fail("the request is too large for the server (HTTP 413)", status, null);
            default:
                return fail((status >= 500 ? "server error" : "unexpected answer") + " (HTTP " + status
                        + (contentType.isEmpty() ? "" : ", " + contentType) + ") on " + what + " " + name, status, null);
        }
    }

    private DicomWebException wrap(IOException e, DicomWebUrl about) {
        if (e instanceof DicomWebException) return (DicomWebException) e;
        if (e instanceof HttpConnectTimeoutException) {
            return fail("no connection within " + timeout.toSeconds() + " s (timeout; raise it with --timeout)", 0, e);
        }
        if (e instanceof HttpTimeoutException) {
            return fail("no answer within " + timeout.toSeconds() + " s (timeout; raise it with --timeout)", 0, e);
        }
        if (has(e, SSLException.class)) return fail("TLS failure: " + tlsCause(e), 0, e);
        if (has(e, UnknownHostException.class) || has(e, UnresolvedAddressException.class)) {
            return fail("unknown host " + URI.create(base).getHost(), 0, e);
        }
        if (has(e, ConnectException.class)) {
            return fail("cannot connect (" + (message(find(e, ConnectException.class)).isEmpty() ? "connection refused"
                    : message(find(e, ConnectException.class))) + "): is the server running and the URL right?", 0, e);
        }
        String m = message(e);
        if (e.getClass().getName().startsWith("org.dicomseg")) return fail(m, 0, e);
        return fail("connection failed while reading " + (about == null ? "the answer" : about.describe()) + ": "
                + (m.isEmpty() ? e.getClass().getSimpleName() : m), 0, e);
    }

    /**
     * Why a TLS handshake failed, in words a user can act on: a certificate the JDK's trust store
     * does not trust (self-signed, a private CA), one issued for another host name, or a port that
     * does not speak TLS at all (an https URL to a plain-HTTP port).
     */
    private String tlsCause(IOException e) {
        String host = URI.create(base).getHost();
        if (has(e, java.security.cert.CertPathBuilderException.class) || has(e, java.security.cert.CertPathValidatorException.class)) {
            return "the certificate of " + host + " is not trusted (self-signed or from a CA not in the JDK trust store: add the CA to "
                    + "the system's CA certificates, or run Java with -Djavax.net.ssl.trustStore=FILE)";
        }
        if (has(e, java.security.cert.CertificateException.class)) {
            String m = message(find(e, java.security.cert.CertificateException.class));
            if (m.contains("subject alternative") || m.contains("No name matching")) {
                return "the certificate does not name the host " + host + " (" + m + ")";
            }
            return "the certificate of " + host + " was refused (" + m + ")";
        }
        String m = message(find(e, SSLException.class));
        if (m.contains("Unsupported or unrecognized SSL message") || m.contains("plaintext")) {
            return "the port does not speak TLS (" + m + "): is the URL http://, not https://?";
        }
        return m + " (is the server's certificate trusted by the JDK trust store?)";
    }

    private static boolean has(Throwable t, Class<?> c) { return find(t, c) != null; }

    private static Throwable find(Throwable t, Class<?> c) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) if (c.isInstance(x)) return x;
        return null;
    }

    private static String message(Throwable t) {
        return t == null || t.getMessage() == null ? "" : t.getMessage().replace('\n', ' ');
    }

    private DicomWebException fail(String cause, int status, Throwable t) {
        return new DicomWebException("DICOMweb server " + base + ": " + cause, status, t);
    }

    private MultipartReader multipart(HttpResponse<InputStream> r, DicomWebUrl about) throws DicomWebException {
        String type = r.headers().firstValue("Content-Type").orElse("");
        String boundary = MultipartReader.boundaryOf(type);
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/related") || boundary == null) {
            try {
                r.body().close();
            } catch (IOException ignored) {
                // reported below
            }
            throw fail("is not a DICOMweb server: retrieving " + about.describe() + " answered "
                    + (type.isEmpty() ? "no Content-Type" : type) + ", not multipart/related", r.statusCode(), null);
        }
        return new MultipartReader(new Counting(r.body()), boundary);
    }

    /**
     * The body of {@code r}, counted as it comes off the network ({@link #bytesReceived()}) and
     * inflated when the server compressed it (Content-Encoding gzip, RFC 9110 8.4.1): JSON answers
     * are asked for with Accept-Encoding gzip — a 300-slice series' metadata is 1.3 MB of DICOM
     * JSON, 24 KB gzipped (Orthanc) — so a slow link carries a fiftieth of it.
     */
    private InputStream decoded(HttpResponse<InputStream> r) throws IOException {
        InputStream wire = new Counting(r.body());
        String enc = r.headers().firstValue("Content-Encoding").orElse("").trim().toLowerCase(java.util.Locale.ROOT);
        if (enc.isEmpty() || enc.equals("identity")) return wire;
        if (enc.equals("gzip") || enc.equals("x-gzip")) return new java.util.zip.GZIPInputStream(wire, 1 << 16);
        wire.close();
        throw fail("answered in an encoding not asked for (Content-Encoding " + enc + ")", r.statusCode(), null);
    }

    /** Counts the bytes read into {@link #received}. */
    private final class Counting extends java.io.FilterInputStream {
        Counting(InputStream in) { super(in); }

        @Override public int read() throws IOException {
            int b = super.read();
            if (b >= 0) received.incrementAndGet();
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) received.addAndGet(n);
            return n;
        }

        @Override public long skip(long n) throws IOException {
            long k = super.skip(n);
            if (k > 0) received.addAndGet(k);
            return k;
        }
    }

    /**
     * The bytes of answer bodies (JSON and multipart) read off the network so far, as they came
     * (compressed when the server compressed them): what crossed the network, e.g. to check that
     * a metadata answer came compressed or that a few frames of a SEG were fetched, not the SEG.
     */
    public long bytesReceived() { return received.get(); }

    private static void copy(InputStream in, OutputStream out, Progress progress) throws IOException {
        byte[] b = new byte[1 << 16];
        for (int n; (n = in.read(b)) >= 0; ) {
            out.write(b, 0, n);
            if (progress != null) progress.checkCanceled();
        }
    }

    private HttpRequest.Builder get(String resource) {
        return request("GET", resource).GET();
    }

    /**
     * The requests this client made, in order, as "METHOD resource" (the path after the base and
     * the query; never credentials): what crossed the network, e.g. to check that an export read
     * metadata only or a region fetched only its tiles.
     */
    public List<String> requested() {
        synchronized (requested) {
            return new ArrayList<>(requested);
        }
    }

    private HttpRequest.Builder request(String method, String resource) {
        requested.add(method + " " + resource);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + resource)).timeout(timeout);
        String auth = credentials.authorization();
        if (auth != null) b.header("Authorization", auth);
        return b;
    }

    @Override public String toString() {
        return "DICOMweb " + base + " (" + credentials.describe() + ")";
    }
}
