package org.dicomseg.dicom;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The stored bytes of each frame of any multi-frame DICOM image (e.g. the tiles of a slide level),
 * read from disk one frame at a time without loading Pixel Data: native Pixel Data (PS3.5 8.2,
 * frame k at byte k × frame length) or encapsulated (PS3.5 A.4: the fragments of frame k,
 * located through the Extended or Basic Offset Table or one fragment per frame), returned as
 * stored, e.g. a JPEG bit stream. Decoding is the caller's business. Not thread-safe.
 */
public final class StoredFrames implements Closeable {
    private static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    private static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
    private static final String DEFLATED = "1.2.840.10008.1.2.1.99";

    private final FileChannel channel;
    private final ChannelReader in;
    private final String transferSyntaxUid;
    private final long pixelDataOffset;
    private final long pixelDataLength;
    private final FragmentTable fragments;
    private final int frames;

    private StoredFrames(FileChannel channel, ChannelReader in, String ts, long offset, long length, FragmentTable fragments,
                         int frames) {
        this.channel = channel;
        this.in = in;
        this.transferSyntaxUid = ts;
        this.pixelDataOffset = offset;
        this.pixelDataLength = length;
        this.fragments = fragments;
        this.frames = frames;
    }

    /**
     * Opens {@code file}, which declares {@code numberOfFrames} frames, and locates its Pixel Data.
     *
     * @throws IOException naming the problem (not DICOM, deflated data set, no Pixel Data, bad fragments)
     */
    public static StoredFrames open(Path file, int numberOfFrames) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        boolean ok = false;
        try {
            ChannelReader in = new ChannelReader(ch);
            DataSetWalker.Meta meta = DataSetWalker.readMeta(in);
            if (meta == null || meta.transferSyntaxUid == null) throw new IOException(file + " is not a DICOM Part 10 file");
            String ts = meta.transferSyntaxUid.trim();
            if (ts.equals(DEFLATED)) throw new IOException(file + ": Deflated Explicit VR Little Endian images are not supported");
            boolean explicit = !ts.equals(IMPLICIT_VR_LITTLE_ENDIAN);
            boolean big = ts.equals(EXPLICIT_VR_BIG_ENDIAN);
            DataSetWalker.Location loc = new DataSetWalker(in, explicit, big).locate(meta.dataSetStart);
            if (loc.pixelDataValueOffset < 0) throw new IOException(file + " has no Pixel Data (7FE0,0010)");
            FragmentTable table = null;
            if (loc.pixelDataLength == DataSetWalker.UNDEFINED) {
                SegTransferSyntax known = SegTransferSyntax.forUid(ts);
                SegTransferSyntax.Encoding enc = known != null ? known.encoding() : SegTransferSyntax.Encoding.NATIVE;
                table = FragmentTable.scan(in, loc.pixelDataValueOffset, numberOfFrames, loc, enc);
            }
            StoredFrames f = new StoredFrames(ch, in, ts, loc.pixelDataValueOffset, loc.pixelDataLength, table, numberOfFrames);
            ok = true;
            return f;
        } finally {
            if (!ok) ch.close();
        }
    }

    /** The Transfer Syntax UID of the file. */
    public String transferSyntaxUid() { return transferSyntaxUid; }

    /** True when Pixel Data is encapsulated (compressed frames). */
    public boolean encapsulated() { return fragments != null; }

    /** Number of frames. */
    public int frames() { return frames; }

    /**
     * The stored bytes of frame {@code index} (0-based): for native Pixel Data the
     * {@code nativeFrameBytes} bytes at {@code index × nativeFrameBytes}, else the frame's fragments
     * concatenated.
     */
    public byte[] frame(int index, int nativeFrameBytes) throws IOException {
        if (index < 0 || index >= frames) throw new IndexOutOfBoundsException("Frame " + (index + 1) + " of " + frames);
        if (fragments != null) return fragments.read(in, index);
        long start = (long) index * nativeFrameBytes;
        if (start + nativeFrameBytes > pixelDataLength) {
            throw new IOException("Pixel Data is " + pixelDataLength + " bytes: too short for frame " + (index + 1));
        }
        byte[] b = new byte[nativeFrameBytes];
        in.readFully(pixelDataOffset + start, b, 0, nativeFrameBytes);
        return b;
    }

    @Override public void close() throws IOException { channel.close(); }
}
