package org.dicomseg.volume;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.model.PixelMeasures;
import org.dicomseg.model.PlaneOrientation;
import org.dicomseg.model.PlanePosition;
import org.dicomseg.model.SegmentationGeometry;
import org.dicomseg.source.SourceFrame;

/**
 * A NIfTI-1/2 or NRRD segmentation volume (the front door of this package): a 3-D label map
 * (8/16/32-bit integers, labels 0..65535), a 3-D probability map (float, or scaled integers; values
 * in [0, 1]) or a 4-D volume whose 4th axis holds one segment per component.
 *
 * <pre>{@code
 * try (LabelVolume v = LabelVolume.read(Paths.get("liver_seg.nrrd"))) {
 *     SourceImages src = SourceImages.read(ctFiles);              // in spatial order
 *     VolumePlacement at = v.placeOn(src.frames());                // or refused: size/spacing/orientation/origin differ
 *     SegWriter.write(out, LabelMapMask.of(v.planes(0, at)), segments, src, options);
 * }
 * }</pre>
 *
 * Reading the header allocates nothing the header asks for; voxels are read plane by plane when
 * {@link #planes} are read, and the file stays open until {@link #close()}.
 */
public final class LabelVolume implements Closeable {
    private final VolumeHeader header;
    private final List<VoxelSource> sources = new ArrayList<>();

    private LabelVolume(VolumeHeader header) {
        this.header = header;
    }

    /**
     * Reads the header of a {@code .nii}, {@code .nii.gz}, {@code .nrrd} or {@code .nhdr} file.
     *
     * @throws VolumeFormatException when the file does not exist, is not of its format, lies about
     *                               its sizes, or holds a type or layout that is not read
     */
    public static LabelVolume read(Path file) throws VolumeFormatException {
        Objects.requireNonNull(file, "file");
        VolumeFormat format = VolumeFormat.of(file);
        if (format == null) throw new VolumeFormatException(file.getFileName() + ": not a .nii, .nii.gz, .nrrd or .nhdr file");
        if (!Files.isRegularFile(file)) throw new VolumeFormatException("Volume " + file + " does not exist");
        return new LabelVolume(format == VolumeFormat.NIFTI ? NiftiHeader.read(file) : NrrdHeader.read(file));
    }

    public VolumeHeader header() { return header; }
    public VolumeGrid grid() { return header.grid(); }
    /** Segments in the file: 1 for a 3-D volume, the 4th-axis length for a 4-D one. */
    public int components() { return header.components(); }
    /** True when the voxels are fractions (FRACTIONAL), false for labels. */
    public boolean fractional() { return header.fractional(); }
    /** The file name, for messages. */
    public String name() { return header.name(); }

    /**
     * The voxels matched to the source planes by position ({@link GridMatch}).
     *
     * @param frames the source planes in SEG plane order
     * @throws VolumeFormatException naming what differs when the file is not on their grid
     */
    public VolumePlacement placeOn(List<SourceFrame> frames) throws VolumeFormatException {
        return GridMatch.onSources(name(), grid(), frames);
    }

    /** The file's own planes (for a SEG with the file's geometry). */
    public VolumePlacement ownGrid() {
        return VolumePlacement.ownGrid(grid());
    }

    /**
     * The file's own geometry as a SEG carries it (highdicom's custom geometry): one Image Position
     * (Patient) per k plane, the i and j directions as Image Orientation (Patient), and the voxel
     * sizes as Pixel Spacing (j, i), Slice Thickness and Spacing Between Slices (k).
     */
    public SegmentationGeometry ownGeometry() {
        VolumeGrid g = grid();
        List<PlanePosition> positions = new ArrayList<>();
        for (int k = 0; k < g.size(2); k++) positions.add(PlanePosition.of(g.position(0, 0, k)));
        double[] r = g.direction(0);
        double[] c = g.direction(1);
        PlaneOrientation o = new PlaneOrientation(r[0], r[1], r[2], c[0], c[1], c[2]);
        PixelMeasures pm = new PixelMeasures(g.spacing(1), g.spacing(0), g.spacing(2), g.spacing(2));
        return new SegmentationGeometry(positions, o, pm);
    }

    /**
     * Component {@code component} (0-based) as mask planes placed by {@code placement}: labels
     * (UINT8/UINT16) or fractions (FLOAT32), read plane by plane from the file.
     */
    public synchronized MaskPlanes planes(int component, VolumePlacement placement) throws VolumeFormatException {
        if (component < 0 || component >= components()) throw new IllegalArgumentException("component " + component + " of " + components());
        // One source for all components: gzip data are inflated once whatever order the writer reads them in.
        if (sources.isEmpty()) sources.add(new VoxelSource(header));
        return new VolumeMaskPlanes(header, sources.get(0), placement, component);
    }

    @Override public synchronized void close() throws IOException {
        IOException first = null;
        for (VoxelSource s : sources) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) first = e;
            }
        }
        sources.clear();
        if (first != null) throw first;
    }

    @Override public String toString() { return header.toString(); }
}
