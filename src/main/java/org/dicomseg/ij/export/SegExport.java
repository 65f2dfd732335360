package org.dicomseg.ij.export;

import java.nio.file.Path;

import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import org.dicomseg.write.SegWriter;
import org.dicomseg.source.SourceImages;
import org.dicomseg.ij.source.SourceSeries;

/**
 * The last step of every ImageJ export: reads the headers of the ordered sources and hands plan,
 * sources and options to {@link SegWriter}, which writes atomically (temporary file, then rename;
 * nothing is left behind on an error or a cancel).
 */
public final class SegExport {
    private SegExport() { }

    /**
     * Writes {@code plan} as a SEG derived from {@code sources} to {@code out}.
     *
     * @throws IllegalArgumentException (incl. the writer's {@code SegWriteException}) naming the problem
     * @throws ExportCanceledException  when the monitor the plan was prepared with cancelled
     */
    public static SegWriteResult write(ExportPlan plan, SourceSeries sources, SegWriteOptions options, Path out) {
        if (plan.mask().planes() != sources.planeCount()) {
            throw new IllegalArgumentException("The segmentation has " + plan.mask().planes() + " planes but the sources ("
                    + sources.origin() + ") have " + sources.planeCount());
        }
        SourceImages src = sources.sourceImages();
        return SegWriter.write(out, plan.mask(), plan.segments(), src, options);
    }
}
