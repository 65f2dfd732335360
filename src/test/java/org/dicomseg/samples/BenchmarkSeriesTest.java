package org.dicomseg.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

class BenchmarkSeriesTest {
    @TempDir
    Path tmp;

    @Test
    void writesAValidSeriesOf512Slices() throws Exception {
        // The benchmark uses 300 slices; 30 prove the same code path without 150 MB of test I/O.
        // (Speed is measured by the benchmark, never asserted in a test.)
        List<Path> files = BenchmarkSeries.write(tmp.resolve("zeros"), 30, 512, 512, BenchmarkSeries.Pixels.ZEROS, 5);
        assertEquals(30, files.size());
        for (Path f : files) assertTrue(Files.size(f) > 512 * 512 * 2, f.toString());
        AttributeList last = Dicom.read(files.get(29));
        assertEquals(30, Dicom.integer(last, TagFromName.InstanceNumber));
        assertEquals(512, Dicom.integer(last, TagFromName.Rows));
        assertEquals(0.5, Dicom.doubles(last, TagFromName.PixelSpacing)[0], 0);
        double z0 = Dicom.doubles(Dicom.read(files.get(0)), TagFromName.ImagePositionPatient)[2];
        assertEquals(29.0, Dicom.doubles(last, TagFromName.ImagePositionPatient)[2] - z0, 1e-9);
        assertEquals(List.of(), Dicom.dciodvfyErrors(files.get(0)));
        assertEquals(List.of(), Dicom.dciodvfyErrors(files.get(29)));
    }

    @Test
    void phantomPixelsSpanMostOfTheSeries() throws Exception {
        List<Path> files = BenchmarkSeries.write(tmp.resolve("p"), 20, 128, 128, BenchmarkSeries.Pixels.PHANTOM, 5);
        VolumeGeometry g = BenchmarkSeries.geometry(20, 128, 128);
        // liver centre (-50, -10): column (-50 - x0)/2, row (-10 - y0)/2
        int col = (int) Math.round((-40 - g.x(0)) / g.columnSpacing());
        int row = (int) Math.round((-10 - g.y(0)) / g.rowSpacing());
        int withLiver = 0;
        for (Path f : files) {
            short v = Dicom.pixels(Dicom.read(f))[row * 128 + col];
            if ((v & 0xFFFF) - 1024 == Phantom.LIVER_HU) withLiver++;
        }
        assertTrue(withLiver >= 14 && withLiver < 20, "liver on " + withLiver + " of 20 slices");
        assertEquals(List.of(), Dicom.dciodvfyErrors(files.get(10)));
    }
}
