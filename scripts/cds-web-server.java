// scripts/cds-web-server.java — a throwaway DICOMweb-shaped HTTP server for one training run of scripts/cds-archive
// (java scripts/cds-web-server.java SECONDS; JDK single-file source launch, jdk.httpserver only). It prints its port,
// answers every GET with the DICOM JSON metadata (PS3.18 F.2) of one CT instance — gzipped when asked, as Orthanc
// answers — and exits after SECONDS. The training export against it (`export --source URL`) then loads what a
// remote export loads (the JDK HTTP client, its TLS set-up, gzip, gson, our DICOM JSON reader) so that the
// class-data-sharing archive holds those classes too; the export itself fails (one instance for a 5-slice image).
// Not a test fixture and not part of the plugin: tests use a real Orthanc (testing.OrthancServer).
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

public class CdsWebServer {
    public static void main(String[] args) throws Exception {
        String json = "[{\"00080016\":{\"vr\":\"UI\",\"Value\":[\"1.2.840.10008.5.1.4.1.1.2\"]},"
                + "\"00080018\":{\"vr\":\"UI\",\"Value\":[\"2.25.1001\"]},\"00080060\":{\"vr\":\"CS\",\"Value\":[\"CT\"]},"
                + "\"00100020\":{\"vr\":\"LO\",\"Value\":[\"CDS\"]},\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"2.25.1002\"]},"
                + "\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"2.25.1003\"]},\"00200052\":{\"vr\":\"UI\",\"Value\":[\"2.25.1004\"]},"
                + "\"00200032\":{\"vr\":\"DS\",\"Value\":[0,0,0]},\"00200037\":{\"vr\":\"DS\",\"Value\":[1,0,0,0,1,0]},"
                + "\"00280010\":{\"vr\":\"US\",\"Value\":[64]},\"00280011\":{\"vr\":\"US\",\"Value\":[64]},"
                + "\"00280030\":{\"vr\":\"DS\",\"Value\":[0.5,0.5]},\"00180050\":{\"vr\":\"DS\",\"Value\":[1]},"
                + "\"00280100\":{\"vr\":\"US\",\"Value\":[16]},\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"http://127.0.0.1/bulk\"}}]";
        byte[] plain = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(z)) {
            g.write(plain);
        }
        byte[] gzip = z.toByteArray();
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", x -> {
            boolean gz = x.getRequestHeaders().getOrDefault("Accept-Encoding", java.util.List.of()).toString().contains("gzip");
            byte[] body = gz ? gzip : plain;
            x.getResponseHeaders().add("Content-Type", "application/dicom+json");
            if (gz) x.getResponseHeaders().add("Content-Encoding", "gzip");
            x.sendResponseHeaders(200, body.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(body);
            }
        });
        s.start();
        System.out.println(s.getAddress().getPort());
        System.out.flush();
        Thread.sleep(1000L * Integer.parseInt(args.length > 0 ? args[0] : "60"));
        s.stop(0);
    }
}
