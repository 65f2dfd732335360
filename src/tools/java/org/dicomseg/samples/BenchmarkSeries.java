package org.dicomseg.samples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Large CT series for benchmarks, written quickly: valid single-frame CT Image Storage files
 * (the same header as {@link CtSeriesWriter}) whose pixels are either all zero or the
 * noise-free {@link Phantom}, stretched along z so the organs span most of the series. A field of
 * view of 256 mm is kept whatever the matrix (512 → 0.5 mm pixels); slices are 1 mm apart.
 */
public final class BenchmarkSeries {
    /** What the pixel data of benchmark slices contains. */
    public enum Pixels {
        /** All zero stored values (-1024 HU): the fastest. */
        ZEROS,
        /** The noise-free phantom; cheap too (a few ellipse tests per pixel). */
        PHANTOM
    }

    /** Field of view in mm, across rows and columns. */
    public static final double FIELD_OF_VIEW_MM = 256;
    /** Slice spacing and thickness in mm. */
    public static final double SLICE_SPACING_MM = 1;

    private BenchmarkSeries() { }

    /** The geometry of a benchmark series: centred, square pixels of 256 mm / columns. */
    public static VolumeGeometry geometry(int slices, int rows, int columns) {
        return VolumeGeometry.centred(rows, columns, slices, FIELD_OF_VIEW_MM / columns, SLICE_SPACING_MM);
    }

    /** The phantom of a benchmark series: liver half-length 40 % of the series length. */
    public static Phantom phantom(int slices) {
        return new Phantom(Math.max(1.0, 0.4 * slices * SLICE_SPACING_MM));
    }

    /**
     * Writes {@code slices} files of {@code rows} × {@code columns} into {@code dir} (IM0001.dcm, ...)
     * for the study {@code SampleStudy.deterministic(seed)}, series key "benchmark", number 100.
     */
    public static List<Path> write(Path dir, int slices, int rows, int columns, Pixels pixels, long seed) throws IOException {
        return write(dir, SampleStudy.deterministic(seed), slices, rows, columns, pixels);
    }

    /** As {@link #write(Path, int, int, int, Pixels, long)} with slices {@code sliceSpacing} mm apart (and as thick). */
    public static List<Path> write(Path dir, int slices, int rows, int columns, double sliceSpacing, Pixels pixels, long seed)
            throws IOException {
        return new CtSeriesWriter(SampleStudy.deterministic(seed),
                VolumeGeometry.centred(rows, columns, slices, FIELD_OF_VIEW_MM / columns, sliceSpacing), phantom(slices))
                .series("benchmark-" + slices + "x" + rows + "x" + columns, 100, "Benchmark phantom CT")
                .noise(0)
                .zeroPixels(pixels == Pixels.ZEROS)
                .write(dir);
    }

    /** As {@link #write(Path, int, int, int, Pixels, long)} for a given study. */
    public static List<Path> write(Path dir, SampleStudy study, int slices, int rows, int columns, Pixels pixels) throws IOException {
        return new CtSeriesWriter(study, geometry(slices, rows, columns), phantom(slices))
                .series("benchmark-" + slices + "x" + rows + "x" + columns, 100, "Benchmark phantom CT")
                .noise(0)
                .zeroPixels(pixels == Pixels.ZEROS)
                .write(dir);
    }
}
