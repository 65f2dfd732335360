package org.dicomseg.ij.export;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.util.Arrays;

/**
 * Fills a {@link Shape} into a rectangular window of pixels by the pixel-centre rule: pixel
 * (c, r) is inside when the point (c + 0.5, r + 0.5) is, by the shape's winding rule (even-odd or
 * non-zero). The outline is flattened once (curves to within 0.01 pixel); each window only looks at
 * the edges that cross its rows (ellipses are filled from their equation), so a shape can be filled tile by tile at any size without
 * rasterising it whole. (Java2D's own fill leaves out some boundary pixels whose centres are inside.)
 */
final class ShapeRasterizer {
    private static final double FLATNESS = 0.01;
    private final double[] ex0;
    private final double[] ey0;
    private final double[] ex1;
    private final double[] ey1;
    private final int[] dir;
    private final int edges;
    private final boolean evenOdd;
    private final Rectangle2D bounds;
    private final Ellipse2D ellipse;

    ShapeRasterizer(Shape shape) {
        ellipse = shape instanceof Ellipse2D ? (Ellipse2D) shape : null;
        PathIterator it = shape.getPathIterator(null, FLATNESS);
        evenOdd = it.getWindingRule() == PathIterator.WIND_EVEN_ODD;
        Edges e = new Edges();
        double[] c = new double[6];
        double sx = 0, sy = 0, px = 0, py = 0;
        boolean open = false;
        for (; !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            if (type == PathIterator.SEG_MOVETO) {
                if (open) e.add(px, py, sx, sy);
                sx = px = c[0];
                sy = py = c[1];
                open = true;
            } else if (type == PathIterator.SEG_CLOSE) {
                e.add(px, py, sx, sy);
                px = sx;
                py = sy;
                open = false;
            } else {
                e.add(px, py, c[0], c[1]);
                px = c[0];
                py = c[1];
            }
        }
        if (open) e.add(px, py, sx, sy);
        ex0 = e.x0;
        ey0 = e.y0;
        ex1 = e.x1;
        ey1 = e.y1;
        dir = e.dir;
        edges = e.n;
        bounds = shape.getBounds2D();
    }

    /** Non-horizontal edges, each stored top to bottom with its direction (+1 downwards). */
    private static final class Edges {
        double[] x0 = new double[64], y0 = new double[64], x1 = new double[64], y1 = new double[64];
        int[] dir = new int[64];
        int n;

        void add(double ax, double ay, double bx, double by) {
            if (ay == by) return;
            if (n == dir.length) {
                x0 = Arrays.copyOf(x0, n * 2);
                y0 = Arrays.copyOf(y0, n * 2);
                x1 = Arrays.copyOf(x1, n * 2);
                y1 = Arrays.copyOf(y1, n * 2);
                dir = Arrays.copyOf(dir, n * 2);
            }
            boolean down = by > ay;
            x0[n] = down ? ax : bx;
            y0[n] = down ? ay : by;
            x1[n] = down ? bx : ax;
            y1[n] = down ? by : ay;
            dir[n] = down ? 1 : -1;
            n++;
        }
    }

    /** Ellipses exactly: the span of each row from the ellipse equation, no flattening. */
    private void fillEllipse(int x, int y, int w, int h, byte[] out, byte value) {
        double rx = ellipse.getWidth() / 2, ry = ellipse.getHeight() / 2;
        double cx = ellipse.getX() + rx, cy = ellipse.getY() + ry;
        if (!(rx > 0) || !(ry > 0)) return;
        for (int r = 0; r < h; r++) {
            double dy = (y + r + 0.5 - cy) / ry;
            if (dy * dy >= 1) continue;
            double half = rx * Math.sqrt(1 - dy * dy);
            int c0 = (int) Math.max(0, Math.ceil(cx - half - 0.5 - x));
            int c1 = (int) Math.min(w, Math.ceil(cx + half - 0.5 - x));
            for (int col = c0; col < c1; col++) out[r * w + col] = value;
        }
    }

    /** The shape's bounds. */
    Rectangle2D bounds() { return bounds; }

    /**
     * Sets {@code out[r * w + c] = value} for the pixels of columns {@code x .. x+w-1}, rows
     * {@code y .. y+h-1} whose centres are inside; other pixels are left as they are.
     */
    void fill(int x, int y, int w, int h, byte[] out, byte value) {
        if (ellipse != null) {
            fillEllipse(x, y, w, h, out, value);
            return;
        }
        double top = y + 0.5, bottom = y + h - 0.5;
        int[] active = new int[16];
        int na = 0;
        for (int i = 0; i < edges; i++) {
            if (ey1[i] <= top || ey0[i] > bottom) continue;
            if (na == active.length) active = Arrays.copyOf(active, na * 2);
            active[na++] = i;
        }
        if (na == 0) return;
        double[] xs = new double[na];
        int[] ds = new int[na];
        for (int r = 0; r < h; r++) {
            double yc = y + r + 0.5;
            int k = 0;
            for (int a = 0; a < na; a++) {
                int i = active[a];
                if (yc < ey0[i] || yc >= ey1[i]) continue;
                double xc = ex0[i] + (yc - ey0[i]) * (ex1[i] - ex0[i]) / (ey1[i] - ey0[i]);
                int j = k++;
                while (j > 0 && xs[j - 1] > xc) {
                    xs[j] = xs[j - 1];
                    ds[j] = ds[j - 1];
                    j--;
                }
                xs[j] = xc;
                ds[j] = dir[i];
            }
            int winding = 0;
            for (int j = 0; j + 1 < k; j++) {
                winding += ds[j];
                boolean inside = evenOdd ? (j & 1) == 0 : winding != 0;
                if (!inside) continue;
                int c0 = (int) Math.max(0, Math.ceil(xs[j] - 0.5 - x));
                int c1 = (int) Math.min(w, Math.ceil(xs[j + 1] - 0.5 - x));
                int row = r * w;
                for (int col = c0; col < c1; col++) out[row + col] = value;
            }
        }
    }
}
