/**
 * Reading any DICOM Segmentation lazily: {@link org.dicomseg.read.SegmentationReader} is the front
 * door (header and frame index on open — not parsed again when a file opened before in the session has the same
 * bytes before Pixel Data, {@code SegHeaderCache} — frames decoded one at a time on demand), with the header as
 * plain values ({@link org.dicomseg.read.SegmentationMetadata}) and one exception for every file it
 * cannot read ({@link org.dicomseg.read.SegReadException}). Planes and volumes are built above it,
 * in {@code reconstruct}. A SEG on a DICOMweb server is read the same way, its metadata as the header
 * and its frames fetched when read ({@link org.dicomseg.read.DicomWebSegmentation}). May use
 * {@code model}, {@code pixels}, {@code dicom}, {@code web}, {@code source.web} and PixelMed; never ImageJ.
 */
package org.dicomseg.read;
