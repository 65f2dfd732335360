package org.dicomseg.mask;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.util.Util;
import net.imglib2.view.IntervalView;
import net.imglib2.view.Views;

/**
 * Masks held as an imglib2 image — typically a {@code CellImg} or a lazily computed view — for
 * label images too large for one ImageJ plane (more than 2<sup>31</sup> pixels, e.g. a whole slide
 * level at full resolution). Dimensions are (x, y) or (x, y, plane). The writer reads such masks
 * tile by tile through {@link #readRegion}, so only one tile is ever copied into an array; reading a
 * whole plane is possible only when the plane fits a Java array.
 *
 * <p>Element kind from the pixel type: (unsigned) byte → {@link PixelKind#UINT8}, (unsigned) short →
 * {@link PixelKind#UINT16}, anything else real-valued → {@link PixelKind#FLOAT32} (probabilities).
 * Signed bytes and shorts are taken as their unsigned bit patterns, as ImageJ does.</p>
 */
public final class ImgLib2MaskPlanes<T extends RealType<T>> implements MaskPlanes {
    private final RandomAccessibleInterval<T> image;
    private final int columns;
    private final int rows;
    private final int planes;
    private final PixelKind kind;

    private ImgLib2MaskPlanes(RandomAccessibleInterval<T> image) {
        int n = image.numDimensions();
        if (n != 2 && n != 3) {
            throw new IllegalArgumentException("A mask image has 2 (x, y) or 3 (x, y, plane) dimensions, not " + n);
        }
        long w = image.dimension(0), h = image.dimension(1), p = n == 3 ? image.dimension(2) : 1;
        if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE || p > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Mask dimensions " + w + " x " + h + " x " + p + " exceed 2^31-1 in one axis");
        }
        this.image = Views.zeroMin(image);
        this.columns = (int) w;
        this.rows = (int) h;
        this.planes = (int) p;
        T t = Util.getTypeFromInterval(image);
        if (t instanceof UnsignedByteType || t instanceof ByteType) {
            kind = PixelKind.UINT8;
        } else if (t instanceof UnsignedShortType || t instanceof ShortType) {
            kind = PixelKind.UINT16;
        } else {
            kind = PixelKind.FLOAT32;
        }
    }

    /** Wraps {@code image} (not copied): (x, y) for one plane or (x, y, plane). */
    public static <T extends RealType<T>> ImgLib2MaskPlanes<T> of(RandomAccessibleInterval<T> image) {
        return new ImgLib2MaskPlanes<>(image);
    }

    @Override public int rows() { return rows; }
    @Override public int columns() { return columns; }
    @Override public int planes() { return planes; }
    @Override public PixelKind kind() { return kind; }

    @Override
    public Object readPlane(int plane, Object dst) {
        long n = (long) rows * columns;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("A plane of " + columns + " x " + rows + " pixels does not fit one array;"
                    + " it can be written only as a tiled SEG (read by regions)");
        }
        Object out = kind.fits(dst, (int) n) ? dst : kind.newArray((int) n);
        readRegion(plane, 0, 0, columns, rows, out);
        return out;
    }

    @Override
    public void readRegion(int plane, int x, int y, int width, int height, Object dst) {
        if (plane < 0 || plane >= planes) throw new IndexOutOfBoundsException("plane " + plane + " of " + planes);
        if (x < 0 || y < 0 || width < 0 || height < 0 || (long) x + width > columns || (long) y + height > rows) {
            throw new IllegalArgumentException("Region " + x + "," + y + " " + width + "x" + height
                    + " is outside the " + columns + "x" + rows + " plane");
        }
        if (!kind.fits(dst, width * height)) {
            throw new IllegalArgumentException("Region buffer must be a " + kind + " array of at least " + (width * height) + " elements");
        }
        if (width == 0 || height == 0) return;
        RandomAccessibleInterval<T> slice = image.numDimensions() == 3 ? Views.hyperSlice(image, 2, plane) : image;
        IntervalView<T> view = Views.interval(slice, new long[] {x, y}, new long[] {x + width - 1L, y + height - 1L});
        Cursor<T> c = Views.flatIterable(view).cursor(); // x fastest, then y: row-major like the arrays
        int i = 0;
        switch (kind) {
            case UINT8: {
                byte[] d = (byte[]) dst;
                while (c.hasNext()) d[i++] = (byte) (long) c.next().getRealDouble();
                break;
            }
            case UINT16: {
                short[] d = (short[]) dst;
                while (c.hasNext()) d[i++] = (short) (long) c.next().getRealDouble();
                break;
            }
            default: {
                float[] d = (float[]) dst;
                while (c.hasNext()) d[i++] = c.next().getRealFloat();
            }
        }
    }
}
