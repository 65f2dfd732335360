package org.dicomseg.ij.slide;

import java.io.IOException;

import org.dicomseg.source.slide.SlideLevel;
import org.dicomseg.source.slide.SlideSeries;

/**
 * Where an export from a slide image is written when it should land on another level of the slide
 * (Export ROIs / Export Label Image as SEG... with {@code target=finest}): the target level's placement, the scale from
 * image pixels to target pixels (ratio of the levels' pixel spacings) and the region's size there.
 * The region is the image's, scaled: offset rounded to the nearest target pixel, size rounded up and
 * clipped to the level.
 */
public final class SlideTarget {
    private final SlidePlacement placement;
    private final double scaleX;
    private final double scaleY;
    private final int width;
    private final int height;
    private final double shiftX;
    private final double shiftY;

    private SlideTarget(SlidePlacement placement, double scaleX, double scaleY, int width, int height, double shiftX, double shiftY) {
        this.shiftX = shiftX;
        this.shiftY = shiftY;
        this.placement = placement;
        this.scaleX = scaleX;
        this.scaleY = scaleY;
        this.width = width;
        this.height = height;
    }

    /** The image's own level: scale 1. */
    public static SlideTarget own(SlidePlacement slide, int width, int height) {
        return new SlideTarget(slide, 1, 1, width, height, 0, 0);
    }

    /**
     * The finest pyramid level of {@code slide}'s series (the largest VOLUME image).
     *
     * @param width  the image's width in its level's pixels
     * @param height the image's height
     */
    public static SlideTarget finest(SlidePlacement slide, int width, int height) throws IOException {
        SlideSeries series = slide.file() != null ? SlideSeries.scan(slide.file()) : RemoteLevels.seriesOf(slide.url());
        SlideLevel fine = series.level(0);
        if (!fine.isPyramidLevel()) throw new IllegalArgumentException("The slide series of " + slide.location() + " has no pyramid level");
        double sx = slide.columnSpacing() / fine.matrix().columnSpacing();
        double sy = slide.rowSpacing() / fine.matrix().rowSpacing();
        if (!(sx > 0) || !(sy > 0)) throw new IllegalArgumentException("The slide levels have no pixel spacing to scale by");
        long x = Math.round(slide.x() * sx), y = Math.round(slide.y() * sy);
        long w = Math.min((long) Math.ceil(width * sx - 1e-9), fine.width() - x);
        long h = Math.min((long) Math.ceil(height * sy - 1e-9), fine.height() - y);
        if (w < 1 || h < 1 || w * h > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("The image's region is " + w + "x" + h + " pixels on the finest level; it must be"
                    + " at least 1x1 and at most 2^31 pixels");
        }
        SlidePlacement p = fine.file() != null
                ? new SlidePlacement(fine.file().toAbsolutePath(), 1, x, y, fine.matrix().rowSpacing(),
                        fine.matrix().columnSpacing(), fine.frameOfReferenceUid(), fine.sopInstanceUid())
                // a level on the server: the export lands on the remote instance (its metadata is the source)
                : SlidePlacement.remote(fine.header().location(), 1, x, y, fine.matrix().rowSpacing(),
                        fine.matrix().columnSpacing(), fine.frameOfReferenceUid(), fine.sopInstanceUid());
        return new SlideTarget(p, sx, sy, (int) w, (int) h, slide.x() * sx - x, slide.y() * sy - y);
    }

    /** The placement on the target level. */
    public SlidePlacement placement() { return placement; }
    /** Target pixels per image pixel, horizontally. */
    public double scaleX() { return scaleX; }
    /** Target pixels per image pixel, vertically. */
    public double scaleY() { return scaleY; }
    /** Region width on the target level. */
    public int width() { return width; }
    /** Region height on the target level. */
    public int height() { return height; }
    /** Target column of image column 0 minus the region's left edge (the rounding remainder, under 0.5). */
    public double shiftX() { return shiftX; }
    /** Target row of image row 0 minus the region's top edge. */
    public double shiftY() { return shiftY; }
    /** True when the target is the image's own grid. */
    public boolean isOwn() { return scaleX == 1 && scaleY == 1; }

    @Override public String toString() {
        return placement + " (" + width + "x" + height + ", scale " + scaleX + ")";
    }
}
