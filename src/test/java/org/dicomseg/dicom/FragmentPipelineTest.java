package org.dicomseg.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.ThreadLocalRandom;

import org.dicomseg.testing.SegTestData.Input;
import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.testing.WrittenSeg;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;

/** Parallel frame compression keeps file order, reports failures, and changes no byte of the output. */
class FragmentPipelineTest {
    @TempDir
    Path dir;

    private static byte[] encapsulated(int frames, int threads, boolean failAtThree) throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        PixelDataStream px = new PixelDataStream(bos, true, 8, 1, 2);
        px.begin(frames);
        try (FragmentPipeline p = new FragmentPipeline(px, true, threads)) {
            for (int i = 0; i < frames; i++) {
                int k = i;
                p.submit(() -> {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                    if (failAtThree && k == 3) throw new IllegalStateException("frame 4 broke");
                    return new byte[] {(byte) k, (byte) (k >> 8)};
                });
            }
            p.finish();
        }
        px.end();
        return bos.toByteArray();
    }

    @Test
    void framesKeepTheirOrder() throws Exception {
        byte[] one = encapsulated(50, 1, false);
        byte[] four = encapsulated(50, 4, false);
        assertArrayEquals(one, four);
        // header 12 + empty offset table 8 + 50 x (8 + 2) + delimiter 8
        assertEquals(12 + 8 + 50 * 10 + 8, four.length);
        assertEquals(7, four[12 + 8 + 7 * 10 + 8]);
    }

    @Test
    void nativeFramesOfWholePlanesKeepTheirOrder() throws Exception {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        PixelDataStream px = new PixelDataStream(bos, false, 8, 1, 2);
        px.begin(60);
        try (FragmentPipeline p = new FragmentPipeline(px, false, 3)) {
            for (int plane = 0; plane < 20; plane++) {
                int k = plane;
                p.submitFrames(() -> {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                    return new byte[][] {{(byte) k, 0}, {(byte) k, 1}, {(byte) k, 2}};
                });
            }
            p.finish();
        }
        px.end();
        byte[] b = bos.toByteArray();
        assertEquals(12 + 120, b.length);
        for (int f = 0; f < 60; f++) {
            assertEquals(f / 3, b[12 + 2 * f]);
            assertEquals(f % 3, b[12 + 2 * f + 1]);
        }
    }

    @Test
    void aFailingFrameFailsTheWrite() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> encapsulated(20, 3, true));
        assertEquals("frame 4 broke", e.getMessage());
    }

    @Test
    void threadCountDoesNotChangeTheFrames() throws Exception {
        Shared.assumePresent();
        Object[][] cases = {
            {SegmentationType.FRACTIONAL, Input.STACKED_FRACTIONAL, OutputTransferSyntax.RLE_LOSSLESS},
            {SegmentationType.FRACTIONAL, Input.STACKED_FRACTIONAL, OutputTransferSyntax.JPEG_2000_LOSSLESS},
            {SegmentationType.BINARY, Input.LABEL_MAP, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN},
            {SegmentationType.BINARY, Input.LABEL_MAP, OutputTransferSyntax.RLE_LOSSLESS},
            {SegmentationType.BINARY, Input.STACKED_OVERLAPPING, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN},
            {SegmentationType.BINARY, Input.LABEL_MAP_16, OutputTransferSyntax.RLE_LOSSLESS},
            {SegmentationType.LABELMAP, Input.LABEL_MAP, OutputTransferSyntax.RLE_LOSSLESS},
        };
        for (Object[] c : cases) {
            SegmentationType type = (SegmentationType) c[0];
            Input in = (Input) c[1];
            OutputTransferSyntax ts = (OutputTransferSyntax) c[2];
            WrittenSeg[] segs = new WrittenSeg[2];
            int[] threads = {1, 3};
            for (int i = 0; i < 2; i++) {
                SegWriteOptions o = SegWriteOptions.builder().segmentationType(type).transferSyntax(ts)
                        .threads(threads[i]).seriesInstanceUid("1.2.3.4").sopInstanceUid("1.2.3.5")
                        .contentDateTime(LocalDateTime.of(2025, 1, 2, 3, 4, 5)).build();
                Path out = dir.resolve(type + "-" + in + "-" + ts + "-" + threads[i] + ".dcm");
                SegWriter.write(out, SegTestData.mask(in, 4, 16, 16), SegTestData.descriptions(in.segments()), Sources.CT2.read(), o);
                Conformance.assertConformant(out);
                segs[i] = new WrittenSeg(out);
            }
            String what = type + " " + in + " " + ts;
            assertEquals(segs[0].frames, segs[1].frames, what);
            for (int f = 0; f < segs[0].frames; f++) {
                assertEquals(segs[0].segmentOf(f), segs[1].segmentOf(f), what);
                assertArrayEquals(segs[0].positionOf(f), segs[1].positionOf(f), what);
                assertArrayEquals(segs[0].pixels[f], segs[1].pixels[f], what + " frame " + (f + 1));
            }
        }
    }
}
