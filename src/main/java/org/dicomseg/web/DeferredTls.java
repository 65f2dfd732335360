package org.dicomseg.web;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK's default TLS context ({@link SSLContext#getDefault()}: the system trust store, the
 * default protocols and cipher suites), set up only when a connection first needs TLS. The JDK's
 * HTTP client asks for its TLS context when it is built, and setting up the default one (reading
 * and parsing the trust store's certificates, the JSSE provider) takes 0.2 s of a fresh JVM — paid
 * by every {@code ./dicomseg} run against a plain {@code http://} archive, which never uses it
 * (docs/benchmarks.md, "Issue 16 … the prefetch"). A client of an {@code http://} base gets this
 * context and an {@link SSLParameters} with nothing set (so the client does not ask the context for
 * its defaults); should the archive redirect to {@code https://}, the engine comes from the default
 * context, with its own defaults for everything the empty parameters leave unset — the same TLS as
 * a client of an {@code https://} base, which gets the default context directly.
 */
final class DeferredTls extends SSLContext {
    private static final Provider PROVIDER = new Provider("DICOMSEG-DEFERRED-TLS", "1", "the JDK's default TLS context, set up on first use") {
        private static final long serialVersionUID = 1L;
    };

    DeferredTls() {
        super(new Spi(), PROVIDER, "Default");
    }

    /** Parameters that leave every choice to the default context's engines (the HTTP client adds host name checks and SNI). */
    static SSLParameters parameters() {
        return new SSLParameters();
    }

    /** Every call goes to the default context, looked up (and so set up) on the first one. */
    private static final class Spi extends SSLContextSpi {
        private static SSLContext real() {
            try {
                return SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no default TLS context", e);
            }
        }

        @Override protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("the default TLS context is set up by the JDK");
        }

        @Override protected SSLSocketFactory engineGetSocketFactory() { return real().getSocketFactory(); }
        @Override protected SSLServerSocketFactory engineGetServerSocketFactory() { return real().getServerSocketFactory(); }
        @Override protected SSLEngine engineCreateSSLEngine() { return real().createSSLEngine(); }
        @Override protected SSLEngine engineCreateSSLEngine(String host, int port) { return real().createSSLEngine(host, port); }
        @Override protected SSLSessionContext engineGetServerSessionContext() { return real().getServerSessionContext(); }
        @Override protected SSLSessionContext engineGetClientSessionContext() { return real().getClientSessionContext(); }
        @Override protected SSLParameters engineGetDefaultSSLParameters() { return real().getDefaultSSLParameters(); }
        @Override protected SSLParameters engineGetSupportedSSLParameters() { return real().getSupportedSSLParameters(); }
    }
}
