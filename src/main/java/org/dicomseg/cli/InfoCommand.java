package org.dicomseg.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
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

    static final String USAGE = "dicomseg info SEG [--json]";

    static int run(List<String> argv, PrintStream out) throws SegReadException {
        CommandLine a = CommandLine.parse(argv, Set.of(), Set.of("json"));
        if (a.positional().size() != 1) throw new CliException("usage: " + USAGE);
        Path file = Paths.get(a.positional().get(0));
        try (SegmentationReader seg = SegmentationReader.open(file)) {
            if (a.flag("json")) {
                out.println(SegInfoJson.toText(SegInfoJson.of(seg)));
            } else {
                printText(seg, out);
            }
        } catch (SegReadException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new SegReadException(file, e.getMessage(), e);
        }
        return 0;
    }

    private static void printText(SegmentationReader seg, PrintStream out) throws SegReadException {
        SegmentationMetadata m = seg.metadata();
        out.println("File:            " + seg.file());
        out.println("Type:            " + m.segmentationType()
                + (m.fractionalType() != null ? " / " + m.fractionalType() + " (max " + m.maximumFractionalValue() + ")" : ""));
        out.println("SOP class:       " + m.sopClassUid());
        out.println("Transfer syntax: " + m.transferSyntaxUid());
        out.println("Frames:          " + m.numberOfFrames() + " of " + m.rows() + " x " + m.columns()
                + (m.dimensionOrganizationType() != null ? " (" + m.dimensionOrganizationType().dicomValue() + ")" : ""));
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
