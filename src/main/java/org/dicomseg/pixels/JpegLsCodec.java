package org.dicomseg.pixels;

/**
 * JPEG-LS (ITU-T T.87 | ISO/IEC 14495-1), the kernel of transfer syntaxes JPEG-LS Lossless
 * (1.2.840.10008.1.2.4.80) and JPEG-LS Near-Lossless (1.2.840.10008.1.2.4.81), PS3.5 A.4.3: one
 * frame, byte arrays in and out. The project's own implementation (no Java JPEG-LS codec is on Maven
 * Central; CharLS, which dcmtk and most toolkits use, is C++).
 *
 * <p>Decoding: the marker segments of Annex C and D (SOI, SOF55, LSE type 1 preset coding
 * parameters, DRI, SOS, RSTm, EOI; APPn and COM skipped), 2–16 bit precision, 1 or 3 components
 * (any other count is refused), interleave modes none (one scan per component), line and sample,
 * NEAR ≥ 0 (near-lossless streams are read; only lossless ones are written), default or custom
 * MAXVAL/T1/T2/T3/RESET, restart intervals. Refused with a message: mapping tables (LSE types 2
 * and 3, a scan's Tm ≠ 0), LSE type 4 (sizes beyond 16 bits), the point transform, HP Labs' colour
 * transforms (APP8 "mrfx" with a transform ≠ 0), other JPEG processes (SOF0–SOF15). The frame
 * header is checked against what the caller expects (the DICOM Rows, Columns, Samples per Pixel,
 * Bits Allocated) before anything of the frame's size is allocated, and every malformed stream ends
 * in a {@link CorruptPixelDataException} naming the problem.</p>
 *
 * <p>Output: {@code rows × columns × components} samples, interleaved by pixel (colour-by-pixel,
 * Planar Configuration 0), one byte each when Bits Allocated is 8, two (little endian) when 16.</p>
 */
public final class JpegLsCodec {
    private JpegLsCodec() { }

    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int SOS = 0xDA;
    static final int DRI = 0xDD;
    static final int SOF55 = 0xF7;
    static final int LSE = 0xF8;

    /** What a code stream's frame header (SOF55, T.87 C.2.2) says. */
    public static final class FrameHeader {
        public final int precision;
        public final int rows;
        public final int columns;
        public final int components;

        FrameHeader(int precision, int rows, int columns, int components) {
            this.precision = precision;
            this.rows = rows;
            this.columns = columns;
            this.components = components;
        }
    }

    /** The frame header of a code stream (the markers before it are skipped, as the decoder does). */
    public static FrameHeader header(byte[] data, int length) {
        Parser p = new Parser(data, length);
        p.expectSoi();
        while (true) {
            int m = p.marker();
            if (m == SOF55) return p.frameHeader();
            if (m == SOS || m == EOI) throw new CorruptPixelDataException("JPEG-LS: no frame header (SOF55) before "
                    + (m == SOS ? "the scan" : "EOI"));
            p.segmentBeforeFrame(m);
        }
    }

    /**
     * Decodes one frame.
     *
     * @param rows            the Rows the frame must have
     * @param columns         the Columns the frame must have
     * @param samplesPerPixel 1 or 3: the components the frame must have
     * @param bitsAllocated   8 or 16: bytes per output sample, and the largest precision accepted
     * @throws CorruptPixelDataException when the stream is malformed, uses what is not supported, or
     *                                   does not describe a frame of that size
     */
    public static byte[] decode(byte[] data, int length, int rows, int columns, int samplesPerPixel, int bitsAllocated) {
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new CorruptPixelDataException("JPEG-LS frames of Bits Allocated " + bitsAllocated + " cannot be decoded (8 or 16)");
        }
        try {
            return new Parser(data, Math.min(length, data.length)).decode(rows, columns, samplesPerPixel, bitsAllocated);
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) { // never expected: the parser checks every read
            throw new CorruptPixelDataException("JPEG-LS code stream is corrupt (" + e + ")", e);
        }
    }

    /**
     * Decodes one grey frame of 8-bit samples run by run into {@code sink}, without a frame buffer:
     * each line's runs of equal samples arrive as {@link RleCodec.RunSink#fill}, together covering
     * bytes 0 .. rows × columns − 1 exactly once, in order (the same samples {@link #decode} gives).
     * For label maps, whose lines are mostly one or a few runs.
     *
     * @throws CorruptPixelDataException as {@link #decode}; runs before the fault may have been delivered
     */
    public static void decodeRuns(byte[] data, int length, int rows, int columns, RleCodec.RunSink sink) {
        try {
            Parser p = new Parser(data, Math.min(length, data.length));
            p.sink = sink;
            p.decode(rows, columns, 1, 8);
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) { // never expected: the parser checks every read
            throw new CorruptPixelDataException("JPEG-LS code stream is corrupt (" + e + ")", e);
        }
    }

    /** Marker-level reading of one code stream (T.87 Annex C, D). */
    private static final class Parser {
        private final byte[] d;
        private final int length;
        private int pos;
        private FrameHeader frame;
        private int[] componentIds;
        private int maxVal;          // from LSE type 1, 0 = default
        private int[] preset;        // T1, T2, T3, RESET from LSE type 1 (0 = default), or null
        private int restartInterval;
        /** When set (one component, 8 bits): the lines go to it as runs, no frame buffer is allocated. */
        RleCodec.RunSink sink;

        Parser(byte[] d, int length) {
            this.d = d;
            this.length = length;
        }

        private int u8() {
            if (pos >= length) throw new CorruptPixelDataException("JPEG-LS code stream ends inside a marker segment");
            return d[pos++] & 0xFF;
        }

        private int u16() {
            return (u8() << 8) | u8();
        }

        void expectSoi() {
            if (length < 2 || d[0] != (byte) 0xFF || (d[1] & 0xFF) != SOI) {
                throw new CorruptPixelDataException("not a JPEG-LS code stream: it does not start with SOI (FFD8)");
            }
            pos = 2;
        }

        /** The next marker (fill bytes 0xFF skipped), T.81 B.1.1.2. */
        int marker() {
            if (pos >= length) throw new CorruptPixelDataException("JPEG-LS code stream ends without EOI");
            if ((d[pos] & 0xFF) != 0xFF) {
                throw new CorruptPixelDataException(String.format("JPEG-LS: a marker expected at byte %d, found 0x%02X", pos,
                        d[pos] & 0xFF));
            }
            pos++;
            int m = u8();
            while (m == 0xFF) m = u8(); // fill bytes
            return m;
        }

        /** The start and end of the current marker segment's body; moves to its end. */
        private int segment() {
            int len = u16();
            if (len < 2 || pos - 2 + len > length) {
                throw new CorruptPixelDataException("JPEG-LS marker segment length " + len + " at byte " + (pos - 2)
                        + " runs past the code stream (" + length + " bytes)");
            }
            return pos - 2 + len;
        }

        FrameHeader frameHeader() {
            int endOfSegment = segment();
            int p = u8();
            int y = u16();
            int x = u16();
            int nf = u8();
            if (endOfSegment - pos != 3 * nf) {
                throw new CorruptPixelDataException("JPEG-LS frame header length does not match its " + nf + " components");
            }
            componentIds = new int[nf];
            for (int i = 0; i < nf; i++) {
                componentIds[i] = u8();
                int sampling = u8();
                u8(); // Tq, 0 in JPEG-LS
                if (sampling != 0x11) {
                    throw new CorruptPixelDataException("JPEG-LS component sub-sampling (H, V = " + (sampling >> 4) + ", "
                            + (sampling & 15) + ") is not supported");
                }
            }
            if (p < 2 || p > 16) throw new CorruptPixelDataException("JPEG-LS sample precision " + p + " is not 2 to 16 bits");
            if (y == 0 || x == 0) {
                throw new CorruptPixelDataException("JPEG-LS frame size " + x + " x " + y + " (0, or sizes in an LSE type 4 segment)"
                        + " is not supported");
            }
            frame = new FrameHeader(p, y, x, nf);
            return frame;
        }

        /** A marker segment met before the frame header or between scans. */
        void segmentBeforeFrame(int m) {
            if (m == LSE) {
                presetParameters();
            } else if (m == DRI) {
                int endOfSegment = segment();
                int n = endOfSegment - pos;
                if (n < 2 || n > 4) throw new CorruptPixelDataException("JPEG-LS DRI segment of " + n + " bytes");
                long ri = 0;
                for (int i = 0; i < n; i++) ri = (ri << 8) | u8();
                restartInterval = (int) Math.min(Integer.MAX_VALUE, ri);
            } else if (m >= 0xE0 && m <= 0xEF || m == 0xFE) {
                int endOfSegment = segment();
                if (m == 0xE8 && endOfSegment - pos >= 5 && d[pos] == 'm' && d[pos + 1] == 'r' && d[pos + 2] == 'f'
                        && d[pos + 3] == 'x' && d[pos + 4] != 0) {
                    throw new CorruptPixelDataException("JPEG-LS colour transform HP" + d[pos + 4]
                            + " (APP8 \"mrfx\", an HP Labs extension outside T.87) is not supported");
                }
                pos = endOfSegment;
            } else if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
                throw new CorruptPixelDataException(String.format("not JPEG-LS: frame marker SOF%d (0xFF%02X) of another JPEG"
                        + " process", m - 0xC0, m));
            } else {
                throw new CorruptPixelDataException(String.format("JPEG-LS: unexpected marker 0xFF%02X at byte %d", m, pos - 2));
            }
        }

        /** LSE (T.87 C.2.4.1): type 1 preset coding parameters; other types refused. */
        private void presetParameters() {
            int endOfSegment = segment();
            int id = u8();
            if (id != 1) {
                throw new CorruptPixelDataException("JPEG-LS LSE segment of type " + id + (id == 2 || id == 3
                        ? " (mapping table)" : id == 4 ? " (oversize image dimensions)" : "") + " is not supported");
            }
            if (endOfSegment - pos != 10) throw new CorruptPixelDataException("JPEG-LS preset parameters segment has the wrong length");
            maxVal = u16();
            preset = new int[] {u16(), u16(), u16(), u16()};
        }

        byte[] decode(int rows, int columns, int samples, int bitsAllocated) {
            expectSoi();
            byte[] out = null;
            boolean[] decoded = null;
            while (true) {
                int m = marker();
                if (m == EOI) break;
                if (m == SOF55) {
                    if (frame != null) throw new CorruptPixelDataException("JPEG-LS code stream has two frame headers");
                    FrameHeader f = frameHeader();
                    if (f.rows != rows || f.columns != columns || f.components != samples) {
                        throw new CorruptPixelDataException("JPEG-LS frame is " + f.columns + " x " + f.rows + " with " + f.components
                                + " component(s), the DICOM header says " + columns + " x " + rows + " with " + samples);
                    }
                    if (f.precision > bitsAllocated) {
                        throw new CorruptPixelDataException("JPEG-LS sample precision " + f.precision + " exceeds Bits Allocated "
                                + bitsAllocated);
                    }
                    if (samples != 1 && samples != 3) {
                        throw new CorruptPixelDataException("JPEG-LS frames of " + samples + " components are not supported (1 or 3)");
                    }
                    long bytes = (long) rows * columns * samples * (bitsAllocated / 8);
                    if (bytes > Integer.MAX_VALUE - 8) throw new CorruptPixelDataException("JPEG-LS frame of " + bytes + " bytes is too large");
                    out = sink == null ? new byte[(int) bytes] : null;
                    decoded = new boolean[samples];
                } else if (m == SOS) {
                    if (frame == null) throw new CorruptPixelDataException("JPEG-LS scan before the frame header (SOF55)");
                    pos = scan(out, decoded, bitsAllocated / 8);
                } else {
                    segmentBeforeFrame(m); // LSE, DRI, APPn, COM; names a foreign SOFn or an unexpected marker
                }
            }
            if (frame == null) throw new CorruptPixelDataException("JPEG-LS code stream has no frame header (SOF55)");
            for (int i = 0; i < decoded.length; i++) {
                if (!decoded[i]) throw new CorruptPixelDataException("JPEG-LS code stream ends before component " + (i + 1) + " is decoded");
            }
            return out;
        }

        /** One scan (SOS, T.87 C.2.3) and its data; returns the offset of the marker after it. */
        private int scan(byte[] out, boolean[] decoded, int bytesPerSample) {
            int endOfSegment = segment();
            int ns = u8();
            if (ns < 1 || endOfSegment - pos != 2 * ns + 3) {
                throw new CorruptPixelDataException("JPEG-LS scan header of " + ns + " components has the wrong length");
            }
            int[] comps = new int[ns];
            for (int i = 0; i < ns; i++) {
                int id = u8();
                int tm = u8();
                int index = -1;
                for (int k = 0; k < componentIds.length; k++) {
                    if (componentIds[k] == id) index = k;
                }
                if (index < 0) throw new CorruptPixelDataException("JPEG-LS scan names component " + id + ", not in the frame");
                if (decoded[index]) throw new CorruptPixelDataException("JPEG-LS component " + id + " is coded in two scans");
                if (tm != 0) throw new CorruptPixelDataException("JPEG-LS mapping tables (Tm " + tm + ") are not supported");
                decoded[index] = true;
                comps[i] = index;
            }
            int near = u8();
            int ilv = u8();
            int pt = u8();
            if (ilv > 2) throw new CorruptPixelDataException("JPEG-LS interleave mode " + ilv + " is not 0, 1 or 2");
            if (ns == 1 && ilv != 0 || ns > 1 && ilv == 0) {
                throw new CorruptPixelDataException("JPEG-LS scan of " + ns + " component(s) with interleave mode " + ilv);
            }
            if ((pt & 0x0F) != 0) throw new CorruptPixelDataException("JPEG-LS point transform " + (pt & 0x0F) + " is not supported");
            int bitMax = (1 << frame.precision) - 1;
            int mv = maxVal == 0 ? bitMax : maxVal;
            if (mv > bitMax) throw new CorruptPixelDataException("JPEG-LS MAXVAL " + mv + " exceeds " + frame.precision + "-bit samples");
            if (near > Math.min(255, mv / 2)) throw new CorruptPixelDataException("JPEG-LS NEAR " + near + " is not legal for MAXVAL " + mv);
            int[] thresholds = preset;
            JpegLsContext ctx = new JpegLsContext(mv, near, thresholds);
            JpegLsScanDecoder s = new JpegLsScanDecoder(d, pos, length, ctx, frame.columns, frame.rows, ilv, restartInterval,
                    comps, frame.components, bytesPerSample, out, sink);
            return s.decode();
        }
    }

    /**
     * Encodes one grey frame losslessly: 8- or 16-bit samples ({@code bytesPerSample} 1 or 2, little
     * endian), precision {@code bitsStored}, default preset parameters, one scan.
     *
     * @param restartInterval lines per restart interval, 0 for none (a DRI segment and RSTm markers otherwise)
     */
    public static byte[] encode(byte[] frame, int rows, int columns, int bytesPerSample, int bitsStored, int restartInterval) {
        return JpegLsScanEncoder.encode(frame, rows, columns, bytesPerSample, bitsStored, restartInterval);
    }
}
