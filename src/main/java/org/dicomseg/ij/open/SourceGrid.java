package org.dicomseg.ij.open;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dicomseg.ij.source.SourceSeries;
import org.dicomseg.model.PixelMeasures;
import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegReadException;
import org.dicomseg.read.SegmentationMetadata;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.read.SourceImageReference;
import org.dicomseg.reconstruct.PatientCoordinates;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.source.SourceFrame;
import org.dicomseg.source.SourceImages;
import org.dicomseg.task.InputException;

/**
 * The planes of an import laid on the source series: one plane per source image (or frame of one
 * multi-frame source), in the series' order, so the import lines up plane for plane with the
 * source as ImageJ opens it; planes without frames are empty. Frames are placed by the source
 * image they were derived from (Source Image Sequence of the Derivation Image Sequence,
 * PS3.3 C.7.6.16.2.6: highdicom's {@code get_pixels_by_source_instance}/{@code _frame}), or, when
 * the SEG does not say, by Image Position (Patient) on the series' positions (highdicom's
 * {@code get_volume} on the source grid).
 */
final class SourceGrid {
    private final SourceSeries series;
    private final String where;
    private final Path location;
    private final List<SourceFrame> frames;

    SourceGrid(SourceSeries series, String where, Path location) throws InputException {
        this.series = series;
        this.where = where;
        this.location = location;
        SourceImages images = series.sourceImages();
        this.frames = images.frames();
    }

    /** Number of planes: the source images (frames). */
    int planes() { return frames.size(); }
    /** Where the sources were found, for the Log. */
    String where() { return where; }
    /** The folder (or file) holding the sources. */
    Path location() { return location; }
    SourceSeries series() { return series; }
    /** Time points of the series (planes time point by time point), 1 for a volume. */
    int timePoints() {
        try {
            return series.timePoints();
        } catch (InputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The file of each plane for single-frame sources; empty for one multi-frame source. */
    List<Path> files() {
        List<Path> out = new ArrayList<>();
        if (frames.get(0).multiFrame()) return out;
        for (SourceFrame f : frames) out.add(f.file());
        return out;
    }

    /**
     * The SEG's chosen segments on this grid. The planes of the result are in grid order.
     *
     * @throws IllegalArgumentException when a frame lies on no plane of the grid
     */
    SegmentationVolume volume(SegmentationReader r, ReconstructionOptions o) throws SegReadException {
        boolean multiFrame = frames.size() > 1 && frames.get(0).multiFrame();
        if (multiFrame) {
            int[] numbers = new int[frames.size()];
            for (int i = 0; i < numbers.length; i++) numbers[i] = frames.get(i).frameNumber();
            return Reconstructor.bySourceFrames(r, frames.get(0).sopInstanceUid(), numbers, o);
        }
        List<String> uids = new ArrayList<>();
        for (SourceFrame f : frames) uids.add(f.sopInstanceUid());
        if (everyFrameReferences(r, new HashSet<>(uids))) return Reconstructor.bySourceInstances(r, uids, o);
        List<double[]> positions = new ArrayList<>();
        for (SourceFrame f : frames) {
            if (f.position() == null) {
                throw new IllegalArgumentException("the SEG's frames do not name their source images and "
                        + f.file().getFileName() + " has no Image Position (Patient)");
            }
            positions.add(f.position().toArray());
        }
        double[] orientation = frames.get(0).orientation() == null ? null : frames.get(0).orientation().toArray();
        SegmentationVolume sv = Reconstructor.volumeOnGrid(r, positions, orientation, o);
        if (sv.planes() != frames.size()) {
            throw new IllegalArgumentException("the source images lie on " + sv.planes() + " distinct planes, not "
                    + frames.size());
        }
        return sv;
    }

    /**
     * For a volume made by {@link #volume}: the volume plane of grid plane {@code z}. Identity,
     * except on positions of a series that is not in ascending order along the slice normal (an
     * open image ImageJ sorted by Instance Number), where the volume is sorted and the grid is not.
     */
    int[] order(SegmentationVolume sv) {
        int n = frames.size();
        int[] order = new int[n];
        double[][] pos = sv.planePositions();
        boolean positioned = pos.length == n && pos[0] != null && frames.get(0).position() != null;
        for (int z = 0; z < n; z++) {
            order[z] = z;
            if (!positioned) continue;
            double[] want = frames.get(z).position().toArray();
            if (pos[z] != null && PatientCoordinates.distance(pos[z], want) < PatientCoordinates.SAME_GRID_MM) continue;
            double best = Double.MAX_VALUE;
            for (int k = 0; k < n; k++) {
                if (pos[k] == null) continue;
                double d = PatientCoordinates.distance(pos[k], want);
                if (d < best) {
                    best = d;
                    order[z] = k;
                }
            }
        }
        return order;
    }

    /** The geometry of the grid: the sources' positions and UIDs, the SEG's pixel spacing (else the source's). */
    PlaneGeometry geometry(SegmentationMetadata m) {
        int n = frames.size();
        double[][] positions = new double[n][];
        String[] uids = new String[n];
        for (int z = 0; z < n; z++) {
            SourceFrame f = frames.get(z);
            positions[z] = f.position() == null ? null : f.position().toArray();
            uids[z] = f.sopInstanceUid();
        }
        SourceFrame first = frames.get(0);
        double[] spacing = m.pixelSpacing();
        PixelMeasures pm = first.pixelMeasures();
        if (spacing == null && pm != null) spacing = new double[] {pm.rowSpacing(), pm.columnSpacing()};
        double[] orientation = first.orientation() != null ? first.orientation().toArray() : m.imageOrientationPatient();
        double between = pm != null && pm.spacingBetweenSlices() != null ? pm.spacingBetweenSlices() : Double.NaN;
        double thickness = pm != null && pm.sliceThickness() != null ? pm.sliceThickness() : m.sliceThickness();
        return new PlaneGeometry(spacing, Double.isNaN(between) ? m.spacingBetweenSlices() : between, thickness, orientation,
                positions, uids, series.frameOfReferenceUid() != null ? series.frameOfReferenceUid() : m.frameOfReferenceUid(), n);
    }

    /** True when every frame names a source instance and all those instances are in {@code uids}. */
    private static boolean everyFrameReferences(SegmentationReader r, Set<String> uids) {
        for (FrameInfo f : r.frames()) {
            boolean hit = false;
            for (SourceImageReference s : f.sources()) hit |= uids.contains(s.sopInstanceUid());
            if (!hit) return false;
        }
        return !r.frames().isEmpty();
    }
}
