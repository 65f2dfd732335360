package org.dicomseg.plugins;

import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;

import org.dicomseg.codec.SegWriteOptions;
import org.dicomseg.codec.SegWriteResult;
import org.dicomseg.ij.ExportPlan;
import org.dicomseg.ij.SlideExport;
import org.dicomseg.ij.SlidePlacement;

/**
 * The export commands' path for an image opened from a slide ({@link SlidePlacement}, set by
 * {@link OpenSlideCommand}): no source series is looked for; the plan is written as a tiled SEG on
 * the level the image came from, at the image's offset (PS3.3 C.7.6.17.3), and reported like
 * every export.
 */
final class SlideExportSupport {
    private SlideExportSupport() { }

    /** The slide the image lies on, or null for an ordinary image. */
    static SlidePlacement of(ImagePlus imp) {
        return SlidePlacement.of(imp);
    }

    /** The dialog's source note for a slide image. */
    static String note(SlidePlacement s) {
        return "On a DICOM slide: " + s + " — written as a tiled SEG there (the source field is not used)";
    }

    /** Writes and reports; returns the result. */
    static SegWriteResult write(String command, ExportPlan plan, SlidePlacement slide, SegWriteOptions options, Path out,
                                IjExportMonitor monitor) {
        for (String note : plan.notes()) IJ.log(command + ": " + note);
        IJ.showStatus(command + ": writing " + out.getFileName() + " (Esc cancels)");
        SegWriteResult r;
        try {
            r = SlideExport.write(plan, slide, options, out);
        } finally {
            if (monitor != null) monitor.done();
        }
        IJ.log(command + ": wrote " + r.file() + " (tiled " + options.tiledGeometry().organization().dicomValue() + ", "
                + options.segmentationType() + ", " + plan.segments().size() + (plan.segments().size() == 1 ? " segment, " : " segments, ")
                + r.numberOfFrames() + (r.numberOfFrames() == 1 ? " frame" : " frames") + "; slide " + slide + ")");
        IJ.showStatus(command + ": wrote " + out.getFileName());
        return r;
    }
}
