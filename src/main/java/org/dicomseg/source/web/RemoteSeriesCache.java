package org.dicomseg.source.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;

import org.dicomseg.source.SourceFile;
import org.dicomseg.task.InputException;
import org.dicomseg.task.SessionLru;
import org.dicomseg.web.DicomWebClient;
import org.dicomseg.web.DicomWebException;
import org.dicomseg.web.DicomWebUrl;

/**
 * The source headers of remote series seen in this session (a running ImageJ, a script's JVM),
 * the remote counterpart of {@link org.dicomseg.source.SourceHeaderCache}: a second export against
 * the same series does not ask the archive for the series' WADO-RS metadata again (PS3.18
 * 10.4.1.1.2; an archive may build that answer by reading every stored file: 0.3 s for 300 CT
 * slices on Orthanc 1.10), as long as the series still holds exactly the instances it held.
 *
 * <p><b>Key</b>: the service's base URL, the Study and Series Instance UIDs, and the identity of the
 * credentials ({@link org.dicomseg.web.Credentials#identity()}: a digest of the Authorization
 * header, so another user never gets what one user read). <b>Value</b>: the parsed headers
 * ({@link SourceFile}s, shared, never changed by their readers) and the SOP Instance UIDs of every
 * instance of the series (segmentations included).</p>
 *
 * <p><b>Validation, on every use</b> — never skipped, so a series changed on the archive (an
 * instance deleted, one stored, one replaced by another) is seen at once: one request whose answer
 * names the series' instances, compared with the set kept. The same SOP Instance UID is the same
 * instance (PS3.3 C.12.1.1.1), so the same set means the same headers. Which request is found out
 * on the first reuse of an entry (so a first read is one metadata request, nothing more) and kept:</p>
 * <ol>
 * <li>an archive that is Orthanc: its REST resource of the series ({@code ../series/ID} beside the
 *     DICOMweb root), answered from its database (1–8 ms), listing the instances by Orthanc's
 *     identifiers — the SHA-1 of Patient ID, Study, Series and SOP Instance UID — which are computed
 *     here from the UIDs kept, so the comparison is one of SOP Instance UIDs;</li>
 * <li>any other archive (that resource is not there, or is not Orthanc's): QIDO-RS of the series'
 *     instances (PS3.18 10.6.1.2.4, default fields), whose SOP Instance UIDs are compared (an archive
 *     answering QIDO from its database, as most do, answers in milliseconds; Orthanc's DICOMweb
 *     plugin 1.7 reads every file for it — as slow as the metadata — hence 1). The first reuse on
 *     such an archive makes both requests, later ones only this.</li>
 * </ol>
 * <p>A different set, a failed or refused validation, anything unexpected: the entry is dropped and
 * the metadata read again. The cache keeps at most {@link #capacity()} instances' headers (least
 * recently used series dropped first) until {@link #clear()} or the end of the JVM. The CLI runs one
 * export per process and so gains nothing from it; Fiji and scripts calling the API do.</p>
 *
 * <p><b>Prefetch</b>: an export that knows its source URL before it needs the headers (it reads the
 * label image first) starts the read on a thread of its own ({@link #prefetch}); the {@link #read}
 * that needs the headers joins it (one request in all: the read makes none of its own), and an
 * export that fails or is cancelled before then closes the prefetch, which cancels the request and
 * drops its outcome (nothing is reported; a {@link DicomWebException} it met is thrown only by a
 * read that joins it, with the same one-line message as a read of its own).</p>
 */
public final class RemoteSeriesCache {
    /** Instances kept by {@link #shared()}: as many as {@link org.dicomseg.source.SourceHeaderCache#DEFAULT_CAPACITY} local files. */
    public static final int DEFAULT_CAPACITY = 4096;
    private static final RemoteSeriesCache SHARED = new RemoteSeriesCache(DEFAULT_CAPACITY);

    private final int capacity;
    /** Weighed by instances: a series of more than {@link #capacity} instances is not kept. */
    private final SessionLru<String, Entry> entries;
    /** Prefetches started and not yet joined or closed, by base URL, study and series (credentials compared on join). */
    private final Map<String, Prefetch> pending = new java.util.HashMap<>();
    private long prefetches;

    /** A cache of the headers of at most {@code capacity} instances. */
    public RemoteSeriesCache(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        this.capacity = capacity;
        this.entries = SessionLru.ofWeight(capacity, e -> e.files.size());
    }

    /** The cache of this process ({@link RemoteSeries#read} uses it). */
    public static RemoteSeriesCache shared() { return SHARED; }

    /** The most instances whose headers are kept. */
    public int capacity() { return capacity; }

    /** Series held now. */
    public int size() { return entries.size(); }

    /** Instances whose headers are held now. */
    public int instances() { return (int) entries.weight(); }

    /** Reads answered from the cache (after a successful validation) since it was made or {@link #clear}ed. */
    public long hits() { return entries.hits(); }

    /** Reads that asked the archive for the series' metadata. */
    public long misses() { return entries.misses(); }

    /** Forgets every series (the next export against any of them reads its metadata again). */
    public synchronized void clear() {
        entries.clear();
        prefetches = 0;
    }

    /**
     * The headers of the series {@code url} (a series URL) as {@link RemoteSeries#read} gives them:
     * those kept from an earlier read with the same credentials when one request shows the series
     * unchanged, else from one metadata request (and kept).
     */
    public List<SourceFile> read(DicomWebClient client, DicomWebUrl url) throws InputException, DicomWebException {
        if (url.series() == null || url.instance() != null) throw new IllegalArgumentException("not a series URL: " + url);
        Prefetch started = take(client, url);
        if (started != null) return started.join();
        return readNow(client, url);
    }

    /**
     * Starts {@link #read read(client, url)} on a daemon thread of its own and returns at once (this
     * thread makes no request, builds no HTTP client, parses nothing): a later {@code read} of the
     * same series with the same credentials joins it instead of asking again. Close the result when
     * the export ends (try-with-resources): one not joined by then is cancelled (its thread
     * interrupted, which aborts the request) and its outcome dropped. A second prefetch of a series
     * whose prefetch is still pending starts nothing.
     */
    public Prefetch prefetch(DicomWebClient client, DicomWebUrl url) {
        if (url.series() == null || url.instance() != null) throw new IllegalArgumentException("not a series URL: " + url);
        Prefetch p = new Prefetch(this, pendingKey(client, url), client, url);
        synchronized (this) {
            if (pending.containsKey(p.key)) return Prefetch.NONE;
            pending.put(p.key, p);
            prefetches++;
        }
        Thread t = new Thread(p.task, "dicomseg-prefetch " + url.describe());
        t.setDaemon(true);
        t.start();
        return p;
    }

    /** Prefetches started since the cache was made or {@link #clear}ed. */
    public synchronized long prefetches() { return prefetches; }

    /** Prefetches pending now (started, neither joined nor closed). */
    public synchronized int pending() { return pending.size(); }

    private static String pendingKey(DicomWebClient client, DicomWebUrl url) {
        return client.base() + '\n' + url.study() + '\n' + url.series();
    }

    /** The pending prefetch {@code read(client, url)} may join (same series, same credentials), removed; or null. */
    private synchronized Prefetch take(DicomWebClient client, DicomWebUrl url) {
        String key = pendingKey(client, url);
        Prefetch p = pending.get(key);
        if (p == null || !Objects.equals(p.client.credentials().identity(), client.credentials().identity())) return null;
        pending.remove(key);
        return p;
    }

    /** {@link #read} without looking for a prefetch: the cache, else the metadata request. */
    private List<SourceFile> readNow(DicomWebClient client, DicomWebUrl url) throws InputException, DicomWebException {
        String key = client.base() + '\n' + url.study() + '\n' + url.series() + '\n' + client.credentials().identity();
        Entry kept = entries.get(key);
        if (kept != null) {
            boolean same;
            try {
                same = kept.validator.unchanged(client);
            } catch (org.dicomseg.task.CanceledException e) {
                throw e;
            } catch (DicomWebException | RuntimeException e) {
                same = false; // cannot tell: read again (and let the metadata request report a real failure)
            }
            synchronized (this) {
                if (same) {
                    entries.hit();
                    return kept.files;
                }
                entries.remove(key, kept);
            }
        }
        entries.miss();
        RemoteSeries.Fetched f = RemoteSeries.fetch(client, url);
        Entry e = new Entry(f.files, new Undecided(url, f));
        entries.put(key, e); // replaces what was kept; not kept when heavier than the capacity
        return f.files;
    }

    /**
     * Orthanc's identifier of a series ({@code sop} null) or instance: the SHA-1 of
     * "PatientID|StudyInstanceUID|SeriesInstanceUID[|SOPInstanceUID]" in hex, in five groups of
     * eight joined by '-' (Orthanc's DicomInstanceHasher).
     */
    static String orthancId(String patientId, String study, String series, String sop) {
        String text = patientId + "|" + study + "|" + series + (sop == null ? "" : "|" + sop);
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
        StringBuilder b = new StringBuilder(44);
        for (int i = 0; i < d.length; i++) {
            if (i > 0 && i % 4 == 0) b.append('-');
            b.append(Character.forDigit((d[i] >> 4) & 15, 16)).append(Character.forDigit(d[i] & 15, 16));
        }
        return b.toString();
    }

    /** One request telling whether the series still holds exactly the instances read. */
    private interface Validator {
        boolean unchanged(DicomWebClient client) throws DicomWebException;
    }

    /**
     * The first reuse of an entry: Orthanc's series resource when the archive answers it as Orthanc
     * does (then that is the validation from now on), else QIDO-RS.
     */
    private static final class Undecided implements Validator {
        private final OrthancSeries orthanc;
        private final QidoInstances qido;
        private volatile Validator decided;

        Undecided(DicomWebUrl url, RemoteSeries.Fetched f) {
            Set<String> uids = new HashSet<>(f.sopInstanceUids);
            Set<String> ids = new HashSet<>();
            for (String uid : uids) ids.add(orthancId(f.patientId, String.valueOf(url.study()), url.series(), uid));
            this.orthanc = new OrthancSeries("series/" + orthancId(f.patientId, String.valueOf(url.study()), url.series(), null), ids);
            this.qido = new QidoInstances(url, uids);
        }

        @Override public boolean unchanged(DicomWebClient client) throws DicomWebException {
            Validator v = decided;
            if (v != null) return v.unchanged(client);
            Boolean same = orthanc.compare(client);
            decided = same != null ? orthanc : qido;
            return same != null ? same : qido.unchanged(client);
        }
    }

    /** Orthanc's REST {@code series/ID}: its "Instances" (Orthanc identifiers), from its database. */
    private static final class OrthancSeries implements Validator {
        private final String path;
        private final Set<String> ids;

        OrthancSeries(String path, Set<String> ids) {
            this.path = path;
            this.ids = ids;
        }

        @Override public boolean unchanged(DicomWebClient client) throws DicomWebException {
            return Boolean.TRUE.equals(compare(client));
        }

        /** Same instances, different ones, or null: no answer shaped as Orthanc's series resource. */
        Boolean compare(DicomWebClient client) throws DicomWebException {
            JsonElement e = client.besideBase(path);
            if (e == null || !e.isJsonObject() || !"Series".equals(string(e, "Type"))
                    || !e.getAsJsonObject().has("Instances") || !e.getAsJsonObject().get("Instances").isJsonArray()) {
                return null;
            }
            JsonArray a = e.getAsJsonObject().getAsJsonArray("Instances");
            Set<String> now = new HashSet<>();
            for (JsonElement i : a) if (i.isJsonPrimitive()) now.add(i.getAsString());
            return a.size() == ids.size() && now.equals(ids);
        }

        private static String string(JsonElement o, String key) {
            JsonElement v = o.getAsJsonObject().get(key);
            return v != null && v.isJsonPrimitive() ? v.getAsString() : null;
        }
    }

    /** QIDO-RS of the series' instances: their SOP Instance UIDs. */
    private static final class QidoInstances implements Validator {
        private final DicomWebUrl series;
        private final Set<String> uids;

        QidoInstances(DicomWebUrl series, Set<String> uids) {
            this.series = series;
            this.uids = uids;
        }

        @Override public boolean unchanged(DicomWebClient client) throws DicomWebException {
            Set<String> now = new HashSet<>();
            int n = 0;
            for (DicomWebUrl u : client.instancesOf(series).keySet()) {
                now.add(u.instance());
                n++;
            }
            return n == uids.size() && now.equals(uids);
        }
    }

    /**
     * A read of a series' headers running on its own thread ({@link #prefetch}): joined by the
     * {@link #read} that needs them, or closed (cancelled, outcome dropped) when the export ends
     * without them.
     */
    public static final class Prefetch implements AutoCloseable {
        /** A prefetch that started nothing: closing it does nothing. */
        public static final Prefetch NONE = new Prefetch(null, null, null, null);

        private final RemoteSeriesCache cache;
        private final String key;
        private final DicomWebClient client;
        private final FutureTask<List<SourceFile>> task;

        private Prefetch(RemoteSeriesCache cache, String key, DicomWebClient client, DicomWebUrl url) {
            this.cache = cache;
            this.key = key;
            this.client = client;
            this.task = cache == null ? null : new FutureTask<>(() -> cache.readNow(client, url));
        }

        /** The headers, when the read finishes (waiting for it); its failure rethrown as it was. */
        private List<SourceFile> join() throws InputException, DicomWebException {
            try {
                return task.get();
            } catch (InterruptedException e) {
                task.cancel(true);
                Thread.currentThread().interrupt();
                throw new org.dicomseg.task.CanceledException("Request to " + client.base() + " interrupted");
            } catch (CancellationException e) {
                throw new org.dicomseg.task.CanceledException("Request to " + client.base() + " cancelled");
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof InputException) throw (InputException) c;
                if (c instanceof DicomWebException) throw (DicomWebException) c;
                if (c instanceof RuntimeException) throw (RuntimeException) c;
                if (c instanceof Error) throw (Error) c;
                throw new IllegalStateException(c);
            }
        }

        /** True once the read has ended (done, failed or cancelled). */
        public boolean done() { return task == null || task.isDone(); }

        /** Cancels the read unless a {@link #read} has joined it: its request aborted, its outcome (headers or failure) dropped. */
        @Override public void close() {
            if (cache == null) return;
            synchronized (cache) {
                if (cache.pending.get(key) != this) return; // joined (the reader owns it) or closed already
                cache.pending.remove(key);
            }
            task.cancel(true);
        }
    }

    /** What is kept of one series. */
    private static final class Entry {
        final List<SourceFile> files;
        final Validator validator;

        Entry(List<SourceFile> files, Validator validator) {
            this.files = Objects.requireNonNull(files);
            this.validator = validator;
        }
    }
}
