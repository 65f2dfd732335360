package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Random;

import ij.ImagePlus;
import ij.ImageStack;

import org.dicomseg.model.SegmentationType;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.task.Progress;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.Test;

/**
 * The hyperstack and label image are made in one pass over the imported planes (issue 19): the
 * pixel counts of the Info text are taken while the planes are made, eight pixels at a time. The
 * results must be those of the plain per-pixel rules: ImageJ's 0/255 masks, the stored values, the
 * counts of nonzero stored values; each plane its own array.
 */
class ImportSinglePassTest {

    /** Every byte value, at every position of an eight-byte word, with lengths that leave a tail. */
    @Test
    void foregroundAndCountsMatchThePerPixelRule() {
        Random rnd = new Random(19);
        for (int n : new int[] {0, 1, 7, 8, 9, 63, 64, 65, 91, 1000, 4099}) {
            for (int round = 0; round < 20; round++) {
                byte[] in = new byte[n];
                for (int i = 0; i < n; i++) {
                    int kind = rnd.nextInt(4);
                    in[i] = (byte) (kind == 0 ? rnd.nextInt(256) : kind == 1 ? 1 : 0); // runs of 0s and 1s, any value
                }
                byte[] expected = new byte[n];
                long nonZero = 0;
                for (int i = 0; i < n; i++) {
                    if (in[i] != 0) {
                        expected[i] = (byte) 255;
                        nonZero++;
                    }
                }
                assertEquals(nonZero, HyperstackBuilder.nonZero(in), "count, n=" + n);
                byte[] out = new byte[n];
                assertEquals(nonZero, HyperstackBuilder.toForeground(in, out), "count while converting, n=" + n);
                assertArrayEquals(expected, out, "into a zero plane, n=" + n);
                byte[] same = in.clone();
                assertEquals(nonZero, HyperstackBuilder.toForeground(same, same), "in place, n=" + n);
                assertArrayEquals(expected, same, "in place, n=" + n);
            }
        }
        for (int v = 1; v < 256; v++) {
            byte[] in = new byte[16];
            in[v % 16] = (byte) v;
            byte[] out = new byte[16];
            assertEquals(1, HyperstackBuilder.toForeground(in, out), "value " + v);
            assertEquals((byte) 255, out[v % 16], "value " + v);
        }
    }

    /** Odd plane size (tail pixels), stored values beyond 1, planes shared by nothing. */
    @Test
    void hyperstackPixelsInfoAndArraysAsBefore() {
        int w = 13, h = 7, d = 5;
        Random rnd = new Random(7);
        byte[][] a = new byte[d][], b = new byte[d][];
        for (int z = 0; z < d; z++) {
            if (z == 0 || z == 3) continue; // empty planes at the start and in the middle
            a[z] = new byte[w * h];
            b[z] = new byte[w * h];
            for (int i = 0; i < w * h; i++) {
                if (rnd.nextInt(3) == 0) a[z][i] = 1;
                if (rnd.nextInt(5) == 0) b[z][i] = (byte) (1 + rnd.nextInt(255));
            }
        }
        for (boolean adopt : new boolean[] {false, true}) {
            ImportedSegmentation v = volume(w, h, d, SegmentationType.BINARY, a, b);
            ImportedSegmentation untouched = volume(w, h, d, SegmentationType.BINARY, copy(a), copy(b));
            String expectedInfo = SegInfoText.of(untouched); // counted the old way, over the planes
            ImagePlus imp = new HyperstackBuilder().adoptPlanes(adopt).build(v, "x");
            assertEquals(expectedInfo, imp.getProperty("Info"), "adopt=" + adopt);
            assertTrue(expectedInfo.contains("Pixels: " + untouched.segments().get(1).nonZeroCount()), expectedInfo);
            ImageStack st = imp.getStack();
            IdentityHashMap<Object, Boolean> arrays = new IdentityHashMap<>();
            for (int z = 0; z < d; z++) {
                for (int c = 0; c < 2; c++) {
                    byte[] stored = untouched.segments().get(c).plane(z);
                    byte[] px = (byte[]) st.getPixels(imp.getStackIndex(c + 1, z + 1, 1));
                    assertEquals(w * h, px.length);
                    for (int i = 0; i < px.length; i++) {
                        assertEquals(stored != null && stored[i] != 0 ? (byte) 255 : 0, px[i], "c" + c + " z" + z + " i" + i);
                    }
                    assertTrue(arrays.put(px, Boolean.TRUE) == null, "each plane is an array of its own (ImageJ edits in place)");
                }
            }
            if (adopt) assertSame(a[1], st.getPixels(imp.getStackIndex(1, 2, 1)), "adopted, not copied");
            else assertNotSame(a[1], st.getPixels(imp.getStackIndex(1, 2, 1)));
            a = copy(untouched.segments().get(0), d); // the adopted planes were turned into 0/255: start again from the originals
            b = copy(untouched.segments().get(1), d);
        }
    }

    @Test
    void fractionalStoredValuesAndFloatKeepTheirCounts() {
        ImportedSegmentation v = ImportFixtures.fractional();
        String expected = SegInfoText.of(v); // counted over the planes, before any is adopted
        assertEquals(expected, new HyperstackBuilder().fractionalAsStoredValues(true).adoptPlanes(true).build(v, "s").getProperty("Info"));
        assertEquals(expected, new HyperstackBuilder().build(v, "f").getProperty("Info"));
        assertTrue(expected.contains("Pixels: 12"), expected);
    }

    /** The label map's per-segment counts (one pass, eight pixels at a time) against a per-pixel histogram. */
    @Test
    void labelMapCountsMatchAPerPixelHistogram() {
        int w = 21, h = 9, d = 6, n = w * h;
        Random rnd = new Random(3);
        Object[] bytes = new Object[d];
        Object[] shorts = new Object[d];
        long[] histB = new long[256], histS = new long[65536];
        for (int z = 0; z < d; z++) {
            if (z == 2) continue;
            byte[] p = new byte[n];
            short[] s = new short[n];
            for (int i = 0; i < n; i++) {
                int run = (i / 8) % 3; // whole words of one label, of zeros, and mixed
                int v = run == 0 ? 7 : run == 1 ? 0 : rnd.nextInt(256);
                p[i] = (byte) v;
                histB[v]++;
                int sv = run == 2 ? rnd.nextInt(65536) : v * 300;
                s[i] = (short) sv;
                histS[sv]++;
            }
            bytes[z] = p;
            shorts[z] = s;
        }
        ImportedSegmentation.LabelMapView vb = new ImportedSegmentation.LabelMapView(bytes, n);
        ImportedSegmentation.LabelMapView vs = new ImportedSegmentation.LabelMapView(shorts, n);
        for (int v = 1; v < 256; v++) assertEquals(histB[v], vb.count(v), "8-bit label " + v);
        for (int v = 1; v < 65536; v++) assertEquals(histS[v], vs.count(v), "16-bit label " + v);
    }

    /** A real file: the label image's and hyperstack's Info counts are the segments' nonzero pixels, counted the plain way. */
    @Test
    void corpusFilesKeepTheirInfoText() throws Exception {
        Shared.assumePresent();
        for (String name : new String[] {"highdicom/seg_image_ct_binary.dcm", "dcmqi/segmentations/liver.dcm",
                "pydicom-data/liver_rle.dcm"}) {
            Path seg = Shared.corpus(name);
            for (ImportOptions.Output out : new ImportOptions.Output[] {ImportOptions.Output.HYPERSTACK, ImportOptions.Output.LABEL_IMAGE}) {
                ImportOptions o = ImportOptions.builder().output(out).build();
                ImportedSegmentation v = read(seg, o), reference = read(seg, o);
                String expected = SegInfoText.of(reference);
                ImagePlus imp = new SegImporter(o, Progress.NONE).run(v, seg, "x").image();
                assertEquals(expected, imp.getProperty("Info"), name + " " + out);
                for (ImportedSegmentation.Segment s : reference.segments()) {
                    long plain = 0;
                    for (int z = 0; z < reference.depth(); z++) plain += ImportFixtures.count(s.plane(z));
                    assertTrue(expected.contains("Segment " + s.number() + ": " + s.label() + "\n"), expected);
                    assertEquals(plain, s.nonZeroCount(), name + " segment " + s.number());
                }
            }
        }
    }

    private static ImportedSegmentation read(Path seg, ImportOptions o) throws Exception {
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            return ImportReader.read(r, o, null, 0, 0, Progress.NONE);
        }
    }

    private static ImportedSegmentation volume(int w, int h, int d, SegmentationType type, byte[][] a, byte[][] b) {
        return ImportedSegmentation.builder(w, h, d, type)
                .addSegment(ImportFixtures.segment(1, "A", new int[] {255, 0, 0}), a)
                .addSegment(ImportFixtures.segment(2, "B", null), b).build();
    }

    private static byte[][] copy(byte[][] planes) {
        byte[][] out = new byte[planes.length][];
        for (int z = 0; z < planes.length; z++) out[z] = planes[z] == null ? null : planes[z].clone();
        return out;
    }

    private static byte[][] copy(ImportedSegmentation.Segment s, int depth) {
        byte[][] out = new byte[depth][];
        for (int z = 0; z < depth; z++) out[z] = s.plane(z) == null ? null : s.plane(z).clone();
        return out;
    }
}
