package org.dicomseg.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.mask.SegmentationMask;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.task.OutputException;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.Highdicom;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.testing.SegTestData.Input;
import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.testing.Shared;

/**
 * Pixel Data beyond 4 GiB without writing 4 GiB: the writer's thresholds are lowered (package-private)
 * so that small files take the paths of huge ones. Encapsulated Pixel Data then carries the Extended
 * Offset Table (PS3.5 A.4; dcmdump shows it, pydicom finds frames by it, highdicom and our reader read
 * the file as its twin without the table); native Pixel Data that would pass 2^32-2 bytes is refused
 * before any file is made, in one line naming the size and the encapsulated choices.
 */
class LargePixelDataTest {
    @TempDir Path dir;

    @BeforeAll
    static void shared() {
        Shared.assumePresent();
    }

    @AfterEach
    void restore() {
        SegWriter.extendedOffsetTableThreshold = 1L << 32;
        SegWriter.nativePixelDataLimit = org.dicomseg.dicom.PixelDataStream.MAX_LENGTH;
    }

    private SegWriteResult write(Path out, Input in, SegmentationType type, OutputTransferSyntax ts) throws Exception {
        Sources s = Sources.CT_23X38;
        SegmentationMask mask = SegTestData.mask(in, s.planes, s.rows, s.columns);
        return SegWriter.write(out, mask, SegTestData.descriptions(in.segments()), s.read(),
                SegWriteOptions.builder().segmentationType(type).transferSyntax(ts).build());
    }

    @Test
    void encapsulatedPixelDataGetsTheExtendedOffsetTableWhenItMayPassFourGiB() throws Exception {
        for (Object[] c : new Object[][] {
                {Input.LABEL_MAP, SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS},
                {Input.STACKED_OVERLAPPING, SegmentationType.BINARY, OutputTransferSyntax.JPEG_2000_LOSSLESS},
                {Input.STACKED_FRACTIONAL, SegmentationType.FRACTIONAL, OutputTransferSyntax.DEFLATED_IMAGE_FRAME}}) {
            Input in = (Input) c[0];
            SegmentationType type = (SegmentationType) c[1];
            OutputTransferSyntax ts = (OutputTransferSyntax) c[2];
            String name = type + "-" + ts.name();
            Path twin = dir.resolve(name + "-plain.dcm");
            write(twin, in, type, ts);
            SegWriter.extendedOffsetTableThreshold = 1; // every encapsulated file "may pass 4 GiB"
            Path eot = dir.resolve(name + "-eot.dcm");
            SegWriteResult r = write(eot, in, type, ts);
            SegWriter.extendedOffsetTableThreshold = 1L << 32;

            // dcmdump (dcmtk, independent) shows both tables before Pixel Data, 8 bytes a frame
            String dump = run("dcmdump", "+L", eot.toString());
            assertTrue(dump.contains("(7fe0,0001) OV") && dump.contains("(7fe0,0002) OV"), dump);
            assertFalse(run("dcmdump", twin.toString()).contains("(7fe0,0001)"), "no table unless needed");
            long[][] table = eotOf(eot, r.numberOfFrames());
            // the offsets point at each frame's item (pydicom splits the frames by the table)
            String py = Highdicom.python(String.join("\n",
                    "import sys, pydicom",
                    "from pydicom.encaps import generate_frames",
                    "ds = pydicom.dcmread(sys.argv[1])",
                    "eot = (ds.ExtendedOffsetTable, ds.ExtendedOffsetTableLengths)",
                    "fr = list(generate_frames(ds.PixelData, number_of_frames=ds.NumberOfFrames, extended_offsets=eot))",
                    "plain = pydicom.dcmread(sys.argv[2])",
                    "fp = list(generate_frames(plain.PixelData, number_of_frames=plain.NumberOfFrames))",
                    "print(len(fr), all(a == b for a, b in zip(fr, fp)), len(ds.ExtendedOffsetTable))"),
                    eot.toString(), twin.toString());
            assertEquals(r.numberOfFrames() + " True " + 8 * r.numberOfFrames(), py.trim(), name);
            assertEquals(0, table[0][0], "first frame at offset 0");
            for (int f = 1; f < r.numberOfFrames(); f++) assertEquals(table[0][f - 1] + 8 + table[1][f - 1], table[0][f], name + " frame " + (f + 1));

            if (ts != OutputTransferSyntax.DEFLATED_IMAGE_FRAME) {
                // the gate (dciodvfy does not know the deflated frames syntax) and highdicom
                Conformance.assertConformant(eot);
                Highdicom.Result a = Highdicom.read(eot, dir), b = Highdicom.read(twin, dir);
                assertEquals(0, a.exitCode, a.stderr);
                assertArrayEquals(b.mask, a.mask, name + ": highdicom reads the same mask");
            } else {
                Conformance.assertConformant(twinNative(in, type));
            }
            // our reader: the same planes as the twin's
            try (SegmentationReader x = SegmentationReader.open(eot); SegmentationReader y = SegmentationReader.open(twin)) {
                var vx = Reconstructor.volume(x, ReconstructionOptions.defaults());
                var vy = Reconstructor.volume(y, ReconstructionOptions.defaults());
                assertEquals(vy.channels(), vx.channels());
                for (int ch = 0; ch < vy.channels(); ch++) {
                    for (int z = 0; z < vy.planes(); z++) {
                        assertTrue(java.util.Objects.deepEquals(vx.plane(ch, z), vy.plane(ch, z)), name + " channel " + ch + " plane " + z);
                    }
                }
            }
        }
    }

    private Path twinNative(Input in, SegmentationType type) throws Exception {
        Path p = dir.resolve("native-" + type + ".dcm");
        write(p, in, type, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return p;
    }

    /** The Extended Offset Table and its lengths, read from the file's bytes. */
    private static long[][] eotOf(Path file, int frames) throws Exception {
        byte[] all = Files.readAllBytes(file);
        long[][] out = new long[2][frames];
        for (int t = 0; t < 2; t++) {
            byte[] tag = {(byte) 0xE0, 0x7F, (byte) (t + 1), 0, 'O', 'V', 0, 0};
            int at = indexOf(all, tag);
            assertTrue(at > 0, "table " + (t + 1) + " present");
            ByteBuffer b = ByteBuffer.wrap(all, at + 8, 4 + 8 * frames).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(8 * frames, b.getInt());
            for (int f = 0; f < frames; f++) out[t][f] = b.getLong();
        }
        return out;
    }

    private static int indexOf(byte[] a, byte[] p) {
        outer:
        for (int i = a.length - p.length; i >= 0; i--) {
            for (int j = 0; j < p.length; j++) if (a[i + j] != p[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void nativePixelDataBeyondTheElementLimitIsRefusedBeforeAnyFileIsMade() throws Exception {
        Path out = dir.resolve("too-big.dcm");
        SegWriter.nativePixelDataLimit = 1000; // 2 of the 3 planes of 23 x 38 have labels: 1,748 bytes
        OutputException e = assertThrows(OutputException.class,
                () -> write(out, Input.LABEL_MAP, SegmentationType.LABELMAP, OutputTransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("2 frames would be 1748 bytes")
                && e.getMessage().contains("compression rle, deflate or j2k"), e.getMessage());
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary file left");
        }
        // encapsulated: no such limit (each fragment holds one frame)
        write(out, Input.LABEL_MAP, SegmentationType.LABELMAP, OutputTransferSyntax.RLE_LOSSLESS);
        Conformance.assertConformant(out);
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return s;
    }
}
