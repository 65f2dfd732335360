package org.dicomseg.reconstruct;

import java.util.ArrayList;
import java.util.List;

import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegReadException;
import org.dicomseg.read.SegmentationReader;

/**
 * The focal planes of a tiled (slide) SEG region: the distinct Z Offset in Slide Coordinate System
 * (0040,074A) values of its tiles (Plane Position (Slide) Sequence, PS3.3 C.8.12.6.1; a slide's
 * Total Pixel Matrix Focal Planes (0048,0303), C.8.12.4), within 1e-4 mm, in increasing Z. A
 * region whose tiles lie at more than one focal plane is read as a Z stack: one plane per focal
 * plane, each tile pasted into the plane of its Z offset.
 */
final class FocalPlanes {
    /** Z offsets closer than this (mm) are one focal plane. */
    static final double SAME_FOCAL_PLANE_MM = 1e-4;

    private FocalPlanes() { }

    /** The sorted distinct Z offsets of {@code tiles}, or null when they lie at one (or no stated) focal plane. */
    static double[] of(List<FrameInfo> tiles) {
        List<Double> zs = new ArrayList<>();
        for (FrameInfo f : tiles) {
            double[] p = f.slidePosition();
            if (p == null || p.length < 3 || Double.isNaN(p[2])) return null;
            zs.add(p[2]);
        }
        zs.sort(Double::compare);
        List<Double> distinct = new ArrayList<>();
        for (double z : zs) if (distinct.isEmpty() || z - distinct.get(distinct.size() - 1) > SAME_FOCAL_PLANE_MM) distinct.add(z);
        if (distinct.size() < 2) return null;
        double[] out = new double[distinct.size()];
        for (int i = 0; i < out.length; i++) out[i] = distinct.get(i);
        return out;
    }

    /** The 0-based focal plane of Z offset {@code z}. */
    static int planeOf(double[] focal, double z) {
        int best = 0;
        for (int i = 1; i < focal.length; i++) if (Math.abs(focal[i] - z) < Math.abs(focal[best] - z)) best = i;
        return best;
    }

    /** The region ({@code x, y, width, height}) with one plane per focal plane. */
    static SegmentationVolume place(SegmentationReader r, ReconstructionOptions o, int[] segments, List<FrameInfo> tiles,
            double[] focal, int x, int y, int width, int height) throws SegReadException {
        PlaneFiller filler = new PlaneFiller(r, o, segments, width, height, focal.length);
        filler.expect(tiles.size());
        int[] plan = new int[tiles.size()];
        for (int k = 0; k < plan.length; k++) plan[k] = tiles.get(k).frameNumber();
        filler.willRead(plan); // a remote SEG fetches these frames (and only these) ahead
        for (FrameInfo f : tiles) {
            filler.place(f, planeOf(focal, f.slidePosition()[2]), f.columnPositionInTotalPixelMatrix() - 1 - x,
                    f.rowPositionInTotalPixelMatrix() - 1 - y);
        }
        StringBuilder zs = new StringBuilder();
        for (double z : focal) zs.append(zs.length() == 0 ? "" : ", ").append(z);
        filler.notes.add(focal.length + " focal planes (Z Offset in Slide Coordinate System " + zs + " mm): one plane each, in"
                + " increasing Z");
        double[][] positions = new double[focal.length][];
        return filler.build(positions, r.metadata().imageOrientationPatient(), r.metadata().pixelSpacing(), Double.NaN, null, null,
                x, y);
    }
}
