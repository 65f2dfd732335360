package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.google.gson.JsonArray;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.OrthancServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two refusals a user meets on a real deployment, each one line on stderr naming the server and
 * the cause: an account the archive knows but does not allow to store (HTTP 403: a real Orthanc
 * whose Lua {@code IncomingHttpRequestFilter} lets the user {@code reader} only read), and an
 * https server whose certificate the JDK does not trust (a real TLS server, the JDK's
 * {@code HttpsServer}, with a self-signed certificate made by {@code keytool}).
 */
class DicomWebRefusalsCliTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() { return err.toString(StandardCharsets.UTF_8); }

    private void assertOneLine(String start, String contains) {
        String e = stderr();
        assertEquals(1, e.lines().count(), e);
        assertTrue(e.startsWith("dicomseg: " + start), e);
        assertTrue(e.contains(contains), e);
    }

    @Test
    void anAccountThatMayOnlyReadIsToldTheStoreIsForbidden() throws Exception {
        Path lua = tmp.resolve("read-only.lua");
        Files.writeString(lua, "function IncomingHttpRequestFilter(method, uri, ip, username, httpHeaders)\n"
                + "  if username == 'reader' and method ~= 'GET' then return false end\n"
                + "  return true\n"
                + "end\n");
        Path seg = tmp.resolve("seg.dcm");
        assertEquals(0, run("export", "--labels", "sample-images/labels.tif", "--source", "sample-images/ct", "--out", seg.toString()), stderr());
        Conformance.assertConformant(seg);
        try (OrthancServer orthanc = OrthancServer.startOrSkip(cfg -> {
            cfg.getAsJsonObject("RegisteredUsers").addProperty("reader", "reader-secret");
            JsonArray scripts = new JsonArray();
            scripts.add(lua.toString());
            cfg.add("LuaScripts", scripts);
        })) {
            // the reader may search ...
            assertEquals(0, run("search", orthanc.dicomWeb(), "--user", "reader:reader-secret"), stderr());
            // ... but not store: 403, the SEG stays where it was, nothing reached the archive
            assertEquals(1, run("store", seg.toString(), "--to", orthanc.dicomWeb(), "--user", "reader:reader-secret"));
            assertOneLine("DICOMweb server " + orthanc.dicomWeb() + ": forbidden (HTTP 403): store into the service is not allowed for user reader",
                    "the credentials were accepted");
            assertFalse(stderr().contains("reader-secret"), "the password is never echoed");
            assertEquals(0, orthanc.instanceCount());
            assertTrue(Files.exists(seg));
            // the user dicomseg may store
            assertEquals(0, run("store", seg.toString(), "--to", orthanc.dicomWeb(), "--user", orthanc.user() + ":" + orthanc.password()), stderr());
            assertEquals(1, orthanc.instanceCount());
        }
    }

    /** A real TLS server on 127.0.0.1 with a self-signed certificate made by keytool, answering "[]" as DICOM JSON and counting answers. */
    private HttpsServer selfSignedServer(AtomicInteger answered) throws Exception {
        Path keystore = tmp.resolve("server.p12");
        char[] pass = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String log = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), log);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, pass);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pass);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            answered.incrementAndGet();
            byte[] body = "[]".getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", "application/dicom+json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        return server;
    }

    @Test
    void aSelfSignedCertificateIsATlsFailureNamingTheCertificate() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        HttpsServer server = selfSignedServer(answered);
        try {
            String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web";
            assertEquals(1, run("search", url, "--timeout", "10"));
            assertOneLine("DICOMweb server " + url + ": TLS failure: the certificate of 127.0.0.1 is not trusted", "trust");
            assertEquals(0, answered.get(), "no request got through the failed handshake");
        } finally {
            server.stop(0);
        }
    }

    /**
     * An {@code http://} archive that redirects to {@code https://}: the client of an http base defers
     * its TLS set-up (DeferredTls) but, once a connection needs TLS, checks the certificate against the
     * JDK's trust store exactly as a client of an https base does: the same one line.
     */
    @Test
    void anHttpArchiveRedirectingToHttpsGetsTheSameCertificateCheck() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        HttpsServer tls = selfSignedServer(answered);
        com.sun.net.httpserver.HttpServer plain = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String https = "https://127.0.0.1:" + tls.getAddress().getPort() + "/dicom-web";
        plain.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", https + exchange.getRequestURI().getPath().substring("/dicom-web".length()));
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        plain.start();
        try {
            String http = "http://127.0.0.1:" + plain.getAddress().getPort() + "/dicom-web";
            assertEquals(1, run("search", https, "--timeout", "10"));
            String direct = stderr();
            assertEquals(1, run("search", http, "--timeout", "10"));
            assertOneLine("DICOMweb server " + http + ": TLS failure: the certificate of 127.0.0.1 is not trusted", "trust");
            assertEquals(direct.replace(https, http), stderr());
            assertEquals(0, answered.get(), "no request got through the failed handshake");
        } finally {
            plain.stop(0);
            tls.stop(0);
        }
    }
}
