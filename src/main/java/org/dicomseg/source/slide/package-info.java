/**
 * Reading VL Whole Slide Microscopy images (PS3.3 A.32.8) without ImageJ: the pyramid levels of a
 * slide series ({@link org.dicomseg.source.slide.SlideLevel}, {@link org.dicomseg.source.slide.SlideSeries},
 * the front door) and regions of a level decoded tile by tile ({@link org.dicomseg.source.slide.SlideRegionReader});
 * native, JPEG baseline (JDK ImageIO) and JPEG 2000 (jai-imageio) tiles. May use {@code model},
 * {@code pixels}, {@code dicom}, {@code source} and PixelMed.
 */
package org.dicomseg.source.slide;
