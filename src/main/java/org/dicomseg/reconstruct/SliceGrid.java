package org.dicomseg.reconstruct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegmentationMetadata;

/**
 * The planes of a spatial volume: the distinct Image Position (Patient) values of the frames (or
 * of the source series' grid) sorted along the slice normal (PS3.3 C.7.6.2.1.1), with gaps of a
 * regular spacing filled (at most 4 x positions + 16 planes), and the plane of each frame; frames
 * of another orientation, shifted in their plane or on no plane are rejected, since they are not
 * one volume.
 */
final class SliceGrid {
    final double[] n;
    final List<double[]> positions;
    final double[] ds;
    final double spacing;
    final double tolerance;
    final List<String> notes = new ArrayList<>();

    SliceGrid(SegmentationMetadata m, List<FrameInfo> frames, List<double[]> grid, double[] orientation, ReconstructionOptions o) {
        if (orientation == null) throw new IllegalArgumentException("no Image Orientation (Patient): planes cannot be sorted");
        for (FrameInfo f : frames) {
            if (f.imagePositionPatient() == null) {
                throw new IllegalArgumentException("frame " + f.frameNumber() + " has no Image Position (Patient)");
            }
            if (f.imageOrientationPatient() != null && !PatientCoordinates.sameOrientation(f.imageOrientationPatient(), orientation)) {
                throw new IllegalArgumentException("frame " + f.frameNumber() + " has Image Orientation (Patient) "
                        + Arrays.toString(f.imageOrientationPatient()) + ", not " + Arrays.toString(orientation)
                        + ": the frames are not one volume");
            }
        }
        n = PatientCoordinates.normal(orientation);

        // Planes: sorted distances along the normal, with a representative position each.
        List<double[]> planePos = new ArrayList<>();
        List<Double> planeD = new ArrayList<>();
        List<double[]> candidates = new ArrayList<>();
        if (grid != null) {
            candidates.addAll(grid);
        } else {
            for (FrameInfo f : frames) candidates.add(f.imagePositionPatient());
        }
        candidates.sort((a, b) -> Double.compare(PatientCoordinates.dot(a, n), PatientCoordinates.dot(b, n)));
        for (double[] p : candidates) {
            double d = PatientCoordinates.dot(p, n);
            if (!planeD.isEmpty() && Math.abs(d - planeD.get(planeD.size() - 1)) < PatientCoordinates.SAME_PLANE_MM) continue;
            planeD.add(d);
            planePos.add(p.clone());
        }
        double spacing = Double.NaN;
        if (planeD.size() > 1) {
            double min = Double.MAX_VALUE;
            for (int i = 1; i < planeD.size(); i++) min = Math.min(min, planeD.get(i) - planeD.get(i - 1));
            double declared = m.spacingBetweenSlices();
            spacing = grid == null && declared > 0 && declared <= min + 1e-3 ? declared : min;
            boolean regular = true;
            for (int i = 1; i < planeD.size(); i++) {
                double k = (planeD.get(i) - planeD.get(i - 1)) / spacing;
                if (Math.abs(k - Math.rint(k)) > 0.05) regular = false;
            }
            if (!regular) {
                notes.add("slice positions are not regularly spaced; planes are the distinct positions");
                spacing = Double.NaN;
            } else if (grid == null && o.fillGaps()
                    && Math.rint((planeD.get(planeD.size() - 1) - planeD.get(0)) / spacing) + 1 > 4.0 * planeD.size() + 16) {
                notes.add("gaps between slices are too large to fill (" + planeD.size() + " positions spanning "
                        + (long) Math.rint((planeD.get(planeD.size() - 1) - planeD.get(0)) / spacing + 1)
                        + " slices); planes are the distinct positions; use volumeOnGrid with the source positions");
            } else if (grid == null && o.fillGaps()) {
                List<double[]> filledPos = new ArrayList<>();
                List<Double> filledD = new ArrayList<>();
                int inserted = 0;
                for (int i = 0; i < planeD.size(); i++) {
                    if (i > 0) {
                        int k = (int) Math.rint((planeD.get(i) - planeD.get(i - 1)) / spacing);
                        double[] a = planePos.get(i - 1), b = planePos.get(i);
                        for (int j = 1; j < k; j++) {
                            double t = (double) j / k;
                            filledPos.add(new double[] {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t});
                            filledD.add(planeD.get(i - 1) + (planeD.get(i) - planeD.get(i - 1)) * t);
                            inserted++;
                        }
                    }
                    filledPos.add(planePos.get(i));
                    filledD.add(planeD.get(i));
                }
                if (inserted > 0) notes.add(inserted + " empty plane(s) inserted where the regular spacing has no frames");
                planePos = filledPos;
                planeD = filledD;
            }
        }
        this.spacing = spacing;
        this.positions = planePos;
        this.tolerance = Double.isNaN(spacing) ? PatientCoordinates.SAME_PLANE_MM
                : Math.max(PatientCoordinates.SAME_PLANE_MM, 0.05 * spacing);
        this.ds = planeD.stream().mapToDouble(Double::doubleValue).toArray();
        for (FrameInfo f : frames) planeOf(f); // every frame must lie on the grid
    }

    /** The 0-based plane of {@code f}. @throws IllegalArgumentException when it lies on none. */
    int planeOf(FrameInfo f) {
        double d = PatientCoordinates.dot(f.imagePositionPatient(), n);
        int z = nearest(ds, d);
        if (z < 0 || Math.abs(ds[z] - d) > tolerance) {
            throw new IllegalArgumentException("frame " + f.frameNumber() + " at Image Position (Patient) "
                    + Arrays.toString(f.imagePositionPatient()) + " lies on none of the " + ds.length + " planes of the grid");
        }
        if (PatientCoordinates.inPlaneDistance(f.imagePositionPatient(), positions.get(z), n) > PatientCoordinates.SAME_GRID_MM) {
            throw new IllegalArgumentException("frame " + f.frameNumber() + " is shifted in its plane relative to plane "
                    + (z + 1) + ": the frames are not one grid");
        }
        return z;
    }

    private static int nearest(double[] sorted, double d) {
        int i = Arrays.binarySearch(sorted, d);
        if (i >= 0) return i;
        int ins = -i - 1;
        if (ins == 0) return 0;
        if (ins == sorted.length) return sorted.length - 1;
        return d - sorted[ins - 1] <= sorted[ins] - d ? ins - 1 : ins;
    }
}
