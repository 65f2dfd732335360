package org.dicomseg.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.dicomseg.model.SegmentationType;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.pixels.CorruptPixelDataException;
import org.dicomseg.pixels.Jpeg2000Codec;

/**
 * The bounded fuzz run of the normal test suite ({@link ReaderFuzzer}, fixed random seed, a few
 * seconds; {@code -Ddicomseg.fuzz.executions=N} for more) and the regression tests of what the
 * fuzzers found (see docs/robustness.md). The only timed bound is the fuzzer's per-file hang bound.
 */
class ReaderFuzzTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void corpus() {
        Shared.assumePresent();
    }

    @Test
    void boundedFuzzRunFindsNoCrashHangOrOutOfMemory() throws Exception {
        long executions = Long.getLong("dicomseg.fuzz.executions", 250);
        List<ReaderFuzzer.Seed> seeds = ReaderFuzzer.seeds(tmp);
        for (ReaderFuzzer.Seed s : seeds) {
            // every seed reads before it is mutated
            ReaderFuzzer.exercise(Files.write(tmp.resolve("seed.dcm"), s.bytes));
        }
        ReaderFuzzer.Stats st = ReaderFuzzer.campaign(seeds, executions, 20261125L, tmp, null, null);
        assertEquals(executions, st.executions);
        assertEquals(0, st.crashes + st.hangs, "crashes: " + st.uniqueCrashes);
        assertEquals(0, st.ooms);
        assertTrue(st.read > 0 && st.refused > 0, st.toString());
    }

    @Test
    void mutationsAreDeterministicForASeed() throws Exception {
        byte[] seed = Files.readAllBytes(Shared.corpus("highdicom/seg_image_ct_binary.dcm"));
        List<ReaderFuzzer.Seed> one = List.of(new ReaderFuzzer.Seed("ct", seed));
        for (int i = 0; i < 20; i++) {
            byte[] a = DicomMutator.mutate(seed, one, new java.util.Random(i), new java.util.ArrayList<>());
            byte[] b = DicomMutator.mutate(seed, one, new java.util.Random(i), new java.util.ArrayList<>());
            assertTrue(java.util.Arrays.equals(a, b));
        }
        assertTrue(DicomMutator.scan(seed).size() > 100, "the structure scan finds the elements of an implicit VR file");
    }

    /**
     * Jazzer finding (java.lang.Error escaped): PixelMed decoded encapsulated pixel data nested in a
     * sequence while parsing the header, and jj2000 threw {@code java.lang.Error: IO Error when
     * reading tile 0 x 0}; it could equally have looped for ever on a code stream like that of
     * fuzz finding 1. The reader now keeps nested pixel data compressed. Minimized: an Icon Image
     * Sequence (0088,0200) whose item holds encapsulated Pixel Data with a broken code stream.
     */
    @Test
    void fuzzFinding2NestedEncapsulatedPixelDataIsNotDecodedWhileParsingTheHeader() throws Exception {
        byte[] all = Files.readAllBytes(Shared.corpus("pydicom-data/liver_j2k.dcm"));
        int first = SegmentationReaderBadInputTest.firstFragment(all);
        byte[] codeStream = java.util.Arrays.copyOfRange(all, first, first + 600);
        int sod = SegmentationReaderBadInputTest.indexOf(codeStream, new byte[] {(byte) 0xFF, (byte) 0x93}, 0);
        assertTrue(sod > 0);
        codeStream[sod + 10] = (byte) 0xFF; // the packet header bytes of fuzz finding 1
        codeStream[sod + 11] = (byte) 0xFF;
        codeStream[sod + 12] = (byte) 0xFF;
        codeStream[sod + 13] = (byte) 0x7F;
        ByteBuffer icon = ByteBuffer.allocate(200 + codeStream.length).order(ByteOrder.LITTLE_ENDIAN);
        icon.putShort((short) 0x0088).putShort((short) 0x0200).put(new byte[] {'S', 'Q', 0, 0}).putInt(-1);
        icon.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(-1);
        for (int[] us : new int[][] {{0x0002, 1}, {0x0010, 512}, {0x0011, 512}, {0x0100, 8}, {0x0101, 8}, {0x0102, 7}, {0x0103, 0}}) {
            icon.putShort((short) 0x0028).putShort((short) us[0]).put(new byte[] {'U', 'S'}).putShort((short) 2).putShort((short) us[1]);
        }
        icon.putShort((short) 0x0028).putShort((short) 0x0004).put(new byte[] {'C', 'S'}).putShort((short) 12).put("MONOCHROME2 ".getBytes());
        icon.putShort((short) 0x7FE0).putShort((short) 0x0010).put(new byte[] {'O', 'B', 0, 0}).putInt(-1);
        icon.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(0);
        icon.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(codeStream.length).put(codeStream);
        icon.putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0);
        icon.putShort((short) 0xFFFE).putShort((short) 0xE00D).putInt(0);
        icon.putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0);
        byte[] iconBytes = java.util.Arrays.copyOf(icon.array(), icon.position());
        // insert before the top-level Pixel Data element
        int pd = SegmentationReaderBadInputTest.indexOf(all, new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B'}, 0);
        Path p = Files.write(tmp.resolve("icon.dcm"), DicomMutator.splice(all, pd, 0, iconBytes));
        ReaderFuzzer.Result r;
        try (ReaderFuzzer.Runner runner = new ReaderFuzzer.Runner()) {
            r = runner.run(p);
        }
        assertEquals(ReaderFuzzer.Verdict.READ, r.verdict, r.toString());
        try (SegmentationReader seg = SegmentationReader.open(p)) {
            assertEquals(3, seg.numberOfFrames());
            assertEquals(SegmentationType.BINARY, seg.segmentationType());
        }
    }

    /**
     * Found while reviewing the fuzzers' blind spots (neither mutates nesting depth): thousands of
     * nested sequences made PixelMed's recursive parser throw StackOverflowError out of
     * {@code open}, on the small stacks of GUI worker threads first. Now a SegReadException.
     */
    @Test
    void deeplyNestedSequencesAreRefusedNotAStackOverflow() throws Exception {
        byte[] all = Files.readAllBytes(Shared.corpus("highdicom/seg_image_ct_binary.dcm")); // implicit VR LE
        int n = 20000;
        ByteBuffer nest = ByteBuffer.allocate(n * 32).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            nest.putShort((short) 0x0008).putShort((short) 0x1115).putInt(-1);
            nest.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(-1);
        }
        for (int i = 0; i < n; i++) {
            nest.putShort((short) 0xFFFE).putShort((short) 0xE00D).putInt(0);
            nest.putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0);
        }
        int study = SegmentationReaderBadInputTest.indexOf(all, new byte[] {0x20, 0x00, 0x0D, 0x00}, 300);
        Path p = Files.write(tmp.resolve("deep.dcm"), DicomMutator.splice(all, study, 0, nest.array()));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try (SegmentationReader r = SegmentationReader.open(p)) {
                thrown.set(new AssertionError("opened: " + r));
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small-stack", 512 * 1024);
        t.start();
        t.join();
        assertTrue(thrown.get() instanceof SegReadException, String.valueOf(thrown.get()));
        assertTrue(thrown.get().getMessage().contains("its sequences are nested too deeply"), thrown.get().getMessage());
    }

    /** jj2000 reports I/O trouble as java.lang.Error; the codec turns it into CorruptPixelDataException. */
    @Test
    void jpeg2000CodeStreamCutInsideTileDataIsCorruptNotAnError() {
        byte[] frame = new byte[23 * 38];
        for (int i = 0; i < frame.length; i++) frame[i] = (byte) (i % 7 == 0 ? 2 : i % 5 == 0 ? 1 : 0);
        byte[] cs = Jpeg2000Codec.encode(frame, 38, 23, 8);
        int sot = SegmentationReaderBadInputTest.indexOf(cs, new byte[] {(byte) 0xFF, (byte) 0x90, 0, 10}, 0);
        assertTrue(sot > 0);
        cs[sot + 6] = 0; // Psot 0: the tile-part runs to the end of the code stream
        cs[sot + 7] = 0;
        cs[sot + 8] = 0;
        cs[sot + 9] = 0;
        for (int cut = cs.length - 2; cut > sot + 16; cut -= 7) {
            byte[] part = java.util.Arrays.copyOf(cs, cut);
            try {
                Jpeg2000Codec.decode(part, 38, 23, 8);
            } catch (CorruptPixelDataException expected) {
                assertTrue(expected.getMessage().startsWith("JPEG 2000"), expected.getMessage());
            }
        }
        assertEquals(frame.length, Jpeg2000Codec.decode(Jpeg2000Codec.encode(frame, 38, 23, 8), 38, 23, 8).length);
    }
}
