package org.dicomseg.web;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code multipart/related} body (RFC 2387, RFC 2046 5.1; the WADO-RS and STOW-RS payload,
 * PS3.18 8.7.1.2) part by part as it arrives: {@link #next()} returns each part's headers and a
 * stream of its bytes that ends at the next boundary, so an instance or a frame is never held
 * whole in memory unless its consumer wants it. A body that ends before its closing delimiter is an
 * {@link IOException} (a truncated answer), never a silently shorter part.
 */
public final class MultipartReader implements Closeable {
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final byte[] delimiter; // CRLF "--" boundary
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private boolean finished;
    private PartStream current;

    /**
     * @param in       the body
     * @param boundary the boundary parameter of the Content-Type
     */
    public MultipartReader(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty()) throw new IllegalArgumentException("no multipart boundary");
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        // The first delimiter may start the body without a preceding CRLF: pretend there is one.
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
    }

    /** The {@code boundary} parameter of a multipart Content-Type, or null. */
    public static String boundaryOf(String contentType) {
        String p = parameter(contentType, "boundary");
        return p == null || p.isEmpty() ? null : p;
    }

    /** A parameter of a MIME type ({@code type="application/dicom"; boundary=x}), unquoted, or null. */
    public static String parameter(String contentType, String name) {
        if (contentType == null) return null;
        String[] parts = contentType.split(";(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
                return v;
            }
        }
        return null;
    }

    /** One part: its headers (names in lower case) and its bytes. */
    public static final class Part {
        private final Map<String, String> headers;
        private final InputStream body;

        Part(Map<String, String> headers, InputStream body) {
            this.headers = Collections.unmodifiableMap(headers);
            this.body = body;
        }

        public Map<String, String> headers() { return headers; }
        /** The part's Content-Type, or null. */
        public String contentType() { return headers.get("content-type"); }
        /** The part's bytes; valid until the next call of {@link MultipartReader#next()}. */
        public InputStream body() { return body; }
    }

    /** The next part, or null after the closing delimiter; the previous part's unread bytes are skipped. */
    public Part next() throws IOException {
        if (finished) return null;
        if (!started) {
            started = true;
            skipToDelimiter(); // the preamble
        } else {
            if (current != null) {
                current.skip(Long.MAX_VALUE);
                while (current.read() >= 0) { /* drain */ }
            }
        }
        current = null;
        // After a delimiter: "--" closes the body; otherwise optional whitespace, then CRLF.
        if (!fill(2)) throw truncated();
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        String rest = readLine();
        if (!rest.isBlank()) throw new IOException("Malformed multipart body: text after a boundary: '" + rest + "'");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        current = new PartStream();
        return new Part(headers, current);
    }

    private IOException truncated() {
        return new IOException("The multipart answer ended before its closing boundary (connection closed or truncated)");
    }

    /** Skips bytes up to and including the next delimiter. */
    private void skipToDelimiter() throws IOException {
        while (true) {
            fill(delimiter.length);
            int at = indexOfDelimiter();
            if (at >= 0) {
                pos = at + delimiter.length;
                return;
            }
            if (eof) throw new IOException("The answer is not multipart/related: no boundary found");
            pos = Math.max(pos, limit - delimiter.length + 1);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            if (!fill(1)) throw truncated();
            byte b = buf[pos++];
            if (b == '\n') {
                byte[] l = line.toByteArray();
                int n = l.length > 0 && l[l.length - 1] == '\r' ? l.length - 1 : l.length;
                return new String(l, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > 16384) throw new IOException("Malformed multipart body: a header line longer than 16 KiB");
        }
    }

    /** Makes at least {@code n} bytes available from pos (compacting); false at end of stream with fewer. */
    private boolean fill(int n) throws IOException {
        if (limit - pos >= n) return true;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit - pos < n && !eof) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) eof = true;
            else limit += r;
        }
        return limit - pos >= n;
    }

    /** Index in buf of the delimiter in [pos, limit), or -1. */
    private int indexOfDelimiter() {
        int last = limit - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            if (buf[i] != '\r') continue;
            for (int j = 1; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    /** The bytes of the current part, up to the next delimiter. */
    private final class PartStream extends InputStream {
        private boolean ended;

        @Override public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            if (ended) return -1;
            if (len == 0) return 0;
            fill(delimiter.length);
            int at = indexOfDelimiter();
            int available;
            if (at >= 0) {
                available = at - pos;
                if (available == 0) {
                    pos += delimiter.length;
                    ended = true;
                    return -1;
                }
            } else {
                if (eof && limit - pos < delimiter.length) throw truncated();
                available = limit - pos - delimiter.length + 1;
                if (available <= 0) throw truncated();
            }
            int n = Math.min(len, available);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override public long skip(long n) throws IOException {
            byte[] tmp = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(tmp, 0, (int) Math.min(tmp.length, n - skipped));
                if (r < 0) break;
                skipped += r;
            }
            return skipped;
        }
    }

    @Override public void close() throws IOException {
        in.close();
    }
}
