package org.dicomseg.write;

import java.io.IOException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.MaskPlanes;
import org.dicomseg.mask.PixelKind;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.testing.SegTestData;

/**
 * Frames encoded during the first pass (in-memory label maps: BINARY native and RLE, LABELMAP RLE)
 * are the same bytes as frames encoded by the second pass: the same SEG is written from the same
 * label planes held in memory (first pass encodes), behind a plain {@link MaskPlanes} (second pass
 * encodes), and in memory with a budget that keeps only some planes; the files agree from the
 * Per-frame Functional Groups Sequence to the end (before it only the random Dimension
 * Organization UID differs) and pass the conformance gate.
 */
class FirstPassFramesTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    @AfterEach
    void resetBudget() {
        FrameEncoder.earlyBudgetForTests = -1;
    }

    /** 4 planes of 16 x 16 (CT2), labels 1..3, plane 1 empty, plane 3 all label 2 (uniform). */
    private static byte[][] planes() {
        byte[][] p = new byte[4][256];
        for (int i = 0; i < 256; i++) {
            int r = i / 16, c = i % 16;
            p[0][i] = (byte) (r < 5 ? 1 : c > 10 ? 2 : r == 15 && c == 0 ? 3 : 0);
            p[2][i] = (byte) ((r + c) % 7 == 0 ? 3 : r > 8 ? 1 : 0);
            p[3][i] = 2;
        }
        return p;
    }

    /** The same planes, but not in memory as far as the writer can tell. */
    private static MaskPlanes opaque(byte[][] p) {
        MaskPlanes m = MaskPlanes.ofBytes(p, 16, 16);
        return new MaskPlanes() {
            @Override public int rows() { return 16; }
            @Override public int columns() { return 16; }
            @Override public int planes() { return p.length; }
            @Override public PixelKind kind() { return PixelKind.UINT8; }
            @Override public Object readPlane(int plane, Object dst) { return m.readPlane(plane, dst); }
        };
    }

    private Path write(String name, SegmentationMask mask, SegmentationType type, OutputTransferSyntax ts, boolean omit) throws IOException {
        SegWriteOptions o = SegWriteOptions.builder().segmentationType(type).transferSyntax(ts).omitEmptyFrames(omit)
                .sopInstanceUid("1.2.3.4").seriesInstanceUid("1.2.3.5").contentDateTime(LocalDateTime.of(2026, 1, 2, 3, 4, 5)).build();
        Path out = dir.resolve(name + ".dcm");
        SegWriter.write(out, mask, SegTestData.descriptions(3), Sources.CT2.read(), o);
        return out;
    }

    /** The bytes from the Per-frame Functional Groups Sequence (5200,9230) on. */
    private static byte[] tail(Path f) throws Exception {
        byte[] b = Files.readAllBytes(f);
        byte[] tag = {0x00, 0x52, 0x30, (byte) 0x92, 'S', 'Q'};
        for (int i = 0; i + tag.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + tag.length, tag, 0, tag.length)) return Arrays.copyOfRange(b, i, b.length);
        }
        throw new AssertionError("no Per-frame Functional Groups Sequence in " + f);
    }

    @Test
    void sameBytesWhicheverPassEncodes() throws Exception {
        Object[][] cases = {
            {SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN},
            {SegmentationType.BINARY, OutputTransferSyntax.RLE_LOSSLESS},
            {SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS},
            {SegmentationType.LABELMAP, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN},
        };
        for (Object[] c : cases) {
            SegmentationType type = (SegmentationType) c[0];
            OutputTransferSyntax ts = (OutputTransferSyntax) c[1];
            for (boolean omit : new boolean[] {true, false}) {
                String n = type + "-" + ts + "-" + omit;
                Path first = write(n + "-first", LabelMapMask.ofBytes(planes(), 16, 16), type, ts, omit);
                Path second = write(n + "-second", LabelMapMask.of(opaque(planes())), type, ts, omit);
                assertArrayEquals(tail(second), tail(first), n);
                for (long budget : new long[] {0, 70, 100, 200}) { // room for no or some planes' frames only
                    FrameEncoder.earlyBudgetForTests = budget;
                    Path partly = write(n + "-partly" + budget, LabelMapMask.ofBytes(planes(), 16, 16), type, ts, omit);
                    FrameEncoder.earlyBudgetForTests = -1;
                    assertArrayEquals(tail(second), tail(partly), n + " (budget " + budget + ")");
                }
                Conformance.assertConformant(first);
            }
        }
    }

    @Test
    void theFirstPassTellsOnlyMixedPlanesWithTheirSegments() {
        LabelMapMask m = LabelMapMask.ofBytes(planes(), 16, 16);
        boolean[][] told = new boolean[4][];
        AtomicInteger calls = new AtomicInteger();
        m.scan(3, 1, (plane, segments) -> {
            calls.incrementAndGet();
            synchronized (told) { told[plane] = segments; }
        });
        assertEquals(2, calls.get());
        assertArrayEquals(new boolean[] {false, true, true, true}, told[0]);
        assertArrayEquals(new boolean[] {false, true, false, true}, told[2]);
        assertNull(told[1]); // empty
        assertNull(told[3]); // uniform: its frames are made without reading it
        assertEquals(2, m.uniformSegment(3));
    }

    @Test
    void theListenerEncodesOnlyWhereItSavesAPass() {
        SegmentationMask inMemory = LabelMapMask.ofBytes(planes(), 16, 16);
        assertNotNull(new FrameEncoder(inMemory, SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 1, 1, 0, null).firstPassListener(3));
        assertNotNull(new FrameEncoder(inMemory, SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS, 8, 1, 0, null).firstPassListener(3));
        // native label maps are written straight from the planes; other inputs are read by the second pass
        assertNull(new FrameEncoder(inMemory, SegmentationType.LABELMAP, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 8, 1, 0, null).firstPassListener(3));
        assertNull(new FrameEncoder(LabelMapMask.of(opaque(planes())), SegmentationType.BINARY, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 1, 1, 0, null).firstPassListener(3));
        assertTrue(FrameEncoder.earlyBudget() > 0);
    }
}
