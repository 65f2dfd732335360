package org.dicomseg.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.dicomseg.testing.Conformance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.pixelmed.dicom.TagFromName;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.Roi;
import ij.io.RoiDecoder;
import ij.measure.Calibration;
import ij.process.ImageProcessor;

/** The committed sample-images/ folder: reproducible, valid, and readable by ImageJ. */
class SampleImagesTest {
    /** The committed folder; tests run in the project base directory. */
    static final Path COMMITTED = Paths.get("sample-images");

    @TempDir
    static Path tmp;

    static Path a;
    static List<Path> files;

    @BeforeAll
    static void generate() throws Exception {
        a = tmp.resolve("a");
        files = SampleImages.generate(a);
    }

    @Test
    void generatesTheDocumentedFilesSmall() throws Exception {
        List<String> names = new ArrayList<>();
        long total = 0;
        for (Path f : files) {
            names.add(f.toString().replace('\\', '/'));
            total += Files.size(a.resolve(f));
        }
        assertEquals(List.of("ct/IM0001.dcm", "ct/IM0002.dcm", "ct/IM0003.dcm", "ct/IM0004.dcm", "ct/IM0005.dcm",
                "enhanced-ct/enhanced.dcm", "labels.tif", "labels-meta.json", "RoiSet.zip", "README.md"), names);
        assertTrue(total < 300_000, "samples too large: " + total);
    }

    @Test
    void generationIsDeterministic() throws Exception {
        Path b = tmp.resolve("b");
        List<Path> again = SampleImages.generate(b);
        assertEquals(files, again);
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + " differs between runs");
        }
    }

    @Test
    void committedSamplesEqualAFreshGeneration() throws Exception {
        assertTrue(Files.isDirectory(COMMITTED), "missing " + COMMITTED.toAbsolutePath());
        for (Path f : files) {
            Path c = COMMITTED.resolve(f);
            assertTrue(Files.exists(c), "not committed: " + c);
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(c),
                    c + " drifted from the generator: regenerate with SampleImages sample-images");
        }
    }

    @Test
    void everyDicomFilePassesDciodvfy() {
        List<Path> dicom = new ArrayList<>();
        for (Path f : files) if (f.toString().endsWith(".dcm")) dicom.add(a.resolve(f));
        assertEquals(6, dicom.size());
        for (Path f : dicom) {
            String out = Conformance.dciodvfy(f);
            assertTrue(out.contains("CTImage"), out);
            assertEquals(List.of(), Dicom.dciodvfyErrors(f), f + ":\n" + out);
        }
        Conformance.assertConformant(dicom.toArray(new Path[0]));
    }

    @Test
    void labelTiffReadsBackWithImageJ() throws Exception {
        ImagePlus imp = IJ.openImage(a.resolve(SampleImages.LABELS).toString());
        assertNotNull(imp, "ImageJ cannot open labels.tif");
        assertEquals(64, imp.getWidth());
        assertEquals(64, imp.getHeight());
        assertEquals(5, imp.getStackSize());
        assertEquals(ImagePlus.GRAY8, imp.getType());
        Calibration cal = imp.getCalibration();
        assertEquals("mm", cal.getUnit());
        assertEquals(4.0, cal.pixelWidth, 1e-9);
        assertEquals(4.0, cal.pixelHeight, 1e-9);
        assertEquals(5.0, cal.pixelDepth, 1e-9);
        assertEquals(-126.0, cal.getX(0), 1e-9, "calibrated x of the first column is patient x");
        assertEquals(-10.0, cal.getZ(0), 1e-9, "calibrated z of the first slice is patient z");

        long[] counts = new long[256];
        for (int z = 1; z <= 5; z++) {
            byte[] px = (byte[]) imp.getStack().getPixels(z);
            for (byte b : px) counts[b & 0xFF]++;
        }
        assertEquals(5 * 64 * 64, counts[0] + counts[1] + counts[2] + counts[3]);
        long[] expected = SampleImages.labelCounts(SampleImages.geometry(), Phantom.standard());
        for (int v = 0; v < 4; v++) assertEquals(expected[v], counts[v], "count of label " + v);
        // pinned counts, also stated in README.md
        assertArrayEquals(new long[] {19327, 855, 230, 68}, expected);
        // bone (label 2) on every slice, lesion (3) only on slices 2..4
        for (int z = 1; z <= 5; z++) {
            ImageProcessor ip = imp.getStack().getProcessor(z);
            assertEquals(2, ip.get(31, 45));
            assertEquals(z >= 2 && z <= 4 ? 3 : 1, ip.get(18, 29), "slice " + z);
        }
    }

    @Test
    void labelsMatchTheCtSeriesByThreshold() {
        ImagePlus labels = IJ.openImage(a.resolve(SampleImages.LABELS).toString());
        for (int k = 0; k < 5; k++) {
            com.pixelmed.dicom.AttributeList l = Dicom.read(a.resolve(SampleImages.CT_DIR).resolve(CtSeriesWriter.fileName(k)));
            short[] px = Dicom.pixels(l);
            double intercept = Dicom.doubles(l, TagFromName.RescaleIntercept)[0];
            byte[] lab = (byte[]) labels.getStack().getPixels(k + 1);
            for (int i = 0; i < px.length; i++) {
                double hu = (px[i] & 0xFFFF) + intercept;
                int byThreshold = hu > 300 ? 2 : hu > 90 ? 3 : hu >= 30 ? 1 : 0;
                assertEquals(lab[i], byThreshold, "slice " + (k + 1) + " pixel " + i);
            }
        }
    }

    @Test
    void roiSetReadsBackWithRoiDecoder() throws Exception {
        List<Roi> rois = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(a.resolve(SampleImages.ROI_SET).toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                entries.add(entry.getName());
                byte[] bytes = zip.getInputStream(entry).readAllBytes();
                Roi roi = new RoiDecoder(bytes, entry.getName()).getRoi();
                assertNotNull(roi, entry.getName());
                rois.add(roi);
            }
        }
        assertEquals(13, rois.size());
        assertEquals("liver-1.roi", entries.get(0));
        assertTrue(entries.stream().allMatch(n -> n.endsWith(".roi")));
        assertEquals(entries.size(), entries.stream().distinct().count(), "entry names must be unique");
        List<String> summary = new ArrayList<>();
        for (Roi r : rois) summary.add(r.getName() + "@" + r.getPosition());
        assertEquals(List.of("liver@1", "liver@2", "liver@3", "liver@4", "liver@5", "lesion@2", "lesion@3", "lesion@4",
                "bone@1", "bone@2", "bone@3", "bone@4", "bone@5"), summary);
        for (Roi r : rois) {
            assertEquals(0, r.getGroup(), "no group: it would override the colour");
            switch (r.getName()) {
                case "liver":
                    assertEquals(Roi.POLYGON, r.getType());
                    assertEquals(32, r.getFloatPolygon().npoints);
                    assertEquals(RoiSetWriter.LIVER_COLOR, r.getStrokeColor());
                    break;
                case "lesion":
                    assertEquals(Roi.OVAL, r.getType());
                    assertEquals(RoiSetWriter.LESION_COLOR, r.getStrokeColor());
                    break;
                default:
                    assertEquals(Roi.OVAL, r.getType());
                    assertEquals(new Color(241, 214, 145), r.getStrokeColor());
            }
        }
        // the ROIs outline the labelled structures: Dice of ROI mask vs label mask
        ImagePlus labels = IJ.openImage(a.resolve(SampleImages.LABELS).toString());
        for (Roi r : rois) {
            ImageProcessor ip = labels.getStack().getProcessor(r.getPosition());
            ImageProcessor mask = r.getMask();
            Rectangle b = r.getBounds();
            long inRoi = 0, inLabel = 0, both = 0;
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    int v = ip.get(x, y);
                    boolean lab = r.getName().equals("liver") ? (v == 1 || v == 3)
                            : r.getName().equals("lesion") ? v == 3 : v == 2;
                    boolean roi = b.contains(x, y) && (mask == null || mask.get(x - b.x, y - b.y) != 0);
                    if (roi) inRoi++;
                    if (lab) inLabel++;
                    if (roi && lab) both++;
                }
            }
            double dice = 2.0 * both / (inRoi + inLabel);
            // the lesion is only ~2.5 pixels in radius, so pixelation costs more overlap there
            double min = r.getName().equals("lesion") ? 0.7 : 0.9;
            assertTrue(dice > min, r.getName() + "@" + r.getPosition() + " dice " + dice);
        }
    }

    @Test
    void readmeDescribesTheFiles() throws Exception {
        String readme = Files.readString(a.resolve(SampleImages.README));
        for (String s : new String[] {"ct/IM0001.dcm", "enhanced-ct/enhanced.dcm", "labels.tif", "RoiSet.zip",
                SampleImages.study().studyInstanceUid(), SampleImages.ctWriter().seriesInstanceUid(), "1 liver-like",
                "2 bone-like", "3 lesion", "SampleImages sample-images"}) {
            assertTrue(readme.contains(s), "README lacks " + s);
        }
    }

    @Test
    void labelMetadataDescribesTheThreeLabels() throws Exception {
        org.dicomseg.dcmqi.DcmqiMetadata m =
                org.dicomseg.dcmqi.DcmqiMetadataReader.readFile(java.nio.file.Paths.get("sample-images", SampleImages.LABELS_META));
        assertEquals(3, m.segments().size());
        assertEquals("liver", m.segment(m.segmentNumber(0, 1).getAsInt()).get().label());
        assertEquals("bone", m.segment(m.segmentNumber(0, 2).getAsInt()).get().label());
        assertEquals("lesion", m.segment(m.segmentNumber(0, 3).getAsInt()).get().label());
        assertEquals("10200004", m.segment(1).get().type().value());
        assertEquals(org.dicomseg.model.SegmentAlgorithmType.AUTOMATIC, m.segment(3).get().algorithmType());
    }
}
