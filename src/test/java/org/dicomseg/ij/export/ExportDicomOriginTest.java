package org.dicomseg.ij.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.FolderOpener;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dicomseg.ij.source.ImageFrameOfReference;
import org.dicomseg.ij.source.SourceLocator;
import org.dicomseg.ij.source.SourceSeries;

/** The DICOM files behind an image opened with ImageJ's own DICOM reader are found without being asked. */
class ExportDicomOriginTest {
    static final Path CT = Paths.get("sample-images", "ct").toAbsolutePath();

    static List<String> names(SourceSeries s) {
        List<String> n = new ArrayList<>();
        for (Path p : s.files()) n.add(p.getFileName().toString());
        return n;
    }

    @Test void imageSequenceMapsEverySliceToItsFile(@TempDir Path dir) throws Exception {
        // Names sort opposite to space, so a name-based guess would be wrong.
        for (int k = 1; k <= 5; k++) Files.copy(CT.resolve(String.format("IM%04d.dcm", k)), dir.resolve("S" + (6 - k) + ".dcm"));
        ImagePlus imp = FolderOpener.open(dir.toString());
        assertNotNull(imp, "ImageJ opens the folder");
        assertEquals(5, imp.getStackSize());
        SourceSeries s = SourceLocator.ofImage(imp);
        assertNotNull(s);
        // Whatever order ImageJ chose, slice i's label names file i.
        for (int i = 1; i <= 5; i++) {
            String label = imp.getStack().getSliceLabel(i).split("\n")[0].trim();
            assertEquals(label, s.files().get(i - 1).getFileName().toString());
        }
        assertEquals(ImageFrameOfReference.of(imp), s.frameOfReferenceUid());
        assertTrue(SourceLocator.defaultSourceText(imp).endsWith(dir.getFileName().toString()));
    }

    @Test void singleDicomFileAndEnhancedFile() throws Exception {
        ImagePlus one = IJ.openImage(CT.resolve("IM0003.dcm").toString());
        SourceSeries s = SourceLocator.ofImage(one);
        assertEquals(List.of("IM0003.dcm"), names(s));
        Path enh = Paths.get("sample-images", "enhanced-ct", "enhanced.dcm").toAbsolutePath();
        ImagePlus e = IJ.openImage(enh.toString());
        SourceSeries se = SourceLocator.ofImage(e);
        assertEquals(List.of("enhanced.dcm"), names(se));
        assertEquals(5, se.planeCount());
    }

    @Test void importerPropertyAndPlainImages() throws Exception {
        ImagePlus plain = IJ.openImage(Paths.get("sample-images", "labels.tif").toAbsolutePath().toString());
        assertNull(SourceLocator.ofImage(plain), "a TIFF has no DICOM origin");
        assertEquals("", SourceLocator.defaultSourceText(plain));
        plain.setProp(SourceLocator.SOURCE_PROPERTY, CT.toString());
        SourceSeries s = SourceLocator.ofImage(plain);
        assertEquals(List.of("IM0001.dcm", "IM0002.dcm", "IM0003.dcm", "IM0004.dcm", "IM0005.dcm"), names(s));
    }
}
