/**
 * The DICOM file format at byte level, shared by the writer, the reader and the sources: element
 * and fragment walking (PS3.5 7.1, A.4), stored frames of any multi-frame image, streamed Pixel
 * Data, threaded fragment encoding, channel I/O, atomic output, stored frames fetched from elsewhere
 * by number ({@link org.dicomseg.dicom.FrameFetcher}: a server's tiles and SEG frames), the tags PixelMed lacks
 * ({@link org.dicomseg.dicom.SegTags}) and the transfer syntaxes read
 * ({@link org.dicomseg.dicom.SegTransferSyntax}) and written ({@link org.dicomseg.dicom.OutputTransferSyntax}).
 * A toolbox, no front door. May use {@code model}, {@code pixels} and PixelMed.
 */
package org.dicomseg.dicom;
