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
 * export from it lands on the slide.
 */
public final class SlideImageOpener {
    private SlideImageOpener() { }

    /**
     * Columns {@code x .. x+width-1}, rows {@code y .. y+height-1} of {@code level} (index
     * {@code levelIndex}, 1 = largest).
     */
    public static ImagePlus open(SlideLevel level, int levelIndex, long x, long y, int width, int height) throws IOException {
        SlideRaster r = SlideRegionReader.read(level, x, y, width, height);
        ImageProcessor ip;
        if (r.samples() == 1 && r.bits() == 16) {
            short[] s = new short[width * height];
            byte[] p = r.pixels();
            for (int i = 0; i < s.length; i++) s[i] = (short) ((p[2 * i] & 0xFF) | (p[2 * i + 1] & 0xFF) << 8);
            ip = new ShortProcessor(width, height, s, null);
        } else if (r.samples() == 1) {
            ip = new ByteProcessor(width, height, r.pixels());
        } else {
            int[] rgb = new int[width * height];
            byte[] p = r.pixels();
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = 0xFF000000 | (p[3 * i] & 0xFF) << 16 | (p[3 * i + 1] & 0xFF) << 8 | (p[3 * i + 2] & 0xFF);
            }
            ip = new ColorProcessor(width, height, rgb);
        }
        String name = level.name();
        boolean whole = x == 0 && y == 0 && width == level.width() && height == level.height();
        ImagePlus imp = new ImagePlus(name + " [level " + levelIndex + (whole ? "" : " x=" + x + " y=" + y + " " + width + "x" + height) + "]", ip);
        Calibration cal = imp.getCalibration();
        cal.pixelWidth = level.matrix().columnSpacing() * 1000;
        cal.pixelHeight = level.matrix().rowSpacing() * 1000;
        cal.setUnit("micron");
        cal.xOrigin = -x;
        cal.yOrigin = -y;
        if (level.file() == null) {
            // A level on a server: an export lands on the remote instance (its metadata is the source).
            SlidePlacement.remote(level.header().location(), levelIndex, x, y, level.matrix().rowSpacing(), level.matrix().columnSpacing(),
                    level.frameOfReferenceUid(), level.sopInstanceUid()).applyTo(imp);
            return imp;
        }
        new SlidePlacement(level.file().toAbsolutePath(), levelIndex, x, y, level.matrix().rowSpacing(), level.matrix().columnSpacing(),
                level.frameOfReferenceUid(), level.sopInstanceUid()).applyTo(imp);
        return imp;
    }
}
