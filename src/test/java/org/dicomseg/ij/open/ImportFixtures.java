package org.dicomseg.ij.open;

import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CieLab;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;

/** Hand-made {@link ImportedSegmentation}s with known content for the importer tests. */
final class ImportFixtures {
    static final int W = 12, H = 10, D = 4;
    static final CodedConcept TISSUE = CodedConcept.sct("85756007", "Tissue");
    static final CodedConcept ORGAN = CodedConcept.sct("113343008", "Organ");

    private ImportFixtures() { }

    static SegmentDescription segment(int n, String label, int[] rgb) {
        SegmentDescription.Builder b = SegmentDescription.builder(n, label).category(TISSUE).type(ORGAN)
                .algorithmType(SegmentAlgorithmType.MANUAL);
        if (rgb != null) b.colorRgb(rgb[0], rgb[1], rgb[2]);
        return b.build();
    }

    static SegmentDescription automatic(int n, String label) {
        return SegmentDescription.builder(n, label).category(TISSUE).type(ORGAN)
                .algorithmType(SegmentAlgorithmType.AUTOMATIC)
                .algorithm(new AlgorithmIdentification(CodedConcept.dcm("113037", "Artificial Intelligence"), "Net", "1.0"))
                .tracking("lesion-A").color(new CieLab(40000, 50000, 30000)).build();
    }

    /** A rectangle x0..x1-1, y0..y1-1 set to {@code value} on a fresh plane. */
    static byte[] rect(int x0, int y0, int x1, int y1, int value) {
        byte[] p = new byte[W * H];
        for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) p[y * W + x] = (byte) value;
        return p;
    }

    static int count(byte[] p) {
        int n = 0;
        if (p != null) for (byte b : p) if (b != 0) n++;
        return n;
    }

    static PlaneGeometry geometry() {
        double[][] pos = new double[D][];
        String[] refs = new String[D];
        for (int z = 0; z < D; z++) {
            pos[z] = new double[] {-100.0, -50.0, 20.0 + 2.5 * z};
            refs[z] = "1.2.3.4." + (z + 1);
        }
        return new PlaneGeometry(new double[] {0.8, 0.5}, Double.NaN, 2.0, new double[] {1, 0, 0, 0, 1, 0}, pos, refs,
                "1.2.3.9", D);
    }

    /**
     * Three BINARY segments: 1 "Liver" red (4x3 on planes 1-2, 4x4 on plane 3), 2 "Spine" green
     * overlapping segment 1 on plane 2 (2x2 shared), 5 "Lesion" without colour, a ring with a hole on plane 4.
     */
    static ImportedSegmentation binary() {
        byte[][] liver = {rect(1, 1, 5, 4, 1), rect(1, 1, 5, 4, 1), rect(2, 2, 6, 6, 1), null};
        byte[][] spine = {null, rect(3, 2, 7, 8, 1), null, rect(8, 0, 10, 2, 1)};
        byte[] ring = rect(2, 2, 9, 9, 1);
        for (int y = 4; y < 7; y++) for (int x = 4; x < 7; x++) ring[y * W + x] = 0;
        byte[][] lesion = {null, null, null, ring};
        return ImportedSegmentation.builder(W, H, D, SegmentationType.BINARY)
                .addSegment(segment(1, "Liver", new int[] {255, 0, 0}), liver)
                .addSegment(segment(2, "Spine", new int[] {0, 255, 0}), spine)
                .addSegment(segment(5, "Lesion", null), lesion)
                .geometry(geometry()).headerLine("Transfer Syntax: Explicit VR Little Endian").build();
    }

    /** The same without the overlap (segment 2 moved off segment 1). */
    static ImportedSegmentation binaryDisjoint() {
        byte[][] liver = {rect(1, 1, 5, 4, 1), rect(1, 1, 5, 4, 1), null, null};
        byte[][] spine = {null, rect(6, 5, 8, 8, 1), null, null};
        return ImportedSegmentation.builder(W, H, D, SegmentationType.BINARY)
                .addSegment(segment(1, "Liver", new int[] {255, 0, 0}), liver)
                .addSegment(segment(2, "Spine", new int[] {0, 255, 0}), spine)
                .geometry(geometry()).build();
    }

    /** One FRACTIONAL segment, max 200: values 200 (4 px), 100 (4 px), 40 (4 px) on plane 1. */
    static ImportedSegmentation fractional() {
        byte[] p = new byte[W * H];
        for (int i = 0; i < 4; i++) { p[i] = (byte) 200; p[W + i] = (byte) 100; p[2 * W + i] = (byte) 40; }
        return ImportedSegmentation.builder(W, H, D, SegmentationType.FRACTIONAL).fractional(FractionalType.PROBABILITY, 200)
                .addSegment(automatic(1, "Tumour probability"), new byte[][] {p, null, null, null})
                .geometry(geometry()).build();
    }
}
