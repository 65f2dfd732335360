package org.dicomseg.read;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;


import org.dicomseg.model.CieLab;
import org.dicomseg.model.PaletteColorLut;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.dicom.ChannelReader;
import org.dicomseg.dicom.DataSetView;
import org.dicomseg.dicom.DataSetWalker;
import org.dicomseg.dicom.LeanDataSet;
import org.dicomseg.dicom.FragmentTable;
import org.dicomseg.dicom.SegTransferSyntax;

/**
 * An opened and indexed DICOM Segmentation file (PS3.3 A.51; PS3.10 file format): {@link #open}
 * checks the File Meta Information and transfer syntax, parses the header (up to the Per-frame
 * Functional Groups by {@link LeanDataSet} or, for what it leaves, PixelMed; the Per-frame Functional
 * Groups are read by {@link PerFrameGroupsParser} straight from the file when it can), builds the frame index, walks the element structure to Pixel Data and locates each
 * frame's bytes ({@link FragmentTable} for encapsulated syntaxes, PS3.5 A.4), refusing Pixel Data
 * whose size contradicts the header ({@link FrameSizeCheck}). No pixel data is read here.
 *
 * <p>The checks run in a fixed order, so that a file with several faults is refused for the most
 * telling one (not a DICOM file, not a Segmentation, unsupported transfer syntax, damaged
 * structure, missing attributes, inconsistent counts, Pixel Data sizes). It owns the open channel
 * and, for a Deflated Explicit VR Little Endian data set (PS3.5 A.5), the temporary inflated copy;
 * {@link SegmentationReader} serves the frames on top of it.</p>
 */
final class SegmentationFile implements Closeable {
    private final Path file;
    private final FileChannel channel;
    private final Path tempFile;
    private final SegmentationMetadata metadata;
    private final LinkedHashMap<Integer, SegmentDescription> segments;
    private final List<FrameInfo> frames;
    private final FrameStore store;
    private final boolean perFrameParsedDirectly;
    private RemoteFrames remote;
    /** True when {@link #open} read the header with {@link LeanDataSet}, not PixelMed (for tests). */
    private boolean headerLean;

    private SegmentationFile(Path file, FileChannel channel, Path tempFile, SegmentationMetadata metadata,
            LinkedHashMap<Integer, SegmentDescription> segments, List<FrameInfo> frames, FrameStore store,
            boolean perFrameParsedDirectly) {
        this.file = file;
        this.channel = channel;
        this.tempFile = tempFile;
        this.metadata = metadata;
        this.segments = segments;
        this.frames = frames;
        this.store = store;
        this.perFrameParsedDirectly = perFrameParsedDirectly;
    }

    /** The file opened. */
    Path file() { return file; }

    /** The temporary inflated copy of a deflated data set, else null (for tests). */
    Path tempFile() { return tempFile; }

    /**
     * A PALETTE COLOR label map: each segment without a Recommended Display CIELab Value (highdicom
     * writes none with a palette) gets the palette entry of its Segment Number (PS3.3 C.7.6.3.1.5).
     */
    private static void colorsFromPalette(LinkedHashMap<Integer, SegmentDescription> segments, PaletteColorLut lut) {
        for (java.util.Map.Entry<Integer, SegmentDescription> e : segments.entrySet()) {
            SegmentDescription d = e.getValue();
            if (d.recommendedDisplayCieLab() == null && d.segmentNumber() > 0) {
                e.setValue(d.toBuilder().color(CieLab.fromRgb(lut.rgbOf(d.segmentNumber()))).build());
            }
        }
    }

    /** Everything the header says besides segments and frames. */
    SegmentationMetadata metadata() { return metadata; }

    /** The Segment Sequence (0062,0002), keyed by Segment Number in file order. */
    LinkedHashMap<Integer, SegmentDescription> segments() { return segments; }

    /** The frame index, one entry per frame in file order (unmodifiable). */
    List<FrameInfo> frames() { return frames; }

    /** Where each frame's bytes are, and their decoding (not thread-safe: {@link FrameStore#copy()} per thread). */
    FrameStore store() { return store; }

    /** True when {@link #open} read the Per-frame Functional Groups itself, not through PixelMed (for tests). */
    boolean perFrameParsedDirectly() { return perFrameParsedDirectly; }

    /** True when {@link #open} read the header before the Per-frame Functional Groups without PixelMed (for tests). */
    boolean headerLean() { return headerLean; }

    /** The frames fetched on demand of a remote SEG ({@link #remote}), or null for a file. */
    RemoteFrames remoteFrames() { return remote; }

    /**
     * A Segmentation on a server: its header {@code list} (e.g. from WADO-RS metadata, PS3.18
     * 10.4.1.1.2: everything but the Pixel Data) checked and indexed exactly as a file's, and its
     * frames, stored in {@code transferSyntaxUid}, fetched on demand by {@code frames}
     * ({@link RemoteFrames}). {@code name} names it in messages.
     */
    static SegmentationFile remote(Path name, DataSetView list, String transferSyntaxUid, org.dicomseg.dicom.FrameFetcher frames)
            throws SegReadException {
        try {
            List<String> warnings = new ArrayList<>();
            HeaderParser parser = new HeaderParser(name, list, warnings);
            String sopClass = parser.checkSopClass();
            SegTransferSyntax syntax = SegTransferSyntax.forUid(transferSyntaxUid);
            if (syntax == null || syntax.deflatedDataSet() || syntax.bigEndian()) {
                throw new SegReadException(name, "the server sends its frames in transfer syntax " + SegTransferSyntax.describe(transferSyntaxUid)
                        + ", which is not supported; supported are " + supportedList());
            }
            SegmentationMetadata m = parser.metadata(sopClass, transferSyntaxUid, syntax);
            LinkedHashMap<Integer, SegmentDescription> segments = new SegmentSequenceParser(name, list, warnings).segments(m.segmentationType);
            if (m.paletteColorLut != null) colorsFromPalette(segments, m.paletteColorLut);
            FrameIndexBuilder index = new FrameIndexBuilder(name, list, warnings);
            index.checkPerFrameCount(m);
            FrameStore probe = new FrameStore(syntax, m.rows, m.columns, m.bitsAllocated);
            RemoteFrames remote = new RemoteFrames(frames, transferSyntaxUid, m.numberOfFrames, probe.nativeFrameBytes());
            FrameStore store = new RemoteFrameStore(syntax, m.rows, m.columns, m.bitsAllocated, remote);
            List<FrameInfo> frameIndex = index.frameIndex(m, segments);
            m.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
            SegmentationFile opened = new SegmentationFile(name, null, null, m, segments, Collections.unmodifiableList(frameIndex), store, false);
            opened.remote = remote;
            return opened;
        } catch (RuntimeException e) {
            throw new SegReadException(name, "unreadable header: " + e, e);
        }
    }

    /**
     * Opens a Segmentation: reads and checks the header, indexes the frames; reads no pixel data.
     * {@code directPerFrame} false makes PixelMed parse the Per-frame Functional Groups as well (the
     * reference for the fast path's tests). A file opened before in this session whose bytes before
     * Pixel Data are still the same is not parsed again ({@link SegHeaderCache}); its frames are located anew.
     *
     * @throws SegReadException when the file is not a Segmentation this reader can read (the message
     *                          says why); also for a missing or unreadable file
     */
    static SegmentationFile open(Path file, boolean directPerFrame) throws SegReadException {
        if (file == null) throw new IllegalArgumentException("file is null");
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new SegReadException(file, "file not found");
        } catch (IOException e) {
            throw new SegReadException(file, "cannot read the file: " + e.getMessage(), e);
        }
        if (size == 0) throw new SegReadException(file, "the file is empty");
        FileChannel channel = null;
        Path temp = null;
        InflatedDataSet inflated = null;
        boolean ok = false;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            ChannelReader in = new ChannelReader(channel);
            DataSetWalker.Meta meta;
            try {
                meta = DataSetWalker.readMeta(in);
            } catch (IOException e) {
                throw new SegReadException(file, "not a readable DICOM file: the File Meta Information is damaged ("
                        + e.getMessage() + ")", e);
            }
            if (meta == null) {
                throw new SegReadException(file, "not a DICOM file (no 'DICM' marker after the 128-byte preamble, PS3.10 7.1)");
            }
            if (meta.transferSyntaxUid == null) {
                throw new SegReadException(file, "the File Meta Information has no Transfer Syntax UID (0002,0010)");
            }
            SegTransferSyntax syntax = SegTransferSyntax.forUid(meta.transferSyntaxUid);
            // Opened before in this session with the same bytes before Pixel Data: that parse, the frames located anew
            boolean cacheable = directPerFrame && syntax != null && !syntax.deflatedDataSet() && !syntax.bigEndian();
            SegHeaderCache.Parsed known = cacheable ? SegHeaderCache.shared().find(file, channel) : null;
            if (known != null) {
                SegmentationFile opened = new SegmentationFile(file, channel, null, known.metadata, known.segments, known.frames,
                        locateFrames(file, in, known.location, syntax, known.metadata), known.direct);
                ok = true;
                return opened;
            }
            // Deflated Explicit VR Little Endian: inflated once into a temporary Explicit VR Little Endian data set
            // (header first, the rest once the header bounds it), which is then read like any native file.
            SegTransferSyntax parseSyntax = syntax;
            Path headerFile = file;
            long dataSetStart = meta.dataSetStart;
            if (syntax != null && syntax.deflatedDataSet()) {
                inflated = InflatedDataSet.open(file, meta.dataSetStart);
                temp = inflated.temp();
                inflateHeader(file, inflated);
                channel.close();
                channel = FileChannel.open(temp, StandardOpenOption.READ);
                in = new ChannelReader(channel);
                parseSyntax = SegTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
                headerFile = temp;
                dataSetStart = 0;
            }
            String rawSyntax = headerFile == file ? null : parseSyntax.uid();
            // Fast path (little endian, not big endian, sound element structure): the header is read only up to the
            // Per-frame Functional Groups (5200,9230) — by LeanDataSet, else by PixelMed — and PerFrameGroupsParser
            // reads those from the file.
            DataSetWalker.Location early = directPerFrame ? splittableStructure(in, dataSetStart, parseSyntax) : null;
            // the bytes this parse depends on, read before it (kept only if they are still the file's after it)
            byte[] parsedFrom = cacheable && early != null && early.pixelDataValueOffset <= SegHeaderCache.MAX_HEADER_BYTES
                    ? SegHeaderCache.headerBytes(channel, (int) early.pixelDataValueOffset) : null;
            DataSetView list = early == null || headerFile != file ? null : leanHeader(channel, parsedFrom, dataSetStart, early, parseSyntax);
            boolean lean = list != null;
            if (list == null && early != null) {
                list = PixelMedHeader.readBefore(file, headerFile, rawSyntax, early.firstTagFromPerFrameGroups);
            }
            boolean split = list != null;
            if (list == null) list = PixelMedHeader.read(file, headerFile, rawSyntax);
            List<String> warnings = new ArrayList<>();
            HeaderParser parser = new HeaderParser(file, list, warnings);
            String sopClass = parser.checkSopClass();
            if (syntax == null) {
                throw new SegReadException(file, "transfer syntax " + SegTransferSyntax.describe(meta.transferSyntaxUid)
                        + " is not supported; supported are " + supportedList());
            }
            // The element structure first, so a damaged or truncated file is called that, not "attribute missing"
            // (PixelMed stops quietly at the first element it cannot read).
            if (early == null) early = walk(file, in, dataSetStart, parseSyntax);
            SegmentationMetadata m = parser.metadata(sopClass, meta.transferSyntaxUid, syntax);
            LinkedHashMap<Integer, SegmentDescription> segments =
                    new SegmentSequenceParser(file, list, warnings).segments(m.segmentationType);
            if (m.paletteColorLut != null) colorsFromPalette(segments, m.paletteColorLut);
            FrameIndexBuilder index = new FrameIndexBuilder(file, list, warnings);
            boolean direct = false;
            if (split && early.perFrameGroupsValueOffset >= 0) {
                FunctionalGroups.PerFrame groups = PerFrameGroupsParser.asciiCompatible(list)
                        ? PerFrameGroupsParser.parse(in, early, syntax.explicitVr(),
                                m.numberOfFramesMissing ? Integer.MAX_VALUE : m.numberOfFrames) : null;
                direct = groups != null;
                if (!direct) {
                    // Outside the fast parser's strict subset: PixelMed parses the whole header as it always did.
                    groups = FunctionalGroups.of(AttributeValues.seq(PixelMedHeader.read(file, headerFile, rawSyntax),
                            HeaderTags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE));
                }
                index.usePerFrame(groups);
            }
            index.checkPerFrameCount(m);

            if (inflated != null) {
                // the rest of the data set, bounded by the header; then the reader sees its final size
                inflated.finish(inflatedBound(m));
                channel.close();
                channel = FileChannel.open(temp, StandardOpenOption.READ);
                in = new ChannelReader(channel);
            }
            FrameStore store = locateFrames(file, in, early, syntax, m);
            List<FrameInfo> frames = index.frameIndex(m, segments);
            m.warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
            SegmentationFile opened = new SegmentationFile(file, channel, temp, m, segments,
                    Collections.unmodifiableList(frames), store, direct);
            opened.headerLean = lean;
            if (parsedFrom != null && direct) {
                SegHeaderCache.shared().remember(file, channel, parsedFrom, new SegHeaderCache.Parsed(parsedFrom, in.size(), m, segments,
                        opened.frames, early, true));
            }
            ok = true;
            return opened;
        } catch (SegReadException e) {
            throw e;
        } catch (IOException e) {
            throw new SegReadException(file, "cannot read the file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new SegReadException(file, "unreadable header: " + e, e);
        } finally {
            if (inflated != null) inflated.close();
            if (!ok) {
                try {
                    if (channel != null) channel.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
                deleteQuietly(temp);
            }
        }
    }

    /**
     * The data set's element structure when PixelMed may stop reading at (5200,9230) and the
     * per-frame groups be read directly: a supported little-endian, not deflated syntax, element
     * headers sound up to Pixel Data, at most one top-level (5200,9230), and no top-level tag below
     * it after it (the header parsers read nothing else from (5200,9230) on). Else null: the file takes
     * the PixelMed-only path, whose order of checks and messages is unchanged.
     */
    private static DataSetWalker.Location splittableStructure(ChannelReader in, long dataSetStart, SegTransferSyntax syntax) {
        if (syntax == null || syntax.deflatedDataSet() || syntax.bigEndian()) return null;
        DataSetWalker.Location loc;
        try {
            loc = new DataSetWalker(in, syntax.explicitVr(), false).locate(dataSetStart);
        } catch (IOException e) {
            return null; // reported by walk() in the usual order
        }
        if (loc.pixelDataValueOffset < 0 || loc.perFrameGroupsCount > 1 || loc.lowTagAfterPerFrameGroups) return null;
        return loc;
    }

    private static String supportedList() {
        StringBuilder sb = new StringBuilder();
        for (SegTransferSyntax t : SegTransferSyntax.values()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(t.displayName());
        }
        return sb.toString();
    }

    /** False makes {@link #open} leave the header to PixelMed, as before {@link LeanDataSet} (the reference of its tests). */
    static volatile boolean leanHeaders = true;

    /** Headers before the Per-frame Functional Groups longer than this are left to PixelMed. */
    static final int MAX_LEAN_HEADER_BYTES = 16 << 20;

    /**
     * The data set before the Per-frame Functional Groups read by {@link LeanDataSet} (its first
     * {@code early.firstTagFromPerFrameGroups} bytes: from {@code known}, the bytes before Pixel Data
     * already read, or read now), or null when it is left to PixelMed.
     */
    private static DataSetView leanHeader(FileChannel channel, byte[] known, long dataSetStart, DataSetWalker.Location early,
            SegTransferSyntax syntax) throws IOException {
        if (!leanHeaders || syntax == null || syntax.bigEndian() || syntax.deflatedDataSet()) return null;
        long end = early.firstTagFromPerFrameGroups;
        if (end < dataSetStart || end > MAX_LEAN_HEADER_BYTES) return null;
        byte[] b = known != null && known.length >= end ? known : SegHeaderCache.headerBytes(channel, (int) end);
        return LeanDataSet.read(b, (int) dataSetStart, (int) end, syntax.explicitVr(), HeaderTags.VRS);
    }

    /**
     * Most bytes the inflated data set of a Deflated Explicit VR Little Endian file may have: its
     * native Pixel Data (Rows x Columns x Number of Frames x Bits Allocated, PS3.5 8.2) plus room
     * for the header (16 MB and 64 KB per frame for the functional groups).
     */
    static long inflatedBound(SegmentationMetadata m) {
        long pixels = (long) m.rows * m.columns * m.numberOfFrames;
        long pixelBytes = m.bitsAllocated == 1 ? (pixels + 7) / 8 : pixels * Math.max(1, m.bitsAllocated / 8);
        return pixelBytes + (16L << 20) + 65536L * m.numberOfFrames;
    }

    /** The first step of {@link #inflateHeader}; tests lower it to make a small header take several steps. */
    static volatile long firstInflationStep = InflatedDataSet.FIRST_STEP;

    /**
     * Inflates a deflated data set far enough to hold its whole header: at least
     * {@link InflatedDataSet#FIRST_STEP} bytes, more (doubling) while the top-level Pixel Data element
     * has not been reached, up to {@link InflatedDataSet#HEADER_LIMIT}; or the whole stream if it ends
     * before. A damaged structure is left to {@link #walk}, which names it in the usual order.
     */
    private static void inflateHeader(Path file, InflatedDataSet d) throws SegReadException {
        for (long step = firstInflationStep; ; step *= 2) {
            d.inflateTo(step, "");
            if (d.finished()) return;
            try (FileChannel ch = FileChannel.open(d.temp(), StandardOpenOption.READ)) {
                if (new DataSetWalker(new ChannelReader(ch), true, false).locate(0).pixelDataValueOffset >= 0) return;
            } catch (EOFException e) {
                // the header goes on past what was inflated
            } catch (IOException e) {
                return;
            }
            if (step >= InflatedDataSet.HEADER_LIMIT) {
                throw new SegReadException(file, "the deflated data set's header (everything before Pixel Data) inflates to more"
                        + " than " + InflatedDataSet.HEADER_LIMIT + " bytes: the file is damaged or a deflate bomb");
            }
        }
    }

    /** Walks the element headers of the data set to the top-level Pixel Data. */
    private static DataSetWalker.Location walk(Path file, ChannelReader in, long dataSetStart, SegTransferSyntax syntax)
            throws SegReadException {
        DataSetWalker.Location loc;
        try {
            loc = new DataSetWalker(in, syntax.explicitVr(), syntax.bigEndian()).locate(dataSetStart);
        } catch (EOFException e) {
            throw new SegReadException(file, "the file is truncated or damaged before Pixel Data (7FE0,0010): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SegReadException(file, "the data set structure is damaged: " + e.getMessage(), e);
        }
        if (loc.pixelDataValueOffset < 0) {
            throw new SegReadException(file, "there is no Pixel Data (7FE0,0010) (the file may be truncated)");
        }
        return loc;
    }

    private static FrameStore locateFrames(Path file, ChannelReader in, DataSetWalker.Location loc, SegTransferSyntax syntax,
            SegmentationMetadata m) throws SegReadException {
        if (!syntax.encapsulated()) {
            if (loc.pixelDataLength == DataSetWalker.UNDEFINED) {
                throw new SegReadException(file, "Pixel Data (7FE0,0010) is encapsulated but the transfer syntax "
                        + syntax.displayName() + " is native");
            }
            long needed = ((long) m.rows * m.columns * m.bitsAllocated * (long) m.numberOfFrames + 7) >>> 3;
            long available = in.size() - loc.pixelDataValueOffset;
            if (loc.pixelDataLength > available) {
                throw new SegReadException(file, "Pixel Data (7FE0,0010) declares " + loc.pixelDataLength
                        + " bytes but only " + available + " remain in the file: the file is truncated");
            }
            if (m.numberOfFramesInferred && (loc.pixelDataLength > ((needed + 1) & ~1L) || loc.pixelDataLength < needed)) {
                throw inferredDisagrees(file, m, "Pixel Data (7FE0,0010) holds " + loc.pixelDataLength + " bytes, not the "
                        + needed + " of " + m.numberOfFrames + " frames");
            }
            if (loc.pixelDataLength < needed) {
                throw new SegReadException(file, "Pixel Data (7FE0,0010) holds " + loc.pixelDataLength + " bytes but Rows ("
                        + m.rows + ") x Columns (" + m.columns + ") x Number of Frames (" + m.numberOfFrames
                        + ") x Bits Allocated (" + m.bitsAllocated + ") need " + needed + " bytes");
            }
            boolean swap = syntax.bigEndian() && ("OW".equals(loc.pixelDataVr) || m.bitsAllocated == 16);
            return new FrameStore(in, syntax, m.rows, m.columns, m.bitsAllocated, loc.pixelDataValueOffset, swap);
        }
        if (loc.pixelDataLength != DataSetWalker.UNDEFINED) {
            throw new SegReadException(file, "Pixel Data (7FE0,0010) has a defined length, but transfer syntax "
                    + syntax.displayName() + " needs encapsulated (undefined length) Pixel Data");
        }
        FragmentTable table;
        try {
            table = FragmentTable.scan(in, loc.pixelDataValueOffset, m.numberOfFrames, loc, syntax.encoding());
        } catch (EOFException e) {
            throw new SegReadException(file, "the file is truncated inside Pixel Data (7FE0,0010): " + e.getMessage(), e);
        } catch (IOException e) {
            if (m.numberOfFramesInferred) throw inferredDisagrees(file, m, "Pixel Data (7FE0,0010) does not hold as many: " + e.getMessage());
            throw new SegReadException(file, e.getMessage(), e);
        }
        if (m.numberOfFramesInferred && table.fragments() != m.numberOfFrames) {
            throw inferredDisagrees(file, m, "Pixel Data (7FE0,0010) holds " + table.fragments() + " fragments");
        }
        FrameSizeCheck.check(file, in, table, syntax, m);
        return new FrameStore(in, syntax, m.rows, m.columns, m.bitsAllocated, table);
    }

    /** Number of Frames missing, and the per-frame groups and Pixel Data disagree on the count: ambiguous. */
    private static SegReadException inferredDisagrees(Path file, SegmentationMetadata m, String pixelData) {
        return new SegReadException(file, "Number of Frames (0028,0008) is missing; the Per-frame Functional Groups Sequence"
                + " (5200,9230) has " + m.numberOfFrames + " items but " + pixelData + ": which frames there are is ambiguous,"
                + " so the file is refused");
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // temp file; deleteOnExit is the fallback
        }
    }


    /** Closes the channel and deletes the temporary file of a deflated data set. */
    @Override
    public void close() throws IOException {
        try {
            if (channel != null) channel.close();
        } finally {
            deleteQuietly(tempFile);
        }
    }
}
