package org.dicomseg.pixels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.dicom.OutputTransferSyntax;
import org.dicomseg.model.FractionalType;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.source.SourceImages;
import org.dicomseg.testing.SegTestData;
import org.dicomseg.testing.SegTestData.Input;
import org.dicomseg.testing.SegTestData.Sources;
import org.dicomseg.testing.Shared;
import org.dicomseg.write.SegWriteOptions;
import org.dicomseg.write.SegWriter;

/**
 * Our own JPEG-LS decoder gets the corpus and fuzzing checks RLE gets (issue 18), on the frames it
 * meets in practice: the 25 RGB tiles of highdicom's {@code sm_image_jpegls.dcm} (a slide) and the
 * frames of the JPEG-LS SEGs our writer makes (8-bit LABELMAP of 512 × 512, 8-bit FRACTIONAL, 16-bit
 * LABELMAP), cut out of the files by {@code dcmdump +W}. Each frame first decodes to what
 * {@code dcmdjpls} (CharLS) decodes from the same file; then every truncation and
 * {@code dicomseg.fuzz.jpegls} (default 300) random corruptions of each must end in a frame of the
 * right size or a {@link CorruptPixelDataException} with a message, within a time bound, through
 * both front doors: {@link JpegLsCodec#decode} and, for 8-bit grey frames, {@link JpegLsCodec#decodeRuns},
 * whose runs must cover the frame once, in order, and give the same bytes as {@code decode}.
 * docs/robustness.md records the long runs.
 */
class JpegLsFramesFuzzTest {
    @TempDir
    static Path tmp;

    /** A frame's code stream and how it must decode. */
    static final class Seed {
        final String name;
        final byte[] stream;
        final int rows, columns, samples, bits;
        final byte[] want;

        Seed(String name, byte[] stream, int rows, int columns, int samples, int bits, byte[] want) {
            this.name = name;
            this.stream = stream;
            this.rows = rows;
            this.columns = columns;
            this.samples = samples;
            this.bits = bits;
            this.want = want;
        }

        int bytes() { return rows * columns * samples * (bits / 8); }
    }

    static List<Seed> seeds;

    @BeforeAll
    static void seeds() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dcmdjpls")), "dcmtk dcmdjpls not installed");
        Shared.assumePresent();
        seeds = new ArrayList<>();
        Path slide = Shared.corpus("highdicom/sm_image_jpegls.dcm");
        seeds.addAll(seedsOf("sm_image_jpegls", Files.copy(slide, tmp.resolve("sm_image_jpegls.dcm")), 10, 10, 3, 8, 25));
        Object[][] written = {
            {SegmentationType.LABELMAP, Input.LABEL_MAP, Sources.ENHANCED_CT, 8},
            {SegmentationType.FRACTIONAL, Input.STACKED_FRACTIONAL, Sources.CT_23X38, 8},
            {SegmentationType.LABELMAP, Input.LABEL_MAP_16, Sources.CT_23X38, 16},
        };
        for (Object[] w : written) {
            SegmentationType type = (SegmentationType) w[0];
            Input in = (Input) w[1];
            Sources src = (Sources) w[2];
            SegWriteOptions.Builder ob = SegWriteOptions.builder().segmentationType(type).transferSyntax(OutputTransferSyntax.JPEG_LS_LOSSLESS);
            if (type == SegmentationType.FRACTIONAL) ob.fractionalType(FractionalType.PROBABILITY).maxFractionalValue(255);
            Path out = tmp.resolve("seg-" + type + "-" + in + ".dcm");
            SourceImages images = src.read();
            SegWriter.write(out, SegTestData.mask(in, src.planes, src.rows, src.columns), SegTestData.descriptions(in.segments()), images,
                    null, ob.build());
            int frames;
            try (org.dicomseg.read.SegmentationReader r = org.dicomseg.read.SegmentationReader.open(out)) {
                frames = r.metadata().numberOfFrames();
            }
            seeds.addAll(seedsOf(out.getFileName().toString(), out, src.rows, src.columns, 1, (Integer) w[3], frames));
        }
        assertTrue(seeds.size() > 30, seeds.size() + " seeds");
    }

    /** The frames of an encapsulated JPEG-LS file with what dcmdjpls decodes them to. */
    static List<Seed> seedsOf(String name, Path file, int rows, int columns, int samples, int bits, int frames) throws Exception {
        List<byte[]> streams = JpegLsDcmtk.fragments(file, frames);
        Path nativeFile = tmp.resolve(file.getFileName() + "-dcmdjpls.dcm");
        JpegLsDcmtk.run("dcmdjpls", file.toString(), nativeFile.toString());
        byte[] all = JpegLsDcmtk.nativePixels(nativeFile);
        int frameBytes = rows * columns * samples * (bits / 8);
        assertEquals((long) frameBytes * frames, all.length, name + ": dcmdjpls' frames");
        List<Seed> out = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            out.add(new Seed(name + " frame " + (f + 1), trimmed(streams.get(f)), rows, columns, samples, bits,
                    Arrays.copyOfRange(all, f * frameBytes, (f + 1) * frameBytes)));
        }
        return out;
    }

    /** The stream up to and including EOI (a fragment may carry a padding byte). */
    static byte[] trimmed(byte[] s) {
        for (int i = s.length - 2; i >= 0; i--) if (s[i] == (byte) 0xFF && s[i + 1] == (byte) 0xD9) return Arrays.copyOf(s, i + 2);
        return s;
    }

    /** {@code decodeRuns} into a frame buffer, checking that the runs cover it once, in order. */
    static byte[] viaRuns(byte[] s, int length, int rows, int columns) {
        byte[] frame = new byte[rows * columns];
        int[] next = {0};
        JpegLsCodec.decodeRuns(s, length, rows, columns, new RleCodec.RunSink() {
            @Override public void fill(int offset, int n, byte value) {
                if (offset != next[0] || n <= 0 || offset + n > frame.length) {
                    throw new AssertionError("run at " + offset + " of " + n + ", expected at " + next[0]);
                }
                Arrays.fill(frame, offset, offset + n, value);
                next[0] += n;
            }

            @Override public void literal(int offset, byte[] src, int srcOffset, int n) {
                throw new AssertionError("JPEG-LS runs come as fills");
            }
        });
        assertEquals(frame.length, next[0], "the runs cover the frame");
        return frame;
    }

    static boolean runsApply(Seed s) { return s.samples == 1 && s.bits == 8; }

    @Test
    void everyFrameDecodesAsCharlsDecodesIt() {
        for (Seed s : seeds) {
            assertArrayEquals(s.want, JpegLsCodec.decode(s.stream, s.stream.length, s.rows, s.columns, s.samples, s.bits), s.name);
            if (runsApply(s)) assertArrayEquals(s.want, viaRuns(s.stream, s.stream.length, s.rows, s.columns), s.name + ", as runs");
        }
    }

    /** Corruptions per frame; {@code -Ddicomseg.fuzz.jpegls.frames=N} for a long run. */
    static final int CORRUPTIONS = Integer.getInteger("dicomseg.fuzz.jpegls.frames", 300);

    @Test
    void everyTruncationAndCorruptionOfTheseFramesEndsInAFrameOrACleanException() {
        long[] counts = new long[3]; // decoded, refused, runs compared
        assertTimeoutPreemptively(Duration.ofSeconds(60 + CORRUPTIONS / 10), () -> {
            Random rnd = new Random(Long.getLong("dicomseg.fuzz.jpegls.seed", 20261206));
            for (Seed s : seeds) {
                for (int len = 0; len < s.stream.length; len++) exercise(s, s.stream, len, "truncated to " + len, counts);
                for (int i = 0; i < CORRUPTIONS; i++) {
                    byte[] m = s.stream.clone();
                    int changes = 1 + rnd.nextInt(3);
                    for (int c = 0; c < changes; c++) {
                        int at = rnd.nextInt(m.length);
                        switch (rnd.nextInt(4)) {
                            case 0: m[at] = (byte) 0xFF; break;
                            case 1: m[at] ^= (byte) (1 << rnd.nextInt(8)); break;
                            default: m[at] = (byte) rnd.nextInt(256);
                        }
                    }
                    exercise(s, m, m.length, "corruption " + i, counts);
                }
            }
        });
        System.out.println("JPEG-LS frames fuzz: " + seeds.size() + " frames, " + (counts[0] + counts[1]) + " inputs: " + counts[0]
                + " decoded, " + counts[1] + " refused, " + counts[2] + " compared as runs");
        assertTrue(counts[1] > 1000 && counts[0] > 100, Arrays.toString(counts));
    }

    private static void exercise(Seed s, byte[] m, int length, String what, long[] counts) {
        byte[] frame;
        try {
            frame = JpegLsCodec.decode(m, length, s.rows, s.columns, s.samples, s.bits);
            assertEquals(s.bytes(), frame.length, s.name + ", " + what);
            counts[0]++;
        } catch (CorruptPixelDataException e) {
            assertNotNull(e.getMessage(), s.name + ", " + what);
            frame = null;
            counts[1]++;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            fail(s.name + ", " + what + " escaped as " + e, e);
            return;
        }
        if (!runsApply(s)) return;
        try {
            byte[] runs = viaRuns(m, length, s.rows, s.columns);
            if (frame == null) fail(s.name + ", " + what + ": decode refused it, decodeRuns did not");
            assertArrayEquals(frame, runs, s.name + ", " + what + ": decodeRuns = decode");
            counts[2]++;
        } catch (CorruptPixelDataException e) {
            if (frame != null) fail(s.name + ", " + what + ": decode read it, decodeRuns refused it: " + e.getMessage());
        } catch (RuntimeException e) {
            fail(s.name + ", " + what + ": decodeRuns escaped as " + e, e);
        }
    }
}
