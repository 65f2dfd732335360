package org.dicomseg.ij.open;

import java.util.List;
import java.util.stream.Collectors;

import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.ij.SegmentColors;

/**
 * The human-readable description of a segmentation that goes into an image's "Info" property
 * (Image &gt; Show Info) and the SEG Info command: the header summary, then one block per segment
 * with everything the Segment Sequence says (codes as DICOM triplets, algorithm, tracking,
 * colour, pixel count).
 */
public final class SegInfoText {
    private SegInfoText() { }

    /** The full text for {@code v}. */
    public static String of(ImportedSegmentation v) {
        return of(v, null);
    }

    /**
     * The full text for {@code v}, with each segment's pixel count taken from {@code counts}
     * (index = segment in {@link ImportedSegmentation#segments()} order: its nonzero pixels, as
     * {@link ImportedSegmentation.Segment#nonZeroCount()} gives them) when counted already while
     * its planes were made; null = count them here.
     */
    static String of(ImportedSegmentation v, long[] counts) {
        StringBuilder sb = new StringBuilder();
        sb.append("DICOM Segmentation\n");
        if (v.sourcePath() != null) sb.append("File: ").append(v.sourcePath()).append('\n');
        sb.append("Segmentation Type: ").append(v.type());
        if (v.type() == SegmentationType.FRACTIONAL) {
            sb.append(" (").append(v.fractionalType()).append(", Maximum Fractional Value ")
                    .append(v.maxFractionalValue()).append(')');
        }
        sb.append('\n');
        sb.append("Planes: ").append(v.depth()).append(" of ").append(v.width()).append('x').append(v.height())
                .append(" pixels\n");
        for (String line : v.header()) {
            sb.append(line).append('\n');
        }
        sb.append("Segments: ").append(v.segments().size()).append('\n');
        List<ImportedSegmentation.Segment> segs = v.segments();
        for (int i = 0; i < segs.size(); i++) {
            ImportedSegmentation.Segment s = segs.get(i);
            sb.append('\n');
            appendSegment(sb, s.description(), counts != null ? counts[i] : s.nonZeroCount());
        }
        return sb.toString();
    }

    /** The block of one segment; {@code pixels} < 0 leaves the count out. */
    public static String segment(SegmentDescription d, long pixels) {
        StringBuilder sb = new StringBuilder();
        appendSegment(sb, d, pixels);
        return sb.toString();
    }

    /** One segment's block. */
    static void appendSegment(StringBuilder sb, SegmentDescription d, long pixels) {
        sb.append("Segment ").append(d.segmentNumber()).append(": ").append(d.label()).append('\n');
        if (d.description() != null) sb.append("  Description: ").append(d.description()).append('\n');
        sb.append("  Category: ").append(d.category()).append('\n');
        sb.append("  Type: ").append(d.type());
        if (!d.typeModifiers().isEmpty()) sb.append(" modifiers ").append(codes(d.typeModifiers()));
        sb.append('\n');
        if (!d.anatomicRegions().isEmpty()) {
            sb.append("  Anatomic region: ").append(codes(d.anatomicRegions()));
            if (!d.anatomicRegionModifiers().isEmpty()) sb.append(" modifiers ").append(codes(d.anatomicRegionModifiers()));
            sb.append('\n');
        }
        if (!d.primaryAnatomicStructures().isEmpty()) {
            sb.append("  Primary anatomic structure: ").append(codes(d.primaryAnatomicStructures())).append('\n');
        }
        sb.append("  Algorithm type: ").append(d.algorithmType()).append('\n');
        AlgorithmIdentification a = d.algorithmIdentification();
        if (a != null) sb.append("  Algorithm: ").append(algorithm(a)).append('\n');
        if (d.trackingId() != null) sb.append("  Tracking ID: ").append(d.trackingId()).append('\n');
        if (d.trackingUid() != null) sb.append("  Tracking UID: ").append(d.trackingUid()).append('\n');
        java.awt.Color c = SegmentColors.of(d);
        sb.append("  Colour: ").append(String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue()));
        sb.append(d.recommendedDisplayCieLab() != null ? " (" + d.recommendedDisplayCieLab() + ")" : " (default palette)");
        sb.append('\n');
        if (pixels >= 0) sb.append("  Pixels: ").append(pixels).append('\n');
    }

    /** "name version (family)" of an algorithm. */
    public static String algorithm(AlgorithmIdentification a) {
        return a.name() + " " + a.version() + " (" + a.family().meaning() + ")";
    }

    /** Code triplets separated by "; ". */
    public static String codes(List<CodedConcept> cs) {
        return cs.stream().map(CodedConcept::toString).collect(Collectors.joining("; "));
    }
}
