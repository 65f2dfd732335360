package org.dicomseg.ij.open;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.ij.slide.SlidePlacement;
import org.dicomseg.options.SegmentSelection;

/**
 * A decoded segmentation as the ImageJ importer sees it: a stack of planes in spatial order, and for
 * each segment one stored-value plane per position (BINARY 0/1, FRACTIONAL 0..Maximum Fractional
 * Value; LABELMAP files are presented as one binary mask per segment).
 *
 * <p>Why a separate type: the ImageJ adapters (hyperstack, label image, ROIs, info table) only need
 * plain arrays and geometry; keeping them independent of the codec lets them be tested on
 * hand-made data and keeps PixelMed out of {@code org.dicomseg.ij}. {@link ImportReader} fills one
 * from the reader's {@link org.dicomseg.reconstruct.Reconstructor} (which decides the planes, their
 * order and the gap filling), wrapping its plane arrays without copying.</p>
 *
 * <p>Planes are {@code byte[width*height]} of unsigned stored values, row-major; a {@code null} plane
 * means "no frame stored" (all zero). A pixel inside a BINARY (or LABELMAP) segment holds
 * {@link #foreground()}: the stored 1, or ImageJ's mask value 255 when the reader wrote that for a
 * hyperstack that takes the planes as they are (no pass over them to map 1 to 255). Immutable apart from the plane arrays, which are shared, not
 * copied, to avoid doubling memory on large files.</p>
 */
public final class ImportedSegmentation {
    private final int width;
    private final int height;
    private final int depth;
    private final int timePoints;
    private final SegmentationType type;
    private final FractionalType fractionalType;
    private final int maxFractionalValue;
    private final List<Segment> segments;
    private final PlaneGeometry geometry;
    private final List<String> header;
    private final String sourcePath;
    private final TiledImportPlan tiledPlan;
    private final SlidePlacement slidePlacement;
    private final Object[] labelMap;
    private final List<String> notes;
    private final java.nio.file.Path sourceLocation;
    private final List<java.nio.file.Path> sourceFiles;
    private final int foreground;

    private ImportedSegmentation(Builder b) {
        if (b.width < 1 || b.height < 1) {
            throw new IllegalArgumentException("Plane size must be at least 1x1, got " + b.width + "x" + b.height);
        }
        if (b.depth < 1) {
            throw new IllegalArgumentException("A segmentation needs at least one plane");
        }
        if (b.type == SegmentationType.FRACTIONAL && (b.maxFractionalValue < 1 || b.maxFractionalValue > 255)) {
            throw new IllegalArgumentException("Maximum Fractional Value " + b.maxFractionalValue + " is outside 1..255");
        }
        this.width = b.width;
        this.height = b.height;
        this.depth = b.depth;
        if (b.timePoints < 1 || b.depth % b.timePoints != 0) {
            throw new IllegalArgumentException(b.timePoints + " time points do not divide " + b.depth + " planes");
        }
        this.timePoints = b.timePoints;
        this.type = Objects.requireNonNull(b.type, "segmentation type");
        this.fractionalType = b.fractionalType;
        this.maxFractionalValue = b.type == SegmentationType.FRACTIONAL ? b.maxFractionalValue : 1;
        for (Segment s : b.segments) {
            Object[] planes = s.planes != null ? s.planes : s.labelMap.planes;
            if (planes.length != depth) {
                throw new IllegalArgumentException("Segment " + s.number() + " has " + planes.length
                        + " planes, the volume has " + depth);
            }
            for (Object p : planes) {
                int n = p == null ? width * height : java.lang.reflect.Array.getLength(p);
                if (n != width * height) {
                    throw new IllegalArgumentException("Segment " + s.number() + " has a plane of " + n
                            + " pixels, expected " + width + "x" + height);
                }
            }
        }
        this.segments = Collections.unmodifiableList(new ArrayList<>(b.segments));
        this.geometry = b.geometry != null ? b.geometry : PlaneGeometry.unknown(depth);
        if (geometry.planeCount() != depth) {
            throw new IllegalArgumentException("Geometry describes " + geometry.planeCount() + " planes, the volume has " + depth);
        }
        this.header = Collections.unmodifiableList(new ArrayList<>(b.header));
        this.sourcePath = b.sourcePath;
        this.tiledPlan = b.tiledPlan;
        this.slidePlacement = b.slidePlacement;
        this.labelMap = b.labelMap;
        this.notes = Collections.unmodifiableList(new ArrayList<>(b.notes));
        this.sourceLocation = b.sourceLocation;
        this.sourceFiles = Collections.unmodifiableList(new ArrayList<>(b.sourceFiles));
        this.foreground = b.type == SegmentationType.FRACTIONAL ? 1 : b.foreground;
    }

    /** Starts a volume of {@code depth} planes of {@code width x height} pixels. */
    public static Builder builder(int width, int height, int depth, SegmentationType type) {
        return new Builder(width, height, depth, type);
    }

    /** Columns. */
    public int width() { return width; }
    /** Rows. */
    public int height() { return height; }
    /**
     * Number of planes: the spatial positions in spatial order, once per time point (time point by
     * time point: plane {@code t * slices() + z}).
     */
    public int depth() { return depth; }
    /** Number of time points (1 unless the SEG has a temporal dimension, PS3.3 C.7.6.17). */
    public int timePoints() { return timePoints; }
    /** Planes per time point. */
    public int slices() { return depth / timePoints; }
    public SegmentationType type() { return type; }
    /** PROBABILITY or OCCUPANCY for FRACTIONAL files, else null. */
    public FractionalType fractionalType() { return fractionalType; }
    /** Maximum Fractional Value (0062,000E) for FRACTIONAL, 1 otherwise: the stored value meaning "fully in". */
    public int maxFractionalValue() { return maxFractionalValue; }
    /** Segments in file order. */
    public List<Segment> segments() { return segments; }
    public PlaneGeometry geometry() { return geometry; }
    /** Header summary lines ("Key: value"), for the Info property and SEG Info. */
    public List<String> header() { return header; }
    /** What the reading did that the user should know (planes inserted, where the sources were found); one line each. */
    public List<String> notes() { return notes; }
    /**
     * The folder (or the one multi-frame file) of the source series whose planes this volume has,
     * one per source image in the series' order; null when the planes are the SEG's own.
     */
    public java.nio.file.Path sourceLocation() { return sourceLocation; }

    /** The source file of each plane, when the planes are those of a series of single-frame images; else empty. */
    public List<java.nio.file.Path> sourceFiles() { return sourceFiles; }

    /** The same volume with {@code lines} added before its notes. */
    ImportedSegmentation withNotes(List<String> lines) {
        Builder b = toBuilder();
        b.notes.addAll(0, lines);
        return b.build();
    }

    /** The file this volume was read from, or null. */
    public String sourcePath() { return sourcePath; }
    /** For tiled (slide) SEGs: the region and downsampling the planes show; null otherwise. */
    public TiledImportPlan tiledPlan() { return tiledPlan; }
    /**
     * Where the volume's single plane lies on a slide level, pixel for pixel (an export of the
     * imported image then lands on the same pixels), or null when not known.
     */
    public SlidePlacement slidePlacement() { return slidePlacement; }

    /**
     * When the volume was read as one label map (pixel value = Segment Number, 0 = background; no
     * overlaps) holding exactly {@link #segments()}: its planes ({@code byte[]} or {@code short[]},
     * null = empty), else null. The segments are then views of it.
     */
    public Object[] labelMap() { return labelMap == null ? null : labelMap.clone(); }

    /** The segment with this Segment Number, or null. */
    public Segment segment(int number) {
        for (Segment s : segments) {
            if (s.number() == number) return s;
        }
        return null;
    }

    /**
     * The value of a pixel inside a BINARY or LABELMAP segment in {@link Segment#plane}: 1 (the
     * stored value, PS3.3 C.8.20.2) unless the reader wrote ImageJ's mask value 255 for a
     * hyperstack; 1 for FRACTIONAL (stored values).
     */
    public int foreground() { return foreground; }

    /** The stored value that counts as "inside" when a mask is needed: half of the maximum, rounded up (1 for BINARY). */
    public int maskThreshold() {
        return (maxFractionalValue + 1) / 2;
    }

    /**
     * The segments {@code selection} picks, in file order; fails when a requested number is not in
     * the file (the message lists those that are) or nothing is selected.
     */
    public List<Segment> segments(SegmentSelection selection) {
        List<Integer> available = new ArrayList<>();
        for (Segment s : segments) available.add(s.number());
        Set<Integer> chosen = new LinkedHashSet<>(selection.resolve(available));
        List<Segment> out = new ArrayList<>();
        for (Segment s : segments) if (chosen.contains(s.number())) out.add(s);
        return out;
    }

    /** The same volume restricted to the given segments (in the given order). */
    public ImportedSegmentation select(List<Segment> chosen) {
        Builder b = toBuilder();
        // the label map holds every segment: it stands for a selection only when that is all of them, in order
        if (!chosen.equals(segments)) b.labelMap = null;
        b.segments.clear();
        b.segments.addAll(chosen);
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = new Builder(width, height, depth, type);
        b.timePoints = timePoints;
        b.fractionalType = fractionalType;
        b.maxFractionalValue = maxFractionalValue;
        b.segments.addAll(segments);
        b.geometry = geometry;
        b.header.addAll(header);
        b.sourcePath = sourcePath;
        b.tiledPlan = tiledPlan;
        b.slidePlacement = slidePlacement;
        b.labelMap = labelMap;
        b.notes.addAll(notes);
        b.sourceLocation = sourceLocation;
        b.sourceFiles.addAll(sourceFiles);
        b.foreground = foreground;
        return b;
    }

    /**
     * One segment: its description and one stored-value plane per position (null = empty) — or,
     * for a volume read as a label map, a view of the pixels of that map holding its number (value 1
     * there, planes made on demand).
     */
    public static final class Segment {
        private final SegmentDescription description;
        private final byte[][] planes;
        private final LabelMapView labelMap; // non-null: a view of a label map
        private final int value;
        private final long pixels;           // nonzero pixels counted as the planes were made, or -1

        public Segment(SegmentDescription description, byte[][] planes) {
            this(description, planes, -1);
        }

        /**
         * @param pixels the nonzero pixels of {@code planes}, counted while they were made (the
         *               reconstruction's {@link org.dicomseg.reconstruct.SegmentationVolume#labelPixels}),
         *               or -1 to count them here when asked
         */
        Segment(SegmentDescription description, byte[][] planes, long pixels) {
            this.description = Objects.requireNonNull(description, "segment description");
            this.planes = Objects.requireNonNull(planes, "planes").clone();
            this.labelMap = null;
            this.value = 0;
            this.pixels = pixels;
        }

        /** The pixels of {@code labelMap} holding {@code value}. */
        Segment(SegmentDescription description, LabelMapView labelMap, int value) {
            this.description = Objects.requireNonNull(description, "segment description");
            this.planes = null;
            this.labelMap = Objects.requireNonNull(labelMap, "label map");
            this.value = value;
            this.pixels = -1;
        }

        public SegmentDescription description() { return description; }
        public int number() { return description.segmentNumber(); }
        public String label() { return description.label(); }

        /** The stored values of plane {@code z} (0-based), or null when no frame was stored. */
        public byte[] plane(int z) {
            return planes != null ? planes[z] : labelMap.mask(z, value);
        }

        /** Number of pixels with a stored value at or above {@code threshold} over all planes. */
        public long count(int threshold) {
            if (planes == null) return threshold > 1 ? 0 : labelMap.count(value);
            long n = 0;
            for (byte[] p : planes) {
                if (p == null) continue;
                for (byte v : p) {
                    if ((v & 0xFF) >= threshold) n++;
                }
            }
            return n;
        }

        /** Number of non-zero pixels over all planes (the count made with the planes when there is one). */
        public long nonZeroCount() { return pixels >= 0 ? pixels : count(1); }

        /** The nonzero pixels counted while the planes were made, or -1 when they were not. */
        long countedPixels() { return pixels; }

        @Override public String toString() {
            return "Segment " + number() + " '" + label() + "' (" + (planes != null
                    ? Arrays.stream(planes).filter(Objects::nonNull).count() + " stored planes)" : "in a label map)");
        }
    }

    /** Collects the parts of a {@link ImportedSegmentation}. */
    /**
     * The label-map planes ({@code byte[]} or {@code short[]}, null = empty) that the segments of a
     * volume read as a label map are views of; the pixel count of every value is the one counted
     * while the map was made, else found in one pass over the map when first asked for (SEG Info
     * lists the counts of all segments).
     */
    static final class LabelMapView {
        final Object[] planes;
        private final int pixelsPerPlane;
        private java.util.Map<Integer, Long> counts;

        LabelMapView(Object[] planes, int pixelsPerPlane) {
            this(planes, pixelsPerPlane, null);
        }

        /**
         * @param counts the pixels of each value in {@code planes} when they were counted as the map
         *               was made (the reconstruction's {@link org.dicomseg.reconstruct.SegmentationVolume#labelPixels}),
         *               or null to count them here when first asked
         */
        LabelMapView(Object[] planes, int pixelsPerPlane, java.util.Map<Integer, Long> counts) {
            this.planes = Objects.requireNonNull(planes, "planes").clone();
            this.pixelsPerPlane = pixelsPerPlane;
            this.counts = counts == null ? null : new java.util.HashMap<>(counts);
        }

        private static int labelAt(Object p, int i) {
            return p instanceof byte[] ? ((byte[]) p)[i] & 0xFF : ((short[]) p)[i] & 0xFFFF;
        }

        /** A 0/1 mask of the pixels of plane {@code z} holding {@code value}, or null when there are none. */
        byte[] mask(int z, int value) {
            Object p = planes[z];
            if (p == null) return null;
            byte[] mask = null;
            for (int i = 0; i < pixelsPerPlane; i++) {
                if (labelAt(p, i) != value) continue;
                if (mask == null) mask = new byte[pixelsPerPlane];
                mask[i] = 1;
            }
            return mask;
        }

        synchronized long count(int value) {
            if (counts == null) {
                boolean bytes = true;
                for (Object p : planes) bytes &= p == null || p instanceof byte[];
                long[] hist = new long[bytes ? 256 : 65536];
                for (Object p : planes) {
                    if (p instanceof byte[]) histogram((byte[]) p, hist);
                    else if (p != null) for (int i = 0; i < pixelsPerPlane; i++) hist[((short[]) p)[i] & 0xFFFF]++;
                }
                counts = new java.util.HashMap<>();
                for (int v = 1; v < hist.length; v++) if (hist[v] != 0) counts.put(v, hist[v]);
            }
            return counts.getOrDefault(value, 0L);
        }

        /** Adds the values of {@code p} to {@code hist} (zeros only partly), eight at a time where eight pixels hold one value. */
        private void histogram(byte[] p, long[] hist) {
            int i = 0, end = pixelsPerPlane & ~7;
            for (; i < end; i += 8) {
                long w = (long) LONGS.get(p, i);
                if (w == 0L) continue;
                int first = (int) w & 0xFF;
                if (w == first * 0x0101010101010101L) { // eight pixels of one label (inside a segment)
                    hist[first] += 8;
                    continue;
                }
                for (int k = i; k < i + 8; k++) hist[p[k] & 0xFF]++;
            }
            for (; i < pixelsPerPlane; i++) hist[p[i] & 0xFF]++;
        }

        private static final java.lang.invoke.VarHandle LONGS =
                java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    public static final class Builder {
        private final int width;
        private final int height;
        private final int depth;
        private int timePoints = 1;
        private final SegmentationType type;
        private FractionalType fractionalType;
        private int maxFractionalValue = 1;
        private final List<Segment> segments = new ArrayList<>();
        private PlaneGeometry geometry;
        private final List<String> header = new ArrayList<>();
        private String sourcePath;
        private TiledImportPlan tiledPlan;
        private SlidePlacement slidePlacement;
        private Object[] labelMap;
        private final List<String> notes = new ArrayList<>();
        private java.nio.file.Path sourceLocation;
        private final List<java.nio.file.Path> sourceFiles = new ArrayList<>();
        private int foreground = 1;

        private Builder(int width, int height, int depth, SegmentationType type) {
            this.width = width;
            this.height = height;
            this.depth = depth;
            this.type = type;
        }

        /** For FRACTIONAL volumes: the Segmentation Fractional Type and Maximum Fractional Value. */
        public Builder fractional(FractionalType t, int maxValue) {
            this.fractionalType = t;
            this.maxFractionalValue = maxValue;
            return this;
        }

        public Builder addSegment(SegmentDescription d, byte[][] planes) {
            segments.add(new Segment(d, planes));
            return this;
        }

        /** A segment whose nonzero pixels were counted as its planes were made ({@code pixels}, or -1). */
        Builder addSegment(SegmentDescription d, byte[][] planes, long pixels) {
            segments.add(new Segment(d, planes, pixels));
            return this;
        }

        /** The value of a pixel inside a BINARY or LABELMAP segment in the planes (default 1; see {@link #foreground()}). */
        Builder foreground(int value) {
            if (value < 1 || value > 255) throw new IllegalArgumentException("foreground must be 1..255, not " + value);
            this.foreground = value;
            return this;
        }

        /** Adds a segment made elsewhere (e.g. a view of the label map). */
        public Builder addSegment(Segment s) {
            segments.add(java.util.Objects.requireNonNull(s, "segment"));
            return this;
        }

        public Builder geometry(PlaneGeometry g) { this.geometry = g; return this; }
        /** The planes are {@code t} time points of depth / t slices each (default 1). */
        public Builder timePoints(int t) { this.timePoints = t; return this; }
        public Builder headerLine(String line) { header.add(line); return this; }
        /** The folder (or file) of the source series the planes are laid on. */
        public Builder sourceLocation(java.nio.file.Path p) { this.sourceLocation = p; return this; }
        /** The source file of each plane (single-frame sources). */
        public Builder sourceFiles(List<java.nio.file.Path> files) { sourceFiles.clear(); sourceFiles.addAll(files); return this; }
        /** A line for the Log about how the volume was read. */
        public Builder note(String line) { notes.add(line); return this; }
        public Builder sourcePath(String p) { this.sourcePath = p; return this; }
        /** Tiled SEGs: the region and factor the planes show. */
        public Builder tiledPlan(TiledImportPlan p) { this.tiledPlan = p; return this; }
        public Builder slidePlacement(SlidePlacement p) { this.slidePlacement = p; return this; }
        /** The label map the segments are views of (see {@link ImportedSegmentation#labelMap()}). */
        public Builder labelMap(Object[] planes) { this.labelMap = planes == null ? null : planes.clone(); return this; }
        public ImportedSegmentation build() { return new ImportedSegmentation(this); }
    }
}
