package org.dicomseg.ij.export;

import java.awt.Rectangle;

import ij.gui.Roi;
import ij.process.ImageProcessor;

/**
 * Turns ImageJ area ROIs into pixels with ImageJ's own semantics: a pixel belongs to a ROI when
 * {@code roi.getMask()} (or, for plain rectangles, the bounds) says so, exactly the pixels that
 * {@code ImageProcessor.fill(roi)} would paint. Composite {@code ShapeRoi}s (holes, unions) work
 * because their mask does. Parts of a ROI outside the plane are clipped.
 *
 * <p>Line and point selections have no area, so they cannot become segments:
 * {@link #requireArea(Roi, int)} refuses them with a message naming the ROI.</p>
 */
public final class RoiRasterizer {
    private RoiRasterizer() { }

    /**
     * Throws {@link IllegalArgumentException} unless {@code roi} is an area selection.
     *
     * @param index 1-based position of the ROI in its list, used in the message
     */
    public static void requireArea(Roi roi, int index) {
        if (roi == null) throw new IllegalArgumentException("ROI " + index + " is missing");
        if (!roi.isArea()) {
            throw new IllegalArgumentException("ROI " + describe(roi, index) + " is a " + roi.getTypeAsString()
                    + " selection; only area ROIs (rectangle, oval, polygon, freehand, traced, composite)"
                    + " can be exported as segments. Remove it or convert it (Edit > Selection > Line to Area).");
        }
    }

    /** "'name' (#3)" or "#3" when the ROI has no name. */
    public static String describe(Roi roi, int index) {
        String name = roi.getName();
        return name == null || name.isEmpty() ? "#" + index : "'" + name + "' (#" + index + ")";
    }

    /**
     * Sets to {@code value} every pixel of the {@code width × height} row-major plane {@code plane}
     * that lies inside {@code roi}; pixels outside are left as they are.
     *
     * @return the number of pixels inside the ROI and the plane
     */
    public static long fill(Roi roi, byte[] plane, int width, int height, byte value) {
        return fill(roi, maskOf(roi), plane, width, height, value);
    }

    /**
     * The ROI's mask as {@link #fill(Roi, ImageProcessor, byte[], int, int, byte)} uses it:
     * {@code roi.getMask()} as 8-bit (nonzero = inside, origin at the ROI's bounds), or null for a
     * plain rectangle. Worth
     * keeping for a ROI drawn on every plane, whose mask (a composite's especially) is costly to make.
     */
    public static ImageProcessor maskOf(Roi roi) {
        ImageProcessor mask = roi.getMask();
        return mask == null ? null : mask.convertToByte(false);
    }

    /** As {@link #fill(Roi, byte[], int, int, byte)} with a mask from {@link #maskOf(Roi)}. */
    public static long fill(Roi roi, ImageProcessor roiMask, byte[] plane, int width, int height, byte value) {
        if (plane.length < width * height) {
            throw new IllegalArgumentException("Plane buffer has " + plane.length + " pixels, needs " + (width * height));
        }
        Rectangle b = roi.getBounds();
        int x0 = Math.max(0, b.x), y0 = Math.max(0, b.y);
        int x1 = Math.min(width, b.x + b.width), y1 = Math.min(height, b.y + b.height);
        if (x0 >= x1 || y0 >= y1) return 0;
        long n = 0;
        if (roiMask == null) {
            for (int y = y0; y < y1; y++) {
                int row = y * width;
                for (int x = x0; x < x1; x++) plane[row + x] = value;
            }
            return (long) (x1 - x0) * (y1 - y0);
        }
        byte[] m = (byte[]) roiMask.getPixels();
        int mw = roiMask.getWidth(), mh = roiMask.getHeight();
        for (int y = y0; y < y1; y++) {
            int my = y - b.y;
            if (my < 0 || my >= mh) continue;
            int row = y * width, mrow = my * mw;
            for (int x = x0; x < x1; x++) {
                int mx = x - b.x;
                if (mx >= 0 && mx < mw && m[mrow + mx] != 0) {
                    plane[row + x] = value;
                    n++;
                }
            }
        }
        return n;
    }
}
