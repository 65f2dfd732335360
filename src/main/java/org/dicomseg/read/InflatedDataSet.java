package org.dicomseg.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A Deflated Explicit VR Little Endian data set (PS3.5 A.5, PS3.10 7.1) inflated once, streamed,
 * into a temporary file that holds the plain Explicit VR Little Endian data set (no preamble, no
 * File Meta Information): the reader parses its header, walks it and serves frames from it as from
 * any native file. The inflation runs in two steps so that the header bounds the work: first far
 * enough to hold the whole header ({@link #inflateTo}, at least {@value #FIRST_STEP} bytes or the whole
 * stream), then, once the header says how large the data set may be, the rest, never more than that
 * bound ({@link #finish}): a deflate bomb stops there, refused, instead of filling the disk.
 *
 * <p>A stream that ends before its last block is named as truncated (the JDK's Inflater says so only
 * through an input that runs dry; PixelMed, inflating by itself, stops quietly and the attributes it
 * did not reach would be reported missing).</p>
 */
final class InflatedDataSet implements AutoCloseable {
    /** Inflated by the first step at least: room for any ordinary header. */
    static final long FIRST_STEP = 64L << 20;
    /** Most a header (everything before Pixel Data) may inflate to. */
    static final long HEADER_LIMIT = 1L << 30;

    private final Path file;
    private final Path temp;
    private final InputStream raw;
    private final OutputStream out;
    private final Inflater inflater = new Inflater(true);
    private final byte[] in = new byte[65536];
    private final byte[] buf = new byte[65536];
    private long produced;
    private boolean closed;

    private InflatedDataSet(Path file, Path temp, InputStream raw, OutputStream out) {
        this.file = file;
        this.temp = temp;
        this.raw = raw;
        this.out = out;
    }

    /** Starts inflating the data set of {@code file} that begins at byte {@code dataSetStart} (nothing inflated yet). */
    static InflatedDataSet open(Path file, long dataSetStart) throws SegReadException {
        Path temp = null;
        InputStream raw = null;
        try {
            temp = Files.createTempFile("dicomseg-inflated-", ".dcm");
            temp.toFile().deleteOnExit();
            raw = new BufferedInputStream(Files.newInputStream(file), 65536);
            long skipped = 0;
            while (skipped < dataSetStart) {
                long k = raw.skip(dataSetStart - skipped);
                if (k <= 0) {
                    throw new SegReadException(file, "the file is truncated: it ends before its data set, at offset " + skipped);
                }
                skipped += k;
            }
            return new InflatedDataSet(file, temp, raw, Files.newOutputStream(temp));
        } catch (SegReadException e) {
            closeQuietly(raw);
            deleteQuietly(temp);
            throw e;
        } catch (IOException e) {
            closeQuietly(raw);
            deleteQuietly(temp);
            throw new SegReadException(file, "cannot read the file: " + e.getMessage(), e);
        }
    }

    /** The temporary file of the inflated data set (Explicit VR Little Endian, starting at byte 0). */
    Path temp() { return temp; }

    /** True when the deflate stream has ended (its last block inflated). */
    boolean finished() { return inflater.finished(); }

    /** Bytes inflated so far. */
    long produced() { return produced; }

    /**
     * Inflates until at least {@code upTo} bytes are in the temporary file or the stream ends; the
     * bytes are flushed, so the file can be read up to {@link #produced()}. A stream cut short is
     * refused as truncated ({@code where} says where, e.g. ", inside the header").
     */
    void inflateTo(long upTo, String where) throws SegReadException {
        try {
            while (produced < upTo && !inflater.finished()) {
                if (inflater.needsInput()) {
                    int n = raw.read(in);
                    if (n < 0) {
                        throw new SegReadException(file, "the deflated data set is truncated: its deflate stream ends after "
                                + produced + " bytes" + where);
                    }
                    inflater.setInput(in, 0, n);
                }
                int k = inflater.inflate(buf);
                if (k == 0 && (inflater.needsDictionary())) {
                    throw new SegReadException(file, "the deflated data set is not a raw deflate stream (RFC 1951): it asks for a"
                            + " preset dictionary");
                }
                out.write(buf, 0, k);
                produced += k;
            }
            out.flush();
        } catch (DataFormatException e) {
            throw new SegReadException(file, "the deflated data set is not a valid deflate stream after " + produced + " bytes ("
                    + e.getMessage() + ")", e);
        } catch (SegReadException e) {
            throw e;
        } catch (IOException e) {
            throw new SegReadException(file, "cannot read the file: " + e.getMessage(), e);
        }
    }

    /**
     * Inflates the rest, refusing a data set that inflates to more than {@code bound} bytes (the
     * header's Pixel Data plus room for the header) or that is cut short, and closes the streams.
     */
    void finish(long bound) throws SegReadException {
        inflateTo(bound + 1, "");
        if (produced > bound) {
            throw new SegReadException(file, "the deflated data set inflates to more than the " + bound + " bytes its header"
                    + " allows (Rows x Columns x Number of Frames x Bits Allocated, plus the header): the file is damaged"
                    + " or a deflate bomb");
        }
        closeStreams();
    }

    private void closeStreams() {
        if (closed) return;
        closed = true;
        inflater.end();
        closeQuietly(raw);
        closeQuietly(out);
    }

    /** Closes the streams; the temporary file stays (its owner deletes it). */
    @Override
    public void close() {
        closeStreams();
    }

    /** Closes the streams and deletes the temporary file (on failure). */
    void discard() {
        closeStreams();
        deleteQuietly(temp);
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // deleteOnExit remains
        }
    }
}
