/**
 * Synthetic sample source images: a CT phantom ({@link org.dicomseg.samples.Phantom}) written as
 * a single-frame CT series ({@link org.dicomseg.samples.CtSeriesWriter}), an Enhanced CT object
 * ({@link org.dicomseg.samples.EnhancedCtWriter}), an ImageJ label TIFF
 * ({@link org.dicomseg.samples.LabelImageWriter}) and RoiSet.zip
 * ({@link org.dicomseg.samples.RoiSetWriter}); large benchmark series
 * ({@link org.dicomseg.samples.BenchmarkSeries}); and the generator of the committed
 * {@code sample-images/} folder ({@link org.dicomseg.samples.SampleImages}).
 */
package org.dicomseg.samples;
