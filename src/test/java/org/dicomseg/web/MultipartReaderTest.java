package org.dicomseg.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** multipart/related bodies as servers send them: parts of any size, boundaries across reads, truncation. */
class MultipartReaderTest {
    private static final String BOUNDARY = "5f6d752b-f03d-47e6-9b03-c50b5b1b5093";

    /** A body of {@code parts}, preamble-less like Orthanc's, with CRLFs as RFC 2046 asks. */
    private static byte[] body(byte[]... parts) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.write(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\nContent-Length: " + p.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            b.write(p);
            b.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        b.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /** An input stream that hands out at most {@code chunk} bytes per read, as a network does. */
    private static InputStream trickle(byte[] data, int chunk) {
        return new ByteArrayInputStream(data) {
            @Override public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @Test
    void partsOfEverySizeComeBackExactlyWhateverTheReadSizes() throws IOException {
        Random r = new Random(16);
        // sizes around the reader's 64 KiB buffer, an empty part, and bytes that look like a boundary
        byte[][] parts = {new byte[0], new byte[1], new byte[65535], new byte[65536 + 40], new byte[300_001],
            ("\r\n--" + BOUNDARY.substring(0, 20)).getBytes(StandardCharsets.US_ASCII)};
        for (int i = 1; i < 5; i++) r.nextBytes(parts[i]);
        byte[] body = body(parts);
        for (int chunk : new int[] {1, 7, 1000, 1 << 20}) {
            try (MultipartReader m = new MultipartReader(trickle(body, chunk), BOUNDARY)) {
                for (byte[] expected : parts) {
                    MultipartReader.Part p = m.next();
                    assertEquals("application/dicom", p.contentType());
                    assertArrayEquals(expected, p.body().readAllBytes(), "part of " + expected.length + " bytes, reads of " + chunk);
                }
                assertNull(m.next());
            }
        }
    }

    @Test
    void unreadPartsAreSkipped() throws IOException {
        byte[] body = body("first".getBytes(StandardCharsets.US_ASCII), "second".getBytes(StandardCharsets.US_ASCII));
        try (MultipartReader m = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY)) {
            m.next();
            assertEquals("second", new String(m.next().body().readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aTruncatedAnswerIsAnErrorNotAShorterPart() throws IOException {
        byte[] full = body(new byte[100_000]);
        byte[] cut = java.util.Arrays.copyOf(full, 50_000);
        try (MultipartReader m = new MultipartReader(new ByteArrayInputStream(cut), BOUNDARY)) {
            MultipartReader.Part p = m.next();
            IOException e = assertThrows(IOException.class, () -> p.body().readAllBytes());
            assertTrue(e.getMessage().contains("ended before its closing boundary"), e.getMessage());
        }
    }

    @Test
    void boundaryParameterQuotedOrNot() {
        assertEquals("abc", MultipartReader.boundaryOf("multipart/related; type=\"application/dicom\"; boundary=abc"));
        assertEquals("a;b", MultipartReader.boundaryOf("multipart/related; boundary=\"a;b\"; type=\"application/dicom\""));
        assertNull(MultipartReader.boundaryOf("application/json"));
    }
}
