package org.dicomseg.ij.slide;

import java.io.IOException;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

import org.dicomseg.source.slide.SlideLevel;
import org.dicomseg.source.slide.SlideRaster;
import org.dicomseg.source.slide.SlideRegionReader;

/**
 * Opens a level of a slide (a VL Whole Slide Microscopy image, PS3.3 A.32.8), or a region of its
 * Total Pixel Matrix (C.8.12.4.1.8), as an ImagePlus (8- or 16-bit grey, or RGB) calibrated in µm
 * from the level's Pixel Spacing, with its {@link SlidePlacement} stored as properties so that an
 * export from it lands on the slide. A level with several focal planes (Total Pixel Matrix Focal
 * Planes, C.8.12.4; distinct Z Offset in Slide Coordinate System, C.8.12.6.1) opens as a Z stack:
 * one slice per focal plane, in increasing Z (from the glass towards the coverslip), each labelled
 * with its Z, the voxel depth the focal plane spacing when even; the first optical path is shown.
 */
public final class SlideImageOpener {
    private SlideImageOpener() { }

    /**
     * Columns {@code x .. x+width-1}, rows {@code y .. y+height-1} of {@code level} (index
     * {@code levelIndex}, 1 = largest).
     */
    public static ImagePlus open(SlideLevel level, int levelIndex, long x, long y, int width, int height) throws IOException {
        double[] zs = level.matrix().focalPlanes();
        ij.ImageStack stack = new ij.ImageStack(width, height);
        for (int z = 0; z < zs.length; z++) {
            stack.addSlice(zs.length == 1 ? null : String.format(java.util.Locale.ROOT, "Z %.4g µm", zs[z] * 1000),
                    processor(SlideRegionReader.read(level, z, x, y, width, height), width, height));
        }
        String name = level.name();
        boolean whole = x == 0 && y == 0 && width == level.width() && height == level.height();
        ImagePlus imp = new ImagePlus(name + " [level " + levelIndex + (whole ? "" : " x=" + x + " y=" + y + " " + width + "x" + height) + "]",
                stack);
        Calibration cal = imp.getCalibration();
        cal.pixelWidth = level.matrix().columnSpacing() * 1000;
        cal.pixelHeight = level.matrix().rowSpacing() * 1000;
        cal.setUnit("micron");
        cal.xOrigin = -x;
        cal.yOrigin = -y;
        Double dz = level.matrix().focalPlaneSpacing();
        if (dz != null) cal.pixelDepth = dz * 1000;
        if (level.file() == null) {
            // A level on a server: an export lands on the remote instance (its metadata is the source).
            SlidePlacement.remote(level.header().location(), levelIndex, x, y, level.matrix().rowSpacing(), level.matrix().columnSpacing(),
                    level.frameOfReferenceUid(), level.sopInstanceUid()).withFocalPlanes(zs).applyTo(imp);
            return imp;
        }
        new SlidePlacement(level.file().toAbsolutePath(), levelIndex, x, y, level.matrix().rowSpacing(), level.matrix().columnSpacing(),
                level.frameOfReferenceUid(), level.sopInstanceUid()).withFocalPlanes(zs).applyTo(imp);
        return imp;
    }

    /** One decoded region as an ImageJ processor: 8- or 16-bit grey, or RGB. */
    private static ImageProcessor processor(SlideRaster r, int width, int height) {
        if (r.samples() == 1 && r.bits() == 16) {
            short[] s = new short[width * height];
            byte[] p = r.pixels();
            for (int i = 0; i < s.length; i++) s[i] = (short) ((p[2 * i] & 0xFF) | (p[2 * i + 1] & 0xFF) << 8);
            return new ShortProcessor(width, height, s, null);
        }
        if (r.samples() == 1) return new ByteProcessor(width, height, r.pixels());
        int[] rgb = new int[width * height];
        byte[] p = r.pixels();
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = 0xFF000000 | (p[3 * i] & 0xFF) << 16 | (p[3 * i + 1] & 0xFF) << 8 | (p[3 * i + 2] & 0xFF);
        }
        return new ColorProcessor(width, height, rgb);
    }
}
