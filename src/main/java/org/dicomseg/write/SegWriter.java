package org.dicomseg.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;

import org.dicomseg.mask.MaskInventory;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationGeometry;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.model.Uids;
import org.dicomseg.dicom.AtomicOutput;
import org.dicomseg.dicom.ChannelOutput;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.dicom.PixelDataStream;
import org.dicomseg.dicom.SegTags;
import org.dicomseg.pixels.ImageIoCodecs;
import org.dicomseg.pixels.Jpeg2000Codec;
import org.dicomseg.source.SourceImages;
import org.dicomseg.task.InputException;
import org.dicomseg.task.OutputException;

/**
 * Writes a DICOM Segmentation (PS3.3 A.51, Segmentation Storage 1.2.840.10008.5.1.4.1.1.66.4) or
 * Label Map Segmentation (Sup 243, 1.2.840.10008.5.1.4.1.1.66.7) from a mask, segment descriptions
 * and the source images it was drawn on.
 *
 * <p>Streaming, in two passes over the mask: the first ({@link SegmentationMask#scan}) checks
 * values and finds empty frames and overlaps; then the header (every attribute but Pixel Data,
 * with one functional-group item per frame) is written with PixelMed, and the second pass encodes
 * and appends the frames one at a time ({@link FrameEncoder}, {@link PixelDataStream}). Memory
 * does not grow with the number of frames beyond their functional groups.</p>
 *
 * <p>The output appears atomically (temporary file in the same folder, then rename); on any error
 * nothing is left behind. A source file is never overwritten; an existing output only with
 * {@link SegWriteOptions#overwrite()}.</p>
 *
 * <pre>{@code
 * SourceImages src = SourceImages.read(ctFiles);
 * SegmentationMask mask = LabelMapMask.ofBytes(labelPlanes, rows, columns);
 * SegWriteResult r = SegWriter.write(Paths.get("seg.dcm"), mask, descriptions, src,
 *         SegWriteOptions.builder().segmentationType(SegmentationType.BINARY).build());
 * }</pre>
 */
public final class SegWriter {

    private SegWriter() { }

    /**
     * Encapsulated Pixel Data estimated to reach this many bytes gets an Extended Offset Table
     * (PS3.5 A.4): its frames' offsets may not fit the 32 bits of a Basic Offset Table. Package-private
     * and mutable so that tests force the table with small data; 2<sup>32</sup> otherwise.
     */
    static long extendedOffsetTableThreshold = 1L << 32;
    /**
     * Native Pixel Data longer than this is refused before anything is written (2<sup>32</sup>&minus;2
     * bytes, the largest defined element length, PS3.5 7.1.2). Package-private and mutable so that
     * tests reach the refusal with small data.
     */
    static long nativePixelDataLimit = PixelDataStream.MAX_LENGTH;

    /**
     * A generous bound of encapsulated Pixel Data: each frame at its native size plus 1/8 (RLE and
     * JPEG 2000 of noise-like masks may grow past it a little; a segmentation compresses far below)
     * and 1 KiB of item and codec overhead.
     */
    static long encapsulatedEstimate(long frames, int rows, int columns, int bitsAllocated) {
        long perFrame = PixelDataStream.nativeValueLength(1, rows, columns, Math.max(bitsAllocated, 8));
        if (bitsAllocated == 1) perFrame = (perFrame + 7) / 8;
        return frames * (perFrame + perFrame / 8 + 1024);
    }

    /** Writes with the sources' geometry: mask plane i is source frame i. */
    public static SegWriteResult write(Path output, SegmentationMask mask, List<SegmentDescription> segments,
                                       SourceImages sources, SegWriteOptions options) throws InputException, OutputException {
        return write(output, mask, segments, sources, null, options);
    }

    /**
     * Writes with a custom geometry (null: the sources' geometry).
     *
     * @throws SegWriteException       when the sources and the mask (or the geometry) do not go together
     * @throws OutputException          when {@code output} may not or cannot be written (exists without
     *                                  overwrite, is a source, its folder is missing, an I/O failure)
     * @throws IllegalArgumentException for invalid arguments (segment numbering, values, options)
     * @throws org.dicomseg.task.CanceledException when the options' progress was canceled
     * Nothing is written when any of these is thrown.
     */
    public static SegWriteResult write(Path output, SegmentationMask mask, List<SegmentDescription> segments,
                                       SourceImages sources, SegmentationGeometry geometry, SegWriteOptions options)
            throws InputException, OutputException {
        Objects.requireNonNull(output, "output file");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(sources, "source images");
        SegWriteOptions o = options == null ? SegWriteOptions.defaults() : options;
        SegmentSequenceEncoder.checkNumbering(segments);
        AtomicOutput.check(output, sources.files(), o.overwrite());
        OptionalModules.checkFurtherSources(sources, o);
        if (o.transferSyntax() == OutputTransferSyntax.JPEG_2000_LOSSLESS && !ImageIoCodecs.jpeg2000Available()) {
            throw new IllegalStateException(ImageIoCodecs.JPEG_2000_MISSING);
        }

        // A slide (VL Whole Slide Microscopy image): the mask lies on its Total Pixel Matrix and is
        // written as tiles (PS3.3 C.7.6.17.3); from here on, mask plane i is tile i.
        ResolvedTiling tiling = geometry == null && sources.totalPixelMatrix() != null
                ? ResolvedTiling.resolve(sources, mask.planes(), mask.rows(), mask.columns(), o.tiledGeometry()) : null;
        if (tiling != null) mask = mask.tiled(tiling.grid);
        if (tiling == null && o.pyramidUid() != null) {
            throw new IllegalArgumentException("A Pyramid UID is written on tiled SEGs of a slide only (the sources are not a slide level)");
        }
        if (mask.rows() > 65535 || mask.columns() > 65535) {
            throw new IllegalArgumentException("Frames of " + mask.rows() + " rows x " + mask.columns()
                    + " columns do not fit Rows/Columns (US, at most 65535)");
        }
        SegmentationType type = o.segmentationType();
        if (type == SegmentationType.BINARY && o.transferSyntax() == OutputTransferSyntax.JPEG_LS_LOSSLESS) {
            throw new IllegalArgumentException("JPEG-LS Lossless cannot hold BINARY (1-bit) frames (highdicom refuses it too):"
                    + " use LABELMAP or FRACTIONAL, or another compression");
        }
        int segmentCount = segments.size();
        ResolvedGeometry geo = tiling != null ? null
                : ResolvedGeometry.resolve(sources, mask.planes(), mask.rows(), mask.columns(), geometry);
        int maxValue = type == SegmentationType.FRACTIONAL ? o.maxFractionalValue() : 1;
        int bits = type == SegmentationType.BINARY ? 1 : type == SegmentationType.FRACTIONAL ? 8 : segmentCount <= 255 ? 8 : 16;
        FrameEncoder encoder = new FrameEncoder(mask, type, o.transferSyntax(), bits, maxValue, o.threads(), o.progress());
        // The first pass also encodes the frames of in-memory label maps where that saves reading them again.
        MaskInventory inv = mask.scan(segmentCount, maxValue, encoder.firstPassListener(segmentCount));
        if (type == SegmentationType.LABELMAP && inv.overlaps()) {
            throw new IllegalArgumentException("The segment masks overlap: a LABELMAP segmentation cannot represent"
                    + " overlapping segments (use BINARY or FRACTIONAL)");
        }
        if (bits == 16 && o.transferSyntax() == OutputTransferSyntax.JPEG_2000_LOSSLESS && segmentCount > Jpeg2000Codec.MAX_16_BIT_VALUE) {
            throw new IllegalArgumentException("JPEG 2000 Lossless keeps label values up to " + Jpeg2000Codec.MAX_16_BIT_VALUE
                    + " only; there are " + segmentCount + " segments: use RLE Lossless or no compression");
        }
        FramePlan built = tiling != null && tiling.full() ? FramePlan.tiledFull(type, mask.planes(), segmentCount)
                : FramePlan.build(type, inv, mask.planes(), segmentCount, o.omitEmptyFrames());
        // several focal planes, TILED_SPARSE: each keeps a frame, so the SEG states every focal plane's Z
        FramePlan plan = tiling != null && !tiling.full() && tiling.focalPlaneCount() > 1
                ? built.withFrameInEveryBlock(tiling.grid.tileCount(), tiling.focalPlaneCount(), type) : built;

        boolean encapsulated = o.transferSyntax().encapsulated();
        if (!encapsulated) {
            long len = PixelDataStream.nativeValueLength(plan.frameCount(), mask.rows(), mask.columns(), bits);
            if (len > nativePixelDataLimit) {
                throw new OutputException("Cannot write " + output + ": native Pixel Data of " + plan.frameCount() + " frames would be "
                        + len + " bytes (" + String.format(java.util.Locale.ROOT, "%.2f", len / (double) (1L << 30))
                        + " GiB), more than the " + nativePixelDataLimit + " bytes a DICOM element can hold;"
                        + " choose an encapsulated transfer syntax (compression rle, deflate or j2k)");
            }
        }
        boolean eot = encapsulated && PixelDataStream.extendedOffsetTableFits(plan.frameCount())
                && (o.extendedOffsetTable()
                    || encapsulatedEstimate(plan.frameCount(), mask.rows(), mask.columns(), bits) >= extendedOffsetTableThreshold);

        SegHeaderBuilder.Input in = new SegHeaderBuilder.Input();
        in.sources = sources;
        in.geometry = geo;
        in.tiling = tiling;
        in.segments = segments;
        in.options = o;
        in.plan = plan;
        in.overlaps = !mask.isLabelMap() && type != SegmentationType.LABELMAP && inv.overlaps();
        in.bitsAllocated = bits;
        in.rows = mask.rows();
        in.columns = mask.columns();
        in.sopInstanceUid = o.sopInstanceUid() != null ? o.sopInstanceUid() : Uids.create();
        in.seriesInstanceUid = o.seriesInstanceUid() != null ? o.seriesInstanceUid() : Uids.create();
        in.contentDateTime = o.contentDateTime() != null ? o.contentDateTime() : LocalDateTime.now();
        AttributeList header = new SegHeaderBuilder().build(in);
        if (in.perFrameGroups != null && !header.isEmpty()
                && header.lastKey().compareTo(SegTags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE) >= 0) {
            throw new IllegalStateException("Header attribute " + header.lastKey() + " would follow the Per-frame Functional Groups");
        }

        try {
            AtomicOutput.write(output, o.overwrite(), temp -> {
                PixelDataStream px;
                long begin;
                try (ChannelOutput out = new ChannelOutput(temp)) {
                    writeHeader(header, o.transferSyntax().uid(), out);
                    if (in.perFrameGroups != null) in.perFrameGroups.write(out); // (5200,9230): after every other attribute
                    px = new PixelDataStream(out, encapsulated, bits, in.rows, in.columns);
                    if (eot) px.useExtendedOffsetTable();
                    begin = out.position();
                    px.begin(plan.frameCount());
                    encoder.encode(plan, px, segmentCount);
                    px.end();
                }
                px.writeExtendedOffsetTable(temp, begin);
            });
        } catch (OutputException e) {
            throw e;
        } catch (IOException e) {
            throw new OutputException("Cannot write " + output + ": " + e.getMessage(), e);
        }
        return new SegWriteResult(output, in.sopInstanceUid, in.seriesInstanceUid, plan.frameCount(), in.overlaps, in.warnings);
    }

    /**
     * File Meta Information (PS3.10 7.1) and the data set without Pixel Data, through PixelMed.
     * PixelMed 20220618 closes the stream it writes to even when told not to
     * ({@code closeAfterWrite=false}), and the Per-frame Functional Groups and Pixel Data still follow;
     * so PixelMed gets a shield whose {@code close()} only flushes.
     */
    static void writeHeader(AttributeList header, String transferSyntaxUid, OutputStream out) throws IOException {
        try {
            header.remove(SegTags.PIXEL_DATA);
            FileMetaInformation.addFileMetaInformation(header, transferSyntaxUid, "DICOMSEG");
            header.write(new NonClosingOutputStream(out), transferSyntaxUid, true, false, false);
        } catch (DicomException e) {
            throw new IOException("PixelMed could not write the header: " + e.getMessage(), e);
        }
    }

    /** Passes writes through; {@code close()} only flushes. */
    private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
        NonClosingOutputStream(OutputStream out) { super(out); }

        @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

        @Override public void close() throws IOException { out.flush(); }
    }
}
