package org.dicomseg.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import org.dicomseg.model.PixelMeasures;
import org.dicomseg.model.PlaneOrientation;
import org.dicomseg.model.PlanePosition;
import org.dicomseg.task.InputException;

/**
 * The images a SEG is derived from (PS3.3 C.8.20 "source images"), read header-only: each file is
 * parsed up to, not including, Pixel Data, so a series of any size costs a few kilobytes per frame.
 * Accepts a series of single-frame images, one or more enhanced multi-frame images (geometry from
 * the Per-Frame and Shared Functional Groups, PS3.3 C.7.6.16), or a mix. Frames are kept in the
 * order given (files in argument order, frames in frame-number order): mask plane i corresponds to
 * source frame i unless the writer is given its own geometry. Nothing is sorted.
 *
 * <p>Checks made here: every file is DICOM (else an {@link InputException} naming the file),
 * every file has SOP Class/Instance UIDs and Rows/Columns, and all sources share one Frame of
 * Reference UID and one Study Instance UID (a SEG has one of each).</p>
 */
public final class SourceImages {
    private final List<SourceFrame> frames;
    // The first source's header, parsed whole only when asked for (the writer copies patient/study from
    // it): an import that reads a plain series for its grid never loads PixelMed's parser.
    private final SourceFile first;
    private AttributeList firstHeader;
    private final String frameOfReferenceUid;
    private final String studyInstanceUid;
    private final List<Path> files;
    private final List<String> locations;
    private TotalPixelMatrix totalPixelMatrix;

    private SourceImages(List<SourceFrame> frames, SourceFile first, AttributeList firstHeader, String frameOfReferenceUid,
                         String studyInstanceUid, List<Path> files, List<String> locations) {
        this.frames = Collections.unmodifiableList(frames);
        this.first = first;
        this.firstHeader = firstHeader;
        this.frameOfReferenceUid = frameOfReferenceUid;
        this.studyInstanceUid = studyInstanceUid;
        this.files = Collections.unmodifiableList(files);
        this.locations = Collections.unmodifiableList(locations);
    }

    /** Reads the headers of {@code files} (single- or multi-frame, in this order). */
    public static SourceImages read(Path... files) throws InputException {
        return read(Arrays.asList(files));
    }

    /** Reads the headers of {@code files} (single- or multi-frame, in this order). */
    public static SourceImages read(List<Path> files) throws InputException {
        if (files == null || files.isEmpty()) throw new InputException("No source images given");
        for (Path f : files) Objects.requireNonNull(f, "source file");
        SourceFile[] headers = new SourceFile[files.size()];
        if (files.size() > 8) {
            // Header parsing is independent per file: use the cores, then report the first failure in file order.
            Exception[] errors = new Exception[files.size()];
            java.util.stream.IntStream.range(0, files.size()).parallel().forEach(i -> {
                try {
                    headers[i] = SourceFile.read(files.get(i));
                } catch (InputException | RuntimeException e) {
                    errors[i] = e;
                }
            });
            for (Exception e : errors) {
                if (e instanceof InputException) throw (InputException) e;
                if (e != null) throw (RuntimeException) e;
            }
        } else {
            for (int i = 0; i < headers.length; i++) headers[i] = SourceFile.read(files.get(i));
        }
        return of(Arrays.asList(headers));
    }

    /**
     * The sources from headers already parsed (e.g. while an export chose and ordered its series),
     * in this order; checks as {@link #read(List)}.
     */
    public static SourceImages of(List<SourceFile> sources) throws InputException {
        if (sources == null || sources.isEmpty()) throw new InputException("No source images given");
        List<SourceFrame> frames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        SourceFile first = null;
        AttributeList firstHeader = null;
        String forUid = null;
        String forFile = null;
        String study = null;
        String studyFile = null;
        for (SourceFile source : sources) {
            Objects.requireNonNull(source, "source file");
            String f = source.location();
            // Of a plain single-frame image only what the frames need was read (LeanHeader); PixelMed parses
            // the first one whole when the writer asks for it (firstHeader())
            AttributeList list = source.isLean() ? null : source.header();
            String fr = source.frameOfReferenceUid();
            String st = source.studyInstanceUid();
            if (first == null) {
                first = source;
                firstHeader = list;
                forUid = fr;
                forFile = f;
                study = st;
                studyFile = f;
            } else {
                if (!Objects.equals(forUid, fr)) {
                    throw new InputException("Source images have different frames of reference: " + forFile + " has Frame of Reference UID "
                            + forUid + ", " + f + " has " + fr + "; a SEG has one frame of reference");
                }
                if (!Objects.equals(study, st)) {
                    throw new InputException("Source images belong to different studies: " + studyFile + " has Study Instance UID "
                            + study + ", " + f + " has " + st);
                }
            }
            if (source.isLean()) frames.add(leanFrame(source, f));
            else addFrames(source.file(), f, list, frames);
            if (source.file() != null) files.add(source.file());
            locations.add(f);
        }
        return new SourceImages(frames, first, firstHeader, forUid, study, files, locations);
    }

    /** {@link #readHeader(Path)} of the header bytes {@code raw} read from {@code f} ({@link LeanHeader#raw}). */
    static AttributeList readHeader(Path f, byte[] raw) throws InputException {
        AttributeList list = new AttributeList();
        try (com.pixelmed.dicom.DicomInputStream in = new com.pixelmed.dicom.DicomInputStream(new java.io.ByteArrayInputStream(raw))) {
            list.read(in, TagFromName.PixelData);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new InputException("Source " + f + " is not a DICOM file that can be read: " + e.getMessage(), e);
        }
        return list;
    }

    /** Parses one file up to Pixel Data; InputException naming the file when it is not DICOM. */
    static AttributeList readHeader(Path f) throws InputException {
        if (!Files.isRegularFile(f)) throw new InputException("Source image " + f + " does not exist or is not a file");
        boolean hasPreamble;
        try (InputStream in = Files.newInputStream(f)) {
            byte[] head = in.readNBytes(132);
            hasPreamble = head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        } catch (IOException e) {
            throw new InputException("Cannot read source image " + f + ": " + e.getMessage(), e);
        }
        AttributeList list = new AttributeList();
        try {
            list.read(f.toFile(), TagFromName.PixelData);
        } catch (IOException | DicomException | RuntimeException e) {
            throw new InputException("Source " + f + " is not a DICOM file" + (hasPreamble ? " that can be read: " + e.getMessage() : ""), e);
        }
        if (text(list, TagFromName.SOPInstanceUID) == null || text(list, TagFromName.SOPClassUID) == null) {
            throw new InputException("Source " + f + " is not a DICOM image: it has no SOP Class/Instance UID");
        }
        if (list.get(TagFromName.Rows) == null || list.get(TagFromName.Columns) == null) {
            throw new InputException("Source " + f + " is not an image: it has no Rows/Columns");
        }
        return list;
    }

    private static void addFrames(Path file, String f, AttributeList list, List<SourceFrame> out) throws InputException {
        String sopClass = text(list, TagFromName.SOPClassUID);
        String sop = text(list, TagFromName.SOPInstanceUID);
        String series = text(list, TagFromName.SeriesInstanceUID);
        int rows = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Rows, 0);
        int cols = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.Columns, 0);
        int nFrames = Attribute.getSingleIntegerValueOrDefault(list, TagFromName.NumberOfFrames, 1);
        SequenceAttribute perFrame = (SequenceAttribute) list.get(TagFromName.PerFrameFunctionalGroupsSequence);
        SequenceAttribute shared = (SequenceAttribute) list.get(TagFromName.SharedFunctionalGroupsSequence);
        boolean multi = list.get(TagFromName.NumberOfFrames) != null && (nFrames > 1 || perFrame != null);
        if (nFrames < 1) throw new InputException("Source " + f + " has Number of Frames " + nFrames);
        AttributeList sharedItem = shared != null && shared.getNumberOfItems() > 0 ? shared.getItem(0).getAttributeList() : null;
        for (int i = 0; i < nFrames; i++) {
            PlanePosition pos;
            PlaneOrientation ori;
            PixelMeasures pm;
            FrameTime time;
            if (perFrame != null || sharedItem != null) {
                AttributeList item = perFrame != null && i < perFrame.getNumberOfItems() ? perFrame.getItem(i).getAttributeList() : null;
                pos = position(macro(item, sharedItem, TagFromName.PlanePositionSequence));
                ori = orientation(macro(item, sharedItem, TagFromName.PlaneOrientationSequence), f);
                pm = measures(macro(item, sharedItem, TagFromName.PixelMeasuresSequence));
                time = frameTime(list, macro(item, sharedItem, TagFromName.FrameContentSequence),
                        macro(item, sharedItem, CARDIAC_SYNCHRONIZATION_SEQUENCE),
                        macro(item, sharedItem, TEMPORAL_POSITION_SEQUENCE));
            } else {
                pos = position(list);
                ori = orientation(list, f);
                pm = measures(list);
                time = frameTime(list, null, null, null);
            }
            out.add(new SourceFrame(file, sopClass, sop, series, i + 1, multi, rows, cols, pos, ori, pm, time));
        }
    }

    /** The one frame of a single-frame image read by {@link LeanHeader}: {@link #addFrames}' values from its top level. */
    private static SourceFrame leanFrame(SourceFile source, String f) throws InputException {
        LeanHeader h = source.lean();
        double[] o = h.doubles(LeanHeader.IMAGE_ORIENTATION_PATIENT);
        PlaneOrientation ori = null;
        if (o != null && o.length == 6) {
            try {
                ori = new PlaneOrientation(o);
            } catch (IllegalArgumentException e) {
                throw new InputException("Source " + f + ": " + e.getMessage(), e);
            }
        }
        PixelMeasures pm = null;
        double[] sp = h.doubles(LeanHeader.PIXEL_SPACING);
        if (sp != null && sp.length == 2 && sp[0] > 0 && sp[1] > 0) {
            double[] th = h.doubles(LeanHeader.SLICE_THICKNESS);
            double[] between = h.doubles(LeanHeader.SPACING_BETWEEN_SLICES);
            pm = new PixelMeasures(sp[0], sp[1], th != null && th.length == 1 && th[0] > 0 ? th[0] : null,
                    between != null && between.length == 1 ? between[0] : null);
        }
        Integer tpi = leanInteger(h, LeanHeader.TEMPORAL_POSITION_INDEX);
        Integer tpid = leanInteger(h, LeanHeader.TEMPORAL_POSITION_IDENTIFIER);
        double[] trig = h.doubles(LeanHeader.TRIGGER_TIME);
        String when = h.text(LeanHeader.ACQUISITION_DATE_TIME);
        if (when == null) {
            String date = h.text(LeanHeader.ACQUISITION_DATE), time = h.text(LeanHeader.ACQUISITION_TIME);
            when = time == null ? null : date == null ? time : date + time;
        }
        FrameTime time = new FrameTime(tpi, tpid, trig == null || trig.length < 1 ? null : trig[0], null, when);
        return new SourceFrame(source.file(), source.sopClassUid(), source.sopInstanceUid(), source.seriesInstanceUid(), 1, false,
                source.rows(), source.columns(), source.imagePosition(), ori, pm, time);
    }

    private static Integer leanInteger(LeanHeader h, int tag) {
        double[] d = h.doubles(tag);
        return d == null || d.length < 1 || d[0] != Math.rint(d[0]) ? null : (int) d[0];
    }

    /** Temporal Position Sequence (0020,9310), PS3.3 C.7.6.16.2.23. */
    private static final AttributeTag TEMPORAL_POSITION_SEQUENCE = new AttributeTag(0x0020, 0x9310);
    /** Cardiac Synchronization Sequence (0018,9118), PS3.3 C.7.6.16.2.7. */
    private static final AttributeTag CARDIAC_SYNCHRONIZATION_SEQUENCE = new AttributeTag(0x0018, 0x9118);
    /** Nominal Cardiac Trigger Delay Time (0020,9153), in ms. */
    private static final AttributeTag NOMINAL_CARDIAC_TRIGGER_DELAY_TIME = new AttributeTag(0x0020, 0x9153);
    /** Temporal Position Identifier (0020,0100). */
    private static final AttributeTag TEMPORAL_POSITION_IDENTIFIER = new AttributeTag(0x0020, 0x0100);
    /** Temporal Position Time Offset (0020,930D), in s. */
    private static final AttributeTag TEMPORAL_POSITION_TIME_OFFSET = new AttributeTag(0x0020, 0x930D);

    /**
     * The frame's time ({@link FrameTime}): from the functional groups of a multi-frame image
     * ({@code frameContent}, {@code cardiac}, {@code temporal}; null when absent), else (and for
     * what they lack) from the top-level data set {@code l}.
     */
    static FrameTime frameTime(AttributeList l, AttributeList frameContent, AttributeList cardiac, AttributeList temporal) {
        Integer tpi = integer(frameContent, TagFromName.TemporalPositionIndex);
        if (tpi == null) tpi = integer(l, TagFromName.TemporalPositionIndex);
        Integer tpid = integer(l, TEMPORAL_POSITION_IDENTIFIER);
        Double trigger = single(cardiac, NOMINAL_CARDIAC_TRIGGER_DELAY_TIME);
        if (trigger == null) trigger = single(l, TagFromName.TriggerTime);
        Double offset = single(temporal, TEMPORAL_POSITION_TIME_OFFSET);
        String when = text(frameContent, TagFromName.FrameAcquisitionDateTime);
        if (when == null) when = text(l, TagFromName.AcquisitionDateTime);
        if (when == null) {
            String date = text(l, TagFromName.AcquisitionDate), time = text(l, TagFromName.AcquisitionTime);
            when = time == null ? null : date == null ? time : date + time;
        }
        return new FrameTime(tpi, tpid, trigger, offset, when);
    }

    private static Integer integer(AttributeList l, AttributeTag t) {
        double[] d = doubles(l, t);
        return d == null || d.length < 1 || d[0] != Math.rint(d[0]) ? null : (int) d[0];
    }

    private static Double single(AttributeList l, AttributeTag t) {
        double[] d = doubles(l, t);
        return d == null || d.length < 1 ? null : d[0];
    }

    /** The single item of functional group {@code seq}, from the frame's item, else the shared one. */
    private static AttributeList macro(AttributeList perFrameItem, AttributeList shared, AttributeTag seq) {
        for (AttributeList l : new AttributeList[] {perFrameItem, shared}) {
            if (l == null) continue;
            Attribute a = l.get(seq);
            if (a instanceof SequenceAttribute && ((SequenceAttribute) a).getNumberOfItems() > 0) {
                return ((SequenceAttribute) a).getItem(0).getAttributeList();
            }
        }
        return null;
    }

    static PlanePosition position(AttributeList l) {
        double[] d = doubles(l, TagFromName.ImagePositionPatient);
        return d != null && d.length == 3 ? PlanePosition.of(d) : null;
    }

    private static PlaneOrientation orientation(AttributeList l, String f) throws InputException {
        double[] d = doubles(l, TagFromName.ImageOrientationPatient);
        if (d == null || d.length != 6) return null;
        try {
            return new PlaneOrientation(d);
        } catch (IllegalArgumentException e) {
            throw new InputException("Source " + f + ": " + e.getMessage(), e);
        }
    }

    private static PixelMeasures measures(AttributeList l) {
        double[] sp = doubles(l, TagFromName.PixelSpacing);
        if (sp == null || sp.length != 2 || !(sp[0] > 0) || !(sp[1] > 0)) return null;
        double[] th = doubles(l, TagFromName.SliceThickness);
        Double thickness = th != null && th.length == 1 && th[0] > 0 ? th[0] : null;
        double[] between = doubles(l, TagFromName.SpacingBetweenSlices);
        Double sbs = between != null && between.length == 1 ? between[0] : null;
        return new PixelMeasures(sp[0], sp[1], thickness, sbs);
    }

    static double[] doubles(AttributeList l, AttributeTag t) {
        if (l == null) return null;
        Attribute a = l.get(t);
        if (a == null || a.getVM() == 0) return null;
        try {
            return a.getDoubleValues();
        } catch (DicomException | NumberFormatException e) {
            return null;
        }
    }

    static String text(AttributeList l, AttributeTag t) {
        if (l == null) return null;
        String s = Attribute.getSingleStringValueOrNull(l, t);
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * The same sources with their frames in another order: frame i of the result is frame
     * {@code order[i]} of these (e.g. {@link SpaceTime#hyperstackOrder()}: time point by time point).
     */
    public synchronized SourceImages reordered(int[] order) {
        if (order.length != frames.size()) {
            throw new IllegalArgumentException(order.length + " indices for " + frames.size() + " frames");
        }
        List<SourceFrame> f = new ArrayList<>(order.length);
        boolean[] seen = new boolean[order.length];
        for (int i : order) {
            if (i < 0 || i >= order.length || seen[i]) throw new IllegalArgumentException("not a permutation: " + Arrays.toString(order));
            seen[i] = true;
            f.add(frames.get(i));
        }
        SourceImages s = new SourceImages(f, first, firstHeader, frameOfReferenceUid, studyInstanceUid, files, locations);
        s.totalPixelMatrix = totalPixelMatrix;
        return s;
    }

    /**
     * The space-time grid of the frames when several share a position (a cine or dynamic series,
     * {@link SpaceTime}), else null.
     *
     * @throws InputException when frames share a position and no time attribute tells them apart
     */
    public SpaceTime spaceTime() throws InputException {
        return SpaceTime.of(frames);
    }

    /** The source frames, in order. */
    public List<SourceFrame> frames() { return frames; }

    /** Number of source frames. */
    public int frameCount() { return frames.size(); }

    /** The source frame at {@code index} (0-based). */
    public SourceFrame frame(int index) { return frames.get(index); }

    /** The local files read, in order (none for remote sources). */
    public List<Path> files() { return files; }

    /** Where each source came from, in order: file paths, or remote instance URLs. */
    public List<String> locations() { return locations; }

    /** The common Frame of Reference UID, or null when the sources have none. */
    public String frameOfReferenceUid() { return frameOfReferenceUid; }

    /** The common Study Instance UID. */
    public String studyInstanceUid() { return studyInstanceUid; }

    /**
     * A text value of the first source's header (where the SEG's patient and study attributes come
     * from), e.g. {@code headerValue(0x0010, 0x0010)} for Patient's Name; multiple values joined by
     * a backslash; null when absent or empty.
     */
    public String headerValue(int group, int element) {
        return headerValue(firstHeader(), group, element);
    }

    /** {@link #headerValue(int, int)} of any parsed header. */
    static String headerValue(AttributeList header, int group, int element) {
        Attribute a = header.get(new AttributeTag(group, element));
        if (a == null || a.getVM() == 0 || a instanceof SequenceAttribute) return null;
        try {
            String v = String.join("\\", a.getStringValues());
            return v.isBlank() ? null : v.trim();
        } catch (DicomException e) {
            return null;
        }
    }

    /**
     * The slide geometry of the first source when it is a VL Whole Slide Microscopy image (one
     * pyramid level; PS3.3 A.32.8) with a Total Pixel Matrix, else null. The writer then writes a
     * tiled SEG over this matrix.
     */
    public TotalPixelMatrix totalPixelMatrix() throws InputException {
        if (first.isLean() || !TotalPixelMatrix.isSlide(firstHeader())) return null; // a lean header is never a slide's
        if (totalPixelMatrix == null) totalPixelMatrix = TotalPixelMatrix.of(firstHeader(), locations.get(0));
        return totalPixelMatrix;
    }

    /**
     * The header of the first source: where patient, study and frame of reference attributes come from;
     * parsed whole on the first call when only its lean part was read ({@link LeanHeader}).
     */
    public synchronized AttributeList firstHeader() {
        if (firstHeader == null) firstHeader = first.wholeHeader();
        return firstHeader;
    }

    /** Distinct referenced instances by Series Instance UID, then SOP Instance UID → SOP Class UID. */
    public Map<String, Map<String, String>> instancesBySeries() {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        for (SourceFrame f : frames) {
            m.computeIfAbsent(f.seriesInstanceUid() == null ? "" : f.seriesInstanceUid(), k -> new LinkedHashMap<>())
                    .put(f.sopInstanceUid(), f.sopClassUid());
        }
        return m;
    }
}
