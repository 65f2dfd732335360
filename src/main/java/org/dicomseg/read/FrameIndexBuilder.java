package org.dicomseg.read;

import static org.dicomseg.read.AttributeValues.item;
import static org.dicomseg.read.AttributeValues.seq;
import static org.dicomseg.read.AttributeValues.str;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dicomseg.dicom.DataSetView;
import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;

/**
 * Builds the frame index of a Segmentation, one {@link FrameInfo} per frame: from the Per-frame
 * and Shared Functional Groups (PS3.3 C.7.6.16; the per-frame item's macro replaces the shared one,
 * C.7.6.16.1), or, for TILED_FULL without per-frame groups, from the implicit frame order
 * (C.7.6.17.3). Checks that the per-frame item count agrees with Number of Frames before anything
 * is allocated by it, and that every frame's segment is in the Segment Sequence.
 *
 * <p>Each functional groups item is read as a {@link FunctionalGroups}; the per-frame items come
 * either from the parsed header or, on the reader's fast path, from {@link PerFrameGroupsParser}
 * ({@link #usePerFrame}): one indexing code path for both.</p>
 */
final class FrameIndexBuilder {
    private final Path file;
    private final DataSetView list;
    private final List<String> warnings;
    /** The Per-frame Functional Groups Sequence (5200,9230), or null when the file has none. */
    private FunctionalGroups.PerFrame perFrame;

    /**
     * A builder over the header; the per-frame groups come from {@code list} too, unless
     * {@link #usePerFrame} replaces them. Tolerated deviations are added to {@code warnings}.
     */
    FrameIndexBuilder(Path file, DataSetView list, List<String> warnings) {
        this.file = file;
        this.list = list;
        this.warnings = warnings;
        this.perFrame = FunctionalGroups.of(seq(list, HeaderTags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE));
    }

    /**
     * Takes the Per-frame Functional Groups from elsewhere ({@link PerFrameGroupsParser}) when
     * the header was read only up to (5200,9230); null = the file has none.
     */
    void usePerFrame(FunctionalGroups.PerFrame groups) {
        this.perFrame = groups;
    }

    private SegReadException fail(String problem) {
        return new SegReadException(file, problem);
    }

    private DataSetView sharedGroups() {
        return item(list, HeaderTags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);
    }

    /** Checks counts before the index is built (no allocation by Number of Frames yet). */
    void checkPerFrameCount(SegmentationMetadata m) throws SegReadException {
        if (perFrame == null) return;
        int n = perFrame.size();
        if (n != m.numberOfFrames) {
            boolean missing = str(list, HeaderTags.NUMBER_OF_FRAMES) == null;
            if (missing && n > 1) {
                // Read when the Pixel Data holds exactly n frames too (checked where the frames are located).
                m.numberOfFrames = n;
                m.numberOfFramesInferred = true;
                warnings.removeIf(w -> w.startsWith("Number of Frames (0028,0008) is missing"));
                warnings.add("Number of Frames (0028,0008) is missing; " + n + " frames taken from the Per-frame Functional"
                        + " Groups Sequence (5200,9230), whose item count the Pixel Data agrees with");
                return;
            }
            throw fail("Per-frame Functional Groups Sequence (5200,9230) has " + n + " items but Number of Frames (0028,0008) "
                    + (missing ? "is missing (1 frame assumed)" : "is " + m.numberOfFrames)
                    + ": which item describes which frame is ambiguous, so the file is refused");
        }
    }

    List<FrameInfo> frameIndex(SegmentationMetadata m, Map<Integer, SegmentDescription> segments) throws SegReadException {
        FunctionalGroups shared = FunctionalGroups.of(sharedGroups());
        boolean labelMap = m.segmentationType == SegmentationType.LABELMAP;
        if ((perFrame == null || perFrame.size() == 0)
                && m.dimensionOrganizationType == DimensionOrganization.TILED_FULL) {
            return tiledFull(m, segments, shared);
        }
        List<FrameInfo> out = new ArrayList<>(m.numberOfFrames);
        double[] sharedOrientation = m.imageOrientationPatient;
        boolean warnedSegment = false;
        int outside = 0, firstOutside = 0;
        // checkPerFrameCount made sure there are exactly numberOfFrames items.
        java.util.Iterator<FunctionalGroups> items = perFrame == null ? null : perFrame.iterator();
        for (int i = 0; i < m.numberOfFrames; i++) {
            FunctionalGroups pf = items == null ? null : items.next();
            int segment = FrameInfo.NO_SEGMENT;
            if (!labelMap) {
                FunctionalGroups segId = FunctionalGroups.pick(pf, shared, FunctionalGroups.SEGMENT_IDENTIFICATION);
                int s = segId == null ? -1 : segId.referencedSegmentNumber;
                if (s < 0) {
                    if (segments.size() == 1) {
                        s = segments.keySet().iterator().next();
                        if (!warnedSegment) {
                            warnings.add("frames without Segment Identification Sequence (0062,000A): the only segment, "
                                    + s + ", assumed");
                            warnedSegment = true;
                        }
                    } else {
                        throw fail("frame " + (i + 1) + " has no Referenced Segment Number (0062,000B) in a Segment "
                                + "Identification Sequence (0062,000A), and there are " + segments.size() + " segments");
                    }
                }
                if (!segments.containsKey(s)) {
                    throw fail("frame " + (i + 1) + " refers to segment " + s
                            + ", which is not in the Segment Sequence (0062,0002); segments are " + segments.keySet());
                }
                segment = s;
            }
            FunctionalGroups pos = FunctionalGroups.pick(pf, shared, FunctionalGroups.PLANE_POSITION);
            double[] ipp = pos == null ? null : pos.imagePositionPatient;
            FunctionalGroups ori = FunctionalGroups.pick(pf, shared, FunctionalGroups.PLANE_ORIENTATION);
            double[] iop = ori == null ? null : ori.imageOrientationPatient;
            if (iop == null) iop = sharedOrientation;
            else if (sharedOrientation != null && java.util.Arrays.equals(iop, sharedOrientation)) iop = sharedOrientation;
            FunctionalGroups slide = FunctionalGroups.pick(pf, shared, FunctionalGroups.PLANE_POSITION_SLIDE);
            double[] slidePos = null;
            int row = 0, col = 0;
            if (slide != null) {
                row = slide.rowPosition;
                col = slide.columnPosition;
                if (!Double.isNaN(slide.xOffset) || !Double.isNaN(slide.yOffset)) {
                    slidePos = new double[] {slide.xOffset, slide.yOffset, slide.zOffset};
                }
            }
            // Frame Content is always per-frame (C.7.6.16.2.2): never taken from the shared item.
            int[] div = pf != null && pf.has(FunctionalGroups.FRAME_CONTENT) ? pf.dimensionIndexValues : null;
            FunctionalGroups deriv = FunctionalGroups.pick(pf, shared, FunctionalGroups.DERIVATION_IMAGE);
            List<SourceImageReference> sources = deriv == null ? null : deriv.sources;
            if (slide != null && m.isTiled() && (row < 1 || col < 1 || row > m.totalPixelMatrixRows || col > m.totalPixelMatrixColumns)) {
                if (outside++ == 0) firstOutside = i + 1;
            }
            out.add(new FrameInfo(i + 1, segment, ipp, iop, slidePos, row, col, div, sources));
        }
        if (outside > 0) {
            // A tile that starts outside the matrix cannot be placed (PS3.3 C.7.6.17.3.1): the geometry is impossible.
            throw fail(outside + " frame(s), the first frame " + firstOutside + ", have a Row/Column Position in Total Image Pixel"
                    + " Matrix (0048,021E/021F) outside the Total Pixel Matrix (" + m.totalPixelMatrixRows + " x "
                    + m.totalPixelMatrixColumns + "): the tiled geometry is impossible");
        }
        return out;
    }

    /**
     * TILED_FULL without per-frame groups (PS3.3 C.7.6.17.3): frames run over the columns of tiles,
     * then rows of tiles, then focal planes, then optical paths, then segments (in increasing
     * Segment Number; label maps have no segment dimension). With several focal planes, focal
     * plane k (0-based) lies at Z Offset in Slide Coordinate System origin Z (0 when not stated) +
     * k × Spacing Between Slices (1 mm when absent), as highdicom places them; the frame's
     * {@link FrameInfo#slidePosition()} then carries that Z (X and Y NaN: not needed to place a tile).
     */
    private List<FrameInfo> tiledFull(SegmentationMetadata m, Map<Integer, SegmentDescription> segments, FunctionalGroups shared)
            throws SegReadException {
        if (!m.isTiled()) {
            throw fail("TILED_FULL without Per-frame Functional Groups needs Total Pixel Matrix Rows (0048,0007) and Columns (0048,0006)");
        }
        long across = (m.totalPixelMatrixColumns + (long) m.columns - 1) / m.columns;
        long down = (m.totalPixelMatrixRows + (long) m.rows - 1) / m.rows;
        boolean labelMap = m.segmentationType == SegmentationType.LABELMAP;
        int[] segmentOrder = new TreeMap<>(segments).keySet().stream().mapToInt(Integer::intValue).toArray();
        long segCount = labelMap ? 1 : segmentOrder.length;
        long expected = across * down * m.totalPixelMatrixFocalPlanes * m.numberOfOpticalPaths * segCount;
        if (expected != m.numberOfFrames) {
            throw fail("TILED_FULL: " + across + " x " + down + " tiles x " + m.totalPixelMatrixFocalPlanes + " focal planes x "
                    + m.numberOfOpticalPaths + " optical paths" + (labelMap ? "" : " x " + segCount + " segments")
                    + " = " + expected + " frames, but Number of Frames (0028,0008) is " + m.numberOfFrames);
        }
        List<SourceImageReference> sources = shared == null || !shared.has(FunctionalGroups.DERIVATION_IMAGE) ? null : shared.sources;
        List<FrameInfo> out = new ArrayList<>(m.numberOfFrames);
        double z0 = Double.isFinite(m.totalPixelMatrixOriginZ) ? m.totalPixelMatrixOriginZ : 0;
        double dz = Double.isFinite(m.spacingBetweenSlices) && m.spacingBetweenSlices > 0 ? m.spacingBetweenSlices : 1;
        for (int i = 0; i < m.numberOfFrames; i++) {
            long f = i;
            int tileCol = (int) (f % across);
            f /= across;
            int tileRow = (int) (f % down);
            f /= down;
            int focal = (int) (f % m.totalPixelMatrixFocalPlanes);
            f /= m.totalPixelMatrixFocalPlanes;
            int path = (int) (f % m.numberOfOpticalPaths);
            f /= m.numberOfOpticalPaths;
            int segment = labelMap ? FrameInfo.NO_SEGMENT : segmentOrder[(int) f];
            int row = tileRow * m.rows + 1;
            int col = tileCol * m.columns + 1;
            int[] div = labelMap ? new int[] {row, col, focal + 1, path + 1} : new int[] {segment, row, col, focal + 1, path + 1};
            double[] slide = m.totalPixelMatrixFocalPlanes > 1 ? new double[] {Double.NaN, Double.NaN, z0 + focal * dz} : null;
            out.add(new FrameInfo(i + 1, segment, null, m.imageOrientationPatient, slide, row, col, div, sources));
        }
        return out;
    }
}
