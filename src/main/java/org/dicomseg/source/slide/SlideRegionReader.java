package org.dicomseg.source.slide;

import org.dicomseg.dicom.FrameFetcher;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dicomseg.dicom.StoredFrames;
import org.dicomseg.source.TotalPixelMatrix;

/**
 * Reads a region of a slide level, decoding only the tiles that intersect it (PS3.3 C.7.6.17.3:
 * TILED_FULL tiles by their implicit position; TILED_SPARSE tiles by their Plane Position (Slide);
 * one focal plane, the first optical path); a remote level's tiles come in one request for exactly those
 * frames ({@link FrameFetcher}). Pixels of the region no tile covers (sparse gaps) are white
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
        return read(level, 0, x, y, width, height);
    }

    /**
     * The same region at focal plane {@code focal} (0-based, in increasing Z; {@link TotalPixelMatrix#focalPlanes()}).
     *
     * @throws IOException for unreadable files or tiles, or a syntax that cannot be decoded
     */
    public static SlideRaster read(SlideLevel level, int focal, long x, long y, int width, int height) throws IOException {
        TotalPixelMatrix m = level.matrix();
        if (focal < 0 || focal >= m.focalPlaneCount()) {
            throw new IllegalArgumentException("Focal plane " + (focal + 1) + " does not exist: " + level.name() + " has "
                    + m.focalPlaneCount());
        }
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
        int tr = m.tileRows(), tc = m.tileColumns();
        int px = samples * bps; // bytes per pixel
        byte[] out = new byte[width * height * px];
        if (samples == 3) Arrays.fill(out, (byte) 0xFF);
        // The tiles the region needs, by frame number → their top-left corner: nothing else is read.
        Map<Integer, long[]> needed = new LinkedHashMap<>();
        for (long ty = y / tr * tr; ty < y + height; ty += tr) {
            for (long tx = x / tc * tc; tx < x + width; tx += tc) {
                int[] at = m.framesAt(ty, tx, focal);
                int frame = at.length == 0 ? 0 : at[0];
                if (frame > 0) needed.put(frame, new long[] {tx, ty});
            }
        }
        int[] read = {0};
        if (level.remoteFrames() != null) {
            int[] frames = needed.keySet().stream().mapToInt(Integer::intValue).toArray();
            TileDecoder[] dec = {null};
            level.remoteFrames().fetch(frames, (frame, ts, bytes) -> {
                if (dec[0] == null) dec[0] = new TileDecoder(level, ts);
                long[] at = needed.get(frame);
                if (at == null) throw new IOException("The server sent frame " + frame + " of " + level.name() + ", which was not asked for");
                place(dec[0].decode(bytes), at[0], at[1], x, y, width, height, tr, tc, px, out);
                read[0]++;
            });
            if (read[0] != frames.length) {
                throw new IOException("The server sent " + read[0] + " of the " + frames.length + " tiles asked for of " + level.name());
            }
        } else {
            TileDecoder dec = new TileDecoder(level);
            try (StoredFrames frames = StoredFrames.open(level.file(), level.frames())) {
                for (Map.Entry<Integer, long[]> e : needed.entrySet()) {
                    byte[] tile = dec.decode(frames.frame(e.getKey() - 1, dec.nativeTileBytes()));
                    place(tile, e.getValue()[0], e.getValue()[1], x, y, width, height, tr, tc, px, out);
                    read[0]++;
                }
            }
        }
        return new SlideRaster(x, y, width, height, samples, bps * 8, out, read[0]);
    }

    /** Copies the part of decoded tile (tx, ty) inside the region into {@code out}. */
    private static void place(byte[] tile, long tx, long ty, long x, long y, int width, int height, int tr, int tc, int px, byte[] out) {
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
