package org.dicomseg.write;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.Uids;
import org.dicomseg.source.SourceImages;
import org.dicomseg.source.TotalPixelMatrix;
import org.dicomseg.task.InputException;
import org.dicomseg.task.OutputException;

/**
 * Writes a multi-resolution SEG series for a slide pyramid: one tiled SEG (one instance of one
 * series, Instance Number = level index) per source level, each on that level's Total Pixel Matrix
 * with its origin, orientation and pixel spacing (what viewers such as Slim match levels on;
 * PS3.3 C.8.12.4). The mask lies on the first level (at {@link TiledGeometry#rowOffset()},
 * {@link TiledGeometry#columnOffset()} of the options); on a level whose pixel spacing is
 * {@code f} times coarser (f an integer within 1 %), it is downsampled by blocks of f × f
 * ({@link SegmentationMask#downsampled}: binary = any pixel of the block, label map = most frequent
 * nonzero label, fractional = mean) and placed at the offset divided by f, the grid kept aligned.
 * Levels with another spacing ratio are skipped.
 */
public final class PyramidWriter {
    private PyramidWriter() { }

    /**
     * @param outputs one output file per level, in the order of {@code levels}
     * @param levels  level files of one slide series, the mask's level first
     * @return the results of the levels written (skipped levels have none)
     */
    public static List<SegWriteResult> write(List<Path> outputs, SegmentationMask mask, List<SegmentDescription> segments,
                                             List<Path> levels, SegWriteOptions options) throws InputException, OutputException {
        Objects.requireNonNull(levels, "levels");
        if (levels.isEmpty() || outputs.size() != levels.size()) {
            throw new IllegalArgumentException("Give one output file per level: " + outputs.size() + " outputs, " + levels.size() + " levels");
        }
        SegWriteOptions o = options == null ? SegWriteOptions.defaults() : options;
        TotalPixelMatrix base = SourceImages.read(levels.get(0)).totalPixelMatrix();
        if (base == null) throw new SegWriteException(levels.get(0) + " is not a slide level (VL Whole Slide Microscopy image)");
        String series = o.seriesInstanceUid() != null ? o.seriesInstanceUid() : Uids.create();
        TiledGeometry g = o.tiledGeometry();
        List<SegWriteResult> out = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            SourceImages src = SourceImages.read(levels.get(i));
            TotalPixelMatrix m = src.totalPixelMatrix();
            if (m == null) throw new SegWriteException(levels.get(i) + " is not a slide level (VL Whole Slide Microscopy image)");
            double ratio = m.columnSpacing() / base.columnSpacing();
            int f = (int) Math.round(ratio);
            if (f < 1 || Math.abs(ratio - f) > 0.01 * f || Math.abs(m.rowSpacing() / base.rowSpacing() - f) > 0.01 * f) continue;
            long col = g.columnOffset() / f, row = g.rowOffset() / f;
            SegmentationMask level = f == 1 ? mask : mask.downsampled(f, (int) (g.columnOffset() - col * f), (int) (g.rowOffset() - row * f));
            if (row + level.rows() > m.rows() || col + level.columns() > m.columns()) continue; // the coarse region overhangs the level
            SegWriteOptions lo = o.toBuilder().seriesInstanceUid(series).sopInstanceUid(null).instanceNumber(i + 1)
                    .tiledGeometry(g.withRegionOffset(row, col)).build();
            out.add(SegWriter.write(outputs.get(i), level, segments, src, lo));
        }
        return out;
    }
}
