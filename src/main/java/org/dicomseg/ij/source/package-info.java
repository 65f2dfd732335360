/**
 * Source DICOM images from ImageJ's side: finding the series an open image came from
 * ({@link org.dicomseg.ij.source.SourceLocator}), ordering its files into planes
 * ({@link org.dicomseg.ij.source.SourceSeries}), finding the series a SEG refers to
 * ({@link org.dicomseg.ij.source.SegSourceSearch}; what it found kept for the session and checked against the files'
 * stamps on every use: {@link org.dicomseg.ij.source.SourceSearchCache}), the plane-by-plane record of an image's sources
 * ({@link org.dicomseg.ij.source.PlaneSources}) and reading the DICOM header text ImageJ keeps on
 * images it opened. May use ImageJ, the core and {@code ij}.
 */
package org.dicomseg.ij.source;
