package org.dicomseg.plugins;

import java.io.IOException;

import ij.ImagePlus;

import org.dicomseg.slide.SlideSeries;

/** Test access to {@link OpenSlideCommand#open(SlideSeries, int, long, long, long, long)}. */
public final class OpenSlideCommandAccess {
    private OpenSlideCommandAccess() { }

    public static ImagePlus open(SlideSeries s, int level, long x, long y, long w, long h) throws IOException {
        return OpenSlideCommand.open(s, level, x, y, w, h);
    }
}
