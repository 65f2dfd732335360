package org.dicomseg.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;

/**
 * The label image of a {@link Phantom} on a {@link VolumeGeometry} as an 8-bit ImageJ stack
 * (one slice per DICOM slice, values {@link Phantom#BACKGROUND} 0, {@link Phantom#LIVER} 1,
 * {@link Phantom#BONE} 2, {@link Phantom#LESION} 3), calibrated in mm with the origin set so
 * that calibrated coordinates equal patient x, y, z; written as a TIFF stack with ImageJ's
 * {@link FileSaver}.
 */
public final class LabelImageWriter {
    private LabelImageWriter() { }

    /** The label stack, title "labels", display range 0..3. */
    public static ImagePlus labelImage(VolumeGeometry g, Phantom p) {
        ImageStack stack = new ImageStack(g.columns(), g.rows());
        for (int k = 0; k < g.slices(); k++) {
            stack.addSlice(null, new ByteProcessor(g.columns(), g.rows(), p.labels(g, k)));
        }
        ImagePlus imp = new ImagePlus("labels", stack);
        Calibration cal = imp.getCalibration();
        cal.setUnit("mm");
        cal.pixelWidth = g.columnSpacing();
        cal.pixelHeight = g.rowSpacing();
        cal.pixelDepth = g.sliceSpacing();
        double[] o = g.position(0);
        cal.xOrigin = -o[0] / g.columnSpacing();
        cal.yOrigin = -o[1] / g.rowSpacing();
        cal.zOrigin = -o[2] / g.sliceSpacing();
        imp.setDisplayRange(0, Phantom.LESION);
        return imp;
    }

    /** Writes {@code imp} as a TIFF (stack if it has several slices) to {@code file}. */
    public static void write(ImagePlus imp, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        FileSaver saver = new FileSaver(imp);
        boolean ok = imp.getStackSize() > 1 ? saver.saveAsTiffStack(file.toString()) : saver.saveAsTiff(file.toString());
        if (!ok) throw new IOException("ImageJ could not write " + file);
    }
}
