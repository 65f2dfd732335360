package org.dicomseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ij.IJ;
import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.io.RoiEncoder;
import ij.process.ByteProcessor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.dicomseg.model.DimensionOrganization;
import org.dicomseg.read.SegmentationReader;
import org.dicomseg.testing.Conformance;
import org.dicomseg.testing.FocalSlides;
import org.dicomseg.testing.Shared;
import org.dicomseg.testing.TiledSegs;

/**
 * {@code dicomseg export --rois RoiSet.zip --source SLIDE}: a RoiSet (no size of its own) lands on
 * the slide's finest level, a ROI's slice being its focal plane (0 = every focal plane), as Export
 * ROIs as SEG... does on a Z stack opened at level 1. Round trip through {@code dicomseg import}:
 * every segment's every focal plane equals ImageJ's own fill of the ROIs on that plane. A
 * single-focal slide with {@code --pyramid} writes the coarser level too; a ROI beyond the focal
 * planes is refused in one line and nothing is written.
 */
class ExportRoisSlideCliTest {
    private static final int W = FocalSlides.W, H = FocalSlides.H;

    /** A RoiSet.zip as the ROI Manager saves it (one .roi entry per ROI, RoiEncoder's format). */
    static Path roiSet(Path file, List<Roi> rois) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file));
             DataOutputStream data = new DataOutputStream(zip)) {
            RoiEncoder enc = new RoiEncoder(data);
            for (int i = 0; i < rois.size(); i++) {
                zip.putNextEntry(new ZipEntry(String.format("%04d-%s.roi", i + 1, rois.get(i).getName())));
                enc.write(rois.get(i));
                data.flush();
            }
        }
        return file;
    }

    /**
     * ROIs over the 1000 x 700 multi-focal level: "tumour" an oval on focal plane 1 (hyperstack
     * position) and a polygon on focal plane 2 (plain stack position); "stroma" a rectangle on
     * every focal plane (position 0), overlapping the oval; nothing of "tumour" on plane 3.
     */
    static List<Roi> rois() {
        Roi oval = new OvalRoi(250, 150, 400, 301);
        oval.setName("tumour");
        oval.setPosition(0, 1, 0);
        Roi poly = new PolygonRoi(new int[] {120, 480, 390, 133}, new int[] {380, 420, 655, 610}, 4, Roi.POLYGON);
        poly.setName("tumour");
        poly.setPosition(2);
        Roi rect = new Roi(600, 131, 333, 121);
        rect.setName("stroma");
        return List.of(oval, poly, rect);
    }

    /** ImageJ's fill of the ROIs of {@code name} that lie on focal plane {@code z} (1-based), 0/1. */
    static byte[] fill(List<Roi> rois, String name, int z, int w, int h) {
        ByteProcessor bp = new ByteProcessor(w, h);
        bp.setColor(1);
        for (Roi r : rois) {
            int p = r.hasHyperStackPosition() ? r.getZPosition() : r.getPosition();
            if (r.getName().equals(name) && (p == 0 || p == z)) bp.fill(r);
        }
        return (byte[]) bp.getPixels();
    }

    /** {@code dicomseg import SEG --as hyperstack} opened: one channel per segment, one slice per focal plane. */
    static ImagePlus imported(Path seg, Path tif) {
        StringBuilder out = new StringBuilder(), err = new StringBuilder();
        assertEquals(0, ExportFocalSlideCliTest.run(List.of("import", seg.toString(), "--out", tif.toString(), "--as", "hyperstack"), out, err),
                out + "" + err);
        return IJ.openImage(tif.toString());
    }

    static byte[] binary(ImagePlus imp, int c, int z) {
        byte[] p = ((byte[]) imp.getStack().getPixels(imp.getStackIndex(c, z, 1))).clone();
        for (int i = 0; i < p.length; i++) p[i] = (byte) (p[i] != 0 ? 1 : 0);
        return p;
    }

    @Test
    void roisOnAMultiFocalSlideGoToTheirFocalPlanes(@TempDir Path tmp) throws Exception {
        Shared.assumePresent();
        List<Roi> rois = rois();
        Path zip = roiSet(tmp.resolve("RoiSet.zip"), rois);
        List<Path> written = new ArrayList<>();
        for (boolean sparse : new boolean[] {false, true}) {
            Path folder = tmp.resolve(sparse ? "sparse" : "full");
            FocalSlides.slide(folder, sparse, 1);
            Path seg = tmp.resolve("rois-" + (sparse ? "sparse" : "full") + ".dcm");
            StringBuilder out = new StringBuilder(), err = new StringBuilder();
            int rc = ExportFocalSlideCliTest.run(List.of("export", "--rois", zip.toString(), "--source", folder.toString(), "--out",
                    seg.toString(), "--compression", "rle", "--tiles", sparse ? "sparse" : "full"), out, err);
            assertEquals(0, rc, out + "" + err);
            assertTrue(out.toString().contains("2 segment(s)") && out.toString().contains("3 focal planes)"), out.toString());
            try (SegmentationReader r = SegmentationReader.open(seg)) {
                assertEquals(3, r.metadata().totalPixelMatrixFocalPlanes());
                assertEquals(sparse ? DimensionOrganization.TILED_SPARSE : DimensionOrganization.TILED_FULL,
                        r.metadata().dimensionOrganizationType());
            }
            ImagePlus back = imported(seg, tmp.resolve("back-" + sparse + ".tif"));
            assertEquals(W, back.getWidth());
            assertEquals(H, back.getHeight());
            assertEquals(2, back.getNChannels(), "one channel per segment");
            assertEquals(3, back.getNSlices(), "one slice per focal plane");
            String[] names = {"tumour", "stroma"};
            for (int c = 1; c <= 2; c++) {
                for (int z = 1; z <= 3; z++) {
                    byte[] want = fill(rois, names[c - 1], z, W, H);
                    assertArrayEquals(want, binary(back, c, z), names[c - 1] + ", focal plane " + z);
                }
            }
            // the overlap is kept (BINARY): the oval and the rectangle share pixels on plane 1
            byte[] t1 = binary(back, 1, 1), s1 = binary(back, 2, 1);
            int both = 0;
            for (int i = 0; i < t1.length; i++) if (t1[i] == 1 && s1[i] == 1) both++;
            assertTrue(both > 0, "the segments overlap on focal plane 1");
            written.add(seg);
        }
        Conformance.assertConformant(written.toArray(new Path[0]));
    }

    @Test
    void roisOnASingleFocalSlideWithItsPyramid(@TempDir Path tmp) throws Exception {
        Shared.assumePresent();
        Path folder = Files.createDirectories(tmp.resolve("slide"));
        TiledSegs.pyramid(folder);
        Roi oval = new OvalRoi(101, 77, 455, 333);
        oval.setName("gland");
        Roi poly = new PolygonRoi(new int[] {700, 990, 860}, new int[] {400, 690, 699}, 3, Roi.POLYGON);
        poly.setName("gland");
        List<Roi> rois = List.of(oval, poly);
        Path zip = roiSet(tmp.resolve("RoiSet.zip"), rois);
        Path seg = tmp.resolve("gland.dcm");
        StringBuilder out = new StringBuilder(), err = new StringBuilder();
        int rc = ExportFocalSlideCliTest.run(List.of("export", "--rois", zip.toString(), "--source", folder.toString(), "--out",
                seg.toString(), "--pyramid", "--type", "LABELMAP"), out, err);
        assertEquals(0, rc, out + "" + err);
        Path coarse = tmp.resolve("gland-level-2.dcm");
        assertTrue(Files.exists(coarse), out.toString());
        assertTrue(out.toString().contains("(tiled TILED_SPARSE)"), out.toString());
        ImagePlus back = imported(seg, tmp.resolve("back.tif"));
        assertEquals(TiledSegs.W, back.getWidth());
        assertEquals(TiledSegs.H, back.getHeight());
        assertEquals(1, back.getNSlices());
        assertArrayEquals(fill(rois, "gland", 1, TiledSegs.W, TiledSegs.H), binary(back, 1, 1));
        try (SegmentationReader r = SegmentationReader.open(coarse)) {
            assertEquals(TiledSegs.W / 2, r.metadata().totalPixelMatrixColumns());
        }
        Conformance.assertConformant(seg, coarse);
    }

    @Test
    void aRoiBeyondTheFocalPlanesIsRefusedInOneLine(@TempDir Path tmp) throws Exception {
        Shared.assumePresent();
        Path folder = tmp.resolve("full");
        Path level = FocalSlides.slide(folder, false, 1);
        Path seg = tmp.resolve("seg.dcm");
        for (boolean hyper : new boolean[] {true, false}) {
            Roi r = new OvalRoi(10, 10, 100, 100);
            r.setName("deep");
            if (hyper) r.setPosition(0, 4, 0);
            else r.setPosition(5);
            Path zip = roiSet(tmp.resolve("deep-" + hyper + ".zip"), List.of(new OvalRoi(300, 300, 50, 50), r));
            StringBuilder out = new StringBuilder(), err = new StringBuilder();
            int rc = ExportFocalSlideCliTest.run(List.of("export", "--rois", zip.toString(), "--source", folder.toString(), "--out",
                    seg.toString()), out, err);
            assertEquals(1, rc, out.toString());
            String msg = err.toString().strip();
            assertEquals(1, msg.lines().count(), msg);
            assertTrue(msg.contains(zip.getFileName().toString()), msg);
            assertTrue(msg.contains((hyper ? "is on slice 4" : "is on stack position 5") + " but the slide level " + level.toAbsolutePath()
                    + " has only 3 focal planes"), msg);
            assertFalse(Files.exists(seg));
            try (var s = Files.list(tmp)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("seg")), "no leftover file");
            }
        }
        // --tiles and --pyramid say where they apply
        Path zip = roiSet(tmp.resolve("one.zip"), List.of(new OvalRoi(3, 3, 5, 5)));
        StringBuilder out = new StringBuilder(), err = new StringBuilder();
        assertEquals(2, ExportFocalSlideCliTest.run(List.of("export", "--rois", zip.toString(), "--source", java.nio.file.Paths.get("sample-images/ct").toAbsolutePath().toString(),
                "--out", seg.toString(), "--pyramid"), out, err));
        assertTrue(err.toString().contains("--tiles and --pyramid apply to a slide source only"), err.toString());
        assertFalse(Files.exists(seg));
    }
}
