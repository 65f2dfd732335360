package org.dicomseg.ij.export;

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

    /**
     * Rasterises only the region (a tile of a slide export): the same pixels as {@link #readPlane},
     * without making the whole plane. ROI masks are made once per ROI and reused for every tile.
     */
    @Override public void readRegion(int plane, int x, int y, int w, int h, Object dst) {
        if (plane < 0 || plane >= planes) throw new IndexOutOfBoundsException("Plane " + plane + " of " + planes);
        if (x < 0 || y < 0 || w < 0 || h < 0 || x + w > width || y + h > height || !(dst instanceof byte[])
                || ((byte[]) dst).length < w * h) {
            throw new IllegalArgumentException("Region " + x + "," + y + " " + w + "x" + h + " of the " + width + "x" + height
                    + " plane needs a byte[] of " + (w * h));
        }
        byte[] out = (byte[]) dst;
        Arrays.fill(out, 0, w * h, (byte) 0);
        for (int i = 0; i < rois.size(); i++) {
            int p = planeOfRoi[i];
            if (p != RoiPlacement.ALL_PLANES && p != plane) continue;
            Roi roi = rois.get(i);
            java.awt.Rectangle b = roi.getBounds();
            int x0 = Math.max(x, Math.max(0, b.x)), y0 = Math.max(y, Math.max(0, b.y));
            int x1 = Math.min(x + w, Math.min(width, b.x + b.width)), y1 = Math.min(y + h, Math.min(height, b.y + b.height));
            if (x0 >= x1 || y0 >= y1) continue;
            if (!cached[i]) {
                cachedMask[i] = RoiRasterizer.maskOf(roi);
                cached[i] = true;
            }
            ij.process.ImageProcessor m = cachedMask[i];
            byte[] mp = m == null ? null : (byte[]) m.getPixels();
            int mw = m == null ? 0 : m.getWidth(), mh = m == null ? 0 : m.getHeight();
            for (int yy = y0; yy < y1; yy++) {
                int row = (yy - y) * w - x;
                int my = yy - b.y;
                if (m != null && my >= mh) continue;
                for (int xx = x0; xx < x1; xx++) {
                    int mx = xx - b.x;
                    if (m == null || (mx < mw && mp[my * mw + mx] != 0)) out[row + xx] = 1;
                }
            }
        }
    }
}
