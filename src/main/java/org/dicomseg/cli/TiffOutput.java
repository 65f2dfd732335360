package org.dicomseg.cli;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.RoiEncoder;
import ij.io.TiffEncoder;

import org.dicomseg.dicom.ChannelOutput;

/**
 * Writes an image as ImageJ's TIFF: the bytes of {@code FileSaver.saveAsTiffStack} (same
 * {@code FileInfo}: Info and properties, description with the hyperstack's dimensions and
 * calibration, slice labels, ROI, overlay, channel display ranges and LUTs, the same
 * {@code TiffEncoder}), written differently:
 * <ul>
 *   <li>through {@link ChannelOutput}, which does not truncate the empty temporary file of
 *       {@code AtomicOutput} (ImageJ's {@code FileOutputStream} does, and on ext4 a file truncated to
 *       zero is written back to disk when it is closed: 0.1–0.2 s for W3's 524 MB hyperstack);</li>
 *   <li>a plane that is all zeros is left as a hole in the file ({@link ChannelOutput#skip}): it
 *       reads as zeros, so the content is byte for byte ImageJ's, but an import of 5 segments of 117
 *       (W3: 1,753 of its 2,000 planes empty) copies 65 MB instead of 524 MB. One array used for
 *       several planes (the shared empty plane of {@code HyperstackBuilder.shareEmptyPlanes}) is
 *       checked once.</li>
 * </ul>
 * A single image (not a stack) goes through {@code FileSaver.saveAsTiff} as before.
 */
final class TiffOutput {
    private TiffOutput() { }

    /** Writes fewer bytes than this as they are (a hole saves nothing on a few pages). */
    private static final int HOLE_MIN = 1 << 16;
    private static final byte[] ZEROS = new byte[HOLE_MIN];

    /** Writes {@code imp} (a stack) to {@code file} (an existing empty file, or a new one). */
    static void writeStack(ImagePlus imp, Path file) throws IOException {
        if (imp.getStackSize() < 2) throw new IllegalArgumentException("not a stack: " + imp.getTitle());
        FileSaver saver = new FileSaver(imp);
        // FileSaver.saveAsTiffStack's FileInfo, for an image in memory (ImageJ 1.54p)
        FileInfo fi = imp.getFileInfo();
        fi.info = imp.getInfoProperty();
        fi.description = saver.getDescriptionString();
        fi.sliceLabels = imp.getStack().getSliceLabels();
        fi.roi = RoiEncoder.saveAsByteArray(imp.getRoi());
        fi.overlay = FileSaver.getOverlay(imp);
        fi.properties = imp.getPropertiesAsArray();
        if (imp.isComposite()) saver.saveDisplayRangesAndLuts(imp, fi);
        try (ChannelOutput ch = new ChannelOutput(file); Holes out = new Holes(ch, imp.getStack().getImageArray())) {
            new TiffEncoder(fi).write(new DataOutputStream(out));
        }
    }

    /**
     * ImageJ writes each 8-bit plane of a stack with one {@code write(plane, 0, length)} of the
     * stack's own array, and 16/32-bit planes converted into a buffer of its own that it reuses:
     * runs of zeros of either kind become holes. Small writes (header, IFDs, metadata) pass through.
     */
    private static final class Holes extends OutputStream {
        private final ChannelOutput out;
        /** The stack's own pixel arrays (by identity): their content does not change while they are written. */
        private final java.util.Set<Object> planes = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        /**
         * The last plane of the stack found to be all zeros: the shared empty plane is checked once.
         * Never one of ImageJ's conversion buffers, whose content changes from plane to plane.
         */
        private byte[] lastZero;

        Holes(ChannelOutput out, Object[] stackPlanes) {
            this.out = out;
            for (Object a : stackPlanes) if (a != null) planes.add(a);
        }

        @Override public void write(int b) throws IOException {
            out.write(b);
        }

        @Override public void write(byte[] b, int off, int len) throws IOException {
            if (len >= HOLE_MIN && (b == lastZero || allZero(b, off, len))) {
                if (off == 0 && len == b.length && planes.contains(b)) lastZero = b;
                out.skip(len);
            } else {
                out.write(b, off, len);
            }
        }

        @Override public void close() {
            // ChannelOutput is closed by its own try
        }
    }

    /** True when {@code b[off, off + len)} holds only zeros (compared a block at a time: stops at the first nonzero block). */
    static boolean allZero(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i += HOLE_MIN) {
            int n = Math.min(HOLE_MIN, end - i);
            if (Arrays.mismatch(b, i, i + n, ZEROS, 0, n) >= 0) return false;
        }
        return true;
    }
}
