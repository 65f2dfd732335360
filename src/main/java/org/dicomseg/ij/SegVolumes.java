package org.dicomseg.ij;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dicomseg.codec.FrameInfo;
import org.dicomseg.codec.ReferencedSeries;
import org.dicomseg.codec.SegReadException;
import org.dicomseg.codec.SegmentationMetadata;
import org.dicomseg.codec.SegmentationReader;
import org.dicomseg.codec.SourceImageReference;
import org.dicomseg.model.SegmentationType;

/**
 * Builds a {@link SegVolume} from the codec's {@link SegmentationReader}: puts every frame of the
 * selected segments into its plane, with planes in spatial order.
 *
 * <ul>
 *   <li>Volumes (Plane Position (Patient) per frame): frames at the same position form one plane;
 *       planes are sorted along the slice normal (row x column direction), i.e. increasing z for
 *       axial images. Missing planes inside a regular stack (SEGs store no frame for an empty
 *       slice) are filled with empty planes, so that Z has one spacing and matches the calibration.</li>
 *   <li>Tiled (slide) SEGs: tiles are pasted into one plane of the Total Pixel Matrix per focal plane.</li>
 *   <li>No position at all: frames are grouped by source image, else by their order within a segment.</li>
 *   <li>LABELMAP frames are split into one mask per selected segment; segment 0 (background of
 *       some label maps) is not a channel.</li>
 * </ul>
 * Only the frames of selected segments are decoded, one at a time, with progress and Esc checks.
 */
public final class SegVolumes {
    /** Positions closer than this (mm) are the same plane. */
    static final double SAME_POSITION_MM = 1e-3;
    /** Do not invent more than this many empty planes to fill gaps. */
    static final int MAX_FILLED_PLANES = 2048;


    private SegVolumes() { }

    /** The Segment Numbers a user can pick: all, except 0 in a label map. */
    public static List<Integer> selectableSegments(SegmentationReader r) {
        List<Integer> out = new ArrayList<>();
        for (int n : r.segmentNumbers()) {
            if (n == 0 && r.segmentationType() == SegmentationType.LABELMAP) continue;
            out.add(n);
        }
        return out;
    }

    /** Reads the segments chosen by {@code selection} into a volume. */
    public static SegVolume read(SegmentationReader r, SegmentSelection selection, ImportProgress progress)
            throws SegReadException {
        ImportProgress p = progress == null ? ImportProgress.NONE : progress;
        SegmentationMetadata m = r.metadata();
        SegmentationType type = m.segmentationType();
        List<Integer> chosen = selection.resolve(selectableSegments(r));
        Map<Integer, Integer> segIndex = new HashMap<>();
        for (int i = 0; i < chosen.size(); i++) segIndex.put(chosen.get(i), i);

        boolean tiled = m.isTiled();
        int w = tiled ? m.totalPixelMatrixColumns() : m.columns();
        int h = tiled ? m.totalPixelMatrixRows() : m.rows();
        if ((long) w * h > Integer.MAX_VALUE - 64) {
            throw new SegReadException(r.file(), "the image is " + w + "x" + h
                    + " pixels, larger than one ImageJ plane (2^31 pixels); import a region or use the CLI");
        }
        List<FrameInfo> frames = r.frames();
        PlaneLayout layout = PlaneLayout.of(m, frames, tiled);
        int depth = layout.planeCount();
        byte[][][] planes = new byte[chosen.size()][depth][];

        List<FrameInfo> toRead = new ArrayList<>();
        for (FrameInfo f : frames) {
            if (type == SegmentationType.LABELMAP || segIndex.containsKey(f.referencedSegmentNumber())) toRead.add(f);
        }
        int frameRows = m.rows(), frameCols = m.columns(), framePixels = frameRows * frameCols;
        byte[] buf = new byte[framePixels];
        short[] sbuf = m.bitsAllocated() == 16 ? new short[framePixels] : null;
        for (int k = 0; k < toRead.size(); k++) {
            p.checkCanceled();
            p.update(k, toRead.size());
            FrameInfo f = toRead.get(k);
            int z = layout.planeOf(f.frameNumber() - 1);
            int x0 = tiled ? f.columnPositionInTotalPixelMatrix() - 1 : 0;
            int y0 = tiled ? f.rowPositionInTotalPixelMatrix() - 1 : 0;
            if (type == SegmentationType.LABELMAP) {
                if (sbuf != null) {
                    r.readFrame(f.frameNumber(), sbuf, 0);
                } else {
                    java.util.Arrays.fill(buf, (byte) 0);
                    if (!r.readFrameIntoZeroed(f.frameNumber(), buf, 0)) continue;
                }
                for (int y = 0; y < frameRows; y++) {
                    for (int x = 0; x < frameCols; x++) {
                        int i = y * frameCols + x;
                        int val = sbuf != null ? sbuf[i] & 0xFFFF : buf[i] & 0xFF;
                        if (val == 0) continue;
                        Integer s = segIndex.get(val);
                        if (s == null) continue;
                        put(planes[s], z, w, h, x0 + x, y0 + y, (byte) 1);
                    }
                }
            } else {
                java.util.Arrays.fill(buf, (byte) 0);
                if (!r.readFrameIntoZeroed(f.frameNumber(), buf, 0)) {
                    continue;
                }
                int s = segIndex.get(f.referencedSegmentNumber());
                if (!tiled && planes[s][z] == null) {
                    planes[s][z] = buf.clone();
                    continue;
                }
                for (int y = 0; y < frameRows; y++) {
                    for (int x = 0; x < frameCols; x++) {
                        byte val = buf[y * frameCols + x];
                        if (val != 0) put(planes[s], z, w, h, x0 + x, y0 + y, val);
                    }
                }
            }
        }
        p.update(toRead.size(), toRead.size());

        SegVolume.Builder b = SegVolume.builder(w, h, depth, type).sourcePath(r.file().toString());
        if (type == SegmentationType.FRACTIONAL) {
            b.fractional(m.fractionalType(), Math.max(1, Math.min(255, m.maximumFractionalValue())));
        }
        for (int i = 0; i < chosen.size(); i++) {
            b.addSegment(r.getSegmentDescription(chosen.get(i)), planes[i]);
        }
        b.geometry(layout.geometry(m));
        for (String line : header(r, layout)) b.headerLine(line);
        return b.build();
    }

    private static void put(byte[][] planes, int z, int w, int h, int x, int y, byte value) {
        if (x < 0 || y < 0 || x >= w || y >= h) return;
        if (planes[z] == null) planes[z] = new byte[w * h];
        planes[z][y * w + x] = value;
    }

    /** Header summary lines for the Info property and SEG Info. */
    public static List<String> header(SegmentationReader r, PlaneLayout layout) {
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
        if (layout != null) out.add("Plane order: " + layout.description());
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

    /**
     * Which plane each frame belongs to, and the planes' positions and referenced source instances.
     * Public so that SEG Info can describe the plane order without reading pixel data.
     */
    public static final class PlaneLayout {
        private final int[] planeOfFrame;
        private final double[][] positions;
        private final String[] references;
        private final String description;

        private PlaneLayout(int[] planeOfFrame, double[][] positions, String[] references, String description) {
            this.planeOfFrame = planeOfFrame;
            this.positions = positions;
            this.references = references;
            this.description = description;
        }

        public int planeCount() { return positions.length; }
        /** 0-based plane of 0-based frame index {@code i}. */
        public int planeOf(int i) { return planeOfFrame[i]; }
        /** How the planes were ordered, for the header summary. */
        public String description() { return description; }

        PlaneGeometry geometry(SegmentationMetadata m) {
            boolean anyPosition = false;
            for (double[] pos : positions) anyPosition |= pos != null;
            return new PlaneGeometry(m.pixelSpacing(), m.spacingBetweenSlices(), m.sliceThickness(),
                    m.imageOrientationPatient(), anyPosition ? positions : null, references, m.frameOfReferenceUid(),
                    positions.length);
        }

        /** Works out the planes of {@code frames}. */
        public static PlaneLayout of(SegmentationMetadata m, List<FrameInfo> frames, boolean tiled) {
            int n = frames.size();
            int[] planeOf = new int[n];
            if (tiled) {
                Map<Long, Integer> byZ = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    double[] sp = frames.get(i).slidePosition();
                    long key = sp == null ? 0 : Math.round(sp[2] * 1000);
                    byZ.putIfAbsent(key, byZ.size());
                }
                List<Long> keys = new ArrayList<>(byZ.keySet());
                keys.sort(null);
                for (int i = 0; i < n; i++) {
                    double[] sp = frames.get(i).slidePosition();
                    planeOf[i] = keys.indexOf(sp == null ? 0L : Math.round(sp[2] * 1000));
                }
                return new PlaneLayout(planeOf, new double[keys.size()][], new String[keys.size()],
                        "tiles of the Total Pixel Matrix (" + keys.size() + " focal plane" + (keys.size() == 1 ? ")" : "s)"));
            }
            boolean allPositions = n > 0;
            for (FrameInfo f : frames) allPositions &= f.imagePositionPatient() != null;
            if (allPositions) return byPosition(m, frames);
            return byOrder(frames);
        }

        private static PlaneLayout byPosition(SegmentationMetadata m, List<FrameInfo> frames) {
            double[] o = m.imageOrientationPatient();
            if (o == null) o = frames.get(0).imageOrientationPatient();
            double[] nrm = o == null ? new double[] {0, 0, 1}
                    : new double[] {o[1] * o[5] - o[2] * o[4], o[2] * o[3] - o[0] * o[5], o[0] * o[4] - o[1] * o[3]};
            List<double[]> distinct = new ArrayList<>();
            List<String> refs = new ArrayList<>();
            int[] planeOf = new int[frames.size()];
            for (int i = 0; i < frames.size(); i++) {
                double[] pos = frames.get(i).imagePositionPatient();
                int found = -1;
                for (int k = 0; k < distinct.size(); k++) {
                    if (dist(distinct.get(k), pos) < SAME_POSITION_MM) { found = k; break; }
                }
                if (found < 0) {
                    found = distinct.size();
                    distinct.add(pos.clone());
                    refs.add(null);
                }
                planeOf[i] = found;
                if (refs.get(found) == null) refs.set(found, singleFrameSource(frames.get(i)));
            }
            Integer[] order = new Integer[distinct.size()];
            for (int k = 0; k < order.length; k++) order[k] = k;
            final double[] normal = nrm;
            java.util.Arrays.sort(order, (a, b) -> Double.compare(SegCalibration.dot(distinct.get(a), normal),
                    SegCalibration.dot(distinct.get(b), normal)));
            // fill gaps of a regular stack
            double spacing = m.spacingBetweenSlices() > 0 ? m.spacingBetweenSlices() : Double.NaN;
            double[] along = new double[order.length];
            for (int k = 0; k < order.length; k++) along[k] = SegCalibration.dot(distinct.get(order[k]), normal);
            if (Double.isNaN(spacing)) {
                for (int k = 1; k < along.length; k++) {
                    double d = along[k] - along[k - 1];
                    if (d > SAME_POSITION_MM && (Double.isNaN(spacing) || d < spacing)) spacing = d;
                }
            }
            int[] slotOfSorted = new int[order.length];
            int slots = order.length;
            boolean regular = !Double.isNaN(spacing) && order.length > 1;
            if (regular) {
                int total = 0;
                for (int k = 0; k < along.length; k++) {
                    double steps = (along[k] - along[0]) / spacing;
                    long r = Math.round(steps);
                    if (Math.abs(steps - r) > 0.05 || (k > 0 && r <= slotOfSorted[k - 1])) { regular = false; break; }
                    slotOfSorted[k] = (int) r;
                    total = (int) r + 1;
                }
                // fill only modest gaps: a stray far-away plane (e.g. a scout) must not create hundreds of empty planes
                if (regular && (total - order.length > MAX_FILLED_PLANES || total - order.length > order.length)) regular = false;
                if (regular) slots = total;
            }
            boolean even = true;
            for (int k = 2; k < along.length; k++) {
                even &= Math.abs((along[k] - along[k - 1]) - (along[1] - along[0])) < 0.01 * Math.abs(along[1] - along[0]) + 1e-3;
            }
            if (!regular) {
                for (int k = 0; k < order.length; k++) slotOfSorted[k] = k;
                slots = order.length;
            }
            int[] slotOfDistinct = new int[order.length];
            for (int k = 0; k < order.length; k++) slotOfDistinct[order[k]] = slotOfSorted[k];
            double[][] positions = new double[slots][];
            String[] references = new String[slots];
            for (int k = 0; k < order.length; k++) {
                positions[slotOfSorted[k]] = distinct.get(order[k]);
                references[slotOfSorted[k]] = refs.get(order[k]);
            }
            if (slots > order.length) {
                double[] p0 = distinct.get(order[0]);
                for (int s = 0; s < slots; s++) {
                    if (positions[s] != null) continue;
                    positions[s] = new double[] {p0[0] + s * spacing * normal[0], p0[1] + s * spacing * normal[1],
                            p0[2] + s * spacing * normal[2]};
                }
            }
            for (int i = 0; i < planeOf.length; i++) planeOf[i] = slotOfDistinct[planeOf[i]];
            String desc = "by Image Position (Patient) along the slice normal, " + slots + " planes"
                    + (slots > order.length ? " (" + (slots - order.length) + " empty planes filled in)" : "")
                    + (!regular && !even ? " (unevenly spaced: ImageJ's Z calibration shows the smallest spacing)" : "");
            return new PlaneLayout(planeOf, positions, references, desc);
        }

        /** No positions: group by source image, else by order of appearance within each segment. */
        private static PlaneLayout byOrder(List<FrameInfo> frames) {
            int[] planeOf = new int[frames.size()];
            boolean allSources = !frames.isEmpty();
            for (FrameInfo f : frames) allSources &= singleFrameSource(f) != null || !f.sources().isEmpty();
            Map<String, Integer> keys = new LinkedHashMap<>();
            Map<Integer, Integer> perSegment = new HashMap<>();
            List<String> refs = new ArrayList<>();
            for (int i = 0; i < frames.size(); i++) {
                FrameInfo f = frames.get(i);
                String key;
                if (allSources) {
                    SourceImageReference s = f.sources().get(0);
                    key = s.sopInstanceUid() + java.util.Arrays.toString(s.frameNumbers());
                } else {
                    int k = perSegment.merge(f.referencedSegmentNumber(), 1, Integer::sum) - 1;
                    key = "#" + k;
                }
                Integer plane = keys.get(key);
                if (plane == null) {
                    plane = keys.size();
                    keys.put(key, plane);
                    refs.add(singleFrameSource(f));
                }
                planeOf[i] = plane;
            }
            return new PlaneLayout(planeOf, new double[keys.size()][], refs.toArray(new String[0]),
                    allSources ? "by source image (no plane positions)" : "by frame order (no plane positions)");
        }

        /** The SOP Instance UID of a frame's single-frame source image, or null. */
        private static String singleFrameSource(FrameInfo f) {
            for (SourceImageReference s : f.sources()) {
                int[] fr = s.frameNumbers();
                if (fr.length == 0 || (fr.length == 1 && fr[0] == 1)) return s.sopInstanceUid();
            }
            return null;
        }

        private static double dist(double[] a, double[] b) {
            double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
            return Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
}
