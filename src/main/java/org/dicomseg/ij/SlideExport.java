package org.dicomseg.ij;

import java.nio.file.Path;

import org.dicomseg.codec.SegWriteOptions;
import org.dicomseg.codec.SegWriteResult;
import org.dicomseg.codec.SegWriter;
import org.dicomseg.codec.SourceImages;
import org.dicomseg.codec.TiledGeometry;

/**
 * The last step of an ImageJ export from an image opened from a slide ({@link SlidePlacement}):
 * writes a tiled SEG (PS3.3 C.7.6.17.3) on the level the image was read from, the image's region
 * offset becoming the row/column positions of its tiles, so the SEG lands exactly on the slide.
 */
public final class SlideExport {
    private SlideExport() { }

    /**
     * Writes {@code plan} (one plane, the size of the image) as a tiled SEG on {@code slide}'s level.
     *
     * @throws IllegalArgumentException (incl. the writer's {@code SegWriteException}) naming the problem
     */
    public static SegWriteResult write(ExportPlan plan, SlidePlacement slide, SegWriteOptions options, Path out) {
        if (plan.mask().planes() != 1) {
            throw new IllegalArgumentException("An image on a slide is exported as one plane; this one has " + plan.mask().planes());
        }
        SourceImages src = SourceImages.read(slide.file());
        if (src.totalPixelMatrix() == null) {
            throw new IllegalArgumentException(slide.file() + " is not a slide level (VL Whole Slide Microscopy image)");
        }
        if (slide.frameOfReferenceUid() != null && src.frameOfReferenceUid() != null
                && !slide.frameOfReferenceUid().equals(src.frameOfReferenceUid())) {
            throw new IllegalArgumentException("The image was opened from a slide with Frame of Reference " + slide.frameOfReferenceUid()
                    + " but " + slide.file() + " has " + src.frameOfReferenceUid());
        }
        TiledGeometry g = options.tiledGeometry().withRegionOffset(slide.y(), slide.x());
        return SegWriter.write(out, plan.mask(), plan.segments(), src, options.toBuilder().tiledGeometry(g).build());
    }
}
