package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dicomseg.testing.SegTestData.Input;
import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.task.CanceledException;
import org.dicomseg.task.Progress;
import org.dicomseg.task.InputException;
import org.dicomseg.task.OutputException;

/**
 * Bad input: every error names the problem, and the output folder is left exactly as it was (no
 * output, no temporary file).
 */
class SegWriterErrorsTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    private static final SegWriteOptions BINARY = SegWriteOptions.defaults();

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** Runs a write failing on a bad argument and returns its message; asserts the folder did not change. */
    private String failure(SegmentationMask mask, List<SegmentDescription> segs, SourceImages src, SegWriteOptions o)
            throws IOException {
        return failure(IllegalArgumentException.class, mask, segs, src, o);
    }

    /** Runs a write failing with {@code expected} and returns its message; asserts the folder did not change. */
    private String failure(Class<? extends Exception> expected, SegmentationMask mask, List<SegmentDescription> segs,
            SourceImages src, SegWriteOptions o) throws IOException {
        List<String> before = listing();
        Exception e = assertThrows(expected, () -> SegWriter.write(dir.resolve("out.dcm"), mask, segs, src, o));
        assertEquals(before, listing(), "nothing written: " + e.getMessage());
        return e.getMessage();
    }

    private static SegmentationMask labels(int planes, int rows, int cols, int value) {
        byte[][] p = new byte[planes][rows * cols];
        p[0][0] = (byte) value;
        return LabelMapMask.ofBytes(p, rows, cols);
    }

    @Test
    void planeCountMismatchNamesBothNumbers() throws IOException {
        String m = failure(SegWriteException.class, labels(3, 16, 16, 1), SegTestData.descriptions(1), Sources.CT2.read(), BINARY);
        assertTrue(m.contains("3 planes") && m.contains("4 frames"), m);
    }

    @Test
    void shapeMismatchNamesBothShapes() throws IOException {
        String m = failure(SegWriteException.class, labels(4, 16, 15, 1), SegTestData.descriptions(1), Sources.CT2.read(), BINARY);
        assertTrue(m.contains("16 rows x 15 columns") && m.contains("16 rows x 16 columns"), m);
    }

    @Test
    void labelWithoutDescriptionNamesTheValue() throws IOException {
        String m = failure(labels(4, 16, 16, 7), SegTestData.descriptions(2), Sources.CT2.read(), BINARY);
        assertTrue(m.contains("Label value 7") && m.contains("no segment description"), m);
    }

    @Test
    void unmappedLabelOfGappedMapNamesTheValue() throws IOException {
        byte[][] p = new byte[4][256];
        p[0][0] = 1;
        p[1][5] = 5;
        p[2][9] = 9;
        SegmentationMask mask = LabelMapMask.of(MaskPlanes.ofBytes(p, 16, 16), Map.of(1, 1, 5, 2));
        String m = failure(mask, SegTestData.descriptions(2), Sources.CT2.read(), BINARY);
        assertTrue(m.contains("Label value 9"), m);
    }

    @Test
    void segmentNumbersMustBeConsecutiveFromOne() throws IOException {
        List<SegmentDescription> segs = new ArrayList<>(SegTestData.descriptions(3));
        segs.remove(1);
        String m = failure(labels(4, 16, 16, 1), segs, Sources.CT2.read(), BINARY);
        assertTrue(m.contains("1..N") && m.contains("[1, 3]"), m);
    }

    @Test
    void emptySegmentListIsRefused() throws IOException {
        String m = failure(labels(4, 16, 16, 0), List.of(), Sources.CT2.read(), BINARY);
        assertTrue(m.contains("at least one segment"), m);
    }

    @Test
    void fractionalValueOutsideUnitIntervalIsNamed() throws IOException {
        float[][][] f = new float[1][4][256];
        f[0][2][17] = 1.5f;
        String m = failure(StackedMasks.ofFloats(f, 16, 16), SegTestData.descriptions(1), Sources.CT2.read(),
                SegWriteOptions.builder().segmentationType(SegmentationType.FRACTIONAL).build());
        assertTrue(m.contains("1.5") && m.contains("plane 3") && m.contains("outside [0, 1]"), m);
        f[0][2][17] = Float.NaN;
        m = failure(StackedMasks.ofFloats(f, 16, 16), SegTestData.descriptions(1), Sources.CT2.read(), BINARY);
        assertTrue(m.contains("NaN"), m);
    }

    @Test
    void mixedFramesOfReferenceAreRefused() {
        InputException e = assertThrows(InputException.class, () -> SourceImages.read(
                Shared.corpus("pydicom/dicomdirtests/77654033/CT2/17106"), Shared.corpus("dcmqi/segmentations/23x38x3/image/IMG0001.dcm")));
        assertTrue(e.getMessage().contains("frames of reference") || e.getMessage().contains("different studies"), e.getMessage());
    }

    @Test
    void mixedFramesOfReferenceInOneStudyAreRefused() throws Exception {
        // Same study, another frame of reference: a copy of a CT2 slice with a new Frame of Reference UID.
        com.pixelmed.dicom.AttributeList l = new com.pixelmed.dicom.AttributeList();
        l.read(Shared.corpus("pydicom/dicomdirtests/77654033/CT2/17136").toFile());
        com.pixelmed.dicom.Attribute a = new com.pixelmed.dicom.UniqueIdentifierAttribute(com.pixelmed.dicom.TagFromName.FrameOfReferenceUID);
        a.addValue("1.2.3.4.5.6.7");
        l.put(a);
        Path other = Files.createDirectory(dir.resolve("src")).resolve("other.dcm");
        l.write(other.toFile(), "1.2.840.10008.1.2.1", true, true);
        InputException e = assertThrows(InputException.class,
                () -> SourceImages.read(Shared.corpus("pydicom/dicomdirtests/77654033/CT2/17106"), other));
        assertTrue(e.getMessage().contains("different frames of reference") && e.getMessage().contains("1.2.3.4.5.6.7"), e.getMessage());
    }

    @Test
    void nonDicomSourceIsNamed() throws IOException {
        Path txt = Files.createDirectory(dir.resolve("src")).resolve("notes.txt");
        Files.writeString(txt, "this is not DICOM\n".repeat(20));
        InputException e = assertThrows(InputException.class, () -> SourceImages.read(txt));
        assertTrue(e.getMessage().contains(txt.toString()) && e.getMessage().contains("not a DICOM"), e.getMessage());
    }

    @Test
    void jpeg2000WithBinaryIsAccepted() {
        // Issue 13: BINARY + JPEG 2000 is written as 1-bit code streams (HighdicomInteropTest reads them back).
        SegWriteOptions o = SegWriteOptions.builder().transferSyntax(OutputTransferSyntax.JPEG_2000_LOSSLESS).build();
        assertEquals(OutputTransferSyntax.JPEG_2000_LOSSLESS, o.transferSyntax());
        assertEquals(SegmentationType.BINARY, o.segmentationType());
    }

    @Test
    void overlapsCannotBeALabelMap() throws IOException {
        String m = failure(SegTestData.mask(Input.STACKED_OVERLAPPING, 4, 16, 16), SegTestData.descriptions(3), Sources.CT2.read(),
                SegWriteOptions.builder().segmentationType(SegmentationType.LABELMAP).build());
        assertTrue(m.contains("overlap") && m.contains("LABELMAP"), m);
    }

    @Test
    void maskCountMustMatchDescriptions() throws IOException {
        String m = failure(SegTestData.mask(Input.STACKED_OVERLAPPING, 4, 16, 16), SegTestData.descriptions(2), Sources.CT2.read(), BINARY);
        assertTrue(m.contains("3 segment masks") && m.contains("2 segment descriptions"), m);
    }

    @Test
    void invalidContentLabelIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegWriteOptions.builder().contentLabel("lower case").build());
        assertTrue(e.getMessage().contains("Content Label"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SegWriteOptions.builder().contentLabel("ABCDEFGHIJKLMNOPQ").build());
    }

    @Test
    void existingOutputNeedsOverwrite() throws IOException {
        Path out = dir.resolve("out.dcm");
        Files.write(out, new byte[] {1, 2, 3});
        String m = failure(OutputException.class, labels(4, 16, 16, 1), SegTestData.descriptions(1), Sources.CT2.read(), BINARY);
        assertTrue(m.contains(out.toString()) && m.contains("already exists"), m);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out));
        SegWriter.write(out, labels(4, 16, 16, 1), SegTestData.descriptions(1), Sources.CT2.read(),
                SegWriteOptions.builder().overwrite(true).build());
        assertTrue(Files.size(out) > 1000);
        assertEquals(List.of("out.dcm"), listing(), "no temporary file left");
    }

    @Test
    void sourceFileIsNeverOverwritten() throws IOException {
        Path src = dir.resolve("src.dcm");
        Files.copy(Shared.corpus("pydicom/dicomdirtests/77654033/CT2/17106"), src);
        byte[] before = Files.readAllBytes(src);
        SourceImages sources = SourceImages.read(src);
        OutputException e = assertThrows(OutputException.class, () -> SegWriter.write(src, labels(1, 16, 16, 1),
                SegTestData.descriptions(1), sources, SegWriteOptions.builder().overwrite(true).build()));
        assertTrue(e.getMessage().contains("source"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(src));
        assertEquals(List.of("src.dcm"), listing());
    }

    @Test
    void failureWhileStreamingLeavesNoFile() throws IOException {
        // A mask source that breaks on the second read of a plane: after the header has been written.
        MaskPlanes planes = new MaskPlanes() {
            int reads;
            @Override public int rows() { return 16; }
            @Override public int columns() { return 16; }
            @Override public int planes() { return 4; }
            @Override public org.dicomseg.mask.PixelKind kind() { return org.dicomseg.mask.PixelKind.UINT8; }
            @Override public Object readPlane(int plane, Object dst) {
                if (++reads > 4) throw new IllegalStateException("disk went away");
                byte[] b = (byte[]) dst;
                for (int i = 0; i < b.length; i++) b[i] = (byte) (i % 3 == 0 ? 0 : 1); // not uniform: the writer reads it again
                return b;
            }
        };
        List<String> before = listing();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SegWriter.write(dir.resolve("out.dcm"),
                LabelMapMask.of(planes), SegTestData.descriptions(1), Sources.CT2.read(), BINARY));
        assertEquals("disk went away", e.getMessage());
        assertEquals(before, listing());
    }

    @Test
    void throwingFromTheProgressLeavesNoFile() throws IOException {
        List<String> before = listing();
        for (OutputTransferSyntax ts : new OutputTransferSyntax[] {OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, OutputTransferSyntax.RLE_LOSSLESS}) {
            SegWriteOptions o = SegWriteOptions.builder().transferSyntax(ts).progress(new Progress() {
                @Override public void progress(long done, long total) {
                    if (done > 0) throw new java.util.concurrent.CancellationException("cancelled by user");
                }
                @Override public boolean canceled() { return false; }
            }).build();
            java.util.concurrent.CancellationException e = assertThrows(java.util.concurrent.CancellationException.class,
                    () -> SegWriter.write(dir.resolve("out.dcm"), SegTestData.mask(Input.LABEL_MAP, 4, 16, 16),
                            SegTestData.descriptions(3), Sources.CT2.read(), o));
            assertEquals("cancelled by user", e.getMessage());
            assertEquals(before, listing());
        }
    }

    /** A canceled progress stops the write between two planes; nothing is left on disk. */
    @Test
    void cancelingTheProgressLeavesNoFile() throws IOException {
        List<String> before = listing();
        for (OutputTransferSyntax ts : new OutputTransferSyntax[] {OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, OutputTransferSyntax.RLE_LOSSLESS}) {
            long[] reports = new long[1];
            SegWriteOptions o = SegWriteOptions.builder().transferSyntax(ts).progress(new Progress() {
                @Override public void progress(long done, long total) { reports[0]++; }
                @Override public boolean canceled() { return reports[0] >= 2; }
            }).build();
            assertThrows(CanceledException.class, () -> SegWriter.write(dir.resolve("out.dcm"),
                    SegTestData.mask(Input.LABEL_MAP, 4, 16, 16), SegTestData.descriptions(3), Sources.CT2.read(), o));
            assertEquals(2, reports[0], "stopped at the first plane after the cancel");
            assertEquals(before, listing());
        }
    }

    @Test
    void framesTooLargeForUsAreRefused() throws IOException {
        org.dicomseg.mask.MaskPlanes huge = new org.dicomseg.mask.MaskPlanes() {
            @Override public int rows() { return 70000; }
            @Override public int columns() { return 1; }
            @Override public int planes() { return 4; }
            @Override public org.dicomseg.mask.PixelKind kind() { return org.dicomseg.mask.PixelKind.UINT8; }
            @Override public Object readPlane(int plane, Object dst) { return dst; }
        };
        String m = failure(LabelMapMask.of(huge), SegTestData.descriptions(1), Sources.CT2.read(), BINARY);
        assertTrue(m.contains("65535"), m);
    }
}
