package org.dicomseg.source.slide;

import java.io.IOException;
import java.util.Arrays;

import org.dicomseg.dicom.StoredFrames;
import org.dicomseg.source.TotalPixelMatrix;

/**
 * Reads a region of a slide level, decoding only the tiles that intersect it (PS3.3 C.7.6.17.3:
 * TILED_FULL tiles by their implicit position; TILED_SPARSE tiles by their Plane Position (Slide),
 * first focal plane and optical path). Pixels of the region no tile covers (sparse gaps) are white
 * for colour and black for grey.
 */
public final class SlideRegionReader {
    private SlideRegionReader() { }

    /** Largest region read in one piece (ImageJ's array limit). */
    public static final long MAX_PIXELS = Integer.MAX_VALUE / 3;

    /**
     * Columns {@code x .. x+width-1}, rows {@code y .. y+height-1} (0-based) of {@code level}.
     *
     * @throws IOException for unreadable files or tiles, or a syntax that cannot be decoded
     */
    public static SlideRaster read(SlideLevel level, long x, long y, int width, int height) throws IOException {
        TotalPixelMatrix m = level.matrix();
        if (width < 1 || height < 1 || x < 0 || y < 0 || x + width > m.columns() || y + height > m.rows()) {
            throw new IllegalArgumentException("Region x=" + x + " y=" + y + " " + width + "x" + height + " is outside the level's "
                    + m.columns() + "x" + m.rows() + " pixels");
        }
        int samples = level.samplesPerPixel();
        int bps = level.bitsAllocated() == 16 ? 2 : 1;
        if ((long) width * height * samples * bps > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Region " + width + "x" + height + " is too large to hold in memory: choose a smaller"
                    + " region or a lower level");
        }
        TileDecoder dec = new TileDecoder(level);
        int tr = m.tileRows(), tc = m.tileColumns();
        int px = samples * bps; // bytes per pixel
        byte[] out = new byte[width * height * px];
        if (samples == 3) Arrays.fill(out, (byte) 0xFF);
        int read = 0;
        try (StoredFrames frames = StoredFrames.open(level.file(), level.frames())) {
            for (long ty = y / tr * tr; ty < y + height; ty += tr) {
                for (long tx = x / tc * tc; tx < x + width; tx += tc) {
                    int frame = m.frameAt(ty, tx);
                    if (frame <= 0) continue;
                    byte[] tile = dec.decode(frames.frame(frame - 1, dec.nativeTileBytes()));
                    read++;
                    long ya = Math.max(y, ty), yb = Math.min(y + height, ty + tr);
                    long xa = Math.max(x, tx), xb = Math.min(x + width, tx + tc);
                    int len = (int) (xb - xa) * px;
                    for (long r = ya; r < yb; r++) {
                        int src = (int) (((r - ty) * tc + (xa - tx)) * px);
                        int dst = (int) (((r - y) * width + (xa - x)) * px);
                        System.arraycopy(tile, src, out, dst, len);
                    }
                }
            }
        }
        return new SlideRaster(x, y, width, height, samples, bps * 8, out, read);
    }
}
