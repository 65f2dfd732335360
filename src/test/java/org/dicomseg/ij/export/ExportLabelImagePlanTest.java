package org.dicomseg.ij.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;

import org.dicomseg.mask.LabelMapMask;
import org.dicomseg.mask.MaskInventory;
import org.dicomseg.mask.StackedMasks;
import org.dicomseg.dcmqi.DcmqiMetadataReader;
import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.model.CieLab;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.SegmentationType;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.Test;

/** Label image, channel hyperstack and probability map → mask and segment descriptions. */
class ExportLabelImagePlanTest {
    static final int W = 7, H = 5;

    /** An 8-bit stack whose pixel (x, y) in slice z is {@code f(x, y, z)}. */
    static ImagePlus bytes(int slices, PixelFn f) {
        ImageStack st = new ImageStack(W, H);
        for (int z = 0; z < slices; z++) {
            ByteProcessor bp = new ByteProcessor(W, H);
            for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) bp.set(x, y, f.at(x, y, z));
            st.addSlice(bp);
        }
        return new ImagePlus("labels", st);
    }

    interface PixelFn { int at(int x, int y, int z); }

    static byte[] frame(org.dicomseg.mask.SegmentationMask m, int plane, int segment, int max) {
        byte[] b = new byte[W * H];
        m.segmentFrame(plane, segment, max, b);
        return b;
    }

    @Test void eightBitLabelsBecomeALabelMapWithDefaults() {
        ImagePlus imp = bytes(3, (x, y, z) -> x < 3 ? 1 : (z == 2 && y == 4 ? 2 : 0));
        ExportPlan plan = LabelImageExport.prepare(imp, null);
        assertTrue(plan.mask() instanceof LabelMapMask);
        assertEquals(SegmentationType.BINARY, plan.suggestedType());
        assertEquals(2, plan.segments().size());
        SegmentDescription s1 = plan.segments().get(0);
        assertEquals("Segment 1", s1.label());
        assertEquals("85756007", s1.category().value());
        assertEquals("85756007", s1.type().value());
        assertEquals(SegmentAlgorithmType.AUTOMATIC, s1.algorithmType());
        assertEquals("ImageJ", s1.algorithmIdentification().name());
        assertEquals(IJ.getVersion(), s1.algorithmIdentification().version());
        assertFalse(plan.notes().isEmpty(), "a note says defaults were used");
        MaskInventory inv = plan.mask().scan(2, 1);
        assertTrue(inv.isPresent(0, 1) && !inv.isPresent(0, 2) && inv.isPresent(2, 2));
        byte[] px = (byte[]) imp.getStack().getPixels(3);
        byte[] seg2 = frame(plan.mask(), 2, 2, 1);
        for (int i = 0; i < W * H; i++) assertEquals(px[i] == 2 ? 1 : 0, seg2[i]);
    }

    @Test void gappedSixteenBitLabelsAreNumberedInOrder() {
        ImageStack st = new ImageStack(W, H);
        for (int z = 0; z < 2; z++) {
            ShortProcessor sp = new ShortProcessor(W, H);
            for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) sp.set(x, y, x == 0 ? 7 : x == 1 ? 1000 : 0);
            st.addSlice(sp);
        }
        ImagePlus imp = new ImagePlus("gapped", st);
        ExportPlan plan = LabelImageExport.prepare(imp, null);
        assertEquals(2, plan.segments().size());
        assertEquals("ImageJ label value 7", plan.segments().get(0).description());
        plan.mask().scan(2, 1);
        byte[] seg2 = frame(plan.mask(), 1, 2, 1);
        for (int i = 0; i < W * H; i++) assertEquals(i % W == 1 ? 1 : 0, seg2[i]);
        short[] label = new short[W * H];
        plan.mask().labelFrame(0, label);
        assertEquals(1, label[0]);
        assertEquals(2, label[1]);
    }

    @Test void emptyLabelImageIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelImageExport.prepare(bytes(2, (x, y, z) -> 0), null));
        assertTrue(e.getMessage().contains("no labels"), e.getMessage());
    }

    @Test void lutColourIsTheDefaultSegmentColour() {
        ImagePlus imp = bytes(1, (x, y, z) -> x == 0 ? 1 : 0);
        byte[] r = new byte[256], g = new byte[256], b = new byte[256];
        r[1] = (byte) 255; // label 1 = red
        imp.getProcessor().setLut(new LUT(r, g, b));
        ExportPlan plan = LabelImageExport.prepare(imp, null);
        assertEquals(CieLab.fromRgb(255, 0, 0), plan.segments().get(0).recommendedDisplayCieLab());
        assertNull(ImageColors.ofLabel(bytes(1, (x, y, z) -> 1), 1), "grey LUT gives no colour");
    }

    @Test void channelsBecomeOverlappingSegments() {
        ImageStack st = new ImageStack(W, H);
        for (int z = 0; z < 3; z++) {
            for (int c = 0; c < 2; c++) {
                ByteProcessor bp = new ByteProcessor(W, H);
                for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) bp.set(x, y, c == 0 ? (x < 4 ? 255 : 0) : (x > 2 ? 1 : 0));
                st.addSlice(bp);
            }
        }
        ImagePlus imp = new ImagePlus("channels", st);
        imp.setDimensions(2, 3, 1);
        ExportPlan plan = LabelImageExport.prepare(imp, null);
        assertTrue(plan.mask() instanceof StackedMasks);
        assertEquals(2, plan.segments().size());
        MaskInventory inv = plan.mask().scan(2, 1);
        assertTrue(inv.overlaps(), "columns 3 are in both channels");
        byte[] ch2 = frame(plan.mask(), 1, 2, 1);
        for (int i = 0; i < W * H; i++) assertEquals(i % W > 2 ? 1 : 0, ch2[i]);
    }

    @Test void floatImageIsFractionalAndValuesAreChecked() {
        ImageStack st = new ImageStack(W, H);
        for (int z = 0; z < 2; z++) {
            FloatProcessor fp = new FloatProcessor(W, H);
            for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) fp.setf(x, y, x / (float) (W - 1));
            st.addSlice(fp);
        }
        ImagePlus imp = new ImagePlus("prob", st);
        ExportPlan plan = LabelImageExport.prepare(imp, null);
        assertEquals(SegmentationType.FRACTIONAL, plan.suggestedType());
        assertEquals(1, plan.segments().size());
        plan.mask().scan(1, 255);
        byte[] f = frame(plan.mask(), 0, 1, 255);
        // issue 13: the exact product rounded half to even (docs/writer.md), not float32 arithmetic
        for (int i = 0; i < W * H; i++) {
            float v = (i % W) / (float) (W - 1);
            assertEquals(new java.math.BigDecimal(v).multiply(java.math.BigDecimal.valueOf(255))
                    .setScale(0, java.math.RoundingMode.HALF_EVEN).intValueExact(), f[i] & 0xFF, "value " + v);
        }

        ((float[]) st.getPixels(2))[W + 3] = 1.5f;
        ExportPlan bad = LabelImageExport.prepare(imp, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.mask().scan(1, 255));
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("plane 2"), e.getMessage());
    }

    @Test void rgbIsRefused() {
        ImagePlus rgb = IJ.createImage("rgb", "RGB black", W, H, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelImageExport.prepare(rgb, null));
        assertTrue(e.getMessage().contains("RGB"), e.getMessage());
    }

    @Test void dcmqiMetadataDescribesTheLabels() throws Exception {
        Shared.assumePresent();
        Path json = Shared.corpus("dcmqi/doc/examples/seg-example_multiple_segments.json");
        DcmqiMetadata meta = DcmqiMetadataReader.readFile(json);
        ImagePlus imp = bytes(2, (x, y, z) -> x % 4);
        ExportPlan plan = LabelImageExport.prepare(imp, meta);
        assertEquals(3, plan.segments().size());
        assertEquals("Liver", plan.segments().get(0).label());
        assertEquals("Heart", plan.segments().get(2).label());
        assertTrue(plan.notes().isEmpty(), plan.notes().toString());

        ImagePlus extra = bytes(1, (x, y, z) -> x == 0 ? 4 : 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelImageExport.prepare(extra, meta));
        assertTrue(e.getMessage().contains("label value 4") && e.getMessage().contains("1, 2 and 3"), e.getMessage());
    }

    @Test void roiSegmentsTakeMetadataByLabel() throws Exception {
        Shared.assumePresent();
        DcmqiMetadata meta = DcmqiMetadataReader.readFile(
                Shared.corpus("dcmqi/doc/examples/seg-example_multiple_segments.json"));
        ij.gui.Roi heart = new ij.gui.Roi(0, 0, 2, 2);
        heart.setName("heart");
        ij.gui.Roi liver = new ij.gui.Roi(2, 2, 2, 2);
        liver.setName("Liver");
        ExportPlan plan = RoiExport.prepare(java.util.List.of(heart, liver), RoiGrouping.NAME, RoiPlacement.ofStack(2), W, H, meta);
        assertEquals("Heart", plan.segments().get(0).label());
        assertEquals(1, plan.segments().get(0).segmentNumber());
        assertEquals("Liver", plan.segments().get(1).label());
        ij.gui.Roi other = new ij.gui.Roi(2, 2, 2, 2);
        other.setName("Kidney");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RoiExport.prepare(java.util.List.of(heart, other), RoiGrouping.NAME, RoiPlacement.ofStack(2), W, H, meta));
        assertTrue(e.getMessage().contains("3 segments") && e.getMessage().contains("Kidney"), e.getMessage());

        ExportPlan defaults = RoiExport.prepare(java.util.List.of(other), RoiGrouping.NAME, RoiPlacement.ofStack(2), W, H, null);
        assertEquals(SegmentAlgorithmType.MANUAL, defaults.segments().get(0).algorithmType());
        assertEquals("Kidney", defaults.segments().get(0).label());
        other.setStrokeColor(Color.GREEN);
        ExportPlan green = RoiExport.prepare(java.util.List.of(other), RoiGrouping.NAME, RoiPlacement.ofStack(2), W, H, null);
        assertEquals(CieLab.fromRgb(0, 255, 0), green.segments().get(0).recommendedDisplayCieLab());
        byte[] expected = new byte[W * H];
        for (int y = 2; y < 4; y++) for (int x = 2; x < 4; x++) expected[y * W + x] = 1;
        green.mask().scan(1, 1);
        assertArrayEquals(expected, frame(green.mask(), 1, 1, 1));
    }
}
