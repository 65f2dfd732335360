package org.dicomseg.ij.open;

import java.awt.Color;
import java.util.List;
import java.util.stream.Collectors;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;

import org.dicomseg.model.SegmentationType;
import org.dicomseg.ij.SegmentColors;
import org.dicomseg.task.Progress;

/**
 * Builds the ImageJ view of a segmentation: a hyperstack with one channel per segment, Z = the
 * planes in spatial order and T = the time points of a SEG with a temporal dimension (else 1).
 *
 * <ul>
 *   <li>BINARY and LABELMAP segments become 8-bit masks with ImageJ's binary convention, 0 and
 *       255, so Process &gt; Binary and Analyze Particles work on them directly.</li>
 *   <li>FRACTIONAL segments become 32-bit values in [0, 1] (stored value / Maximum Fractional
 *       Value), or, on request, the 8-bit stored values 0..Maximum Fractional Value.</li>
 *   <li>Each channel's slice labels are the segment label; each channel's LUT runs from black to
 *       the segment colour ({@link SegmentColors}).</li>
 *   <li>Calibration from {@link SegCalibration}; the "Info" property holds {@link SegInfoText};
 *       property {@value #SEGMENT_NUMBERS_PROPERTY} lists the Segment Number of each channel.</li>
 *   <li>Display: composite (channels overlaid) for up to {@value #MAX_COMPOSITE_CHANNELS} segments,
 *       which is all that ImageJ can overlay; colour mode (one channel at a time) above.</li>
 * </ul>
 */
public final class HyperstackBuilder {
    /** ImageJ overlays at most this many channels in composite mode. */
    public static final int MAX_COMPOSITE_CHANNELS = 8;
    /** Image property (ImagePlus.getProp) with the comma-separated Segment Number of each channel. */
    public static final String SEGMENT_NUMBERS_PROPERTY = org.dicomseg.ij.SegmentMetadataProperty.SEGMENT_NUMBERS_PROPERTY;
    /** The value of a BINARY pixel inside a segment. */
    public static final int FOREGROUND = 255;

    private boolean fractionalAsStoredValues;
    private boolean adoptPlanes;
    private boolean shareEmptyPlanes;
    private Progress progress = Progress.NONE;

    /** FRACTIONAL as the 8-bit stored values instead of 32-bit [0,1]. */
    public HyperstackBuilder fractionalAsStoredValues(boolean b) {
        this.fractionalAsStoredValues = b;
        return this;
    }

    /**
     * Lets the stack take over the volume's byte planes instead of copying them (BINARY planes are
     * turned from 0/1 into 0/255 in place, unless the reader wrote them so:
     * {@link ImportedSegmentation#foreground()}), so a large import needs the memory of its output once,
     * not twice. Only for a volume that is not used for its pixels afterwards, as in an import.
     */
    public HyperstackBuilder adoptPlanes(boolean b) {
        this.adoptPlanes = b;
        return this;
    }

    /**
     * Every plane where a segment has no pixels is one shared all-zero array instead of an array of
     * its own (W3, 5 segments of 117: 1,753 of 2,000 planes, 460 MB not allocated). Only for an image
     * that is written to a file and dropped, never shown or edited (the command line's import):
     * ImageJ edits planes in place, and an edit of one empty plane would show in all of them.
     */
    public HyperstackBuilder shareEmptyPlanes(boolean b) {
        this.shareEmptyPlanes = b;
        return this;
    }

    public HyperstackBuilder progress(Progress p) {
        this.progress = p == null ? Progress.NONE : p;
        return this;
    }

    /** The hyperstack of all segments of {@code v}, titled {@code title}. */
    public ImagePlus build(ImportedSegmentation v, String title) {
        List<ImportedSegmentation.Segment> segs = v.segments();
        if (segs.isEmpty()) {
            throw new IllegalArgumentException("No segments to show");
        }
        int nC = segs.size(), nZ = v.depth(), w = v.width(), h = v.height();
        boolean asFloat = v.type() == SegmentationType.FRACTIONAL && !fractionalAsStoredValues;
        ImageStack stack = new ImageStack(w, h);
        // The pixels of each segment are counted in the pass that makes its planes (for the Info
        // text), not in a second pass over the whole output; planes the reader wrote as 0/255 masks
        // came with their counts (v.foreground()): neither mapped nor counted again.
        boolean masks = v.type() != SegmentationType.FRACTIONAL;
        boolean shown = masks && v.foreground() == FOREGROUND;
        long[] counts = new long[nC];
        boolean[] counted = new boolean[nC];
        for (int c = 0; c < nC; c++) {
            long k = shown ? segs.get(c).countedPixels() : -1;
            counted[c] = k >= 0;
            if (counted[c]) counts[c] = k;
        }
        byte[] emptyBytes = shareEmptyPlanes && !asFloat ? new byte[w * h] : null;
        float[] emptyFloats = shareEmptyPlanes && asFloat ? new float[w * h] : null;
        for (int z = 0; z < nZ; z++) {
            progress.checkCanceled();
            progress.progress(z, nZ);
            for (int c = 0; c < nC; c++) {
                ImportedSegmentation.Segment s = segs.get(c);
                byte[] stored = s.plane(z);
                ImageProcessor ip;
                if (asFloat) {
                    if (stored != null) counts[c] += nonZero(stored);
                    ip = stored == null && emptyFloats != null ? new FloatProcessor(w, h, emptyFloats) : floatPlane(v, stored);
                } else {
                    // ImageJ edits planes in place: one array each, unless the image is only written (shareEmptyPlanes)
                    byte[] px = adoptPlanes && stored != null ? stored : stored == null && emptyBytes != null ? emptyBytes : new byte[w * h];
                    if (stored != null) {
                        long n = !masks || shown ? copy(stored, px, !counted[c]) : toForeground(stored, px);
                        if (!counted[c]) counts[c] += n;
                    }
                    ip = new ByteProcessor(w, h, px);
                }
                stack.addSlice(s.label(), ip);
            }
        }
        progress.progress(nZ, nZ);
        ImagePlus imp = new ImagePlus(title, stack);
        imp.setDimensions(nC, v.slices(), v.timePoints()); // planes are time point by time point: ImageJ's czt order
        imp.setOpenAsHyperStack(true);
        imp.setCalibration(SegCalibration.of(v.geometry()));
        imp.setProperty("Info", SegInfoText.of(v, counts));
        imp.setProp(SEGMENT_NUMBERS_PROPERTY, segs.stream().map(s -> Integer.toString(s.number()))
                .collect(Collectors.joining(",")));
        double max = displayMax(v, asFloat);
        CompositeImage ci = new CompositeImage(imp, nC <= MAX_COMPOSITE_CHANNELS ? IJ.COMPOSITE : IJ.COLOR);
        // Each channel's display range is its LUT's (0..max: for 8-bit masks what ImageJ's reset gives a
        // ByteProcessor), set here without scanning planes; nothing is drawn until the image is shown.
        for (int c = 0; c < nC; c++) {
            LUT lut = SegmentColors.channelLut(SegmentColors.of(segs.get(c).description()));
            lut.min = 0;
            lut.max = max;
            ci.setChannelLut(lut, c + 1);
        }
        ci.setProperty("Info", imp.getProperty("Info"));
        ci.setProp(SEGMENT_NUMBERS_PROPERTY, imp.getProp(SEGMENT_NUMBERS_PROPERTY));
        ci.setCalibration(imp.getCalibration());
        ci.setPositionWithoutUpdate(1, 1, 1);
        ci.getProcessor().setLut(ci.getChannelLut(1));
        ci.setDisplayRange(0, max);
        return ci;
    }

    /** The display maximum of every channel: 255 for masks, 1 for probabilities, the maximum stored value otherwise. */
    static double displayMax(ImportedSegmentation v, boolean asFloat) {
        if (v.type() != SegmentationType.FRACTIONAL) return FOREGROUND;
        return asFloat ? 1.0 : v.maxFractionalValue();
    }

    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;

    /** The high bit of each byte of {@code w} set where that byte is nonzero, all other bits clear. */
    private static long nonZeroBytes(long w) {
        return (((w & LOW7) + LOW7) | w) & HIGH;
    }

    /** Number of nonzero stored values of a plane (the Info text's "Pixels"), eight at a time. */
    static long nonZero(byte[] p) {
        long n = 0;
        int i = 0, end = p.length & ~7;
        for (; i < end; i += 8) {
            long w = (long) LONGS.get(p, i);
            if (w != 0L) n += Long.bitCount(nonZeroBytes(w));
        }
        for (; i < p.length; i++) if (p[i] != 0) n++;
        return n;
    }

    /**
     * {@code out[i]} = 255 where {@code in[i]} is nonzero (ImageJ's binary mask; {@code out} is
     * {@code in} or all zero), eight pixels at a time without a branch per pixel, runs of zeros
     * skipped; returns the number of nonzero values (counted in the same pass, for the Info text).
     */
    static long toForeground(byte[] in, byte[] out) {
        long n = 0;
        int i = 0, end = in.length & ~7;
        for (; i < end; i += 8) {
            long w = (long) LONGS.get(in, i);
            if (w == 0L) continue;
            long h = nonZeroBytes(w);
            n += Long.bitCount(h);
            LONGS.set(out, i, (h >>> 7) * 0xFF);
        }
        for (; i < in.length; i++) {
            if (in[i] != 0) {
                out[i] = (byte) FOREGROUND;
                n++;
            }
        }
        return n;
    }

    /**
     * Copies {@code in} to {@code out} (no-op when they are the same array); returns the number of
     * nonzero values when {@code count}, else 0.
     */
    private static long copy(byte[] in, byte[] out, boolean count) {
        if (in != out) System.arraycopy(in, 0, out, 0, in.length);
        return count ? nonZero(in) : 0;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static ImageProcessor floatPlane(ImportedSegmentation v, byte[] stored) {
        float[] px = new float[v.width() * v.height()];
        if (stored != null) {
            float scale = 1f / v.maxFractionalValue();
            for (int i = 0; i < px.length; i++) {
                px[i] = (stored[i] & 0xFF) * scale;
            }
        }
        return new FloatProcessor(v.width(), v.height(), px);
    }

    /** The colour of channel {@code c} (1-based) of a hyperstack built here. */
    public static Color channelColor(ImagePlus imp, int c) {
        if (imp instanceof CompositeImage) {
            LUT lut = ((CompositeImage) imp).getChannelLut(c);
            int last = lut.getMapSize() - 1;
            return new Color(lut.getRed(last), lut.getGreen(last), lut.getBlue(last));
        }
        LUT lut = imp.getProcessor().getLut();
        int last = lut.getMapSize() - 1;
        return new Color(lut.getRed(last), lut.getGreen(last), lut.getBlue(last));
    }
}
