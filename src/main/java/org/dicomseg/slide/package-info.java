/**
 * Reading VL Whole Slide Microscopy images (PS3.3 A.32.8) without ImageJ: the pyramid levels of a
 * slide series ({@link org.dicomseg.slide.SlideLevel}, {@link org.dicomseg.slide.SlideSeries}) and
 * regions of a level decoded tile by tile ({@link org.dicomseg.slide.SlideRegionReader}); native,
 * JPEG baseline (JDK ImageIO) and JPEG 2000 (jai-imageio) tiles.
 */
package org.dicomseg.slide;
