package org.dicomseg.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP server on 127.0.0.1 that accepts connections, reads what the client sends and never
 * answers: it tells a test whether a client connected at all ({@link #connections()}), what it
 * asked for ({@link #requestLines()}), and whether the client gave up the connection by itself
 * ({@link #awaitClosedByClient}: a cancelled request closes its socket, which this side reads as
 * end of stream). For prefetch and timeout tests; {@link #url()} is an http base URL on it.
 */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> requestLines = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch closedByClient = new CountDownLatch(1);
    private final List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());

    public SilentServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "silent-server");
        t.setDaemon(true);
        t.start();
    }

    /** {@code http://127.0.0.1:PORT/dicom-web}. */
    public String url() { return "http://127.0.0.1:" + socket.getLocalPort() + "/dicom-web"; }

    /** Connections accepted so far. */
    public int connections() { return connections.get(); }

    /** The first line of each request received ("GET /dicom-web/... HTTP/1.1"). */
    public List<String> requestLines() {
        synchronized (requestLines) {
            return new ArrayList<>(requestLines);
        }
    }

    /** Waits until a request has arrived; false after {@code seconds}. */
    public boolean awaitRequest(long seconds) throws InterruptedException {
        return requested.await(seconds, TimeUnit.SECONDS);
    }

    /** Waits until a client closed its connection (end of stream or reset); false after {@code seconds}. */
    public boolean awaitClosedByClient(long seconds) throws InterruptedException {
        return closedByClient.await(seconds, TimeUnit.SECONDS);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            accepted.add(s);
            Thread r = new Thread(() -> readUntilClosed(s), "silent-server-connection");
            r.setDaemon(true);
            r.start();
        }
    }

    private void readUntilClosed(Socket s) {
        try (InputStream in = s.getInputStream()) {
            StringBuilder line = new StringBuilder();
            boolean first = true;
            byte[] b = new byte[4096];
            int n;
            while ((n = in.read(b)) >= 0) {
                for (int i = 0; i < n && first; i++) {
                    if (b[i] == '\n') {
                        requestLines.add(line.toString().trim());
                        requested.countDown();
                        first = false;
                    } else {
                        line.append(new String(b, i, 1, StandardCharsets.ISO_8859_1));
                    }
                }
            }
            closedByClient.countDown();
        } catch (IOException e) {
            if (!socket.isClosed()) closedByClient.countDown(); // reset by the client
        }
    }

    @Override public void close() throws IOException {
        socket.close();
        synchronized (accepted) {
            for (Socket s : accepted) s.close();
        }
    }
}
