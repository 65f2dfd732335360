package org.dicomseg.ij.export;

import java.nio.file.Path;

import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriteResult;
import org.dicomseg.write.SegWriter;
import org.dicomseg.source.SourceImages;
import org.dicomseg.ij.source.SourceSeries;
import org.dicomseg.task.CanceledException;
import org.dicomseg.task.InputException;
import org.dicomseg.task.OutputException;

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
     * @throws InputException    when the sources cannot be read or do not match the plan (the writer's
     *                            {@code SegWriteException} among them); the message names the problem
     * @throws OutputException   when {@code out} may not or cannot be written
     * @throws CanceledException when the progress the plan was prepared with was canceled:
     *                            "Export cancelled; no file was written"
     */
    public static SegWriteResult write(ExportPlan plan, SourceSeries sources, SegWriteOptions options, Path out)
            throws InputException, OutputException {
        if (plan.mask().planes() != sources.planeCount()) {
            throw new InputException("The segmentation has " + plan.mask().planes() + " planes but the sources ("
                    + sources.origin() + ") have " + sources.planeCount());
        }
        SourceImages src = sources.sourceImages();
        return SegWriter.write(out, plan.mask(), plan.segments(), src, options);
    }
}
