package org.dicomseg.ij.export;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

import ij.gui.OvalRoi;
import ij.gui.Roi;
import ij.gui.ShapeRoi;
import ij.process.FloatPolygon;

/**
 * The outline of an ImageJ area ROI as a {@link java.awt.Shape} in image pixel coordinates (pixel
 * (x, y) covers [x, x+1) × [y, y+1)), exact for ovals (an ellipse, not ImageJ's integer polygon),
 * rectangles and polygons (sub-pixel vertices kept), and the {@link ShapeRoi} outline for
 * composite ROIs (holes and unions). For rasterising ROIs at another scale, where ImageJ's own
 * integer masks would be coarse.
 */
public final class RoiShapes {
    private RoiShapes() { }

    /** The shape of {@code roi} (an area ROI). */
    public static Shape of(Roi roi) {
        Rectangle2D.Double b = roi.getFloatBounds();
        switch (roi.getType()) {
            case Roi.OVAL:
                if (roi instanceof OvalRoi) return new Ellipse2D.Double(b.x, b.y, b.width, b.height);
                break;
            case Roi.RECTANGLE:
                if (roi.getClass() == Roi.class && roi.getCornerDiameter() == 0) {
                    return new Rectangle2D.Double(b.x, b.y, b.width, b.height);
                }
                break;
            case Roi.POLYGON:
            case Roi.FREEROI:
            case Roi.TRACED_ROI:
                return polygon(roi.getFloatPolygon());
            default:
                break;
        }
        ShapeRoi s = roi instanceof ShapeRoi ? (ShapeRoi) roi : new ShapeRoi(roi);
        Shape local = s.getShape();
        return AffineTransform.getTranslateInstance(s.getXBase(), s.getYBase()).createTransformedShape(local);
    }

    private static Shape polygon(FloatPolygon p) {
        Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        for (int i = 0; i < p.npoints; i++) {
            if (i == 0) path.moveTo(p.xpoints[i], p.ypoints[i]);
            else path.lineTo(p.xpoints[i], p.ypoints[i]);
        }
        path.closePath();
        return path;
    }
}
