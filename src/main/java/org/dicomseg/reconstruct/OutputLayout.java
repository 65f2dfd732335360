package org.dicomseg.reconstruct;

import java.util.Arrays;

import org.dicomseg.model.SegmentationType;
import org.dicomseg.read.FrameInfo;
import org.dicomseg.read.SegmentationReader;

/**
 * What the output of one reconstruction looks like, decided once from the segmentation type
 * (PS3.3 C.8.20.2: BINARY, FRACTIONAL, LABELMAP) and the options before any frame is read: the
 * channels (one per chosen segment, or one label map), the pixel type, the plane size and count,
 * and the tables the kernels look pixels up in (segment to channel, segment to label value, value
 * back to segment for overlap errors, stored label to output value or channel).
 *
 * <p>Immutable after construction; the tables are shared read-only with the kernels
 * (packed bits, unpacked frames, RLE runs), which copy the ones
 * they need into their own final fields.</p>
 */
final class OutputLayout {
    final SegmentationType type;
    final boolean labelOut;        // one label map channel instead of one channel per segment
    final int frameRows;
    final int frameColumns;
    final int width;
    final int height;
    final int planes;
    final int channels;
    final int[] segments;
    final int[] values;            // per channel (label map: per chosen segment) the output value
    final SegmentationVolume.PixelType pixelType;
    final int[] channelOfSegment;  // BINARY/FRACTIONAL: segment -> channel (or -1)
    final int[] valueOfSegment;    // label map output: segment -> value
    final int[] segmentOfValue;    // label map output: value -> first segment with it
    final int[] labelLut;          // LABELMAP input: stored label -> output value / channel+1
    final float scale;
    final boolean failOnOverlap;
    final boolean sixteenBitLabels;
    final int foreground;          // segment channels: the value of a set BINARY / split LABELMAP pixel

    OutputLayout(SegmentationReader reader, ReconstructionOptions options, int[] segments, int width, int height, int planes) {
        this.type = reader.segmentationType();
        this.frameRows = reader.rows();
        this.frameColumns = reader.columns();
        this.width = width;
        this.height = height;
        this.planes = planes;
        this.segments = segments;
        if ((long) width * height > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("A plane of " + width + " x " + height + " pixels does not fit one Java array");
        }
        labelOut = options.output() == ReconstructionOptions.Output.LABEL_MAP;
        channels = labelOut ? 1 : segments.length;
        int maxSegment = 0;
        for (int s : segments) maxSegment = Math.max(maxSegment, s);
        values = new int[segments.length];
        int maxValue = 0;
        for (int i = 0; i < segments.length; i++) {
            values[i] = labelOut ? options.labelValue(segments[i]) : segments[i];
            maxValue = Math.max(maxValue, values[i]);
        }
        channelOfSegment = new int[maxSegment + 1];
        Arrays.fill(channelOfSegment, -1);
        valueOfSegment = new int[maxSegment + 1];
        segmentOfValue = new int[labelOut ? maxValue + 1 : 0];
        Arrays.fill(segmentOfValue, -1);
        for (int i = 0; i < segments.length; i++) {
            channelOfSegment[segments[i]] = labelOut ? 0 : i;
            valueOfSegment[segments[i]] = values[i];
            if (labelOut && segmentOfValue[values[i]] < 0) segmentOfValue[values[i]] = segments[i];
        }
        if (type == SegmentationType.LABELMAP) {
            labelLut = new int[reader.metadata().bitsAllocated() == 16 ? 65536 : 256];
            for (int i = 0; i < segments.length; i++) {
                if (segments[i] < labelLut.length) labelLut[segments[i]] = labelOut ? values[i] : i + 1;
            }
        } else {
            labelLut = null;
        }
        if (labelOut) {
            pixelType = maxValue > 255 ? SegmentationVolume.PixelType.UINT16 : SegmentationVolume.PixelType.UINT8;
        } else if (type == SegmentationType.FRACTIONAL && options.rescaleFractional()) {
            pixelType = SegmentationVolume.PixelType.FLOAT32;
        } else {
            pixelType = SegmentationVolume.PixelType.UINT8;
        }
        scale = type == SegmentationType.FRACTIONAL ? 1f / reader.metadata().maximumFractionalValue() : 1f;
        failOnOverlap = options.overlapPolicy() == ReconstructionOptions.OverlapPolicy.FAIL;
        sixteenBitLabels = type == SegmentationType.LABELMAP && reader.metadata().bitsAllocated() == 16;
        foreground = labelOut || type == SegmentationType.FRACTIONAL ? 1 : options.channelForeground();
    }

    int channels() { return channels; }

    SegmentationVolume.PixelType pixelType() { return pixelType; }

    /** BINARY/FRACTIONAL: the array of plane 0 that frames of {@code segment} go to, or -1 when not chosen. */
    int arrayOfSegment(int segment) {
        return segment >= 0 && segment < channelOfSegment.length ? channelOfSegment[segment] : -1;
    }

    /** BINARY: the value a set pixel of {@code segment} becomes ({@link #foreground} in segment channels). */
    int valueOfSegment(int segment) {
        return labelOut ? valueOfSegment[segment] : foreground;
    }

    /** True when frames of this segment go into the output. */
    boolean includes(FrameInfo f) {
        if (type == SegmentationType.LABELMAP) return true;
        int s = f.referencedSegmentNumber();
        return s >= 0 && s < channelOfSegment.length && channelOfSegment[s] >= 0;
    }

    /** True when a frame placed at ({@code dx}, {@code dy}) is the whole plane (volumes, planes by source). */
    boolean whole(int dx, int dy) {
        return dx == 0 && dy == 0 && frameColumns == width && frameRows == height;
    }
}
