package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.LUT;

import org.dicomseg.ij.open.HyperstackBuilder;
import org.dicomseg.ij.open.ImportSources;
import org.dicomseg.ij.open.ImportedSegmentation;
import org.dicomseg.ij.open.SegImporter;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.options.MacroKeys;
import org.dicomseg.options.OptionValues;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.task.Progress;
import org.dicomseg.testing.EditLoopFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's TIFF ({@link TiffOutput}): the bytes of ImageJ's {@code FileSaver.saveAsTiffStack}
 * for the same image (empty planes left as holes read as zeros), so ImageJ's {@code Opener} gives back
 * the same planes, slice labels, calibration, channel ranges and properties; and {@code import} with a
 * hyperstack whose empty planes share one array ({@link SegImporter#writeOnly}) writes the same file
 * as the in-process importer's image saved by ImageJ.
 */
class TiffOutputTest {
    @TempDir static Path dir;
    static EditLoopFixture fx;

    @BeforeAll static void fixture() throws Exception {
        fx = EditLoopFixture.write(dir);
    }

    /** A 3-channel composite hyperstack of 300 x 280 planes (over the hole size), most planes one shared zero array. */
    private static ImagePlus sparseHyperstack() {
        int w = 300, h = 280, nc = 3, nz = 17;
        byte[] zero = new byte[w * h];
        ImageStack st = new ImageStack(w, h);
        for (int z = 0; z < nz; z++) {
            for (int c = 0; c < nc; c++) {
                byte[] px = zero;
                if ((z + c) % 5 == 0) { // some planes with pixels, one near the plane's end only
                    px = new byte[w * h];
                    if (c == 2) px[w * h - 3] = (byte) 255;
                    else for (int i = z * 40; i < z * 40 + 900; i++) px[i] = (byte) 255;
                }
                st.addSlice("Segment " + (c + 1), new ByteProcessor(w, h, px));
            }
        }
        ImagePlus imp = new ImagePlus("sparse", st);
        imp.setDimensions(nc, nz, 1);
        imp.setOpenAsHyperStack(true);
        Calibration cal = new Calibration();
        cal.pixelWidth = 0.7;
        cal.pixelHeight = 0.8;
        cal.pixelDepth = 1.25;
        cal.setUnit("mm");
        cal.xOrigin = 12.5;
        imp.setCalibration(cal);
        imp.setProperty("Info", "Segments: 3\nline two");
        imp.setProp(HyperstackBuilder.SEGMENT_NUMBERS_PROPERTY, "4,7,9");
        CompositeImage ci = new CompositeImage(imp, IJ.COMPOSITE);
        for (int c = 1; c <= nc; c++) {
            LUT lut = LUT.createLutFromColor(c == 1 ? java.awt.Color.RED : c == 2 ? java.awt.Color.GREEN : java.awt.Color.BLUE);
            lut.min = 0;
            lut.max = 255;
            ci.setChannelLut(lut, c);
        }
        ci.setProperty("Info", imp.getProperty("Info"));
        ci.setProp(HyperstackBuilder.SEGMENT_NUMBERS_PROPERTY, "4,7,9");
        ci.setCalibration(cal);
        return ci;
    }

    @Test void writesImageJsBytesWithEmptyPlanesAsZeros() throws Exception {
        ImagePlus imp = sparseHyperstack();
        Path ours = Files.createFile(dir.resolve("ours.tif")); // as AtomicOutput's temporary file: there, empty
        TiffOutput.writeStack(imp, ours);
        Path imagej = dir.resolve("imagej.tif");
        assertTrue(new FileSaver(imp).saveAsTiffStack(imagej.toString()));
        assertEquals(Files.size(imagej), Files.size(ours));
        assertEquals(-1L, Files.mismatch(imagej, ours), "the same bytes as FileSaver.saveAsTiffStack");

        ImagePlus back = new Opener().openImage(ours.toString());
        assertEquals(3, back.getNChannels());
        assertEquals(17, back.getNSlices());
        assertEquals(0.7, back.getCalibration().pixelWidth, 1e-6); // a TIFF rational
        assertEquals(1.25, back.getCalibration().pixelDepth, 1e-9);
        assertEquals(12.5, back.getCalibration().xOrigin, 1e-9);
        assertEquals("4,7,9", back.getProp(HyperstackBuilder.SEGMENT_NUMBERS_PROPERTY));
        assertEquals("Segments: 3\nline two", back.getInfoProperty());
        for (int i = 1; i <= imp.getStackSize(); i++) {
            assertEquals(imp.getStack().getSliceLabel(i), back.getStack().getSliceLabel(i));
            assertArrayEquals((byte[]) imp.getStack().getPixels(i), (byte[]) back.getStack().getPixels(i), "plane " + i);
        }
    }

    /**
     * 16- and 32-bit planes reach the file through ImageJ's own conversion buffer, reused from plane
     * to plane: an empty plane before one with pixels must not make the next one a hole too.
     */
    @Test void sixteenAndThirtyTwoBitPlanesAfterAnEmptyOneKeepTheirPixels() throws Exception {
        int w = 230, h = 190, n = w * h; // 87 KB (16-bit) and 175 KB (32-bit) a plane: above the hole size
        ImageStack s16 = new ImageStack(w, h), s32 = new ImageStack(w, h);
        short[] zero16 = new short[n];
        for (int z = 0; z < 6; z++) {
            short[] a = z % 2 == 0 ? zero16 : new short[n];
            float[] f = new float[n];
            if (z % 2 == 1) {
                a[n - 1] = (short) 300;
                a[5] = 1;
                f[n / 2] = 0.25f;
            }
            s16.addSlice("z" + z, new ij.process.ShortProcessor(w, h, a, null));
            s32.addSlice("z" + z, new ij.process.FloatProcessor(w, h, f));
        }
        for (ImageStack st : new ImageStack[] {s16, s32}) {
            ImagePlus imp = new ImagePlus("deep", st);
            Path ours = Files.createFile(dir.resolve("deep-" + imp.getBitDepth() + ".tif"));
            TiffOutput.writeStack(imp, ours);
            Path imagej = dir.resolve("deep-" + imp.getBitDepth() + "-imagej.tif");
            assertTrue(new FileSaver(imp).saveAsTiffStack(imagej.toString()));
            assertEquals(-1L, Files.mismatch(imagej, ours), imp.getBitDepth() + "-bit");
            ImagePlus back = new Opener().openImage(ours.toString());
            for (int i = 1; i <= st.getSize(); i++) {
                assertEquals(st.getProcessor(i).getStatistics().max, back.getStack().getProcessor(i).getStatistics().max, 1e-6,
                        imp.getBitDepth() + "-bit plane " + i);
            }
        }
    }

    @Test void writesOverAnExistingFileFromItsStart() throws Exception {
        ImagePlus imp = sparseHyperstack();
        Path p = dir.resolve("again.tif");
        Files.write(p, "not a tiff".repeat(300_000).getBytes(StandardCharsets.US_ASCII)); // 3 MB, longer than the TIFF
        TiffOutput.writeStack(imp, p);
        Path imagej = dir.resolve("again-imagej.tif");
        assertTrue(new FileSaver(imp).saveAsTiffStack(imagej.toString()));
        assertEquals(-1L, Files.mismatch(imagej, p));
    }

    @Test void sharedEmptyPlanesAreOneZeroArrayOnlyWhenAsked() throws Exception {
        ImportOptions o = options("");
        try (SegmentationReader r = SegmentationReader.open(fx.seg)) {
            ImportedSegmentation v = ImportSources.read(r, o, fx.seg, List.of(), null, 0, 0, Progress.NONE);
            ImagePlus shared = new SegImporter(o, Progress.NONE).writeOnly(true).run(v, fx.seg, "x").image();
            ImagePlus own = new SegImporter(o, Progress.NONE).run(
                    ImportSources.read(r, o, fx.seg, List.of(), null, 0, 0, Progress.NONE), fx.seg, "x").image();
            assertEquals(own.getStackSize(), shared.getStackSize());
            Object firstEmpty = null;
            int empty = 0;
            for (int i = 1; i <= own.getStackSize(); i++) {
                byte[] a = (byte[]) own.getStack().getPixels(i), b = (byte[]) shared.getStack().getPixels(i);
                assertArrayEquals(a, b, "plane " + i);
                if (TiffOutput.allZero(b, 0, b.length)) {
                    empty++;
                    if (firstEmpty == null) firstEmpty = b;
                    assertSame(firstEmpty, b, "empty plane " + i + " is the shared array");
                    if (i > 1) assertNotSame(own.getStack().getPixels(i - 1), a, "planes of their own");
                }
            }
            assertTrue(empty > 100, "the fixture has empty planes: " + empty);
        }
    }

    @Test void importWritesWhatImageJWouldSaveForTheSameImport() throws Exception {
        Path tif = dir.resolve("work/hyper.tif");
        Files.createDirectories(tif.getParent());
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int rc = Main.run(List.of("import", fx.seg.toString(), "--out", tif.toString(), "--segments", "1,3", "--source",
                fx.ctDir.toString()), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, out + " " + err);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("2 channel(s) x 240 plane(s)"), out.toString(StandardCharsets.UTF_8));

        // the same import in process, its image saved by ImageJ
        ImportOptions o = options(fx.ctDir.toString());
        Path imagej = dir.resolve("work/hyper-imagej.tif");
        try (SegmentationReader r = SegmentationReader.open(fx.seg)) {
            ImagePlus imp = new SegImporter(o, Progress.NONE).run(
                    ImportSources.read(r, o, fx.seg, List.of(), null, 0, 0, Progress.NONE), fx.seg, fx.seg.getFileName().toString()).image();
            assertTrue(new FileSaver(imp).saveAsTiffStack(imagej.toString()));
        }
        ImagePlus a = new Opener().openImage(imagej.toString()), b = new Opener().openImage(tif.toString());
        assertEquals(2, b.getNChannels());
        assertEquals(240, b.getNSlices());
        assertEquals(a.getCalibration().pixelWidth, b.getCalibration().pixelWidth, 1e-12);
        assertEquals(a.getCalibration().pixelDepth, b.getCalibration().pixelDepth, 1e-12);
        assertEquals(a.getCalibration().getUnit(), b.getCalibration().getUnit());
        assertEquals(a.getInfoProperty(), b.getInfoProperty());
        assertArrayEquals(a.getPropertiesAsArray(), b.getPropertiesAsArray());
        long foreground = 0;
        for (int i = 1; i <= a.getStackSize(); i++) {
            assertEquals(a.getStack().getSliceLabel(i), b.getStack().getSliceLabel(i));
            byte[] pa = (byte[]) a.getStack().getPixels(i), pb = (byte[]) b.getStack().getPixels(i);
            assertArrayEquals(pa, pb, "plane " + i);
            for (byte x : pb) if (x != 0) foreground++;
        }
        long expected = 0;
        for (int z = 0; z < EditLoopFixture.SLICES; z++) {
            for (int n : new int[] {1, 3}) {
                if (!EditLoopFixture.onSlice(n, z)) continue;
                int[] rc2 = EditLoopFixture.rect(n);
                expected += (long) (rc2[1] - rc2[0]) * (rc2[3] - rc2[2]);
            }
        }
        assertEquals(expected, foreground, "segments 1 and 3's pixels");
    }

    private static ImportOptions options(String source) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(MacroKeys.OUTPUT, ImportOptions.Output.HYPERSTACK.choice());
        v.put(MacroKeys.SEGMENTS, "1,3");
        v.put(MacroKeys.IMPORT_REGION, "");
        v.put(MacroKeys.DOWNSAMPLE, "");
        v.put(MacroKeys.SOURCE_FOLDER, source);
        return ImportOptions.of(OptionValues.of(v, k -> k));
    }
}
