package org.dicomseg.write;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dicomseg.model.PixelMeasures;
import org.dicomseg.model.PlaneOrientation;
import org.dicomseg.model.PlanePosition;
import org.dicomseg.model.SegmentationGeometry;
import org.dicomseg.source.SourceFrame;
import org.dicomseg.source.SourceImages;
import org.dicomseg.source.SpaceTime;
import org.dicomseg.task.InputException;

/**
 * The geometry of every mask plane as it will be written, and the source frames each plane is
 * derived from. Built by {@link #resolve}:
 * <ul>
 *   <li>Default: mask plane i is source frame i; rows and columns must match and the plane count
 *       must equal the source frame count. Orientation and pixel measures must be the same for all
 *       source frames (they go to the Shared Functional Groups).</li>
 *   <li>Custom ({@link SegmentationGeometry}): positions per mask plane; each plane references the
 *       source frames whose plane lies within half a slice thickness of it along the normal (half
 *       the larger of the mask's and the source's thickness, at least 0.01 mm), or the single
 *       nearest source frame when none does; when the planes are not parallel to the sources, every
 *       source frame is referenced.</li>
 * </ul>
 * Spatial Locations Preserved (0028,135A) of each reference (PS3.3 C.7.6.1.1.3: the extent to which
 * the spatial locations of all pixels are preserved): YES when the mask plane's pixel grid is the
 * source frame's — always with the sources' geometry; with a custom geometry when orientation
 * (1e-4), pixel spacing (relative 1e-4), rows, columns and position (1e-3 mm) all equal the
 * frame's, as highdicom 0.28.1 decides it — otherwise NO (REORIENTED_ONLY is for flipped or rotated
 * projection radiographs, which this writer never makes).
 * Sources without a Frame of Reference UID (projection images such as DX) give a SEG without plane
 * geometry (no Plane Position/Orientation groups; planes are numbered by In-Stack Position Number);
 * mask plane i is still source frame i.
 * Sources that share positions and are told apart by a time attribute (a cine or dynamic series,
 * {@link SpaceTime}) give each plane a time point too ({@link #spaceTime}; PS3.3 C.7.6.16.2.2
 * Temporal Position Index, C.7.6.17 3D_TEMPORAL); without such an attribute the frames are
 * written as before, told apart by segment and position only (the ImageJ export refuses them).
 * Position indices (Dimension Index Values of Image Position (Patient)) number the distinct
 * positions 1..K in increasing order along the normal. Spacing Between Slices is stated when there
 * are at least two distinct positions and they are evenly spaced (within 0.01 mm).
 */
final class ResolvedGeometry {
    private static final double POSITION_TOLERANCE = 1e-3;
    private static final double SPACING_TOLERANCE = 0.01;

    /** Shared orientation, or null when the sources have no patient geometry (projection images). */
    final PlaneOrientation orientation;
    /** Shared pixel measures, or null when unknown. */
    final PixelMeasures pixelMeasures;
    /** Position of each mask plane, or null when the sources have no patient geometry. */
    final PlanePosition[] positions;
    /** Dimension index of each plane's position, 1..K (all 1 without geometry). */
    final int[] positionIndex;
    /** True when the planes form one 3D stack: a position each, all distinct along the normal. */
    final boolean distinctPositions;
    /** The source frames each mask plane is derived from. */
    final List<List<SourceFrame>> references;
    /**
     * Parallel to {@link #references}: true where the plane's pixel grid is that source frame's
     * (Spatial Locations Preserved YES), false where it is not (NO).
     */
    final List<boolean[]> preserved;
    /**
     * The space-time grid when source frames share positions and a time attribute tells them apart
     * (a cine or dynamic series, {@link SpaceTime}; sources' geometry only), else null.
     */
    final SpaceTime spaceTime;

    /** True when there is patient geometry (Frame of Reference based planes). */
    boolean hasGeometry() { return positions != null; }

    private ResolvedGeometry(PlaneOrientation orientation, PixelMeasures pm, PlanePosition[] positions,
                             List<List<SourceFrame>> references, List<boolean[]> preserved) {
        this(orientation, pm, positions, references, preserved, null);
    }

    private ResolvedGeometry(PlaneOrientation orientation, PixelMeasures pm, PlanePosition[] positions,
                             List<List<SourceFrame>> references, List<boolean[]> preserved, SpaceTime spaceTime) {
        this.spaceTime = spaceTime;
        this.orientation = orientation;
        this.positions = positions;
        this.references = references;
        this.preserved = preserved;
        int planes = references.size();
        positionIndex = new int[planes];
        if (positions == null) {
            Arrays.fill(positionIndex, 1);
            distinctPositions = false;
            pixelMeasures = pm;
            return;
        }
        double[] n = orientation.normal();
        Integer[] order = new Integer[planes];
        for (int i = 0; i < planes; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(round(positions[a].along(n)), round(positions[b].along(n)));
            if (c != 0) return c;
            c = Double.compare(round(positions[a].x()), round(positions[b].x()));
            if (c != 0) return c;
            c = Double.compare(round(positions[a].y()), round(positions[b].y()));
            return c != 0 ? c : Double.compare(round(positions[a].z()), round(positions[b].z()));
        });
        int idx = 0;
        PlanePosition last = null;
        List<Double> along = new ArrayList<>();
        boolean sameDepth = false;
        for (Integer p : order) {
            PlanePosition pos = positions[p];
            double d = pos.along(n);
            if (last == null || !close(last, pos)) {
                idx++;
                if (!along.isEmpty() && Math.abs(d - along.get(along.size() - 1)) <= POSITION_TOLERANCE) sameDepth = true;
                along.add(d);
            } else if (spaceTime == null) {
                sameDepth = true; // with time points, a position repeats once per time point (each (z, t) is one frame)
            }
            positionIndex[p] = idx;
            last = pos;
        }
        distinctPositions = !sameDepth;
        Double spacing = null;
        if (distinctPositions && along.size() >= 2) {
            double gap = along.get(1) - along.get(0);
            boolean even = gap > POSITION_TOLERANCE;
            for (int i = 2; i < along.size() && even; i++) {
                even = Math.abs(along.get(i) - along.get(i - 1) - gap) <= SPACING_TOLERANCE;
            }
            if (even) spacing = round(gap);
        }
        this.pixelMeasures = pm == null ? null : pm.withSpacingBetweenSlices(spacing);
    }

    private static boolean close(PlanePosition a, PlanePosition b) {
        return Math.abs(a.x() - b.x()) <= POSITION_TOLERANCE && Math.abs(a.y() - b.y()) <= POSITION_TOLERANCE
                && Math.abs(a.z() - b.z()) <= POSITION_TOLERANCE;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /** Resolves the geometry of {@code planes} mask planes of {@code rows}×{@code columns}. */
    static ResolvedGeometry resolve(SourceImages sources, int planes, int rows, int columns, SegmentationGeometry custom)
            throws SegWriteException {
        List<SourceFrame> frames = sources.frames();
        if (custom == null) {
            if (planes != frames.size()) {
                throw new SegWriteException("The mask has " + planes + " planes but the source images have " + frames.size()
                        + " frames; give one mask plane per source frame or a custom geometry");
            }
            PlaneOrientation ori = null;
            PixelMeasures pm = null;
            PlanePosition[] pos = new PlanePosition[planes];
            // Projection images (e.g. DX) have neither position nor orientation, and usually no Frame of
            // Reference: the SEG then carries no plane geometry either (PS3.3 A.51.5.1).
            // Positions without a Frame of Reference cannot be interpreted, so they are ignored too.
            boolean noGeometry = sources.frameOfReferenceUid() == null;
            List<List<SourceFrame>> refs = new ArrayList<>();
            for (int i = 0; i < planes; i++) {
                SourceFrame f = frames.get(i);
                if (f.rows() != rows || f.columns() != columns) {
                    throw new SegWriteException("The mask is " + rows + " rows x " + columns + " columns but source frame " + (i + 1)
                            + " (" + f + ") is " + f.rows() + " rows x " + f.columns() + " columns");
                }
                if (noGeometry) {
                    if (pm == null) pm = f.pixelMeasures();
                    refs.add(List.of(f));
                    continue;
                }
                if (f.position() == null || f.orientation() == null || f.pixelMeasures() == null) {
                    throw new SegWriteException("Source frame " + (i + 1) + " (" + f + ") has no "
                            + (f.position() == null ? "Image Position (Patient)" : f.orientation() == null
                                    ? "Image Orientation (Patient)" : "Pixel Spacing")
                            + "; this writer needs plane geometry (give a custom geometry)");
                }
                if (ori == null) {
                    ori = f.orientation();
                    pm = f.pixelMeasures();
                } else {
                    if (!ori.approximatelyEquals(f.orientation(), 1e-4)) {
                        throw new SegWriteException("Source frames have different orientations (" + ori + " and " + f.orientation()
                                + " at frame " + (i + 1) + "); write them as separate SEGs");
                    }
                    if (!pm.approximatelyEquals(f.pixelMeasures(), 1e-4)) {
                        throw new SegWriteException("Source frames have different pixel spacing or thickness (" + pm + " and "
                                + f.pixelMeasures() + " at frame " + (i + 1) + ")");
                    }
                }
                pos[i] = f.position();
                refs.add(List.of(f));
            }
            // Mask plane i is source frame i, pixel for pixel.
            List<boolean[]> yes = new ArrayList<>();
            for (int i = 0; i < planes; i++) yes.add(new boolean[] {true});
            if (noGeometry) return new ResolvedGeometry(null, pm, null, refs, yes);
            SpaceTime st;
            try {
                st = SpaceTime.of(frames);
            } catch (InputException e) {
                st = null; // shared positions without a time: planes told apart by segment and position only, as before
            }
            return new ResolvedGeometry(ori, pm, pos, refs, yes, st);
        }
        if (custom.positions().size() != planes) {
            throw new SegWriteException("The custom geometry has " + custom.positions().size() + " plane positions but the mask has "
                    + planes + " planes");
        }
        if (sources.frameOfReferenceUid() == null) {
            throw new SegWriteException("A custom geometry places planes in the patient coordinate system, but the source images"
                    + " have no Frame of Reference UID");
        }
        SourceFrame first = frames.get(0);
        PlaneOrientation ori = custom.orientation() != null ? custom.orientation() : first.orientation();
        PixelMeasures pm = custom.pixelMeasures() != null ? custom.pixelMeasures() : first.pixelMeasures();
        if (ori == null || pm == null) {
            throw new SegWriteException("The custom geometry has no " + (ori == null ? "orientation" : "pixel measures")
                    + " and the source images do not state one");
        }
        PlanePosition[] pos = custom.positions().toArray(new PlanePosition[0]);
        double[] n = ori.normal();
        List<List<SourceFrame>> refs = new ArrayList<>();
        List<boolean[]> kept = new ArrayList<>();
        for (int p = 0; p < planes; p++) {
            List<SourceFrame> r = referencesFor(pos[p], n, pm, frames);
            boolean[] k = new boolean[r.size()];
            for (int i = 0; i < k.length; i++) k[i] = sameGrid(r.get(i), pos[p], ori, pm, rows, columns);
            refs.add(r);
            kept.add(k);
        }
        return new ResolvedGeometry(ori, pm, pos, refs, kept);
    }

    /**
     * True when a plane at {@code pos} with this orientation, pixel spacing, rows and columns has
     * exactly the pixel grid of source frame {@code f} (highdicom's test for YES: orientation,
     * measures and dimensions preserved, positions within 1e-3 mm).
     */
    private static boolean sameGrid(SourceFrame f, PlanePosition pos, PlaneOrientation ori, PixelMeasures pm, int rows, int columns) {
        if (f.position() == null || f.orientation() == null || f.pixelMeasures() == null) return false;
        if (f.rows() != rows || f.columns() != columns || !ori.approximatelyEquals(f.orientation(), 1e-4)) return false;
        PixelMeasures s = f.pixelMeasures();
        if (Math.abs(s.rowSpacing() - pm.rowSpacing()) > 1e-4 * Math.abs(s.rowSpacing())
                || Math.abs(s.columnSpacing() - pm.columnSpacing()) > 1e-4 * Math.abs(s.columnSpacing())) return false;
        PlanePosition q = f.position();
        double dx = q.x() - pos.x(), dy = q.y() - pos.y(), dz = q.z() - pos.z();
        return Math.sqrt(dx * dx + dy * dy + dz * dz) < POSITION_TOLERANCE;
    }

    private static List<SourceFrame> referencesFor(PlanePosition pos, double[] n, PixelMeasures pm, List<SourceFrame> frames) {
        List<SourceFrame> within = new ArrayList<>();
        SourceFrame nearest = null;
        double best = Double.MAX_VALUE;
        double planeD = pos.along(n);
        for (SourceFrame f : frames) {
            if (f.position() == null || f.orientation() == null) return new ArrayList<>(frames);
            double[] fn = f.orientation().normal();
            double dot = Math.abs(fn[0] * n[0] + fn[1] * n[1] + fn[2] * n[2]);
            if (dot < 0.9999) return new ArrayList<>(frames);
            double d = Math.abs(f.position().along(n) - planeD);
            double half = 0.005;
            if (pm.sliceThickness() != null) half = Math.max(half, pm.sliceThickness() / 2);
            if (f.pixelMeasures() != null && f.pixelMeasures().sliceThickness() != null) {
                half = Math.max(half, f.pixelMeasures().sliceThickness() / 2);
            }
            if (d <= half) within.add(f);
            if (d < best) {
                best = d;
                nearest = f;
            }
        }
        return within.isEmpty() ? List.of(nearest) : within;
    }
}
