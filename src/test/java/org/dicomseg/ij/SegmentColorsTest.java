package org.dicomseg.ij;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Paths;
import java.util.List;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.LUT;

import org.dicomseg.dcmqi.DcmqiMetadata;
import org.dicomseg.dcmqi.DcmqiMetadataReader;
import org.dicomseg.ij.export.ExportPlan;
import org.dicomseg.ij.export.LabelImageExport;
import org.dicomseg.model.CieLab;
import org.dicomseg.model.SegmentAlgorithmType;
import org.dicomseg.model.SegmentDescription;
import org.dicomseg.model.codes.Codes;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Shared;
import org.junit.jupiter.api.Test;

/**
 * Default segment colours are told apart in a composite (issue 14: "a red lesion inside an orange liver
 * is invisible"), measured in CIEDE2000 (CIE 142-2001; Sharma, Wu, Dalal, Color Res. Appl. 30, 2005),
 * and a colour from the SEG or the metadata always wins over them.
 */
class SegmentColorsTest {

    /** CIE L*a*b* of an sRGB colour, through the model's own conversion (DICOM's scaled CIELab). */
    static double[] lab(Color c) {
        int[] v = CieLab.fromRgb(c.getRGB() & 0xFFFFFF).toArray();
        return new double[] {v[0] * 100.0 / 65535.0, v[1] * 255.0 / 65535.0 - 128, v[2] * 255.0 / 65535.0 - 128};
    }

    /** CIEDE2000 colour difference (kL = kC = kH = 1), as in Sharma et al. 2005, equations 1-21. */
    static double deltaE2000(double[] p, double[] q) {
        double c1 = Math.hypot(p[1], p[2]), c2 = Math.hypot(q[1], q[2]), cBar = (c1 + c2) / 2;
        double g = 0.5 * (1 - Math.sqrt(Math.pow(cBar, 7) / (Math.pow(cBar, 7) + Math.pow(25, 7))));
        double a1 = (1 + g) * p[1], a2 = (1 + g) * q[1];
        double c1p = Math.hypot(a1, p[2]), c2p = Math.hypot(a2, q[2]);
        double h1 = c1p == 0 ? 0 : (Math.toDegrees(Math.atan2(p[2], a1)) + 360) % 360;
        double h2 = c2p == 0 ? 0 : (Math.toDegrees(Math.atan2(q[2], a2)) + 360) % 360;
        double dL = q[0] - p[0], dC = c2p - c1p, dh = 0;
        if (c1p * c2p != 0) {
            dh = h2 - h1;
            if (dh > 180) dh -= 360;
            else if (dh < -180) dh += 360;
        }
        double dH = 2 * Math.sqrt(c1p * c2p) * Math.sin(Math.toRadians(dh / 2));
        double lBar = (p[0] + q[0]) / 2, cBarP = (c1p + c2p) / 2, hBar;
        if (c1p * c2p == 0) hBar = h1 + h2;
        else if (Math.abs(h1 - h2) <= 180) hBar = (h1 + h2) / 2;
        else hBar = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
        double t = 1 - 0.17 * Math.cos(Math.toRadians(hBar - 30)) + 0.24 * Math.cos(Math.toRadians(2 * hBar))
                + 0.32 * Math.cos(Math.toRadians(3 * hBar + 6)) - 0.20 * Math.cos(Math.toRadians(4 * hBar - 63));
        double dTheta = 30 * Math.exp(-Math.pow((hBar - 275) / 25, 2));
        double rc = 2 * Math.sqrt(Math.pow(cBarP, 7) / (Math.pow(cBarP, 7) + Math.pow(25, 7)));
        double sl = 1 + 0.015 * Math.pow(lBar - 50, 2) / Math.sqrt(20 + Math.pow(lBar - 50, 2));
        double sc = 1 + 0.045 * cBarP, sh = 1 + 0.015 * cBarP * t;
        double rt = -Math.sin(Math.toRadians(2 * dTheta)) * rc;
        return Math.sqrt(Math.pow(dL / sl, 2) + Math.pow(dC / sc, 2) + Math.pow(dH / sh, 2) + rt * (dC / sc) * (dH / sh));
    }

    static double deltaE(Color a, Color b) {
        return deltaE2000(lab(a), lab(b));
    }

    /** What ImageJ's composite mode shows where two channels are both at full value: the sum, clipped. */
    static Color sum(Color a, Color b) {
        return new Color(Math.min(255, a.getRed() + b.getRed()), Math.min(255, a.getGreen() + b.getGreen()),
                Math.min(255, a.getBlue() + b.getBlue()));
    }

    @Test
    void theColourDifferenceIsCiede2000() {
        // Sharma, Wu, Dalal 2005, table 1: pairs 1, 7, 17 and 25
        assertEquals(2.0425, deltaE2000(new double[] {50, 2.6772, -79.7751}, new double[] {50, 0, -82.7485}), 1e-4);
        assertEquals(2.3669, deltaE2000(new double[] {50, 0, 0}, new double[] {50, -1, 2}), 1e-4);
        assertEquals(27.1492, deltaE2000(new double[] {50, 2.5, 0}, new double[] {73, 25, -18}), 1e-4);
        assertEquals(1.2644, deltaE2000(new double[] {60.2574, -34.0099, 36.2677}, new double[] {60.4626, -34.1751, 39.4387}), 1e-4);
    }

    @Test
    void defaultColoursDifferEnoughFromEachOther() {
        int n = SegmentColors.PALETTE_SIZE;
        assertTrue(n >= 20, "a palette long enough for most SEGs: " + n);
        assertEquals(SegmentColors.palette(1), SegmentColors.palette(n + 1), "the palette repeats after " + n);
        double all = Double.MAX_VALUE, firstEight = Double.MAX_VALUE, neighbours = Double.MAX_VALUE, overlap = Double.MAX_VALUE;
        String worst = "";
        for (int i = 1; i <= n; i++) {
            Color ci = SegmentColors.palette(i);
            double l = lab(ci)[0];
            assertTrue(l >= 49 && l <= 81, "segment " + i + " is bright on black with headroom for overlaps: L* " + l);
            neighbours = Math.min(neighbours, deltaE(ci, SegmentColors.palette(i + 1)));
            for (int j = i + 1; j <= n; j++) {
                Color cj = SegmentColors.palette(j);
                double d = deltaE(ci, cj);
                if (d < all) {
                    all = d;
                    worst = i + "/" + j;
                }
                if (j <= 8) firstEight = Math.min(firstEight, d);
                Color both = sum(ci, cj);
                overlap = Math.min(overlap, Math.min(deltaE(both, ci), deltaE(both, cj)));
            }
        }
        assertTrue(all >= 13, "any two default colours differ by ΔE00 >= 13; segments " + worst + ": " + all);
        assertTrue(neighbours >= 19, "consecutive segments (and the last with the first) differ by ΔE00 >= 19: " + neighbours);
        assertTrue(firstEight >= 23, "the first eight differ by ΔE00 >= 23: " + firstEight);
        assertTrue(overlap >= 7, "where two segments overlap, the composite differs from both by ΔE00 >= 7: " + overlap);
    }

    @Test
    void aSegmentInsideAnotherShowsInTheComposite() {
        // segment 1 everywhere, segment 2 in the middle (the lesion in the liver), rendered by ImageJ itself
        for (int[] pair : new int[][] {{1, 2}, {1, 4}, {2, 3}, {3, 8}, {5, 6}}) {
            int w = 20, h = 20;
            ImageStack st = new ImageStack(w, h);
            ByteProcessor outer = new ByteProcessor(w, h), inner = new ByteProcessor(w, h);
            outer.setValue(255);
            outer.fill();
            inner.setValue(255);
            inner.setRoi(5, 5, 10, 10);
            inner.fill();
            inner.resetRoi();
            st.addSlice(outer);
            st.addSlice(inner);
            ImagePlus imp = new ImagePlus("composite", st);
            imp.setDimensions(2, 1, 1);
            CompositeImage ci = new CompositeImage(imp, IJ.COMPOSITE);
            Color a = SegmentColors.palette(pair[0]), b = SegmentColors.palette(pair[1]);
            ci.setChannelLut(SegmentColors.channelLut(a), 1);
            ci.setChannelLut(SegmentColors.channelLut(b), 2);
            ci.updateAllChannelsAndDraw();
            BufferedImage rendered = ci.getBufferedImage();
            Color outside = new Color(rendered.getRGB(1, 1)), inside = new Color(rendered.getRGB(10, 10));
            assertEquals(a, outside, "segment " + pair[0] + " alone");
            assertEquals(sum(a, b), inside, "ImageJ's composite adds the channels");
            assertTrue(deltaE(outside, inside) >= 7, "segment " + pair[1] + " inside segment " + pair[0] + ": ΔE00 " + deltaE(outside, inside));
        }
    }

    @Test
    void aColourFromTheSegWins() throws Exception {
        Shared.assumePresent();
        int checked = 0;
        try (SegmentationReader seg = SegmentationReader.open(Shared.corpus("dcmqi/segmentations/partial_overlaps.dcm"))) {
            for (SegmentDescription d : seg.segments()) {
                CieLab lab = d.recommendedDisplayCieLab();
                if (lab == null) continue;
                assertEquals(new Color(lab.toRgbInt()), SegmentColors.of(d), "segment " + d.segmentNumber());
                checked++;
            }
        }
        assertTrue(checked > 0, "the corpus SEG has colours");
        SegmentDescription red = SegmentDescription.builder(2, "lesion").category(Codes.TISSUE).type(Codes.TISSUE)
                .algorithmType(SegmentAlgorithmType.MANUAL).colorRgb(200, 30, 30).build();
        Color c = SegmentColors.of(red);
        assertTrue(deltaE(c, new Color(200, 30, 30)) < 1, "the segment's own colour: " + c);
        assertNotEquals(SegmentColors.palette(2), c);
        LUT lut = SegmentColors.labelLut(List.of(red));
        assertEquals(c.getRGB(), lut.getRGB(2) | 0xFF000000, "a label image shows it too");
        SegmentDescription none = red.toBuilder().color(null).build();
        assertEquals(SegmentColors.palette(2), SegmentColors.of(none), "no colour: the palette's");
    }

    @Test
    void aColourFromTheMetadataWinsAndTheRestGetThePalette() throws Exception {
        DcmqiMetadata meta = DcmqiMetadataReader.readFile(Paths.get("sample-images/labels-meta.json"));
        ImageStack st = new ImageStack(8, 4);
        ByteProcessor bp = new ByteProcessor(8, 4);
        for (int x = 0; x < 8; x++) for (int y = 0; y < 4; y++) bp.set(x, y, x / 2);
        st.addSlice(bp);
        ImagePlus labels = new ImagePlus("labels", st);
        ExportPlan withMeta = LabelImageExport.prepare(labels, meta);
        SegmentDescription liver = withMeta.segments().get(0);
        assertEquals("liver", liver.label());
        assertTrue(deltaE(new Color(liver.recommendedDisplayCieLab().toRgbInt()), new Color(221, 130, 101)) < 1,
                "the metadata's liver colour, not the palette's: " + liver.recommendedDisplayCieLab());

        ExportPlan defaults = LabelImageExport.prepare(labels, null);
        assertEquals(3, defaults.segments().size());
        for (SegmentDescription d : defaults.segments()) {
            assertTrue(deltaE(new Color(d.recommendedDisplayCieLab().toRgbInt()), SegmentColors.palette(d.segmentNumber())) < 1,
                    "segment " + d.segmentNumber() + " without metadata gets its palette colour");
        }
    }
}
