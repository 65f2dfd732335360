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
 *
 * <p>Every level carries the Multi-Resolution Pyramid module (PS3.3 Table A.51-1) with one Pyramid
 * UID for the whole pyramid (the options' {@link SegWriteOptions#pyramidUid()}, else a new one) and
 * the options' Pyramid Label and Description, so viewers (Slim) group the levels as one pyramid, as
 * highdicom's {@code create_segmentation_pyramid} writes them.</p>
 *
 * <p>The levels are the slide's own: each SEG level has exactly that level's Total Pixel Matrix.
 * Converters make a level {@code floor(finer / 2)} pixels wide (CMU-1: 2,967 rows, then 1,483),
 * so the downsampled mask is clipped to the level where its last block row or column has no pixel
 * there. A level that cannot be written (a spacing that is not an integer multiple of the first
 * level's, a region with no pixel on the level, or another number of focal planes than the
 * mask's planes) is named in {@link PyramidResult#notWritten()}; the others are written. A mask of
 * several planes (a Z stack over a slide with several focal planes) gives every level with as many
 * focal planes its SEG with them all, each plane downsampled on its own.</p>
 */
public final class PyramidWriter {
    private PyramidWriter() { }

    /**
     * @param outputs one output file per level, in the order of {@code levels}
     * @param levels  level files of one slide series, the mask's level first
     * @return the SEG levels written and the levels that could not be, with the reason
     * @throws InputException when a file is not a slide level, or the mask does not fit on the first
     */
    public static PyramidResult write(List<Path> outputs, SegmentationMask mask, List<SegmentDescription> segments,
                                      List<Path> levels, SegWriteOptions options) throws InputException, OutputException {
        Objects.requireNonNull(levels, "levels");
        if (levels.isEmpty() || outputs.size() != levels.size()) {
            throw new IllegalArgumentException("Give one output file per level: " + outputs.size() + " outputs, " + levels.size() + " levels");
        }
        List<SourceImages> sources = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path level : levels) {
            sources.add(SourceImages.read(level));
            names.add(level.toString());
        }
        return write(outputs, mask, segments, sources, names, options);
    }

    /**
     * {@link #write(List, SegmentationMask, List, List, SegWriteOptions)} on levels given by their
     * headers (e.g. the WADO-RS metadata of a slide's levels on a server: the SEG levels reference
     * the remote instances), {@code names} naming them in the result and in messages.
     */
    public static PyramidResult write(List<Path> outputs, SegmentationMask mask, List<SegmentDescription> segments,
                                      List<SourceImages> sources, List<String> names, SegWriteOptions options)
            throws InputException, OutputException {
        if (sources.isEmpty() || outputs.size() != sources.size() || names.size() != sources.size()) {
            throw new IllegalArgumentException("Give one output file and one name per level: " + outputs.size() + " outputs, "
                    + names.size() + " names, " + sources.size() + " levels");
        }
        SegWriteOptions o = options == null ? SegWriteOptions.defaults() : options;
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).totalPixelMatrix() == null) {
                throw new SegWriteException(names.get(i) + " is not a slide level (VL Whole Slide Microscopy image)");
            }
        }
        TotalPixelMatrix base = sources.get(0).totalPixelMatrix();
        String series = o.seriesInstanceUid() != null ? o.seriesInstanceUid() : Uids.create();
        String pyramid = o.pyramidUid() != null ? o.pyramidUid() : Uids.create();
        TiledGeometry g = o.tiledGeometry();
        List<SegWriteResult> out = new ArrayList<>();
        List<String> notWritten = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            TotalPixelMatrix m = sources.get(i).totalPixelMatrix();
            double ratio = m.columnSpacing() / base.columnSpacing();
            int f = (int) Math.round(ratio);
            if (f < 1 || Math.abs(ratio - f) > 0.01 * f || Math.abs(m.rowSpacing() / base.rowSpacing() - f) > 0.01 * f) {
                notWritten.add(names.get(i) + ": its pixel spacing " + m.rowSpacing() + "\\" + m.columnSpacing()
                        + " mm is not an integer multiple of the mask level's " + base.rowSpacing() + "\\" + base.columnSpacing() + " mm");
                continue;
            }
            if (m.focalPlaneCount() != mask.planes()) { // each level's focal planes: one mask plane each
                notWritten.add(names.get(i) + ": it has " + m.focalPlaneCount() + (m.focalPlaneCount() == 1 ? " focal plane" : " focal planes")
                        + ", the mask " + mask.planes() + (mask.planes() == 1 ? " plane" : " planes"));
                continue;
            }
            long col = g.columnOffset() / f, row = g.rowOffset() / f;
            if (row >= m.rows() || col >= m.columns()) {
                notWritten.add(names.get(i) + ": the region (from row " + g.rowOffset() + ", column "
                        + g.columnOffset() + " of the first level) has no pixel on this level of " + m.columns() + " x " + m.rows()
                        + " (downsampled by " + f + ")");
                continue;
            }
            SegmentationMask level = f == 1 ? mask : mask.downsampled(f, (int) (g.columnOffset() - col * f), (int) (g.rowOffset() - row * f),
                    (int) Math.min(Integer.MAX_VALUE, m.rows() - row), (int) Math.min(Integer.MAX_VALUE, m.columns() - col));
            SegWriteOptions lo = o.toBuilder().seriesInstanceUid(series).sopInstanceUid(null).instanceNumber(i + 1)
                    .pyramidUid(pyramid).tiledGeometry(g.withRegionOffset(row, col)).build();
            out.add(SegWriter.write(outputs.get(i), level, segments, sources.get(i), lo));
        }
        return new PyramidResult(out, notWritten);
    }
}
