package org.dicomseg.reconstruct;

import java.util.ArrayList;
import java.util.List;

import org.dicomseg.model.SegmentationType;
import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegReadException;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.read.SourceImageReference;
import org.dicomseg.task.Progress;

/**
 * Puts the frames of one reconstruction into its output planes, frame by frame in placement
 * order, and builds the result: the one job every reconstruction shares. It reports progress and
 * checks cancellation once per frame, notes the source of each plane's first frame (Derivation
 * Image Sequence, PS3.3 C.7.6.16.2.6), and hands the pixel work to its parts:
 * {@link OutputLayout} (channels, pixel type, lookup tables, decided once), {@link OutputPlanes}
 * (the arrays, allocated at their first pixel), {@link FrameBatches} (frames decoded in batches
 * on several threads, one {@link FrameDecoder} each, with the sequential pass's first error) and
 * the kernels ({@link PackedBitsWriter}, {@link RunSinks}, {@link UnpackedFrameWriter}).
 *
 * <p>Whole frames (the frame is the plane: volumes and by-source planes) and frames placed at an
 * offset (tiles) are queued for the batches; volumes may place their frames plane by plane
 * ({@link #placeByPlane}), so a label map combined from BINARY segments is filled while its plane
 * is in the cache rather than once per segment, with errors still those of the first failing
 * frame in placement order. Only 16-bit label maps are read and placed here one by one.</p>
 */
final class PlaneFiller {
    private final SegmentationReader reader;
    private final OutputLayout layout;
    private final OutputPlanes planes;
    private final FrameBatches batches;
    private final UnpackedFrameWriter unpacked;
    private final long framesAtStart;
    private final Progress progress;
    private final String[] sourceUids;   // per plane: source SOP Instance UID of the first frame placed there
    private final int[] sourceFrames;    // per plane: its 1-based source frame number, 0 when not stated
    private int total;
    private int placed;
    private short[] tmpShorts;
    final List<String> notes = new ArrayList<>();

    PlaneFiller(SegmentationReader reader, ReconstructionOptions options, int[] segments, int width, int height, int planes) {
        this.reader = reader;
        this.framesAtStart = reader.framesRead();
        OutputLayout l = new OutputLayout(reader, options, segments, width, height, planes);
        OutputPlanes p = new OutputPlanes(l.pixelType, width, height, l.channels, planes, options.statistics());
        PackedBitsWriter packed = new PackedBitsWriter(l, p);
        UnpackedFrameWriter u = new UnpackedFrameWriter(l, p);
        this.layout = l;
        this.planes = p;
        this.unpacked = u;
        this.batches = new FrameBatches(options, l.frameRows, () -> new FrameDecoder(reader.cursor(), l, p, packed, u));
        progress = options.progress();
        sourceUids = new String[planes];
        sourceFrames = new int[planes];
        for (FrameInfo f : reader.frames()) if (includes(f)) total++;
    }

    /**
     * Counts the pixels of each value or segment channel as the frames are written (not FRACTIONAL
     * channels; dropped when a frame cannot be counted exactly, see {@link LabelCounts}): the result's
     * {@link SegmentationVolume#labelPixels}. Called before the first frame is placed.
     */
    void countLabels() {
        if (placed == 0) planes.countLabels(LabelCounts.forLayout(layout, layout.planes));
    }

    /** The number of frames that will be placed, for progress (default: all frames of the chosen segments). */
    void expect(int frames) { this.total = frames; }

    /** The frames (1-based) about to be placed, in order: a remote SEG fetches them, and only them, in batches. */
    void willRead(int[] frameNumbers) { reader.willRead(frameNumbers); }

    /** The channels, pixel type and lookup tables of the output. */
    OutputLayout layout() { return layout; }

    /** The output arrays (for the band path of tiled reads, and the caller's arrays to write into). */
    OutputPlanes planes() { return planes; }

    /** True when frames of this segment go into the output. */
    boolean includes(FrameInfo f) { return layout.includes(f); }

    /**
     * Places frame {@code f} into plane {@code plane} with its first pixel at ({@code dx}, {@code dy})
     * of the plane (tiles; 0, 0 otherwise).
     */
    void place(FrameInfo f, int plane, int dx, int dy) throws SegReadException {
        place(f, plane, dx, dy, placed);
    }

    /**
     * {@link #place(FrameInfo, int, int, int)} for frames placed out of their placement order
     * (see {@link #placeByPlane}): {@code seq} is the frame's index in the placement order, which
     * decides whose error is thrown when several frames fail.
     */
    void place(FrameInfo f, int plane, int dx, int dy, int seq) throws SegReadException {
        if (!includes(f)) return;
        progress.checkCanceled();
        progress.progress(placed++, Math.max(total, placed));
        if (sourceUids[plane] == null && !f.sources().isEmpty()) {
            SourceImageReference s = f.sources().get(0);
            sourceUids[plane] = s.sopInstanceUid();
            sourceFrames[plane] = s.frameNumbers().length == 0 ? 0 : s.frameNumbers()[0];
        }
        int frame = f.frameNumber();
        int seg = layout.type == SegmentationType.LABELMAP ? 0 : f.referencedSegmentNumber();
        LabelCounts counts = planes.labelCounts();
        if (counts != null) {
            int slot = layout.type == SegmentationType.LABELMAP ? 0
                    : layout.labelOut ? counts.slotOf(layout.valueOfSegment(seg)) : layout.arrayOfSegment(seg);
            counts.placing(plane, slot, layout.whole(dx, dy));
        }
        if (!layout.sixteenBitLabels) {
            // a batch ends at a plane boundary (whole frames), so a plane's frames are decoded together
            batches.add(frame, plane, seg, dx, dy, seq, layout.whole(dx, dy));
            return;
        }
        // 16-bit LABELMAP input: read and placed here, in placement order
        batches.flush(); // keeps the placement order on planes that queued frames share with this one
        if (tmpShorts == null) tmpShorts = new short[layout.frameRows * layout.frameColumns];
        reader.readFrame(frame, tmpShorts, 0);
        unpacked.labels16(tmpShorts, plane, dx, dy);
    }

    /**
     * True when whole frames placed in any order give the result of their placement order as long
     * as each plane's frames keep their order: the caller may then place them plane by plane
     * (so a plane is filled while it is in the cache, not once per segment of a label map) with
     * {@link #place(FrameInfo, int, int, int, int)}, and errors are thrown at {@link #build} as the
     * one of the frame first in placement order.
     */
    boolean placeByPlane() {
        if (layout.sixteenBitLabels) return false; // decoded one by one as placed: errors in placement order
        batches.deferErrors();
        return true;
    }

    /** Per plane the source SOP Instance UID of the first frame placed there (Derivation Image Sequence), or null. */
    String[] placedSources() { return sourceUids.clone(); }

    /** Per plane the 1-based source frame number of the first frame placed there, 0 when not stated. */
    int[] placedSourceFrames() { return sourceFrames.clone(); }

    /**
     * The result, after decoding the deferred frames.
     *
     * @param sources      per plane source SOP Instance UID (null entries allowed), or null for none
     * @param sourceFrames per plane 1-based source frame number (0 = not stated), or null for none
     */
    SegmentationVolume build(double[][] positions, double[] orientation, double[] pixelSpacing, double sliceSpacing,
            String[] sources, int[] sourceFrames, int originX, int originY) throws SegReadException {
        batches.flush();
        batches.throwFailure();
        progress.progress(Math.max(total, placed), Math.max(total, placed));
        int planeCount = layout.planes;
        LabelCounts counts = planes.labelCounts();
        return new SegmentationVolume(layout.width, layout.height, planeCount, layout.channels, layout.pixelType, planes.arrays(),
                layout.segments.clone(), layout.values.clone(), layout.labelOut, positions, orientation, pixelSpacing, sliceSpacing,
                sources == null ? new String[planeCount] : sources, sourceFrames == null ? new int[planeCount] : sourceFrames,
                originX, originY, reader.framesRead() - framesAtStart, notes)
                .labelPixels(counts == null ? null : counts.result());
    }
}
