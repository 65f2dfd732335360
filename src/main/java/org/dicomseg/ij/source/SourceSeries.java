package org.dicomseg.ij.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.dicomseg.source.SourceFile;
import org.dicomseg.source.SourceImages;
import org.dicomseg.source.SpaceTime;
import org.dicomseg.model.PlaneOrientation;
import org.dicomseg.task.InputException;

/**
 * The source images of an export, in plane order: plane i of the exported image belongs to
 * {@link #headers()}.get(i) (or, for one multi-frame source, to its frame i+1). Either the order is
 * known (an image opened from DICOM, whose slice labels name the files) or it is made spatial:
 * single-frame images sorted along the slice normal (row × column direction cosines) by Image
 * Position (Patient), never by file name; a cine or dynamic series (several images at each
 * position, told apart by a time attribute) time point by time point, slices along the normal
 * within each ({@link #timePoints()}, {@link SpaceTime}). Checks that the files form one consistent stack and,
 * with {@link #requireMatches}, that it fits the image being exported; every failure is an
 * {@link IllegalArgumentException} whose message says what differs.
 */
public final class SourceSeries {
    private static final double ORIENTATION_TOLERANCE = 1e-4;
    private static final double POSITION_TOLERANCE = 1e-3;

    private final List<SourceHeader> headers;
    private final String origin;
    private final List<String> skipped;
    /** Time points of a cine/dynamic series in hyperstack order (0: not known yet, for one multi-frame file). */
    private int timePoints;
    private SpaceTime.Kind timeKind;
    private SourceImages images;

    private SourceSeries(List<SourceHeader> headers, String origin, List<String> skipped) {
        this.headers = Collections.unmodifiableList(new ArrayList<>(headers));
        this.origin = origin;
        this.skipped = Collections.unmodifiableList(new ArrayList<>(skipped));
        this.timePoints = headers.size() == 1 && headers.get(0).frames() > 1 ? 0 : 1;
    }

    private SourceSeries(List<SourceHeader> headers, String origin, boolean timeUnknown) {
        this(headers, origin, List.of());
        if (timeUnknown) this.timePoints = 0;
    }

    private SourceSeries(List<SourceHeader> headers, String origin, List<String> skipped, SpaceTime time) {
        this(headers, origin, skipped);
        this.timePoints = time.timePoints();
        this.timeKind = time.kind();
    }

    private SourceSeries(List<SourceHeader> headers, String origin) {
        this(headers, origin, List.of());
    }

    /** The files in the given order (already matched to planes), after consistency checks. */
    public static SourceSeries inGivenOrder(List<SourceHeader> headers, String origin) {
        checkConsistent(headers);
        return new SourceSeries(headers, origin, true);
    }

    /** The files sorted along the slice normal by Image Position (Patient), after consistency checks. */
    public static SourceSeries spatiallyOrdered(List<SourceHeader> headers, String origin) {
        return spatiallyOrdered(headers, List.of(), origin);
    }

    /**
     * {@link #spatiallyOrdered(List, String)} for the images of a folder scan that skipped the files
     * {@code skipped} ("name (why)"): they are kept for {@link #notes()}, and when the remaining
     * slices have a gap the skipped files could fill ({@link #checkNoGap}), the series is
     * refused, since a skipped slice would leave the SEG referencing a stack with a hole in it.
     */
    public static SourceSeries spatiallyOrdered(List<SourceHeader> headers, List<String> skipped, String origin) {
        checkConsistent(headers);
        if (headers.size() == 1) return new SourceSeries(headers, origin);
        PlaneOrientation o = headers.get(0).orientation();
        for (SourceHeader h : headers) {
            if (h.position() == null || h.orientation() == null) {
                throw new IllegalArgumentException("Cannot put the source images in spatial order: " + h.name()
                        + " has no Image Position (Patient) / Image Orientation (Patient)");
            }
            if (!h.orientation().approximatelyEquals(o, ORIENTATION_TOLERANCE)) {
                throw new IllegalArgumentException("The source images are not parallel planes: "
                        + headers.get(0).name() + " has orientation " + o + " but "
                        + h.name() + " has " + h.orientation());
            }
        }
        double[] n = o.normal();
        List<SourceHeader> sorted = new ArrayList<>(headers);
        sorted.sort(Comparator.comparingDouble(h -> h.position().along(n)));
        for (int i = 1; i < sorted.size(); i++) {
            double d = sorted.get(i).position().along(n) - sorted.get(i - 1).position().along(n);
            if (Math.abs(d) < POSITION_TOLERANCE) return inTime(headers, skipped, origin, sorted.get(i - 1), sorted.get(i));
        }
        if (!skipped.isEmpty() && sorted.size() > 2) checkNoGap(sorted, n, skipped, origin);
        return new SourceSeries(sorted, origin, skipped);
    }

    /**
     * Single-frame images of which several share a position: a cine or dynamic series, put in
     * hyperstack order (time point by time point, slices along the normal within each; {@link
     * SpaceTime}), or refused when no time attribute tells the images at one position apart, or
     * when not every slice has every time point (the series is not one Z × T hyperstack).
     */
    private static SourceSeries inTime(List<SourceHeader> headers, List<String> skipped, String origin, SourceHeader a,
                                       SourceHeader b) {
        SourceImages images;
        try {
            images = sourceImagesOf(headers);
        } catch (InputException e) { // headers known from an image's text only, the files gone: no time to tell them apart
            throw new IllegalArgumentException("Source images " + a.name() + " and " + b.name() + " lie at the same position "
                    + b.position() + ": the source holds more than one stack (pick one series)", e);
        }
        SpaceTime st;
        try {
            st = images.spaceTime();
        } catch (InputException e) {
            throw new IllegalArgumentException(e.getMessage() + " (" + origin + ")", e);
        }
        if (!st.complete()) {
            throw new IllegalArgumentException("The source images (" + origin + ") are " + st.slices() + " positions and "
                    + st.timePoints() + " time points by " + st.kind().label() + ", but only " + headers.size()
                    + " images: not every position has every time point, so they are not one hyperstack");
        }
        List<SourceHeader> ordered = new ArrayList<>();
        for (int f : st.hyperstackOrder()) ordered.add(headers.get(f));
        return new SourceSeries(ordered, origin, skipped, st);
    }

    /** The writer's view of {@code headers} (parsed headers as they are, others read now), in this order. */
    private static SourceImages sourceImagesOf(List<SourceHeader> headers) throws InputException {
        List<SourceFile> parsed = new ArrayList<>();
        for (SourceHeader h : headers) {
            if (h.parsed() == null) {
                List<Path> files = new ArrayList<>();
                for (SourceHeader x : headers) files.add(x.file());
                return SourceImages.read(files);
            }
            parsed.add(h.parsed());
        }
        return SourceImages.of(parsed);
    }

    /**
     * A gap the skipped files could have filled: a step between neighbouring slices of about k times
     * the usual (median) step, 2 &lt;= k &lt;= 1 + the number of skipped files. Series whose spacing is
     * irregular anyway (a scout far from the stack) are not mistaken for one.
     */
    private static void checkNoGap(List<SourceHeader> sorted, double[] n, List<String> skipped, String origin) {
        double[] steps = new double[sorted.size() - 1];
        for (int i = 1; i < sorted.size(); i++) {
            steps[i - 1] = sorted.get(i).position().along(n) - sorted.get(i - 1).position().along(n);
        }
        double[] order = steps.clone();
        java.util.Arrays.sort(order);
        double usual = order[order.length / 2];
        for (int i = 0; i < steps.length; i++) {
            long k = Math.round(steps[i] / usual);
            if (k >= 2 && k - 1 <= skipped.size() && Math.abs(steps[i] - k * usual) <= 0.1 * usual) {
                throw new IllegalArgumentException("The source images (" + origin + ") have a gap of "
                        + String.format(java.util.Locale.ROOT, "%.3g", steps[i]) + " mm between " + sorted.get(i).file().getFileName()
                        + " and " + sorted.get(i + 1).file().getFileName() + " where the slices are "
                        + String.format(java.util.Locale.ROOT, "%.3g", usual) + " mm apart, and files were skipped: "
                        + list(skipped) + "; repair or remove them, or name the files of the series");
            }
        }
    }

    /** "a, b, c" or "a, b, ... and N more", for messages. */
    static String list(List<String> items) {
        int shown = Math.min(items.size(), 5);
        String s = String.join(", ", items.subList(0, shown));
        return items.size() > shown ? s + " and " + (items.size() - shown) + " more" : s;
    }

    /**
     * The files in the order ImageJ's DICOM opener stacks them (File &gt; Import &gt; Image Sequence
     * sorts a DICOM series by Instance Number, {@code ij.util.DicomTools.sort}), so that plane i is
     * slice i of the series as ImageJ shows it: by Instance Number when every file has a distinct
     * one, else spatially ({@link #spatiallyOrdered}, whose checks apply either way).
     */
    public static SourceSeries inImageJOrder(List<SourceHeader> headers, String origin) {
        SourceSeries spatial = spatiallyOrdered(headers, origin);
        if (spatial.timePoints > 1) return spatial; // a cine or dynamic series: hyperstack order
        List<SourceHeader> h = new ArrayList<>(spatial.headers);
        java.util.Set<Integer> numbers = new java.util.HashSet<>();
        for (SourceHeader x : h) {
            if (x.instanceNumber() <= 0 || !numbers.add(x.instanceNumber())) return spatial;
        }
        h.sort(Comparator.comparingInt(SourceHeader::instanceNumber));
        return new SourceSeries(h, origin, spatial.skipped);
    }

    /**
     * The number of time points: 1 for a volume, T for a cine or dynamic series (several images at
     * each position, told apart by a time attribute, {@link SpaceTime}), whose planes are then in
     * hyperstack order: plane {@code t * slices + z}. For one multi-frame image its frames tell.
     */
    public int timePoints() throws InputException {
        if (timePoints == 0) sourceImages();
        return timePoints;
    }

    /** The attribute the time points were ordered by, or null without time points. */
    public SpaceTime.Kind timeKind() throws InputException {
        timePoints();
        return timeKind;
    }

    private static void checkConsistent(List<SourceHeader> headers) {
        if (headers == null || headers.isEmpty()) throw new IllegalArgumentException("No source DICOM images were found");
        SourceHeader first = headers.get(0);
        for (SourceHeader h : headers) {
            if (h.isSegmentation()) {
                throw new IllegalArgumentException(h.name() + " is a segmentation, not a source image");
            }
            if (h.frames() > 1 && headers.size() > 1) {
                throw new IllegalArgumentException(h.name() + " is a multi-frame image (" + h.frames()
                        + " frames): it must be the only source, not one of " + headers.size() + " files");
            }
            if (h.rows() != first.rows() || h.columns() != first.columns()) {
                throw new IllegalArgumentException("The source images differ in size: " + first.name() + " is "
                        + first.columns() + "x" + first.rows() + " but " + h.name() + " is "
                        + h.columns() + "x" + h.rows());
            }
            if (!Objects.equals(h.frameOfReferenceUid(), first.frameOfReferenceUid())) {
                throw new IllegalArgumentException("The source images belong to different frames of reference: "
                        + first.name() + " has Frame of Reference UID " + first.frameOfReferenceUid()
                        + " but " + h.name() + " has " + h.frameOfReferenceUid());
            }
        }
    }

    /** The headers in plane order. */
    public List<SourceHeader> headers() { return headers; }

    /** The local files in plane order (none for a remote series). */
    public List<Path> files() {
        List<Path> f = new ArrayList<>();
        for (SourceHeader h : headers) if (h.file() != null) f.add(h.file());
        return f;
    }

    /**
     * The sources as the writer takes them: the headers parsed while the series was found are used
     * as they are; files known only from an open image's header text are parsed now.
     */
    public SourceImages sourceImages() throws InputException {
        if (images != null) return images;
        SourceImages s = sourceImagesOf(headers);
        if (timePoints == 0) {
            // Time points not known yet (files in a given order, one multi-frame image): the frames tell; a
            // multi-frame one (an enhanced cine) is put in hyperstack order, given files keep their order.
            SpaceTime st = s.spaceTime();
            timePoints = 1;
            if (st != null) {
                if (headers.size() > 1) {
                    timePoints = st.timePoints();
                    timeKind = st.kind();
                } else if (!st.complete()) {
                    throw new InputException(headers.get(0).name() + " has " + st.slices() + " positions and " + st.timePoints()
                            + " time points by " + st.kind().label() + " but " + s.frameCount()
                            + " frames: not every position has every time point");
                }
                s = s.reordered(st.hyperstackOrder());
                timePoints = st.timePoints();
                timeKind = st.kind();
            }
        }
        return images = s;
    }

    /** True when the sources are instances on a server (headers from WADO-RS metadata). */
    public boolean isRemote() { return headers.get(0).isRemote(); }

    /**
     * What the user should know about how the series was found: the files of the folder that were
     * skipped (not DICOM, unreadable), each named; empty when none.
     */
    public List<String> notes() {
        return skipped.isEmpty() ? List.of() : List.of("skipped " + skipped.size() + " file(s) of " + origin + ": " + list(skipped));
    }

    /** Where the files came from (folder, file or image), for messages. */
    public String origin() { return origin; }

    public int width() { return headers.get(0).columns(); }
    public int height() { return headers.get(0).rows(); }

    /** Planes the sources provide: the number of files, or the frames of one multi-frame file. */
    public int planeCount() {
        return headers.size() == 1 ? headers.get(0).frames() : headers.size();
    }

    /** The common Frame of Reference UID, or null. */
    public String frameOfReferenceUid() { return headers.get(0).frameOfReferenceUid(); }

    /**
     * Fails with a message naming every difference when an image of {@code width × height} pixels
     * and {@code planes} planes (and, when known, frame of reference {@code frameOfReference})
     * cannot be a segmentation of these sources.
     */
    public void requireMatches(String imageName, int width, int height, int planes, String frameOfReference) {
        requireMatches(imageName, width, height, planes, 1, frameOfReference);
    }

    /**
     * {@link #requireMatches(String, int, int, int, String)} for an image of {@code slices} slices
     * and {@code frames} time frames: an image with time frames over a cine or dynamic source
     * ({@link #timePoints()} &gt; 1) needs its Z × T (a plain stack of Z × T slices is taken plane
     * by plane in the series' order); an image with both slices and frames needs such a source.
     */
    public void requireMatches(String imageName, int width, int height, int slices, int frames, String frameOfReference) {
        int planes = slices * frames;
        List<String> diffs = new ArrayList<>();
        int t;
        try {
            t = timePoints();
        } catch (InputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (t > 1 && frames > 1 && (frames != t || slices != planeCount() / t)) {
            diffs.add("time: the image has " + slices + (slices == 1 ? " slice x " : " slices x ") + frames
                    + (frames == 1 ? " time frame" : " time frames") + ", the sources are " + planeCount() / t + " positions x "
                    + t + " time points (by " + timeKind.label() + "; Image > Hyperstacks > Stack to Hyperstack)");
        } else if (t == 1 && slices > 1 && frames > 1) {
            diffs.add("time: the image has " + slices + " slices x " + frames + " time frames, but no two source images"
                    + " share a position, so the sources have no time points");
        }
        if (width != width() || height != height()) {
            diffs.add("size: the image is " + width + "x" + height + " pixels, the sources are " + width() + "x" + height());
        }
        if (planes != planeCount()) {
            diffs.add("slice count: the image has " + planes + (planes == 1 ? " slice" : " slices") + ", the sources have "
                    + planeCount() + (headers.size() == 1 && headers.get(0).frames() > 1 ? " frames" : planeCount() == 1 ? " image" : " images"));
        }
        if (frameOfReference != null && frameOfReferenceUid() != null && !frameOfReference.equals(frameOfReferenceUid())) {
            diffs.add("frame of reference: the image has " + frameOfReference + ", the sources have " + frameOfReferenceUid());
        }
        if (!diffs.isEmpty()) {
            throw new IllegalArgumentException("'" + imageName + "' does not match the source images (" + origin + "): "
                    + String.join("; ", diffs));
        }
    }

    /** Convenience for messages and tests. */
    @Override public String toString() {
        return headers.size() + " source file(s) from " + origin;
    }
}
