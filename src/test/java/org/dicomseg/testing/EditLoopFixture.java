package org.dicomseg.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;

import org.dicomseg.ij.open.ImportSources;
import org.dicomseg.ij.open.ImportedSegmentation;
import org.dicomseg.ij.open.SegImporter;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.AlgorithmIdentification;
import org.dicomseg.model.CodedConcept;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.task.Progress;
import org.dicomseg.samples.CtSeriesWriter;
import org.dicomseg.samples.Phantom;
import org.dicomseg.samples.SampleStudy;
import org.dicomseg.samples.VolumeGeometry;
import org.dicomseg.source.SourceImages;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;

/**
 * A W1-like case for the edit loop (import, edit, export): a CT series of {@value #SLICES} slices of
 * {@value #COLUMNS}x{@value #ROWS} (odd sizes; 1.25 mm apart, 2 mm thick, not at the origin) in
 * {@code dir/ct}, and a BINARY SEG of three described segments in {@code dir/seg/ai-seg.dcm}, written
 * with empty frames omitted (the default): slices 0..19, 100..109 and 220..239 are empty for every
 * segment (first, middle and last), and "Lesion" lies inside "Liver" (the segments overlap).
 */
public final class EditLoopFixture {
    public static final int SLICES = 240, ROWS = 50, COLUMNS = 62;
    /** Segment 1 "Liver": slices 20..99 and 110..199, rows 10..29, columns 5..34. */
    public static final int[] LIVER = {10, 30, 5, 35};
    /** Segment 2 "Lesion": slices 60..90, rows 15..21, columns 10..17 (inside the liver). */
    public static final int[] LESION = {15, 22, 10, 18};
    /** Segment 3 "Kidney": slices 150..219, rows 35..44, columns 40..54. */
    public static final int[] KIDNEY = {35, 45, 40, 55};

    public final Path ctDir;
    public final Path seg;
    public final List<SegmentDescription> descriptions;

    private EditLoopFixture(Path ctDir, Path seg, List<SegmentDescription> descriptions) {
        this.ctDir = ctDir;
        this.seg = seg;
        this.descriptions = descriptions;
    }

    /** Whether segment {@code n} (1..3) covers slice {@code z}. */
    public static boolean onSlice(int n, int z) {
        switch (n) {
            case 1: return z >= 20 && z < 200 && (z < 100 || z >= 110);
            case 2: return z >= 60 && z <= 90;
            case 3: return z >= 150 && z < 220;
            default: return false;
        }
    }

    /** The rectangle {row0, row1, col0, col1} (ends exclusive) of segment {@code n}. */
    public static int[] rect(int n) {
        return n == 1 ? LIVER : n == 2 ? LESION : KIDNEY;
    }

    /** Whether pixel (row, column) of slice z is in segment n. */
    public static boolean inside(int n, int z, int row, int col) {
        int[] r = rect(n);
        return onSlice(n, z) && row >= r[0] && row < r[1] && col >= r[2] && col < r[3];
    }

    /** The three segments as 0/1 masks, {@code [segment - 1][slice][row * COLUMNS + column]}. */
    public static byte[][][] masks() {
        byte[][][] masks = new byte[3][SLICES][ROWS * COLUMNS];
        for (int n = 1; n <= 3; n++) {
            for (int z = 0; z < SLICES; z++) {
                for (int r = 0; r < ROWS; r++) {
                    for (int c = 0; c < COLUMNS; c++) {
                        if (inside(n, z, r, c)) masks[n - 1][z][r * COLUMNS + c] = 1;
                    }
                }
            }
        }
        return masks;
    }

    /** A label map of the liver (1) and the kidney (2), without the lesion (it lies inside the liver). */
    public static byte[][] liverKidneyLabels() {
        byte[][][] m = masks();
        byte[][] labels = new byte[SLICES][ROWS * COLUMNS];
        for (int z = 0; z < SLICES; z++) {
            for (int i = 0; i < ROWS * COLUMNS; i++) labels[z][i] = m[2][z][i] != 0 ? 2 : m[0][z][i] != 0 ? (byte) 1 : 0; // the kidney last, as written in turn
        }
        return labels;
    }

    /** Writes the CT and the SEG under {@code dir}. */
    public static EditLoopFixture write(Path dir) throws IOException {
        VolumeGeometry g = new VolumeGeometry(ROWS, COLUMNS, SLICES, 0.9, 0.8, 1.25, 2.0, new double[] {-30, -20, -150});
        Path ct = Files.createDirectories(dir.resolve("ct"));
        new CtSeriesWriter(SampleStudy.deterministic(13), g, new Phantom(100)).series("edit-loop", 7, "Edit loop CT")
                .zeroPixels(true).write(ct);
        byte[][][] masks = masks();
        List<SegmentDescription> d = new ArrayList<>();
        AlgorithmIdentification net = new AlgorithmIdentification(Codes.ARTIFICIAL_INTELLIGENCE, "TotalSegmentator", "2.4.0");
        d.add(SegmentDescription.builder(1, "Liver").category(Codes.ORGAN).type(Codes.LIVER)
                .algorithmType(SegmentAlgorithmType.AUTOMATIC).algorithm(net).tracking("liver-1").colorRgb(221, 130, 101).build());
        d.add(SegmentDescription.builder(2, "Lesion").category(Codes.MORPHOLOGICALLY_ABNORMAL_STRUCTURE).type(Codes.NEOPLASM)
                .algorithmType(SegmentAlgorithmType.SEMIAUTOMATIC).algorithm(net).tracking("lesion-A").colorRgb(250, 250, 30).build());
        d.add(SegmentDescription.builder(3, "Kidney").category(Codes.ORGAN).type(CodedConcept.sct("64033007", "Kidney"))
                .addTypeModifier(Codes.LEFT).algorithmType(SegmentAlgorithmType.AUTOMATIC).algorithm(net)
                .colorRgb(185, 102, 83).build());
        Path seg = Files.createDirectories(dir.resolve("seg")).resolve("ai-seg.dcm");
        try {
            SegWriter.write(seg, StackedMasks.ofBytes(masks, ROWS, COLUMNS), d, SourceImages.read(ctFiles(ct)),
                    SegWriteOptions.builder().segmentationType(SegmentationType.BINARY).build());
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        Conformance.assertConformant(seg);
        return new EditLoopFixture(ct, seg, d);
    }

    /** The fixture's segments written again beside its SEG in other types and syntaxes ({@link #writeVariants}). */
    public static final class Variants {
        /** The three segments, BINARY, RLE Lossless. */
        public final Path binaryRle;
        /** {@link #liverKidneyLabels()} as LABELMAP, native and RLE Lossless. */
        public final Path labelMap, labelMapRle;

        private Variants(Path binaryRle, Path labelMap, Path labelMapRle) {
            this.binaryRle = binaryRle;
            this.labelMap = labelMap;
            this.labelMapRle = labelMapRle;
        }
    }

    /**
     * Writes the fixture's segments beside its SEG (so the CT is found as for it) as BINARY with RLE
     * (checked by the conformance gate) and the liver/kidney label map as LABELMAP, native and RLE.
     */
    public Variants writeVariants() throws Exception {
        SourceImages ct = SourceImages.read(ctFiles(ctDir));
        Path rle = seg.resolveSibling("ai-seg-rle.dcm");
        SegWriter.write(rle, StackedMasks.ofBytes(masks(), ROWS, COLUMNS), descriptions, ct, SegWriteOptions.builder()
                .segmentationType(SegmentationType.BINARY).transferSyntax(OutputTransferSyntax.RLE_LOSSLESS).build());
        Conformance.assertConformant(rle);
        List<SegmentDescription> d = List.of(
                SegmentDescription.builder(1, "Liver").category(Codes.ORGAN).type(Codes.LIVER)
                        .algorithmType(SegmentAlgorithmType.MANUAL).build(),
                SegmentDescription.builder(2, "Kidney").category(Codes.ORGAN).type(CodedConcept.sct("64033007", "Kidney"))
                        .algorithmType(SegmentAlgorithmType.MANUAL).build());
        byte[][] labels = liverKidneyLabels();
        Path labelMap = seg.resolveSibling("labels.dcm");
        Path labelMapRle = seg.resolveSibling("labels-rle.dcm");
        SegWriter.write(labelMap, LabelMapMask.ofBytes(labels, ROWS, COLUMNS), d, ct, SegWriteOptions.builder()
                .segmentationType(SegmentationType.LABELMAP).build());
        SegWriter.write(labelMapRle, LabelMapMask.ofBytes(labels, ROWS, COLUMNS), d, ct, SegWriteOptions.builder()
                .segmentationType(SegmentationType.LABELMAP).transferSyntax(OutputTransferSyntax.RLE_LOSSLESS).build());
        return new Variants(rle, labelMap, labelMapRle);
    }

    /** The CT files in slice order. */
    public static List<Path> ctFiles(Path ct) {
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < SLICES; k++) files.add(ct.resolve(CtSeriesWriter.fileName(k)));
        return files;
    }

    /**
     * Checks a SEG exported from this case's import after the edits of the loop tests: the same study,
     * frame of reference and source series, a new instance; "Liver" described as before and cleared
     * on planes 30-32 and drawn on empty plane 5; "Lesion" gone; "Kidney" described as before;
     * {@code added} a default (Tissue) segment drawn on planes 120-125; re-imported, the sources'
     * plane count.
     */
    public void assertEdited(Path edited, String added) throws Exception {
        assertEdited0(edited, added);
    }

    /** The General Image Source Image Sequence of {@code edited} names this case's SEG (PS3.3 C.7.6.1.1.4). */
    public void assertPredecessor(Path edited) throws Exception {
        com.pixelmed.dicom.AttributeList h = SyntheticSegs.readAll(edited);
        com.pixelmed.dicom.SequenceAttribute sis = (com.pixelmed.dicom.SequenceAttribute) h.get(com.pixelmed.dicom.TagFromName.SourceImageSequence);
        org.junit.jupiter.api.Assertions.assertNotNull(sis, "the edited SEG names its predecessor");
        String uid;
        try (SegmentationReader orig = SegmentationReader.open(seg)) {
            uid = orig.metadata().sopInstanceUid();
        }
        assertEquals(uid, com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(sis.getItem(0).getAttributeList(),
                com.pixelmed.dicom.TagFromName.ReferencedSOPInstanceUID));
        // the equipment that wrote the predecessor, as Contributing Equipment (109102, Processing Equipment)
        com.pixelmed.dicom.AttributeList orig = SyntheticSegs.readAll(seg);
        com.pixelmed.dicom.SequenceAttribute ce = (com.pixelmed.dicom.SequenceAttribute) h.get(com.pixelmed.dicom.TagFromName.ContributingEquipmentSequence);
        org.junit.jupiter.api.Assertions.assertNotNull(ce, "the edited SEG records its predecessor's equipment");
        com.pixelmed.dicom.AttributeList item = ce.getItem(ce.getNumberOfItems() - 1).getAttributeList();
        for (com.pixelmed.dicom.AttributeTag t : List.of(com.pixelmed.dicom.TagFromName.Manufacturer,
                com.pixelmed.dicom.TagFromName.ManufacturerModelName, com.pixelmed.dicom.TagFromName.SoftwareVersions)) {
            assertEquals(com.pixelmed.dicom.Attribute.getDelimitedStringValuesOrNull(orig, t),
                    com.pixelmed.dicom.Attribute.getDelimitedStringValuesOrNull(item, t), t.toString());
        }
        com.pixelmed.dicom.SequenceAttribute purpose = (com.pixelmed.dicom.SequenceAttribute) item.get(
                com.pixelmed.dicom.TagFromName.PurposeOfReferenceCodeSequence);
        assertEquals("109102", com.pixelmed.dicom.Attribute.getSingleStringValueOrNull(purpose.getItem(0).getAttributeList(),
                com.pixelmed.dicom.TagFromName.CodeValue));
    }

    private void assertEdited0(Path edited, String added) throws Exception {
        assertPredecessor(edited);
        try (SegmentationReader orig = SegmentationReader.open(seg); SegmentationReader r = SegmentationReader.open(edited)) {
            assertEquals(orig.metadata().studyInstanceUid(), r.metadata().studyInstanceUid());
            assertEquals(orig.metadata().frameOfReferenceUid(), r.metadata().frameOfReferenceUid());
            assertNotEquals(orig.metadata().sopInstanceUid(), r.metadata().sopInstanceUid());
            assertEquals(orig.metadata().referencedSeries().get(0).seriesInstanceUid(),
                    r.metadata().referencedSeries().get(0).seriesInstanceUid());
            assertEquals(3, r.segments().size());
            assertEquals(descriptions.get(0), r.getSegmentDescription(1));
            assertEquals(descriptions.get(2).toBuilder().segmentNumber(2).build(), r.getSegmentDescription(2));
            assertEquals(added, r.getSegmentDescription(3).label());
            assertEquals(Codes.TISSUE, r.getSegmentDescription(3).type());
        }
        ImagePlus back;
        try (SegmentationReader r = SegmentationReader.open(edited)) {
            ImportOptions o = ImportOptions.builder().sourceFolder(ctDir).build();
            ImportedSegmentation v = ImportSources.read(r, o, edited, List.of(), null, 0, 0, Progress.NONE);
            back = new SegImporter(o, Progress.NONE).run(v, edited, "back").image();
        }
        assertEquals(SLICES, back.getNSlices());
        for (int z = 1; z <= SLICES; z++) {
            int expected = z >= 30 && z <= 32 ? 0 : onSlice(1, z - 1) ? 255 : 0;
            assertEquals(expected, back.getStack().getProcessor(back.getStackIndex(1, z, 1)).get(LIVER[2] + 1, LIVER[0] + 1),
                    "Liver on plane " + z);
            boolean kidney = onSlice(3, z - 1);
            assertEquals(kidney ? 255 : 0, back.getStack().getProcessor(back.getStackIndex(2, z, 1)).get(KIDNEY[2], KIDNEY[0]),
                    "Kidney on plane " + z);
            boolean spleen = z >= 120 && z <= 125;
            assertEquals(spleen ? 255 : 0, back.getStack().getProcessor(back.getStackIndex(3, z, 1)).get(52, 4), added + " on plane " + z);
        }
        assertEquals(255, back.getStack().getProcessor(back.getStackIndex(1, 5, 1)).get(3, 3));
    }
}
