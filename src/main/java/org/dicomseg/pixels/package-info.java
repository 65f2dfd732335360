/**
 * Pixel kernels, byte arrays in and out: 1-bit packing ({@link org.dicomseg.pixels.BitPacking},
 * PS3.5 8.1.1), RLE Lossless ({@link org.dicomseg.pixels.RleCodec}, PS3.5 Annex G), Deflated Image Frame
 * Compression ({@link org.dicomseg.pixels.DeflateCodec}, PS3.5 A.4.11), JPEG-LS (our own ITU-T T.87 codec,
 * {@link org.dicomseg.pixels.JpegLsCodec}, PS3.5 A.4.3) and JPEG 2000
 * Lossless for one grey frame ({@link org.dicomseg.pixels.Jpeg2000Codec}, with a marker check
 * before decoding; its coder and the slide tiles' JPEG reader chosen by class in
 * {@link org.dicomseg.pixels.ImageIoCodecs}, never by ImageIO format name). No file format, no data sets: the writer and the reader call these per frame.
 * May use {@code model}, the JDK (including javax.imageio and java.awt.image rasters) and jai-imageio.
 */
package org.dicomseg.pixels;
