package org.dicomseg.ij.export;

import ij.ImagePlus;
import ij.ImageStack;

import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.PixelKind;

/**
 * One channel of an {@link ImagePlus} as {@link MaskPlanes}, without copying: {@code readPlane}
 * returns the stack's own pixel array ({@code ImageStack.getPixels}), so a virtual stack is read
 * one plane at a time. The planes are the z slices of each time frame, time frame by time frame
 * (plane {@code t * slices + z}), for one channel.
 *
 * <p>8-bit and 16-bit images are read as unsigned integers (label values or binary masks), 32-bit as
 * float fractions; RGB images are refused.</p>
 */
public final class ImageMaskPlanes implements MaskPlanes {
    private final ImageStack stack;
    private final int[] stackIndex;
    private final PixelKind kind;
    private final int width;
    private final int height;

    /**
     * @param imp     the image
     * @param channel 1-based channel
     */
    public ImageMaskPlanes(ImagePlus imp, int channel) {
        this.kind = kindOf(imp);
        int c = imp.getNChannels(), z = imp.getNSlices(), t = imp.getNFrames();
        if (channel < 1 || channel > c) throw new IllegalArgumentException("Channel " + channel + " of " + c);
        // Time point by time point, slices within each (plane t * z + slice): the order of a cine or
        // dynamic source series (SourceSeries.timePoints), whose sources then tell each plane's time.
        int n = z * t;
        this.stackIndex = new int[n];
        for (int p = 0; p < n; p++) stackIndex[p] = imp.getStackIndex(channel, p % z + 1, p / z + 1);
        this.stack = imp.getStack();
        this.width = imp.getWidth();
        this.height = imp.getHeight();
    }

    /** The mask kind of an image: UINT8, UINT16 or FLOAT32; RGB is refused with a message. */
    public static PixelKind kindOf(ImagePlus imp) {
        switch (imp.getBitDepth()) {
            case 8: return PixelKind.UINT8;
            case 16: return PixelKind.UINT16;
            case 32: return PixelKind.FLOAT32;
            default:
                throw new IllegalArgumentException("'" + imp.getTitle() + "' is an RGB image; export needs an 8- or 16-bit"
                        + " label image or a 32-bit probability map (Image > Type)");
        }
    }

    @Override public int rows() { return height; }
    @Override public int columns() { return width; }
    @Override public int planes() { return stackIndex.length; }
    @Override public PixelKind kind() { return kind; }

    /**
     * True when the planes are the arrays of a stack in memory (not a virtual stack): reading them
     * returns those arrays, so several threads may read at once.
     */
    public boolean inMemory() { return !stack.isVirtual(); }

    /** The 1-based stack index of plane {@code plane} (0-based). */
    public int stackIndex(int plane) { return stackIndex[plane]; }

    @Override public Object readPlane(int plane, Object dst) {
        if (plane < 0 || plane >= stackIndex.length) throw new IndexOutOfBoundsException("Plane " + plane + " of " + stackIndex.length);
        Object px = stack.getPixels(stackIndex[plane]);
        if (px == null) throw new IllegalStateException("Cannot read slice " + stackIndex[plane] + " of the image");
        return px;
    }
}
