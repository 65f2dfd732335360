package org.dicomseg.ij.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import java.awt.Color;

import ij.ImagePlus;

import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.PixelKind;
import org.dicomseg.mask.ScaledMaskPlanes;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.dcmqi.LabelMapping;
import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.ij.slide.SlideTarget;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.task.Progress;

/**
 * Plans the export of an image (Export Label Image as SEG...): an 8/16-bit single-channel image
 * is a label map (pixel value = label, each label one segment); a multi-channel hyperstack gives
 * one segment per channel (nonzero pixels, or fractions for 32-bit channels; overlaps allowed); a
 * 32-bit single-channel image is one fractional segment (values in [0, 1]). Planes are read from
 * the stack without copying ({@link ImageMaskPlanes}).
 */
public final class LabelImageExport {
    private LabelImageExport() { }

    /**
     * Plans the export of {@code imp}: mask, segment descriptions, suggested type and log notes.
     *
     * @param imp  the image
     * @param meta segment metadata, or null for defaults
     */
    public static ExportPlan prepare(ImagePlus imp, DcmqiMetadata meta) {
        return prepare(imp, meta, Progress.NONE);
    }

    /**
     * As {@link #prepare(ImagePlus, DcmqiMetadata)}, with every plane the writer reads
     * reported to {@code progress} (which can cancel the export).
     */
    public static ExportPlan prepare(ImagePlus imp, DcmqiMetadata meta, Progress progress) {
        return prepare(imp, meta, progress, null);
    }

    /**
     * As {@link #prepare(ImagePlus, DcmqiMetadata, Progress)} for a single-plane slide image
     * written on another level of its slide ({@code target}, e.g. the finest): each plane is seen
     * on the target grid by nearest neighbour ({@link ScaledMaskPlanes}), tile by tile, so labels
     * keep their values and the full-resolution plane is never made. {@code target} null or the
     * image's own level: as without it.
     */
    public static ExportPlan prepare(ImagePlus imp, DcmqiMetadata meta, Progress progress, SlideTarget target) {
        return prepare(imp, meta, false, progress, target);
    }

    /**
     * As {@link #prepare(ImagePlus, DcmqiMetadata, Progress, SlideTarget)}; {@code metaOfImage} says
     * that {@code meta} is the image's own (stored on it by the importer or Segment Metadata...), not
     * a file given to the export: segments added since get default descriptions, removed ones are left
     * out, renamed channels keep their codes ({@link EditedSegments}); a given file must describe
     * every segment.
     */
    public static ExportPlan prepare(ImagePlus imp, DcmqiMetadata meta, boolean metaOfImage, Progress progress, SlideTarget target) {
        List<String> notes = new ArrayList<>();
        PixelKind kind = ImageMaskPlanes.kindOf(imp);
        Monitoring m = new Monitoring(progress);
        UnaryOperator<MaskPlanes> view = UnaryOperator.identity();
        if (target != null && !target.isOwn()) {
            if (SourceLocator.planesOf(imp) != 1) {
                throw new IllegalArgumentException("Only a single-plane image can be written on another slide level; '"
                        + imp.getTitle() + "' has " + SourceLocator.planesOf(imp) + " planes");
            }
            view = p -> new ScaledMaskPlanes(p, 0, target.scaleX(), target.scaleY(), target.shiftX(), target.shiftY(),
                    target.width(), target.height());
            notes.add(String.format(java.util.Locale.ROOT, "Scaled by %.4g x %.4g (nearest neighbour) to a %dx%d region of %s,"
                    + " tile by tile", target.scaleX(), target.scaleY(), target.width(), target.height(), target.placement()));
        }
        if (imp.getNChannels() > 1) return channels(imp, meta, metaOfImage, notes, m, view);
        if (kind == PixelKind.FLOAT32) return fractional(imp, meta, notes, m, view);
        return labelMap(imp, meta, metaOfImage, notes, m, view);
    }

    /**
     * What an image says about its own descriptions when they are edited (the metadata is the
     * image's, not a given file): its channels' names and the Segment Number each channel or label
     * was imported as ({@link ChannelNames}).
     */
    private static final class Own {
        final List<String> names;
        final List<Integer> numbers;

        Own(ImagePlus imp) {
            this.names = ChannelNames.of(imp);
            this.numbers = ChannelNames.describedAs(imp);
        }
    }

    private static ExportPlan labelMap(ImagePlus imp, DcmqiMetadata meta, boolean metaOfImage, List<String> notes, Monitoring mon,
                                       UnaryOperator<MaskPlanes> view) {
        return labelMap(new ImageMaskPlanes(imp, 1), imp.getTitle(), v -> ImageColors.ofLabel(imp, v), meta,
                metaOfImage ? new Own(imp) : null, notes, mon, view);
    }

    /**
     * A label map (8/16-bit planes) as segments: described by {@code meta} (dcmqi labelIDs), or one
     * default segment per label value found; also the plan of a NIfTI/NRRD label map ({@link VolumeExport}).
     */
    static ExportPlan labelMap(MaskPlanes planes, String title, IntFunction<Color> colorOfLabel, DcmqiMetadata meta,
                               List<String> notes, Monitoring mon, UnaryOperator<MaskPlanes> view) {
        return labelMap(planes, title, colorOfLabel, meta, null, notes, mon, view);
    }

    /** As above; {@code own} not null: {@code meta} is the image's own, and edited ({@link EditedSegments}). */
    private static ExportPlan labelMap(MaskPlanes planes, String title, IntFunction<Color> colorOfLabel, DcmqiMetadata meta, Own own,
                                       List<String> notes, Monitoring mon, UnaryOperator<MaskPlanes> view) {
        int[] labels = org.dicomseg.mask.LabelMapMask.distinctLabels(planes,
                planes instanceof ImageMaskPlanes && ((ImageMaskPlanes) planes).inMemory());
        List<SegmentDescription> segments = new ArrayList<>();
        Map<Integer, Integer> labelToSegment = new LinkedHashMap<>();
        if (meta != null && own != null) {
            if (labels.length == 0) {
                throw new IllegalArgumentException("'" + title + "' contains no labels (every pixel is 0):"
                        + " nothing to export");
            }
            // one imported BINARY segment as a one-channel hyperstack is a 0/255 mask of that segment
            List<Integer> numbers = own.numbers;
            int only = numbers != null && numbers.size() == 1 && labels.length == 1 && labels[0] == 255 ? numbers.get(0) : -1;
            EditedSegments e = EditedSegments.ofLabels(meta, labels, v -> only > 0 && v == 255 ? only : v, colorOfLabel);
            segments.addAll(e.segments());
            for (int i = 0; i < labels.length; i++) labelToSegment.put(labels[i], i + 1);
            notes.addAll(e.notes());
        } else if (meta != null) {
            List<LabelMapping> maps = SegmentMetadataMatch.forLabels(meta, labels);
            for (LabelMapping m : maps) {
                int n = segments.size() + 1;
                segments.add(SegmentMetadataMatch.renumber(meta.segment(m.segmentNumber()).orElseThrow(), n));
                labelToSegment.put(m.labelId(), n);
            }
            List<Integer> absent = new ArrayList<>();
            for (int v : labelToSegment.keySet()) if (java.util.Arrays.binarySearch(labels, v) < 0) absent.add(v);
            if (!absent.isEmpty()) notes.add("Label value(s) " + absent + " are described in the metadata but absent from the image;"
                    + " their segments are written without frames");
        } else {
            if (labels.length == 0) {
                throw new IllegalArgumentException("'" + title + "' contains no labels (every pixel is 0):"
                        + " nothing to export");
            }
            for (int v : labels) {
                int n = segments.size() + 1;
                SegmentDescription d = DefaultSegments.of(n, "Segment " + n, false, colorOfLabel.apply(v));
                if (v != n) d = d.toBuilder().description("ImageJ label value " + v).build();
                segments.add(d);
                labelToSegment.put(v, n);
            }
            notes.add("No segment metadata: " + segments.size() + " default segment(s) (Tissue, AUTOMATIC, algorithm ImageJ)"
                    + " for label value(s) " + java.util.Arrays.toString(labels)
                    + "; use Plugins > DICOM SEG > Segment Metadata... or meta= to describe them");
        }
        boolean identity = true;
        for (Map.Entry<Integer, Integer> e : labelToSegment.entrySet()) identity &= e.getKey().equals(e.getValue());
        MaskPlanes watched = mon.wrap(view.apply(planes), 2L * planes.planes());
        SegmentationMask mask = identity ? LabelMapMask.of(watched) : LabelMapMask.of(watched, labelToSegment);
        return new ExportPlan(mask, segments, SegmentationType.BINARY, notes);
    }

    private static ExportPlan fractional(ImagePlus imp, DcmqiMetadata meta, List<String> notes, Monitoring mon,
                                         UnaryOperator<MaskPlanes> view) {
        return fractional(new ImageMaskPlanes(imp, 1), ImageColors.ofChannel(imp, 1), meta, notes, mon, view);
    }

    /** One probability map (float planes in [0, 1]) as one FRACTIONAL segment. */
    static ExportPlan fractional(MaskPlanes planes, Color color, DcmqiMetadata meta, List<String> notes, Monitoring mon,
                                 UnaryOperator<MaskPlanes> view) {
        List<SegmentDescription> segments = new ArrayList<>();
        if (meta != null) {
            segments.add(SegmentMetadataMatch.renumber(meta.segments().get(0), 1));
            if (meta.segments().size() > 1) notes.add("The metadata describes " + meta.segments().size()
                    + " segments; a single-channel probability map uses the first");
        } else {
            segments.add(DefaultSegments.of(1, "Segment 1", false, color));
            notes.add("No segment metadata: default segment 'Segment 1' (Tissue, AUTOMATIC, algorithm ImageJ)");
        }
        return new ExportPlan(StackedMasks.of(mon.wrap(view.apply(planes), 2L * planes.planes())), segments, SegmentationType.FRACTIONAL, notes);
    }

    private static ExportPlan channels(ImagePlus imp, DcmqiMetadata meta, boolean metaOfImage, List<String> notes, Monitoring mon,
                                       UnaryOperator<MaskPlanes> view) {
        int c = imp.getNChannels();
        List<MaskPlanes> masks = new ArrayList<>();
        for (int ch = 1; ch <= c; ch++) masks.add(new ImageMaskPlanes(imp, ch));
        return channels(masks, SourceLocator.planesOf(imp), imp.getBitDepth() == 32, ch -> ImageColors.ofChannel(imp, ch), meta,
                metaOfImage ? new Own(imp) : null, notes, mon, view);
    }

    /**
     * One segment per channel (nonzero voxels, or fractions for float channels; overlaps allowed),
     * {@code colorOfChannel} taking the 1-based channel.
     */
    static ExportPlan channels(List<MaskPlanes> channels, int planesPerChannel, boolean fractional, IntFunction<Color> colorOfChannel,
                               DcmqiMetadata meta, List<String> notes, Monitoring mon, UnaryOperator<MaskPlanes> view) {
        return channels(channels, planesPerChannel, fractional, colorOfChannel, meta, null, notes, mon, view);
    }

    /** As above; {@code own} not null: {@code meta} is the image's own, and edited ({@link EditedSegments}). */
    private static ExportPlan channels(List<MaskPlanes> channels, int planesPerChannel, boolean fractional,
                                       IntFunction<Color> colorOfChannel, DcmqiMetadata meta, Own own, List<String> notes,
                                       Monitoring mon, UnaryOperator<MaskPlanes> view) {
        int c = channels.size();
        List<MaskPlanes> masks = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int ch = 1; ch <= c; ch++) {
            masks.add(mon.wrap(view.apply(channels.get(ch - 1)), 2L * c * planesPerChannel));
            names.add("Segment " + ch);
        }
        List<SegmentDescription> segments = new ArrayList<>();
        if (meta != null && own != null) {
            List<Color> colors = new ArrayList<>();
            for (int ch = 1; ch <= c; ch++) colors.add(colorOfChannel.apply(ch));
            EditedSegments e = EditedSegments.ofNames(meta, own.names, own.numbers, false, colors);
            segments.addAll(e.segments());
            notes.addAll(e.notes());
        } else if (meta != null) {
            segments.addAll(SegmentMetadataMatch.forNames(meta, names));
        } else {
            for (int ch = 1; ch <= c; ch++) segments.add(DefaultSegments.of(ch, names.get(ch - 1), false, colorOfChannel.apply(ch)));
            notes.add("No segment metadata: " + c + " default segments, one per channel (Tissue, AUTOMATIC, algorithm ImageJ)");
        }
        return new ExportPlan(StackedMasks.of(masks), segments, fractional ? SegmentationType.FRACTIONAL : SegmentationType.BINARY, notes);
    }
}
