/**
 * Whole slide images in ImageJ: opening a level or a region of a VL Whole Slide Microscopy image as
 * an ImagePlus ({@link org.dicomseg.ij.slide.SlideImageOpener}), remembering where an open image
 * lies on its slide ({@link org.dicomseg.ij.slide.SlidePlacement}) so exports land on the right
 * level, and finding the slide a tiled SEG was drawn on. May use ImageJ, the core (notably
 * {@code source.slide}) and {@code ij}.
 */
package org.dicomseg.ij.slide;
