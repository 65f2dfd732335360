package org.dicomseg.ij.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import ij.gui.Roi;
import ij.io.RoiDecoder;
import ij.process.ImageProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.ij.SegmentColors;

class ImportRoiTest {

    /** Pixels inside a ROI, counted from its mask (exactly what ImageJ measures). */
    static int pixels(Roi roi) {
        ImageProcessor m = roi.getMask();
        java.awt.Rectangle r = roi.getBounds();
        if (m == null) return r.width * r.height;
        int n = 0;
        for (int i = 0; i < m.getPixelCount(); i++) if (m.get(i) != 0) n++;
        return n;
    }

    @Test
    void oneRoiPerSegmentAndNonEmptyPlaneCoveringExactlyTheMask() {
        ImportedSegmentation v = ImportFixtures.binary();
        List<Roi> rois = new RoiTracer().trace(v);
        // Liver: planes 1,2,3; Spine: 2,4; Lesion: 4
        assertEquals(6, rois.size());
        int k = 0;
        for (ImportedSegmentation.Segment s : v.segments()) {
            for (int z = 0; z < v.depth(); z++) {
                if (ImportFixtures.count(s.plane(z)) == 0) continue;
                Roi roi = rois.get(k++);
                assertEquals(s.label() + " z" + (z + 1), roi.getName());
                assertEquals(z + 1, roi.getPosition());
                assertEquals(ImportFixtures.count(s.plane(z)), pixels(roi), roi.getName());
                assertEquals(SegmentColors.of(s.description()), roi.getStrokeColor());
                assertEquals(Integer.toString(s.number()), roi.getProperty(RoiTracer.SEGMENT_PROPERTY));
            }
        }
        // the ring keeps its hole: 7x7 minus 3x3
        Roi ring = rois.get(5);
        assertEquals(49 - 9, pixels(ring));
        assertEquals(false, ring.contains(5, 5));
        assertEquals(true, ring.contains(2, 2));
    }

    @Test
    void hyperstackPositionsNameTheChannel() {
        List<Roi> rois = new RoiTracer().hyperstackPositions(true).trace(ImportFixtures.binary());
        Roi spineZ4 = rois.get(4);
        assertEquals("Spine z4", spineZ4.getName());
        assertEquals(2, spineZ4.getCPosition());
        assertEquals(4, spineZ4.getZPosition());
        assertEquals(1, spineZ4.getTPosition());
    }

    @Test
    void emptyPlaneHasNoRoi() {
        assertNull(RoiTracer.trace(new byte[20], 5, 4, 1));
        assertNull(RoiTracer.trace(null, 5, 4, 1));
        byte[] one = new byte[20];
        one[7] = 1;
        Roi r = RoiTracer.trace(one, 5, 4, 1);
        assertNotNull(r);
        assertEquals(1, pixels(r));
        assertEquals(new java.awt.Rectangle(2, 1, 1, 1), r.getBounds());
    }

    @Test
    void roiSetZipReadsBackWithRoiDecoder(@TempDir Path dir) throws IOException {
        ImportedSegmentation v = ImportFixtures.binary();
        List<Roi> rois = new RoiTracer().trace(v);
        Path zip = dir.resolve("sub/RoiSet.zip");
        RoiSetWriter.write(rois, zip);
        List<Roi> back = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.add(e.getName());
                back.add(new RoiDecoder(in.readAllBytes(), e.getName()).getRoi());
            }
        }
        assertEquals(rois.size(), back.size());
        for (int i = 0; i < rois.size(); i++) {
            Roi a = rois.get(i), b = back.get(i);
            assertEquals(a.getName() + ".roi", entries.get(i));
            assertEquals(a.getName(), b.getName());
            assertEquals(a.getPosition(), b.getPosition());
            assertEquals(a.getBounds(), b.getBounds());
            assertEquals(pixels(a), pixels(b), a.getName());
            assertEquals(a.getStrokeColor(), b.getStrokeColor());
            assertEquals(a.getProperty(RoiTracer.SEGMENT_PROPERTY), b.getProperty(RoiTracer.SEGMENT_PROPERTY));
        }
    }

    @Test
    void duplicateNamesGetDistinctEntries(@TempDir Path dir) throws IOException {
        Roi a = new Roi(0, 0, 2, 2), b = new Roi(1, 1, 2, 2);
        a.setName("same");
        b.setName("same");
        a.setStrokeColor(Color.RED);
        Path zip = dir.resolve("r.zip");
        RoiSetWriter.write(List.of(a, b), zip);
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) names.add(e.getName());
        }
        assertEquals(List.of("same.roi", "same-2.roi"), names);
    }
}
