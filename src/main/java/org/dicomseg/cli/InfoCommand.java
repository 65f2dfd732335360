package org.dicomseg.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dicomseg.options.CommandLine;
import org.dicomseg.read.SegReadException;
import org.dicomseg.read.SegmentationMetadata;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.model.SegmentDescription;

/** {@code dicomseg info SEG [--json]}: what a SEG holds, as text for people or JSON for scripts. */
final class InfoCommand {
    private InfoCommand() { }

    static final String USAGE = "dicomseg info SEG|URL [--json] " + ServerFlags.USAGE;

    static int run(List<String> argv, PrintStream out) throws java.io.IOException {
        CommandLine a = CommandLine.parse(argv, ServerFlags.VALUED, Set.of("json"));
        if (a.positional().size() != 1) throw new CliException("usage: " + USAGE);
        try (SegInput in = SegInput.of(a.positional().get(0), ServerFlags.settings(a), true, false)) {
            run(in, a.flag("json"), out);
        }
        return 0;
    }

    private static void run(SegInput in, boolean json, PrintStream out) throws SegReadException {
        Path file = in.file();
        try (SegmentationReader seg = in.open()) {
            if (json) {
                out.println(SegInfoJson.toText(SegInfoJson.of(seg)));
            } else {
                printText(seg, in.remote() ? in.name() : seg.file().toString(), out);
            }
        } catch (SegReadException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new SegReadException(file, e.getMessage(), e);
        }
    }

    private static void printText(SegmentationReader seg, String name, PrintStream out) throws SegReadException {
        SegmentationMetadata m = seg.metadata();
        out.println("File:            " + name);
        out.println("Type:            " + m.segmentationType()
                + (m.fractionalType() != null ? " / " + m.fractionalType() + " (max " + m.maximumFractionalValue() + ")" : ""));
        out.println("SOP class:       " + m.sopClassUid());
        out.println("Transfer syntax: " + m.transferSyntaxUid());
        out.println("Frames:          " + m.numberOfFrames() + " of " + m.rows() + " x " + m.columns()
                + (m.dimensionOrganizationType() != null ? " (" + m.dimensionOrganizationType().dicomValue() + ")" : ""));
        if (m.temporalDimension() >= 0) { // 2D+t / 3D+t (PS3.3 C.7.6.17): how the planes are laid out in time
            out.println("Planes:          " + org.dicomseg.reconstruct.Reconstructor.planeOrder(seg,
                    org.dicomseg.reconstruct.ReconstructionOptions.defaults()));
        }
        if (m.isTiled()) {
            out.println("Total matrix:    " + m.totalPixelMatrixRows() + " x " + m.totalPixelMatrixColumns());
        }
        out.println("Segments:        " + seg.segments().size()
                + (m.segmentsOverlap() != null ? " (overlap: " + m.segmentsOverlap() + ")" : ""));
        Map<Integer, Long> counts = seg.segmentPixelCounts();
        out.printf("  %4s  %-24s %-28s %-28s %-13s %10s%n", "#", "label", "category", "type", "algorithm", "pixels");
        for (SegmentDescription s : seg.segments()) {
            out.printf("  %4d  %-24s %-28s %-28s %-13s %10d%n", s.segmentNumber(), clip(s.label(), 24),
                    clip(s.category().meaning(), 28), clip(s.type().meaning(), 28), s.algorithmType(),
                    counts.getOrDefault(s.segmentNumber(), 0L));
        }
        for (String w : m.warnings()) out.println("Note: " + w);
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
