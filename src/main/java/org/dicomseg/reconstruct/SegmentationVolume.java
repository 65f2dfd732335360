package org.dicomseg.reconstruct;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The result of a reconstruction: {@code channels x planes} pixel arrays of {@code width x height},
 * one Java array per plane so ImageJ can wrap them without copying, with the geometry the planes
 * came from. Channels are segments ({@link ReconstructionOptions.Output#SEGMENT_CHANNELS}) or one
 * label map; planes are slice positions sorted along the slice normal, source instances, source
 * frames, or the single plane of a Total Pixel Matrix / region.
 *
 * <p>Pixel arrays are {@code byte[]} ({@link PixelType#UINT8}, unsigned), {@code short[]}
 * ({@link PixelType#UINT16}, unsigned) or {@code float[]} ({@link PixelType#FLOAT32}); the object
 * hands out its own arrays (no copies), so treat them as owned by the caller after construction.</p>
 */
public final class SegmentationVolume {
    /** Element type of the plane arrays. */
    public enum PixelType { UINT8, UINT16, FLOAT32 }

    private final int width;
    private final int height;
    private final int planes;
    private final int channels;
    private final PixelType pixelType;
    private final Object[] data;
    private final int[] channelSegments;
    private final int[] labelValues;
    private final boolean labelMap;
    private final double[][] planePositions;
    private final double[] orientation;
    private final double[] pixelSpacing;
    private final double sliceSpacing;
    private final String[] planeSources;
    private final int[] planeSourceFrames;
    private final int originX;
    private final int originY;
    private final long framesRead;
    private final List<String> notes;
    /** Time points: the planes are {@link #timePoints()} blocks of {@link #slices()} planes (set by the reconstructor). */
    private int timePoints = 1;
    /** Per plane and label value (or channel) the pixels written ({@code plane * labelValues.length + k}), or null (set by the reconstructor). */
    private long[] labelPixels;

    SegmentationVolume(int width, int height, int planes, int channels, PixelType pixelType, Object[] data,
            int[] channelSegments, int[] labelValues, boolean labelMap, double[][] planePositions, double[] orientation,
            double[] pixelSpacing, double sliceSpacing, String[] planeSources, int[] planeSourceFrames, int originX, int originY, long framesRead,
            List<String> notes) {
        this.width = width;
        this.height = height;
        this.planes = planes;
        this.channels = channels;
        this.pixelType = pixelType;
        this.data = data;
        this.channelSegments = channelSegments;
        this.labelValues = labelValues;
        this.labelMap = labelMap;
        this.planePositions = planePositions;
        this.orientation = orientation;
        this.pixelSpacing = pixelSpacing;
        this.sliceSpacing = sliceSpacing;
        this.planeSources = planeSources;
        this.planeSourceFrames = planeSourceFrames;
        this.originX = originX;
        this.originY = originY;
        this.framesRead = framesRead;
        this.notes = notes == null ? Collections.emptyList() : Collections.unmodifiableList(notes);
    }

    /** Sets the per-plane pixel counts of the label values (package use, right after construction; null = not counted). */
    SegmentationVolume labelPixels(long[] counts) {
        if (counts != null && counts.length != planes * labelValues.length) {
            throw new IllegalArgumentException(counts.length + " counts for " + planes + " planes of " + labelValues.length + " values");
        }
        this.labelPixels = counts;
        return this;
    }

    /**
     * For a label map whose pixels were counted as its frames were written: the number of pixels of
     * each of {@link #labelValues()} (same order) on {@code plane}; for segment channels (BINARY, or
     * a LABELMAP split; not FRACTIONAL) the pixels set in each channel on {@code plane}, in the order
     * of {@link #segmentNumbers()} (which {@link #labelValues()} then equals); null when they were not counted
     * (then count the plane's pixels yourself). Exact: the reconstruction keeps counts only where no
     * pixel can have been written twice.
     */
    public long[] labelPixels(int plane) {
        if (labelPixels == null) return null;
        if (plane < 0 || plane >= planes) throw new IndexOutOfBoundsException("plane " + plane + " outside 0.." + (planes - 1));
        int k = labelValues.length;
        return Arrays.copyOfRange(labelPixels, plane * k, plane * k + k);
    }

    /** Sets the number of time points (package use, right after construction). */
    SegmentationVolume timePoints(int t) {
        if (t < 1 || planes % t != 0) throw new IllegalArgumentException(t + " time points for " + planes + " planes");
        this.timePoints = t;
        return this;
    }

    /**
     * Number of time points: 1, or T for a SEG with a temporal dimension (PS3.3 C.7.6.17), whose
     * planes are then time point by time point, {@link #slices()} planes each: plane
     * {@code t * slices() + z}.
     */
    public int timePoints() { return timePoints; }

    /** Planes per time point (all of them without a temporal dimension). */
    public int slices() { return planes / timePoints; }

    /** Columns of each plane. */
    public int width() { return width; }
    /** Rows of each plane. */
    public int height() { return height; }
    /** Number of planes (slices, source instances/frames, or 1 for a Total Pixel Matrix). */
    public int planes() { return planes; }
    /** Number of channels (segments, or 1 for a label map). */
    public int channels() { return channels; }
    public PixelType pixelType() { return pixelType; }
    /** True when the single channel is a label map. */
    public boolean isLabelMap() { return labelMap; }

    /**
     * The segments in the output: per channel for segment channels; for a label map the combined
     * segments in order (see {@link #labelValues()}).
     */
    public int[] segmentNumbers() { return channelSegments.clone(); }

    /** For a label map: the pixel value of each of {@link #segmentNumbers()}; else the same numbers. */
    public int[] labelValues() { return labelValues.clone(); }

    /**
     * The array of {@code channel} (0-based) at {@code plane} (0-based): byte[], short[] or float[].
     * Planes no frame touched are allocated (all zero) on first access; see {@link #isEmpty}.
     */
    public synchronized Object plane(int channel, int plane) {
        int i = index(channel, plane);
        Object a = data[i];
        if (a == null) {
            a = newPlane(pixelType, width * height);
            data[i] = a;
        }
        return a;
    }

    /**
     * True when no nonzero frame landed on this plane of this channel, so it is all zero and not
     * yet allocated: consumers can skip it (or share one zero array) instead of allocating.
     */
    public synchronized boolean isEmpty(int channel, int plane) {
        return data[index(channel, plane)] == null;
    }

    private int index(int channel, int plane) {
        if (channel < 0 || channel >= channels || plane < 0 || plane >= planes) {
            throw new IndexOutOfBoundsException("channel " + channel + ", plane " + plane + " outside " + channels + " x " + planes);
        }
        return plane * channels + channel;
    }

    static Object newPlane(PixelType type, int n) {
        switch (type) {
            case UINT8: return new byte[n];
            case UINT16: return new short[n];
            default: return new float[n];
        }
    }

    public byte[] bytePlane(int channel, int plane) { return (byte[]) plane(channel, plane); }
    public short[] shortPlane(int channel, int plane) { return (short[]) plane(channel, plane); }
    public float[] floatPlane(int channel, int plane) { return (float[]) plane(channel, plane); }

    /**
     * All arrays in ImageJ hyperstack order (channel fastest, then plane): index
     * {@code channel + plane * channels()}.
     */
    public synchronized Object[] planesInStackOrder() {
        for (int z = 0; z < planes; z++) for (int c = 0; c < channels; c++) plane(c, z);
        return data.clone();
    }

    /** Image Position (Patient) of each plane (null entries where unknown, e.g. slides). */
    public double[][] planePositions() { return planePositions.clone(); }

    /** Image Orientation (Patient) of the planes, or null. */
    public double[] imageOrientationPatient() { return orientation == null ? null : orientation.clone(); }

    /** Pixel Spacing {row spacing, column spacing} in mm, or null. */
    public double[] pixelSpacing() { return pixelSpacing == null ? null : pixelSpacing.clone(); }

    /** Distance between consecutive planes along the normal in mm, or NaN (single plane, irregular). */
    public double sliceSpacing() { return sliceSpacing; }

    /**
     * Per plane the source SOP Instance UID (PS3.3 C.7.6.16.2.6 Derivation Image Sequence): the
     * requested instance for by-source reconstructions, else the source of the first frame placed
     * on the plane; null for planes no frame with a source reached (inserted empty planes, tiles).
     */
    public String[] planeSources() { return planeSources.clone(); }

    /**
     * Per plane the 1-based Referenced Frame Number in the source of {@link #planeSources()}; 0 when
     * the reference names no frame (single-frame source) or the plane has no source.
     */
    public int[] planeSourceFrames() { return planeSourceFrames.clone(); }

    /** 0-based column of the region's left edge in the Total Pixel Matrix (tiled), else 0. */
    public int originX() { return originX; }
    /** 0-based row of the region's top edge in the Total Pixel Matrix (tiled), else 0. */
    public int originY() { return originY; }

    /** Frames decoded to build this result. */
    public long framesRead() { return framesRead; }

    /** What the reconstruction had to decide (irregular spacing, frames left out, ...). */
    public List<String> notes() { return notes; }

    /** Number of nonzero pixels of one channel over all planes. */
    public long countNonZero(int channel) {
        long n = 0;
        for (int z = 0; z < planes; z++) {
            if (isEmpty(channel, z)) continue;
            Object p = plane(channel, z);
            if (p instanceof byte[]) {
                for (byte b : (byte[]) p) if (b != 0) n++;
            } else if (p instanceof short[]) {
                for (short s : (short[]) p) if (s != 0) n++;
            } else {
                for (float f : (float[]) p) if (f != 0) n++;
            }
        }
        return n;
    }

    @Override public String toString() {
        return "SegmentationVolume[" + width + "x" + height + ", " + planes + " planes, " + channels + " channels, " + pixelType
                + (labelMap ? ", label map" : "") + "]";
    }
}
