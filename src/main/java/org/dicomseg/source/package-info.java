/**
 * The images a SEG is drawn on, read header-only (PS3.3 C.8.20 "source images"): a series of
 * single-frame images or one multi-frame image ({@link org.dicomseg.source.SourceImages}, the front
 * door), each frame's reference and geometry ({@link org.dicomseg.source.SourceFrame}) and a slide
 * level's Total Pixel Matrix ({@link org.dicomseg.source.TotalPixelMatrix}); further source images of the
 * study, referenced but not drawn on ({@link org.dicomseg.source.FurtherSources}); the parsed headers of a session
 * ({@link org.dicomseg.source.SourceHeaderCache}: read again when a file changes, bounded; a file's version is its
 * {@link org.dicomseg.source.FileStamp}). Whole slide pyramids
 * are in {@code source.slide}. May use {@code model}, {@code pixels}, {@code dicom} and PixelMed.
 */
package org.dicomseg.source;
