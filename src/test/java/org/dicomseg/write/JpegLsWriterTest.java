package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Highdicom;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.testing.SegTestData.Input;
import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.WrittenSeg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * JPEG-LS Lossless (PS3.5 A.4.3, 1.2.840.10008.1.2.4.80) on write, LABELMAP and FRACTIONAL (8- and
 * 16-bit; BINARY is refused, as highdicom refuses it). Each file is written twice, JPEG-LS and
 * Explicit VR Little Endian; both pass the conformance gate; dcmtk's {@code dcmdjpls} (CharLS, an
 * independent decoder) turns the JPEG-LS file back into native frames equal, pixel for pixel, to the
 * twin's; highdicom (pyjpegls, CharLS again, through pydicom) reads the same mask from both; and our
 * reader reads the same frames from both.
 */
class JpegLsWriterTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dcmdjpls")), "dcmtk dcmdjpls not installed");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"LABELMAP, LABEL_MAP, CT_23X38", "LABELMAP, LABEL_MAP_16, CT_23X38", "FRACTIONAL, STACKED_FRACTIONAL, CT_23X38",
        "LABELMAP, STACKED_DISJOINT, CT2", "FRACTIONAL, STACKED_FRACTIONAL, ENHANCED_CT"})
    void jpegLsFramesEqualTheNativeTwin(SegmentationType type, Input in, Sources src) throws Exception {
        Path jls = dir.resolve("jpegls.dcm"), native_ = dir.resolve("native.dcm");
        for (Path out : new Path[] {jls, native_}) {
            SegWriteOptions.Builder b = SegWriteOptions.builder().segmentationType(type).omitEmptyFrames(false)
                    .transferSyntax(out == jls ? OutputTransferSyntax.JPEG_LS_LOSSLESS : OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            if (type == SegmentationType.FRACTIONAL) b.fractionalType(FractionalType.PROBABILITY).maxFractionalValue(255);
            SegWriter.write(out, SegTestData.mask(in, src.planes, src.rows, src.columns), SegTestData.descriptions(in.segments()),
                    src.read(), b.build());
        }
        Conformance.assertConformant(native_, jls);

        Path decoded = dir.resolve("dcmdjpls.dcm");
        Process p = new ProcessBuilder("dcmdjpls", jls.toString(), decoded.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        WrittenSeg theirs = new WrittenSeg(decoded), twin = new WrittenSeg(native_), ours = new WrittenSeg(jls);
        assertEquals("1.2.840.10008.1.2.4.80", ours.transferSyntax);
        assertEquals(twin.frames, theirs.frames);
        boolean nonZero = false;
        for (int f = 0; f < twin.frames; f++) {
            assertArrayEquals(twin.pixels[f], theirs.pixels[f], "dcmdjpls frame " + (f + 1));
            for (int v : twin.pixels[f]) nonZero |= v != 0;
        }
        assertTrue(nonZero, "the fixture has segments");

        try (SegmentationReader a = SegmentationReader.open(jls); SegmentationReader b = SegmentationReader.open(native_)) {
            assertEquals(b.segmentPixelCounts(), a.segmentPixelCounts());
            for (int f = 1; f <= b.numberOfFrames(); f++) {
                if (b.metadata().bitsAllocated() == 16) assertArrayEquals(b.readFrameShorts(f), a.readFrameShorts(f));
                else assertArrayEquals(b.readFrame(f), a.readFrame(f));
            }
        }

        Highdicom.Result hj = Highdicom.read(jls, dir), hn = Highdicom.read(native_, dir);
        assertEquals(0, hj.exitCode, hj.stderr);
        assertEquals(0, hn.exitCode, hn.stderr);
        assertArrayEquals(hn.shape, hj.shape);
        assertArrayEquals(hn.mask, hj.mask, "highdicom's masks of the JPEG-LS file and its twin");
    }

    @Test
    void sixteenBitLabelsOfNoisyFrames() throws Exception {
        // labels scattered over zeros: large prediction errors, long Golomb codes (T.87 A.5.3)
        int rows = 38, cols = 23;
        short[][] planes = new short[3][rows * cols];
        java.util.Random rnd = new java.util.Random(7);
        for (short[] pl : planes) for (int i = 0; i < pl.length; i++) pl[i] = (short) (rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(1000) : 0);
        planes[1] = new short[rows * cols]; // an empty plane between
        int segments = 1000;
        Path jls = dir.resolve("lm1000.dcm");
        SegWriter.write(jls, org.dicomseg.mask.LabelMapMask.ofShorts(planes, rows, cols), SegTestData.descriptions(segments),
                Sources.CT_23X38.read(), SegWriteOptions.builder().segmentationType(SegmentationType.LABELMAP).omitEmptyFrames(false)
                        .transferSyntax(OutputTransferSyntax.JPEG_LS_LOSSLESS).build());
        Path decoded = dir.resolve("lm1000-native.dcm");
        Process p = new ProcessBuilder("dcmdjpls", jls.toString(), decoded.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        WrittenSeg theirs = new WrittenSeg(decoded);
        assertEquals(3, theirs.frames);
        for (int f = 0; f < 3; f++) {
            for (int i = 0; i < rows * cols; i++) assertEquals(planes[f][i] & 0xFFFF, theirs.pixels[f][i], "frame " + (f + 1) + " pixel " + i);
        }
    }

    @Test
    void binaryIsRefusedAsHighdicomRefusesIt() throws Exception {
        Path out = dir.resolve("binary.dcm");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SegWriter.write(out,
                SegTestData.mask(Input.LABEL_MAP, 3, 38, 23), SegTestData.descriptions(3), Sources.CT_23X38.read(),
                SegWriteOptions.builder().segmentationType(SegmentationType.BINARY)
                        .transferSyntax(OutputTransferSyntax.JPEG_LS_LOSSLESS).build()));
        assertTrue(e.getMessage().contains("JPEG-LS Lossless cannot hold BINARY"), e.getMessage());
        assertFalse(Files.exists(out));
    }
}
