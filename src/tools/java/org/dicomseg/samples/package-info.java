/**
 * Synthetic sample source images: a CT phantom ({@link org.dicomseg.samples.Phantom}) as a CT series,
 * an Enhanced CT object, an ImageJ label TIFF and RoiSet.zip; large benchmark series
 * ({@link org.dicomseg.samples.BenchmarkSeries}) and slides ({@link org.dicomseg.samples.SlideWriter});
 * and the generator of the committed {@code sample-images/} folder ({@link org.dicomseg.samples.SampleImages},
 * the front door). A tool: in {@code src/tools/java}, outside the plugin jar; may use the plugin,
 * ImageJ and PixelMed directly; nothing in the plugin may use it.
 */
package org.dicomseg.samples;
