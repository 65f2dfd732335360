package org.dicomseg.ij.open;

import java.util.ArrayList;
import java.util.List;

import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.ReferencedSeries;
import org.dicomseg.read.SegReadException;
import org.dicomseg.read.SegmentationMetadata;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.reconstruct.DownsampledView;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentOverlapException;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.ij.slide.SegSlideSource;
import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.options.SegmentSelection;
import org.dicomseg.task.CanceledException;
import org.dicomseg.task.Progress;

/**
 * Adapts the reader's {@link Reconstructor} to the importer's {@link ImportedSegmentation}: the planes, their
 * order, gap filling, tile pasting and label-map splitting are the reconstructor's (one channel per
 * selected segment, stored values, {@link Reconstructor#volume}, on a source grid
 * {@link SourceGrid}, or, for tiled files,
 * {@link Reconstructor#totalPixelMatrix}); this class only picks the segments, passes the
 * importer's progress and Esc check, and wraps the planes (not copied) with their segment
 * descriptions, geometry and header summary.
 */
public final class ImportReader {
    private ImportReader() { }

    /** The Segment Numbers a user can pick: all, except 0 in a label map. */
    public static List<Integer> selectableSegments(SegmentationReader r) {
        List<Integer> out = new ArrayList<>();
        for (int n : r.segmentNumbers()) {
            if (n == 0 && r.segmentationType() == SegmentationType.LABELMAP) continue;
            out.add(n);
        }
        return out;
    }

    /**
     * Reads the segments chosen by {@code selection} into a volume; a tiled SEG whole, at full
     * resolution.
     *
     * @throws CanceledException when {@code progress} is canceled (Esc): "import canceled; nothing was opened"
     */
    public static ImportedSegmentation read(SegmentationReader r, SegmentSelection selection, Progress progress)
            throws SegReadException {
        return read(r, ImportOptions.builder().segments(selection).downsample(1).build(), null, 0, 0, progress);
    }

    /**
     * Reads the segments of {@code options} into a volume. A tiled (slide) SEG is read as the
     * region and downsampling of a {@link TiledImportPlan} (the options' region/downsample, else the
     * open slide image {@code slide} of {@code slideWidth x slideHeight} pixels when it shares the
     * Frame of Reference, else the whole matrix fitted to {@link TiledImportPlan#MAX_SIDE}); only the
     * tiles in the region are decoded, and a downsampled view is made block by block
     * ({@link DownsampledView}). For a label image the blocks keep their most frequent segment.
     *
     * @param slide the open slide image's placement, or null
     * @throws CanceledException when {@code progress} is canceled (Esc): "import canceled; nothing was opened"
     */
    public static ImportedSegmentation read(SegmentationReader r, ImportOptions options, SlidePlacement slide, int slideWidth,
            int slideHeight, Progress progress) throws SegReadException {
        return read(r, options, slide, slideWidth, slideHeight, null, progress);
    }

    /**
     * As {@link #read(SegmentationReader, ImportOptions, SlidePlacement, int, int, Progress)}, on the
     * planes of the source series {@code grid} when it is not null and the SEG is not tiled (see
     * {@link ImportSources}): one plane per source image, in its order, empty planes zero.
     */
    static ImportedSegmentation read(SegmentationReader r, ImportOptions options, SlidePlacement slide, int slideWidth,
            int slideHeight, SourceGrid grid, Progress progress) throws SegReadException {
        Progress importing = ImportCancellation.of(progress);
        SegmentationMetadata m = r.metadata();
        boolean tiled = m.isTiled() && r.frames().stream().anyMatch(FrameInfo::isTile);
        List<Integer> chosen = options.segments().resolve(selectableSegments(r));
        ReconstructionOptions o = ReconstructionOptions.defaults()
                .segments(chosen.stream().mapToInt(Integer::intValue).toArray())
                .progress(importing);
        TiledImportPlan plan = null;
        SegmentationVolume sv;
        int foreground = 1; // the value of a set pixel in the channels read
        if (tiled) {
            long budget = Runtime.getRuntime().maxMemory() / 2 / Math.max(1, chosen.size());
            plan = TiledImportPlan.resolve(m.totalPixelMatrixColumns(), m.totalPixelMatrixRows(), m.pixelSpacing(),
                    m.frameOfReferenceUid(), options.region(), options.downsample(), slide, slideWidth, slideHeight, budget);
            boolean modes = plan.factor() > 1 && options.output() == ImportOptions.Output.LABEL_IMAGE
                    && m.segmentationType() != SegmentationType.FRACTIONAL;
            if (modes) {
                o.combineToLabelMap().overlapPolicy(options.lastWins() ? ReconstructionOptions.OverlapPolicy.LAST_WINS
                        : ReconstructionOptions.OverlapPolicy.FAIL);
            }
            sv = DownsampledView.region(r, plan.x(), plan.y(), plan.width(), plan.height(), plan.factor(), o);
        } else {
            if (options.region() != null || options.downsample() > 1) {
                throw new IllegalArgumentException("region and downsample apply to tiled (slide) SEGs only; "
                        + r.file().getFileName() + " has no Total Pixel Matrix");
            }
            int w = m.columns(), h = m.rows();
            if ((long) w * h > Integer.MAX_VALUE - 64) {
                throw new SegReadException(r.file(), "the image is " + w + "x" + h
                        + " pixels, larger than one ImageJ plane (2^31 pixels)");
            }
            sv = null;
            if (options.output() == ImportOptions.Output.LABEL_IMAGE && m.segmentationType() != SegmentationType.FRACTIONAL
                    && !options.lastWins()) {
                // A label image straight from the core's label-map reconstruction: the planes of one
                // channel per segment (often several times the label image) are never made. An overlap
                // falls back to the channels, whose merge reports it with every overlapping pixel counted.
                try {
                    SegmentationVolume lm = volume(r, grid, ReconstructionOptions.defaults()
                            .segments(chosen.stream().mapToInt(Integer::intValue).toArray())
                            .progress(importing)
                            .combineToLabelMap().overlapPolicy(ReconstructionOptions.OverlapPolicy.FAIL));
                    if (java.util.Arrays.equals(lm.labelValues(), lm.segmentNumbers())) sv = lm;
                } catch (SegmentOverlapException e) {
                    sv = null;
                }
            }
            if (sv == null) {
                // A hyperstack shows the planes as they are: the kernels write ImageJ's mask value and
                // count each channel's pixels while unpacking, so no pass over the planes does either.
                if (options.output() == ImportOptions.Output.HYPERSTACK && m.segmentationType() != SegmentationType.FRACTIONAL) {
                    o.channelForeground(HyperstackBuilder.FOREGROUND);
                    foreground = HyperstackBuilder.FOREGROUND;
                }
                sv = volume(r, grid, o);
            }
        }
        int[] order = grid != null && !tiled ? grid.order(sv) : identity(sv.planes());

        ImportedSegmentation.Builder b = ImportedSegmentation.builder(sv.width(), sv.height(), sv.planes(), m.segmentationType())
                .sourcePath(r.file().toString()).tiledPlan(plan)
                .timePoints(grid != null && !tiled ? grid.timePoints() : sv.timePoints());
        if (plan != null) {
            b.slidePlacement(plan.followsSlideImage() ? slide : plan.factor() == 1 ? SegSlideSource.placement(r, plan.x(), plan.y()) : null);
        }
        b.foreground(foreground);
        if (m.segmentationType() == SegmentationType.FRACTIONAL) {
            b.fractional(m.fractionalType(), Math.max(1, Math.min(255, m.maximumFractionalValue())));
        }
        if (sv.isLabelMap() && !tiled) {
            addLabelMapSegments(r, sv, order, b);
        } else if (sv.isLabelMap()) {
            addSplitSegments(r, sv, b);
        } else {
            int[] numbers = sv.segmentNumbers();
            long[] pixels = countedChannels(sv, order);
            for (int c = 0; c < numbers.length; c++) {
                byte[][] planes = new byte[sv.planes()][];
                for (int z = 0; z < planes.length; z++) planes[z] = sv.isEmpty(c, order[z]) ? null : sv.bytePlane(c, order[z]);
                b.addSegment(r.getSegmentDescription(numbers[c]), planes, pixels == null ? -1 : pixels[c]);
            }
        }
        b.geometry(grid != null && !tiled ? grid.geometry(m) : geometry(m, sv));
        if (!tiled) for (String note : sv.notes()) b.note(note);
        if (grid != null && !tiled) b.sourceLocation(grid.location()).sourceFiles(grid.files());
        for (String line : header(r)) b.headerLine(line);
        return b.build();
    }

    /** A label map of segment numbers, kept whole: each segment is the pixels holding its number. */
    private static void addLabelMapSegments(SegmentationReader r, SegmentationVolume sv, int[] order, ImportedSegmentation.Builder b) {
        Object[] planes = new Object[sv.planes()];
        for (int z = 0; z < planes.length; z++) planes[z] = sv.isEmpty(0, order[z]) ? null : sv.plane(0, order[z]);
        b.labelMap(planes);
        ImportedSegmentation.LabelMapView view = new ImportedSegmentation.LabelMapView(planes, sv.width() * sv.height(),
                counted(sv, order));
        for (int number : sv.segmentNumbers()) b.addSegment(new ImportedSegmentation.Segment(r.getSegmentDescription(number), view, number));
    }

    /**
     * Label value to pixel count over the planes {@code order} picks (as the image has them), from
     * the counts the reconstruction made while writing the map; null when it made none.
     */
    private static java.util.Map<Integer, Long> counted(SegmentationVolume sv, int[] order) {
        int[] values = sv.labelValues();
        long[] total = summedCounts(sv, order, values.length);
        if (total == null) return null;
        java.util.Map<Integer, Long> out = new java.util.HashMap<>();
        for (int k = 0; k < values.length; k++) if (total[k] != 0) out.merge(values[k], total[k], Long::sum);
        return out;
    }

    /**
     * Per channel the pixels set over the planes {@code order} picks, from the counts the
     * reconstruction made while writing the channels (as {@link #counted} for a label map); null
     * when it made none (FRACTIONAL, tiles, a plane written twice).
     */
    private static long[] countedChannels(SegmentationVolume sv, int[] order) {
        return summedCounts(sv, order, sv.channels());
    }

    /**
     * The reconstruction's per-plane counts ({@link SegmentationVolume#labelPixels}: one slot per label
     * value or channel) summed over the planes {@code order} picks; null when a plane has none.
     */
    private static long[] summedCounts(SegmentationVolume sv, int[] order, int slots) {
        long[] total = new long[slots];
        for (int z : order) {
            long[] c = sv.labelPixels(z);
            if (c == null || c.length != total.length) return null;
            for (int k = 0; k < c.length; k++) total[k] += c[k];
        }
        return total;
    }

    /** The volume on {@code grid}, or on the SEG's own planes when it is null. */
    private static SegmentationVolume volume(SegmentationReader r, SourceGrid grid, ReconstructionOptions o) throws SegReadException {
        return grid == null ? Reconstructor.volume(r, o) : grid.volume(r, o);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    /**
     * A combined label map (one plane per focal plane) as one 0/1 mask per segment and plane, null
     * where the segment is absent.
     */
    private static void addSplitSegments(SegmentationReader r, SegmentationVolume sv, ImportedSegmentation.Builder b) {
        int[] numbers = sv.segmentNumbers(), values = sv.labelValues();
        int n = sv.width() * sv.height();
        for (int k = 0; k < numbers.length; k++) {
            byte[][] masks = new byte[sv.planes()][];
            int want = values[k];
            for (int z = 0; z < masks.length; z++) {
                Object plane = sv.isEmpty(0, z) ? null : sv.plane(0, z);
                if (plane == null) continue;
                for (int i = 0; i < n; i++) {
                    int v = plane instanceof byte[] ? ((byte[]) plane)[i] & 0xFF : ((short[]) plane)[i] & 0xFFFF;
                    if (v != want) continue;
                    if (masks[z] == null) masks[z] = new byte[n];
                    masks[z][i] = 1;
                }
            }
            b.addSegment(r.getSegmentDescription(numbers[k]), masks);
        }
    }

    /**
     * The geometry of the reconstructed planes. A plane's source reference is kept only when it
     * names a single-frame image (no frame, or frame 1): ImageJ opens source files one per plane.
     */
    private static PlaneGeometry geometry(SegmentationMetadata m, SegmentationVolume sv) {
        String[] uids = sv.planeSources();
        int[] frames = sv.planeSourceFrames();
        for (int z = 0; z < uids.length; z++) if (frames[z] > 1) uids[z] = null;
        double[] spacing = m.isTiled() && sv.pixelSpacing() != null ? sv.pixelSpacing() : m.pixelSpacing();
        return new PlaneGeometry(spacing, m.spacingBetweenSlices(), m.sliceThickness(),
                sv.imageOrientationPatient(), sv.planePositions(), uids, m.frameOfReferenceUid(), sv.planes());
    }

    /** Header summary lines for the Info property and SEG Info. */
    public static List<String> header(SegmentationReader r) {
        SegmentationMetadata m = r.metadata();
        List<String> out = new ArrayList<>();
        out.add("SOP Class UID: " + m.sopClassUid());
        out.add("SOP Instance UID: " + m.sopInstanceUid());
        out.add("Transfer Syntax: " + (m.transferSyntax() != null ? m.transferSyntax().displayName() : m.transferSyntaxUid())
                + " (" + m.transferSyntaxUid() + ")");
        out.add("Frames: " + m.numberOfFrames() + " of " + m.columns() + "x" + m.rows() + ", Bits Allocated "
                + m.bitsAllocated() + ", " + m.photometricInterpretation());
        out.add("Dimension Organization Type: " + (m.dimensionOrganizationType() == null ? "(not stated)"
                : m.dimensionOrganizationType().dicomValue()));
        if (m.isTiled()) {
            out.add("Total Pixel Matrix: " + m.totalPixelMatrixColumns() + "x" + m.totalPixelMatrixRows());
        }
        out.add("Plane order: " + Reconstructor.planeOrder(r, ReconstructionOptions.defaults()));
        if (m.segmentsOverlap() != null) out.add("Segments Overlap: " + m.segmentsOverlap());
        double[] ps = m.pixelSpacing();
        if (ps != null) out.add("Pixel Spacing: " + ps[0] + "\\" + ps[1] + " mm");
        if (!Double.isNaN(m.sliceThickness())) out.add("Slice Thickness: " + m.sliceThickness() + " mm");
        if (!Double.isNaN(m.spacingBetweenSlices())) out.add("Spacing Between Slices: " + m.spacingBetweenSlices() + " mm");
        double[] o = m.imageOrientationPatient();
        if (o != null) out.add("Image Orientation (Patient): " + join(o));
        if (m.frameOfReferenceUid() != null) out.add("Frame of Reference UID: " + m.frameOfReferenceUid());
        for (ReferencedSeries s : m.referencedSeries()) {
            out.add("Referenced Series: " + s.seriesInstanceUid() + " (" + s.instances().size() + " instances)");
        }
        addIf(out, "Patient Name", m.patientName());
        addIf(out, "Patient ID", m.patientId());
        addIf(out, "Study Instance UID", m.studyInstanceUid());
        addIf(out, "Study Date", m.studyDate());
        addIf(out, "Study Description", m.studyDescription());
        addIf(out, "Series Instance UID", m.seriesInstanceUid());
        addIf(out, "Series Number", m.seriesNumber());
        addIf(out, "Series Description", m.seriesDescription());
        addIf(out, "Content Label", m.contentLabel());
        addIf(out, "Content Description", m.contentDescription());
        addIf(out, "Content Creator's Name", m.contentCreatorName());
        addIf(out, "Manufacturer", m.manufacturer());
        addIf(out, "Manufacturer's Model Name", m.manufacturerModelName());
        addIf(out, "Software Versions", m.softwareVersions());
        for (String wn : m.warnings()) out.add("Warning: " + wn);
        return out;
    }

    private static void addIf(List<String> out, String key, String value) {
        if (value != null && !value.isBlank()) out.add(key + ": " + value.trim());
    }

    private static String join(double[] d) {
        StringBuilder sb = new StringBuilder();
        for (double v : d) sb.append(sb.length() == 0 ? "" : "\\").append(v);
        return sb.toString();
    }
}
