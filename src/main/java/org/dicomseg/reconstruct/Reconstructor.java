package org.dicomseg.reconstruct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegReadException;
import org.dicomseg.read.SegmentationMetadata;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.read.SourceImageReference;
import org.dicomseg.model.SegmentationType;

/**
 * Reconstructs planes from the frames of a Segmentation, like highdicom's
 * {@code get_pixels_by_source_instance}, {@code get_pixels_by_source_frame}, {@code get_volume} and
 * {@code get_total_pixel_matrix}:
 *
 * <ul>
 *   <li>{@link #volume}: planes on the spatial grid, sorted along the slice normal by Image
 *       Position (Patient) (PS3.3 C.7.6.2.1.1), not by frame order; planes with no frames (empty
 *       slices a writer omitted, PS3.3 C.8.20.2 allows it) are zero, and with
 *       {@link ReconstructionOptions#fillGaps} missing slices of a regular spacing are inserted; a SEG
 *       with a temporal dimension (C.7.6.17, {@link TimePoints}) gives these planes once per time
 *       point, time point by time point ({@link SegmentationVolume#timePoints()});</li>
 *   <li>{@link #volumeOnGrid}: the same on the grid of the referenced source series, so omitted
 *       slices at either end appear too;</li>
 *   <li>{@link #bySourceInstances} / {@link #bySourceFrames}: one plane per source image (frame),
 *       matched by the Derivation Image Sequence (C.7.6.16.2.6);</li>
 *   <li>{@link #totalPixelMatrix} / {@link #region}: tiled (slide) segmentations assembled from
 *       their tiles by Row/Column Position In Total Image Pixel Matrix (C.8.12.6.1, C.7.6.17.3);
 *       a region decodes only the tiles it intersects; {@link #totalPixelMatrixInto} /
 *       {@link #regionInto} write into the caller's arrays (a reused buffer) instead of new ones.</li>
 * </ul>
 */
public final class Reconstructor {
    private Reconstructor() { }

    // ------------------------------------------------------------------ segments

    static int[] chosenSegments(SegmentationReader r, ReconstructionOptions o) {
        int[] chosen = o.segments();
        if (chosen == null) {
            List<Integer> all = r.segmentNumbers();
            boolean labelMap = r.segmentationType() == SegmentationType.LABELMAP;
            return all.stream().mapToInt(Integer::intValue).filter(s -> !labelMap || s != 0).toArray();
        }
        for (int s : chosen) {
            if (!r.hasSegment(s)) throw new IllegalArgumentException("No segment " + s + "; segments are " + r.segmentNumbers());
        }
        return chosen;
    }

    /**
     * The frames in the order they are placed: file order, except that when segments are combined
     * into a label map the frames follow the chosen segment order (stable), so "last wins" means
     * the segment listed last.
     */
    static List<FrameInfo> placementOrder(SegmentationReader r, int[] segments, ReconstructionOptions o) {
        List<FrameInfo> frames = new ArrayList<>(r.frames());
        if (o.output() == ReconstructionOptions.Output.LABEL_MAP && r.segmentationType() != SegmentationType.LABELMAP) {
            Map<Integer, Integer> rank = new HashMap<>();
            for (int i = 0; i < segments.length; i++) rank.putIfAbsent(segments[i], i);
            frames.sort((a, b) -> Integer.compare(rank.getOrDefault(a.referencedSegmentNumber(), Integer.MAX_VALUE),
                    rank.getOrDefault(b.referencedSegmentNumber(), Integer.MAX_VALUE)));
        }
        return frames;
    }

    // ------------------------------------------------------------------ spatial volume

    /**
     * A volume on the segmentation's own spatial grid.
     *
     * @throws IllegalArgumentException for tiled segmentations, or frames that are not on one grid
     *                                  (different orientations, shifted in-plane positions)
     */
    public static SegmentationVolume volume(SegmentationReader r, ReconstructionOptions o) throws SegReadException {
        return onGrid(r, null, null, o);
    }

    /**
     * A volume on the grid of the source series: one plane per given Image Position (Patient)
     * (any order; they are sorted along the normal), with the segmentation's frames placed on the
     * plane of their position.
     *
     * @param sourcePositions Image Position (Patient) of each source slice
     * @param sourceOrientation Image Orientation (Patient) of the source, or null for the segmentation's
     * @throws IllegalArgumentException when a frame lies on none of the given planes
     */
    public static SegmentationVolume volumeOnGrid(SegmentationReader r, List<double[]> sourcePositions,
            double[] sourceOrientation, ReconstructionOptions o) throws SegReadException {
        if (sourcePositions == null || sourcePositions.isEmpty()) throw new IllegalArgumentException("no source positions");
        return onGrid(r, sourcePositions, sourceOrientation, o);
    }

    private static SegmentationVolume onGrid(SegmentationReader r, List<double[]> grid, double[] gridOrientation,
            ReconstructionOptions o) throws SegReadException {
        SegmentationMetadata m = r.metadata();
        if (m.isTiled() && grid == null) {
            throw new IllegalArgumentException("tiled segmentation (Total Pixel Matrix " + m.totalPixelMatrixColumns() + " x "
                    + m.totalPixelMatrixRows() + "): use totalPixelMatrix or region");
        }
        int[] segments = chosenSegments(r, o);
        List<FrameInfo> frames = framesOf(r, segments, o);
        // The segmentation's own grid is that of all its frames, whichever segments are read: segments read
        // one at a time line up, and a few segments of many span the whole volume (only their frames are decoded).
        List<FrameInfo> gridFrames = grid == null && o.segments() != null ? r.frames() : frames;
        double[] orientation = orientationOf(m, gridFrames, gridOrientation);
        if (grid == null && !positioned(gridFrames, orientation)) return withoutPositions(r, frames, segments, o);
        SliceGrid g = new SliceGrid(m, gridFrames, grid, orientation, o);
        // A temporal dimension (3D_TEMPORAL, 2D+t): the planes are time point by time point, each the grid's slices.
        TimePoints time = grid == null ? TimePoints.of(m, frames) : null;
        int slices = g.ds.length, times = time == null ? 1 : time.count();

        PlaneFiller filler = new PlaneFiller(r, o, segments, m.columns(), m.rows(), slices * times);
        filler.countLabels();
        filler.expect(frames.size());
        int[] planeOf = new int[frames.size()];
        for (int i = 0; i < planeOf.length; i++) planeOf[i] = (time == null ? 0 : time.of(i) * slices) + g.planeOf(frames.get(i));
        placeByPlane(filler, frames, planeOf);
        filler.notes.addAll(0, g.notes);
        if (time != null) filler.notes.add(0, time.note);
        double[][] positions = new double[slices * times][];
        for (int t = 0; t < times; t++) for (int z = 0; z < slices; z++) positions[t * slices + z] = g.positions.get(z);
        return filler.build(positions, orientation, m.pixelSpacing(), g.spacing,
                filler.placedSources(), filler.placedSourceFrames(), 0, 0).timePoints(times);
    }

    /**
     * Places whole frames plane by plane when the filler allows it (each plane's frames in
     * placement order, so the result is the same; a label map combined from segments is then
     * filled while its plane is in the cache, not once per segment), else in placement order.
     */
    private static void placeByPlane(PlaneFiller filler, List<FrameInfo> frames, int[] planeOf) throws SegReadException {
        int n = frames.size();
        int[] plane = new int[n];
        for (int i = 0; i < n; i++) plane[i] = filler.includes(frames.get(i)) ? planeOf[i] : -1;
        if (!filler.placeByPlane()) {
            int[] plan = new int[n];
            int k = 0;
            for (int i = 0; i < n; i++) if (plane[i] >= 0) plan[k++] = frames.get(i).frameNumber();
            filler.willRead(java.util.Arrays.copyOf(plan, k));
            for (int i = 0; i < n; i++) if (plane[i] >= 0) filler.place(frames.get(i), plane[i], 0, 0);
            return;
        }
        // counting sort by plane, stable; seq = index among the placed frames (the placement order)
        int planes = 0;
        for (int z : plane) planes = Math.max(planes, z + 1);
        int[] start = new int[planes + 1];
        int[] seq = new int[n];
        int placed = 0;
        for (int i = 0; i < n; i++) {
            if (plane[i] < 0) continue;
            start[plane[i] + 1]++;
            seq[i] = placed++;
        }
        for (int z = 0; z < planes; z++) start[z + 1] += start[z];
        int[] order = new int[placed];
        for (int i = 0; i < n; i++) if (plane[i] >= 0) order[start[plane[i]]++] = i;
        int[] plan = new int[order.length];
        for (int k = 0; k < order.length; k++) plan[k] = frames.get(order[k]).frameNumber();
        filler.willRead(plan);
        for (int i : order) filler.place(frames.get(i), plane[i], 0, 0, seq[i]);
    }

    /** The frames of the chosen segments (all frames of a LABELMAP), in placement order. */
    private static List<FrameInfo> framesOf(SegmentationReader r, int[] segments, ReconstructionOptions o) {
        List<FrameInfo> frames = new ArrayList<>();
        for (FrameInfo f : placementOrder(r, segments, o)) {
            if (r.segmentationType() == SegmentationType.LABELMAP || contains(segments, f.referencedSegmentNumber())) frames.add(f);
        }
        return frames;
    }

    private static double[] orientationOf(SegmentationMetadata m, List<FrameInfo> frames, double[] gridOrientation) {
        double[] orientation = gridOrientation != null ? gridOrientation : m.imageOrientationPatient();
        if (orientation == null) {
            for (FrameInfo f : frames) if (f.imageOrientationPatient() != null) return f.imageOrientationPatient();
        }
        return orientation;
    }

    private static boolean positioned(List<FrameInfo> frames, double[] orientation) {
        return orientation != null && !frames.isEmpty() && frames.stream().allMatch(f -> f.imagePositionPatient() != null);
    }

    /**
     * How {@link #volume} (or {@link #totalPixelMatrix} for tiled files) lays out the planes, in one
     * line for header summaries, without decoding any pixel data.
     */
    public static String planeOrder(SegmentationReader r, ReconstructionOptions o) {
        SegmentationMetadata m = r.metadata();
        if (m.isTiled()) {
            return "tiles of the Total Pixel Matrix (" + m.totalPixelMatrixColumns() + "x" + m.totalPixelMatrixRows() + ")";
        }
        List<FrameInfo> frames = framesOf(r, chosenSegments(r, o), o);
        double[] orientation = orientationOf(m, frames, null);
        if (!positioned(frames, orientation)) {
            boolean allSourced = !frames.isEmpty() && frames.stream().noneMatch(f -> f.sources().isEmpty());
            return allSourced ? "by source image (no plane positions)" : "by frame order (no plane positions)";
        }
        try {
            SliceGrid g = new SliceGrid(m, frames, null, orientation, o);
            TimePoints time = TimePoints.of(m, frames);
            return (time == null ? "" : "by time point (" + time.count() + "), then ")
                    + "by Image Position (Patient) along the slice normal, " + g.ds.length + " plane" + (g.ds.length == 1 ? "" : "s")
                    + (time == null ? "" : " each") + (g.notes.isEmpty() ? "" : " (" + String.join("; ", g.notes) + ")");
        } catch (IllegalArgumentException e) {
            return "not one volume: " + e.getMessage();
        }
    }

    /** No positions: one plane per source image (in order of first use), else per frame of each segment. */
    private static SegmentationVolume withoutPositions(SegmentationReader r, List<FrameInfo> frames, int[] segments,
            ReconstructionOptions o) throws SegReadException {
        SegmentationMetadata m = r.metadata();
        LinkedHashMap<String, Integer> bySource = new LinkedHashMap<>();
        boolean allSourced = !frames.isEmpty();
        for (FrameInfo f : frames) {
            if (f.sources().isEmpty()) {
                allSourced = false;
                break;
            }
            bySource.putIfAbsent(key(f.sources().get(0)), bySource.size());
        }
        int[] planeOf = new int[frames.size()];
        int planes;
        if (allSourced) {
            for (int i = 0; i < frames.size(); i++) planeOf[i] = bySource.get(key(frames.get(i).sources().get(0)));
            planes = bySource.size();
        } else {
            Map<Integer, Integer> ordinal = new HashMap<>();
            planes = 0;
            for (int i = 0; i < frames.size(); i++) {
                int z = ordinal.merge(frames.get(i).referencedSegmentNumber(), 1, Integer::sum) - 1;
                planeOf[i] = z;
                planes = Math.max(planes, z + 1);
            }
        }
        PlaneFiller filler = new PlaneFiller(r, o, segments, m.columns(), m.rows(), Math.max(planes, 1));
        filler.countLabels();
        filler.expect(frames.size());
        filler.notes.add(allSourced ? "frames have no Image Position (Patient): one plane per source image"
                : "frames have no position and no source: planes in frame order per segment");
        placeByPlane(filler, frames, planeOf);
        return filler.build(new double[Math.max(planes, 1)][], m.imageOrientationPatient(), m.pixelSpacing(), Double.NaN,
                allSourced ? filler.placedSources() : null, allSourced ? filler.placedSourceFrames() : null, 0, 0);
    }

    private static String key(SourceImageReference s) {
        return s.sopInstanceUid() + Arrays.toString(s.frameNumbers());
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }

    // ------------------------------------------------------------------ by source

    /**
     * One plane per given source SOP Instance UID, in the given order (highdicom
     * {@code get_pixels_by_source_instance}). Frames derived from other instances are left out;
     * planes of instances no frame refers to are zero.
     */
    public static SegmentationVolume bySourceInstances(SegmentationReader r, List<String> sourceSopInstanceUids,
            ReconstructionOptions o) throws SegReadException {
        Map<String, Integer> planeOf = new HashMap<>();
        for (int i = 0; i < sourceSopInstanceUids.size(); i++) planeOf.putIfAbsent(sourceSopInstanceUids.get(i), i);
        SegmentationMetadata m = r.metadata();
        int[] segments = chosenSegments(r, o);
        PlaneFiller filler = new PlaneFiller(r, o, segments, m.columns(), m.rows(), sourceSopInstanceUids.size());
        filler.countLabels();
        List<FrameInfo> frames = placementOrder(r, segments, o);
        int[] planeOfFrame = new int[frames.size()];
        int placed = 0;
        for (int i = 0; i < planeOfFrame.length; i++) {
            FrameInfo f = frames.get(i);
            planeOfFrame[i] = -1;
            if (!filler.includes(f)) continue;
            for (SourceImageReference s : f.sources()) {
                Integer z = planeOf.get(s.sopInstanceUid());
                if (z != null) {
                    planeOfFrame[i] = z;
                    placed++;
                    break;
                }
            }
        }
        filler.expect(placed);
        // plane by plane: a label map combined from segments is filled while its plane is in the cache
        placeByPlane(filler, frames, planeOfFrame);
        if (placed == 0) filler.notes.add("no frame refers to any of the given source instances");
        return filler.build(new double[sourceSopInstanceUids.size()][], m.imageOrientationPatient(), m.pixelSpacing(),
                Double.NaN, sourceSopInstanceUids.toArray(new String[0]), filler.placedSourceFrames(), 0, 0);
    }

    /**
     * One plane per given frame number of a multi-frame source instance, in the given order
     * (highdicom {@code get_pixels_by_source_frame}).
     *
     * @param sourceSopInstanceUid the source instance, or null to accept any
     * @param sourceFrameNumbers 1-based frame numbers of the source
     */
    public static SegmentationVolume bySourceFrames(SegmentationReader r, String sourceSopInstanceUid,
            int[] sourceFrameNumbers, ReconstructionOptions o) throws SegReadException {
        Map<Integer, Integer> planeOf = new HashMap<>();
        for (int i = 0; i < sourceFrameNumbers.length; i++) planeOf.putIfAbsent(sourceFrameNumbers[i], i);
        SegmentationMetadata m = r.metadata();
        int[] segments = chosenSegments(r, o);
        PlaneFiller filler = new PlaneFiller(r, o, segments, m.columns(), m.rows(), sourceFrameNumbers.length);
        filler.countLabels();
        for (FrameInfo f : placementOrder(r, segments, o)) {
            if (!filler.includes(f)) continue;
            search:
            for (SourceImageReference s : f.sources()) {
                if (sourceSopInstanceUid != null && !sourceSopInstanceUid.equals(s.sopInstanceUid())) continue;
                for (int fn : s.frameNumbers()) {
                    Integer z = planeOf.get(fn);
                    if (z != null) {
                        filler.place(f, z, 0, 0);
                        break search;
                    }
                }
            }
        }
        String[] sources = new String[sourceFrameNumbers.length];
        Arrays.fill(sources, sourceSopInstanceUid);
        return filler.build(new double[sourceFrameNumbers.length][], m.imageOrientationPatient(), m.pixelSpacing(),
                Double.NaN, sources, sourceFrameNumbers.clone(), 0, 0);
    }

    // ------------------------------------------------------------------ tiled

    /** The whole Total Pixel Matrix of a tiled segmentation as one plane per channel. */
    public static SegmentationVolume totalPixelMatrix(SegmentationReader r, ReconstructionOptions o) throws SegReadException {
        SegmentationMetadata m = r.metadata();
        requireTiled(r);
        return tiled(r, 0, 0, m.totalPixelMatrixColumns(), m.totalPixelMatrixRows(), o, null);
    }

    /**
     * A region of the Total Pixel Matrix: columns {@code x .. x+width-1}, rows {@code y .. y+height-1}
     * (0-based). Decodes only the tiles that intersect the region ({@link SegmentationVolume#framesRead()}).
     * Tiles at several focal planes (Z Offset in Slide Coordinate System, {@link FocalPlanes}) give
     * one plane per focal plane, in increasing Z; several optical paths are not separated: their
     * tiles land in the same plane.
     */
    public static SegmentationVolume region(SegmentationReader r, int x, int y, int width, int height,
            ReconstructionOptions o) throws SegReadException {
        requireTiled(r);
        return tiled(r, x, y, width, height, o, null);
    }

    /**
     * {@link #totalPixelMatrix} into the caller's arrays instead of new ones (like numpy's
     * {@code out=}): e.g. the planes of an earlier result, reused for the next file of the same
     * size, which saves allocating (and the JVM zeroing) a plane per read. See {@link #regionInto}.
     *
     * <pre>{@code
     * SegmentationVolume first = Reconstructor.totalPixelMatrix(seg, o);
     * byte[] buffer = first.bytePlane(0, 0);
     * SegmentationVolume next = Reconstructor.totalPixelMatrixInto(otherSeg, o, buffer); // next.bytePlane(0, 0) == buffer
     * }</pre>
     */
    public static SegmentationVolume totalPixelMatrixInto(SegmentationReader r, ReconstructionOptions o, Object... out)
            throws SegReadException {
        SegmentationMetadata m = r.metadata();
        requireTiled(r);
        if (out == null) throw new IllegalArgumentException("no output arrays");
        return tiled(r, 0, 0, m.totalPixelMatrixColumns(), m.totalPixelMatrixRows(), o, out);
    }

    /**
     * {@link #region} into the caller's arrays: {@code out[c]} is the plane of channel {@code c}
     * (one per chosen segment, or one label map), each exactly {@code width * height} long and of
     * the result's pixel type ({@code byte[]} for UINT8, {@code short[]} UINT16, {@code float[]}
     * FLOAT32: as {@link #region} with the same options returns). Every element is overwritten,
     * with zero where no tile or segment is, whatever the arrays held; the result holds the
     * caller's arrays (no copies), and none is left unallocated ({@link SegmentationVolume#isEmpty}
     * is false). The pixels are those {@link #region} gives. BINARY tiles on the tile grid are
     * written once per pixel; other files are cleared first, then filled.
     *
     * @throws IllegalArgumentException when {@code out} does not match the channels, type or size
     */
    public static SegmentationVolume regionInto(SegmentationReader r, int x, int y, int width, int height,
            ReconstructionOptions o, Object... out) throws SegReadException {
        requireTiled(r);
        if (out == null) throw new IllegalArgumentException("no output arrays");
        return tiled(r, x, y, width, height, o, out);
    }

    private static SegmentationVolume tiled(SegmentationReader r, int x, int y, int width, int height,
            ReconstructionOptions o, Object[] out) throws SegReadException {
        return tiled(r, x, y, width, height, o, out, true);
    }

    /**
     * A region as one plane whatever the tiles' focal planes (they share it, as before focal planes
     * were read): the blocks a {@link DownsampledView} reduces.
     */
    static SegmentationVolume regionOnOnePlane(SegmentationReader r, int x, int y, int width, int height,
            ReconstructionOptions o) throws SegReadException {
        requireTiled(r);
        return tiled(r, x, y, width, height, o, null, false);
    }

    private static SegmentationVolume tiled(SegmentationReader r, int x, int y, int width, int height,
            ReconstructionOptions o, Object[] out, boolean focalPlanes) throws SegReadException {
        SegmentationMetadata m = r.metadata();
        if (width <= 0 || height <= 0 || x < 0 || y < 0 || (long) x + width > m.totalPixelMatrixColumns()
                || (long) y + height > m.totalPixelMatrixRows()) {
            throw new IllegalArgumentException("region x=" + x + " y=" + y + " " + width + "x" + height + " is outside the "
                    + m.totalPixelMatrixColumns() + "x" + m.totalPixelMatrixRows() + " Total Pixel Matrix");
        }
        int[] segments = chosenSegments(r, o);
        PlaneFiller filler = new PlaneFiller(r, o, segments, width, height, 1);
        if (out != null) checkOutput(filler.layout(), out, width, height);
        if (m.numberOfOpticalPaths() > 1 || !focalPlanes && m.totalPixelMatrixFocalPlanes() > 1) {
            filler.notes.add((focalPlanes ? "several optical paths" : "several focal planes or optical paths")
                    + ": their tiles share the one output plane");
        }
        List<FrameInfo> tiles = new ArrayList<>();
        for (FrameInfo f : placementOrder(r, segments, o)) {
            if (!f.isTile() || !filler.includes(f)) continue;
            int tx = f.columnPositionInTotalPixelMatrix() - 1;
            int ty = f.rowPositionInTotalPixelMatrix() - 1;
            if (tx >= x + width || ty >= y + height || tx + m.columns() <= x || ty + m.rows() <= y) continue;
            tiles.add(f);
        }
        // the focal planes of the whole SEG (every tile of every segment), so a region or a choice of
        // segments keeps the Z stack's depth; a writer that omits empty frames keeps one per focal plane
        double[] focal = out == null && focalPlanes && m.totalPixelMatrixFocalPlanes() > 1 ? FocalPlanes.of(allTiles(r)) : null;
        if (focal == null && out == null && focalPlanes) focal = FocalPlanes.of(tiles);
        if (focal != null) return FocalPlanes.place(r, o, segments, tiles, focal, x, y, width, height);
        filler.expect(tiles.size());
        int[] plan = new int[tiles.size()];
        for (int k = 0; k < plan.length; k++) plan[k] = tiles.get(k).frameNumber();
        filler.willRead(plan);
        if (out != null) filler.planes().preset(out);
        if (!TileMosaic.place(r, filler.layout(), filler.planes(), o, tiles, x, y, width, height, out != null)) {
            if (out != null) OutputPlanes.clear(out, o.threads());
            for (FrameInfo f : tiles) {
                filler.place(f, 0, f.columnPositionInTotalPixelMatrix() - 1 - x, f.rowPositionInTotalPixelMatrix() - 1 - y);
            }
        }
        return filler.build(new double[1][], m.imageOrientationPatient(), m.pixelSpacing(), Double.NaN, null, null, x, y);
    }

    /** Every frame of {@code r} with a position in the Total Pixel Matrix. */
    private static List<FrameInfo> allTiles(SegmentationReader r) {
        List<FrameInfo> all = new ArrayList<>();
        for (FrameInfo f : r.frames()) if (f.isTile()) all.add(f);
        return all;
    }

    private static void checkOutput(OutputLayout layout, Object[] out, int width, int height) {
        if (out.length != layout.channels()) {
            throw new IllegalArgumentException(out.length + " output array(s) given; the result has " + layout.channels()
                    + " channel(s) (one per chosen segment, or one label map)");
        }
        Class<?> type = SegmentationVolume.newPlane(layout.pixelType(), 0).getClass();
        for (int c = 0; c < out.length; c++) {
            Object a = out[c];
            if (a == null || a.getClass() != type || java.lang.reflect.Array.getLength(a) != width * height) {
                throw new IllegalArgumentException("output array " + c + " must be a " + type.getSimpleName().replace("[]", "")
                        + "[" + ((long) width * height) + "] (" + layout.pixelType() + ", " + width + " x " + height + "), not "
                        + (a == null ? "null" : a.getClass().getSimpleName().replace("[]", "") + "["
                        + (a.getClass().isArray() ? java.lang.reflect.Array.getLength(a) : "?") + "]"));
            }
            for (int d = 0; d < c; d++) {
                if (out[d] == a) throw new IllegalArgumentException("output arrays " + d + " and " + c + " are the same array");
            }
        }
    }

    private static void requireTiled(SegmentationReader r) {
        if (!r.metadata().isTiled()) {
            throw new IllegalArgumentException("not a tiled segmentation (no Total Pixel Matrix Rows/Columns): use volume");
        }
        if (r.frames().stream().noneMatch(FrameInfo::isTile)) {
            throw new IllegalArgumentException("no frame has a Row/Column Position In Total Image Pixel Matrix (0048,021F/021E)");
        }
    }
}
