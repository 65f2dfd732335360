package org.dicomseg.ij.export;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.PixelKind;

/**
 * The binary mask of one {@link RoiSegment} drawn on an image, seen on a finer grid: one plane of
 * {@code width × height} target pixels, where image pixel coordinates are multiplied by
 * {@code scaleX}, {@code scaleY} (e.g. 4 for ROIs drawn on a 4× downsampled slide level exported at
 * full resolution). Rasterised region by region (tile by tile for a tiled SEG): each ROI's outline
 * ({@link RoiShapes}) is scaled once with an {@link AffineTransform} and flattened; each region is
 * then filled straight into the caller's region buffer by scanlines over the edges crossing it
 * ({@link ShapeRasterizer}: a target pixel is inside when its centre is), so neither the
 * full-resolution plane nor a full-resolution mask of a ROI is ever made. Regions a ROI's scaled
 * bounds do not reach cost nothing.
 */
public final class ScaledRoiMaskPlanes implements MaskPlanes {
    private final int width;
    private final int height;
    private final double scaleX;
    private final double scaleY;
    private final List<ShapeRasterizer> shapes = new ArrayList<>();

    /**
     * @param segment the segment's ROIs (image pixel coordinates)
     * @param scaleX  target pixels per image pixel, horizontally
     * @param scaleY  target pixels per image pixel, vertically
     * @param width   target plane width
     * @param height  target plane height
     */
    public ScaledRoiMaskPlanes(RoiSegment segment, double scaleX, double scaleY, int width, int height) {
        this(segment, scaleX, scaleY, 0, 0, width, height);
    }

    /**
     * As above, with target coordinates = image coordinates × scale + {@code shiftX}, {@code shiftY}
     * (the sub-pixel remainder when the scaled region offset was rounded).
     */
    public ScaledRoiMaskPlanes(RoiSegment segment, double scaleX, double scaleY, double shiftX, double shiftY, int width, int height) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("Plane size must be positive: " + width + "x" + height);
        if (!(scaleX > 0) || !(scaleY > 0)) throw new IllegalArgumentException("Scale must be positive: " + scaleX + ", " + scaleY);
        this.width = width;
        this.height = height;
        this.scaleX = scaleX;
        this.scaleY = scaleY;
        AffineTransform scale = AffineTransform.getTranslateInstance(shiftX, shiftY);
        scale.scale(scaleX, scaleY);
        for (int i = 0; i < segment.rois().size(); i++) {
            RoiRasterizer.requireArea(segment.rois().get(i), segment.indices().get(i));
            Shape outline = RoiShapes.of(segment.rois().get(i));
            if (outline instanceof Ellipse2D) {
                Ellipse2D e = (Ellipse2D) outline;   // axis-aligned scaling keeps an ellipse an ellipse
                outline = new Ellipse2D.Double(e.getX() * scaleX + shiftX, e.getY() * scaleY + shiftY,
                        e.getWidth() * scaleX, e.getHeight() * scaleY);
            } else {
                outline = scale.createTransformedShape(outline);
            }
            shapes.add(new ShapeRasterizer(outline));
        }
    }

    @Override public int rows() { return height; }
    @Override public int columns() { return width; }
    @Override public int planes() { return 1; }
    @Override public PixelKind kind() { return PixelKind.UINT8; }
    /** Target pixels per image pixel, horizontally. */
    public double scaleX() { return scaleX; }
    /** Target pixels per image pixel, vertically. */
    public double scaleY() { return scaleY; }

    @Override public Object readPlane(int plane, Object dst) {
        int n = width * height;
        byte[] out = dst instanceof byte[] && ((byte[]) dst).length >= n ? (byte[]) dst : new byte[n];
        readRegion(plane, 0, 0, width, height, out);
        return out;
    }

    /**
     * 0 for a region that no ROI's scaled bounds reach (the test {@link #readRegion} uses to skip a
     * ROI, so reading it would give only zeros), else -1 (not known without rasterising).
     */
    @Override public int uniformValue(int plane, int x, int y, int w, int h) {
        if (plane != 0 || x < 0 || y < 0 || w < 1 || h < 1 || x + w > width || y + h > height) return -1;
        for (ShapeRasterizer shape : shapes) {
            Rectangle2D b = shape.bounds();
            if (!(b.getMaxX() <= x || b.getMaxY() <= y || b.getMinX() >= x + w || b.getMinY() >= y + h)) return -1;
        }
        return 0;
    }

    @Override public void readRegion(int plane, int x, int y, int w, int h, Object dst) {
        if (plane != 0) throw new IndexOutOfBoundsException("Plane " + plane + " of 1");
        if (x < 0 || y < 0 || w < 0 || h < 0 || x + w > width || y + h > height || !(dst instanceof byte[])
                || ((byte[]) dst).length < w * h) {
            throw new IllegalArgumentException("Region " + x + "," + y + " " + w + "x" + h + " of the " + width + "x" + height
                    + " plane needs a byte[] of " + (w * h));
        }
        byte[] out = (byte[]) dst;
        Arrays.fill(out, 0, w * h, (byte) 0);
        if (w == 0 || h == 0) return;
        for (ShapeRasterizer shape : shapes) {
            Rectangle2D b = shape.bounds();
            if (b.getMaxX() <= x || b.getMaxY() <= y || b.getMinX() >= x + w || b.getMinY() >= y + h) continue;
            shape.fill(x, y, w, h, out, (byte) 1);
        }
    }
}
