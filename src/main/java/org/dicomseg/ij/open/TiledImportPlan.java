package org.dicomseg.ij.open;

import java.util.Locale;

import org.dicomseg.reconstruct.DownsampledView;
import org.dicomseg.ij.slide.SlidePlacement;

/**
 * What part of a tiled (slide) SEG an import reads, and at what resolution: a region of the Total
 * Pixel Matrix (x, y, width, height in the SEG's full-resolution pixels) and a downsampling factor,
 * with one sentence saying how they were chosen (for the Log and the CLI's notes).
 *
 * <p>Rules ({@link #resolve}): an explicit region and factor are used as given (the region must lie
 * inside the matrix). Without a region, an open slide image with the same Frame of Reference gives
 * its region scaled by the ratio of its pixel spacing to the SEG's, and — without an explicit
 * factor — that ratio as the factor, so the imported segments overlay the image pixel for pixel;
 * otherwise the whole matrix. Without a factor, the smallest one whose view fits
 * {@link #MAX_SIDE} pixels on the long side and the memory budget.</p>
 */
public final class TiledImportPlan {
    /** Long side of the default view ("fits the screen"). */
    public static final int MAX_SIDE = 2048;

    private final int x;
    private final int y;
    private final int width;
    private final int height;
    private final int factor;
    private final String reason;
    private final boolean followsSlideImage;

    private TiledImportPlan(int x, int y, int width, int height, int factor, String reason, boolean followsSlideImage) {
        this.followsSlideImage = followsSlideImage;
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
        this.factor = factor;
        this.reason = reason;
    }

    /**
     * @param matrixColumns Total Pixel Matrix Columns of the SEG
     * @param matrixRows    Total Pixel Matrix Rows of the SEG
     * @param segSpacing    the SEG's Pixel Spacing {row, column} (mm), or null
     * @param segFrameOfReference the SEG's Frame of Reference UID, or null
     * @param region        {x, y, width, height} asked for, or null
     * @param downsample    factor asked for, or 0 for the default
     * @param slide         the open slide image's placement, or null
     * @param slideWidth    that image's width in its own pixels
     * @param slideHeight   that image's height
     * @param maxPixels     memory budget of the view in pixels
     */
    public static TiledImportPlan resolve(int matrixColumns, int matrixRows, double[] segSpacing, String segFrameOfReference,
            int[] region, int downsample, SlidePlacement slide, int slideWidth, int slideHeight, long maxPixels) {
        if (downsample < 0) throw new IllegalArgumentException("downsample must be 1 or more (0 = default), not " + downsample);
        int x = 0, y = 0, w = matrixColumns, h = matrixRows;
        String where = "the whole " + matrixColumns + "x" + matrixRows + " Total Pixel Matrix";
        int slideFactor = 0;
        if (region != null) {
            if (region.length != 4) throw new IllegalArgumentException("region needs x,y,width,height");
            x = region[0];
            y = region[1];
            w = region[2] <= 0 ? matrixColumns - x : region[2];
            h = region[3] <= 0 ? matrixRows - y : region[3];
            where = "region x=" + x + " y=" + y + " " + w + "x" + h;
        } else if (matches(slide, segSpacing, segFrameOfReference)) {
            double sx = slide.columnSpacing() / segSpacing[1], sy = slide.rowSpacing() / segSpacing[0];
            x = (int) Math.round(slide.x() * sx);
            y = (int) Math.round(slide.y() * sy);
            w = (int) Math.min(Math.round(slideWidth * sx), (long) matrixColumns - x);
            h = (int) Math.min(Math.round(slideHeight * sy), (long) matrixRows - y);
            long f = Math.round(sx);
            slideFactor = f >= 1 && Math.abs(sx - f) <= 0.01 * f && Math.abs(sy - f) <= 0.01 * f ? (int) f : 0;
            where = "the open slide image's region (level " + slide.level() + ", x=" + slide.x() + " y=" + slide.y()
                    + String.format(Locale.ROOT, ", spacing ratio %.4g", sx) + "): x=" + x + " y=" + y + " " + w + "x" + h;
        }
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || (long) x + w > matrixColumns || (long) y + h > matrixRows) {
            throw new IllegalArgumentException("The region x=" + x + " y=" + y + " " + w + "x" + h + " is outside the SEG's "
                    + matrixColumns + "x" + matrixRows + " Total Pixel Matrix");
        }
        int f;
        String how;
        if (downsample > 0) {
            f = downsample;
            how = f == 1 ? "at full resolution" : "downsampled by " + f + " (as asked)";
        } else if (slideFactor > 0) {
            f = slideFactor;
            how = f == 1 ? "at full resolution (the slide image's pixel size)"
                    : "downsampled by " + f + " to the slide image's pixel size";
        } else {
            f = DownsampledView.fittingFactor(w, h, MAX_SIDE, Math.max(1, maxPixels));
            how = f == 1 ? "at full resolution" : "downsampled by " + f + " to fit " + MAX_SIDE
                    + " pixels (set downsample=1 for full resolution)";
        }
        long ow = (w + (long) f - 1) / f, oh = (h + (long) f - 1) / f;
        if (ow * oh > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("A " + ow + "x" + oh + " view is larger than one ImageJ plane (2^31 pixels): "
                    + "choose a region or a larger downsample factor");
        }
        boolean follows = region == null && slideFactor > 0 && f == slideFactor
                && x == slide.x() * slideFactor && y == slide.y() * slideFactor;
        return new TiledImportPlan(x, y, w, h, f, where + ", " + how + " -> " + ow + "x" + oh + " pixels", follows);
    }

    /** True when {@code slide} lies in the SEG's Frame of Reference and both have a pixel spacing. */
    static boolean matches(SlidePlacement slide, double[] segSpacing, String segFrameOfReference) {
        return slide != null && segSpacing != null && segFrameOfReference != null
                && segFrameOfReference.equals(slide.frameOfReferenceUid()) && slide.columnSpacing() > 0 && slide.rowSpacing() > 0;
    }

    /** 0-based column of the region's left edge in the Total Pixel Matrix. */
    public int x() { return x; }
    /** 0-based row of the region's top edge. */
    public int y() { return y; }
    /** Region width in full-resolution pixels. */
    public int width() { return width; }
    /** Region height in full-resolution pixels. */
    public int height() { return height; }
    /** Downsampling factor (1 = full resolution). */
    public int factor() { return factor; }
    /**
     * True when the view is the open slide image's pixel grid itself (its region, at its pixel size):
     * pixel (i, j) of the import is pixel (i, j) of that image, so the import may carry its placement.
     */
    public boolean followsSlideImage() { return followsSlideImage; }
    /** How the region and factor were chosen, one sentence. */
    public String reason() { return reason; }

    @Override public String toString() { return reason; }
}
