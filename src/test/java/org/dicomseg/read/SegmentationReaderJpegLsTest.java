package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.dicom.SegTransferSyntax;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.testing.SegTestData.Input;
import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.testing.Shared;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JPEG-LS SEGs made by another tool: our native SEGs of several kinds (8- and 16-bit LABELMAP,
 * FRACTIONAL, odd 38 × 23 frames, 512 × 512 frames) compressed by dcmtk's {@code dcmcjpls} (CharLS)
 * with default and custom preset parameters (an LSE segment, T.87 C.2.4.1) read exactly like the
 * native file; a near-lossless one (1.2.840.10008.1.2.4.81) reads like dcmtk's own decoding of it; a
 * frame header that contradicts Rows/Columns, a corrupt and a truncated frame are refused with the
 * file and frame named, the other frames still read.
 */
class SegmentationReaderJpegLsTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        Shared.assumePresent();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dcmcjpls")), "dcmtk dcmcjpls not installed");
    }

    private Path nativeSeg(SegmentationType type, Input in, Sources src) throws Exception {
        Path out = tmp.resolve("native-" + type + "-" + in + "-" + src + ".dcm");
        SegWriteOptions.Builder b = SegWriteOptions.builder().segmentationType(type).omitEmptyFrames(false)
                .transferSyntax(OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        if (type == SegmentationType.FRACTIONAL) b.fractionalType(FractionalType.PROBABILITY).maxFractionalValue(255);
        SegWriter.write(out, SegTestData.mask(in, src.planes, src.rows, src.columns), SegTestData.descriptions(in.segments()),
                src.read(), b.build());
        return out;
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ":\n" + log);
    }

    private Path dcmcjpls(Path in, String name, String... options) throws Exception {
        Path out = tmp.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("dcmcjpls"));
        cmd.addAll(Arrays.asList(options));
        cmd.add(in.toString());
        cmd.add(out.toString());
        run(cmd.toArray(new String[0]));
        return out;
    }

    private static void assertSameFrames(Path want, Path got, String what) throws Exception {
        try (SegmentationReader a = SegmentationReader.open(want); SegmentationReader b = SegmentationReader.open(got)) {
            assertEquals(a.numberOfFrames(), b.numberOfFrames(), what);
            assertEquals(a.segmentPixelCounts(), b.segmentPixelCounts(), what);
            assertEquals(a.segmentationType(), b.segmentationType(), what);
            for (int f = 1; f <= a.numberOfFrames(); f++) {
                if (a.metadata().bitsAllocated() == 16) assertArrayEquals(a.readFrameShorts(f), b.readFrameShorts(f), what + " frame " + f);
                else assertArrayEquals(a.readFrame(f), b.readFrame(f), what + " frame " + f);
            }
        }
    }

    @Test
    void dcmcjplsSegsReadLikeTheirNativeOriginals() throws Exception {
        Object[][] kinds = {
            {SegmentationType.LABELMAP, Input.LABEL_MAP, Sources.CT_23X38},
            {SegmentationType.LABELMAP, Input.LABEL_MAP_16, Sources.CT_23X38},
            {SegmentationType.FRACTIONAL, Input.STACKED_FRACTIONAL, Sources.CT_23X38},
            {SegmentationType.LABELMAP, Input.STACKED_DISJOINT, Sources.CT2},
            {SegmentationType.FRACTIONAL, Input.STACKED_FRACTIONAL, Sources.ENHANCED_CT},
        };
        String[][] optionSets = {{}, {"+t1", "2", "+t2", "5", "+t3", "9", "+rs", "32"}, {"+t1", "4", "+t2", "11", "+t3", "40", "+rs", "17"}};
        int n = 0;
        for (Object[] k : kinds) {
            Path nat = nativeSeg((SegmentationType) k[0], (Input) k[1], (Sources) k[2]);
            for (String[] options : optionSets) {
                Path jls = dcmcjpls(nat, "jls" + (n++) + ".dcm", options);
                String what = k[0] + " " + k[1] + " " + k[2] + " " + String.join(" ", options);
                try (SegmentationReader r = SegmentationReader.open(jls)) {
                    assertEquals(SegTransferSyntax.JPEG_LS_LOSSLESS, r.metadata().transferSyntax(), what);
                }
                assertSameFrames(nat, jls, what);
            }
        }
    }

    @Test
    void nearLosslessReadsAsDcmtkDecodesIt() throws Exception {
        Path nat = nativeSeg(SegmentationType.FRACTIONAL, Input.STACKED_FRACTIONAL, Sources.CT_23X38);
        Path near = dcmcjpls(nat, "near.dcm", "+en", "+md", "3");
        Path back = tmp.resolve("near-dcmdjpls.dcm");
        run("dcmdjpls", near.toString(), back.toString());
        try (SegmentationReader r = SegmentationReader.open(near)) {
            assertEquals(SegTransferSyntax.JPEG_LS_NEAR_LOSSLESS, r.metadata().transferSyntax());
        }
        assertSameFrames(back, near, "near-lossless");
        try (SegmentationReader a = SegmentationReader.open(nat); SegmentationReader b = SegmentationReader.open(near)) {
            boolean differs = false;
            for (int f = 1; f <= a.numberOfFrames(); f++) differs |= !Arrays.equals(a.readFrame(f), b.readFrame(f));
            assertTrue(differs, "near-lossless coding changed some values");
        }
    }

    @Test
    void badFramesAreRefusedWithFileAndFrameNamed() throws Exception {
        Path nat = nativeSeg(SegmentationType.LABELMAP, Input.LABEL_MAP, Sources.CT_23X38);
        Path jls = dcmcjpls(nat, "good.dcm");
        byte[] all = Files.readAllBytes(jls);
        int[] starts = frameStarts(all);
        assertEquals(3, starts.length);

        // frame 1's header says 23 x 38 (rows and columns swapped): refused on opening
        byte[] swapped = all.clone();
        int sof = starts[0] + 2;
        assertEquals((byte) 0xF7, swapped[sof + 1]);
        swapped[sof + 5] = 0; // Y, T.87 C.2.2
        swapped[sof + 6] = 23;
        swapped[sof + 7] = 0; // X
        swapped[sof + 8] = 38;
        Path s = Files.write(tmp.resolve("swapped.dcm"), swapped);
        SegReadException e = assertThrows(SegReadException.class, () -> SegmentationReader.open(s).close());
        assertTrue(e.getMessage().contains("the JPEG-LS frame header of frame 1 is 23 x 38"), e.getMessage());
        assertTrue(e.getMessage().contains("swapped.dcm"), e.getMessage());

        // frame 2's scan data zeroed (a Golomb code longer than LIMIT), frame 1's cut short by an early EOI
        byte[] bad = all.clone();
        int sos2 = indexOf(bad, new byte[] {(byte) 0xFF, (byte) 0xDA}, starts[1]);
        int eoi2 = indexOf(bad, new byte[] {(byte) 0xFF, (byte) 0xD9}, sos2);
        Arrays.fill(bad, sos2 + 10, eoi2, (byte) 0);
        int sos1 = indexOf(bad, new byte[] {(byte) 0xFF, (byte) 0xDA}, starts[0]);
        bad[sos1 + 12] = (byte) 0xFF;
        bad[sos1 + 13] = (byte) 0xD9;
        Path b = Files.write(tmp.resolve("bad.dcm"), bad);
        try (SegmentationReader r = SegmentationReader.open(b); SegmentationReader good = SegmentationReader.open(nat)) {
            assertArrayEquals(good.readFrame(3), r.readFrame(3));
            SegReadException e2 = assertThrows(SegReadException.class, () -> r.readFrame(2));
            assertTrue(e2.getMessage().contains("frame 2") && e2.getMessage().contains("bad.dcm")
                    && e2.getMessage().contains("JPEG-LS Golomb code longer than LIMIT allows"), e2.getMessage());
            SegReadException e1 = assertThrows(SegReadException.class, () -> r.readFrame(1));
            assertTrue(e1.getMessage().contains("frame 1") && e1.getMessage().contains("JPEG-LS scan data ends before"), e1.getMessage());
            assertArrayEquals(good.readFrame(3), r.readFrame(3), "frame 3 still reads");
        }
    }

    /** Offsets of each frame's SOI (FF D8 FF F7: SOI then SOF55, as dcmcjpls writes them). */
    private static int[] frameStarts(byte[] all) {
        List<Integer> l = new ArrayList<>();
        int at = 0;
        while ((at = indexOf(all, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xF7}, at)) >= 0) l.add(at++);
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int indexOf(byte[] a, byte[] what, int from) {
        outer:
        for (int i = from; i + what.length <= a.length; i++) {
            for (int k = 0; k < what.length; k++) if (a[i + k] != what[k]) continue outer;
            return i;
        }
        return -1;
    }
}
