package org.dicomseg.ij.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.List;

import ij.gui.Line;
import ij.gui.OvalRoi;
import ij.gui.PointRoi;
import ij.gui.PolygonRoi;
import ij.gui.Roi;
import ij.gui.ShapeRoi;
import ij.process.ByteProcessor;

import org.junit.jupiter.api.Test;
import org.dicomseg.ij.SegmentLabels;

/** ROI rasterisation follows ImageJ: the pixels are those ImageProcessor.fill(roi) paints. */
class ExportRoiRasterTest {
    private static final int W = 40, H = 30;

    /** What ImageJ itself paints for the ROI: the reference. */
    private static byte[] imageJFill(Roi roi) {
        ByteProcessor bp = new ByteProcessor(W, H);
        bp.setValue(1);
        bp.fill(roi);
        return (byte[]) bp.getPixels();
    }

    private static byte[] ours(Roi roi) {
        byte[] plane = new byte[W * H];
        RoiRasterizer.fill(roi, plane, W, H, (byte) 1);
        return plane;
    }

    private static int count(byte[] b) {
        int n = 0;
        for (byte v : b) if (v != 0) n++;
        return n;
    }

    @Test void rectangleOvalPolygonMatchImageJFill() {
        Roi[] rois = {
            new Roi(3, 4, 10, 7),
            new OvalRoi(5, 5, 17, 11),
            new PolygonRoi(new int[] {2, 30, 15}, new int[] {3, 8, 25}, 3, Roi.POLYGON),
            new Roi(1.5, 2.5, 7.25, 4.75) // sub-pixel rectangle
        };
        for (Roi r : rois) {
            byte[] expected = imageJFill(r);
            assertTrue(count(expected) > 0, "reference fill must paint something for " + r);
            assertArrayEquals(expected, ours(r), "pixels of " + r);
        }
    }

    @Test void compositeShapeRoiWithHoleIsFilledWithoutTheHole() {
        ShapeRoi outer = new ShapeRoi(new Roi(5, 5, 20, 20));
        ShapeRoi hole = new ShapeRoi(new OvalRoi(10, 10, 8, 8));
        Roi donut = outer.not(hole);
        byte[] px = ours(donut);
        assertArrayEquals(imageJFill(donut), px);
        assertEquals(0, px[14 * W + 14], "centre of the hole is outside");
        assertEquals(1, px[6 * W + 6], "corner of the square is inside");
        assertTrue(count(px) < 400 && count(px) > 300, "hole removed: " + count(px));
        // A union of two disjoint parts.
        Roi union = new ShapeRoi(new Roi(0, 0, 3, 3)).or(new ShapeRoi(new Roi(30, 20, 4, 4)));
        assertEquals(9 + 16, count(ours(union)));
        assertArrayEquals(imageJFill(union), ours(union));
    }

    @Test void partsOutsideThePlaneAreClipped() {
        Roi r = new Roi(-5, -3, 10, 8); // only 5 x 5 inside
        byte[] px = ours(r);
        assertEquals(25, count(px));
        assertEquals(1, px[0]);
        Roi oval = new OvalRoi(W - 6, H - 6, 12, 12);
        assertArrayEquals(imageJFill(oval), ours(oval));
        Roi far = new Roi(100, 100, 5, 5);
        assertEquals(0, RoiRasterizer.fill(far, new byte[W * H], W, H, (byte) 1));
    }

    @Test void lineAndPointRoisAreRefusedByName() {
        Roi line = new Line(1, 1, 10, 10);
        line.setName("scale bar");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RoiGrouper.group(List.of(new Roi(0, 0, 3, 3), line), RoiGrouping.NAME));
        assertTrue(e.getMessage().contains("'scale bar' (#2)"), e.getMessage());
        assertTrue(e.getMessage().contains("Straight Line") || e.getMessage().contains("line"), e.getMessage());
        Roi point = new PointRoi(4, 4);
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> RoiGrouper.group(List.of(point), RoiGrouping.EACH));
        assertTrue(e2.getMessage().contains("#1") && e2.getMessage().contains("Point"), e2.getMessage());
    }

    @Test void positionZeroMeansEveryPlaneAndPositionsSelectPlanes() {
        RoiPlacement p = RoiPlacement.ofStack(5);
        Roi all = new Roi(0, 0, 2, 2);
        Roi third = new Roi(0, 0, 2, 2);
        third.setPosition(3);
        Roi hyper = new Roi(0, 0, 2, 2);
        hyper.setPosition(0, 4, 0);
        assertEquals(RoiPlacement.ALL_PLANES, p.plane(all, 1));
        assertEquals(2, p.plane(third, 2));
        assertEquals(3, p.plane(hyper, 3));
        Roi beyond = new Roi(0, 0, 2, 2);
        beyond.setPosition(7);
        beyond.setName("late");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.plane(beyond, 4));
        assertTrue(e.getMessage().contains("'late'") && e.getMessage().contains("7"), e.getMessage());
        // A 2-channel, 3-slice hyperstack: stack index 4 is channel 2 of slice 2.
        RoiPlacement hp = new RoiPlacement(2, 3, 1);
        Roi s = new Roi(0, 0, 2, 2);
        s.setPosition(4);
        assertEquals(1, hp.plane(s, 1));
        assertEquals(3, hp.planeCount());
        // A time series with one slice: frames are the planes.
        RoiPlacement tp = new RoiPlacement(1, 1, 6);
        Roi t = new Roi(0, 0, 2, 2);
        t.setPosition(1, 1, 5);
        assertEquals(4, tp.plane(t, 1));
    }

    @Test void segmentMaskIsRasterisedPerPlane() {
        Roi a = new Roi(0, 0, 4, 4);          // every plane
        Roi b = new OvalRoi(10, 10, 6, 6);
        b.setPosition(2);                        // plane index 1
        RoiSegment seg = RoiGrouper.group(List.of(a, b), RoiGrouping.GROUP).get(0);
        RoiMaskPlanes m = new RoiMaskPlanes(seg, RoiPlacement.ofStack(3), W, H);
        byte[] p0 = ((byte[]) m.readPlane(0, null)).clone();
        byte[] p1 = ((byte[]) m.readPlane(1, null)).clone();
        assertEquals(16, count(p0));
        byte[] expected = imageJFill(b);
        for (int i = 0; i < 16; i++) expected[(i / 4) * W + (i % 4)] = 1;
        assertArrayEquals(expected, p1);
        // The same buffer is reused and cleared between planes.
        byte[] buf = new byte[W * H];
        java.util.Arrays.fill(buf, (byte) 9);
        assertEquals(16, count((byte[]) m.readPlane(2, buf)));
    }

    @Test void compositeOnEveryPlaneIsTheSameOnEachPlane() {
        Roi donut = new ShapeRoi(new OvalRoi(2, 2, 30, 24)).not(new ShapeRoi(new Roi(10, 10, 6, 6)));
        Roi small = new Roi(0, 0, 2, 2);
        small.setPosition(2);
        RoiSegment seg = RoiGrouper.group(List.of(donut, small), RoiGrouping.GROUP).get(0);
        RoiMaskPlanes m = new RoiMaskPlanes(seg, RoiPlacement.ofStack(3), W, H);
        byte[] expected = imageJFill(donut);
        assertArrayEquals(expected, ((byte[]) m.readPlane(0, null)).clone());
        assertArrayEquals(expected, ((byte[]) m.readPlane(2, null)).clone());
        byte[] p1 = (byte[]) m.readPlane(1, null);
        assertEquals(count(expected) + 4, count(p1), "plane 2 also has the small square");
    }

    @Test void groupingByNameGroupAndEach() {
        Roi a1 = named(new Roi(0, 0, 2, 2), "Liver", 1, Color.RED);
        Roi b = named(new Roi(5, 5, 2, 2), "Spleen", 2, Color.BLUE);
        Roi a2 = named(new OvalRoi(9, 9, 3, 3), "Liver", 2, Color.GREEN);
        Roi c = named(new Roi(3, 3, 1, 1), null, 0, null);
        List<Roi> rois = List.of(a1, b, a2, c);

        List<RoiSegment> byName = RoiGrouper.group(rois, RoiGrouping.NAME);
        assertEquals(3, byName.size());
        assertEquals("Liver", byName.get(0).label());
        assertEquals(List.of(1, 3), byName.get(0).indices());
        assertEquals("Spleen", byName.get(1).label());
        assertEquals("ROI 4", byName.get(2).label());
        assertEquals(Color.RED, byName.get(0).color());

        List<RoiSegment> byGroup = RoiGrouper.group(rois, RoiGrouping.GROUP);
        assertEquals(3, byGroup.size());
        assertEquals(List.of(1), byGroup.get(0).indices());
        assertEquals(List.of(2, 3), byGroup.get(1).indices());
        assertEquals("Ungrouped", byGroup.get(2).label());

        List<RoiSegment> each = RoiGrouper.group(rois, RoiGrouping.EACH);
        assertEquals(4, each.size());
        assertEquals("Liver", each.get(2).label());
        assertEquals(RoiGrouping.EACH, RoiGrouping.parse("each"));
        assertThrows(IllegalArgumentException.class, () -> RoiGrouping.parse("colour"));
    }

    @Test void labelsAreMadeLegal() {
        assertEquals("a/b", SegmentLabels.clean("a\\b", 1));
        assertEquals("Segment 3", SegmentLabels.clean("  ", 3));
        assertEquals(64, SegmentLabels.clean("x".repeat(100), 1).length());
    }

    private static Roi named(Roi r, String name, int group, Color c) {
        r.setName(name);
        if (group > 0) r.setGroup(group);
        if (c != null) r.setStrokeColor(c);
        return r;
    }
}
