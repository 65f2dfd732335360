package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.dicomseg.dicom.OutputTransferSyntax;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deflated Image Frame Compression (PS3.5 A.4.11, 1.2.840.10008.1.2.8.1) on write, for every
 * Segmentation Type. pydicom 3.0.2, highdicom 0.28.1 and the 2022 dciodvfy do not know the syntax
 * (the gate reports SKIP), so each file is written twice, deflated and as Explicit VR Little
 * Endian: the native twin passes the gate, and the deflated file's frames — split into fragments by
 * pydicom's {@code generate_frames} and inflated by Python's zlib (raw, wbits -15), an
 * implementation independent of the JDK's Deflater — equal the twin's frames as pydicom decodes
 * them; our reader and the tests' own decoder read the same frames from both.
 */
class DeflatedFramesWriterTest {
    @TempDir
    Path dir;

    /** Prints "frames N" when every inflated frame equals the native twin's frame, else fails. */
    private static final String INFLATE_AND_COMPARE = String.join("\n",
            "import sys, zlib, numpy as np, pydicom",
            "from pydicom.encaps import generate_frames",
            "native = pydicom.dcmread(sys.argv[1])",
            "deflated = pydicom.dcmread(sys.argv[2])",
            "assert deflated.file_meta.TransferSyntaxUID == '1.2.840.10008.1.2.8.1', deflated.file_meta.TransferSyntaxUID",
            "n = int(native.NumberOfFrames); r = native.Rows; c = native.Columns; bits = native.BitsAllocated",
            "want = native.pixel_array.reshape(n, r * c)",
            "frames = list(generate_frames(deflated.PixelData, number_of_frames=n))",
            "assert len(frames) == n, (len(frames), n)",
            "for i, frag in enumerate(frames):",
            "    raw = zlib.decompressobj(-15).decompress(frag)",
            "    if bits == 1:",
            "        got = np.unpackbits(np.frombuffer(raw, np.uint8), bitorder='little')[:r * c]",
            "    else:",
            "        got = np.frombuffer(raw, np.uint16 if bits == 16 else np.uint8)",
            "    assert got.size == r * c, (i, got.size)",
            "    assert np.array_equal(got, want[i]), 'frame %d differs' % (i + 1)",
            "print('frames', n)");

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"BINARY, LABEL_MAP", "BINARY, STACKED_OVERLAPPING", "FRACTIONAL, STACKED_FRACTIONAL", "LABELMAP, LABEL_MAP",
        "LABELMAP, LABEL_MAP_16"})
    void deflatedFramesEqualTheNativeTwin(SegmentationType type, Input in) throws Exception {
        Sources src = Sources.CT_23X38; // 874 pixels a frame: 1-bit frames do not end on a byte boundary
        Path deflated = dir.resolve("deflated.dcm"), native_ = dir.resolve("native.dcm");
        for (Path out : new Path[] {deflated, native_}) {
            SegWriter.write(out, SegTestData.mask(in, src.planes, src.rows, src.columns), SegTestData.descriptions(in.segments()),
                    src.read(), SegWriteOptions.builder().segmentationType(type).omitEmptyFrames(false)
                            .transferSyntax(out == deflated ? OutputTransferSyntax.DEFLATED_IMAGE_FRAME
                                    : OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).build());
        }
        Conformance.assertConformant(native_, deflated); // the deflated file: SKIP (unknown to dciodvfy 2022)

        String out = Highdicom.python(INFLATE_AND_COMPARE, native_.toString(), deflated.toString());
        WrittenSeg d = new WrittenSeg(deflated), nat = new WrittenSeg(native_);
        assertEquals("1.2.840.10008.1.2.8.1", d.transferSyntax);
        assertTrue(out.contains("frames " + nat.frames), out);
        assertEquals(nat.frames, d.frames);
        for (int f = 0; f < d.frames; f++) assertArrayEquals(nat.pixels[f], d.pixels[f], "frame " + (f + 1));
        try (SegmentationReader a = SegmentationReader.open(deflated); SegmentationReader b = SegmentationReader.open(native_)) {
            assertEquals(b.numberOfFrames(), a.numberOfFrames());
            boolean sixteen = a.metadata().bitsAllocated() == 16;
            for (int f = 1; f <= a.numberOfFrames(); f++) {
                if (sixteen) assertArrayEquals(b.readFrameShorts(f), a.readFrameShorts(f), "frame " + f);
                else assertArrayEquals(b.readFrame(f), a.readFrame(f), "frame " + f);
            }
        }
    }
}
