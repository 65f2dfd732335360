package org.dicomseg.pixels;

import java.util.zip.Deflater;

/**
 * Deflated Image Frame Compression (PS3.5 A.4.11, Transfer Syntax 1.2.840.10008.1.2.8.1): one
 * frame, as it would be stored natively but starting at a byte boundary (1-bit frames packed from
 * bit 0 of their first byte, PS3.5 8.1.1), compressed as one raw Deflate stream (RFC 1951, no zlib
 * header or checksum), one fragment per frame. The reader inflates with a raw
 * {@link java.util.zip.Inflater}; this is the writer's side, with the JDK's {@link Deflater}
 * (zlib), at the default level.
 */
public final class DeflateCodec {
    private DeflateCodec() { }

    /** The first {@code length} bytes of {@code frame} as one raw Deflate stream, in a fresh array. */
    public static byte[] encode(byte[] frame, int length) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            d.setInput(frame, 0, length);
            d.finish();
            // a stored (incompressible) stream grows by 5 bytes per 64 KiB block plus a little
            byte[] out = new byte[length + (length >> 12) + 64];
            int n = 0;
            while (!d.finished()) {
                if (n == out.length) out = java.util.Arrays.copyOf(out, out.length * 2);
                n += d.deflate(out, n, out.length - n);
            }
            return java.util.Arrays.copyOf(out, n);
        } finally {
            d.end();
        }
    }
}
