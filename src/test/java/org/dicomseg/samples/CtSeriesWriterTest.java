package org.dicomseg.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.dicomseg.model.Uids;
import org.dicomseg.testing.Conformance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SOPClass;
import com.pixelmed.dicom.TagFromName;

class CtSeriesWriterTest {
    @TempDir
    static Path tmp;

    static VolumeGeometry g;
    static List<Path> exact;
    static List<Path> signed;

    @BeforeAll
    static void write() throws Exception {
        g = SampleImages.geometry();
        SampleStudy s = SampleStudy.deterministic(7);
        exact = new CtSeriesWriter(s, g, Phantom.standard()).noise(0).write(tmp.resolve("exact"));
        signed = new CtSeriesWriter(s, g, Phantom.standard()).noise(0).encoding(HuEncoding.SIGNED)
                .series("signed", 3, "signed").write(tmp.resolve("signed"));
    }

    @Test
    void writesOneFilePerSliceWithSharedIdentity() {
        assertEquals(5, exact.size());
        Set<String> sops = new HashSet<>();
        String study = null, series = null, frame = null;
        for (int k = 0; k < exact.size(); k++) {
            Path f = exact.get(k);
            assertEquals(String.format("IM%04d.dcm", k + 1), f.getFileName().toString());
            AttributeList l = Dicom.read(f);
            assertEquals(SOPClass.CTImageStorage, Dicom.str(l, TagFromName.SOPClassUID));
            assertEquals("CT", Dicom.str(l, TagFromName.Modality));
            assertEquals(k + 1, Dicom.integer(l, TagFromName.InstanceNumber));
            String sop = Dicom.str(l, TagFromName.SOPInstanceUID);
            assertTrue(Uids.isValid(sop), sop);
            assertTrue(sop.startsWith("2.25."), sop);
            assertTrue(sops.add(sop), "duplicate SOP Instance UID");
            if (k == 0) {
                study = Dicom.str(l, TagFromName.StudyInstanceUID);
                series = Dicom.str(l, TagFromName.SeriesInstanceUID);
                frame = Dicom.str(l, TagFromName.FrameOfReferenceUID);
                assertTrue(Uids.isValid(study) && Uids.isValid(series) && Uids.isValid(frame));
                assertEquals(3, new HashSet<>(List.of(study, series, frame)).size());
            } else {
                assertEquals(study, Dicom.str(l, TagFromName.StudyInstanceUID));
                assertEquals(series, Dicom.str(l, TagFromName.SeriesInstanceUID));
                assertEquals(frame, Dicom.str(l, TagFromName.FrameOfReferenceUID));
            }
            assertEquals("Phantom^Abdomen", Dicom.str(l, TagFromName.PatientName));
            assertEquals("PHANTOM-7", Dicom.str(l, TagFromName.PatientID));
        }
    }

    @Test
    void positionsStepAlongTheNormalBySliceSpacing() {
        double[] prev = null;
        for (int k = 0; k < exact.size(); k++) {
            AttributeList l = Dicom.read(exact.get(k));
            double[] iop = Dicom.doubles(l, TagFromName.ImageOrientationPatient);
            assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, iop, 0);
            assertArrayEquals(new double[] {4, 4}, Dicom.doubles(l, TagFromName.PixelSpacing), 0);
            assertEquals(5.0, Dicom.doubles(l, TagFromName.SliceThickness)[0], 0);
            assertEquals(64, Dicom.integer(l, TagFromName.Rows));
            assertEquals(64, Dicom.integer(l, TagFromName.Columns));
            double[] ipp = Dicom.doubles(l, TagFromName.ImagePositionPatient);
            assertArrayEquals(new double[] {-126, -126, -10 + 5 * k}, ipp, 1e-9);
            if (prev != null) {
                double[] n = cross(iop);
                double step = (ipp[0] - prev[0]) * n[0] + (ipp[1] - prev[1]) * n[1] + (ipp[2] - prev[2]) * n[2];
                assertEquals(5.0, step, 1e-9);
                // no in-plane shift
                assertEquals(0, ipp[0] - prev[0], 1e-9);
                assertEquals(0, ipp[1] - prev[1], 1e-9);
            }
            prev = ipp;
        }
    }

    private static double[] cross(double[] iop) {
        return new double[] {
            iop[1] * iop[5] - iop[2] * iop[4],
            iop[2] * iop[3] - iop[0] * iop[5],
            iop[0] * iop[4] - iop[1] * iop[3]
        };
    }

    /** HU at (row, col) of file f, applying the file's own Rescale Slope/Intercept. */
    private static double hu(Path f, int row, int col) {
        AttributeList l = Dicom.read(f);
        short s = Dicom.pixels(l)[row * 64 + col];
        int stored = Dicom.integer(l, TagFromName.PixelRepresentation) == 0 ? (s & 0xFFFF) : s;
        double slope = Dicom.doubles(l, TagFromName.RescaleSlope)[0];
        double intercept = Dicom.doubles(l, TagFromName.RescaleIntercept)[0];
        return stored * slope + intercept;
    }

    @Test
    void pixelValuesAtKnownPoints() {
        for (List<Path> series : List.of(exact, signed)) {
            Path mid = series.get(2); // z = 0
            // patient (x, y) = (-126 + 4 col, -126 + 4 row)
            assertEquals(-1000, hu(mid, 0, 0), 0, "air in the corner");
            assertEquals(0, hu(mid, 29, 48), 0, "body at (66, -10)");
            assertEquals(60, hu(mid, 29, 24), 0, "liver at (-30, -10)");
            assertEquals(120, hu(mid, 29, 18), 0, "lesion at (-54, -10)");
            assertEquals(700, hu(mid, 45, 31), 0, "bone at (-2, 54)");
            // the lesion is absent from the end slices (z = ±10), the liver is still there
            assertEquals(60, hu(series.get(0), 29, 18), 0);
            assertEquals(60, hu(series.get(4), 29, 18), 0);
            // bone on every slice
            for (Path f : series) assertEquals(700, hu(f, 45, 31), 0);
        }
    }

    @Test
    void encodingsStoreTheDocumentedValues() {
        AttributeList u = Dicom.read(exact.get(2));
        AttributeList s = Dicom.read(signed.get(2));
        assertEquals(0, Dicom.integer(u, TagFromName.PixelRepresentation));
        assertEquals(-1024, Dicom.doubles(u, TagFromName.RescaleIntercept)[0], 0);
        assertEquals(1, Dicom.integer(s, TagFromName.PixelRepresentation));
        assertEquals(0, Dicom.doubles(s, TagFromName.RescaleIntercept)[0], 0);
        assertEquals(700 + 1024, Dicom.pixels(u)[45 * 64 + 31]);
        assertEquals(-1000, Dicom.pixels(s)[0]);
        assertEquals("HU", Dicom.str(u, TagFromName.RescaleType));
    }

    @Test
    void noiseStaysWithinItsAmplitudeAndThresholdsGiveTheLabels() throws Exception {
        Phantom p = Phantom.standard();
        for (int k = 0; k < g.slices(); k++) {
            int[] noisy = p.hu(g, k, 5, 3);
            byte[] labels = p.labels(g, k);
            int[] clean = p.hu(g, k, 0, 3);
            boolean anyNoise = false;
            for (int i = 0; i < noisy.length; i++) {
                assertTrue(Math.abs(noisy[i] - clean[i]) <= 5);
                anyNoise |= noisy[i] != clean[i];
                int v = noisy[i];
                int byThreshold = v > 300 ? 2 : v > 90 ? 3 : v >= 30 ? 1 : 0;
                assertEquals(labels[i], byThreshold, "pixel " + i + " of slice " + k);
            }
            assertTrue(anyNoise);
        }
    }

    @Test
    void everyFilePassesDciodvfyWithoutErrors() {
        for (List<Path> series : List.of(exact, signed)) {
            for (Path f : series) {
                String out = Conformance.dciodvfy(f);
                assertTrue(out.contains("CTImage"), "dciodvfy did not recognise a CT image:\n" + out);
                assertEquals(List.of(), Dicom.dciodvfyErrors(f), out);
                assertEquals(List.of(), Dicom.dciodvfyWarnings(f), out);
            }
        }
        Conformance.assertConformant(exact.toArray(new Path[0]));
    }

    @Test
    void zeroPixelsWritesValidEmptyImages() throws Exception {
        List<Path> z = new CtSeriesWriter(SampleStudy.deterministic(7), g, Phantom.standard()).zeroPixels(true)
                .series("zeros", 4, "zeros").write(tmp.resolve("zeros"));
        for (short v : Dicom.pixels(Dicom.read(z.get(0)))) assertEquals(0, v);
        assertEquals(List.of(), Dicom.dciodvfyErrors(z.get(0)));
        assertNotEquals(Dicom.str(Dicom.read(z.get(0)), TagFromName.SeriesInstanceUID),
                Dicom.str(Dicom.read(exact.get(0)), TagFromName.SeriesInstanceUID));
        assertTrue(Files.size(z.get(0)) > 64 * 64 * 2);
    }

    @Test
    void randomUidsDifferBetweenRuns() throws Exception {
        SampleStudy r = new SampleStudy(SampleUids.random(), 1, "A^B", "X", "20260101", "120000");
        VolumeGeometry one = VolumeGeometry.centred(8, 8, 2, 1, 1);
        List<Path> a = new CtSeriesWriter(r, one, Phantom.standard()).write(tmp.resolve("ra"));
        List<Path> b = new CtSeriesWriter(r, one, Phantom.standard()).write(tmp.resolve("rb"));
        AttributeList a0 = Dicom.read(a.get(0)), a1 = Dicom.read(a.get(1)), b0 = Dicom.read(b.get(0));
        assertEquals(Dicom.str(a0, TagFromName.StudyInstanceUID), Dicom.str(b0, TagFromName.StudyInstanceUID),
                "one study object keeps its study UID");
        assertEquals(Dicom.str(a0, TagFromName.SeriesInstanceUID), Dicom.str(a1, TagFromName.SeriesInstanceUID));
        assertNotEquals(Dicom.str(a0, TagFromName.SOPInstanceUID), Dicom.str(b0, TagFromName.SOPInstanceUID));
        assertNotEquals(Dicom.str(a0, TagFromName.SeriesInstanceUID), Dicom.str(b0, TagFromName.SeriesInstanceUID));
    }
}
