package org.dicomseg.ij;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ij.gui.Roi;

import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.PixelKind;

/**
 * The binary mask of one {@link RoiSegment}, rasterised on demand one plane at a time (nothing is
 * allocated up front): plane p is the union of the segment's ROIs placed on p or on every plane
 * ({@link RoiPlacement}), filled with ImageJ semantics ({@link RoiRasterizer}), 1 inside, 0 outside.
 */
public final class RoiMaskPlanes implements MaskPlanes {
    private final int width;
    private final int height;
    private final int planes;
    private final List<Roi> rois;
    private final int[] planeOfRoi;
    private final ij.process.ImageProcessor[] cachedMask;   // masks of ROIs on every plane, made once
    private final boolean[] cached;

    /**
     * @param segment   the ROIs of the segment
     * @param placement maps ROI positions to planes; its plane count is the mask's
     * @param width     plane width (columns)
     * @param height    plane height (rows)
     * @throws IllegalArgumentException when a ROI lies on a plane the image does not have
     */
    public RoiMaskPlanes(RoiSegment segment, RoiPlacement placement, int width, int height) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("Plane size must be positive: " + width + "x" + height);
        this.width = width;
        this.height = height;
        this.planes = placement.planeCount();
        this.rois = new ArrayList<>(segment.rois());
        this.planeOfRoi = new int[rois.size()];
        this.cachedMask = new ij.process.ImageProcessor[rois.size()];
        this.cached = new boolean[rois.size()];
        for (int i = 0; i < rois.size(); i++) {
            planeOfRoi[i] = placement.plane(rois.get(i), segment.indices().get(i));
        }
    }

    @Override public int rows() { return height; }
    @Override public int columns() { return width; }
    @Override public int planes() { return planes; }
    @Override public PixelKind kind() { return PixelKind.UINT8; }

    /** True when some ROI of the segment lies on {@code plane} (0-based) or on every plane. */
    public boolean touches(int plane) {
        for (int p : planeOfRoi) if (p == RoiPlacement.ALL_PLANES || p == plane) return true;
        return false;
    }

    @Override public Object readPlane(int plane, Object dst) {
        if (plane < 0 || plane >= planes) throw new IndexOutOfBoundsException("Plane " + plane + " of " + planes);
        int n = width * height;
        byte[] out = dst instanceof byte[] && ((byte[]) dst).length >= n ? (byte[]) dst : new byte[n];
        Arrays.fill(out, 0, n, (byte) 0);
        for (int i = 0; i < rois.size(); i++) {
            int p = planeOfRoi[i];
            if (p == RoiPlacement.ALL_PLANES) {
                if (!cached[i]) {
                    cachedMask[i] = RoiRasterizer.maskOf(rois.get(i));
                    cached[i] = true;
                }
                RoiRasterizer.fill(rois.get(i), cachedMask[i], out, width, height, (byte) 1);
            } else if (p == plane) {
                RoiRasterizer.fill(rois.get(i), out, width, height, (byte) 1);
            }
        }
        return out;
    }
}
