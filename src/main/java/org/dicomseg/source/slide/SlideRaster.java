package org.dicomseg.source.slide;

/**
 * A decoded region of a slide level: {@code width × height} pixels of 8-bit (or 16-bit grey) samples, row-major,
 * interleaved when there are three (R, G, B; Planar Configuration 0, PS3.3 C.7.6.3.1.3), with its
 * place in the level's Total Pixel Matrix (0-based column {@code x}, row {@code y}; C.8.12.4.1.8).
 */
public final class SlideRaster {
    private final long x;
    private final long y;
    private final int width;
    private final int height;
    private final int samples;
    private final int bits;
    private final byte[] pixels;
    private final int tilesRead;

    SlideRaster(long x, long y, int width, int height, int samples, int bits, byte[] pixels, int tilesRead) {
        this.bits = bits;
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
        this.samples = samples;
        this.pixels = pixels;
        this.tilesRead = tilesRead;
    }

    public long x() { return x; }
    public long y() { return y; }
    public int width() { return width; }
    public int height() { return height; }
    /** 1 (grey) or 3 (RGB, interleaved). */
    public int samples() { return samples; }
    /** Bits per sample: 8, or 16 for 16-bit grey (then two bytes per sample, little endian). */
    public int bits() { return bits; }
    /** The samples (not copied). */
    public byte[] pixels() { return pixels; }
    /** Number of stored tiles decoded to make this region. */
    public int tilesRead() { return tilesRead; }
}
