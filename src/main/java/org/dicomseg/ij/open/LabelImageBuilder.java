package org.dicomseg.ij.open;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import org.dicomseg.model.SegmentDescription;
import org.dicomseg.reconstruct.SegmentOverlapException;
import org.dicomseg.ij.SegmentColors;
import org.dicomseg.task.Progress;

/**
 * Combines the segments of a {@link ImportedSegmentation} into one label image: pixel value = Segment Number,
 * 0 = background. 8-bit when every Segment Number is at most 255, else 16-bit. The LUT shows each
 * value in its segment's colour ({@link SegmentColors#labelLut}); calibration and Info are set as
 * for the hyperstack.
 *
 * <p>A pixel belongs to a segment when its stored value is at least {@link ImportedSegmentation#maskThreshold()}
 * (any set bit for BINARY; half the Maximum Fractional Value for FRACTIONAL). Overlaps are refused
 * with {@link SegmentOverlapException} unless "last wins" is set, in which case segments are painted
 * in the order given and later ones overwrite earlier ones.</p>
 */
public final class LabelImageBuilder {
    private boolean lastWins;
    private Progress progress = Progress.NONE;

    /** Let later segments overwrite earlier ones where they overlap, instead of refusing. */
    public LabelImageBuilder lastWins(boolean b) {
        this.lastWins = b;
        return this;
    }

    public LabelImageBuilder progress(Progress p) {
        this.progress = p == null ? Progress.NONE : p;
        return this;
    }

    /** The label image of all segments of {@code v}. */
    public ImagePlus build(ImportedSegmentation v, String title) {
        List<ImportedSegmentation.Segment> segs = v.segments();
        if (segs.isEmpty()) throw new IllegalArgumentException("No segments to combine");
        int maxNumber = 0;
        for (ImportedSegmentation.Segment s : segs) maxNumber = Math.max(maxNumber, s.number());
        boolean eightBit = maxNumber <= 255;
        int w = v.width(), h = v.height(), n = w * h, threshold = v.maskThreshold();
        ImageStack stack = new ImageStack(w, h);
        Object[] labelMap = v.labelMap();
        if (labelMap != null) {
            // Read as a label map already (no overlaps, values = Segment Numbers): its planes become the stack's.
            for (int z = 0; z < v.depth(); z++) {
                progress.checkCanceled();
                progress.progress(z, v.depth());
                stack.addSlice("z" + (z + 1), labelPlane(labelMap[z], eightBit, w, h));
            }
            return finish(v, title, stack, segs, eightBit, maxNumber, null); // counted as the map was made, or once here
        }
        long overlaps = 0;
        int[] firstOverlap = null;
        // One scratch array for the whole volume: the labels of a plane are built straight in the
        // plane's own pixels (no int[] per plane: that garbage, 5x the output, used to drive the heap up).
        boolean[] shared = new boolean[n];
        // each segment's nonzero pixels (the Info text's counts), counted in the pass that merges them
        long[] counts = new long[segs.size()];
        for (int z = 0; z < v.depth(); z++) {
            progress.checkCanceled();
            progress.progress(z, v.depth());
            byte[] px8 = eightBit ? new byte[n] : null;
            short[] px16 = eightBit ? null : new short[n];
            boolean anyShared = false;
            for (int c = 0; c < segs.size(); c++) {
                ImportedSegmentation.Segment s = segs.get(c);
                byte[] p = s.plane(z);
                if (p == null) continue;
                int number = s.number();
                long nonZero = 0;
                for (int i = 0; i < n; i++) {
                    int stored = p[i] & 0xFF;
                    if (stored == 0) continue;
                    nonZero++;
                    if (stored < threshold) continue;
                    int current = eightBit ? px8[i] & 0xFF : px16[i] & 0xFFFF;
                    if (current != 0 && current != number) {
                        if (!shared[i]) overlaps++;
                        shared[i] = true;
                        anyShared = true;
                        if (firstOverlap == null) firstOverlap = new int[] {current, number, i % w, i / w, z};
                    }
                    if (eightBit) px8[i] = (byte) number;
                    else px16[i] = (short) number;
                }
                counts[c] += nonZero;
            }
            if (anyShared) java.util.Arrays.fill(shared, false);
            ImageProcessor ip = eightBit ? new ByteProcessor(w, h, px8) : new ShortProcessor(w, h, px16, null);
            stack.addSlice("z" + (z + 1), ip);
        }
        if (overlaps > 0 && !lastWins) {
            throw new SegmentOverlapException(firstOverlap[0], firstOverlap[1], firstOverlap[4], firstOverlap[2],
                    firstOverlap[3], overlaps);
        }
        return finish(v, title, stack, segs, eightBit, maxNumber, counts);
    }

    /** A processor over a label-map plane (null = empty), converted when its width differs from the image's. */
    private static ImageProcessor labelPlane(Object p, boolean eightBit, int w, int h) {
        int n = w * h;
        if (eightBit) {
            if (p == null) return new ByteProcessor(w, h);
            if (p instanceof byte[]) return new ByteProcessor(w, h, (byte[]) p);
            short[] s = (short[]) p;
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) b[i] = (byte) s[i];
            return new ByteProcessor(w, h, b);
        }
        if (p == null) return new ShortProcessor(w, h);
        if (p instanceof short[]) return new ShortProcessor(w, h, (short[]) p, null);
        byte[] b = (byte[]) p;
        short[] s = new short[n];
        for (int i = 0; i < n; i++) s[i] = (short) (b[i] & 0xFF);
        return new ShortProcessor(w, h, s, null);
    }

    /** The image of {@code stack}; {@code counts}: each segment's nonzero pixels when counted already, else null. */
    private ImagePlus finish(ImportedSegmentation v, String title, ImageStack stack, List<ImportedSegmentation.Segment> segs,
            boolean eightBit, int maxNumber, long[] counts) {
        progress.progress(v.depth(), v.depth());
        ImagePlus imp = new ImagePlus(title, stack);
        imp.setDimensions(1, v.slices(), v.timePoints());
        imp.setCalibration(SegCalibration.of(v.geometry()));
        imp.setProperty("Info", SegInfoText.of(v, counts));
        List<SegmentDescription> ds = new ArrayList<>();
        for (ImportedSegmentation.Segment s : segs) ds.add(s.description());
        int displayMax = eightBit ? 255 : maxNumber;
        imp.setLut(SegmentColors.labelLut(ds, displayMax));
        imp.setDisplayRange(0, displayMax);
        StringBuilder numbers = new StringBuilder();
        for (ImportedSegmentation.Segment s : segs) numbers.append(numbers.length() == 0 ? "" : ",").append(s.number());
        imp.setProp(HyperstackBuilder.SEGMENT_NUMBERS_PROPERTY, numbers.toString());
        return imp;
    }
}
