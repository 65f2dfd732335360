package org.dicomseg.ij.open;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.dcmqi.DcmqiMetadataWriter;
import org.dicomseg.dicom.AtomicOutput;
import org.dicomseg.ij.export.SegmentMetadataMatch;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.options.SegmentSelection;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.source.SourceFrame;
import org.dicomseg.task.InputException;
import org.dicomseg.task.OutputException;
import org.dicomseg.task.Progress;
import org.dicomseg.volume.VolumeFormat;
import org.dicomseg.volume.VolumeGrid;
import org.dicomseg.volume.VolumeWriter;
import org.dicomseg.volume.VoxelType;

/**
 * A SEG written as a NIfTI or NRRD volume ({@code import SEG --out Y.nii.gz|Y.nrrd}, the importer's
 * volume output), beside its segment descriptions as dcmqi JSON ({@code Y.json}, which
 * {@code export --labels Y.nii.gz} reads back without {@code --meta}). {@link Layout#LABELS}: one
 * label map (pixel value = segment number; overlapping segments refused unless "last wins");
 * {@link Layout#SEGMENTS}: a 4-D volume with one component per segment (0/1, or fractions in
 * [0, 1] for a FRACTIONAL SEG). The planes are the SEG's own, sorted along the slice normal with
 * the gaps between them filled with empty planes ({@link Reconstructor#volume}), or, given the
 * source series, one per source image ({@link Reconstructor#volumeOnGrid}); the affine maps
 * voxel (i, j, k) to Image Position (Patient) of plane k + i·Δcolumn·row direction + j·Δrow·column
 * direction (PS3.3 C.7.6.2.1.1), written in the file's convention (NIfTI RAS sform/qform, NRRD
 * left-posterior-superior) by {@link VolumeWriter}. Both files appear atomically; on any failure
 * neither is left behind.
 */
public final class VolumeImport {
    /** What the volume holds. */
    public enum Layout {
        /** One label map. */
        LABELS,
        /** One component (4th axis) per segment. */
        SEGMENTS;

        /** The layout of an {@code --as} / {@code as=} value: {@code labels} or {@code segments}. */
        public static Layout parse(String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "labels": return LABELS;
                case "segments": return SEGMENTS;
                default: throw new IllegalArgumentException("a volume holds 'labels' or 'segments', not '" + s + "'");
            }
        }
    }

    private VolumeImport() { }

    /** What was written, for the log. */
    public static final class Result {
        private final Path volume;
        private final Path metadata;
        private final String summary;
        private final List<String> notes;

        Result(Path volume, Path metadata, String summary, List<String> notes) {
            this.volume = volume;
            this.metadata = metadata;
            this.summary = summary;
            this.notes = List.copyOf(notes);
        }

        public Path volume() { return volume; }
        public Path metadata() { return metadata; }
        /** E.g. "label map 512x512x3, uint8, 1 segment(s)". */
        public String summary() { return summary; }
        public List<String> notes() { return notes; }
    }

    /**
     * Writes {@code seg} to {@code out} ({@code .nii}, {@code .nii.gz} or {@code .nrrd}) and its
     * segment descriptions to {@code out}'s {@code .json} sibling.
     *
     * @param segments  the segments to write (null: all)
     * @param lastWins  LABELS: where segments overlap, the one listed last wins (else refused)
     * @param overwrite replace existing output files
     */
    public static Result write(Path seg, Path out, Layout layout, SegmentSelection segments, boolean lastWins, boolean overwrite, Progress progress)
            throws IOException {
        return write(seg, out, layout, segments, lastWins, overwrite, null, progress);
    }

    /**
     * As {@link #write(Path, Path, Layout, SegmentSelection, boolean, boolean, Progress)}, on the grid
     * of {@code sourceGrid} (the source series' frames, any order) when not null: one plane per
     * source image, so the volume has the source series' extent and affine (that of the CT's own
     * NIfTI, as dcm2niix would write it, but for its axis order); a frame on none of them is refused.
     */
    public static Result write(Path seg, Path out, Layout layout, SegmentSelection segments, boolean lastWins, boolean overwrite,
                               List<SourceFrame> sourceGrid, Progress progress) throws IOException {
        Path json = VolumeFormat.metadataFileOf(out);
        if (seg.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())
                || seg.toAbsolutePath().normalize().equals(json.toAbsolutePath().normalize())) {
            throw new OutputException("The output " + out.getFileName() + " (or " + json.getFileName() + ") must not be the SEG itself");
        }
        AtomicOutput.check(out, List.of(seg), overwrite);
        AtomicOutput.check(json, List.of(seg), overwrite);
        VolumeWriter writer = VolumeWriter.forFile(out);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            if (r.metadata().isTiled()) {
                throw new InputException(seg.getFileName() + " is a tiled (slide) SEG: it has no 3-D grid to write as a volume; import it as a TIFF");
            }
            boolean fractional = r.segmentationType() == SegmentationType.FRACTIONAL;
            ReconstructionOptions o = ReconstructionOptions.defaults().progress(progress == null ? Progress.NONE : progress);
            if (segments != null && !segments.all()) {
                o.segments(segments.resolve(r.segmentNumbers()).stream().mapToInt(Integer::intValue).toArray());
            }
            if (layout == Layout.LABELS) {
                o.combineToLabelMap().overlapPolicy(lastWins ? ReconstructionOptions.OverlapPolicy.LAST_WINS : ReconstructionOptions.OverlapPolicy.FAIL);
            } else if (fractional) {
                o.rescaleFractional(true);
            }
            SegmentationVolume v;
            if (sourceGrid == null) {
                v = Reconstructor.volume(r, o);
            } else {
                List<double[]> positions = new ArrayList<>();
                for (SourceFrame f : sourceGrid) {
                    if (f.position() == null) throw new InputException("Source image " + f + " has no Image Position (Patient)");
                    positions.add(f.position().toArray());
                }
                double[] orientation = sourceGrid.get(0).orientation() == null ? null : sourceGrid.get(0).orientation().toArray();
                v = Reconstructor.volumeOnGrid(r, positions, orientation, o);
            }
            VolumeGrid grid = grid(seg, v);
            VoxelType type = v.pixelType() == SegmentationVolume.PixelType.UINT16 ? VoxelType.UINT16
                    : v.pixelType() == SegmentationVolume.PixelType.FLOAT32 ? VoxelType.FLOAT32 : VoxelType.UINT8;
            boolean binaryChannels = layout == Layout.SEGMENTS && type == VoxelType.UINT8;
            int n = v.width() * v.height();
            AtomicOutput.write(out, overwrite, tmp -> writer.write(tmp, grid, type, v.channels(), (c, k) -> {
                Object p = v.plane(c, k);
                if (!binaryChannels) return p;
                byte[] src = (byte[]) p;
                byte[] one = new byte[n];
                for (int i = 0; i < n; i++) one[i] = src[i] != 0 ? (byte) 1 : 0;
                return one;
            }));
            try {
                DcmqiMetadata meta = metadata(r, v, layout);
                AtomicOutput.write(json, overwrite, tmp -> DcmqiMetadataWriter.write(meta, tmp));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(out);
                throw e;
            }
            String what = (layout == Layout.LABELS ? "label map " : v.channels() + " segment component(s) of ") + v.width() + "x"
                    + v.height() + "x" + v.planes() + ", " + type.name().toLowerCase(Locale.ROOT) + ", " + v.segmentNumbers().length
                    + " segment(s)";
            List<String> notes = new ArrayList<>(v.notes());
            notes.add("segment descriptions in " + json.getFileName() + " (dcmqi JSON)");
            return new Result(out, json, what, notes);
        }
    }

    /** The voxel grid of the reconstructed planes, in LPS; refused when the planes are not one regular grid. */
    static VolumeGrid grid(Path seg, SegmentationVolume v) throws InputException {
        double[][] pos = v.planePositions();
        double[] iop = v.imageOrientationPatient();
        double[] ps = v.pixelSpacing();
        if (pos == null || pos.length == 0 || pos[0] == null || iop == null || ps == null) {
            throw new InputException(seg.getFileName() + " has no plane positions, orientation or pixel spacing: it cannot be placed"
                    + " in a NIfTI/NRRD volume");
        }
        double[] row = {iop[0], iop[1], iop[2]};
        double[] col = {iop[3], iop[4], iop[5]};
        double[][] axes = new double[3][];
        axes[0] = scale(row, ps[1]);
        axes[1] = scale(col, ps[0]);
        int n = pos.length;
        if (n > 1) {
            axes[2] = new double[3];
            for (int d = 0; d < 3; d++) axes[2][d] = (pos[n - 1][d] - pos[0][d]) / (n - 1);
            for (int k = 1; k < n - 1; k++) {
                for (int d = 0; d < 3; d++) {
                    if (Math.abs(pos[0][d] + k * axes[2][d] - pos[k][d]) > 0.01) {
                        throw new InputException(seg.getFileName() + ": its planes are not evenly spaced (plane " + (k + 1)
                                + " is off the line from the first to the last plane), so they are not one NIfTI/NRRD grid");
                    }
                }
            }
        } else {
            double[] nrm = {row[1] * col[2] - row[2] * col[1], row[2] * col[0] - row[0] * col[2], row[0] * col[1] - row[1] * col[0]};
            axes[2] = scale(nrm, v.sliceSpacing() > 0 ? v.sliceSpacing() : 1);
        }
        VolumeGrid g = new VolumeGrid(new int[] {v.width(), v.height(), n}, pos[0], axes);
        if (!g.isRegular()) throw new InputException(seg.getFileName() + ": its planes do not form a 3-D grid");
        return g;
    }

    private static double[] scale(double[] v, double s) {
        return new double[] {v[0] * s, v[1] * s, v[2] * s};
    }

    /**
     * dcmqi JSON for what was written: LABELS, each segment with labelID = its value in the label
     * map; SEGMENTS, segment i of the file (component i) with labelID 1 in input file i.
     */
    static DcmqiMetadata metadata(SegmentationReader r, SegmentationVolume v, Layout layout) {
        DcmqiMetadata.Builder b = DcmqiMetadata.builder();
        int[] numbers = v.segmentNumbers();
        int[] values = v.labelValues();
        String series = r.metadata().seriesDescription();
        if (series != null) b.seriesDescription(series);
        for (int i = 0; i < numbers.length; i++) {
            SegmentDescription d = SegmentMetadataMatch.renumber(r.getSegmentDescription(numbers[i]), i + 1);
            if (layout == Layout.LABELS) b.addSegment(d, 0, values[i]);
            else b.addSegment(d, i, 1);
        }
        return b.build();
    }
}
