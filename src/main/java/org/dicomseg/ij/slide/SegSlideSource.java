package org.dicomseg.ij.slide;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dicomseg.read.ReferencedSeries;
import org.dicomseg.read.SegmentationMetadata;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.read.SourceImageReference;
import org.dicomseg.source.slide.SlideLevel;
import org.dicomseg.source.slide.SlideSeries;

/**
 * Finds the slide level a tiled SEG was made on, next to the SEG file: a VL Whole Slide Microscopy
 * instance in the SEG's folder that the SEG references (Referenced Series Sequence, PS3.3
 * C.8.20.2 / C.7.6.16.2.6) and whose Total Pixel Matrix has the SEG's size, pixel spacing and
 * Frame of Reference — so SEG pixel (x, y) is level pixel (x, y). The import of a region of such a
 * SEG at full resolution then carries a {@link SlidePlacement}, and an export of the edited import
 * writes back onto the level.
 */
public final class SegSlideSource {
    private static final double SPACING_TOLERANCE = 1e-6;

    private SegSlideSource() { }

    /** The placement of the region at ({@code x}, {@code y}) of {@code r}'s matrix on its source level, or null. */
    public static SlidePlacement placement(SegmentationReader r, long x, long y) {
        SegmentationMetadata m = r.metadata();
        double[] spacing = m.pixelSpacing();
        Path folder = r.file().toAbsolutePath().getParent();
        if (!m.isTiled() || spacing == null || folder == null) return null;
        Set<String> referenced = new HashSet<>();
        for (ReferencedSeries s : m.referencedSeries()) {
            for (SourceImageReference ref : s.instances()) referenced.add(ref.sopInstanceUid());
        }
        if (referenced.isEmpty()) return null;
        List<SlideLevel> levels;
        try {
            levels = SlideSeries.scan(folder).levels();
        } catch (IOException | RuntimeException e) {
            return null; // no slide next to the SEG: the import simply has no placement
        }
        for (int i = 0; i < levels.size(); i++) {
            SlideLevel l = levels.get(i);
            if (referenced.contains(l.sopInstanceUid()) && l.width() == m.totalPixelMatrixColumns()
                    && l.height() == m.totalPixelMatrixRows() && l.frameOfReferenceUid() != null
                    && l.frameOfReferenceUid().equals(m.frameOfReferenceUid())
                    && Math.abs(l.matrix().rowSpacing() - spacing[0]) <= SPACING_TOLERANCE * spacing[0]
                    && Math.abs(l.matrix().columnSpacing() - spacing[1]) <= SPACING_TOLERANCE * spacing[1]) {
                return new SlidePlacement(l.file().toAbsolutePath(), i + 1, x, y, l.matrix().rowSpacing(), l.matrix().columnSpacing(),
                        l.frameOfReferenceUid(), l.sopInstanceUid()).withFocalPlanes(l.matrix().focalPlanes());
            }
        }
        return null;
    }
}
