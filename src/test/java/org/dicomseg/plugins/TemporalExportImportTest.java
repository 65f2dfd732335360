package org.dicomseg.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.process.ByteProcessor;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.ij.open.ImportSources;
import org.dicomseg.ij.open.ImportedSegmentation;
import org.dicomseg.ij.open.SegImporter;
import org.dicomseg.options.ImportOptions;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.reconstruct.ReconstructionOptions;
import org.dicomseg.reconstruct.Reconstructor;
import org.dicomseg.reconstruct.SegmentationVolume;
import org.dicomseg.task.Progress;
import org.dicomseg.testing.CineFixture;
import org.dicomseg.testing.Conformance;

/**
 * 2D+t and 3D+t through the ImageJ commands: a hyperstack of 3 channels × 12 slices × 25 time
 * frames over a cine series ({@link CineFixture}) exports as one SEG with 25 time points, which
 * imports back as the same hyperstack (on its source series, or on its own planes without it); a
 * label image over the Enhanced MR cine the same way; a series whose phases nothing tells apart
 * is refused.
 */
class TemporalExportImportTest {
    private static final int Z = CineFixture.SLICES, T = CineFixture.PHASES, ROWS = CineFixture.ROWS, COLS = CineFixture.COLUMNS;

    @TempDir static Path dir;
    static CineFixture cine;
    static Path series;
    static Path enhanced;

    @BeforeAll
    static void sources() throws Exception {
        cine = CineFixture.create();
        series = dir.resolve("cine");
        cine.writeSeries(series);
        enhanced = cine.writeEnhanced(dir.resolve("enhanced/cine-mf.dcm"));
    }

    /** The three masks as a 3-channel hyperstack (0/255), Z = 12, T = 25. */
    static ImagePlus channels() {
        byte[][][] m = cine.masks();
        ImageStack st = new ImageStack(COLS, ROWS);
        for (int t = 0; t < T; t++) {
            for (int z = 0; z < Z; z++) {
                for (int c = 0; c < 3; c++) {
                    byte[] px = m[c][t * Z + z].clone();
                    for (int i = 0; i < px.length; i++) px[i] = (byte) (px[i] != 0 ? 255 : 0);
                    st.addSlice("", new ByteProcessor(COLS, ROWS, px));
                }
            }
        }
        ImagePlus imp = new ImagePlus("cine-masks", st);
        imp.setDimensions(3, Z, T);
        imp.setOpenAsHyperStack(true);
        return imp;
    }

    /** Segments 1 and 2 as one label image, Z = 12, T = 25. */
    static ImagePlus labels() {
        byte[][] m = cine.labelMap();
        ImageStack st = new ImageStack(COLS, ROWS);
        for (byte[] plane : m) st.addSlice("", new ByteProcessor(COLS, ROWS, plane.clone()));
        ImagePlus imp = new ImagePlus("cine-labels", st);
        imp.setDimensions(1, Z, T);
        imp.setOpenAsHyperStack(true);
        return imp;
    }

    @Test
    void aThreeChannelHyperstackWithTimeExportsAndImportsBack() throws Exception {
        ImagePlus imp = channels();
        Path seg = dir.resolve("cine-seg.dcm");
        ExportMacroRunner.run(imp, "source=[" + series + "] out=[" + seg + "]", () -> ExportLabelImageCommand.export(imp));
        Conformance.assertConformant(seg);
        byte[][][] want = cine.masks();
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            assertEquals(3, r.metadata().dimensionIndexPointers().length);
            assertEquals(1, r.metadata().temporalDimension());
            // the core's own planes: the SEG's slices 1..10 (0 and 11 are empty) at each of 25 time points
            SegmentationVolume v = Reconstructor.volume(r, ReconstructionOptions.defaults());
            assertEquals(T, v.timePoints());
            assertEquals(Z - 2, v.slices());
            for (int t = 0; t < T; t++) {
                for (int z = 1; z < Z - 1; z++) {
                    for (int c = 0; c < 3; c++) {
                        byte[] got = v.isEmpty(c, t * (Z - 2) + z - 1) ? new byte[ROWS * COLS] : v.bytePlane(c, t * (Z - 2) + z - 1);
                        assertPlane(want[c][t * Z + z], got, "segment " + (c + 1) + " z " + z + " t " + t);
                    }
                }
            }
            // imported on its source series: the whole hyperstack, empty slices included
            ImportOptions o = ImportOptions.builder().sourceFolder(series.toString()).build();
            ImportedSegmentation s = ImportSources.read(r, o, seg, List.of(), null, 0, 0, Progress.NONE);
            ImagePlus back = new SegImporter(o, Progress.NONE).run(s, seg, "back").image();
            assertEquals(3, back.getNChannels());
            assertEquals(Z, back.getNSlices());
            assertEquals(T, back.getNFrames());
            for (int t = 0; t < T; t++) {
                for (int z = 0; z < Z; z++) {
                    for (int c = 0; c < 3; c++) {
                        byte[] px = (byte[]) back.getStack().getPixels(back.getStackIndex(c + 1, z + 1, t + 1));
                        byte[] bin = new byte[px.length];
                        for (int i = 0; i < px.length; i++) bin[i] = (byte) (px[i] != 0 ? 1 : 0);
                        assertPlane(want[c][t * Z + z], bin, "imported segment " + (c + 1) + " z " + z + " t " + t);
                    }
                }
            }
        }
    }

    @Test
    void aLabelImageWithTimeOverTheEnhancedCineExportsAndImportsAsALabelImage() throws Exception {
        ImagePlus imp = labels();
        Path seg = dir.resolve("cine-labelmap.dcm");
        ExportMacroRunner.run(imp, "source=[" + enhanced + "] out=[" + seg + "] segmentation=LABELMAP",
                () -> ExportLabelImageCommand.export(imp));
        Conformance.assertConformant(seg);
        Path alone = Files.createDirectories(dir.resolve("elsewhere/a/b")).resolve("cine-labelmap.dcm"); // not beside its sources
        Files.copy(seg, alone);
        for (Path file : new Path[] {seg, alone}) {
            try (SegmentationReader r = SegmentationReader.open(file)) {
                ImportOptions o = ImportOptions.builder().output(ImportOptions.Output.LABEL_IMAGE)
                        .sourceFolder(file == seg ? enhanced.toString() : null).build();
                ImportedSegmentation s = ImportSources.read(r, o, file, List.of(), null, 0, 0, Progress.NONE);
                ImagePlus back = new SegImporter(o, Progress.NONE).run(s, file, "back").image();
                int slices = file == seg ? Z : Z - 2, first = file == seg ? 0 : 1;
                assertEquals(1, back.getNChannels());
                assertEquals(slices, back.getNSlices(), file.toString());
                assertEquals(T, back.getNFrames());
                byte[][] want = cine.labelMap();
                for (int t = 0; t < T; t++) {
                    for (int z = 0; z < slices; z++) {
                        byte[] px = (byte[]) back.getStack().getPixels(back.getStackIndex(1, z + 1, t + 1));
                        assertPlane(want[t * Z + z + first], px, file.getFileName() + " z " + z + " t " + t);
                    }
                }
            }
        }
    }

    /**
     * ROIs with hyperstack positions (z, t) on an image of 12 slices × 25 frames: each lands on its
     * slice and time point; a ROI without position on every plane; a ROI with a slice but no time
     * frame is refused.
     */
    @Test
    void roisWithSliceAndTimePositionsLandOnTheirPlanes() throws Exception {
        ImagePlus imp = labels();
        OvalRoi pool = new OvalRoi(30, 20, 21, 17);
        pool.setName("pool");
        pool.setPosition(1, 4, 7);
        Roi late = new Roi(10, 10, 8, 6);
        late.setName("pool");
        late.setPosition(1, 9, 25);
        Roi everywhere = new Roi(0, 0, 3, 2);
        everywhere.setName("marker");
        Path zip = dir.resolve("rois/RoiSet.zip");
        org.dicomseg.samples.RoiSetWriter.write(List.of(pool, late, everywhere), zip);
        Path seg = dir.resolve("cine-rois.dcm");
        ExportMacroRunner.run(imp, "rois=[" + zip + "] grouping=name source=[" + series + "] out=[" + seg + "]",
                () -> ExportRoisCommand.export(imp));
        Conformance.assertConformant(seg);
        try (SegmentationReader r = SegmentationReader.open(seg)) {
            SegmentationVolume v = Reconstructor.volume(r, ReconstructionOptions.defaults());
            assertEquals(T, v.timePoints());
            assertEquals(Z, v.slices());
            long poolPixels = pool.getMask() == null ? 21 * 17 : countMask(pool);
            for (int t = 0; t < T; t++) {
                for (int z = 0; z < Z; z++) {
                    int p = t * Z + z;
                    long n = v.isEmpty(0, p) ? 0 : count(v.bytePlane(0, p));
                    long want = z == 3 && t == 6 ? poolPixels : z == 8 && t == 24 ? 48 : 0;
                    assertEquals(want, n, "pool at z " + z + " t " + t);
                    assertEquals(6, v.isEmpty(1, p) ? 0 : count(v.bytePlane(1, p)), "marker at z " + z + " t " + t);
                }
            }
        }
        Roi half = new Roi(5, 5, 4, 4);
        half.setPosition(1, 3, 0);
        Path zip2 = dir.resolve("rois2/RoiSet.zip");
        org.dicomseg.samples.RoiSetWriter.write(List.of(half), zip2);
        Path seg2 = dir.resolve("cine-rois-half.dcm");
        Exception e = assertThrows(Exception.class, () -> ExportMacroRunner.run(imp, "rois=[" + zip2 + "] source=[" + series
                + "] out=[" + seg2 + "]", () -> ExportRoisCommand.export(imp)));
        assertTrue(e.getMessage().contains("needs a slice and a time frame"), e.getMessage());
        assertTrue(!Files.exists(seg2));
    }

    private static long count(byte[] px) {
        long n = 0;
        for (byte b : px) if (b != 0) n++;
        return n;
    }

    private static long countMask(Roi roi) {
        ij.process.ImageProcessor m = roi.getMask();
        long n = 0;
        for (int i = 0; i < m.getPixelCount(); i++) if (m.get(i) != 0) n++;
        return n;
    }

    @Test
    void aSeriesWhosePhasesNothingTellsApartIsRefused() throws Exception {
        Path flat = dir.resolve("flat");
        CineFixture.create().writer.timeAttributes(false).series("flat").writeSeries(flat);
        ImagePlus imp = channels();
        Path seg = dir.resolve("flat-seg.dcm");
        Exception e = assertThrows(Exception.class, () -> ExportMacroRunner.run(imp, "source=[" + flat + "] out=[" + seg + "]",
                () -> ExportLabelImageCommand.export(imp)));
        assertTrue(e.getMessage().contains("no time attribute tells them apart"), e.getMessage());
        assertTrue(!Files.exists(seg));
    }

    static void assertPlane(byte[] want, byte[] got, String what) {
        for (int i = 0; i < want.length; i++) {
            if (want[i] != got[i]) throw new AssertionError(what + ": pixel " + i + " is " + got[i] + ", expected " + want[i]);
        }
    }
}
