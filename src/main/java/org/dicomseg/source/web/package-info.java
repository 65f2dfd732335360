/**
 * Source images on a DICOMweb server (PS3.18): the headers of a remote series or instance read
 * from WADO-RS metadata (DICOM JSON, PS3.18 F.2) — never its pixel data — as the
 * {@link org.dicomseg.source.SourceFile}s the writer takes, so a SEG references the remote
 * instances exactly as it references local files ({@link org.dicomseg.source.web.RemoteSeries},
 * the front door; {@link org.dicomseg.source.web.JsonAttributes} turns DICOM JSON into data sets;
 * {@link org.dicomseg.source.web.WadoFrames} fetches stored frames by WADO-RS frame retrieval;
 * {@link org.dicomseg.source.web.RemoteSeriesCache} keeps a series' headers for the session,
 * validated by one cheap request on each use).
 * May use {@code model}, {@code task}, {@code dicom}, {@code web}, {@code source} and PixelMed.
 */
package org.dicomseg.source.web;
