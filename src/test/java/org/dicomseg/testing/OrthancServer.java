package org.dicomseg.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Assumptions;

/**
 * A real Orthanc archive (Debian {@code orthanc} + {@code orthanc-dicomweb}) for the DICOMweb and
 * DIMSE tests: started on localhost with a throwaway configuration and storage folder in a temp
 * directory, free HTTP and DICOM ports, HTTP basic auth on (a random password), the DICOMweb plugin
 * at {@code /dicom-web}; seeded through Orthanc's own REST API ({@code POST /instances}, not the
 * client under test) and stopped by {@link #close()}. {@code scripts/orthanc} starts the same
 * server by hand.
 *
 * <p>{@link #startOrSkip()} skips the calling test class, with a message on stderr and in the
 * report, only when Orthanc is not installed; CI installs it (scripts/bootstrap).</p>
 */
public final class OrthancServer implements AutoCloseable {
    public static final Path EXECUTABLE = Paths.get("/usr/sbin/Orthanc");
    public static final Path DICOMWEB_PLUGIN = Paths.get("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    public static final String AET = "ORTHANC";
    public static final String USER = "dicomseg";

    private final Path dir;
    private final Process process;
    private final int httpPort;
    private final int dicomPort;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OrthancServer(Path dir, Process process, int httpPort, int dicomPort, String password) {
        this.dir = dir;
        this.process = process;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
        this.password = password;
    }

    /** True when the Orthanc executable and its DICOMweb plugin are installed. */
    public static boolean installed() {
        return Files.isExecutable(EXECUTABLE) && Files.isRegularFile(DICOMWEB_PLUGIN);
    }

    /** Starts a fresh server, or skips the caller (visibly) when Orthanc is not installed. */
    public static OrthancServer startOrSkip() throws IOException, InterruptedException {
        return startOrSkip(c -> { });
    }

    /**
     * {@link #startOrSkip()} with the configuration changed by {@code configure} before the start
     * (Orthanc's own options, e.g. {@code DicomWeb.SeriesMetadata}, {@code LuaScripts}, more
     * {@code RegisteredUsers}).
     */
    public static OrthancServer startOrSkip(java.util.function.Consumer<JsonObject> configure) throws IOException, InterruptedException {
        if (!installed()) {
            String why = "Orthanc is not installed (" + EXECUTABLE + ", " + DICOMWEB_PLUGIN
                    + "): DICOMweb/DIMSE tests skipped; apt-get install orthanc orthanc-dicomweb";
            System.err.println("SKIPPED: " + why);
            Assumptions.assumeTrue(false, why);
        }
        return start(configure);
    }

    /** Starts a fresh server on free ports; fails when it does not answer within 30 s. */
    public static OrthancServer start() throws IOException, InterruptedException {
        return start(c -> { });
    }

    /** {@link #start()} with the configuration changed by {@code configure} (see {@link #startOrSkip(java.util.function.Consumer)}). */
    public static OrthancServer start(java.util.function.Consumer<JsonObject> configure) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("dicomseg-orthanc");
        Files.createDirectories(dir.resolve("storage"));
        int httpPort = freePort();
        int dicomPort = freePort();
        while (dicomPort == httpPort) dicomPort = freePort();
        String password = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        JsonObject cfg = new JsonObject();
        cfg.addProperty("Name", "dicomseg-test");
        cfg.addProperty("StorageDirectory", dir.resolve("storage").toString());
        cfg.addProperty("IndexDirectory", dir.resolve("storage").toString());
        cfg.addProperty("HttpPort", httpPort);
        cfg.addProperty("DicomPort", dicomPort);
        cfg.addProperty("DicomAet", AET);
        cfg.addProperty("RemoteAccessAllowed", false);
        cfg.addProperty("AuthenticationEnabled", true);
        JsonObject users = new JsonObject();
        users.addProperty(USER, password);
        cfg.add("RegisteredUsers", users);
        JsonArray plugins = new JsonArray();
        plugins.add(DICOMWEB_PLUGIN.toString());
        cfg.add("Plugins", plugins);
        JsonObject web = new JsonObject();
        web.addProperty("Enable", true);
        web.addProperty("Root", "/dicom-web/");
        cfg.add("DicomWeb", web);
        cfg.addProperty("DicomCheckCalledAet", false);
        cfg.addProperty("DicomAlwaysAllowStore", true);
        cfg.addProperty("StorageCompression", false);
        cfg.addProperty("StableAge", 1);
        configure.accept(cfg);
        Path config = dir.resolve("orthanc.json");
        Files.writeString(config, cfg.toString());
        Process p = new ProcessBuilder(EXECUTABLE.toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("orthanc.log").toFile()).start();
        OrthancServer s = new OrthancServer(dir, p, httpPort, dicomPort, password);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            if (!p.isAlive()) {
                String log = Files.readString(dir.resolve("orthanc.log"));
                s.deleteDir();
                throw new IOException("Orthanc exited with status " + p.exitValue() + ": " + log);
            }
            try {
                if (s.get("/system").statusCode() == 200) return s;
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                s.close();
                throw new IOException("Orthanc did not answer on port " + httpPort + " within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The server's root, {@code http://127.0.0.1:PORT}. */
    public String root() { return "http://127.0.0.1:" + httpPort; }

    /** The DICOMweb base URL, {@code http://127.0.0.1:PORT/dicom-web}. */
    public String dicomWeb() { return root() + "/dicom-web"; }

    /** The C-STORE target, {@code dicom://ORTHANC@127.0.0.1:PORT}. */
    public String dimse() { return "dicom://" + AET + "@127.0.0.1:" + dicomPort; }

    public int httpPort() { return httpPort; }
    public int dicomPort() { return dicomPort; }
    public String user() { return USER; }
    public String password() { return password; }

    /** Stores {@code file} through Orthanc's REST API; returns Orthanc's instance id. */
    public String upload(Path file) throws IOException, InterruptedException {
        HttpResponse<String> r = send(request("/instances").header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("Orthanc refused " + file + ": HTTP " + r.statusCode() + " " + r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject().get("ID").getAsString();
    }

    /** Stores every regular file of {@code folder} (not recursively). */
    public void uploadFolder(Path folder) throws IOException, InterruptedException {
        try (Stream<Path> s = Files.list(folder)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) upload(f);
        }
    }

    /** The Part 10 file Orthanc keeps for the instance {@code sopInstanceUid} (REST {@code /instances/ID/file}). */
    public byte[] storedFile(String sopInstanceUid) throws IOException, InterruptedException {
        HttpResponse<String> find = send(request("/tools/lookup").POST(HttpRequest.BodyPublishers.ofString(sopInstanceUid)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonArray hits = JsonParser.parseString(find.body()).getAsJsonArray();
        for (int i = 0; i < hits.size(); i++) {
            JsonObject h = hits.get(i).getAsJsonObject();
            if ("Instance".equals(h.get("Type").getAsString())) {
                HttpResponse<byte[]> r = send(request("/instances/" + h.get("ID").getAsString() + "/file").GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200) return r.body();
            }
        }
        throw new IOException("Orthanc holds no instance " + sopInstanceUid);
    }

    /** Orthanc's identifier of the instance {@code sopInstanceUid} (REST {@code /tools/lookup}). */
    public String instanceId(String sopInstanceUid) throws IOException, InterruptedException {
        HttpResponse<String> find = send(request("/tools/lookup").POST(HttpRequest.BodyPublishers.ofString(sopInstanceUid)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonArray hits = JsonParser.parseString(find.body()).getAsJsonArray();
        for (int i = 0; i < hits.size(); i++) {
            JsonObject h = hits.get(i).getAsJsonObject();
            if ("Instance".equals(h.get("Type").getAsString())) return h.get("ID").getAsString();
        }
        throw new IOException("Orthanc holds no instance " + sopInstanceUid);
    }

    /** Deletes the instance {@code sopInstanceUid} through the REST API ({@code DELETE /instances/ID}). */
    public void deleteInstance(String sopInstanceUid) throws IOException, InterruptedException {
        HttpResponse<String> r = send(request("/instances/" + instanceId(sopInstanceUid)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("Orthanc did not delete " + sopInstanceUid + ": HTTP " + r.statusCode() + " " + r.body());
    }

    /** Number of instances Orthanc holds ({@code /statistics}). */
    public int instanceCount() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/statistics");
        return JsonParser.parseString(r.body()).getAsJsonObject().get("CountInstances").getAsInt();
    }

    /** A GET on Orthanc's REST API, with the credentials. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends once more when Orthanc had closed the idle keep-alive connection the request went out on
     * (its KeepAliveTimeout is 1 s; the JDK's pool does not know).
     */
    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> h) throws IOException, InterruptedException {
        try {
            return http.send(req, h);
        } catch (IOException e) {
            if (e instanceof java.net.ConnectException) throw e;
            return http.send(req, h);
        }
    }

    private HttpRequest.Builder request(String path) {
        String auth = Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(root() + path)).header("Authorization", "Basic " + auth)
                .timeout(Duration.ofSeconds(60));
    }

    /** True while the server process runs. */
    public boolean running() { return process.isAlive(); }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) and deletes its folder. */
    @Override public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteDir();
    }

    private void deleteDir() throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(f);
        }
    }
}
