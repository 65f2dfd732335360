package org.dicomseg.volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dicomseg.model.PixelMeasures;
import org.dicomseg.model.PlaneOrientation;
import org.dicomseg.source.SourceFrame;

/**
 * Compares a volume's grid with the source images' and matches its planes to them <b>by
 * position</b>: whatever the file's axis order and directions (stored inferior to superior,
 * flipped in x, sagittal slices of an axial series...), SEG plane p, row r, column c takes the file
 * voxel whose centre is the centre of source pixel (r, c) of source plane p (PS3.3 C.7.6.2.1.1:
 * Image Position (Patient) + c·Δcolumn·row direction + r·Δrow·column direction).
 *
 * <p>Tolerances: each file axis is parallel to a source direction (rows, columns, normal) within
 * {@value #ORIENTATION} in every direction cosine (about 0.006°); voxel sizes agree within
 * {@value #SPACING_RELATIVE} relative (0.1 %); every source plane's first pixel centre lies on a file
 * voxel centre within {@value #POSITION} of a voxel along each axis. In-plane sizes must be equal;
 * along the slice axis the file may cover fewer planes than the sources (the others are then empty,
 * as dcmqi does), but each of its planes must lie on a source plane. Anything else is refused,
 * naming what differs (size, spacing, orientation, origin).</p>
 */
public final class GridMatch {
    static final double ORIENTATION = 1e-4;
    static final double SPACING_RELATIVE = 1e-3;
    static final double POSITION = 0.01;

    private GridMatch() { }

    /**
     * The placement of {@code grid}'s voxels on {@code frames} (the source planes in SEG plane order).
     *
     * @throws VolumeFormatException naming what differs, when the file is not on the sources' grid
     */
    public static VolumePlacement onSources(String name, VolumeGrid grid, List<SourceFrame> frames) throws VolumeFormatException {
        SourceFrame f0 = frames.get(0);
        PlaneOrientation o = f0.orientation();
        PixelMeasures pm = f0.pixelMeasures();
        if (o == null || pm == null || f0.position() == null) {
            throw new VolumeFormatException("The source images have no Image Orientation/Position (Patient) or Pixel Spacing,"
                    + " so " + name + " cannot be matched to them by position");
        }
        double[] rowDir = o.row();   // along a row: increasing column index
        double[] colDir = o.column(); // down a column: increasing row index
        double[] normal = o.normal();
        int colAxis = axisAlong(grid, rowDir);
        int rowAxis = axisAlong(grid, colDir);
        int sliceAxis = axisAlong(grid, normal);
        if (colAxis < 0 || rowAxis < 0 || sliceAxis < 0 || colAxis == rowAxis || rowAxis == sliceAxis || colAxis == sliceAxis) {
            throw new VolumeFormatException(name + " does not lie on the source grid: orientation differs (file axes "
                    + VolumeGrid.vec(grid.direction(0)) + " " + VolumeGrid.vec(grid.direction(1)) + " " + VolumeGrid.vec(grid.direction(2))
                    + " LPS; source rows " + VolumeGrid.vec(rowDir) + ", columns " + VolumeGrid.vec(colDir) + ")" + HINT);
        }
        List<String> differs = new ArrayList<>();
        if (grid.size(colAxis) != f0.columns() || grid.size(rowAxis) != f0.rows() || grid.size(sliceAxis) > frames.size()) {
            differs.add(String.format(Locale.ROOT, "size differs (file %d columns x %d rows x %d planes, sources %d x %d x %d)",
                    grid.size(colAxis), grid.size(rowAxis), grid.size(sliceAxis), f0.columns(), f0.rows(), frames.size()));
        }
        double sliceSpacing = frames.size() > 1 ? sliceSpacing(frames, normal) : grid.spacing(sliceAxis);
        if (!same(grid.spacing(colAxis), pm.columnSpacing()) || !same(grid.spacing(rowAxis), pm.rowSpacing())
                || !same(grid.spacing(sliceAxis), sliceSpacing)) {
            differs.add(String.format(Locale.ROOT, "spacing differs (file %.6g x %.6g x %.6g mm, sources %.6g x %.6g x %.6g mm)",
                    grid.spacing(colAxis), grid.spacing(rowAxis), grid.spacing(sliceAxis), pm.columnSpacing(), pm.rowSpacing(), sliceSpacing));
        }
        if (!differs.isEmpty()) throw new VolumeFormatException(name + " does not lie on the source grid: " + String.join(", ", differs) + HINT);

        boolean colReversed = dot(grid.direction(colAxis), rowDir) < 0;
        boolean rowReversed = dot(grid.direction(rowAxis), colDir) < 0;
        int nSlices = grid.size(sliceAxis);
        int[] fileSlice = new int[frames.size()];
        boolean[] used = new boolean[nSlices];
        int matched = 0;
        String firstMiss = null;
        for (int p = 0; p < frames.size(); p++) {
            double[] v = grid.index(frames.get(p).position().toArray());
            double c = v[colAxis];
            double r = v[rowAxis];
            double s = v[sliceAxis];
            double wantC = colReversed ? grid.size(colAxis) - 1 : 0;
            double wantR = rowReversed ? grid.size(rowAxis) - 1 : 0;
            long k = Math.round(s);
            boolean onPlane = Math.abs(s - k) <= POSITION;
            if (Math.abs(c - wantC) > POSITION || Math.abs(r - wantR) > POSITION || !onPlane) {
                fileSlice[p] = -1;
                if (firstMiss == null && (k >= 0 && k < nSlices || !onPlane)) {
                    firstMiss = String.format(Locale.ROOT, "source plane %d at %s lies at file voxel (%.3f, %.3f, %.3f), not on a voxel centre"
                            + " of the file's corner", p + 1, frames.get(p).position(), v[0], v[1], v[2]);
                }
                continue;
            }
            if (k < 0 || k >= nSlices) {
                fileSlice[p] = -1;
                continue;
            }
            fileSlice[p] = (int) k;
            if (!used[(int) k]) matched++;
            used[(int) k] = true;
        }
        if (firstMiss != null || matched < nSlices) {
            String why = firstMiss != null ? firstMiss : (nSlices - matched) + " of the file's " + nSlices + " planes lie on no source plane";
            throw new VolumeFormatException(name + " does not lie on the source grid: origin differs (" + why + "; file origin "
                    + VolumeGrid.vec(grid.origin()) + " LPS)" + HINT);
        }
        return new VolumePlacement(grid.sizes(), colAxis, colReversed, rowAxis, rowReversed, sliceAxis, fileSlice);
    }

    private static final String HINT = "; resample it onto the source series, or ask for a SEG with the file's own geometry";

    private static int axisAlong(VolumeGrid g, double[] dir) {
        for (int a = 0; a < 3; a++) {
            double[] d = g.direction(a);
            boolean plus = true;
            boolean minus = true;
            for (int i = 0; i < 3; i++) {
                plus &= Math.abs(d[i] - dir[i]) <= ORIENTATION;
                minus &= Math.abs(d[i] + dir[i]) <= ORIENTATION;
            }
            if (plus || minus) return a;
        }
        return -1;
    }

    /** The smallest distance between consecutive source planes along the normal. */
    private static double sliceSpacing(List<SourceFrame> frames, double[] n) {
        double best = Double.MAX_VALUE;
        for (int i = 1; i < frames.size(); i++) {
            double d = Math.abs(frames.get(i).position().along(n) - frames.get(i - 1).position().along(n));
            if (d > 1e-6) best = Math.min(best, d);
        }
        return best == Double.MAX_VALUE ? 0 : best;
    }

    private static boolean same(double a, double b) {
        return Math.abs(a - b) <= SPACING_RELATIVE * Math.max(Math.abs(a), Math.abs(b)) + 1e-6;
    }

    private static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
}
