package org.dicomseg.ij.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.dcmqi.DcmqiMetadataReader;
import org.dicomseg.ij.source.SourceSeries;
import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.model.SegmentationGeometry;
import org.dicomseg.source.SourceImages;
import org.dicomseg.task.InputException;
import org.dicomseg.task.OutputException;
import org.dicomseg.task.Progress;
import org.dicomseg.volume.LabelVolume;
import org.dicomseg.volume.VolumeFormat;
import org.dicomseg.volume.VolumePlacement;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import org.dicomseg.write.SegWriter;

/**
 * Plans the export of a NIfTI or NRRD volume ({@code export --labels X.nii.gz}, Export Label Image
 * as SEG... with {@code labels=[X.nii.gz]}), as {@link LabelImageExport} does for an image: a 3-D
 * integer volume is a label map, a 3-D float (or scaled) volume one FRACTIONAL segment, a 4-D
 * volume one segment per component (overlaps allowed). Its planes are matched to the source images
 * by position ({@link LabelVolume#placeOn}; a file on another grid is refused naming what differs)
 * or, with {@code ownGeometry}, written on the file's own grid (a custom-geometry SEG). Segment
 * descriptions: the metadata given, else the dcmqi JSON beside the file ({@code X.json}, as
 * {@code import --out X.nii.gz} writes it), else defaults.
 */
public final class VolumeExport {
    private final ExportPlan plan;
    private final SourceImages sources;
    private final SegmentationGeometry geometry;

    private VolumeExport(ExportPlan plan, SourceImages sources, SegmentationGeometry geometry) {
        this.plan = plan;
        this.sources = sources;
        this.geometry = geometry;
    }

    /** The mask, segments, suggested type and notes. */
    public ExportPlan plan() { return plan; }
    /** The source images, in SEG plane order unless {@link #geometry()} is set. */
    public SourceImages sources() { return sources; }
    /** The file's own geometry for a custom-geometry SEG, or null (the sources' grid). */
    public SegmentationGeometry geometry() { return geometry; }

    /**
     * The metadata to use for {@code volume}: {@code given} when not null, else the dcmqi JSON beside
     * it ({@code X.json}) when there is one (a note says so), else null.
     */
    public static DcmqiMetadata metadataFor(Path volume, DcmqiMetadata given, List<String> notes) throws IOException {
        if (given != null) return given;
        Path beside = VolumeFormat.metadataFileOf(volume);
        if (!Files.isRegularFile(beside)) return null;
        notes.add("Segment metadata from " + beside.getFileName() + " beside " + volume.getFileName());
        return DcmqiMetadataReader.readFile(beside);
    }

    /**
     * Plans the export of {@code volume} over {@code sources}.
     *
     * @param meta        segment metadata, or null for defaults
     * @param ownGeometry true for a SEG on the file's own grid (custom geometry), false to match the sources' grid
     * @param notes       notes gathered so far (e.g. from {@link #metadataFor}); the plan's notes follow them
     * @throws InputException naming what differs when the volume is not on the sources' grid, or
     *                        what is wrong with the volume's header
     */
    public static VolumeExport prepare(LabelVolume volume, SourceSeries sources, DcmqiMetadata meta, boolean ownGeometry,
                                       List<String> notes, Progress progress) throws InputException {
        Objects.requireNonNull(volume, "volume");
        SourceImages src = sources.sourceImages();
        VolumePlacement at = ownGeometry ? volume.ownGrid() : volume.placeOn(src.frames());
        List<String> n = new ArrayList<>(notes);
        if (ownGeometry) {
            n.add("Custom geometry: " + at.planes() + " plane(s) on the grid of " + volume.name() + " (" + volume.grid() + ")");
        } else {
            n.add(volume.name() + " lies on the grid of the " + src.frameCount() + " source image(s); planes matched by position ("
                    + at + ")" + (at.emptyPlanes() > 0 ? "; " + at.emptyPlanes() + " source plane(s) outside the file are empty" : ""));
        }
        Monitoring mon = new Monitoring(progress);
        UnaryOperator<MaskPlanes> view = UnaryOperator.identity();
        ExportPlan plan;
        String title = volume.name();
        if (volume.components() > 1) {
            List<MaskPlanes> channels = new ArrayList<>();
            for (int c = 0; c < volume.components(); c++) channels.add(volume.planes(c, at));
            plan = LabelImageExport.channels(channels, at.planes(), volume.fractional(), ch -> null, meta, n, mon, view);
        } else if (volume.fractional()) {
            plan = LabelImageExport.fractional(volume.planes(0, at), null, meta, n, mon, view);
        } else {
            plan = LabelImageExport.labelMap(volume.planes(0, at), title, v -> null, meta, n, mon, view);
        }
        return new VolumeExport(plan, src, ownGeometry ? volume.ownGeometry() : null);
    }

    /** Writes the SEG (atomically; nothing is left behind on a failure). */
    public SegWriteResult write(SegWriteOptions options, Path out) throws InputException, OutputException {
        return SegWriter.write(out, plan.mask(), plan.segments(), sources, geometry, options);
    }
}
