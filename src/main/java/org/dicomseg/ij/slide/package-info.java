/**
 * Whole slide images in ImageJ: opening a level or a region of a VL Whole Slide Microscopy image as
 * an ImagePlus ({@link org.dicomseg.ij.slide.SlideImageOpener}), remembering where an open image
 * lies on its slide ({@link org.dicomseg.ij.slide.SlidePlacement}) so exports land on the right
 * level (a level with several focal planes: a Z stack, one slice per focal plane), finding the
 * slide a tiled SEG was drawn on, and the slide named as a command line export's source
 * ({@link org.dicomseg.ij.slide.SlideSources}). May use ImageJ, the core (notably
 * {@code source.slide}) and {@code ij}.
 */
package org.dicomseg.ij.slide;
