package org.dicomseg.web;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The JDK HTTP clients every {@link DicomWebClient} shares: one per connect timeout and base scheme.
 * Their pools keep connections alive (HTTP/1.1 persistent connections, RFC 9112 9.3) from one command
 * to the next in a long-running Fiji, so a second export against a server reuses the open connection
 * (no TCP or TLS handshake) and no selector thread is started per command. A client is made on the
 * first request that needs it, not when a {@link DicomWebClient} is made: building one starts a
 * selector thread and sets up a TLS context, which a prefetch ({@code RemoteSeriesCache.prefetch})
 * then pays on its own thread. For an {@code http://} base the TLS context is {@link DeferredTls}
 * (the default one, set up only if a redirect leads to {@code https://}): setting it up takes 0.2 s
 * of a fresh JVM that plain HTTP never uses.
 */
final class SharedHttpClients {
    private static final ConcurrentMap<String, HttpClient> SHARED = new ConcurrentHashMap<>();

    private SharedHttpClients() { }

    /** The shared client for a service at {@code base} with connect timeout {@code timeout}. */
    static HttpClient of(String base, Duration timeout) {
        boolean plain = base.regionMatches(true, 0, "http:", 0, 5);
        return SHARED.computeIfAbsent(timeout + (plain ? " http" : " https"), k -> {
            HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                    .followRedirects(HttpClient.Redirect.NORMAL);
            if (plain) b.sslContext(new DeferredTls()).sslParameters(DeferredTls.parameters());
            return b.build();
        });
    }
}
